"""Shown names of the paper's variations and predominance scores (Gominski et al. 2019, §2.2).

The catalog, the CSV files and the settings keep the English names of
:data:`core.annotations.VARIATIONS` (they are data); the window shows them through these
functions, which translate them (context ``Variations``)."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.message_text import template_pattern

#: English name -> the same, marked for lupdate (the source text of each translation).
VARIATION_NAMES: dict[str, str] = {
    "Scale": QT_TRANSLATE_NOOP("Variations", "Scale"),
    "Illumination": QT_TRANSLATE_NOOP("Variations", "Illumination"),
    "Orientation": QT_TRANSLATE_NOOP("Variations", "Orientation"),
    "Color": QT_TRANSLATE_NOOP("Variations", "Color"),
    "Domain representation": QT_TRANSLATE_NOOP("Variations", "Domain representation"),
    "Occlusion": QT_TRANSLATE_NOOP("Variations", "Occlusion"),
    "Positioning": QT_TRANSLATE_NOOP("Variations", "Positioning"),
    "Clutter": QT_TRANSLATE_NOOP("Variations", "Clutter"),
    "Undistinctiveness": QT_TRANSLATE_NOOP("Variations", "Undistinctiveness"),
    "Alterations": QT_TRANSLATE_NOOP("Variations", "Alterations"),
    "Time changes": QT_TRANSLATE_NOOP("Variations", "Time changes"),
}
ABBREVIATION_NAMES: dict[str, str] = {
    "Scale": QT_TRANSLATE_NOOP("Variations", "Sc."),
    "Illumination": QT_TRANSLATE_NOOP("Variations", "Il."),
    "Orientation": QT_TRANSLATE_NOOP("Variations", "Or."),
    "Color": QT_TRANSLATE_NOOP("Variations", "Co."),
    "Domain representation": QT_TRANSLATE_NOOP("Variations", "Do."),
    "Occlusion": QT_TRANSLATE_NOOP("Variations", "Oc."),
    "Positioning": QT_TRANSLATE_NOOP("Variations", "Po."),
    "Clutter": QT_TRANSLATE_NOOP("Variations", "Cl."),
    "Undistinctiveness": QT_TRANSLATE_NOOP("Variations", "Un."),
    "Alterations": QT_TRANSLATE_NOOP("Variations", "Al."),
    "Time changes": QT_TRANSLATE_NOOP("Variations", "Ti."),
}
SCORE_NAMES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Variations", "none"),
    QT_TRANSLATE_NOOP("Variations", "anecdotal (one image or fewer)"),
    QT_TRANSLATE_NOOP("Variations", "multiple images"),
    QT_TRANSLATE_NOOP("Variations", "predominant (> 1/3 of the class)"),
)


def variation_name(variation: str) -> str:
    """The shown name of ``variation`` (one of ``VARIATIONS``), in the interface language."""
    return translate("Variations", VARIATION_NAMES.get(variation, variation))


def variation_abbreviation(variation: str) -> str:
    """The shown abbreviation (column headers, undo texts) of ``variation``."""
    return translate("Variations", ABBREVIATION_NAMES.get(variation, variation))


def score_meaning(score: int) -> str:
    """What a predominance score 0–3 means, in the interface language."""
    return translate("Variations", SCORE_NAMES[score])


OVERALL_NAME = QT_TRANSLATE_NOOP("Variations", "Overall difficulty")  # core.annotations.OVERALL
RANK_NAMES = (QT_TRANSLATE_NOOP("Variations", "1st"), QT_TRANSLATE_NOOP("Variations", "2nd"),
              QT_TRANSLATE_NOOP("Variations", "3rd"))  # evaluation.tables.RANK_LABELS


def row_name(name: str) -> str:
    """A row of the correlation table shown: a variation's name or the overall difficulty."""
    return translate("Variations", OVERALL_NAME) if name == OVERALL_NAME else variation_name(name)


def rank_name(rank: int) -> str:
    """1st, 2nd, 3rd (the top-3 mAP of a class), in the interface language."""
    return translate("Variations", RANK_NAMES[rank])


#: The stages that jobs below the gui report (``core.jobs.Progress.stage``: plain English, as the
#: command line prints them), as templates whose ``{fields}`` stand for names and numbers; the
#: more specific template of two that could match comes first. ``tests/gui/test_translations.py``
#: checks that every stage written in the package matches one.
STAGE_TEMPLATES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Stages", "extracting on {workers} workers"),
    QT_TRANSLATE_NOOP("Stages", "extracting {methods}"),
    QT_TRANSLATE_NOOP("Stages", "indexing {method}"),
    QT_TRANSLATE_NOOP("Stages", "index"),
    QT_TRANSLATE_NOOP("Stages", "build {size}"),
    QT_TRANSLATE_NOOP("Stages", "reading images"),
    QT_TRANSLATE_NOOP("Stages", "Downloading IIIF images"),
    QT_TRANSLATE_NOOP("Stages", "download {name}"),
    QT_TRANSLATE_NOOP("Stages", "verifying neighbours with {method}"),
    QT_TRANSLATE_NOOP("Stages", "verifying {method}"),
    QT_TRANSLATE_NOOP("Stages", "verifying"),
    QT_TRANSLATE_NOOP("Stages", "local retrieval {method}"),
    QT_TRANSLATE_NOOP("Stages", "describing {count} augmented view(s) per image"),
    QT_TRANSLATE_NOOP("Stages", "fine-tuning: computing the frozen stages"),
    QT_TRANSLATE_NOOP("Stages", "fine-tuning, epoch {epoch}/{epochs}"),
    QT_TRANSLATE_NOOP("Stages", "near-duplicates: thumbnails"),
    QT_TRANSLATE_NOOP("Stages", "near-duplicates: verifying pairs"),
    QT_TRANSLATE_NOOP("Stages", "laying out (UMAP)"),
    QT_TRANSLATE_NOOP("Stages", "laying out (t-SNE)"),
    QT_TRANSLATE_NOOP("Stages", "nearest neighbours"),
    QT_TRANSLATE_NOOP("Stages", "comparing methods"),
    QT_TRANSLATE_NOOP("Stages", "evaluating"),
    QT_TRANSLATE_NOOP("Stages", "reference images"),
    QT_TRANSLATE_NOOP("Stages", "writing the report"),
    QT_TRANSLATE_NOOP("Stages", "drawing the figures"),
    QT_TRANSLATE_NOOP("Stages", "search benchmark"),
    QT_TRANSLATE_NOOP("Stages", "memory benchmark"),
)


_STAGE_PATTERNS = tuple((template, template_pattern(template)) for template in STAGE_TEMPLATES)


def _stage_match(stage: str) -> tuple[str, re.Match[str]] | None:
    """The template of :data:`STAGE_TEMPLATES` that ``stage`` was written from, with its fields."""
    for template, pattern in _STAGE_PATTERNS:
        match = pattern.match(stage)
        if match:
            return template, match
    return None


def stage_template(stage: str) -> str | None:
    """The template of :data:`STAGE_TEMPLATES` that ``stage`` was written from, if any."""
    found = _stage_match(stage)
    return found[0] if found else None


def stage_text(stage: str) -> str:
    """A job's stage in the interface language: its template translated, its names and numbers
    kept (method specs and file names are not translated). A stage of no template is shown as is."""
    found = _stage_match(stage)
    if found is None:
        return stage
    template, match = found
    return translate("Stages", template).format(**match.groupdict())
