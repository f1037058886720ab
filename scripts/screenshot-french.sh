#!/usr/bin/env bash
# The French interface under Xvfb, for the README (issue #18 part 7): the main window with search
# results, opened with `open --lang fr`. Usage: scripts/screenshot-french.sh [SOURCE [QUERY]]
#   SOURCE  a collection to import (default: the bundled sample, resources/sample/collection.csv)
#   QUERY   a catalog path or #id to search with (default: images/camera_original.jpg)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-resources/sample/collection.csv}
QUERY=${2:-images/camera_original.jpg}
OUT=docs/screenshots
METHODS=(--method efflite0-gem --method colorhist)
scripts/build_translations.sh  # resources/translations/heritage_explorer_fr.qm
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
start_xvfb :96
export QT_QPA_PLATFORM=xcb
he=(.venv/bin/python -m heritage_explorer)  # the checkout's code (the venv's script may point elsewhere)
"${he[@]}" import --project "$work/P" --allow-absolute "$SOURCE" >/dev/null
"${he[@]}" extract --project "$work/P" "${METHODS[@]}" >/dev/null
mkdir -p "$OUT"
"${he[@]}" open --lang fr --project "$work/P" "${METHODS[@]}" --query "$QUERY" --size 1600x1000 \
    --settings "$work/s.ini" --tab results --screenshot "$OUT/french-ui.png"
echo "screenshot in $OUT/french-ui.png (query $QUERY)"
