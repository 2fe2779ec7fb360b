"""The phrase language, and the step table read from rules/phrases.yaml.

A phrase is literal text with placeholders `{name}` or `{name:type}`, optional parts in
`[...]` and alternatives in `(a|b)`; rules/phrases.yaml lists the types. Every phrase, and
every word a step gives meaning to, is written there: this module knows the language, not
the words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import engine
from engine.checker import Checker

KINDS = ("given", "when", "then")
MAX_DIGITS = 15          # a step's whole number: beyond 2**53 no reader agrees on it anyway
_TOKEN = re.compile(r"\{(\w+)(?::([^}]+))?\}|\[|\]|\(|\)|\|")
_ENTRY_KEYS = ("do", "means", "fields", "event", "kind", "table", "required", "missing")


class SpecError(Exception):
    """A feature asks for something the steps cannot do (not a legal disagreement)."""


def word(text: str) -> str:
    """A term as the vocabulary spells it: lower case, spaces as underscores."""
    return re.sub(r"\s+", "_", text.strip()).lower()


def whole(text: str) -> int:
    """A step's whole number; thousands of digits are refused, not converted (int() has a limit)."""
    if len(text.lstrip("0")) > MAX_DIGITS:
        raise SpecError(f"the number {text[:20]}... has {len(text)} digits (at most {MAX_DIGITS})")
    return int(text)


def split(text: str) -> list[str]:
    return [part for part in re.split(r", and |, | and ", text.strip()) if part]


class Truth:
    """A table cell saying yes, no or unstated, in the words rules/phrases.yaml gives."""
    words: dict[str, bool | None] = {}

    @classmethod
    def of(cls, text: str) -> bool | None:
        value = word(text)
        if value not in cls.words:
            said = ", ".join(repr(w) for w in cls.words if w)
            raise SpecError(f"'{text}' is not one of {said}")
        return cls.words[value]


TYPES: dict[str, tuple[str, Callable[[str], Any]]] = {
    "id": (r'[^"]+', lambda text: text),
    "qterm": (r'[^"]+', word),
    "term": (r"[A-Za-z0-9][A-Za-z0-9_ .'-]*?", word),
    "ids": (r'"[^"]+"(?:(?:, and |, | and )"[^"]+")*', lambda text: re.findall(r'"([^"]+)"', text)),
    "terms": (r"[A-Za-z0-9][A-Za-z0-9_ ,.'-]*?", lambda text: [word(t) for t in split(text)]),
    "date": (r"\d{4}-\d{2}-\d{2}", lambda text: text),
    "int": (r"\d+", whole),
    "truth": (r".*", Truth.of),
}


def compile_phrase(phrase: str) -> tuple[re.Pattern, dict[str, Callable]]:
    """A phrase as a regular expression with one named group per placeholder."""
    pattern, position = [], 0
    converters: dict[str, Callable[[str], Any]] = {}
    for token in _TOKEN.finditer(phrase):
        pattern.append(re.escape(phrase[position:token.start()]))
        position = token.end()
        name, kind = token.group(1), token.group(2) or "term"
        if name is None:
            pattern.append({"[": "(?:", "]": ")?", "(": "(?:", ")": ")", "|": "|"}[token.group(0)])
        elif kind not in TYPES:               # literal words: "a|b|c" (or one word)
            pattern.append(f"(?P<{name}>{'|'.join(re.escape(c) for c in kind.split('|'))})")
            converters[name] = str
        else:
            regex, convert = TYPES[kind]
            pattern.append(f"(?P<{name}>{regex})")
            converters[name] = convert
    pattern.append(re.escape(phrase[position:]))
    return re.compile("".join(pattern)), converters


def shown(phrase: str) -> str:
    """The phrase as a reader sees it: `{name}` placeholders, `{a|b}` choices, `[optional]` parts."""
    def placeholder(found: re.Match) -> str:
        name, kind = found.group(1), found.group(2)
        if kind is None or kind in TYPES:
            return "{" + name + "}"
        return kind if "|" not in kind else "{" + kind + "}"
    text = re.sub(r"\{(\w+)(?::([^}]+))?\}", placeholder, phrase)
    text = re.sub(r"\((\w+)(?:\|\w+)*\)", r"\1", text)
    return text.replace("[ ", " [")


def _column(spec: str) -> tuple[str, Callable[[str], Any]]:
    """A table column's `group` or `group:type` (raw text unless a type is given)."""
    group, _, kind = spec.partition(":")
    return group, TYPES[kind or "id"][1]


@dataclass(frozen=True)
class Step:
    """One phrase of the step library and the verb that runs it, with its entry's words."""
    kind: str                                  # given | when | then
    phrase: str
    function: Callable[..., None]              # verb(world, step, values)
    regex: re.Pattern = field(compare=False)
    converters: dict = field(compare=False)
    table: bool = False                        # takes a data table: the verb runs once per row
    text: bool = False                         # takes a docstring
    entry: dict = field(default_factory=dict, compare=False)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self.regex.groupindex)

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {shown(self.phrase)}"

    def match(self, text: str) -> dict[str, str] | None:
        found = self.regex.fullmatch(text)
        return found.groupdict() if found else None

    def run(self, world: Any, groups: dict[str, str | None], datatable: list[list[str]] | None = None,
            docstring: str | None = None) -> None:
        """Convert the matched text and call the verb (once per row of a data table)."""
        __tracebackhide__ = True
        values = {name: (self.converters[name](value) if value is not None else None)
                  for name, value in groups.items() if name in self.converters}
        if self.table and datatable is None:
            raise SpecError(f"the step '{shown(self.phrase)}' needs a data table below it")
        if not self.table and datatable is not None:
            raise SpecError(f"the step '{shown(self.phrase)}' takes no data table")
        if self.text:
            if docstring is None:
                raise SpecError(f'the step \'{shown(self.phrase)}\' needs a """ text block below it')
            values["docstring"] = docstring
        elif docstring is not None:
            raise SpecError(f"the step '{shown(self.phrase)}' takes no text block")
        for row in self.rows(datatable or []) if self.table else (values,):
            self.function(world, self, **self.meant(row))

    def rows(self, datatable: list[list[str]]) -> Iterator[dict[str, Any]]:
        """Each row of the table as the groups its columns fill; a column once per group."""
        if not datatable:
            raise SpecError("the data table is empty: give a header row and at least one row")
        header = [word(cell) for cell in datatable[0]]
        columns = {name: _column(spec) for name, spec in self.entry["table"].items()}
        for cells in datatable[1:]:
            row = dict(zip(header, (cell.strip() for cell in cells)))
            values: dict[str, Any] = {}
            for name, (group, convert) in columns.items():
                if values.get(group) is None and row.get(name):
                    values[group] = convert(row[name])
                values.setdefault(group, None)
            if any(values.get(group) is None for group in self.entry.get("required", ())):
                raise SpecError(self.entry["missing"])
            yield values

    def meant(self, values: dict[str, Any]) -> dict[str, Any]:
        """Each written word replaced by the value the entry's `means` gives it."""
        for group, meaning in self.entry.get("means", {}).items():
            if values.get(group) is not None:
                values[group] = meaning[values[group]]
        return values


def read_steps(verbs: dict[str, Callable], text_verbs: set[str], path: str | None = None) -> list[Step]:
    """The step table of rules/phrases.yaml (the bundled rulebook's), each entry checked."""
    from engine.rulebook import phrases_path
    from .world import read_text, read_yaml
    path = path or phrases_path()
    document = read_yaml(read_text(path, engine.RulebookError), path, engine.RulebookError)
    check = Checker(document, engine.RulebookError)
    top = check.mapping(document.data, (), "phrases file", required=("steps",), optional=("truth",)) or {}
    Truth.words = {word(str(k)): v for k, v in (top.get("truth") or {}).items()}
    steps = []
    for index, entry in enumerate(check.items(top.get("steps"), ("steps",), "steps", non_empty=True)):
        step = _step(check, entry, ("steps", index), verbs, text_verbs)
        if step is not None:
            steps.append(step)
    check.done()
    return steps


def _refused(verb: Callable, groups: set[str]) -> list[str]:
    """The groups a verb does not take: none when it takes **values, else those not among its
    keyword parameters."""
    import inspect
    parameters = list(inspect.signature(verb).parameters.values())[2:]
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return []
    return sorted(groups - {p.name for p in parameters})


def _step(check: Checker, entry: Any, path: tuple, verbs: dict[str, Callable], text_verbs: set[str]) -> Step | None:
    """One entry: exactly one of given/when/then, a known verb, and the keys rules/phrases.yaml lists."""
    entry = check.mapping(entry, path, "step", required=("do",), optional=KINDS + _ENTRY_KEYS)
    kinds = [kind for kind in KINDS if entry and kind in entry]
    if not entry or len(kinds) != 1:
        if entry:
            check.fail("bad-step", "a step has exactly one of given, when or then", path)
        return None
    verb = check.word(entry["do"], path + ("do",), "verb", sorted(verbs))
    phrase = check.text(entry[kinds[0]], path + (kinds[0],), "phrase", nullable=False)
    if verb not in verbs or not phrase:
        return None
    regex, converters = compile_phrase(phrase)
    groups = set(converters) | {_column(spec)[0] for spec in (entry.get("table") or {}).values()}
    unknown = _refused(verbs[verb], groups)
    if unknown:
        check.fail("bad-step", f"the verb '{verb}' takes no {', '.join(unknown)}", path + (kinds[0],))
        return None
    return Step(kinds[0], phrase, verbs[verb], regex, converters, "table" in entry, verb in text_verbs, entry)
