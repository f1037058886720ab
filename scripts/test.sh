#!/usr/bin/env bash
# Set up (if needed) and run the checks: ruff, then the whole test suite (GUI tests offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check heritage_explorer tests
export QT_QPA_PLATFORM=offscreen
export PYTHONFAULTHANDLER=1  # a segfault prints every thread's stack, in the child processes too
set +e
.venv/bin/python -m pytest -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
fi
exit "$status"
