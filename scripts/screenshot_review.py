"""Screenshots of the near-duplicate panel and of a labelled lasso on the collection map, for the
README (issue #21 part 3), from the real window.

Usage: python scripts/screenshot_review.py PROJECT [OUT_DIR] [--method SPEC] [--label NAME]
PROJECT needs the method extracted (default efflite0-gem) and its near-duplicate groups found
(``P/near_duplicates.json``, by the panel's Find groups or ``pipeline.duplicate_review.find_groups``).
Writes near-duplicates-panel.png (View ▸ Near-duplicate groups, showing the first group with a
file named like ``--showing``, default a rotated copy of make_near_duplicate_set.py) and
collection-map-lasso.png (a Shift+drag lasso around the largest class's images, labelled NAME
through Label selection, the map coloured by label). The label is given to the project's
catalog (one undoable edit in the window; it stays after the script). Runs under the platform
QT_QPA_PLATFORM names (offscreen by default; scripts/screenshot-review.sh runs it under Xvfb).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from screenshot_window import open_window, wait  # scripts/ is on sys.path


def _settle(app, seconds: float = 0.5) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _panel(app, window, out: Path, showing: str) -> None:
    from heritage_explorer.gui.menus import open_near_duplicates

    dialog = open_near_duplicates(window)
    if dialog is None:
        raise SystemExit("screenshot_review: no global method extracted")
    wait(app, lambda: dialog.review is not None or "No groups" in dialog.status.text())
    if dialog.review is None or not dialog.review.groups:
        raise SystemExit("screenshot_review: no near-duplicate groups saved in the project; find them first")
    groups = dialog.review.groups
    chosen = [i for i, g in enumerate(groups) if any(showing in Path(p).name for p in g.images)]
    largest = max(range(len(groups)), key=lambda i: len(groups[i].images))
    dialog.groups.setCurrentRow(chosen[0] if chosen else largest)
    wait(app, lambda: window.loader.is_idle())
    _settle(app)
    dialog.grab().save(str(out / "near-duplicates-panel.png"))
    dialog.close()


def _lasso(app, window, out: Path, label: str) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from heritage_explorer.gui.menus import open_collection_map

    dialog = open_collection_map(window)
    if dialog is None:
        raise SystemExit("screenshot_review: no map")
    wait(app, lambda: dialog.collection_map is not None)
    view = dialog.view
    view.fit()
    groups = [p.group for p in dialog.points]
    biggest = Counter(g for g in groups if g).most_common(1)[0][0]
    members = view.xy[[g == biggest for g in groups]]
    centre = np.median(members, axis=0)
    radius = float(np.percentile(np.linalg.norm(members - centre, axis=1), 80)) + 40.0
    angles = np.linspace(0, 2 * np.pi, 40)
    wobble = 1 + 0.12 * np.sin(3 * angles)  # a hand-drawn loop, not a circle
    ring = [QPointF(centre[0] + radius * w * np.cos(a), centre[1] + radius * w * np.sin(a))
            for a, w in zip(angles, wobble, strict=True)]
    points = [view.mapFromScene(p) for p in ring]
    shift = Qt.KeyboardModifier.ShiftModifier
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, shift, points[0])
    for where in points[1:]:
        QTest.mouseMove(view.viewport(), where)
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, shift, points[-1])
    if not view.selected.any():
        raise SystemExit("screenshot_review: the lasso selected nothing")
    dialog.label_selection(label)
    dialog.colour_by("label")
    _settle(app)
    view.fit()  # the legend grew: the whole map again
    _settle(app)
    dialog.grab().save(str(out / "collection-map-lasso.png"))
    print(f"lasso: {int(view.selected.sum())} images around {biggest}, labelled {label!r}", file=sys.stderr)
    dialog.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--method", default="efflite0-gem")
    parser.add_argument("--label", default="to check")
    parser.add_argument("--showing", default="rot90", metavar="TEXT",
                        help="the panel shows the first group with an image whose file name has TEXT "
                             "(default rot90: a rotated copy); else the largest group")
    args = parser.parse_args()
    app, window = open_window(args.project, args.method)
    wait(app, window.thumbnails_settled)
    args.out.mkdir(parents=True, exist_ok=True)
    _panel(app, window, args.out, args.showing)
    _lasso(app, window, args.out, args.label)
    print(f"screenshots in {args.out}: near-duplicates-panel.png, collection-map-lasso.png", file=sys.stderr)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
