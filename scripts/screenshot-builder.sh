#!/usr/bin/env bash
# Screenshot of the method builder (issue #18 part 1), from a real window under Xvfb: strecha_mvs
# imported into a temporary project, efflite0-gem and xfeat-1000 extracted, then
# scripts/screenshot_builder.py builds efflite0-gem+aqe5>>xfeat-1000+fundamental@100 and searches with it.
# Usage: scripts/screenshot-builder.sh [OUT.png]   (default docs/screenshots/method-builder.png)
# Environment: DATA (the collection's groups.csv), DISPLAY_NUMBER (default 95), KEEP (a folder to build
# the project in and keep, reused by the next run; default a temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots/method-builder.png}
DATA=${DATA:-../shared/data/strecha_mvs/groups.csv}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-95}
[ -f "$DATA" ] || { echo "screenshot-builder: no collection at $DATA (set DATA to its groups.csv)" >&2; exit 2; }
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; trap 'stop_xvfb' EXIT
else work=$(mktemp -d); trap 'stop_xvfb; rm -rf "$work"' EXIT; fi
export PYTHONPATH=$PWD  # this checkout's code (the venv may be installed from another)
he=(.venv/bin/python -m heritage_explorer)
if [ ! -d "$work/P/descriptors" ]; then
    "${he[@]}" import --project "$work/P" "$DATA" >/dev/null
fi
"${he[@]}" extract --project "$work/P" --method efflite0-gem --method xfeat-1000 >/dev/null
start_xvfb ":$DISPLAY_NUMBER"  # in use? set DISPLAY_NUMBER
QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_builder.py "$work/P" "$OUT"
