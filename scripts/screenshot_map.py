"""Screenshots of View ▸ Collection map for the README (issue #21 part 3), from the real window.

Usage: python scripts/screenshot_map.py PROJECT [OUT_DIR] [--method SPEC]
PROJECT needs the method extracted (default efflite0-gem). Writes collection-map.png (the whole
map: dots by class) and collection-map-close.png (zoomed in on the densest spot: thumbnails).
Runs offscreen unless QT_QPA_PLATFORM says otherwise; the same project gives the same pictures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from screenshot_window import open_window, wait  # scripts/ is on sys.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--method", default="efflite0-gem")
    args = parser.parse_args()
    from heritage_explorer.gui.menus import open_collection_map

    app, window = open_window(args.project, args.method)
    wait(app, window.thumbnails_settled)
    dialog = open_collection_map(window)
    if dialog is None:
        raise SystemExit(f"screenshot_map: no {args.method} descriptors in {args.project}")
    wait(app, lambda: dialog.collection_map is not None)
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(args.out / "collection-map.png"))
    xy = dialog.view.xy
    crowd = ((xy[:, None] - xy[None]) ** 2).sum(axis=2) < (2 * 64.0) ** 2  # neighbours within two tiles
    densest = xy[int(np.argmax(crowd.sum(axis=1)))]
    dialog.view.set_zoom(1.3)
    dialog.view.centerOn(*densest)
    dialog.view.refresh()

    def thumbnails_drawn() -> bool:  # every thumbnail asked for has arrived and been painted
        dialog.view.viewport().grab()
        return window.loader.is_idle() and any(item.drew_thumbnail for item in dialog.view.thumbnails.values())

    wait(app, thumbnails_drawn)
    dialog.grab().save(str(args.out / "collection-map-close.png"))
    print(f"screenshots in {args.out}: collection-map.png, collection-map-close.png", file=sys.stderr)
    dialog.close()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
