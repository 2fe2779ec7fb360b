"""Checking the shape of parsed documents, collecting every problem with its position."""
from __future__ import annotations

import datetime
import re
from typing import Any, Iterable, Mapping

from .errors import ComitatusError, closest, raise_all
from .source import Document

WORD = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean '{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Checker:
    """Collects errors against one document; `done()` raises them all, sorted."""

    def __init__(self, doc: Document, error: type[ComitatusError]) -> None:
        self.doc = doc
        self.error = error
        self.errors: list[ComitatusError] = []

    def fail(self, code: str, message: str, path: Iterable, *, key: bool = False,
             hint: str | None = None) -> None:
        self.errors.append(self.error(code, message, where=self.doc.where(tuple(path), key=key),
                                      did_you_mean=hint))

    def done(self) -> None:
        raise_all(self.errors)

    def mapping(self, value: Any, path: tuple, what: str, required: Iterable[str] = (),
                optional: Iterable[str] = (), extensions: bool = False) -> dict | None:
        if not isinstance(value, dict):
            self.fail("wrong-type", f"{what} must be a mapping, found {_kind(value)}", path)
            return None
        required, optional = tuple(required), tuple(optional)
        known = required + optional
        for key in value:
            if key in known or (extensions and isinstance(key, str) and key.startswith("x-")):
                continue
            self.fail("unknown-key", f"unknown key '{key}' in {what}", path + (key,), key=True,
                      hint=closest(key, known))
        for key in required:
            if key not in value:
                self.fail("missing-key", f"{what} is missing required key '{key}'", path)
        return value

    def text(self, value: Any, path: tuple, what: str, *, nullable: bool = True) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail("wrong-type", f"{what} must be text, found {_kind(value)}", path)
            return None
        return value

    def word(self, value: Any, path: tuple, what: str, choices: Mapping | Iterable | None = None,
             code: str = "unknown-word") -> str | None:
        """A word from `choices`; a Mapping maps synonyms to their canonical word."""
        if not isinstance(value, str):
            hint = f" (write it in quotes)" if isinstance(value, bool) else ""
            self.fail("wrong-type", f"{what} must be a word, found {_kind(value)}{hint}", path)
            return None
        if choices is None:
            if not WORD.match(value):
                self.fail("bad-word", f"{what} '{value}' must match [a-z0-9][a-z0-9_-]*", path)
                return None
            return value
        if isinstance(choices, Mapping):
            if value in choices:
                return choices[value]
            words = list(choices)
        else:
            words = list(choices)
            if value in words:
                return value
        self.fail(code, f"{what} '{value}' is not one of the known words", path,
                  hint=closest(value, words) or closest(value.lower().replace(" ", "_"), words))
        return None

    def date(self, value: Any, path: tuple, what: str, *, nullable: bool = True) -> datetime.date | None:
        if value is None and nullable:
            return None
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, str) or not DATE.match(value.strip()):
            self.fail("bad-date", f"{what} must be a date YYYY-MM-DD, found {_kind(value)}", path)
            return None
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            self.fail("bad-date", f"{what} '{value}' is not a real calendar date", path)
            return None

    def integer(self, value: Any, path: tuple, what: str, minimum: int | None = None,
                maximum: int | None = None, *, nullable: bool = True) -> int | None:
        if value is None and nullable:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail("wrong-type", f"{what} must be a whole number, found {_kind(value)}", path)
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
            self.fail("out-of-range", f"{what} must be {bounds}, found {value}", path)
            return None
        return value

    def boolean(self, value: Any, path: tuple, what: str, *, nullable: bool = True) -> bool | None:
        if value is None and nullable:
            return None
        if not isinstance(value, bool):
            self.fail("wrong-type", f"{what} must be true or false, found {_kind(value)}", path)
            return None
        return value

    def items(self, value: Any, path: tuple, what: str, *, nullable: bool = True,
              non_empty: bool = False) -> list:
        if value is None and nullable:
            return []
        if not isinstance(value, list):
            self.fail("wrong-type", f"{what} must be a list, found {_kind(value)}", path)
            return []
        if non_empty and not value:
            self.fail("empty-list", f"{what} must not be empty", path)
        return value

    def unique_id(self, value: Any, path: tuple, what: str, seen: dict) -> str | None:
        ident = self.word(value, path, f"{what} id") if not isinstance(value, str) or WORD.match(value) \
            else value
        if ident is None:
            return None
        if ident in seen:
            self.fail("duplicate-id", f"duplicate {what} id '{ident}' (first on line {seen[ident]})", path)
            return None
        seen[ident] = self.doc.where(path).line
        return ident
