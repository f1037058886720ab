"""The English messages the layers below the gui write, found in their source (AST), as the
templates ``gui/error_templates.py`` and ``gui/method_templates.py`` must hold.

A message is a string literal or an f-string; each ``{expression}`` of an f-string becomes a
field named after the expression (:func:`field_name`), its conversion and format spec dropped
(the window sees the formatted value). Literal braces are doubled, as ``str.format`` reads them.
"""

from __future__ import annotations

import ast
import keyword
import re
from collections.abc import Iterator
from pathlib import Path

_STRING = re.compile(r"""[rbfuRBFU]*('''.*?'''|\"\"\".*?\"\"\"|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")""", re.DOTALL)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def field_name(node: ast.AST) -> str:
    """The name of an f-string field: the identifiers of its expression (string literals left
    out, ``self`` and Python keywords dropped, edge underscores stripped), in order, each once,
    joined by ``_``: ``self.path`` → ``path``, ``len(keep)`` → ``len_keep``,
    ``', '.join(names) or 'nothing'`` → ``join_names``; ``value`` when none is left."""
    words: list[str] = []
    for word in _IDENTIFIER.findall(_STRING.sub(" ", ast.unparse(node))):
        word = word.strip("_")
        if word and word != "self" and not keyword.iskeyword(word) and word not in words:
            words.append(word)
    return "_".join(words) or "value"


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def templates_of(node: ast.AST | None, assigned: dict[str, list[ast.AST]] | None = None,
                 depth: int = 0) -> list[str]:
    """The templates of the message ``node`` builds: one for a literal or an f-string, one per
    branch of a conditional, one for a ``+`` of pieces with a literal among them (the other pieces
    fields), the templates of a name assigned in the same function; none for anything else."""
    assigned = assigned or {}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [_escaped(node.value)]
    if isinstance(node, ast.JoinedStr):
        parts, used = [], set()
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(_escaped(value.value))
            else:
                name = base = field_name(value.value)
                n = 2
                while name in used:
                    name, n = f"{base}_{n}", n + 1
                used.add(name)
                parts.append("{" + name + "}")
        return ["".join(parts)]
    if isinstance(node, ast.IfExp):
        return templates_of(node.body, assigned, depth) + templates_of(node.orelse, assigned, depth)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        pieces = _added(node)
        literal = [templates_of(p, assigned, depth) if isinstance(p, (ast.Constant, ast.JoinedStr)) else None
                   for p in pieces]
        if not any(literal):
            return []
        text, used = "", set()
        for piece, found in zip(pieces, literal, strict=True):
            if found:
                text += found[0]
            else:
                name = base = field_name(piece)
                n = 2
                while name in used or "{" + name + "}" in text:
                    name, n = f"{base}_{n}", n + 1
                used.add(name)
                text += "{" + name + "}"
        return [text]
    if isinstance(node, ast.Name) and node.id in assigned and depth < 3:
        return [t for value in assigned[node.id] for t in templates_of(value, assigned, depth + 1)]
    return []


def _added(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _added(node.left) + _added(node.right)
    return [node]


def is_message(template: str) -> bool:
    """A template that says something: some literal words besides its fields (``{exc}`` alone,
    or a one-word location such as ``"table"``, is passed on, not a message)."""
    literal = re.sub(r"\{\w+\}", "", template)
    return " " in literal.strip() or ": " in literal


def _functions(tree: ast.AST) -> Iterator[ast.AST]:
    yield tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _assignments(scope: ast.AST) -> dict[str, list[ast.AST]]:
    found: dict[str, list[ast.AST]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
    return found


def raised_messages(path: Path) -> list[tuple[int, str]]:
    """(line, template) of each message raised in ``path``: the literal positional arguments of
    ``raise Something(…)`` (the message, or the reason of a ``(path, reason)`` error), names
    assigned a literal in the same function included; and the messages exception classes build
    in their ``__init__`` (``super().__init__(f"…")``, ``self.message = f"…"``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[tuple[int, str]] = set()
    for scope in _functions(tree):
        assigned = _assignments(scope) if scope is not tree else {}
        body = scope.body if scope is not tree else []
        for statement in body:
            for node in ast.walk(statement):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    for arg in node.exc.args:
                        found.update((node.lineno, t) for t in templates_of(arg, assigned))
    for cls in ast.walk(tree):
        if not (isinstance(cls, ast.ClassDef) and cls.name.endswith("Error")):
            continue
        for node in ast.walk(cls):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__":
                for arg in node.args:
                    found.update((node.lineno, t) for t in templates_of(arg, _assignments(cls)))
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "message"
                                                    for t in node.targets):
                found.update((node.lineno, t) for t in templates_of(node.value, _assignments(cls)))
    return sorted((line, t) for line, t in found if is_message(t))


#: Calls that put a literal phrase into a message they raise: name -> the argument's position
#: (``as_global(value, "a search index")``: "… needs a global method"; ``transaction("judging")``:
#: "… judging needs write access").
FRAGMENT_CALLS = {"as_global": 1, "as_local": 1, "as_descriptor": 1,
                  "require_writable": 0, "require_in_place": 0, "transaction": 0, "writable": 0}


def message_fragments(path: Path) -> list[tuple[int, str]]:
    """(line, phrase) of each literal phrase ``path`` passes into a message: the arguments of
    :data:`FRAGMENT_CALLS`, and the ``WHAT`` a class names itself by in its messages."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            position = FRAGMENT_CALLS.get(name)
            if position is not None and len(node.args) > position:
                found.update((node.lineno, t) for t in templates_of(node.args[position]))
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "WHAT" for t in targets):
            found.update((node.lineno, t) for t in templates_of(node.value))
    return sorted(found)
