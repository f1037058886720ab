"""Screenshot of the match view for the README (issue #18 part 2, #21 part 1), from the real window.

Usage: python scripts/screenshot_match_view.py PROJECT OUT.png [--method SPEC] [--query PATH] [--region X,Y,W,H]
         [--rank N] [--outliers] [--keypoints]
PROJECT needs the method's local features (default xfeat-1000) extracted. The window searches
with the catalog image --query (its --region only, when given), opens the match view of the
result at --rank (default: the best result other than the query itself) and grabs the dialog.
Runs offscreen unless QT_QPA_PLATFORM says otherwise (scripts/screenshot_local_search.sh: Xvfb).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from screenshot_window import open_window, wait  # scripts/ is on sys.path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--method", default="xfeat-1000")
    parser.add_argument("--query", default="images/herzjesu_0005.jpg")
    parser.add_argument("--region", help="x,y,w,h in pixels of the query image")
    parser.add_argument("--rank", type=int, help="the result to show (1 = first); default: the best other image")
    parser.add_argument("--outliers", action="store_true")
    parser.add_argument("--keypoints", action="store_true")
    parser.add_argument("--size", default="1500x660", metavar="WxH")
    args = parser.parse_args()
    from heritage_explorer.core.regions import parse_box

    app, window = open_window(args.project, args.method)
    wait(app, lambda: not window.catalog_loading, "the catalog")
    row = window.project.catalog.find_image(args.query)
    if row is None:
        raise SystemExit(f"screenshot_match_view: {args.query} is not in the catalog")
    if args.region:
        window.query_region(row.id, parse_box(args.region))
    else:
        window.query_image(row.id)
    wait(app, lambda: window.search_view.model.rowCount() > 0 and not window.runner.is_busy(), "the results")
    items = window.search_view.model.items
    item = items[args.rank - 1] if args.rank else next(i for i in items if i.image_id != row.id)
    view = window.matches.open(item.image_id)
    if view is None:
        raise SystemExit(f"screenshot_match_view: {args.method} results have no matches to show")
    width, _, height = args.size.partition("x")
    view.resize(int(width), int(height))
    wait(app, lambda: view.loaded or "Cannot" in view.status.text(), "the pair")
    if not view.loaded:
        raise SystemExit(f"screenshot_match_view: {view.status.text()}")
    view.outliers_box.setChecked(args.outliers)
    view.keypoints_box.setChecked(args.keypoints)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.05)
    view.view.fit()
    app.processEvents()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not view.grab().save(str(args.out)):
        raise SystemExit(f"screenshot_match_view: could not write {args.out}")
    print(f"{args.out}: {view.status.text()}")
    view.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
