#!/usr/bin/env bash
# Create .venv (Python 3.11) and install the pinned dependencies and the package (editable).
# Idempotent: re-running only installs what changed in requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt
    .venv/bin/python -m pip install --disable-pip-version-check -q --no-deps -e .
    echo "$want" > "$stamp"
fi
