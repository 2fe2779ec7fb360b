"""Checking the shape of parsed documents, collecting every problem with its position."""
from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any, Iterable, Mapping

from .dates import DATE, MAX_DATE, MIN_DATE, as_date
from .errors import ComitatusError, closest, first_at, raise_all, shown
from .read import Document

WORD = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


def describe(value: Any, written: str | None = None) -> str:
    """What was found, as the writer would recognise it: a number as it was written, cut short."""
    if value is None:
        return "null" if not written or written in ("~", "null") else f"{shown(written)}, read as null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {shown(written or repr(value))[1:-1]}"
    if isinstance(value, str):
        return f"text {shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Checker:
    """Collects errors against one document; `done()` raises them all, sorted.

    A file of a hundred thousand typos must still be answered in seconds: hints are worked
    out for the first HINTS errors only, and past MAX_ERRORS errors are counted, not kept.
    """

    HINTS = 100
    MAX_ERRORS = 1000

    def __init__(self, doc: Document, error: type[ComitatusError]) -> None:
        self.doc = doc
        self.error = error
        self.errors: list[ComitatusError] = []
        self.uncounted = 0

    def fail(self, code: str, message: str, path: Iterable, *, key: bool = False,
             hint: str | None = None) -> None:
        if len(self.errors) >= self.MAX_ERRORS:
            self.uncounted += 1
            return
        self.errors.append(self.error(code, message, where=self.doc.where(tuple(path), key=key),
                                      did_you_mean=hint))

    def closest(self, word: Any, known: Iterable[str]) -> str | None:
        """errors.closest, while hints are still affordable."""
        return closest(word, known) if len(self.errors) < self.HINTS else None

    def done(self) -> None:
        raise_all(self.errors, self.uncounted)

    def found(self, value: Any, path: tuple) -> str:
        text_of = getattr(self.doc, "text_of", None)
        return describe(value, text_of(path) if text_of else None)

    def mapping(self, value: Any, path: tuple, what: str, required: Iterable[str] = (),
                optional: Iterable[str] = (), extensions: bool = False) -> dict | None:
        if not isinstance(value, dict):
            self.fail("wrong-type", f"{what} must be a mapping, found {self.found(value, path)}", path)
            return None
        required, optional = tuple(required), tuple(optional)
        known = required + optional
        hinted = set()
        for key in value:
            if key in known or (extensions and isinstance(key, str) and key.startswith("x-")):
                continue
            note = " (x- keys are allowed only at the top level)" if key.startswith("x-") else ""
            hint = self.closest(key, [k for k in known if k not in value])
            hinted.add(hint)
            allowed = f" (allowed: {', '.join(known)})" if not hint and not note and 0 < len(known) <= 16 else ""
            self.fail("unknown-key", f"unknown key {shown(key)} in {what}{note}{allowed}", path + (key,),
                      key=True, hint=hint)
        missing = [key for key in required if key not in value and key not in hinted]  # a typo: said once
        if missing:     # one mapping, one error, however many keys it lacks
            names = ", ".join(f"'{key}'" for key in missing)
            self.fail("missing-key", f"{what} is missing required key{'s' if len(missing) > 1 else ''} {names}",
                      path)
        return value

    def text(self, value: Any, path: tuple, what: str, *, nullable: bool = True,
             limit: int | None = None, blank: bool = False) -> str | None:
        """Text; `blank` allows an empty or blank string (free notes nobody relies on)."""
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not (blank or value.strip()):
            found = "empty text" if isinstance(value, str) else self.found(value, path)
            self.fail("wrong-type", f"{what} must be text, found {found}", path)
            return None
        if limit is not None and len(value) > limit:
            self.fail("too-long", f"{what} is {len(value)} characters long (at most {limit})", path)
            return None
        return value

    def word(self, value: Any, path: tuple, what: str, choices: Mapping | Iterable | None = None,
             code: str = "unknown-word") -> str | None:
        """A word from `choices`; a Mapping maps synonyms to their canonical word."""
        if not isinstance(value, str):
            quote = " (put it in quotes)" if isinstance(value, bool) else ""
            self.fail("wrong-type", f"{what} must be a word, found {self.found(value, path)}{quote}", path)
            return None
        if choices is not None and not isinstance(choices, Mapping):
            choices = list(choices)               # read twice: the test, then the hint
        found = known_word(value, choices)
        if found is not None:
            return found
        if choices is None:
            self.fail("bad-word", f"{what} {shown(value)} must match [a-z0-9][a-z0-9_-]*{_foreign(value)}",
                      path, hint=_as_word(value))
            return None
        words = list(choices)
        hint = self.closest(value, words) or self.closest(_as_word(value) or "", words)
        listed = f": {', '.join(words)}" if not hint and len(words) <= 16 else ""
        self.fail(code, f"{what} {shown(value)} is not one of the known words{listed}{_foreign(value)}",
                  path, hint=hint)
        return None

    def date(self, value: Any, path: tuple, what: str, *, nullable: bool = True) -> datetime.date | None:
        if value is None and nullable:
            return None
        day = as_date(value)
        if day is not None:
            return day
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        if not isinstance(value, str) or not DATE.fullmatch(value.strip()):
            timed = isinstance(value, str) and DATE.match(value.strip()) is not None
            found = "a date with a time of day: write the date alone" if timed else self.found(value, path)
            self.fail("bad-date", f"{what} must be a date YYYY-MM-DD, found {found}", path)
            return None
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            self.fail("bad-date", f"{what} {shown(value)} is not a real calendar date", path)
            return None
        if not MIN_DATE <= day <= MAX_DATE:
            self.fail("bad-date", f"{what} {shown(value)} is outside {MIN_DATE}..{MAX_DATE}", path)
            return None
        return day

    def integer(self, value: Any, path: tuple, what: str, minimum: int | None = None,
                maximum: int | None = None, *, nullable: bool = True) -> int | None:
        if value is None and nullable:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail("wrong-type", f"{what} must be a whole number, found {self.found(value, path)}", path)
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            if minimum is not None and maximum is not None:
                bounds = f"between {minimum} and {maximum}"
            else:
                bounds = f">= {minimum}" if minimum is not None else f"<= {maximum}"
            self.fail("out-of-range", f"{what} must be {bounds}, found {value}", path)
            return None
        return value

    def boolean(self, value: Any, path: tuple, what: str, *, nullable: bool = True) -> bool | None:
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            # words YAML 1.1 read as booleans, which YAML 1.2 (the dialect read here) reads as text
            yaml11 = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}
            meant = yaml11.get(value.lower()) if isinstance(value, str) else None
            found = f"text {shown(value)} (YAML 1.2 reads it as text): write {meant}" if meant \
                else self.found(value, path)
            self.fail("wrong-type", f"{what} must be true or false, found {found}", path)
            return None
        return value

    def items(self, value: Any, path: tuple, what: str, *, nullable: bool = True,
              non_empty: bool = False) -> list:
        if value is None and nullable:
            return []
        if not isinstance(value, list):
            self.fail("wrong-type", f"{what} must be a list, found {self.found(value, path)}", path)
            return []
        if non_empty and not value:
            self.fail("empty-list", f"{what} must not be empty", path)
        return value

    def unique_id(self, value: Any, path: tuple, what: str, seen: dict) -> str | None:
        """An id matching WORD and not seen before (after NFC); `seen` maps ids to their place."""
        ident = self.word(value, path, f"{what} id")
        if ident is None:
            return None
        ident = unicodedata.normalize("NFC", ident)     # canonically equal ids are one id
        if ident in seen:
            self.fail("duplicate-id", f"duplicate {what} id {shown(ident)} ({first_at(seen[ident])})", path)
            return None
        seen[ident] = self.doc.where(path)
        return ident


def known_word(value: str, choices: Mapping | Iterable | None) -> str | None:
    """`value` as the rulebook spells it, or None: one of `choices` (a Mapping maps synonyms
    to their canonical word), or any well-formed word where there are none. Checker.word's
    answer without its messages, for the quick task reader."""
    if choices is None:
        return value if WORD.match(value) else None
    if isinstance(choices, Mapping):
        return choices.get(value)
    return value if value in choices else None


def _foreign(value: str) -> str:
    """A note on the first character that is not ASCII: a pasted 'а' looks like an 'a'."""
    char = next((c for c in value if not c.isascii()), None)
    if char is None:
        return ""
    return f" (it contains {shown(char)}, U+{ord(char):04X}, which is not ASCII)"


def _as_word(value: str) -> str | None:
    """The word a sloppy writer probably meant: 'Motor Pool' -> 'motor_pool'."""
    word = re.sub(r"\s+", "_", value.strip().lower())
    return word if word != value and WORD.match(word) else None
