"""Refilling a combo box without emitting a change for every intermediate state."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill_combo(combo: QComboBox, items: Sequence[str], keep: str | None) -> str:
    """Replace the items of ``combo``, selecting ``keep`` when it is still there (else the first);
    no signal is emitted. Returns the selected text."""
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItems(list(items))
        if keep is not None and keep in items:
            combo.setCurrentText(keep)
        return combo.currentText()
    finally:
        combo.blockSignals(False)
