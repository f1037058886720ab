"""Metrics, variation annotations analysis, reports."""

