"""One panel or dialog per module."""
