"""Bulk scenario input: JSON and JSON Lines read fast, positions exact but found lazily.

A scenario of 100,000 tasks is read once by a C parser; the only positions a clean read
asks for are where each list item starts (and the id of each force, place and event), and
those come from a cheap walk over the text (`Index`), which also notes where every top-level
value starts. Any other position (for an error message) comes from the careful reader run
over the one value that holds it (`Parts`). So a clean file pays for no position it never
shows, and a bad one gets the same line:column as a careful reading of the whole file.

JSON Lines (`.jsonl`): the first non-blank line is the scenario without `tasks` (a JSON
object); every further non-blank line is one task (a JSON object). See docs/bulk-input.md.
"""
from __future__ import annotations

import json
import re
from array import array
from typing import Any, Callable

from .errors import ComitatusError, SourceLocation
from .source import Document, parse_json

_SPACE = re.compile(r"[ \t\n\r]*")
TASKS = "tasks"
Part = tuple[tuple, str, int, int]     # (path of a value, its text, the line and column it starts at)
_ID_FIRST = re.compile(r'\{[ \t\n\r]*"id"[ \t\n\r]*:[ \t\n\r]*')


class FastDocument(Document):
    """A Document whose positions come from an index, else from `local` (a task's position
    from the careful reader run over that task's own text), else from the careful reader of
    the whole file. Every position and written form is the careful reader's, so errors found
    on this document are final.

    No reference cycle: the positions share the careful reader with the document rather than
    pointing back at it, so a document is freed by reference counting as soon as it is
    dropped, even with the cyclic collector paused (as it is while checking).
    """

    __slots__ = ("_reader",)

    def __init__(self, file: str, data: Any, digest: str, index: dict,
                 careful: Callable[[], Document], local: Callable[[str, tuple], dict | None],
                 keys: dict | None = None, texts: dict | None = None) -> None:
        super().__init__(file, data, digest)
        self._reader = _Careful(careful, local)
        self.positions = _Positions(index, self._reader, "positions")
        self.key_positions = _Positions(keys or {}, self._reader, "key_positions")
        self.texts = _Positions(texts or {}, self._reader, "texts")

    @property
    def _made(self) -> Document | None:
        return self._reader.made

    def careful(self) -> Document:
        """The same file through the careful reader: every position, every check."""
        return self._reader()


class _Careful:
    """The careful reader's document, read on first need and then kept."""

    __slots__ = ("read", "made", "local")

    def __init__(self, read: Callable[[], Document], local: Callable[[str, tuple], dict | None]) -> None:
        self.read, self.made, self.local = read, None, local

    def __call__(self) -> Document:
        if self.made is None:
            made = self.read()
            made.where(())                  # a lazy reader finds its positions now
            self.made = made
        return self.made

    def source(self, which: str, path: Any) -> dict:
        """The mapping that knows `path`'s entry of kind `which`, if the document has it."""
        found = self.local(which, path)
        return found if found is not None else getattr(self(), which)


class _Positions(dict):
    """Known positions first; anything else is asked of the careful reader."""

    def __init__(self, known: dict, careful: _Careful, which: str) -> None:
        super().__init__(known)
        self.careful, self.which = careful, which

    def __contains__(self, path: object) -> bool:
        return dict.__contains__(self, path) or path in self.careful.source(self.which, path)

    def __getitem__(self, path: Any) -> Any:
        if dict.__contains__(self, path):
            return dict.__getitem__(self, path)
        return self.careful.source(self.which, path)[path]

    def get(self, path: Any, default: Any = None) -> Any:
        return self[path] if path in self else default


# ---- JSON ---------------------------------------------------------------------------------

def read_json(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """source.parse_json's data and checks; list items and their ids indexed by a C-speed walk."""
    doc = parse_json(text, file, error, digest)
    if not isinstance(doc.data, dict):
        return doc
    indexer = Index(text)
    index = indexer.top_level()
    if index is None:
        return doc
    return FastDocument(file, doc.data, doc.digest, index, lambda: doc,
                        local=Parts(indexer.part, _json_parser(file, error)), keys=indexer.keys)


class Index:
    """Offsets of the values in text json accepted, turned into (line, column) in order."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.decoder = json.JSONDecoder()
        self.line, self.line_start, self.offset = first_line, 0, 0
        self.found: dict = {}
        self.keys: dict = {}                # top-level keys' positions
        self.starts = array("q")            # where each task starts, for its positions on need
        self.spans: dict = {}               # where other top-level values and list items start

    def at(self, offset: int) -> tuple[int, int]:
        """Line and column of an offset at or after the previous one asked for."""
        self.line += self.text.count("\n", self.offset, offset)
        if self.offset < offset:
            newline = self.text.rfind("\n", self.offset, offset)
            if newline >= 0:
                self.line_start = newline + 1
        self.offset = offset
        return self.line, offset - self.line_start + 1

    def skip(self, offset: int) -> int:
        return _SPACE.match(self.text, offset).end()

    def top_level(self) -> dict | None:
        """Every top-level value, and each item of top-level lists (with ids outside the tasks)."""
        text = self.text
        try:
            start = self.skip(0)
            self.found[()] = self.at(start)
            offset = self.skip(start + 1)
            while text[offset] != "}":
                key_at = offset
                key, offset = json.decoder.scanstring(text, offset + 1)
                self.keys[(key,)] = self.at(key_at)
                offset = self.skip(self.skip(offset) + 1)
                self.found[(key,)] = self.at(offset)
                if text[offset] == "[":
                    offset = self.items((key,), offset)
                else:
                    self.spans[(key,)] = offset
                    offset = self.decoder.raw_decode(text, offset)[1]
                offset = self.skip(offset)
                if text[offset] == ",":
                    offset = self.skip(offset + 1)
        except (IndexError, ValueError):    # not the shape we index: the careful reader answers
            return None
        return self.found

    def items(self, path: tuple, offset: int) -> int:
        text, decoder = self.text, self.decoder
        offset = self.skip(offset + 1)
        number = 0
        while text[offset] != "]":
            self.item(path + (number,), offset)
            offset = self.skip(decoder.raw_decode(text, offset)[1])
            if text[offset] == ",":
                offset = self.skip(offset + 1)
            number += 1
        return offset + 1

    def part(self, path: tuple) -> Part | None:
        """The indexed value holding `path` (a task, a force, the circumstances...): its path,
        its text, and the line and column it starts at; None if there is none."""
        if len(path) < 2:
            return None
        number = path[1]
        if path[0] == TASKS and type(number) is int and 0 <= number < len(self.starts):
            start, prefix = self.starts[number], path[:2]
        elif path[:2] in self.spans:
            start, prefix = self.spans[path[:2]], path[:2]
        elif path[:1] in self.spans:
            start, prefix = self.spans[path[:1]], path[:1]
        else:
            return None
        return (prefix, self.text[start:self.decoder.raw_decode(self.text, start)[1]], *self.found[prefix])

    def item(self, path: tuple, offset: int) -> None:
        self.found[path] = self.at(offset)
        if path[0] == TASKS:
            self.starts.append(offset)
        else:                               # forces, places, events: their ids' lines are asked for
            self.spans[path] = offset
            first = _ID_FIRST.match(self.text, offset)
            if first is not None:
                self.found[path + ("id",)] = self.at(first.end())


class Parts:
    """Positions inside one indexed value (a task, a force, the circumstances...), from the
    careful reader run over that value's text alone and shifted to where it starts: an error
    in a 400,000-task file is located without a careful reading of the whole file.

    `part(path)` finds the value holding a path; the index holds every position outside
    those values, so a path no value holds is absent. `parse(text)` is the careful reader,
    its root being the value (None, or a refusal, sends the question to the whole file's).
    """

    def __init__(self, part: Callable[[tuple], Part | None], parse: Callable[[str], Document | None]) -> None:
        self.part, self.parse = part, parse
        self.read: dict[tuple, Document | None] = {}

    def __call__(self, which: str, path: Any) -> dict | None:
        found = self.part(path) if isinstance(path, tuple) else None
        if found is None:
            return {}
        prefix = found[0]
        if prefix not in self.read:
            self.read[prefix] = self._alone(*found)
        alone = self.read[prefix]
        return getattr(alone, which) if alone is not None else None     # None: the whole file's

    def _alone(self, prefix: tuple, text: str, line: int, column: int) -> Document | None:
        try:
            alone = self.parse(text)
        except ComitatusError:
            return None
        if alone is None:
            return None

        def moved(table: dict) -> dict:
            return {prefix + path: (at + line - 1, col + column - 1 if at == 1 else col)
                    for path, (at, col) in table.items()}
        return Document(alone.file, None, "", moved(alone.positions), moved(alone.key_positions),
                        texts={prefix + path: text for path, text in alone.texts.items()})


def _json_parser(file: str, error: type[ComitatusError]) -> Callable[[str], Document]:
    def parse(text: str) -> Document:
        alone = parse_json(text, file, error, "sha256:-")
        alone.where(())                     # its positions, now
        return alone
    return parse


# ---- JSON Lines ---------------------------------------------------------------------------

def read_jsonl(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """The header line plus one task a line, read as one JSON array whose lines are the file's."""
    lines = text.split("\n")
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    if not numbers:
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    header, tasks = numbers[0], numbers[1:]
    comma = set(numbers[:-1])           # every non-blank line but the last
    body = "\n".join(lines[:header - 1] + [("[" if n == header else "") + line + ("," if n in comma else "")
                                          for n, line in enumerate(lines[header - 1:], header)]) + "]"
    doc = _shifted(lambda: parse_json(body, file, error, digest), header)
    head, items = doc.data[0], doc.data[1:]
    if not isinstance(head, dict):
        raise error("jsonl-header", "the first line of a .jsonl scenario must be a JSON object "
                    "(the scenario without its tasks)", where=SourceLocation(file, header, 1))
    if "tasks" in head:
        raise error("jsonl-header", "the first line must not hold 'tasks': write one task a line "
                    "after it", where=_located(doc, (0, "tasks"), header, key=True))
    if len(doc.data) != len(numbers):
        line = next(n for n in numbers if not _one_value(lines[n - 1]))
        raise error("jsonl-line", "each line of a .jsonl scenario must hold one JSON value",
                    where=SourceLocation(file, line, 1))
    data = dict(head)
    data["tasks"] = items
    indexer = Index(lines[header - 1], header)
    indexed = indexer.top_level()
    index = indexed or {}
    index[("tasks",)] = (tasks[0], 1) if tasks else (header, 1)
    for number, line in enumerate(tasks):
        text_line = lines[line - 1]
        start = len(text_line) - len(text_line.lstrip(" \t\r"))
        index[("tasks", number)] = (line, start + 1)

    def careful() -> Document:
        return _Lines(doc, header, data)
    last = numbers[-1]
    split: list = []

    def part(path: tuple) -> Part | None:
        """A task is its line; anything else is in the header line's own index."""
        number = path[1] if len(path) >= 2 and path[0] == TASKS else None
        if type(number) is not int or not 0 <= number < len(tasks):
            return indexer.part(path)
        line = tasks[number]
        if not split:
            split.append(body.split("\n"))
        written = split[0][line - 1]
        return path[:2], (written if line == last else written[:-1]), line, 1     # less the comma added
    local = Parts(part, _json_parser(file, error)) if indexed is not None else _whole_file
    return FastDocument(file, data, doc.digest, index, careful, local=local, keys=indexer.keys)


def _whole_file(which: str, path: Any) -> None:
    """Every position from the whole file's careful reader (a header the index could not walk)."""
    return None


def _one_value(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _shifted(read: Callable[[], Document], header: int) -> Document:
    """Errors on the header line lose the column the opening bracket added."""
    try:
        return read()
    except ComitatusError as exc:
        where = exc.where
        if where is not None and where.line == header and where.column > 1:
            exc.where = SourceLocation(where.file, where.line, where.column - 1)
        raise


def _located(doc: Document, path: tuple, header: int, *, key: bool = False) -> SourceLocation:
    where = doc.where(path, key=key)
    return SourceLocation(where.file, where.line, where.column - 1 if where.line == header else where.column)


class _Lines(Document):
    """The careful positions of a .jsonl file: the array's, re-keyed as the scenario's."""

    __slots__ = ()

    def __init__(self, array: Document, header: int, data: Any) -> None:
        super().__init__(array.file, data, array.digest)
        array.where(())                     # the array's own scan, now
        positions, keys = {}, {}
        for target, source in ((positions, array.positions), (keys, array.key_positions)):
            for path, (line, column) in source.items():
                if not path:
                    continue
                column = column - 1 if line == header else column
                if path[0] == 0:
                    target[path[1:]] = (line, column)
                else:
                    target[("tasks", path[0] - 1) + path[1:]] = (line, column)
        self.positions, self.key_positions = positions, keys
