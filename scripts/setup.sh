#!/usr/bin/env bash
# Create .venv (Python 3.12) and install the pinned dependencies and the package (editable).
# Idempotent: re-running only installs what changed in requirements.txt.
# Python 3.12, not 3.11: CPython 3.11 can raise "SystemError: AST constructor recursion depth
# mismatch" when two threads build ASTs at once (python/cpython gh-106905; numpy's .npy header
# reader calls ast.literal_eval), and PySide6's dropped references to None/True/False are harmless
# only where those objects are immortal (PEP 683, 3.12+). A .venv of another version is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
WANT="3.12"

is_wanted() { "$1" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$WANT' else 1)" >/dev/null 2>&1; }

find_python() {
    local root cand
    root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
    for cand in "${PYTHON:-}" "python$WANT" "$root"/versions/"$WANT".*/bin/"python$WANT" \
                "/usr/local/bin/python$WANT" "/usr/bin/python$WANT"; do
        [ -n "$cand" ] || continue
        if is_wanted "$cand"; then echo "$cand"; return 0; fi
    done
    echo "setup: Python $WANT not found (set PYTHON=/path/to/python$WANT)" >&2
    return 1
}

if [ -x .venv/bin/python ] && ! is_wanted .venv/bin/python; then
    echo "setup: .venv is not Python $WANT: rebuilding it" >&2
    rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --disable-pip-version-check -q -r requirements.txt
    .venv/bin/python -m pip install --disable-pip-version-check -q --no-deps -e .
    echo "$want" > "$stamp"
fi
# The interface's French catalog (resources/translations/*.qm, git-ignored), only when its .ts is newer.
scripts/build_translations.sh
