"""The careful JSON reader: json's C parser for the data, our own scan for every position.

json.loads reads the data; its hooks refuse duplicate keys, NaN and Infinity, and numbers
out of range, and `agree.refused_json` refuses deep nesting and refused characters. Where
anything is refused, or when an error needs a position, a token walk over the text
(`JsonScan`) finds every value's and key's line and column and the first refused construct.
Syntax errors are worded and placed by our own scan (`json_syntax`), never by the interpreter.
"""
from __future__ import annotations

import bisect
import json
import math
import re
from typing import Any

from ..errors import ComitatusError, SourceLocation, shown
from .agree import refused_json
from .document import Document
from .files import digest_bytes
from .json_syntax import syntax_error
from .limits import BAD_TEXT, MAX_DEPTH, MAX_INT, bad_text_message, too_deep

_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_MAX_NUMBER_TEXT = 20       # digits of an integer json may convert (MAX_INT has 16)


class Refused(Exception):
    """Raised inside json.loads hooks; the scan that follows finds where and why."""


def parse_json(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    """JSON for bulk input: fast, with positions recovered only if an error needs them."""
    if not text.strip():
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse,
                          parse_int=_json_int, parse_float=_json_float)
    except json.JSONDecodeError as exc:
        raise _syntax(text, file, error, exc.pos) from exc
    except (Refused, ValueError, RecursionError) as exc:     # the scan says what and where
        raise JsonScan(text, file, error).problem() from exc
    if refused_json(data):
        raise JsonScan(text, file, error).problem()
    if digest is None:
        digest = digest_bytes(text.encode("utf-8", "surrogatepass"))
    doc = Document(file, data, digest)
    doc.locate = lambda: JsonScan(text, file, error).positions()
    return doc


def _syntax(text: str, file: str, error: type[ComitatusError], fallback: int) -> ComitatusError:
    found = syntax_error(text)
    offset, code, message = found if found is not None else (fallback, "json-syntax", "not valid JSON")
    if code == "json-syntax":
        hint = "" if text.lstrip()[:1] in "{[" else " (a .json file must hold JSON; name YAML files .yaml)"
        message = f"invalid JSON: {message}{hint}"
    return error(code, message, where=SourceLocation(file, *line_and_column(text, offset)))


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _no_duplicates(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise Refused()
    return result


def _refuse(_name: str) -> Any:
    raise Refused()


def _json_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_TEXT or abs(int(text)) > MAX_INT:
        raise Refused()
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Refused()
    return value


class JsonScan:
    """A token walk over text json.loads accepted (or refused only in a hook).

    It gives every value and key its line and column, and finds the first construct we
    refuse (a duplicate key, NaN, a number out of range, a control character, nesting
    too deep) with its position: json's hooks cannot say where they are. It stops there.
    """

    def __init__(self, text: str, file: str, error: type[ComitatusError]) -> None:
        self.text, self.file, self.error = text, file, error
        self.breaks = [m.end() for m in re.finditer("\n", text)]
        self.values: dict = {}
        self.keys: dict = {}
        self.found: ComitatusError | None = None

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.breaks, offset)
        return line + 1, offset - (self.breaks[line - 1] if line else 0) + 1

    def fail(self, code: str, message: str, offset: int) -> None:
        """Record the first problem and stop: past a too-deep point, paths grow quadratically."""
        self.found = self.error(code, message, where=SourceLocation(self.file, *self.at(offset)))
        raise Refused()

    def positions(self) -> tuple[dict, dict]:
        self.walk_to_the_end()
        return self.values or {(): (1, 1)}, self.keys

    def problem(self) -> ComitatusError:
        self.walk_to_the_end()
        return self.found or self.error("json-syntax", "file is not valid JSON",
                                        where=SourceLocation(self.file, 1, 1))

    def walk_to_the_end(self) -> None:
        try:
            self.walk()
        except (Refused, ValueError, IndexError, KeyError):  # text json refused for a located reason
            pass

    def walk(self) -> None:
        stack: list[list] = []       # [is_object, path, state, key or index, keys seen]
        for match in _JSON_TOKEN.finditer(self.text):
            token, offset = match.group(), match.start()
            if not stack:
                self.value(token, (), offset, stack)
            else:
                self.step(stack, token, offset)

    def step(self, stack: list[list], token: str, offset: int) -> None:
        frame = stack[-1]
        is_object, path, state = frame[0], frame[1], frame[2]
        if token in "}]" and state in ("key", "value", "comma"):
            stack.pop()
        elif token == ",":
            frame[2] = "key" if is_object else "value"
            if not is_object:
                frame[3] += 1
        elif token == ":":
            frame[2] = "value"
        elif is_object and state == "key":
            self.key(frame, token, offset)
        else:
            frame[2] = "comma"
            self.value(token, path + (frame[3],), offset, stack)

    def key(self, frame: list, token: str, offset: int) -> None:
        key = json.loads(token)
        self.text_ok(key, offset)
        if key in frame[4]:
            self.fail("duplicate-key", f"duplicate key {shown(key)} (first defined on line "
                      f"{frame[4][key]})", offset)
        frame[4][key] = self.at(offset)[0]
        frame[2], frame[3] = "colon", key
        self.keys[frame[1] + (key,)] = self.at(offset)

    def value(self, token: str, path: tuple, offset: int, stack: list) -> None:
        self.values[path] = self.at(offset)
        if token in "{[":
            if len(stack) >= MAX_DEPTH:
                self.fail("too-deep", too_deep(), offset)
            stack.append([token == "{", path, "key" if token == "{" else "value", 0, {}])
        elif token.startswith('"'):
            self.text_ok(json.loads(token), offset)
        elif token in ("NaN", "Infinity", "-Infinity"):
            self.fail("bad-number", f"{token} is not a number JSON allows", offset)
        elif token not in ("true", "false", "null"):
            self.number(token, offset)

    def number(self, token: str, offset: int) -> None:
        if len(token) > _MAX_NUMBER_TEXT and not any(c in token for c in ".eE"):
            self.fail("bad-number", f"{shown(token)} is too large (at most {MAX_INT})", offset)
        number = json.loads(token, parse_int=str, parse_float=str)
        if any(c in number for c in ".eE"):
            if not math.isfinite(float(number)):
                self.fail("bad-number", f"{shown(token)} is out of range", offset)
        elif abs(int(number)) > MAX_INT:
            self.fail("bad-number", f"{shown(token)} is too large (at most {MAX_INT})", offset)

    def text_ok(self, text: str, offset: int) -> None:
        bad = BAD_TEXT.search(text)
        if bad:
            self.fail("bad-text", bad_text_message(bad.group()), offset)
