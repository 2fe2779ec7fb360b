"""The rulebook for readers: a filterable list, and one rule exactly as its author wrote it.

`rule_source` re-reads the rule's file and cuts out the list item that holds it, so what
`rules show` prints is the YAML under review (comments included), not a re-serialisation.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..citations import mentions, tokens
from ..errors import for_people
from . import WIDTH, captured, console, place, shown_file


def matches_citation(rule: Any, text: str) -> bool:
    """Whether the rule cites `text`, loosely (citations.mentions); empty text takes every rule."""
    return not tokens(text) or any(mentions(citation, text) for citation in rule.citations)


def matches_activity(rule: Any, activity: str, activity_class: str) -> bool:
    """Whether the rule's scope can take a task doing this activity (no scope takes every one)."""
    scope = dict(rule.when)
    if "activity" not in scope and "activity_class" not in scope:
        return True
    return activity in scope.get("activity", ()) or activity_class in scope.get("activity_class", ())


def rules_text(rules: Iterable[Any], *, color: bool = False, width: int = WIDTH) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rules = list(rules)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False)
    table.add_column("Rule", overflow="fold", ratio=3)
    table.add_column("Effect", no_wrap=True)
    table.add_column("From", no_wrap=True)
    table.add_column("Citations / title", ratio=4)
    for rule in rules:
        until = f"\nuntil {rule.until.isoformat()}" if rule.until else ""
        about = Text(for_people("; ".join(rule.citations)))
        about.append("\n" + for_people(rule.title), style="dim")
        table.add_row(for_people(rule.id) + ("" if rule.verified else "\n(unverified)"), rule.effect,
                      f"{rule.effective.isoformat()}{until}", about)
    out = console(color, width)
    out.print(table)
    out.print(f"{len(rules)} rules")
    return captured(out)


def rules_data(rules: Iterable[Any]) -> list[dict]:
    return [{"rule": r.id, "effect": r.effect, "title": r.title, "citations": list(r.citations),
             "effective": r.effective.isoformat(), "until": r.until.isoformat() if r.until else None,
             "scope": {k: list(v) for k, v in r.when}, "overrides": list(r.defeats),
             "verified": r.verified, "where": place(r.where)} for r in rules]


def rule_source(rule: Any) -> str:
    """`file:line:` and the rule's YAML as written; falls back to the parsed fields if unreadable."""
    where = rule.where
    if where is None or not where.line:
        return _summary(rule)
    try:
        with open(where.file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return _summary(rule)
    span = _item_span(text, where.line - 1)
    if span is None:
        return _summary(rule)
    first, last = span
    lines = text.splitlines()[first:last + 1]
    return for_people(f"{shown_file(where.file)}:{first + 1}:\n" + "\n".join(lines), lines=True) + "\n"


def _item_span(text: str, line: int) -> tuple[int, int] | None:
    """First and last 0-based lines of the sequence item whose node holds `line`."""
    import yaml

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lines = text.splitlines() + [""]
    for _key, value in root.value:
        if not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            start, end = item.start_mark.line, item.end_mark.line
            if end > start and not lines[end][:item.end_mark.column].strip():
                end -= 1                       # the mark sits on the next item's first line
            if start <= line <= end:
                while end > start and (not lines[end].strip() or lines[end].lstrip().startswith("#")):
                    end -= 1
                return start, end
    return None


def _summary(rule: Any) -> str:
    where = f"{place(rule.where)}:\n" if rule.where else ""
    return for_people(f"{where}id: {rule.id}\ntitle: {rule.title}\neffect: {rule.effect}\n"
                      f"citations: {list(rule.citations)}\nbecause: {rule.because}", lines=True) + "\n"
