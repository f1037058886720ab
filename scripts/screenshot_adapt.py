#!/usr/bin/env python
"""Screenshots of the "Adapt to this collection" job and its before/after dashboard (issue #19 part 5).

    DISPLAY=:95 QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_adapt.py PROJECT OUT_DIR [--name paris]

Opens PROJECT (a collection with ``efflite0-gem`` extracted and variation annotations:
``scripts/screenshot-adapt.sh`` builds rparis6k_subset_5x50 so), asks for an adaptation through
the dialog as a user would (base ``efflite0-gem``, supervision none, seed 1), runs the job,
and writes into OUT_DIR:

* ``adapt-dialog.png``: the dialog, filled;
* ``adapt-progress.png``: the window while the job verifies pairs (progress in the extraction panel);
* ``adapt-dashboard.png``: the evaluation dashboard's "Before / after adaptation" page once the
  job has ended (per-class mAP before and after, Table 1 for both, the protocol).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_panels import grab, settle, wait_for  # noqa: E402
from screenshot_window import project_arguments, settled_window  # noqa: E402


def main() -> int:
    args, out = project_arguments(__doc__.splitlines()[0], "paris")
    with settled_window(args.project) as (app, window):
        controller = window.adaptation
        dialog = controller.open_dialog()
        if dialog is None:
            sys.exit(f"screenshot_adapt: no dialog: {window.message_bar.label.text()}")
        dialog.base.setCurrentText("efflite0-gem")
        dialog.name.setText(args.name)
        dialog.seed.setValue(1)
        app.processEvents()
        time.sleep(0.3)
        app.processEvents()
        if not dialog.grab().save(str(out / "adapt-dialog.png")):
            sys.exit("screenshot_adapt: could not write adapt-dialog.png")
        dialog.ok_button.click()
        if controller.job is None:
            sys.exit(f"screenshot_adapt: the job did not start: {window.message_bar.label.text()}")
        wait_for(lambda: not controller.running or "pairs/s" in controller.box.rate.text(), "the mining")
        if controller.running:
            grab(window, out / "adapt-progress.png")
        wait_for(lambda: not controller.running, "the adaptation")
        if controller.last_result is None:
            sys.exit(f"screenshot_adapt: the adaptation failed: {window.message_bar.label.text()}")
        spec = controller.last_result["spec"]
        view = window.analysis_panels.dashboard.before_after
        wait_for(lambda: view.shown is not None and view.shown[1] == spec, "the dashboard's before/after page")
        settle(window, "the dashboard")
        grab(window, out / "adapt-dashboard.png")
        print(view.summary.text(), file=sys.stderr)
        window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
