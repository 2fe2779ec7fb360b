"""JSON Lines scenarios (`.jsonl`): the first non-blank line is the scenario without `tasks`
(a JSON object); every further non-blank line is one task (a JSON object). See
docs/bulk-input.md. The file is read as one JSON array whose lines are the file's, so every
check and position is the JSON reader's; each task's position is the start of its line."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Callable, Iterator

from ..errors import ComitatusError, SourceLocation
from .document import Document, FastDocument, Part, Parts, whole_file
from .files import decode, stream_bytes
from .json import parse_json
from .json_index import TASKS, Index, json_parser


def read_jsonl(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """The header line plus one task a line, read as one JSON array whose lines are the file's."""
    lines = text.split("\n")
    header = next((n for n, line in enumerate(lines, 1) if line.strip()), None)
    if header is None:
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    return read_jsonl_part((header, lines[header - 1]), header + 1, lines[header:], file, error, digest)


def read_jsonl_part(header: tuple[int, str], first: int, lines: list[str], file: str,
                    error: type[ComitatusError], digest: str) -> Document:
    """The scenario the header line (its number and text) gives with the tasks of `lines`, the
    file's lines from line `first` on (blank ones included): the whole file, or one stretch of
    it when a large file is checked a stretch at a time (engine/stream.py). Every position and
    error is located in the file, as a reading of the whole file would locate it."""
    number, written = header
    tasks = [n for n, line in enumerate(lines, first) if line.strip()]
    place = _Place(number, first)
    body = _as_array(written, lines, first, tasks)
    doc = place.shifted(lambda: parse_json(body, file, error, digest))
    text_of = (lambda n: written if n == number else lines[n - first])
    _check_shape(doc, text_of, [number] + tasks, place, error)
    data = dict(doc.data[0])
    data[TASKS] = doc.data[1:]
    indexer = Index(written, number)
    indexed = indexer.top_level()
    index = _task_index(text_of, tasks, number, indexed)
    part = _TaskPart(text_of, tasks, indexer)
    local = Parts(part, json_parser(file, error)) if indexed is not None else whole_file
    return FastDocument(file, data, doc.digest, index, lambda: Lines(doc, place, data), local=local,
                        keys=indexer.keys)


class _Place:
    """From the array read (the header on its line 1, then the lines from `first` on) back to the file."""

    __slots__ = ("header", "first")

    def __init__(self, header: int, first: int) -> None:
        self.header, self.first = header, first

    def __call__(self, line: int, column: int) -> tuple[int, int]:
        if line <= 1:
            return self.header, max(column - 1, 1)      # less the opening bracket
        return self.first + line - 2, column

    def shifted(self, read: Callable[[], Document]) -> Document:
        try:
            return read()
        except ComitatusError as exc:
            if exc.where is not None and exc.where.line:
                exc.where = SourceLocation(exc.where.file, *self(exc.where.line, exc.where.column))
            raise


def _as_array(header: str, lines: list[str], first: int, tasks: list[int]) -> str:
    """`[` and the header line, then the lines, a comma after each value but the last."""
    head = "[" + header + ("," if tasks else "")
    comma = set(tasks[:-1])
    return "\n".join([head] + [line + ("," if n in comma else "") for n, line in enumerate(lines, first)]) + "]"


def _check_shape(doc: Document, text_of: Callable[[int], str], numbers: list[int], place: _Place,
                 error: type[ComitatusError]) -> None:
    header = numbers[0]
    if not isinstance(doc.data[0], dict):
        raise error("jsonl-header", "the first line of a .jsonl scenario must be a JSON object "
                    "(the scenario without its tasks)", where=SourceLocation(doc.file, header, 1))
    if TASKS in doc.data[0]:
        where = doc.where((0, TASKS), key=True)
        raise error("jsonl-header", "the first line must not hold 'tasks': write one task a line "
                    "after it", where=SourceLocation(where.file, *place(where.line, where.column)))
    if len(doc.data) != len(numbers):
        line = next(n for n in numbers if not _one_value(text_of(n)))
        raise error("jsonl-line", "each line of a .jsonl scenario must hold one JSON value",
                    where=SourceLocation(doc.file, line, 1))


def _task_index(text_of: Callable[[int], str], tasks: list[int], header: int, indexed: dict | None) -> dict:
    index = indexed or {}
    index[(TASKS,)] = (tasks[0], 1) if tasks else (header, 1)
    for number, line in enumerate(tasks):
        text_line = text_of(line)
        column = 1 if text_line[:1] not in _BLANKS else len(text_line) - len(text_line.lstrip(" \t\r")) + 1
        index[(TASKS, number)] = (line, column)
    return index


_BLANKS = (" ", "\t", "\r")      # what may stand before a task's `{` on its line


class _TaskPart:
    """For `Parts`: a task is its line; anything else is in the header line's own index."""

    def __init__(self, text_of: Callable[[int], str], tasks: list[int], indexer: Index) -> None:
        self.text_of, self.tasks, self.indexer = text_of, tasks, indexer

    def __call__(self, path: tuple) -> Part | None:
        number = path[1] if len(path) >= 2 and path[0] == TASKS else None
        if type(number) is not int or not 0 <= number < len(self.tasks):
            return self.indexer.part(path)
        line = self.tasks[number]
        return path[:2], self.text_of(line), line, 1


def _one_value(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


class Lines(Document):
    """The careful positions of a .jsonl file: the array's, re-keyed as the scenario's."""

    __slots__ = ()

    def __init__(self, array: Document, place: _Place, data: Any) -> None:
        super().__init__(array.file, data, array.digest)
        array.where(())                     # the array's own scan, now
        self.positions = _rekeyed(array.positions, place)
        self.key_positions = _rekeyed(array.key_positions, place)


def _rekeyed(source: dict, place: _Place) -> dict:
    """Array paths as scenario paths (item 0 is the header, item n task n - 1), at the file's lines."""
    target = {}
    for path, (line, column) in source.items():
        if not path:
            continue
        if path[0] == 0:
            target[path[1:]] = place(line, column)
        else:
            target[(TASKS, path[0] - 1) + path[1:]] = place(line, column)
    return target


class JsonlStretches:
    """A .jsonl file read a stretch of lines at a time, each stretch a Document: the header
    with `size` of the file's lines (blank ones included), positions the whole file's.

    Memory stays that of one stretch whatever the file's length. The file's digest (over
    every byte read) is known once the stretches are exhausted: `digest`. A file with a
    header and no task still gives one Document (with no task), so it is refused as a
    whole file with no task is.
    """

    PIECE = 1 << 20                   # bytes read at a time

    def __init__(self, path: str, error: type[ComitatusError], max_bytes: int, size: int) -> None:
        self.path, self.error, self.max_bytes, self.size = path, error, max_bytes, size
        self.digest: str | None = None

    def __iter__(self) -> Iterator[Document]:
        for header, first, lines in self.pieces():
            yield read_jsonl_part(header, first, lines, self.path, self.error, "")

    def pieces(self) -> Iterator[tuple[tuple[int, str], int, list[str]]]:
        """(the header line's number and text, the number of the stretch's first line, its
        lines): what `read_jsonl_part` reads, decoded here (a process of its own may read it)."""
        header: tuple[int, str] | None = None
        given = False
        for first, lines in self._decoded():
            if header is None:
                found = next((n for n, line in enumerate(lines) if line.strip()), None)
                if found is None:
                    continue
                header = (first + found, lines[found])
                first, lines = first + found + 1, lines[found + 1:]
            if given and not any(line.strip() for line in lines):
                continue                  # blank lines at the end: nothing to check
            given = True
            yield header, first, lines
        if header is None:
            raise self.error("empty-file", "file is empty", where=SourceLocation(self.path, 1, 1))
        if not given:
            yield header, header[0] + 1, []

    def _decoded(self) -> Iterator[tuple[int, list[str]]]:
        """(number of the first line, the lines' text), `size` lines at a time, in order."""
        first = 1
        for raw in self._raw():
            count = raw.count(b"\n") + 1
            if first == 1:
                text = decode(raw, self.path, self.error)
            else:                         # a line never starts a file: no byte order mark stripped
                text = _moved(lambda: decode(b"\n" + raw, self.path, self.error), first - 2)[1:]
            yield first, text.split("\n")
            first += count

    def _raw(self) -> Iterator[bytes]:
        """The file's lines, `size` at a time, joined without their last line end (as
        str.split cuts them); the digest updated over every byte."""
        digest = hashlib.sha256()
        lines: list[bytes] = []
        rest = b""
        for piece in stream_bytes(self.path, self.error, self.max_bytes, self.PIECE):
            digest.update(piece)
            cut = (rest + piece).split(b"\n")
            rest = cut.pop()
            lines.extend(cut)
            while len(lines) >= self.size:
                yield b"\n".join(lines[:self.size])
                del lines[:self.size]
        lines.append(rest)
        self.digest = "sha256:" + digest.hexdigest()
        yield b"\n".join(lines)


def _moved(read: Callable[[], Any], lines: int) -> Any:
    """`read()`, an error it raises moved down by `lines` lines."""
    try:
        return read()
    except ComitatusError as exc:
        if exc.where is not None and exc.where.line:
            exc.where = SourceLocation(exc.where.file, exc.where.line + lines, exc.where.column)
        raise
