"""The one YAML dialect Comitatus reads: the YAML 1.2 core schema (spec 1.2.2, section 10.3.2).

A plain scalar is null (`~`, `null`, `Null`, `NULL`, nothing), a boolean (`true`, `True`,
`TRUE`, `false`, `False`, `FALSE`), an integer (`[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`),
a float (`1.5`, `.5`, `1e3`, `.inf`, `.nan`), or else text: `yes`, `no`, `on`, `off`, `12:30`,
`1_000` and dates are text. Quoted scalars are always text. An explicit tag (`!!int 12`) must
fit its value; every mismatch is refused. Infinite and not-a-number floats, and integers past
±(2^53 - 1), are refused: they do not survive the trip through JSON.
"""
from __future__ import annotations

import math
import re
from typing import Any

from ..errors import shown
from .limits import MAX_DIGITS, MAX_INT

PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, MAP, SEQ = (PREFIX + name for name in
                                         ("str", "int", "float", "bool", "null", "map", "seq"))
SCALAR_TAGS = frozenset((STR, INT, FLOAT, BOOL, NULL))

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NOT_FINITE = re.compile(r"[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN")
# Any text the core schema reads as something other than text, one line at a time (for the
# fast path's check of many texts joined by newlines).
NOT_TEXT = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|"
                      r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|"
                      r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|"
                      r"[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|)$", re.M)


class Refusal(Exception):
    """A value the core schema cannot give, or one we refuse: its code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def short_tag(tag: str) -> str:
    return "!!" + tag[len(PREFIX):] if tag.startswith(PREFIX) else tag


def resolve(text: str) -> str:
    """The tag of a plain (unquoted, untagged) scalar."""
    if _NULL.fullmatch(text):
        return NULL
    if text in _BOOLEANS:
        return BOOL
    if _DECIMAL.fullmatch(text) or _OCTAL.fullmatch(text) or _HEX.fullmatch(text):
        return INT
    if _FLOAT.fullmatch(text) or _NOT_FINITE.fullmatch(text):
        return FLOAT
    return STR


def construct(tag: str, text: str) -> Any:
    """The value of a scalar with this tag, or a Refusal saying why there is none."""
    if tag == STR:
        return text
    if tag == NULL:
        return _fitting(_NULL.fullmatch(text) is not None, tag, text, None)
    if tag == BOOL:
        return _fitting(text in _BOOLEANS, tag, text, _BOOLEANS.get(text))
    if tag == INT:
        return integer(text)
    if tag == FLOAT:
        return real(text)
    raise Refusal("yaml-tag", f"tag {shown(short_tag(tag))} is not allowed on a scalar")


def _fitting(fits: bool, tag: str, text: str, value: Any) -> Any:
    if not fits:
        raise Refusal("yaml-tag", f"{shown(text)} is not a value the tag {short_tag(tag)} allows "
                      "(YAML 1.2 core schema)")
    return value


def integer(text: str) -> int:
    """A core-schema integer within ±MAX_INT."""
    if len(text) > MAX_DIGITS:
        raise Refusal("bad-number", f"{shown(text)} is too large (at most {MAX_INT})")
    if _DECIMAL.fullmatch(text):
        value = int(text, 10)
    elif _OCTAL.fullmatch(text) or _HEX.fullmatch(text):
        value = int(text[2:], 8 if text[1] == "o" else 16)
    else:
        raise Refusal("yaml-tag", f"{shown(text)} is not a value the tag !!int allows "
                      "(YAML 1.2 core schema)")
    if abs(value) > MAX_INT:
        raise Refusal("bad-number", f"{shown(text)} is too large (at most {MAX_INT})")
    return value


def real(text: str) -> float:
    """A finite core-schema float."""
    if _NOT_FINITE.fullmatch(text):
        raise Refusal("bad-number", f"{shown(text)} is not a finite number")
    if not _FLOAT.fullmatch(text):
        raise Refusal("yaml-tag", f"{shown(text)} is not a value the tag !!float allows "
                      "(YAML 1.2 core schema)")
    value = float(text)
    if not math.isfinite(value):
        raise Refusal("bad-number", f"{shown(text)} is not a finite number")
    return value
