"""One error root for everything refused on purpose, carrying where it happened.

The CLI has a single catch site for `ComitatusError`; every message is one line:
`file:line:column: error[code]: message (did you mean 'x'?)`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Iterable

# Anything that would break the one-line promise or hide text: C0/C1 controls, line and
# paragraph separators, bidirectional overrides (they reorder what a reviewer sees), and
# invisible characters (zero-width spaces, soft hyphens) that make two words look alike.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069"
                          "\ufeff\ufff9-\ufffb]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT = 60


@dataclass(frozen=True, order=True, slots=True)
class SourceLocation:
    file: str
    line: int = 0      # 1-based; 0 means "the whole file"
    column: int = 0    # 1-based, in characters

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class ComitatusError(Exception):
    """Root of every error raised on purpose; one instance is one problem in one place."""

    exit_code = 2

    def __init__(self, code: str, message: str, *, where: SourceLocation | None = None,
                 did_you_mean: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where = where
        self.did_you_mean = did_you_mean

    def line(self) -> str:
        place = f"{self.where}: " if self.where else ""
        hint = f" (did you mean '{self.did_you_mean}'?)" if self.did_you_mean else ""
        return one_line(f"{place}error[{self.code}]: {self.message}{hint}")

    def sort_key(self) -> tuple:
        where = self.where
        return (where is None, where.file if where else "", where.line if where else 0,
                where.column if where else 0, self.code, self.message)

    def __str__(self) -> str:
        return self.line()


class ScenarioError(ComitatusError):
    """A scenario file breaks the contract."""


class RulebookError(ComitatusError):
    """rules/ is malformed or inconsistent."""


class CompileError(ComitatusError):
    """durable_rules refused the network we built, or failed while matching."""


class Problems(ComitatusError):
    """What a stage raises: all its errors, de-duplicated and sorted, capped."""

    CAP = 50

    def __init__(self, errors: Iterable[ComitatusError], uncounted: int = 0) -> None:
        unique: dict[str, ComitatusError] = {}
        for error in sorted(errors, key=ComitatusError.sort_key):
            if isinstance(error, Uncounted):
                uncounted += error.count
            else:
                unique.setdefault(error.line(), error)
        listed = tuple(unique.values())
        self.uncounted = uncounted      # found past the collection cap: counted, not kept
        # the count rides along as the last item, so Problems(a.errors + b.errors) keeps it
        self.errors: tuple[ComitatusError, ...] = listed + ((Uncounted(uncounted),) if uncounted else ())
        first = listed[0]
        super().__init__(first.code, first.message, where=first.where,
                         did_you_mean=first.did_you_mean)

    def lines(self) -> list[str]:
        listed = [error for error in self.errors if not isinstance(error, Uncounted)]
        shown = [error.line() for error in listed[: self.CAP]]
        hidden = len(listed) - len(shown) + self.uncounted
        if hidden > 0:
            shown.append(f"... and {hidden} more errors")
        return shown

    def line(self) -> str:
        return "\n".join(self.lines())


class Uncounted(ComitatusError):
    """Not an error: how many more a checker found after it stopped keeping them."""

    def __init__(self, count: int) -> None:
        super().__init__("uncounted", f"{count} more errors")
        self.count = count

    def sort_key(self) -> tuple:
        return (True, "\uffff", 0, 0, "", "")


def first_at(where: SourceLocation) -> str:
    """Where a duplicate was first seen: 'first on line 4', or by path for a caller's mapping."""
    return f"first on line {where.line}" if where.line else f"first at {where}"


def one_line(text: str) -> str:
    """`text` with every control or layout character escaped: one error, one line."""
    return _UNPRINTABLE.sub(_escape, text)


def for_people(text: str, *, lines: bool = False) -> str:
    """Text from a file made safe to show: controls, bidi overrides and invisible characters
    escaped (`\\u202e`), lone surrogates too; with `lines`, line breaks are kept."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text
    if not lines:
        return _UNPRINTABLE.sub(_escape, text)
    return "\n".join(_UNPRINTABLE.sub(_escape, part) for part in text.split("\n"))


def _escape(found: re.Match) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def shown(value: Any, limit: int = _SHORT) -> str:
    """A user's value quoted for a message: escaped, and cut short if long."""
    text = value if isinstance(value, str) else repr(value)
    text = one_line(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'"


HINTS = 100            # did-you-mean lookups against one list of known words, at most
CANDIDATES = 256       # difflib comparisons for one lookup, at most
CUTOFF = 0.75          # how alike a hint must be (difflib's ratio)
_LONGEST = 100         # no hint for a word longer than this


class Hints:
    """Did-you-mean for many words against one list: indexed once, each lookup bounded.

    A file of 100,000 distinct typos against 100,000 declared ids must not take
    100,000 x 100,000 comparisons. A lookup compares the word only with words whose length
    can reach the cutoff at all (difflib's ratio 2M/(n+m) bounds m), and at most CANDIDATES
    of them: those sharing its first two letters, then its last two, then its first letter,
    then its last, nearest lengths first. After `limit` lookups there are no more hints.
    For a list small enough that every word of a possible length fits in CANDIDATES, the
    answer is exactly difflib's over the whole list.
    """

    def __init__(self, known: Iterable[str], limit: int = HINTS) -> None:
        self.words = sorted({word for word in known if isinstance(word, str) and 0 < len(word) <= _LONGEST})
        self.left = limit
        self._lengths: dict[int, list[str]] = {}
        self._index: dict[tuple[int, str, int], list[str]] = {}     # (which key, key, length) -> words
        for word in self.words:
            self._lengths.setdefault(len(word), []).append(word)
            for which, key in enumerate(_keys(word)):
                self._index.setdefault((which, key, len(word)), []).append(word)
        self._said: dict[str, str | None] = {}

    def __call__(self, word: object) -> str | None:
        if not isinstance(word, str) or not word or len(word) > _LONGEST:
            return None
        if word in self._said:
            return self._said[word]
        if self.left <= 0:
            return None
        self.left -= 1
        matches = difflib.get_close_matches(word, self._candidates(word), n=1, cutoff=CUTOFF)
        hint = self._said[word] = matches[0] if matches else None
        return hint

    def _candidates(self, word: str) -> list[str]:
        size = len(word)
        low = int(size * CUTOFF / (2 - CUTOFF))                 # rounded down: one length of slack
        high = int(size * (2 - CUTOFF) / CUTOFF) + 1
        lengths = sorted(range(max(low, 1), high + 1), key=lambda n: (abs(n - size), n))
        every = [w for n in lengths for w in self._lengths.get(n, ())]
        if len(every) <= CANDIDATES:
            return every
        chosen: dict[str, None] = {}
        for which, key in enumerate(_keys(word)):
            for n in lengths:
                for known in self._index.get((which, key, n), ())[:CANDIDATES - len(chosen)]:
                    chosen[known] = None
                if len(chosen) >= CANDIDATES:
                    return list(chosen)
        return list(chosen)


def _keys(word: str) -> tuple[str, str, str, str]:
    return word[:2], word[-2:], word[0], word[-1]


def closest(word: object, known: Iterable[str]) -> str | None:
    """The nearest known word, or None: no hint beats a wrong one."""
    if not isinstance(word, str) or not word or len(word) > _LONGEST:
        return None
    return Hints(known, limit=1)(word)


def raise_all(errors: list[ComitatusError], uncounted: int = 0) -> None:
    if len(errors) == 1 and not uncounted:
        raise errors[0]
    if errors:
        raise Problems(errors, uncounted)
