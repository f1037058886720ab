#!/usr/bin/env bash
# Screenshots of the real window under Xvfb searching with local methods (issues #18, #21), for the
# README: a standalone local search (xfeat-1000), a re-ranking (efflite0-gem>>xfeat-1000@100) and a
# region query (the Herz-Jesu central portal, xfeat-1000) whose tiles draw where the region was found,
# the match view of one of that query's results (scripts/screenshot_match_view.py), and the Compare
# tab with a global, a re-ranked and a standalone local row.
# Usage: scripts/screenshot_local_search.sh [STRECHA_FOLDER]   (default: ../shared/data/strecha_mvs)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/strecha_mvs}
OUT=docs/screenshots
QUERY=images/herzjesu_0005.jpg
PORTAL=420,130,380,410  # x,y,w,h of the central portal in the 1024×683 view
DISPLAY_NUMBER=${DISPLAY_NUMBER:-96}
. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
start_xvfb ":$DISPLAY_NUMBER"
export QT_QPA_PLATFORM=xcb
he=.venv/bin/heritage-explorer
$he import --project "$work/P" "$DATA/groups.csv" >/dev/null
$he extract --project "$work/P" --method xfeat-1000 --method efflite0-gem >/dev/null
mkdir -p "$OUT"
shoot() {  # PNG SETTINGS ARGS...: one window, its screenshot, the hits as JSON (checked: inlier counts)
    local png=$1 ini=$2
    shift 2
    $he open --project "$work/P" --search-image "$QUERY" --size 1600x1000 --settings "$work/$ini" \
        --screenshot "$OUT/$png" --quit-after-search "$@" > "$work/$png.json"
    .venv/bin/python - "$work/$png.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [hit["score"] for hit in report["hits"]]
assert scores and all(s == int(s) for s in scores), f"{report['method']}: not inlier counts: {scores}"
boxes = sum("box" in hit for hit in report["hits"])
print(f"{report['method']}: {len(scores)} results, inliers {scores[:5]}..., {boxes} with a box")
PY
}
shoot local-search-xfeat.png s1.ini --method xfeat-1000
shoot local-search-rerank.png s2.ini --method "efflite0-gem>>xfeat-1000@100"
shoot local-search-region.png s3.ini --method xfeat-1000 --region "$PORTAL"
# the match view of the 6th result of the region query: another viewpoint, inliers, outliers, both boxes
.venv/bin/python scripts/screenshot_match_view.py "$work/P" "$OUT/match-view.png" --method xfeat-1000 \
    --query "$QUERY" --region "$PORTAL" --rank 6 --outliers
# the Compare tab with a global, a re-ranked and a standalone local row for the same catalog query
$he open --project "$work/P" --method efflite0-gem --method "efflite0-gem>>xfeat-1000@100" --method xfeat-1000 \
    --query "$QUERY" --tab compare --size 1600x1080 --settings "$work/s4.ini" --screenshot "$OUT/compare-kinds.png"
echo "screenshots in $OUT"
