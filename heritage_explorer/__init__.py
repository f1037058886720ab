"""Heritage Explorer: explore iconographic collections by visual similarity."""

__version__ = "0.1.0"
