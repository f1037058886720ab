#!/usr/bin/env bash
# Smoke test of the frozen app (minutes; not part of the default test run):
# build it, start it under Xvfb on the bundled sample collection, search once, screenshot, exit 0.
#
#   packaging/smoke-test.sh [--no-build] [--display :93]
#
#   1. packaging/build.sh (skipped with --no-build: uses dist/HeritageExplorer as it is);
#   2. first start: import resources/sample/collection.csv into a new project, extract
#      efflite0-gem in the spawned worker process (proves multiprocessing works frozen and does
#      not open a second window), search with one image, print the hits;
#   3. second start on that project (the start-up an archivist sees): window shown with its
#      thumbnails, search, screenshot docs/screenshots/frozen-app.png;
#   4. the same search with Qt's offscreen platform (the other bundled platform plugin), with a
#      copy of the query outside the catalog (described in the app's long-lived child process);
#   5. a start with --lang fr: the File menu and Qt's standard Cancel button are French (both
#      catalogs, the app's and qtbase_fr, are in the bundle).
# Each start must exit 0 and rank an image of the query's own class right after the query.
# Prints and writes dist/smoke-test.json: sizes, start-up times (process start -> window shown
# with thumbnails, measured by the app) and wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
display=:93
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0; shift ;;
        --display) display=${2:?--display needs a value such as :93}; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke-test.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
app=dist/HeritageExplorer/HeritageExplorer
if [ "$build" = 1 ]; then
    bash packaging/build.sh --no-setup
fi
if [ ! -x "$app" ]; then
    echo "smoke-test.sh: $app not found: run packaging/build.sh (or drop --no-build)" >&2
    exit 2
fi

. scripts/xvfb-deps.sh  # Xvfb and the X libraries of Qt's xcb plugin

work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
start_xvfb "$display"
mkdir -p docs/screenshots
sample=$PWD/resources/sample/collection.csv
query=images/chelsea_sepia.jpg
method=efflite0-gem

# run NAME PLATFORM ARGS...: start the frozen app, check its report, print its wall time.
# QUERY (default: $query, a catalog image) is the image searched with.
run() {
    local name=$1 platform=$2
    shift 2
    local t0 t1
    t0=$(date +%s.%N)
    if ! QT_QPA_PLATFORM=$platform "$app" open --project "$work/P" --settings "$work/settings.ini" \
            --method "$method" --search-image "${QUERY:-$query}" --quit-after-search "$@" \
            >"$work/$name.json" 2>"$work/$name.log"; then
        echo "smoke-test.sh: the $name start failed:" >&2
        tail -30 "$work/$name.log" >&2
        exit 1
    fi
    t1=$(date +%s.%N)
    python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
hits = report["hits"]
name = report["query"].rsplit("/", 1)[-1]
query_class = name.split("_", 1)[0]  # the sample's files are named <class>_<variation>.jpg
names = [h["path"].rsplit("/", 1)[-1] for h in hits]
if report["query"].startswith("images/"):  # a catalog image: left out of its own results (issue #22)
    assert name not in names, f"{sys.argv[2]}: the catalog query is among its results: {names[:5]}"
    assert hits[0]["group"] == hits[1]["group"] == query_class, f"{sys.argv[2]}: first hits not of class {query_class}: {hits[:2]}"
else:  # an external copy finds its catalog original first
    assert names[0] == name, f"{sys.argv[2]}: the query's catalog original is not the first hit: {hits[0]}"
    assert hits[1]["group"] == query_class, f"{sys.argv[2]}: second hit {hits[1]} is not of class {query_class}"
print(f"{sys.argv[2]}: {len(hits)} hits with {report['method']}, top: "
      + ", ".join(f"{h['path'].rsplit('/', 1)[-1]} {h['score']:.3f}" for h in hits[:4]), file=sys.stderr)
PY
    python3 -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$t0" "$t1"
}

first_wall=$(run first xcb --import "$sample")
second_wall=$(run second xcb --size 1500x950 --screenshot docs/screenshots/frozen-app.png)
# offscreen, and with a file outside the catalog: described in the app's long-lived child process
mkdir -p "$work/external" && cp "resources/sample/$query" "$work/external/"
offscreen_wall=$(QUERY="$work/external/$(basename "$query")" run offscreen offscreen)
# the French interface: the app's catalog and Qt's own (qtbase_fr, standard buttons) are bundled
run french offscreen --lang fr >/dev/null
python3 - "$work/french.json" <<'PY'
import json, sys
shown = json.load(open(sys.argv[1]))["interface"]
expected = {"language": "fr", "file_menu": "&Fichier", "qt_cancel": "Annuler"}
assert shown == expected, f"french: the frozen app shows {shown}, expected {expected}"
print(f"french: {shown}", file=sys.stderr)
PY

python3 - "$work" "$first_wall" "$second_wall" "$offscreen_wall" <<'PY' | tee dist/smoke-test.json
import json, os, subprocess, sys
work, first_wall, second_wall, offscreen_wall = sys.argv[1], *map(float, sys.argv[2:])
reports = {name: json.load(open(os.path.join(work, f"{name}.json"))) for name in ("first", "second", "offscreen")}
size = int(subprocess.run(["du", "-sb", "dist/HeritageExplorer"], capture_output=True, text=True).stdout.split()[0])
tarballs = [f for f in os.listdir("dist") if f.endswith("-linux-x86_64.tar.gz")]
summary = {
    "version": reports["second"]["version"],
    "dist_bytes": size,
    "tarball_bytes": {name: os.path.getsize(os.path.join("dist", name)) for name in tarballs},
    "first_start": {"wall_s": round(first_wall, 2), "startup_s": reports["first"]["startup_s"],
                    "note": "imports 31 images and extracts efflite0-gem in the worker process before searching"},
    "second_start": {"wall_s": round(second_wall, 2), "startup_s": reports["second"]["startup_s"],
                     "search_s": reports["second"]["search_s"]},
    "offscreen_start": {"wall_s": round(offscreen_wall, 2), "startup_s": reports["offscreen"]["startup_s"],
                        "note": "searches with a copy of the query outside the catalog (external image)"},
    "top_hits": [(h["path"].rsplit("/", 1)[-1], h["group"], h["score"]) for h in reports["second"]["hits"][:5]],
    "screenshot": "docs/screenshots/frozen-app.png",
}
print(json.dumps(summary, indent=1))
PY
echo "smoke test passed" >&2
