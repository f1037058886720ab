"""English messages of the layers below the gui, shown in the interface language.

The layers below the gui write plain English (the command line prints it as is) and never import
Qt. Their messages are written from a fixed set of templates, f-strings whose ``{fields}`` stand
for names, numbers and file paths; the gui holds the same templates marked for translation
(contexts ``Stages``, ``Errors``, ``Methods``) and, to show a message, finds the template it was
written from, translates that, and puts the captured fields back unchanged: file names, method
specs and numbers are never translated. A field whose value is itself a message of the table
(the reason in ``"{path}: {reason}"``) is translated in turn. A message of no template is shown
as it came.
"""

from __future__ import annotations

import re

from heritage_explorer.gui.error_templates_core import CORE_ERROR_TEMPLATES
from heritage_explorer.gui.error_templates_methods import METHOD_ERROR_TEMPLATES
from heritage_explorer.gui.i18n import translate
from heritage_explorer.gui.method_templates import METHOD_TEMPLATES

_FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})|\{\{|\}\}")
_NESTING = 3  # fields translated inside fields, at most this deep
_LIST = "; "  # what joins the messages of a list into one


def template_pattern(template: str, greedy: bool = False) -> re.Pattern[str]:
    """The regular expression of the messages ``template`` writes: its literal text as such
    (``{{``/``}}`` are literal braces), each ``{field}`` a named group that is empty or ends with
    a non-space (so a French ``"Projet : …"`` is not read as ``"{path}: {reason}"``). Fields are
    as short as they can be, or as long with ``greedy``: ``"{a} ({b})"`` reads ``"x (y) (z)"``
    with ``a = "x"`` or with ``a = "x (y)"``."""
    field = r"(?P<{}>|.*\S)" if greedy else r"(?P<{}>|.*?\S)"
    pattern, start = "", 0
    for found in _FIELD.finditer(template):
        pattern += re.escape(template[start:found.start()])
        token = found.group(0)
        pattern += re.escape(token[0]) if found.group(1) is None else field.format(found.group(1))
        start = found.end()
    return re.compile(f"^{pattern}{re.escape(template[start:])}$", re.DOTALL)


def _pieces(template: str) -> tuple[str, str, tuple[str, ...]]:
    """The literal start, end and pieces of ``template``: a message lacking one is not its (a
    quick test before the regular expression, which on a long message is slow to fail)."""
    pieces = [piece.replace("{{", "{").replace("}}", "}") for piece in re.split(r"(?<!\{)\{\w+\}(?!\})", template)]
    return pieces[0], pieces[-1], tuple(piece for piece in pieces[1:-1] if piece)


def _words(template: str) -> int:
    """How much of a message ``template`` says itself: the letters of its literal text."""
    return sum(character.isalpha() for character in _FIELD.sub("", template))


class MessageTemplates:
    """The templates of one translation context (and of a ``fallback`` table for what none fits).

    Of the templates a message fits, the one chosen says the most: the most letters of literal
    text, its fields' own translations counted in. So ``"a.csv, line 3: no such file or folder"``
    is ``"{where}: {reason}"`` with a translated where and reason, not ``"{where}: no {key}"``;
    and a template of punctuation only (``"{path}: {reason}"``) is used only when its fields are
    translated, so a message of no template comes out exactly as it came. A list of messages
    joined by ``"; "`` that no template fits is read one message at a time."""

    def __init__(self, context: str, templates: tuple[str, ...], fallback: MessageTemplates | None = None):
        self.context = context
        self.templates = templates
        self.fallback = fallback
        self._by_start: dict[str, list] = {}  # the templates by the first character of their literal start,
        self._by_end: dict[str, list] = {}  # those that start with a field by the last of their end ("": a field)
        for template in templates:
            start, end, pieces = _pieces(template)
            for pattern in dict.fromkeys((template_pattern(template), template_pattern(template, True))):
                entry = (template, pattern, _words(template), start, end, pieces)
                (self._by_start.setdefault(start[:1], []) if start else self._by_end.setdefault(end[-1:], [])).append(entry)
        self._found: dict[str, tuple[int, str, dict[str, str]] | None] = {}  # _best's answers

    def match(self, message: str) -> tuple[str, dict[str, str]] | None:
        """The template ``message`` was written from (see the class), with its fields; None when none fits."""
        found = self._best(message, 0)
        return (found[1], found[2]) if found and found[1] != _LIST else None

    def template(self, message: str) -> str | None:
        found = self.match(message)
        return found[0] if found else None

    def text(self, message: str) -> str:
        """``message`` in the interface language (see the module's docstring). A message of
        several lines that no template fits whole is translated line by line."""
        found = self._best(message, 0)
        if found is None and "\n" in message:
            return "\n".join(self._text(line, 1) for line in message.split("\n"))
        return self._text(message, 0)

    def _text(self, message: str, depth: int) -> str:
        found = self._best(message, depth)
        if found is None:
            return self.fallback._text(message, depth) if self.fallback is not None else message
        _, template, fields = found
        shown = {name: self._text(value, depth + 1) if value and depth < _NESTING else value
                 for name, value in fields.items()}
        return _LIST.join(shown.values()) if template == _LIST else translate(self.context, template).format(**shown)

    def _score(self, message: str, depth: int) -> int:
        found = self._best(message, depth) if message and depth <= _NESTING else None
        return found[0] if found else 0

    def _best(self, message: str, depth: int) -> tuple[int, str, dict[str, str]] | None:
        """(score, template, fields) of the template that says most of ``message``; None if none says anything."""
        if message in self._found:
            return self._found[message]
        if len(self._found) > 2000:
            self._found.clear()
        best = None
        candidates = self._by_start.get(message[:1], []) + self._by_end.get(message[-1:], []) + self._by_end.get("", [])
        for template, pattern, words, start, end, pieces in candidates:
            if not (message.startswith(start) and message.endswith(end) and all(p in message for p in pieces)):
                continue
            found = pattern.match(message)
            if found is None:
                continue
            fields = found.groupdict()
            score = words + sum(self._score(value, depth + 1) for value in fields.values())
            if score > 0 and (best is None or score > best[0]):
                best = (score, template, fields)
        if _LIST in message:  # messages joined into one ("; ".join(problems)), each read on its own
            parts = dict(enumerate(message.split(_LIST)))
            score = sum(self._score(part, depth + 1) for part in parts.values())
            if score > 0 and (best is None or score > best[0]):
                best = (score, _LIST, {str(n): part for n, part in parts.items()})
        self._found[message] = best
        return best


ERROR_TEMPLATES: tuple[str, ...] = CORE_ERROR_TEMPLATES + METHOD_ERROR_TEMPLATES
ERRORS = MessageTemplates("Errors", ERROR_TEMPLATES)
METHODS = MessageTemplates("Methods", METHOD_TEMPLATES, fallback=ERRORS)


def error_text(message: str) -> str:
    """An error message of the layers below the gui (``str(exc)``) in the interface language."""
    return ERRORS.text(message)


def description_text(text: str) -> str:
    """What the registry says of a method or of its weights, in the interface language."""
    return METHODS.text(text)
