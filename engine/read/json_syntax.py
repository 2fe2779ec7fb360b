"""Our own words for JSON syntax errors, found by our own scan: the same message and place on
every Python version (3.13 changed json's messages and positions, for trailing commas)."""
from __future__ import annotations

import json
import re

from .limits import MAX_DEPTH, too_deep

_SPACE = re.compile(r"[ \t\n\r]*")
_STRING_BODY = re.compile(r'(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*')
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?![0-9A-Za-z_.+-])")
_WORD = re.compile(r"(?:true|false|null|NaN|Infinity|-Infinity)(?![0-9A-Za-z_])")
_DECODER = json.JSONDecoder()
_CLOSE = {"{": "}", "[": "]"}


def syntax_error(text: str) -> tuple[int, str, str] | None:
    """The offset, code and wording of the first syntax error in `text`, which json refused
    (nesting past MAX_DEPTH is `too-deep`); None if the scan finds none."""
    return _Scan(text).run()


class _Scan:
    """A walk over the tokens of JSON text: a complete value that parses is skipped at C speed,
    so only the values holding the error are walked token by token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[str] = []
        self.comma = -1          # where the last comma stood, for "trailing comma"

    def skip(self, offset: int) -> int:
        return _SPACE.match(self.text, offset).end()

    def run(self) -> tuple[int, str, str] | None:
        try:
            offset = self.skip(self.value(self.skip(0)))
            while self.stack or offset < len(self.text):
                offset = self.skip(self.after(offset))
        except _Found as found:
            return found.offset, found.code, found.message
        return None

    def value(self, offset: int) -> int:
        """Past one value starting at `offset` (a container's opening only, if it fails)."""
        text = self.text
        char = text[offset:offset + 1]
        if char in ("]", "}") and self.comma >= 0 and self.skip(self.comma + 1) == offset:
            raise _Found(self.comma, f"trailing comma before '{char}'")
        if char in ("{", "["):
            return self.container(offset, char)
        for pattern in (_STRING, _NUMBER, _WORD):
            match = pattern.match(text, offset)
            if match:
                return match.end()
        raise _Found(*_unexpected(text, offset, "a value"))

    def container(self, offset: int, char: str) -> int:
        try:
            return _DECODER.raw_decode(self.text, offset)[1]
        except (ValueError, RecursionError):
            pass
        if len(self.stack) >= MAX_DEPTH:
            raise _Found(offset, too_deep(), "too-deep")
        self.stack.append(char)
        offset = self.skip(offset + 1)
        if self.text[offset:offset + 1] == _CLOSE[char]:
            self.stack.pop()
            return offset + 1
        return self.member(offset) if char == "{" else self.value(offset)

    def member(self, offset: int) -> int:
        """Past a key and its colon and value."""
        text = self.text
        if text[offset:offset + 1] == "}" and self.comma >= 0 and self.skip(self.comma + 1) == offset:
            raise _Found(self.comma, "trailing comma before '}'")
        key = _STRING.match(text, offset)
        if key is None:
            raise _Found(*_unexpected(text, offset, "a key in double quotes"))
        offset = self.skip(key.end())
        if text[offset:offset + 1] != ":":
            raise _Found(*_unexpected(text, offset, "':' after the key", reading=False))
        return self.value(self.skip(offset + 1))

    def after(self, offset: int) -> int:
        """Past what follows a value: a comma and the next item, or the closing bracket."""
        text = self.text
        if not self.stack:
            raise _Found(offset, "more text after the JSON value: a file holds one value")
        close = _CLOSE[self.stack[-1]]
        char = text[offset:offset + 1]
        if char == close:
            self.stack.pop()
            return offset + 1
        if char != ",":
            raise _Found(*_unexpected(text, offset, f"',' or '{close}'", reading=False))
        self.comma = offset
        following = self.skip(offset + 1)
        return self.member(following) if close == "}" else self.value(following)


class _Found(Exception):
    def __init__(self, offset: int, message: str, code: str = "json-syntax") -> None:
        super().__init__(message)
        self.offset, self.message, self.code = offset, message, code


def _unexpected(text: str, offset: int, wanted: str, reading: bool = True) -> tuple[int, str]:
    """Where and why: 'expected X, found Y', Y named for what the writer probably did
    (`reading`: a value or key was expected, so a bad string or number is the reason)."""
    char = text[offset:offset + 1]
    if not char:
        return offset, f"expected {wanted}, found the end of the file"
    if char == '"' and reading:
        return _bad_string(text, offset)
    if text.startswith(("//", "/*"), offset) or char == "#":
        return offset, "comments are not allowed in JSON"
    if char == "'":
        return offset, "text must be in double quotes, not single quotes"
    if char in "-0123456789" and reading:
        return offset, f"expected {wanted}, found a number JSON does not allow"
    word = re.match(r"[A-Za-z0-9_][A-Za-z0-9_.]*", text[offset:offset + 40])
    found = f"'{word.group()}'" if word else f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"
    return offset, f"expected {wanted}, found {found}"


def _bad_string(text: str, offset: int) -> tuple[int, str]:
    """Where and why a string starting at `offset` does not parse."""
    stop = _STRING_BODY.match(text, offset + 1).end()
    char = text[stop:stop + 1]
    if char == "\\":
        return stop, "invalid escape in text (JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
    if char and char < " ":
        return stop, "a control character (a line break, say) inside text: write it as an escape"
    return offset, "text is not closed: a '\"' is missing"
