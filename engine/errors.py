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
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
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


def one_line(text: str) -> str:
    """`text` with every control or layout character escaped: one error, one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shown(value: Any, limit: int = _SHORT) -> str:
    """A user's value quoted for a message: escaped, and cut short if long."""
    text = value if isinstance(value, str) else repr(value)
    text = one_line(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'"


def closest(word: object, known: Iterable[str]) -> str | None:
    """The nearest known word, or None: no hint beats a wrong one."""
    if not isinstance(word, str) or not word or len(word) > 100:
        return None
    matches = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.75)
    return matches[0] if matches else None


def raise_all(errors: list[ComitatusError], uncounted: int = 0) -> None:
    if len(errors) == 1 and not uncounted:
        raise errors[0]
    if errors:
        raise Problems(errors, uncounted)
