#!/usr/bin/env bash
# Screenshots of the analysis panels for the README (annotation panel, judging, evaluation dashboard,
# where A beats B), from a real window under Xvfb. Builds the project they show in a temporary
# folder: rparis6k_subset_5x50 imported, three methods extracted, the example annotations replayed
# through the annotation panel; then runs scripts/screenshot_panels.py on it.
# Usage: scripts/screenshot-panels.sh [OUT_DIR]   (default docs/screenshots)
# About 2.5 minutes on 2 CPU cores, nearly all of it the extraction; the pictures come out the same
# on every run. Environment:
#   DATA            the collection's groups.csv (default ../shared/data/rparis6k_subset_5x50/groups.csv, beside the clone)
#   DISPLAY_NUMBER  the Xvfb display to use (default 94)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DATA=${DATA:-../shared/data/rparis6k_subset_5x50/groups.csv}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-94}
METHODS=(--method efflite0-gem --method efflite0-mac --method colorhist)
[ -f "$DATA" ] || { echo "screenshot-panels: no collection at $DATA (set DATA to its groups.csv)" >&2; exit 2; }
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
start=$SECONDS
he=.venv/bin/heritage-explorer
$he import --project "$work/P" "$DATA" >/dev/null
$he extract --project "$work/P" "${METHODS[@]}" >/dev/null
QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/annotate_by_keys.py --project "$work/P" \
    --keys resources/examples/rparis6k_panel_keys.txt >/dev/null
echo "project built in $((SECONDS - start)) s" >&2
start_xvfb ":$DISPLAY_NUMBER"  # in use? set DISPLAY_NUMBER
QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshot_panels.py "$work/P" "$OUT"
echo "screenshots in $OUT ($((SECONDS - start)) s in all)" >&2
