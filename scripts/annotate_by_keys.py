#!/usr/bin/env python
"""Enter variation annotations by replaying key presses in the real annotation panel.

The example annotations in ``resources/examples/`` were made this way: an annotator looked at
each class's images, wrote down per image which variations it shows relative to the class's
reference (a *decisions* file), and this script turns the decisions into the panel's own keys
(R = reference, → = next image, 1-9, 0, - = the 11 variation types) and presses them in a real
window, so the catalog is filled exactly as by hand: through the panel, its undo stack and its
store. The keys are written out (``--keys``) and can be replayed alone. At the end the catalog
is checked against the decisions and the class scores are exported (``--export``, the
``class,reference,<11 variations>`` CSV with the scores derived from the flags).

    .venv/bin/python scripts/annotate_by_keys.py --project /tmp/P \\
        --import ../shared/data/rparis6k_subset_5x50/groups.csv \\
        --decisions resources/examples/rparis6k_panel_decisions.txt \\
        --keys resources/examples/rparis6k_panel_keys.txt \\
        --export resources/examples/rparis6k_panel_annotations.csv

Decisions file: ``[class]`` headers, then one ``file name: reference | - | Sc. Il. ...`` line per
image of the class in the panel's order (catalog order); ``#`` starts a comment. Keys file: one
``class NAME`` line per class, then its key names separated by spaces.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REFERENCE = "reference"


def read_decisions(path: Path) -> dict[str, list[tuple[str, str | frozenset[str]]]]:
    """Class -> [(image file name, "reference" or the set of variations it shows)], in file order."""
    from heritage_explorer.core.annotations import canonical_variation

    classes: dict[str, list[tuple[str, str | frozenset[str]]]] = {}
    current = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = classes.setdefault(line[1:-1].strip(), [])
            continue
        name, sep, value = line.partition(":")
        if current is None or not sep:
            sys.exit(f"{path}:{number}: expected '[class]' or 'file: reference | - | variations', got {raw!r}")
        value = value.strip()
        if value == REFERENCE:
            current.append((name.strip(), REFERENCE))
        else:
            current.append((name.strip(), frozenset(canonical_variation(v) for v in value.split() if v != "-")))
    return classes


def keys_for(decisions: dict[str, list[tuple[str, str | frozenset[str]]]]) -> list[tuple[str, list[str]]]:
    """The panel's keys for each class: per image its variation keys (or R), then → to the next."""
    from heritage_explorer.core.annotations import VARIATIONS
    from heritage_explorer.gui.widgets.annotation_panel import NEXT_KEYS, REFERENCE_KEY
    from heritage_explorer.gui.widgets.variation_editor import VARIATION_KEYS

    plan = []
    for class_name, images in decisions.items():
        keys: list[str] = []
        for position, (_name, decision) in enumerate(images):
            if decision == REFERENCE:
                keys.append(REFERENCE_KEY)
            else:
                keys += [key for key, variation in zip(VARIATION_KEYS, VARIATIONS, strict=True) if variation in decision]
            if position < len(images) - 1:
                keys.append(NEXT_KEYS[0])
        plan.append((class_name, keys))
    return plan


def write_keys(plan: list[tuple[str, list[str]]], path: Path) -> None:
    from heritage_explorer.core.atomic import atomic_write_text

    lines = ["# Keys pressed in the annotation panel by scripts/annotate_by_keys.py (one class per block)."]
    for class_name, keys in plan:
        lines += [f"class {class_name}", " ".join(keys)]
    atomic_write_text(path, "\n".join(lines) + "\n")


def read_keys(path: Path) -> list[tuple[str, list[str]]]:
    plan: list[tuple[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("class "):
            plan.append((line.removeprefix("class ").strip(), []))
        elif line and plan:
            plan[-1][1].extend(line.split())
    return plan


def replay(panel, plan: list[tuple[str, list[str]]], decisions=None) -> int:
    """Choose each class in the panel and press its keys on the panel's image grid; returns keys pressed."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    pressed = 0
    for class_name, keys in plan:
        index = panel.class_combo.findData(class_name)
        if index < 0:
            sys.exit(f"class {class_name!r} is not in this project")
        panel.class_combo.setCurrentIndex(index)
        QApplication.processEvents()
        if decisions is not None:
            shown = [os.path.basename(item.path) for item in panel.model.items]
            expected = [name for name, _ in decisions[class_name]]
            if shown != expected:
                odd = sorted(set(shown) ^ set(expected))
                sys.exit(f"{class_name}: the panel's {len(shown)} images differ from the {len(expected)} of the decisions "
                         + (f"(not in both: {', '.join(odd[:3])})" if odd else "(same names, another order)"))
        panel.view.setFocus()
        for key in keys:
            QTest.keyClick(panel.view, QKeySequence(key)[0].key())
            pressed += 1
        QApplication.processEvents()
    return pressed


def check(store, decisions) -> list[str]:
    """Differences between the catalog and the decisions (empty when the panel recorded them all)."""
    problems = []
    for class_name, images in decisions.items():
        annotation = store.get(class_name)
        by_name = {os.path.basename(row.path): row.id for row in store.catalog.images() if row.group == class_name}
        for name, decision in images:
            image_id = by_name[name]
            if decision == REFERENCE:
                if annotation.reference_image_id != image_id:
                    problems.append(f"{class_name}: {name} is not the reference")
            elif annotation.flags.get(image_id, frozenset()) != decision:
                problems.append(f"{class_name}: {name} has {sorted(annotation.flags.get(image_id, []))}, "
                                f"decided {sorted(decision)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--import", dest="source", help="collection to import first (creates the project)")
    parser.add_argument("--decisions", type=Path, help="per-image decisions to turn into keys and check")
    parser.add_argument("--keys", type=Path, help="keys file: written from --decisions, else replayed")
    parser.add_argument("--export", type=Path, help="write the class scores CSV (scores derived from the flags)")
    args = parser.parse_args(argv)
    if args.decisions is None and args.keys is None:
        parser.error("give --decisions or --keys")

    from PySide6.QtWidgets import QApplication

    from heritage_explorer.core.annotations import VARIATIONS, AnnotationStore
    from heritage_explorer.gui.compat import configure_interpreter
    from heritage_explorer.gui.main_window import MainWindow
    from heritage_explorer.gui.settings import AppSettings
    from heritage_explorer.pipeline import import_source, open_project

    if args.source:
        import_source(open_project(args.project, create=True), args.source)
    decisions = read_decisions(args.decisions) if args.decisions else None
    plan = keys_for(decisions) if decisions is not None else read_keys(args.keys)
    if decisions is not None and args.keys:
        write_keys(plan, args.keys)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_interpreter()
    settings_dir = tempfile.TemporaryDirectory(prefix="annotate-by-keys-")  # leave the user's settings alone
    window = MainWindow(AppSettings.from_file(str(Path(settings_dir.name) / "settings.ini")))
    window.resize(1400, 900)
    window.show()
    if not window.open_project(args.project):
        sys.exit(window.message_bar.label.text())
    window.show_annotation_panel()
    pressed = replay(window.annotation_panel, plan, decisions)
    store = AnnotationStore(window.project.catalog)
    problems = check(store, decisions) if decisions is not None else []
    for problem in problems:
        print(problem, file=sys.stderr)
    for class_name, _keys in plan:
        annotation = store.get(class_name)
        scores = " ".join(str(annotation.scores[v]) for v in VARIATIONS)
        print(f"{class_name:16s} {annotation.class_size:3d} images  scores {scores}  overall {annotation.overall}")
    print(f"{pressed} keys pressed in the panel, {window.edits.stack.count()} undoable edits", file=sys.stderr)
    if args.export:
        store.export_csv(args.export, effective=True)
        print(f"exported {args.export}", file=sys.stderr)
    window.runner.shutdown()
    window.close()
    app.processEvents()
    settings_dir.cleanup()
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
