"""Catalog, image I/O, project layout, jobs. Imports nothing from the layers above."""

