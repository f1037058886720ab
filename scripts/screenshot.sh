#!/usr/bin/env bash
# Screenshots of the real window under Xvfb, for the README: the main grid with search results,
# and the comparison view. Usage: scripts/screenshot.sh [SOURCE [QUERY]]
#   SOURCE  a collection to import (default: the bundled sample, resources/sample/collection.csv)
#   QUERY   a catalog path or #id to search with (default: where the two methods' APs differ most)
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:-resources/sample/collection.csv}
OUT=docs/screenshots
METHODS=(--method efflite0-gem --method colorhist)
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
start_xvfb :97
export QT_QPA_PLATFORM=xcb
he=.venv/bin/heritage-explorer
$he import --project "$work/P" --allow-absolute "$SOURCE" >/dev/null
$he extract --project "$work/P" "${METHODS[@]}" >/dev/null
# Default query: the one on which the two methods disagree most (AP), which is what the
# comparison view is for.
QUERY=${2:-$(.venv/bin/python - "$work/P" <<'PY'
import sys
from heritage_explorer.pipeline import evaluate_all, open_project
results = evaluate_all(open_project(sys.argv[1]), ["efflite0-gem", "colorhist"], extract_missing=False)
cnn, hist = results["efflite0-gem"].per_query, results["colorhist"].per_query
print(f"#{max(cnn, key=lambda q: (cnn[q] - hist.get(q, 0.0), -q))}")
PY
)}
mkdir -p "$OUT"
common=(open --project "$work/P" "${METHODS[@]}" --query "$QUERY" --size 1600x1000 --settings "$work/s.ini")
$he "${common[@]}" --tab results --screenshot "$OUT/main-window.png"
$he "${common[@]}" --tab compare --screenshot "$OUT/compare-methods.png"
echo "screenshots in $OUT (query $QUERY)"
