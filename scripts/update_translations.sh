#!/usr/bin/env bash
# Collect the GUI's translatable strings into resources/translations/heritage_explorer_fr.ts
# (pyside6-lupdate keeps the translations already made; new strings come in "unfinished", which
# tests/gui/test_translations.py refuses: translate them, e.g. with pyside6-linguist).
# The .qm the app loads is compiled by scripts/build_translations.sh (run by scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find heritage_explorer/gui -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -source-language en -target-language fr_FR "${sources[@]}" -ts resources/translations/heritage_explorer_fr.ts
