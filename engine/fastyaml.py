"""A fast path for large YAML scenarios that gives exactly the careful reader's data, or steps aside.

source.parse_yaml (PyYAML's C parser plus our strict builder) reads about 1 MB a second;
a 100,000-task file takes 13 s. The task list, the only part that grows, is read here by
yaml-rs (Rust, about 20x faster) when, and only when, the result is sure to equal the
careful reader's:

- the file is a top-level block mapping whose last key is `tasks:` at column 0; everything
  before it is read by the careful reader (positions, checks and all);
- the task text has no anchor, alias, tag, merge key, directive, document marker, tab,
  or number written other than as plain decimal digits (YAML 1.1 and 1.2 read those
  differently, and the careful reader refuses some), checked on the text;
- every value read is one YAML 1.1 would read the same way: no float, no integer past
  the careful reader's range, no text a plain YAML 1.1 scalar would turn into a boolean,
  number or null (`yes`, `off`, `~`), no control character, keys all text, depth within bounds.

Anything else goes to the careful reader. Positions on the fast path, all exactly the
careful reader's: the header's come from the careful reader; each task's from the line
where its `- ` stands (counted and checked against the data); any position inside a task
(for an error message) from the careful reader run over that task's lines alone.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Any, Callable

from .bulk import FastDocument, Part, Parts
from .errors import ComitatusError
from .source import MAX_DEPTH, MAX_INT, Document, parse_yaml

LIST_KEY = "tasks"
MIN_BYTES = 64 * 1024           # below this the careful reader is fast enough (about 60 ms)

_CUT = re.compile(rf"^{LIST_KEY}:[ \t]*(?:#[^\n]*)?$", re.M)
_TOP_KEY = re.compile(r"^[^\s#\-]", re.M)                 # another top-level key after the list
# Each check is one C-speed pass over the task text; the costly number pattern runs only when
# a number was read (a number YAML 1.1 would read otherwise is the only risk left unseen after
# parsing: text that 1.1 reads as a number, boolean or null is caught value by value).
_MARKERS = ("\n---", "\n...", "\n%", "<<", "\t")         # document marker, directive, merge key, tab
_SIGILS = "&*!%@`|>"
_SIGIL = re.compile(r"[\s\[{,:][&*!%@`|>]")              # anchor, alias, tag, reserved, block scalar
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_NUMBER = re.compile(r"[\s\[{,:][-+]?(?:0[0-9xXoObB_eE:]|[1-9][0-9]*[_eE:]|[0-9]*\.[0-9])")  # 012 0x1 1_0 1e3 1:3 .5


def read_yaml(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """The fast path when it is sure to agree with parse_yaml; parse_yaml otherwise."""
    fast = _fast(text, file, error, digest) if len(text) >= MIN_BYTES else None
    return fast if fast is not None else parse_yaml(text, file, error, digest)


def _fast(text: str, file: str, error: type[ComitatusError], digest: str) -> Document | None:
    try:
        import yaml_rs
    except ImportError:
        return None
    cuts = list(_CUT.finditer(text))
    if len(cuts) != 1:
        return None
    cut = cuts[0].start()
    region = text[cut:]
    if _TOP_KEY.search(region, cuts[0].end() - cut) or _risky(region):
        return None
    try:
        head = parse_yaml(text[:cut], file, error, digest) if text[:cut].strip() else None
    except ComitatusError:
        return None
    if head is not None and (not isinstance(head.data, dict) or LIST_KEY in head.data):
        return None
    try:
        found = yaml_rs.loads(region, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal means: let the careful reader say why
        return None
    if not isinstance(found, dict) or list(found) != [LIST_KEY] or not isinstance(found[LIST_KEY], list):
        return None
    items = found[LIST_KEY]
    numbers: list = []
    if not _agrees(items, numbers, "\\" in region) or (numbers and _NUMBER.search(region)):
        return None
    indexed = _index(text, cut, items)
    if indexed is None:
        return None
    index, starts = indexed
    data = dict(head.data) if head is not None else {}
    data[LIST_KEY] = items
    if head is not None:
        index.update({path: place for path, place in head.positions.items() if path not in index})
    index.setdefault((), (1, 1))
    base = text.count("\n", 0, cut) + 1
    keys = dict(head.key_positions) if head is not None else {}
    keys[(LIST_KEY,)] = (base, 1)
    return FastDocument(file, data, digest, index, lambda: parse_yaml(text, file, error, digest),
                        local=Parts(_TaskLines(text, cut, base, starts), _item_parser(file, error)),
                        keys=keys, texts=dict(head.texts) if head is not None else {})


class _TaskLines:
    """Where each task's lines are, for `Parts`: the header's positions are all in the index
    (read carefully), and the task list's text was checked to read the same in YAML 1.1 and
    1.2, so one task's lines read on their own give that task's positions exactly (tests
    compare every position with the full reading)."""

    def __init__(self, text: str, cut: int, base: int, starts: list[int]) -> None:
        self.text, self.cut, self.base, self.starts = text, cut, base, starts
        self.lines: list[str] | None = None

    def __call__(self, path: tuple) -> Part | None:
        number = path[1] if len(path) >= 2 and path[0] == LIST_KEY else None
        if type(number) is not int or not 0 <= number < len(self.starts):
            return None
        if self.lines is None:
            self.lines = self.text[self.cut:].split("\n")
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.lines)
        return path[:2], "\n".join(self.lines[start:end]), self.base + start, 1


def _item_parser(file: str, error: type[ComitatusError]) -> Callable[[str], Document | None]:
    """The careful reader of one `- item`, the item as its root."""
    def parse(text: str) -> Document | None:
        alone = parse_yaml(text, file, error, "sha256:-")
        if not isinstance(alone.data, list) or len(alone.data) != 1:
            return None

        def rooted(table: dict) -> dict:
            return {path[1:]: value for path, value in table.items() if path[:1] == (0,)}
        return Document(file, alone.data[0], "", rooted(alone.positions), rooted(alone.key_positions),
                        texts=rooted(alone.texts))
    return parse


def _risky(region: str) -> bool:
    """Whether the task text holds anything the fast path does not read as YAML 1.1 does."""
    return any(marker in region for marker in _MARKERS) \
        or (any(sigil in region for sigil in _SIGILS) and _SIGIL.search(region) is not None) \
        or _CONTROL.search(region) is not None


def _agrees(items: list, numbers: list, escapes: bool) -> bool:
    """Whether YAML 1.1 (the careful reader) reads every value here as yaml-rs did; a number
    read is noted in `numbers`. Every distinct key and text is checked at once, joined by
    newlines. Without escapes (no backslash in the text) a value holds only characters of
    the text, already checked."""
    texts: set = set()
    flat = _flat(items, texts, numbers)
    if not (_walk(items, 2, texts, numbers) if flat is None else flat):
        return False
    joined = "\n".join(texts)
    return _NOT_TEXT.search(joined) is None and not (escapes and _BAD.search(joined))


def _flat(items: list, texts: set, numbers: list) -> bool | None:
    """_walk for the usual task list, mappings of scalars, at C speed; None if the list is
    not that shape (then walk it)."""
    if set(map(type, items)) - {dict}:
        return None
    values = list(chain.from_iterable(map(dict.values, items)))
    kinds = set(map(type, values))
    if kinds - _SCALARS:
        return None
    keys = set(chain.from_iterable(items))
    if set(map(type, keys)) - {str}:
        return False
    distinct = set(values)
    if int in kinds:
        numbers.append(int)         # the equal True may have stood in for a 1 in `distinct`
        if any(type(value) is int and abs(value) > MAX_INT for value in distinct):
            return False
    texts.update(keys, (value for value in distinct if type(value) is str))
    return True


_SCALARS = {str, bool, int, type(None)}


def _walk(value: Any, depth: int, texts: set, numbers: list) -> bool:
    """Whether every value is one the careful reader keeps as read (depth, key types, int
    range); the texts met are gathered in `texts`, the numbers in `numbers`."""
    if depth > MAX_DEPTH:
        return False
    kind = type(value)
    if kind is str:
        texts.add(value)
        return True
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                return False
            texts.add(key)
            if not _walk(item, depth + 1, texts, numbers):
                return False
        return True
    if kind is list:
        return all(_walk(item, depth + 1, texts, numbers) for item in value)
    if kind is int:
        numbers.append(value)
        return abs(value) <= MAX_INT
    return kind is bool or value is None


def _resolvers() -> dict:
    import yaml
    return yaml.resolver.Resolver.yaml_implicit_resolvers


_RESOLVERS = _resolvers()
# Every resolver but timestamp in one pattern, a line at a time: run over distinct texts
# joined by newlines, it finds any text YAML 1.1 reads as something else (a text holding a
# newline may be flagged needlessly: the careful reader then answers).
_NOT_TEXT = re.compile("|".join(dict.fromkeys(
    f"(?:{pattern.pattern})" for first in _RESOLVERS.values() for tag, pattern in first
    if not tag.endswith(":timestamp"))), re.X | re.M)
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _index(text: str, cut: int, items: list) -> tuple[dict, list[int]] | None:
    """Each task's position (where its node starts after `- `) and the number of the line it
    starts on, counted from the `tasks:` line; or None.

    Every item of a block sequence starts a line with `- ` at the sequence's indentation, so
    those lines are all the items and more only if some scalar holds such a line: equal
    counts mean each line found is an item, in order. One split and one pass over the lines;
    any other position (a task's id, say) is the careful reader's, asked for only on need.
    """
    body = text[cut:]
    first = re.search(r"^( *)-(?=[ \n])", body, re.M)
    if first is None:
        return {} if not items else None
    if body.count("\r") != body.count("\r\n"):
        return None                         # a lone CR breaks lines for YAML, not for this count
    indent = len(first.group(1))
    dash = first.group(1) + "-"
    width = len(dash)
    lines = body.split("\n")
    found = [number for number, line in enumerate(lines)
             if line.startswith(dash) and line[width:width + 1] in (" ", "")]
    if len(found) != len(items):
        return None
    base = text.count("\n", 0, cut) + 1
    index: dict = {}
    for position, number in enumerate(found):
        after = lines[number][width:]
        rest = after.lstrip(" ")
        if not rest or rest[0] == "#" or rest == "\r":
            return None                     # the item starts on a later line: the careful reader says
        index[(LIST_KEY, position)] = (base + number, indent + 2 + len(after) - len(rest))
    index[(LIST_KEY,)] = (index[(LIST_KEY, 0)][0], indent + 1) if items else (base, 1)
    return index, found
