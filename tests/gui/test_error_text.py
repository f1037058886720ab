"""Errors and method descriptions in the interface language (issue #18 part 7).

The layers below the gui raise English messages (the command line prints them as is); the window
shows them through ``message_text.error_text`` and the registry's method descriptions through
``description_text``, whose templates must cover every message the sources raise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heritage_explorer.gui.i18n import install_translators, remove_translators
from tests.gui.message_sources import field_name, message_fragments, raised_messages, templates_of

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "heritage_explorer"
#: What the window never runs: the command line (English by design) and the benchmarks.
NOT_SHOWN = ("gui", "cli", "benchmarks")


@pytest.fixture
def french(qapp, compiled):
    install_translators(qapp, "fr")
    yield
    remove_translators(qapp)


@pytest.fixture(scope="module")
def compiled() -> None:
    import subprocess

    subprocess.run(["bash", str(ROOT / "scripts" / "build_translations.sh")], check=True, cwd=ROOT)


def _raised() -> list[tuple[str, int, str]]:
    return [(str(path.relative_to(PACKAGE)), line, template) for path in sorted(PACKAGE.rglob("*.py"))
            if path.relative_to(PACKAGE).parts[0] not in NOT_SHOWN and path.name != "__main__.py"
            for line, template in raised_messages(path)]


def test_templates_are_derived_from_the_raise_sites() -> None:
    import ast

    def derived(source: str) -> list[str]:
        return templates_of(ast.parse(source, mode="eval").body)

    assert derived('f"{self.path}: cannot read ({exc.strerror or exc})"') == ["{path}: cannot read ({exc_strerror})"]
    assert derived("f\"{len(keep)} of {', '.join(names) or 'nothing'}: {x!r:>5}\"") == ["{len_keep} of {join_names}: {x}"]
    assert derived('"a" if ok else f"b {n}"') == ["a", "b {n}"]
    assert derived('f"{path}: " + "; ".join(problems) + more') == ["{path}: {join_problems}{more}"]
    assert derived('f"{a.name} and {b.name}, {{braces}}"') == ["{a_name} and {b_name}, {{braces}}"]
    assert field_name(ast.parse("1 + 2", mode="eval").body) == "value"


def test_every_raised_message_has_a_template() -> None:
    from heritage_explorer.gui.message_text import ERROR_TEMPLATES

    raised = _raised()
    assert len(raised) > 350
    assert len(set(ERROR_TEMPLATES)) == len(ERROR_TEMPLATES)
    missing = sorted({template for _, _, template in raised} - set(ERROR_TEMPLATES))
    where = {template: f"{path}:{line}" for path, line, template in raised}
    assert not missing, ("add these templates to gui/error_templates_*.py (and translate them):\n"
                         + "\n".join(f"{where[t]}: {t}" for t in missing))


def test_every_phrase_passed_into_a_message_has_a_template() -> None:
    """What a caller names in another's message (``as_descriptor(spec, "a search index")``,
    ``transaction("judging")``: "{what} needs a global method", "{action} needs write access")."""
    from heritage_explorer.gui.message_text import ERROR_TEMPLATES

    phrases = [(str(path.relative_to(PACKAGE)), line, phrase) for path in sorted(PACKAGE.rglob("*.py"))
               if path.relative_to(PACKAGE).parts[0] not in NOT_SHOWN for line, phrase in message_fragments(path)]
    assert len(phrases) > 20
    missing = [f"{path}:{line}: {phrase}" for path, line, phrase in phrases if phrase not in ERROR_TEMPLATES]
    assert not missing, "add these phrases to gui/error_templates_*.py (and translate them):\n" + "\n".join(missing)


def test_a_message_comes_out_french_with_its_names_kept(french) -> None:
    from heritage_explorer.gui.message_text import error_text

    assert error_text("/data/fonds A/p1.jpg: not a regular file") == "/data/fonds A/p1.jpg : ce n'est pas un fichier ordinaire"
    # the most specific reading wins: a where and a reason, each translated
    assert error_text("/data/a.csv, line 3: no such file or folder") == "/data/a.csv, ligne 3 : fichier ou dossier introuvable"
    # a multi-line message (missing weights) line by line, the unknown lines as they are
    assert error_text("download took too long\n  vgg16.pth  (torchvision)") == (
        "le téléchargement a pris trop de temps\n  vgg16.pth  (torchvision)")
    # a list of messages joined into one, each translated
    assert error_text("a.csv: nothing imported; unknown class 'Nadar'; class 'Atget' appears twice") == (
        "a.csv : rien n'a été importé ; classe inconnue 'Nadar'; la classe 'Atget' figure deux fois")
    # nothing to say: shown exactly as it came, a punctuation-only template is not enough
    for message in ("something new: went wrong", "Projet : pas de catalogue", ""):
        assert error_text(message) == message


def test_a_real_pipeline_error_comes_out_french(french, tmp_path) -> None:
    from heritage_explorer.core.errors import HeritageError, ReadOnlyProjectError
    from heritage_explorer.descriptors.method import as_descriptor, parse_method
    from heritage_explorer.gui.message_text import error_text
    from heritage_explorer.pipeline.project import open_project

    missing = tmp_path / "no project here"
    with pytest.raises(HeritageError) as opened:
        open_project(missing)
    assert error_text(str(opened.value)) == (
        f"{missing} : aucun projet ici ; pour en créer un à partir d'une SOURCE (dossier, liste CSV ou manifeste "
        f"IIIF), lancez : heritage-explorer import --project '{missing}' SOURCE")
    with pytest.raises(HeritageError) as parsed:
        parse_method("efflite0-gem+pcaw64+pcaw64")
    shown = error_text(str(parsed.value))
    assert shown != str(parsed.value) and "efflite0-gem+pcaw64+pcaw64" in shown and "deux fois" in shown, shown
    with pytest.raises(HeritageError) as parsed:
        parse_method("nosuchnet-gem")
    shown = error_text(str(parsed.value))
    assert shown.startswith("méthode inconnue 'nosuchnet-gem' dans 'nosuchnet-gem' ; méthodes globales : "), shown
    assert "efflite0-gem" in shown and "méthodes locales : orb-<N>" in shown
    with pytest.raises(HeritageError) as parsed:
        as_descriptor("xfeat-1000", "a search index")
    assert error_text(str(parsed.value)) == ("xfeat-1000 est une méthode locale ; un index de recherche nécessite "
                                             "une méthode globale (par exemple efflite0-gem)")
    # a field that is itself a message is translated in turn
    assert error_text(str(ReadOnlyProjectError(tmp_path, "extraction"))).startswith(
        f"{tmp_path} : le projet est en lecture seule (son dossier ou son catalogue ne peuvent pas être écrits) ; "
        "l'extraction nécessite un accès en écriture")


def test_error_text_is_english_without_the_translator(qapp) -> None:
    from heritage_explorer.gui.message_text import error_text

    message = "/data/a.csv, line 3: no such file or folder"
    assert error_text(message) == message


def test_every_method_description_has_a_template(french) -> None:
    from heritage_explorer.descriptors.registry import list_methods
    from heritage_explorer.gui.message_text import METHODS, description_text

    methods = list_methods()
    assert len(methods) > 20
    unmatched = [info.spec for info in methods if METHODS.template(info.description) is None]
    assert not unmatched, "add these methods' descriptions to gui/method_templates.py: " + ", ".join(unmatched)
    shown = {info.spec: description_text(info.description) for info in methods}
    assert shown["efflite0-gem"] == (
        "dernière carte de convolution de EfficientNet-Lite0, GeM : agrégation par moyenne généralisée, p = 3 "
        "(ou le p appris du point de contrôle) (Radenović et al. TPAMI 2018; survey §4.2.1)")
    assert shown["colorhist"].startswith("histogramme de couleurs HSV 8×4×4")
    assert "projetée sur 512 canaux" in shown["netvlad-resnet50"] and "projetée" not in shown["netvlad-vgg16"]
    assert all(text != info.description for info, text in zip(methods, shown.values(), strict=True))
    assert description_text("none needed (hand-crafted)") == "aucun n'est nécessaire (méthode artisanale)"


def test_the_window_shows_errors_and_method_descriptions_in_french(qapp, qtbot, settings, compiled, tmp_path) -> None:
    """The sinks: the message bar (and the status bar) and the extraction panel's method tooltips."""
    from heritage_explorer.core.catalog import CATALOG_NAME
    from heritage_explorer.gui.main_window import MainWindow

    folder = tmp_path / "fonds Nadar"
    folder.mkdir()
    (folder / CATALOG_NAME).write_bytes(b"not a database " * 100)
    install_translators(qapp, "fr")
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        assert not window.open_project(folder)
        shown = window.message_bar.text
        assert shown.startswith(f"{folder / CATALOG_NAME} : catalogue illisible ("), shown
        assert window.statusBar().currentMessage() == shown.splitlines()[0]
        window.show_message(f"{folder}: the project is busy (another program is writing to it)")
        assert window.message_bar.text == f"{folder} : le projet est occupé (un autre programme y écrit)"
        window.show_message("Rien à signaler : tout va bien", "info")  # the gui's own French, as it is
        assert window.message_bar.text == "Rien à signaler : tout va bien"
        tip = window.extraction.method_item("efflite0-gem").toolTip(0)
        assert tip.startswith("dernière carte de convolution de EfficientNet-Lite0, GeM : agrégation par moyenne"), tip
    finally:
        remove_translators(qapp)
    window.show_message(f"{folder}: the project is busy (another program is writing to it)")
    assert window.message_bar.text == f"{folder}: the project is busy (another program is writing to it)"
    window.runner.shutdown()
