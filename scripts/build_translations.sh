#!/usr/bin/env bash
# Compile resources/translations/*.ts into the .qm files the app loads (git-ignored, beside them;
# packaging/heritage_explorer.spec bundles resources/ with them). Only when a .ts is newer.
set -euo pipefail
cd "$(dirname "$0")/.."
LRELEASE=${LRELEASE:-.venv/bin/pyside6-lrelease}
for ts in resources/translations/*.ts; do
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
        "$LRELEASE" -silent "$ts" -qm "$qm"
    fi
done
