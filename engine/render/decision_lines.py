"""One decision as lines: what every human format shows of a decision's reasoning, walked once.

A decision's reasoning is six sections (SECTIONS): the reasons, the rules overridden, the
conditions still open, the competing readings, the remedies and the obligations. `sections`
walks those a format shows, in its order, each non-empty one with its entries as `Item`s (the
same fields whatever the section), read from a `Decision` or from its JSON dict (explain draws
the dict, so its tree and its JSON never disagree). `lay_out` turns them into lines with a
format's `Layout`: a template per section, and the lines around each section.

The formats differ only in words and markup: markdown (`decision_markdown`), junit
(`decision_details`), html (`reasoning`), the explain tree and the living specification's
failure messages each hold a Layout and nothing else of the walk. A streaming writer calls
those per decision, as the whole-report writers do.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from . import WOULD

SECTIONS = ("reasons", "overridden", "conditions", "readings", "remedies", "obligations")
_TEXT = {"reasons": "because", "obligations": "because", "readings": "reading"}


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a section; a field the section does not have is empty."""
    rule: str = ""
    citation: str = ""
    text: str = ""                    # a reason's or obligation's because, a condition, a reading
    effect: str = ""
    by: str = ""                      # the rule that overrode this one
    source: str = ""                  # where a reading comes from
    requires: tuple[str, ...] = ()    # what a remedy still needs

    @property
    def would(self) -> str:
        """What a remedy would do to the verdict (render.WOULD)."""
        return WOULD.get(self.effect, "would permit it")


def item(section: str, entry: Any) -> Item:
    """An entry of a Decision's section (a dataclass, or a condition's text) or of its JSON dict."""
    if isinstance(entry, str):
        return Item(text=entry)
    if isinstance(entry, dict):
        get = entry.get
    else:
        def get(name: str, default: Any = None) -> Any:
            return getattr(entry, name, default)
    return Item(get("rule") or "", get("citation") or "", get(_TEXT.get(section, "text")) or "",
                get("effect") or "", get("by") or "", get("source") or "", tuple(get("requires") or ()))


def sections(decision: Any, shown: tuple[str, ...] | Mapping[str, Any] = SECTIONS) -> Iterator[tuple[str, list[Item]]]:
    """Each section of `shown` (its keys, for a mapping) the decision has entries in, in that order."""
    for section in shown:
        entries = decision[section] if isinstance(decision, dict) else getattr(decision, section)
        if entries:
            yield section, [item(section, entry) for entry in entries]


def _nothing(section: str) -> list[str]:
    return []


@dataclass(frozen=True)
class Layout:
    """How a format writes the sections: `lines` gives each section it shows (in its order) the
    line or lines of one entry; `before` and `after` the lines around a section."""
    lines: Mapping[str, Callable[[Item], str | list[str]]]
    before: Callable[[str], list[str]] = _nothing
    after: Callable[[str], list[str]] = _nothing


def lay_out(decision: Any, layout: Layout) -> list[str]:
    """The decision's sections as the layout writes them."""
    lines: list[str] = []
    for section, items in sections(decision, layout.lines):
        lines += layout.before(section)
        for entry in items:
            written = layout.lines[section](entry)
            lines += [written] if isinstance(written, str) else written
        lines += layout.after(section)
    return lines


def cited(entry: Item, rule: str | None = None) -> str:
    """`rule (citation)`: how most lines name an entry's rule; `rule` as the format marks it up."""
    return f"{entry.rule if rule is None else rule} ({entry.citation})"
