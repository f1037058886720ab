"""French and English (issue #18 part 7): the catalog is complete and in step with the sources, and
the window comes up in the language asked for (``open --lang``, the settings, else the system's).

The sources' strings are found the way ``pyside6-lupdate`` finds them (``translate(CONTEXT, TEXT)``
and ``QT_TRANSLATE_NOOP(CONTEXT, TEXT)`` with literal arguments), so a string added to the GUI
without running ``scripts/update_translations.sh`` and translating it fails here.
"""

from __future__ import annotations

import ast
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from heritage_explorer.gui.i18n import catalog_path, install_translators, remove_translators, resolve_language
from heritage_explorer.gui.menus import ACTIONS_BY_NAME

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "heritage_explorer_fr.ts"
GUI = ROOT / "heritage_explorer" / "gui"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[0-9a-z]")
FRENCH_MENUS = ["&Fichier", "É&dition", "&Analyse", "Affic&hage", "É&valuation", "Ai&de"]
ENGLISH_MENUS = ["&File", "&Edit", "&Analyse", "&View", "&Evaluation", "&Help"]


def catalog() -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element, from the committed .ts."""
    root = ET.parse(TS).getroot()
    assert root.tag == "TS" and root.get("language") == "fr_FR"
    return {(context.findtext("name"), message.findtext("source")): message.find("translation")
            for context in root.iter("context") for message in context.iter("message")}


def source_strings() -> set[tuple[str, str]]:
    """Every (context, text) the GUI sources mark for translation."""
    found = set()
    for path in sorted(GUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2 and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2]):
                found.add((node.args[0].value, node.args[1].value))
    return found


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The .qm the set-up builds (scripts/build_translations.sh: only when the .ts is newer)."""
    subprocess.run(["bash", str(ROOT / "scripts" / "build_translations.sh")], check=True, cwd=ROOT)
    path = catalog_path("fr")
    assert path.exists() and path.stat().st_mtime >= TS.stat().st_mtime
    return path


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    messages = catalog()
    assert len(messages) > 400
    for (context, source), translation in messages.items():
        text = translation.text or ""
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (context, source, text)
        assert source.startswith("\n") == text.startswith("\n") and source.endswith("\n") == text.endswith("\n")
        if "&" in source.replace("&nbsp;", ""):  # a menu mnemonic keeps one
            assert text.count("&") - text.count("&nbsp;") == 1, (context, source, text)


def test_every_marked_string_of_the_sources_is_in_the_catalog() -> None:
    strings = source_strings()
    assert ("Menus", "&File") in strings and ("SettingsDialog", "Language:") in strings
    missing = sorted(strings - set(catalog()))
    assert not missing, f"run scripts/update_translations.sh and translate: {missing[:10]}"
    stale = sorted(set(catalog()) - strings)
    assert not stale, f"messages no source uses any more (scripts/update_translations.sh drops them): {stale[:10]}"


def test_the_variation_names_are_the_papers_in_french(qapp, compiled) -> None:
    from heritage_explorer.core.annotations import VARIATIONS
    from heritage_explorer.gui.vocabulary import variation_abbreviation, variation_name

    install_translators(qapp, "fr")
    try:
        names = [variation_name(v) for v in VARIATIONS]
        abbreviations = [variation_abbreviation(v) for v in VARIATIONS]
    finally:
        remove_translators(qapp)
    assert names[:3] == ["Échelle", "Éclairage", "Orientation"] and names[-1] == "Évolutions temporelles"
    assert len(set(names)) == len(set(abbreviations)) == len(VARIATIONS)
    assert [variation_name(v) for v in VARIATIONS] == list(VARIATIONS)  # English again once removed


def test_the_window_is_built_in_the_language_installed(qapp, qtbot, settings, compiled) -> None:
    from heritage_explorer.gui.main_window import MainWindow

    for language, menus in (("fr", FRENCH_MENUS), ("en", ENGLISH_MENUS)):
        install_translators(qapp, language)
        try:
            window = MainWindow(settings)
            qtbot.addWidget(window)
        finally:
            remove_translators(qapp)
        assert [a.text() for a in window.menuBar().actions()] == menus
        assert window.tabs.tabText(0) == ("Résultats" if language == "fr" else "Results")
        assert window.actions_by_name["new_project"].text() == ("&Nouveau projet…" if language == "fr"
                                                                else ACTIONS_BY_NAME["new_project"].text)
        window.runner.shutdown()


def _main_windows() -> list:
    from heritage_explorer.gui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _window_of_the_run(before: list) -> object:
    """The one main window the run built: windows other tests left (awaiting deletion) are not it
    (``topLevelWidgets`` has no order, so "the last one" would be any of them)."""
    new = [w for w in _main_windows() if not any(w is old for old in before)]
    assert len(new) == 1, new
    return new[0]


@pytest.mark.parametrize(("lang", "setting", "menus"), [
    ("fr", None, FRENCH_MENUS), ("en", "fr", ENGLISH_MENUS), (None, "fr", FRENCH_MENUS)])
def test_open_lang_overrides_the_setting(qapp, tmp_path, compiled, lang, setting, menus) -> None:
    from heritage_explorer.gui.app import run_app
    from heritage_explorer.gui.settings import AppSettings

    ini = tmp_path / "settings.ini"
    stored = AppSettings.from_file(str(ini))
    stored.language = setting
    stored.sync()
    shot = tmp_path / "shot.png"
    args = ["--settings", str(ini), "--screenshot", str(shot), "--size", "700x500"]
    before = _main_windows()
    assert run_app(args + (["--lang", lang] if lang else [])) == 0
    window = _window_of_the_run(before)
    try:
        assert [a.text() for a in window.menuBar().actions()] == menus
        assert shot.exists()
        # the run leaves the application in English for what comes next (tests run in-process)
        assert QApplication.translate("Menus", "&File") == "&File"
    finally:
        window.deleteLater()


def test_the_language_falls_back_to_the_system_locale() -> None:
    assert resolve_language("fr") == "fr" and resolve_language("en") == "en"
    assert resolve_language(None) in ("fr", "en") and resolve_language("de") == resolve_language(None)


def _stages_written(path: Path) -> list[tuple[int, str | None]]:
    """(line, stage) of each ``Progress(stage, …)``, ``RateMeter(stage, …)`` and ``stage=…`` in
    ``path``, an f-string's fields written as ``X``; ``None`` for a stage passed in (a parameter)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned = {target.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name)}

    def text(node: ast.AST | None, depth: int = 0) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(text(value) or "" if isinstance(value, ast.Constant) else "X" for value in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return (text(node.left, depth) or "X") + (text(node.right, depth) or "X")
        if isinstance(node, ast.Name) and node.id in assigned and depth < 3:
            return text(assigned[node.id], depth + 1)
        return None

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in ("Progress", "RateMeter") and node.args:
            found.append((node.lineno, text(node.args[0])))
        found += [(node.lineno, text(k.value)) for k in node.keywords if k.arg == "stage"]
    return found


def test_every_stage_a_job_reports_is_translated(qapp, compiled) -> None:
    """The stages of ``core.jobs.Progress`` are English data of the layers below the gui; the window
    shows them through ``vocabulary.stage_text``, whose templates must cover every one written."""
    from heritage_explorer.gui.vocabulary import STAGE_TEMPLATES, stage_template, stage_text

    package = ROOT / "heritage_explorer"
    written = [(path.relative_to(package), line, stage) for path in sorted(package.rglob("*.py"))
               if GUI not in path.parents for line, stage in _stages_written(path)]
    assert len(written) > 25
    passed_in = {str(path) for path, _, stage in written if stage is None}
    assert passed_in <= {"core/jobs.py", "pipeline/extraction_loop.py"}, passed_in  # they pass on their caller's
    unmatched = [(str(path), line, stage) for path, line, stage in written if stage and not stage_template(stage)]
    assert not unmatched, "add these stages to gui/vocabulary.STAGE_TEMPLATES (and translate them)"
    used = {stage_template(stage) for _, _, stage in written if stage}
    assert used == set(STAGE_TEMPLATES), set(STAGE_TEMPLATES) - used  # no template left over
    install_translators(qapp, "fr")
    try:
        assert stage_text("extracting efflite0-gem, xfeat-1000") == "extraction : efflite0-gem, xfeat-1000"
        assert stage_text("extracting on 3 workers") == "extraction sur 3 machines"
        assert stage_text("fine-tuning, epoch 2/5") == "affinage, époque 2/5"
        assert stage_text("verifying") == "vérification"
        assert stage_text("something new") == "something new"
    finally:
        remove_translators(qapp)
    assert stage_text("extracting efflite0-gem") == "extracting efflite0-gem"
