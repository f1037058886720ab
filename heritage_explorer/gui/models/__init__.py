"""Qt item models over the catalog and over search results."""
