"""A fast path for large YAML scenarios that gives exactly the careful reader's data, or steps aside.

parse_yaml (PyYAML's C parser plus our strict builder) reads about 1 MB a second; a
100,000-task file takes 13 s. The task list, the only part that grows, is read here by
yaml-rs (Rust, about 20x faster) when, and only when, the result is sure to equal the
careful reader's:

- the file is a top-level block mapping whose last key is `tasks:` at column 0; everything
  before it is read by the careful reader (positions, checks and all);
- the task text is screened before yaml-rs sees it: no anchor, alias, tag, merge key,
  directive, document marker, tab, block scalar, backslash (double-quoted escapes are
  left to one grammar, the careful reader's), control character, or number written other
  than in plain decimal digits; and no line opening more than BLOCK_PREFIX columns of block
  structure, so block nesting stays far from the depth at which yaml-rs, which has no block
  depth limit, overflows its stack (flow nesting it bounds itself, at 256 levels);
- every value read is one the careful reader keeps as read (`agree.yaml_agrees`).

Anything else goes to the careful reader. Positions on the fast path, all exactly the
careful reader's: the header's come from the careful reader; each task's from the line
where its `- ` stands (counted and checked against the data); any position inside a task
(for an error message) from the careful reader run over that task's lines alone.
"""
from __future__ import annotations

import re
from typing import Callable

from ..errors import ComitatusError
from .agree import yaml_agrees
from .document import Document, FastDocument, Part, Parts
from .yaml import parse_yaml

LIST_KEY = "tasks"
MIN_BYTES = 64 * 1024           # below this the careful reader is fast enough (about 60 ms)
BLOCK_PREFIX = 60               # columns of indentation and block indicators a line may open with

# Line starts are matched as the newline before them (three times faster than `^` with re.M).
_CUT = re.compile(rf"^{LIST_KEY}:[ \t]*(?:#[^\n]*)?$", re.M)
_CUT_LATER = re.compile(rf"\n{LIST_KEY}:[ \t]*(?:#[^\n]*)?$", re.M)     # the same line, after the first
_TOP_KEY = re.compile(r"\n[^\s#\-]")                        # another top-level key after the list
# Each check is one C-speed pass over the task text.
_MARKERS = ("\n---", "\n...", "\n%", "<<", "\t", "\\")   # document marker, directive, merge key, tab, escape
_SIGILS = "&*!%@`|>"
_SIGIL = re.compile(r"[\s\[{,:][&*!%@`|>]")              # anchor, alias, tag, reserved, block scalar
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
_DEEP = re.compile(rf"^[ ?:-]{{{BLOCK_PREFIX},}}", re.M)
_DEEP_LATER = re.compile(rf"\n[ ?:-]{{{BLOCK_PREFIX},}}")     # the same, on every line after the first
# A number yaml-rs reads where the core schema reads text (1_000, _1, 0X1F, 0b11, -0x1F): run
# only when a number was read.
_NUMBER = re.compile(r"(?:^|[\s\[{,:])[-+]?[0-9_]*(?:_|0[xXoObB])", re.M)


def read_yaml(text: str, file: str, error: type[ComitatusError], digest: str,
              heads: dict | None = None) -> Document:
    """The fast path when it is sure to agree with parse_yaml; parse_yaml otherwise. `heads`
    keeps the last header's careful reading (`_head`) for the next text that repeats it."""
    fast = fast_path(text, file, error, digest, heads) if len(text) >= MIN_BYTES else None
    return fast if fast is not None else parse_yaml(text, file, error, digest)


def fast_path(text: str, file: str, error: type[ComitatusError], digest: str,
              heads: dict | None = None) -> FastDocument | None:
    """The fast reading of `text`, or None where it might differ from the careful one."""
    cut = _task_list(text)
    if cut is None:
        return None
    head = _head(text[:cut], file, error, digest, heads)
    if head is False:
        return None
    items = _tasks(text[cut:])
    indexed = _index(text, cut, items) if items is not None else None
    if indexed is None:
        return None
    return _document(text, cut, file, error, digest, head, items, indexed)


def task_chunks(text: str, size: int) -> list[str] | None:
    """The file as texts that each hold its header and `size` of its tasks (the last one
    the rest), every line at its own line number (the other tasks' lines left blank), so
    that each reads on its own as the whole file reads those tasks, positions and all; or
    None where the fast path would not read the file, or it holds `size` tasks or fewer.

    Items are found as `_index` finds them: the lines opening with `- ` at the list's
    indentation. A line so opening inside a quoted or flow scalar would leave the text
    before it unterminated: that part then fails to read, and the caller reads the file
    whole, as it does on any failure."""
    if len(text) < MIN_BYTES or text.count("\r") != text.count("\r\n"):
        return None
    cut = _last_key(text)                 # each part's reading screens its own tasks' text
    if cut is None:
        return None
    first = re.compile(r"\n( *)-(?=[ \n])").search(text, cut)
    if first is None:
        return None
    starts = [item.start() + 1 for item in re.compile(rf"\n{first.group(1)}-(?=[ \n]|\Z)").finditer(text, cut)]
    if len(starts) <= size:
        return None
    head = text[:text.index("\n", cut)]              # to the end of the `tasks:` line
    bounds = starts[::size] + [len(text)]
    parts, gap, counted = [], 0, cut
    for start, stop in zip(bounds, bounds[1:]):      # gap: newlines from the `tasks:` line to this part
        gap += text.count("\n", counted, start)
        counted = start
        parts.append(head + "\n" * gap + text[start:stop])
    return parts


def _task_list(text: str) -> int | None:
    """Where the `tasks:` line starts, if it is the last top-level key and its text is safe."""
    cut = _last_key(text)
    return cut if cut is not None and not screened_out(text[cut:]) else None


def _last_key(text: str) -> int | None:
    """Where the `tasks:` line starts, if it is the file's last top-level key."""
    cuts = [(found.start() + 1, found.end()) for found in _CUT_LATER.finditer(text)]
    first = _CUT.match(text)
    if first is not None:
        cuts.append((0, first.end()))
    if len(cuts) != 1 or _TOP_KEY.search(text, cuts[0][1]):
        return None
    return cuts[0][0]


def screened_out(region: str) -> bool:
    """Whether the task text holds anything the fast path does not read as the careful reader
    does, or nests block collections deep enough to endanger yaml-rs."""
    return any(marker in region for marker in _MARKERS) \
        or (any(sigil in region for sigil in _SIGILS) and _SIGIL.search(region) is not None) \
        or _CONTROL.search(region) is not None or _DEEP.match(region) is not None \
        or _DEEP_LATER.search(region) is not None


def _head(head: str, file: str, error: type[ComitatusError], digest: str,
          heads: dict | None = None) -> Document | None | bool:
    """The careful reading of what precedes the task list (None if nothing); False: step aside.
    With `heads` (a worker's: every part of a file repeats its header, task_chunks), the last
    header read is kept and given again for the same text (a header that fails to read is
    not kept); `_document` copies what it takes of it and takes the file and digest from
    its own arguments, so sharing it changes no answer."""
    if heads is not None and head in heads:
        return heads[head]
    if not head.strip():
        return None
    try:
        doc = parse_yaml(head, file, error, digest)
    except ComitatusError:
        return False
    found = doc if isinstance(doc.data, dict) and LIST_KEY not in doc.data else False
    if heads is not None:
        heads.clear()
        heads[head] = found
    return found


def _tasks(region: str) -> list | None:
    """yaml-rs's task list, if it is surely the careful reader's."""
    try:
        import yaml_rs
    except ImportError:         # optional at run time: the careful reader reads everything
        return None
    try:
        found = yaml_rs.loads(region, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal means: let the careful reader say why
        return None
    if not isinstance(found, dict) or list(found) != [LIST_KEY] or not isinstance(found[LIST_KEY], list):
        return None
    agrees, numbers = yaml_agrees(found)
    if not agrees or (numbers and _NUMBER.search(region)):
        return None
    return found[LIST_KEY]


def _document(text: str, cut: int, file: str, error: type[ComitatusError], digest: str,
              head: Document | None, items: list, indexed: tuple[dict, list[int]]) -> FastDocument:
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
                        local=Parts(TaskLines(text, cut, base, starts), item_parser(file, error)),
                        keys=keys, texts=dict(head.texts) if head is not None else {})


class TaskLines:
    """Where each task's lines are, for `Parts`: the header's positions are all in the index
    (read carefully), and the task list's text was screened, so one task's lines read on
    their own give that task's positions exactly (tests compare every position with the
    full reading)."""

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


def item_parser(file: str, error: type[ComitatusError]) -> Callable[[str], Document | None]:
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
        return ({}, []) if not items else None
    if body.count("\r") != body.count("\r\n"):
        return None                         # a lone CR breaks lines for YAML, not for this count
    dash = first.group(1) + "-"
    lines = body.split("\n")
    found = [number for number, line in enumerate(lines)
             if line.startswith(dash) and line[len(dash):len(dash) + 1] in (" ", "")]
    if len(found) != len(items):
        return None
    return _item_positions(lines, found, len(dash), text.count("\n", 0, cut) + 1, bool(items))


def _item_positions(lines: list[str], found: list[int], width: int, base: int,
                    any_items: bool) -> tuple[dict, list[int]] | None:
    index: dict = {}
    for position, number in enumerate(found):
        after = lines[number][width:]
        rest = after.lstrip(" ")
        if not rest or rest[0] == "#" or rest == "\r":
            return None                     # the item starts on a later line: the careful reader says
        index[(LIST_KEY, position)] = (base + number, width + 1 + len(after) - len(rest))
    index[(LIST_KEY,)] = (index[(LIST_KEY, 0)][0], width) if any_items else (base, 1)
    return index, found
