"""JSON Lines scenarios (`.jsonl`): the first non-blank line is the scenario without `tasks`
(a JSON object); every further non-blank line is one task (a JSON object). See
docs/bulk-input.md. The file is read as one JSON array whose lines are the file's, so every
check and position is the JSON reader's; each task's position is the start of its line."""
from __future__ import annotations

import json
from typing import Any, Callable

from ..errors import ComitatusError, SourceLocation
from .document import Document, FastDocument, Part, Parts, whole_file
from .json import parse_json
from .json_index import TASKS, Index, json_parser


def read_jsonl(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """The header line plus one task a line, read as one JSON array whose lines are the file's."""
    lines = text.split("\n")
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    if not numbers:
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    header, tasks = numbers[0], numbers[1:]
    body = _as_array(lines, numbers)
    doc = _shifted(lambda: parse_json(body, file, error, digest), header)
    _check_shape(doc, lines, numbers, error)
    data = dict(doc.data[0])
    data[TASKS] = doc.data[1:]
    indexer = Index(lines[header - 1], header)
    indexed = indexer.top_level()
    index = _task_index(lines, tasks, header, indexed)
    part = _TaskPart(body, tasks, numbers[-1], indexer)
    local = Parts(part, json_parser(file, error)) if indexed is not None else whole_file
    return FastDocument(file, data, doc.digest, index, lambda: Lines(doc, header, data), local=local,
                        keys=indexer.keys)


def _as_array(lines: list[str], numbers: list[int]) -> str:
    """The file as one JSON array: `[` before the header, a comma after each line but the last."""
    header, comma = numbers[0], set(numbers[:-1])
    return "\n".join(lines[:header - 1] + [("[" if n == header else "") + line + ("," if n in comma else "")
                                           for n, line in enumerate(lines[header - 1:], header)]) + "]"


def _check_shape(doc: Document, lines: list[str], numbers: list[int], error: type[ComitatusError]) -> None:
    header = numbers[0]
    if not isinstance(doc.data[0], dict):
        raise error("jsonl-header", "the first line of a .jsonl scenario must be a JSON object "
                    "(the scenario without its tasks)", where=SourceLocation(doc.file, header, 1))
    if TASKS in doc.data[0]:
        raise error("jsonl-header", "the first line must not hold 'tasks': write one task a line "
                    "after it", where=_located(doc, (0, TASKS), header, key=True))
    if len(doc.data) != len(numbers):
        line = next(n for n in numbers if not _one_value(lines[n - 1]))
        raise error("jsonl-line", "each line of a .jsonl scenario must hold one JSON value",
                    where=SourceLocation(doc.file, line, 1))


def _task_index(lines: list[str], tasks: list[int], header: int, indexed: dict | None) -> dict:
    index = indexed or {}
    index[(TASKS,)] = (tasks[0], 1) if tasks else (header, 1)
    for number, line in enumerate(tasks):
        text_line = lines[line - 1]
        index[(TASKS, number)] = (line, len(text_line) - len(text_line.lstrip(" \t\r")) + 1)
    return index


class _TaskPart:
    """For `Parts`: a task is its line; anything else is in the header line's own index."""

    def __init__(self, body: str, tasks: list[int], last: int, indexer: Index) -> None:
        self.body, self.tasks, self.last, self.indexer = body, tasks, last, indexer
        self.split: list[str] | None = None

    def __call__(self, path: tuple) -> Part | None:
        number = path[1] if len(path) >= 2 and path[0] == TASKS else None
        if type(number) is not int or not 0 <= number < len(self.tasks):
            return self.indexer.part(path)
        line = self.tasks[number]
        if self.split is None:
            self.split = self.body.split("\n")
        written = self.split[line - 1]
        return path[:2], (written if line == self.last else written[:-1]), line, 1     # less the comma added


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


class Lines(Document):
    """The careful positions of a .jsonl file: the array's, re-keyed as the scenario's."""

    __slots__ = ()

    def __init__(self, array: Document, header: int, data: Any) -> None:
        super().__init__(array.file, data, array.digest)
        array.where(())                     # the array's own scan, now
        self.positions = _rekeyed(array.positions, header)
        self.key_positions = _rekeyed(array.key_positions, header)


def _rekeyed(source: dict, header: int) -> dict:
    """Array paths as scenario paths: item 0 is the header, item n task n - 1."""
    target = {}
    for path, (line, column) in source.items():
        if not path:
            continue
        column = column - 1 if line == header else column
        if path[0] == 0:
            target[path[1:]] = (line, column)
        else:
            target[(TASKS, path[0] - 1) + path[1:]] = (line, column)
    return target
