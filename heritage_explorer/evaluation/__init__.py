"""Metrics, variation analysis and reports (Gominski et al. 2019, §2.2 and §4; Chen et al. survey, §6.2).

* ``metrics``: AP as in the Alegoria paper, per-class / global mAP, precision@k, revisited E/M/H.
* ``variations``: Pearson correlation between variation scores and mAP (Table 1), grayscale table (Table 2).
* ``tables``: the per-class results table (Table 3): text, CSV, JSON, HTML; reading a Table 3 CSV.
* ``comparison``: per-query A-versus-B comparison.
* ``reports``: self-contained HTML report with CSV/JSON and provenance.

Imports only ``core`` and numpy; matplotlib is imported lazily inside the report figures.
"""
