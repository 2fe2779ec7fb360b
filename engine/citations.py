"""Matching citations as people write them, whatever their dots, spaces and section signs.

A scenario's citation matches a rule's when they are equal after normalisation, or when
the rule names the section and the scenario a subsection of it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Iterable

_NOISE = re.compile("[\\s.,\u00a7]+|" r"\bSECTIONS?\b|\bSECS?\b")


def _fold(noise: re.Match) -> str:
    """Dots and commas vanish (A.B. -> AB); blanks, section signs and the words go to one blank."""
    return "" if not noise.group().strip(".,") else " "


def tokens(text: str) -> str:
    """The one citation normaliser: upper case, no dots, commas, section signs or the words
    section and sec, one blank between the tokens left ("12 A.B. 34(c), sec. 5" -> "12 AB 34(C) 5")."""
    return " ".join(_NOISE.sub(_fold, text.upper()).split())


def normalize(text: str) -> str:
    """`tokens` without the blanks: the form the rules and a scenario's citations are matched in."""
    return tokens(text).replace(" ", "")


def mentions(citation: str, wanted: str) -> bool:
    """Loose but whole-token: `12 ab 34` finds `12 A.B. 34(c)` but not `12 A.B. 345`."""
    folded = tokens(wanted)
    return not folded or re.search(r"(?<![0-9A-Z])" + re.escape(folded) + r"(?![0-9A-Z])", tokens(citation)) is not None


def cites(citations: str | Iterable[str], wanted: str) -> bool:
    """Whether one of the citations (a list, or a text joined with "; ") is `wanted` or a
    subsection of it, after normalising: "12 A.B. 34" is cited by "12 AB 34(c)(1)"."""
    items = citations.split("; ") if isinstance(citations, str) else citations
    return any(normalize(wanted) in prefixes(item) for item in items)


def prefixes(text: str) -> list[str]:
    """The citation and every enclosing section: 831(F)(2) -> 831, 831(F), 831(F)(2)."""
    full = normalize(text)
    cuts = [i for i, char in enumerate(full) if char == "("]
    return sorted({full[:i] for i in cuts} | {full})


# ---- in-force dates ---------------------------------------------------------------------
#
# rules/citations.yaml dates every citation the rules use: from when to when it was in force,
# and under which number before a renumbering. A decision cites only what was in force on
# the task's date, under the number in force then.


_ENDS = "(.:, "      # what may follow a cited section inside a longer citation: a subsection


@dataclass(frozen=True, slots=True)
class Dated:
    cite: str                                   # as the rules write it
    start: datetime.date | None                # first day in force (None: always was)
    until: datetime.date | None                # last day in force (None: still is)
    formerly: tuple["Dated", ...] = ()          # the same provision under earlier numbers
    source: str = ""

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day <= self.until)


def _within(text: str, cite: str) -> bool:
    return text == cite or (text.startswith(cite) and text[len(cite)] in _ENDS)


class Catalogue:
    """Every dated citation; `in_force` gives what a decision on a day may cite."""

    def __init__(self, entries: tuple[Dated, ...]) -> None:
        self.entries = tuple(sorted(entries, key=lambda e: -len(e.cite)))    # longest match first
        days = set()
        for entry in entries:
            for dated in (entry,) + entry.formerly:
                if dated.start is not None:
                    days.add(dated.start)
                if dated.until is not None:
                    days.add(dated.until + datetime.timedelta(days=1))
        self.edges = sorted(days)

    def entry(self, text: str) -> Dated | None:
        return next((entry for entry in self.entries if _within(text, entry.cite)), None)

    def in_force(self, text: str, day: datetime.date) -> str | None:
        """`text` as cited on `day`: itself, its former number, or None when not in force."""
        entry = self.entry(text)
        if entry is None or entry.covers(day):
            return text
        for former in entry.formerly:
            if former.covers(day):
                return former.cite + text[len(entry.cite):]
        return None

    def cited(self, texts: tuple[str, ...], day: datetime.date) -> tuple[str, ...]:
        found = (self.in_force(text, day) for text in texts)
        return tuple(dict.fromkeys(text for text in found if text))
