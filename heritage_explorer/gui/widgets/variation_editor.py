"""The 11 variation types of one image (checkboxes) and the class's predominance scores (Alegoria §2.2).

Each row: the checkbox of a variation for the current image (with its key), how many images of
the class show it, and the class's score — "auto" (derived live from the flags with the paper's
thresholds, :func:`core.annotations.derive_predominance`) or a value set by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from heritage_explorer.core.annotations import (
    MAX_SCORE,
    VARIATIONS,
    ClassAnnotation,
    derive_predominance,
)
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.vocabulary import score_meaning, variation_name

#: The key that toggles each variation, in the paper's order: 1-9, 0, then the key right of 0.
VARIATION_KEYS: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-")

#: Short explanations, after Gominski et al. 2019 §2.2 ("only variations presenting a high level
#: of difficulty were counted", always relative to the class's reference image).
VARIATION_HELP: dict[str, str] = {
    "Scale": QT_TRANSLATE_NOOP("VariationEditor", "The object is much closer or farther than in the "
                                                  "reference (a detail, or a distant view)."),
    "Illumination": QT_TRANSLATE_NOOP("VariationEditor", "Lighting clearly differs from the reference: "
                                                         "night, strong shadows, over/under-exposure."),
    "Orientation": QT_TRANSLATE_NOOP("VariationEditor", "The viewpoint or angle of view changes a lot "
                                                        "(another side, oblique or aerial view, tilt)."),
    "Color": QT_TRANSLATE_NOOP("VariationEditor", "Another colour domain than the reference: grayscale, "
                                                  "sepia, tinted or faded colours."),
    "Domain representation": QT_TRANSLATE_NOOP("VariationEditor", "Not the same kind of picture: drawing, "
                                                                  "painting, engraving, map, postcard art."),
    "Occlusion": QT_TRANSLATE_NOOP("VariationEditor", "Part of the object is hidden by something in front of "
                                                      "it (people, trees, vehicles)."),
    "Positioning": QT_TRANSLATE_NOOP("VariationEditor", "The object of interest is not central in the "
                                                        "picture (off to a side, partly out of frame)."),
    "Clutter": QT_TRANSLATE_NOOP("VariationEditor", "Many other things around the object draw attention away "
                                                    "from it."),
    "Undistinctiveness": QT_TRANSLATE_NOOP("VariationEditor", "The object is hard to make out, even for a "
                                                              "person (blurred, tiny, ambiguous)."),
    "Alterations": QT_TRANSLATE_NOOP("VariationEditor", "The picture itself is damaged: chemical degradation, stains, scratches, tears, heavy "
                   "processing or marks added on the image."),
    "Time changes": QT_TRANSLATE_NOOP("VariationEditor", "The object or its surroundings changed over a long time span (works, new buildings, "
                    "demolition, seasons of vegetation)."),
}

AUTO = QT_TRANSLATE_NOOP("VariationEditor", "auto")
SCORE_TIP = QT_TRANSLATE_NOOP("VariationEditor", "Predominance score of the class: auto = derived from the flagged "
                              "images (0 none, 1 one image, 3 more than a third of the class, else 2); or "
                              "set it by hand")


class VariationEditor(QWidget):
    """Checkboxes for the current image and score choosers for the class, in one grid."""

    flag_toggled = Signal(str)  # variation whose checkbox the user clicked
    score_chosen = Signal(str, object)  # variation, 0-3 or None (auto)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        self.counts: dict[str, QLabel] = {}
        self.combos: dict[str, QComboBox] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        titles = (translate("VariationEditor", "Shows (key)"), translate("VariationEditor", "Images"),
                  translate("VariationEditor", "Class score"))
        for column, title in enumerate(titles):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        for row, (variation, key) in enumerate(zip(VARIATIONS, VARIATION_KEYS, strict=True), start=1):
            box = QCheckBox(f"{key}  {variation_name(variation)}")
            box.setToolTip(translate("VariationEditor", "{variation} (key {key}): {help}").format(
                variation=variation_name(variation), key=key,
                help=translate("VariationEditor", VARIATION_HELP[variation])))
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the panel, not to a checkbox
            box.clicked.connect(lambda _checked, v=variation: self.flag_toggled.emit(v))
            count = QLabel("0")
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setToolTip(translate("VariationEditor", "Images of the class flagged with this variation"))
            combo = QComboBox()
            combo.addItem(translate("VariationEditor", AUTO), None)
            for score in range(MAX_SCORE + 1):
                combo.addItem(f"{score} — {score_meaning(score)}", score)
            combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            combo.setToolTip(translate("VariationEditor", SCORE_TIP))
            combo.activated.connect(lambda index, v=variation, c=combo: self.score_chosen.emit(v, c.itemData(index)))
            grid.addWidget(box, row, 0)
            grid.addWidget(count, row, 1)
            grid.addWidget(combo, row, 2)
            self.boxes[variation], self.counts[variation], self.combos[variation] = box, count, combo
        self.overall = QLabel()
        self.overall.setToolTip(translate("VariationEditor", "Sum of the 11 class scores (§4.1 of the paper, "
                                                             "Table 3 'Overall')"))
        self.image_note = QLabel()
        self.image_note.setWordWrap(True)
        rules = QLabel(translate("VariationEditor", "Class scores (Gominski et al. 2019, §2.2), counted over the images of the class: "
                       "0 none · 1 one image · 2 several · 3 more than a third. <i>auto</i> follows the "
                       "ticks; "
                       "choose a value to override it. Hover a variation for what it means."))
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image_note)
        layout.addLayout(grid)
        layout.addWidget(self.overall)
        layout.addWidget(rules)
        layout.addStretch(1)
        self.set_class(None)

    def set_class(self, annotation: ClassAnnotation | None) -> None:
        """Counts, derived and chosen scores, overall difficulty of the class (None: no class)."""
        counts = annotation.flag_counts if annotation is not None else {}
        for variation in VARIATIONS:
            n = counts.get(variation, 0)
            self.counts[variation].setText(str(n))
            combo = self.combos[variation]
            combo.setEnabled(annotation is not None and annotation.reference_image_id is not None)
            combo.setToolTip(translate("VariationEditor", SCORE_TIP) if combo.isEnabled() else translate("VariationEditor", "Choose the class's reference first: "
                             "the scores count the images that vary from it"))
            if annotation is None:
                combo.setItemText(0, translate("VariationEditor", AUTO))
                combo.setCurrentIndex(0)
                continue
            derived = derive_predominance(n, annotation.class_size)
            combo.setItemText(0, translate("VariationEditor", "auto: {derived} — {meaning}").format(
                derived=derived, meaning=score_meaning(derived).split(" (")[0]))
            explicit = annotation.explicit.get(variation)
            combo.setCurrentIndex(0 if explicit is None else explicit + 1)
            font = combo.font()
            font.setBold(explicit is not None)
            combo.setFont(font)
        if annotation is None:
            self.overall.setText("")
        else:
            overridden = len(annotation.explicit)
            self.overall.setText(
                translate("VariationEditor", "<b>Overall difficulty: {overall}</b> (of {maximum})").format(
                    overall=annotation.overall, maximum=len(VARIATIONS) * MAX_SCORE)
                + (translate("VariationEditor", " — {overridden} score(s) set by hand").format(
                    overridden=overridden) if overridden else ""))

    def set_image(self, flags: frozenset[str], *, enabled: bool, note: str = "") -> None:
        """Tick the variations the current image shows; ``enabled`` False for the reference or no image."""
        for variation, box in self.boxes.items():
            box.setChecked(variation in flags)
            box.setEnabled(enabled)
        self.image_note.setText(note)

    def score(self, variation: str) -> int | None:
        """The score chosen for ``variation`` (None: auto)."""
        return self.combos[variation].currentData()
