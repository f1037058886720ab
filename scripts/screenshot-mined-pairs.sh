#!/usr/bin/env bash
# Screenshot of the app's mined-pairs view (issue #19 part 1), from a real window under Xvfb:
# strecha_mvs imported into a temporary project, `adapt --dry-run` (which extracts efflite0-gem and
# orb-1000 and writes P/adapt/strecha/pairs.json), then scripts/screenshot_mined_pairs.py.
# Usage: scripts/screenshot-mined-pairs.sh [OUT_DIR]   (default docs/screenshots)
# Environment: DATA (the collection's groups.csv), DISPLAY_NUMBER (default 94), KEEP (a folder to build
# the project in and keep, reused by the next run; default a temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DATA=${DATA:-../shared/data/strecha_mvs/groups.csv}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-94}
[ -f "$DATA" ] || { echo "screenshot-mined-pairs: no collection at $DATA (set DATA to its groups.csv)" >&2; exit 2; }
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
use_work_folder  # $work, and the EXIT trap
export PYTHONPATH=$PWD  # this checkout's code (the venv may be installed from another)
he=(.venv/bin/python -m heritage_explorer)
if [ ! -f "$work/P/adapt/strecha/pairs.json" ]; then
    "${he[@]}" import --project "$work/P" "$DATA" >/dev/null
    "${he[@]}" adapt --project "$work/P" --method efflite0-gem --name strecha --dry-run >/dev/null
fi
start_xvfb ":$DISPLAY_NUMBER"  # in use? set DISPLAY_NUMBER
QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_mined_pairs.py "$work/P" "$OUT"
