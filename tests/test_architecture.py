"""The layering contract of docs/ARCHITECTURE.md, checked on the source (imports point downward only)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "heritage_explorer"

# layer -> layers it may import from (besides itself)
ALLOWED = {
    "core": set(),
    "descriptors": {"core"},
    "index": {"core"},
    "evaluation": {"core"},
    "pipeline": {"core", "descriptors", "index", "evaluation"},
    "benchmarks": {"core", "descriptors", "index", "evaluation", "pipeline"},
    "gui": {"core", "descriptors", "index", "evaluation", "pipeline", "benchmarks"},
    "cli": {"core", "descriptors", "index", "evaluation", "pipeline", "benchmarks", "gui"},
}
# third-party packages only one layer may import
EXCLUSIVE = {"PySide6": {"gui"}, "torch": {"descriptors"}, "torchvision": {"descriptors"}, "timm": {"descriptors"},
             "hnswlib": {"index"}, "faiss": {"index"}, "onnxruntime": {"descriptors"}, "onnx": {"descriptors"},
             "openvino": {"descriptors"}}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py") if len(parts) > 1 or parts[0] not in ("__init__.py", "__main__.py") else None


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_downward(path: Path) -> None:
    layer = _layer(path)
    if layer is None:
        return
    for name in _imports(path):
        top = name.split(".")[0]
        if top == "heritage_explorer" and "." in name:
            target = name.split(".")[1]
            if target in ALLOWED:
                assert target == layer or target in ALLOWED[layer], f"{path.name}: {layer} must not import {name}"
        elif top in EXCLUSIVE:
            assert layer in EXCLUSIVE[top], f"{path.name}: only {EXCLUSIVE[top]} may import {top}"


def test_cli_and_pipeline_import_without_torch_or_qt() -> None:
    """The window must open fast: importing the pipeline and the CLI does not import torch or Qt."""
    code = (
        "import sys, heritage_explorer.cli, heritage_explorer.pipeline, heritage_explorer.cli.engine;"
        "bad = [m for m in ('torch', 'torchvision', 'timm', 'PySide6', 'onnxruntime', 'openvino') if m in sys.modules];"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"imported at start-up: {result.stdout} {result.stderr}"


SQL_TEXT = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.S)
SQL_CALLS = {"execute", "executemany", "executescript", "query"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "gui").rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_gui_writes_no_sql(path: Path) -> None:
    """The window reads and writes the catalog through typed functions of core (and pipeline) only."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            assert node.func.attr not in SQL_CALLS, f"{path.name}:{node.lineno}: .{node.func.attr}() in gui"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            assert not SQL_TEXT.search(node.value), f"{path.name}:{node.lineno}: SQL in gui: {node.value[:60]!r}"


# -- issue #17 part 1: a method spelling is parsed by the typed-method parser only --------------------
PARSER_MODULES = {"descriptors/method.py", "descriptors/registry.py", "descriptors/local/specs.py",
                  "descriptors/descriptor_spec.py"}
PARSERS = {"parse_spec", "parse_local_spec"}  # what only descriptors/method.py calls
SPLIT_CALLS = {"split", "rsplit", "partition", "rpartition", "startswith", "endswith"}
SPEC_SEPARATORS = {">>", "+", "@", "netvlad-"}


def _spec_string_handling(path: Path) -> list[str]:
    """Where ``path`` looks inside a method spelling itself: calls of the registry's or the local
    parser, ``x.split("+")``-like calls with a spec separator, ``">>" in x``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in PARSERS:
                found.append(f"line {node.lineno}: calls {name}")
            if (isinstance(func, ast.Attribute) and func.attr in SPLIT_CALLS and node.args
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value in SPEC_SEPARATORS
                    and not (isinstance(func.value, ast.Attribute) and func.value.attr == "__version__")):
                found.append(f"line {node.lineno}: .{func.attr}({node.args[0].value!r})")
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and node.left.value == ">>":
            found.append(f"line {node.lineno}: '>>' in ...")
    return found


def test_method_spellings_are_split_only_by_the_parser() -> None:
    """Outside descriptors/method.py (and the registry and local grammars it calls), code takes typed
    methods: `parse_method`/`as_method` at an edge, never a string split of its own."""
    offenders = {str(p.relative_to(PACKAGE)): found for p in _modules()
                 if str(p.relative_to(PACKAGE)) not in PARSER_MODULES and (found := _spec_string_handling(p))}
    assert not offenders, offenders
    assert _spec_string_handling(PACKAGE / "descriptors" / "method.py"), "the check finds the parser's own splitting"
