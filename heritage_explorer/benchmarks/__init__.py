"""Benchmarks behind `heritage-explorer bench`: each compares against a reference measured in the same run."""
