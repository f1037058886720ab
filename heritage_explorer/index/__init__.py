"""Nearest-neighbour indexes. The only layer that imports hnswlib."""
