"""Screenshot of the extraction panel's method builder for the README (issue #18 part 1), from the real window.

Usage: python scripts/screenshot_builder.py PROJECT OUT.png
PROJECT needs efflite0-gem and xfeat-1000 extracted (scripts/screenshot-builder.sh makes it on
strecha_mvs). The builder composes efflite0-gem+aqe5>>xfeat-1000+fundamental@100 from its boxes,
with its Verification part unfolded, the window searches with it, and the whole window is grabbed
(the Method box, the results with their inlier counts, the panel with the builder).
Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from screenshot_window import open_window, wait  # scripts/ is on sys.path

QUERY = "images/herzjesu_0005.jpg"
BUILT = "efflite0-gem+aqe5>>xfeat-1000+fundamental@100"


def main() -> int:
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    app, window = open_window(project, "efflite0-gem")
    window.resize(1600, 1000)
    wait(app, lambda: not window.catalog_loading, "the catalog")
    window.extraction_dock.show()
    builder = window.method_builder.builder
    builder.choose("efflite0-gem", "xfeat-1000", 100, qe=5, geometry="fundamental")
    builder.verification_button.setChecked(True)
    if str(builder.method()) != BUILT:
        raise SystemExit(f"screenshot_builder: the builder made {builder.method()}, not {BUILT}")
    builder.search_button.click()  # into the Method box
    row = window.project.catalog.find_image(QUERY)
    window.query_image(row.id)
    wait(app, lambda: window.search_view.spec == BUILT and window.search_view.model.rowCount() > 0
         and not window.runner.is_busy(), "the results")
    scroll = builder.parentWidget()
    while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parentWidget()
    if scroll is not None:
        scroll.ensureWidgetVisible(builder.spec_label)
    for _ in range(50):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"screenshot_builder: cannot write {out}")
    print(f"{out}: {BUILT}, {window.search_view.model.rowCount()} results")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
