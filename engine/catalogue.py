"""Reading rules/citations.yaml: the dates each citation was in force, and its former numbers."""
from __future__ import annotations

from typing import Any

from .citations import Catalogue, Dated
from .errors import RulebookError
from .model import Rule
from .checker import Checker

CITATIONS_FILE = "citations.yaml"
_KEYS = ("cite", "from", "until", "formerly", "source", "note")


def read_catalogue(check: Checker, data: Any) -> Catalogue:
    top = check.mapping(data, (), "citations file", required=("citations",), extensions=True) or {}
    entries = []
    for index, raw in enumerate(check.items(top.get("citations"), ("citations",), "citations")):
        entry = _dated(check, raw, ("citations", index), nested=True)
        if entry is not None:
            entries.append(entry)
    seen: dict[str, tuple] = {}
    for index, entry in enumerate(entries):
        if entry.cite in seen:
            check.fail("duplicate-id", f"citation '{entry.cite}' is dated twice", ("citations", index, "cite"))
        seen[entry.cite] = ("citations", index)
    return Catalogue(tuple(entries))


def _dated(check: Checker, raw: Any, path: tuple, nested: bool) -> Dated | None:
    data = check.mapping(raw, path, "dated citation", required=("cite",),
                         optional=_KEYS[1:] if nested else ("from", "until", "note")) or {}
    cite = check.text(data.get("cite"), path + ("cite",), "cite", nullable=False, limit=200) \
        if "cite" in data else None
    start = check.date(data.get("from"), path + ("from",), "from")
    until = check.date(data.get("until"), path + ("until",), "until")
    if start and until and until < start:
        check.fail("never-in-force", f"citation ends ({until}) before it starts ({start})", path + ("until",))
    formerly = tuple(found for i, item in enumerate(check.items(data.get("formerly"), path + ("formerly",),
                                                                "formerly"))
                     if (found := _dated(check, item, path + ("formerly", i), nested=False)))
    check.text(data.get("note"), path + ("note",), "note")
    source = check.text(data.get("source"), path + ("source",), "source") if nested else None
    return Dated(cite, start, until, formerly, source or "") if cite else None


def undated(rules: list[Rule], catalogue: Catalogue) -> list[RulebookError]:
    """A rule citation no entry dates: every citation must say when it was in force."""
    return [RulebookError("undated-citation", f"rule '{rule.id}' cites '{text}', which rules/{CITATIONS_FILE} "
                          "does not date (add it with `from` and, if repealed, `until`)", where=rule.where)
            for rule in rules for text in rule.citations if catalogue.entry(text) is None]
