"""Item delegates: how a thumbnail cell is painted."""
