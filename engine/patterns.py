"""Regular expressions a rulebook supplies, held to a subset that cannot backtrack badly.

A rulebook is data, and data must not be able to hang the engine: Python's `re` can take
exponential time on `^((a)+)+$`, `^(a|a)*$` or `.*.*.*x`, and has no timeout. Rather than a
second regex engine, a pattern is read with Python's own parser and refused, with a reason,
when it uses anything outside a subset whose matching time stays polynomial of low degree
(and the text it is matched against is short: a citation, at most 200 characters):

- no back-references, conditional groups or look-around;
- no repetition inside a repetition (`(a+)+`, `(a?)*`, `(?:ab{2}){3}`), none of an alternation
  (`(a|b)*`): an optional `?` is not a repetition;
- no two repetitions side by side that can match the same character (`.*.*`, `\\d+\\d*`),
  even with only optional pieces between them;
- at most two repetitions in a chain where each could match the text of the next and of
  what lies between them (`.*a.*` passes, `.*a.*a.*` and `.*a\\d+b.*` do not).

Character sets are compared over Latin-1 and Latin Extended (U+0000..U+024F), both letter
cases, which over-approximates overlap: a doubt refuses.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

try:                                    # Python 3.11+: the parser moved under re
    from re import _constants as _c, _parser
except ImportError:                     # pragma: no cover - older Pythons are not supported
    import sre_constants as _c          # type: ignore[no-redef]
    import sre_parse as _parser         # type: ignore[no-redef]

MAX_CHAIN = 2                           # overlapping repetitions in one chain, at most
_UNIVERSE = frozenset(range(0x250))
_ALL = _UNIVERSE


class Unsafe(Exception):
    """Why a pattern is outside the safe subset."""


def unsafe(pattern: str) -> str | None:
    """None if `pattern` compiles and is in the safe subset; else why not, in words."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError) as exc:
        return f"it does not compile: {exc}"
    try:
        _sequence(list(parsed), repeated=False)
    except Unsafe as reason:
        return str(reason)
    return None


def _sequence(items: list, repeated: bool) -> None:
    """Check one sequence (and what it contains); `repeated`: it sits inside a repetition.

    `open` holds the repetitions that could still be matching text: each with its characters,
    its degree (how many overlapping repetitions chain up to it) and whether only optional
    pieces follow it. A piece every open repetition cannot match closes that repetition.
    """
    open_: list[list] = []               # [chars, degree, adjacent]
    for op, av in _inline(items):
        if op is _c.AT:
            continue
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            raise Unsafe("it refers back to a group (\\1, (?P=name), (?(1)...)), which can take forever to match")
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            raise Unsafe("it looks ahead or behind ((?=...), (?!...), (?<=...)): write the text itself")
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            if repeated:
                raise Unsafe("it repeats a repetition, which can take forever to match: simplify it")
            if high > 1:
                if _has(body, (_c.BRANCH,)):
                    raise Unsafe("it repeats a choice (a|b)*, which can take forever to match: "
                                 "use a character class [ab]* instead")
                _sequence(body, repeated=True)
                _repetition(open_, _chars(body))
                continue
            _sequence(body, repeated)    # optional (? or {0,1}): skipped freely, no repetition
            if low == 0:
                continue
        elif op is _c.BRANCH:
            for branch in av[1]:
                _sequence(list(branch), repeated)
            if _has([(op, av)], _REPEATS):          # a choice holding repetitions: one repetition
                _repetition(open_, _chars([(op, av)]))
                continue
        chars = _chars([(op, av)])
        open_[:] = [[seen, degree, False] for seen, degree, _ in open_ if chars <= seen]


def _repetition(open_: list[list], chars: frozenset) -> None:
    overlapping = [entry for entry in open_ if chars & entry[0]]
    if any(adjacent for _, _, adjacent in overlapping):
        raise Unsafe("two repetitions side by side can match the same text (like .*.*), "
                     "which can take forever to match: keep one")
    degree = 1 + max((d for _, d, _ in overlapping), default=0)
    if degree > MAX_CHAIN:
        raise Unsafe(f"more than {MAX_CHAIN} repetitions can match the same text (like .*a.*a.*): "
                     "make the text between them something they cannot match")
    open_.append([chars, degree, True])


# every repetition operator the parser produces: greedy, lazy and (Python 3.11+) atomic ones
_REPEATS = tuple(op for name, op in sorted(vars(_c).items()) if name.endswith("_REPEAT") and name != "REPEAT")
_GROUPS = (_c.SUBPATTERN,) + ((_c.ATOMIC_GROUP,) if hasattr(_c, "ATOMIC_GROUP") else ())


def _inline(items: list) -> list:
    """The sequence with plain groups opened up: `(ab)c` is `abc` for backtracking."""
    result = []
    for op, av in items:
        if op in _GROUPS:
            body = av[-1] if op is _c.SUBPATTERN else av
            result.extend(_inline(list(body)))
        else:
            result.append((op, av))
    return result


def _has(items: list, ops: tuple) -> bool:
    for op, av in _inline(items):
        if op in ops:
            return True
        if op in _REPEATS and _has(list(av[2]), ops):
            return True
        if op is _c.BRANCH and any(_has(list(branch), ops) for branch in av[1]):
            return True
    return False


def _chars(items: list) -> frozenset:
    """Every character (of the universe) some piece of `items` can match."""
    result: set[int] = set()
    for op, av in _inline(items):
        if op is _c.LITERAL:
            result |= _cased(av)
        elif op is _c.NOT_LITERAL:
            result |= _ALL - {av}
        elif op is _c.ANY:
            result |= _ALL
        elif op is _c.IN:
            result |= _class(av)
        elif op is _c.CATEGORY:
            result |= _category(av)
        elif op in _REPEATS:
            result |= _chars(list(av[2]))
        elif op is _c.BRANCH:
            for branch in av[1]:
                result |= _chars(list(branch))
        elif op is not _c.AT:
            result |= _ALL                 # anything unforeseen: assume it matches everything
    return frozenset(result)


def _cased(code: int) -> set[int]:
    char = chr(code)
    return {code, *(ord(c) for c in (char.lower(), char.upper()) if len(c) == 1)}


def _class(items: Any) -> set[int]:
    chosen: set[int] = set()
    negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            chosen |= _cased(av)
        elif op is _c.RANGE:
            low, high = av
            for code in range(low, min(high, max(_UNIVERSE)) + 1):
                chosen |= _cased(code)
        elif op is _c.CATEGORY:
            chosen |= _category(av)
        else:
            chosen |= _ALL
    return set(_ALL - chosen) if negate else chosen


def _category(name: Any) -> set[int]:
    tests = {
        _c.CATEGORY_DIGIT: lambda ch: unicodedata.category(ch) == "Nd",
        _c.CATEGORY_SPACE: str.isspace,
        _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    }
    for positive, negative in ((_c.CATEGORY_DIGIT, _c.CATEGORY_NOT_DIGIT), (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_SPACE),
                               (_c.CATEGORY_WORD, _c.CATEGORY_NOT_WORD)):
        if name in (positive, negative):
            matched = {code for code in _UNIVERSE if tests[positive](chr(code))}
            return matched if name is positive else set(_ALL - matched)
    return set(_ALL)
