#!/usr/bin/env python
"""Screenshot of an adaptation's mined pairs in the app (issue #19 part 1).

    DISPLAY=:94 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_mined_pairs.py PROJECT OUT_DIR [--name NAME]

Opens PROJECT (with ``P/adapt/NAME/pairs.json``: ``scripts/screenshot-mined-pairs.sh`` builds
strecha_mvs and runs ``adapt --dry-run`` on it), presses *Mined pairs…* in the Adaptation box,
waits for the pairs and their thumbnails, and writes ``mined-pairs.png`` (the dialog, sorted by
inliers) into OUT_DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_panels import settle, wait_for  # noqa: E402
from screenshot_window import project_arguments, settled_window  # noqa: E402


def main() -> int:
    args, out = project_arguments(__doc__.splitlines()[0], "strecha")
    from PySide6.QtCore import Qt

    from heritage_explorer.gui.models.mined_pairs import Column

    with settled_window(args.project) as (app, window):
        dialog = window.adaptation.show_pairs(args.name)
        if dialog is None:
            sys.exit(f"screenshot_mined_pairs: no pairs: {window.message_bar.label.text()}")
        dialog.resize(1100, 760)
        wait_for(lambda: dialog.loaded, "the pairs")
        if dialog.error:
            sys.exit(f"screenshot_mined_pairs: {dialog.error}")
        dialog.table.selectRow(0)
        rows = range(min(dialog.proxy.rowCount(), 8))
        decorated = Qt.ItemDataRole.DecorationRole

        def painted() -> bool:
            app.processEvents()
            return all(dialog.proxy.index(r, c).data(decorated) is not None
                       for r in rows for c in (Column.IMAGE_A, Column.IMAGE_B))

        wait_for(painted, "the thumbnails")
        settle(window, "the dialog")
        if not dialog.grab().save(str(out / "mined-pairs.png")):
            sys.exit("screenshot_mined_pairs: could not write mined-pairs.png")
        print(f"saved {out / 'mined-pairs.png'}: {dialog.summary.text()}", file=sys.stderr)
        dialog.close()
        window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
