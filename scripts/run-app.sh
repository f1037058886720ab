#!/usr/bin/env bash
# Set up (if needed) and open the app on the bundled sample collection (resources/sample).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/heritage-explorer open --project "${HERITAGE_SAMPLE_PROJECT:-projects/sample}" \
    --import resources/sample/collection.csv "$@"
