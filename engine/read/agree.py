"""The one agreement check between a fast parser and its careful reader.

A fast path (json.loads for JSON, yaml-rs for a YAML task list) gives data; the careful
reader would have refused some of it, or read it otherwise. `survey` walks the data level
by level, sorting each level by type at C speed (a list of 100,000 tasks is not walked one
Python step per value), and `refused_json` / `yaml_agrees` answer from the survey.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from typing import Any, Iterator

from .limits import BAD_TEXT, MAX_DEPTH, MAX_INT
from .yaml_core import NOT_TEXT


@dataclass(slots=True)
class Survey:
    """What a walk over plain data met."""

    depth: int = 0                                  # the deepest level holding a container (root: 1)
    kinds: set = field(default_factory=set)         # the types of every value
    key_kinds: set = field(default_factory=set)     # the types of every mapping key
    texts: list = field(default_factory=list)       # every text value, and each distinct key of a level
    ints: list = field(default_factory=list)        # every integer (booleans apart)


def _of(level: list, kinds: list, kind: type) -> list:
    return list(compress(level, map(operator.is_, kinds, repeat(kind))))


def levels(data: Any) -> Iterator[tuple[int, list, list, set, list, list]]:
    """(depth, values, their types, the types present, the mappings, the lists) for each
    level of `data` (a type absent from a level is not looked for: one pass fewer)."""
    level, depth = [data], 1
    while level:
        kinds = list(map(type, level))
        present = set(kinds)
        dicts = _of(level, kinds, dict) if dict in present else []
        lists = _of(level, kinds, list) if list in present else []
        yield depth, level, kinds, present, dicts, lists
        level = list(chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists)))
        depth += 1


def survey(data: Any, limit: int = MAX_DEPTH) -> Survey:
    """The survey of `data`, stopping past `limit` levels of containers."""
    found = Survey()
    for depth, level, kinds, present, dicts, lists in levels(data):
        if dicts or lists:
            found.depth = depth
            if depth > limit:
                break
        found.kinds |= present
        if str in present:
            found.texts.extend(_of(level, kinds, str))
        keys = set(chain.from_iterable(dicts))           # each distinct key once: tasks repeat theirs
        found.key_kinds.update(map(type, keys))
        found.texts.extend(keys)
        if int in present:
            found.ints.extend(_of(level, kinds, int))
    return found


def refused_json(data: Any) -> bool:
    """Whether json.loads' data holds what the careful JSON scan refuses: nesting deeper
    than MAX_DEPTH, or a refused character in any text or key (numbers are checked by hooks)."""
    found = survey(data)
    return found.depth > MAX_DEPTH or BAD_TEXT.search("".join(found.texts)) is not None


def yaml_agrees(data: Any) -> tuple[bool, bool]:
    """(whether the careful YAML reader keeps every value of `data` as a fast parser read it,
    whether any integer was read). It does when nesting is within bounds, every key is text,
    no float was read, every integer is within ±MAX_INT, and no text is one the core schema
    reads as something else or holds a refused character (texts are checked at once, joined
    by newlines; a text holding a newline may be flagged needlessly: the careful reader then
    answers)."""
    found = survey(data)
    if found.depth > MAX_DEPTH or found.key_kinds - {str} or float in found.kinds:
        return False, False
    if any(abs(value) > MAX_INT for value in found.ints):
        return False, bool(found.ints)
    joined = "\n".join(set(found.texts))
    return NOT_TEXT.search(joined) is None and BAD_TEXT.search(joined) is None, bool(found.ints)
