#!/usr/bin/env bash
# Screenshots of the near-duplicate panel and of a labelled lasso on the collection map for the
# README (issue #21 part 3), from a real window under Xvfb. Builds the project they show in a
# temporary folder (never in the repository): rparis6k_subset_5x50 plus 30 transformed copies of 30
# of its photos (scripts/make_near_duplicate_set.py), imported, efflite0-gem extracted, the
# near-duplicate groups found; then runs scripts/screenshot_review.py on it.
# Usage: scripts/screenshot-review.sh [OUT_DIR]   (default docs/screenshots)
# Several minutes on 2 shared CPU cores (extraction and the groups). Environment:
#   DATA            the collection folder (default ../shared/data/rparis6k_subset_5x50, beside the clone)
#   DISPLAY_NUMBER  the Xvfb display to use (default 93)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/screenshots}
DATA=${DATA:-../shared/data/rparis6k_subset_5x50}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-93}
[ -f "$DATA/groups.csv" ] || { echo "screenshot-review: no collection at $DATA (set DATA to its folder)" >&2; exit 2; }
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
export PYTHONPATH=$PWD
py=.venv/bin/python
$py scripts/make_near_duplicate_set.py "$work/set" "$DATA" --originals 30 --copies 30 --seed 21 >/dev/null
$py -m heritage_explorer import --project "$work/P" "$work/set/groups.csv" >/dev/null
$py -m heritage_explorer extract --project "$work/P" --method efflite0-gem >/dev/null
$py - "$work/P" <<'PY'
import sys
from heritage_explorer.pipeline import open_project
from heritage_explorer.pipeline.duplicate_review import find_groups
print(f"{len(find_groups(open_project(sys.argv[1])).groups)} near-duplicate groups", file=sys.stderr)
PY
start_xvfb ":$DISPLAY_NUMBER"  # in use? set DISPLAY_NUMBER
QT_QPA_PLATFORM=xcb $py scripts/screenshot_review.py "$work/P" "$OUT" --label "to check"
