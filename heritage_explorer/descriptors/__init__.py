"""Descriptor extraction. The only layer that imports torch/torchvision (lazily)."""

