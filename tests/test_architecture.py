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


# -- issue #18 part 6: rules inside the package ---------------------------------------------------
# Each rule is a checker over a package folder, run on heritage_explorer and, to show that it can
# fail, on a small synthetic package with one planted violation (tests below).
MAX_LINES = 400


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, dict[str, int]]:
    """module -> {module of the same package it imports: first line}. Every import counts: at the top,
    inside a function (lazy) or under ``TYPE_CHECKING``; ``from pkg import sub`` names the submodule,
    ``from pkg.mod import name`` the module; relative imports are resolved."""
    paths = {module_name(root, p): p for p in sorted(root.rglob("*.py"))}

    def existing(name: str) -> str | None:
        while name and name not in paths:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, int]] = {}
    for name, path in paths.items():
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}" if base else package
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names]
            else:
                continue
            for target in targets:
                found = existing(target) if target.split(".")[0] == root.name else None
                if found is not None and found != name:
                    edges.setdefault(found, node.lineno)
        graph[name] = edges
    return graph


def import_cycles(root: Path) -> list[str]:
    """Each import cycle of the package (a strongly connected component of the import graph), as one
    closed chain through all its modules with the line of each import, e.g. ``a -> b (a.py:3) -> a``."""
    graph = import_graph(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [" | ".join(f"{m} imports {t} (line {line})" for m in component
                       for t, line in sorted(graph[m].items()) if t in component)
            for component in components]


def sql_in(path: Path) -> list[str]:
    """Where ``path`` talks SQL: a ``.execute(``-like call, or a string that reads as a statement."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append(f"line {node.lineno}: .{node.func.attr}()")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
            found.append(f"line {node.lineno}: SQL {node.value[:60]!r}")
    return found


def sql_in_gui(root: Path) -> dict[str, list[str]]:
    return {str(p.relative_to(root)): found for p in sorted((root / "gui").rglob("*.py")) if (found := sql_in(p))}


def widgets_importing_the_window(root: Path) -> dict[str, int]:
    """Widgets that import the main window (any import, ``TYPE_CHECKING`` included): a widget gets
    what it shows and emits signals; controllers and the window wire it."""
    window = f"{root.name}.gui.main_window"
    widgets = f"{root.name}.gui.widgets"
    return {module: edges[window] for module, edges in import_graph(root).items()
            if (module == widgets or module.startswith(widgets + ".")) and window in edges}


def long_modules(root: Path, limit: int = MAX_LINES) -> dict[str, int]:
    """Modules over ``limit`` lines, with their line counts."""
    counts = {str(p.relative_to(root)): len(p.read_text(encoding="utf-8").splitlines())
              for p in sorted(root.rglob("*.py"))}
    return {name: n for name, n in counts.items() if n > limit}


def test_no_import_cycle() -> None:
    cycles = import_cycles(PACKAGE)
    assert not cycles, f"{len(cycles)} import cycle(s):\n" + "\n".join(cycles)


def test_no_sql_in_gui() -> None:
    offenders = sql_in_gui(PACKAGE)
    assert not offenders, offenders


def test_widgets_do_not_import_the_main_window() -> None:
    offenders = widgets_importing_the_window(PACKAGE)
    assert not offenders, offenders


def test_no_module_over_400_lines() -> None:
    offenders = long_modules(PACKAGE)
    assert not offenders, f"{len(offenders)} module(s) over {MAX_LINES} lines: " + ", ".join(
        f"{name} ({n})" for name, n in sorted(offenders.items(), key=lambda item: -item[1]))


def _plant(root: Path, files: dict[str, str]) -> Path:
    """A synthetic package ``root`` (named heritage_explorer) holding ``files`` (path -> source)."""
    package = root / "heritage_explorer"
    for relative, source in {"__init__.py": "", "gui/__init__.py": "", "gui/widgets/__init__.py": "",
                             **files}.items():
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text(source, encoding="utf-8")
    return package


def test_the_cycle_rule_finds_a_planted_cycle(tmp_path: Path) -> None:
    package = _plant(tmp_path, {
        "core/__init__.py": "",
        "core/a.py": "from heritage_explorer.core import b\n",
        "core/b.py": "def f():\n    from .c import g\n",  # lazy and relative: still an import
        "core/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from heritage_explorer.core.a import A\n",
        "core/d.py": "import heritage_explorer.core.a\n",  # imports the cycle, is not in it
    })
    cycles = import_cycles(package)
    assert cycles == ["heritage_explorer.core.a imports heritage_explorer.core.b (line 1) | "
                      "heritage_explorer.core.b imports heritage_explorer.core.c (line 2) | "
                      "heritage_explorer.core.c imports heritage_explorer.core.a (line 3)"], cycles
    (package / "core" / "c.py").write_text("import heritage_explorer.core.d\n", encoding="utf-8")
    assert len(import_cycles(package)) == 1, "c -> d -> a -> b -> c"
    (package / "core" / "c.py").write_text("", encoding="utf-8")
    assert import_cycles(package) == []


def test_the_sql_rule_finds_planted_sql(tmp_path: Path) -> None:
    package = _plant(tmp_path, {
        "gui/panel.py": "def rows(catalog):\n    return catalog.connection.execute(query).fetchall()\n",
        "gui/widgets/list.py": "QUERY = '''SELECT id\n  FROM images WHERE status = ?'''\n",
        "gui/clean.py": "TEXT = 'Select an image from the grid'\n",
    })
    found = sql_in_gui(package)
    assert set(found) == {"gui/panel.py", "gui/widgets/list.py"}, found
    assert found["gui/panel.py"] == ["line 2: .execute()"]


def test_the_widget_rule_finds_a_planted_window_import(tmp_path: Path) -> None:
    package = _plant(tmp_path, {
        "gui/main_window.py": "from heritage_explorer.gui.widgets import grid\n",
        "gui/widgets/grid.py": "",
        "gui/widgets/panel.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                "    from heritage_explorer.gui.main_window import MainWindow\n",
        "gui/menus.py": "from heritage_explorer.gui.main_window import MainWindow\n",  # not a widget
    })
    assert widgets_importing_the_window(package) == {"heritage_explorer.gui.widgets.panel": 3}


def test_the_length_rule_finds_a_planted_long_module(tmp_path: Path) -> None:
    package = _plant(tmp_path, {"core/long.py": "x = 1\n" * (MAX_LINES + 1), "core/full.py": "x = 1\n" * MAX_LINES})
    assert long_modules(package) == {"core/long.py": MAX_LINES + 1}
