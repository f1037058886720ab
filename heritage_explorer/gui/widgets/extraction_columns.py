"""The columns of the extraction panel's method list, its option boxes, and the cost column
(:mod:`heritage_explorer.pipeline.cost_estimate`, shown as an estimate: "~3 min, 12 MB")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QTreeWidgetItem

from heritage_explorer.gui.i18n import translate
from heritage_explorer.pipeline.cost_estimate import CostEstimate, format_cost

#: flag, label, tool tip (translated where shown)
OPTIONS = (("+gray", QT_TRANSLATE_NOOP("ExtractionPanel", "Grayscale (+gray)"), QT_TRANSLATE_NOOP("ExtractionPanel", "Describe the images in grey levels (Alegoria Table 2)")),
           ("+ms", QT_TRANSLATE_NOOP("ExtractionPanel", "Multi-scale (+ms)"), QT_TRANSLATE_NOOP("ExtractionPanel", "Combine scales 1, 1/√2 and 1/2")),
           ("+pcaw512", QT_TRANSLATE_NOOP("ExtractionPanel", "PCA-whitening (+pcaw512)"),
            QT_TRANSLATE_NOOP("ExtractionPanel", "Whiten to 512 dimensions, fitted on this collection")),
           ("+pca256", QT_TRANSLATE_NOOP("ExtractionPanel", "PCA (+pca256)"),
            QT_TRANSLATE_NOOP("ExtractionPanel", "Reduce to 256 dimensions by PCA without whitening, fitted "
                                                 "on this collection")))
EXTRACTED_COLUMN = QT_TRANSLATE_NOOP("ExtractionPanel", "Extracted")
COLUMNS = (QT_TRANSLATE_NOOP("ExtractionPanel", "Method"), QT_TRANSLATE_NOOP("ExtractionPanel", "Kind"), QT_TRANSLATE_NOOP("ExtractionPanel", "Dim"), QT_TRANSLATE_NOOP("ExtractionPanel", "Weights"), EXTRACTED_COLUMN,
           QT_TRANSLATE_NOOP("ExtractionPanel", "Fitted on the collection"),
           QT_TRANSLATE_NOOP("ExtractionPanel", "Estimate (time, disk)"))
KIND, DIM, WEIGHTS, EXTRACTED, FITTED, COST = range(1, 7)
KIND_NAMES = {"global": QT_TRANSLATE_NOOP("ExtractionPanel", "global"), "netvlad": "NetVLAD", "colour": QT_TRANSLATE_NOOP("ExtractionPanel", "colour"), "local": QT_TRANSLATE_NOOP("ExtractionPanel", "local"),
              "adapted": QT_TRANSLATE_NOOP("ExtractionPanel", "adapted")}
GROUP_NAMES = {"Global CNN poolings": QT_TRANSLATE_NOOP("ExtractionPanel", "Global CNN poolings"), "NetVLAD": "NetVLAD",
               "Colour histogram": QT_TRANSLATE_NOOP("ExtractionPanel", "Colour histogram"), "Local features": QT_TRANSLATE_NOOP("ExtractionPanel", "Local features"),
               "Adaptations of this project": QT_TRANSLATE_NOOP("ExtractionPanel", "Adaptations of this project")}  # pipeline.method_list.GROUPS
#: pipeline.cost_estimate's units and sources, as shown
UNITS = {"s": QT_TRANSLATE_NOOP("ExtractionPanel", "s"), "min": QT_TRANSLATE_NOOP("ExtractionPanel", "min"),
         "h": QT_TRANSLATE_NOOP("ExtractionPanel", "h"), "B": QT_TRANSLATE_NOOP("ExtractionPanel", "B"),
         "kB": QT_TRANSLATE_NOOP("ExtractionPanel", "kB"), "MB": QT_TRANSLATE_NOOP("ExtractionPanel", "MB"),
         "GB": QT_TRANSLATE_NOOP("ExtractionPanel", "GB")}
SOURCES = {"measured in this project": QT_TRANSLATE_NOOP("ExtractionPanel", "measured in this project"),
           "benchmark": QT_TRANSLATE_NOOP("ExtractionPanel", "benchmark of the development machine (README, Performance)"),
           "benchmark, scaled by multiply-adds": QT_TRANSLATE_NOOP(
               "ExtractionPanel", "benchmark of efflite0, scaled by the network's published multiply-adds"),
           "benchmark (decoding-bound, as ORB)": QT_TRANSLATE_NOOP(
               "ExtractionPanel", "benchmark: decoding-bound, as ORB"),
           "no figure": QT_TRANSLATE_NOOP("ExtractionPanel", "no figure to estimate from")}


def cost_text(cost: CostEstimate) -> str:
    """:func:`~heritage_explorer.pipeline.cost_estimate.format_cost` in the interface's units."""
    return format_cost(cost, {key: translate("ExtractionPanel", text) for key, text in UNITS.items()})


def with_costs(specs: Iterable[str], costs: Mapping[str, CostEstimate]) -> str:
    """``efflite0-gem (~2 min, 389 kB), xfeat-1000 (~18 s, 11 MB)``: the planned specs with their estimates."""
    by_spec = {cost.spec: cost for cost in costs.values()}
    return ", ".join(f"{spec} ({cost_text(by_spec[spec])})" if spec in by_spec else spec for spec in specs)


def show_costs(items: Iterable[QTreeWidgetItem], costs: Mapping[str, CostEstimate]) -> None:
    """Write each method row's estimate in the :data:`COST` column (its tool tip says where it comes from)."""
    for item in items:
        cost = costs.get(item.data(0, Qt.ItemDataRole.UserRole))
        if cost is None:
            item.setText(COST, "")
            continue
        item.setText(COST, cost_text(cost))
        item.setToolTip(COST, translate("ExtractionPanel", "Estimate for {spec} on the {images} images of this "
                                                           "project: {cost} ({source}). Re-rankings and query "
                                                           "expansion add nothing: they use their parts' stores.").format(
            spec=cost.spec, images=cost.images, cost=cost_text(cost),
            source=translate("ExtractionPanel", SOURCES.get(cost.source, cost.source))))
