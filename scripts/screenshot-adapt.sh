#!/usr/bin/env bash
# Screenshots of the app's "Adapt to this collection" job and the dashboard's before/after page
# (issue #19 part 5), from a real window under Xvfb: rparis6k_subset_5x50 imported into a temporary
# project, efflite0-gem extracted, the example variation annotations imported; then
# scripts/screenshot_adapt.py runs the adaptation through the dialog and grabs the window.
# Usage: scripts/screenshot-adapt.sh [OUT_DIR]   (default docs/screenshots)
# Environment: DATA (the collection's groups.csv), DISPLAY_NUMBER (default 95), KEEP (a folder to build the
# project in and keep, reused by the next run; default a temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DATA=${DATA:-../shared/data/rparis6k_subset_5x50/groups.csv}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-95}
[ -f "$DATA" ] || { echo "screenshot-adapt: no collection at $DATA (set DATA to its groups.csv)" >&2; exit 2; }
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
use_work_folder  # $work, and the EXIT trap
start=$SECONDS
export PYTHONPATH=$PWD  # this checkout's code (the venv may be installed from another)
he=(.venv/bin/python -m heritage_explorer)
if [ ! -d "$work/P/descriptors" ]; then
    "${he[@]}" import --project "$work/P" "$DATA" >/dev/null
    "${he[@]}" extract --project "$work/P" --method efflite0-gem >/dev/null
    "${he[@]}" annotations import --project "$work/P" resources/examples/rparis6k_variations.csv >/dev/null
    echo "project built in $((SECONDS - start)) s" >&2
fi
start_xvfb ":$DISPLAY_NUMBER"  # in use? set DISPLAY_NUMBER
QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_adapt.py "$work/P" "$OUT"
echo "screenshots in $OUT ($((SECONDS - start)) s in all)" >&2
