"""Bulk JSON read fast, positions exact but found lazily.

A scenario of 100,000 tasks is read once by json's C parser (`parse_json`); the only
positions a clean read asks for are where each list item starts (and the id of each force,
place and event), and those come from a cheap walk over the text (`Index`), which also
notes where every top-level value starts. Any other position (for an error message) comes
from the careful reader run over the one value that holds it (`Parts`). So a clean file pays
for no position it never shows, and a bad one gets the same line:column as a careful
reading of the whole file.
"""
from __future__ import annotations

import json
import re
from array import array
from typing import Callable

from ..errors import ComitatusError
from .document import Document, FastDocument, Part, Parts
from .json import parse_json
from .yaml_fast import MIN_BYTES

TASKS = "tasks"
_SPACE = re.compile(r"[ \t\n\r]*")
_ID_FIRST = re.compile(r'\{[ \t\n\r]*"id"[ \t\n\r]*:[ \t\n\r]*')


def read_json(text: str, file: str, error: type[ComitatusError], digest: str) -> Document:
    """parse_json's data and checks; list items and their ids indexed by a C-speed walk."""
    doc = parse_json(text, file, error, digest)
    if not isinstance(doc.data, dict):
        return doc
    indexer = Index(text)
    index = indexer.top_level()
    if index is None:
        return doc
    return FastDocument(file, doc.data, doc.digest, index, lambda: doc,
                        local=Parts(indexer.part, json_parser(file, error)), keys=indexer.keys)


def task_chunks(text: str, size: int) -> "Cut | None":
    """The file as texts that each hold all of it but the other tasks: its header and `size`
    of its tasks (the last one the rest), each task at its own line and column (the lines
    before it kept as newlines, its line's lead as spaces), so that each reads on its own as
    the whole file reads those tasks, positions and all; or None where the file is small, is
    not an object whose last key is a list of more than `size` tasks, has a carriage return
    outside a CRLF (yaml_fast.task_chunks, for JSON), or where its parts would hold more than
    PADDED times its text (a file written on one line pads each part with spaces up to its
    tasks). A text json would refuse gives None or a part that fails to read; the caller
    then reads the file whole."""
    if len(text) < MIN_BYTES or text.count("\r") != text.count("\r\n"):
        return None
    indexer = Index(text)
    if indexer.top_level() is None or indexer.tasks is None or list(indexer.keys)[-1] != (TASKS,):
        return None
    starts, (opened, closed) = indexer.starts, indexer.tasks
    if len(starts) <= size or starts[0] < opened:      # (a second "tasks" key: its items too)
        return None
    pieces, lines, counted = [], 0, opened
    for first in range(0, len(starts), size):
        start = starts[first]
        stop = closed if first + size >= len(starts) else text.rindex(",", start, starts[first + size])
        lines += text.count("\n", counted, start)       # newlines from the list's [ to this part's first task
        counted = start
        lead = start - max(text.rfind("\n", opened, start), opened) - 1     # its line's text before it
        pieces.append((lines, lead, start, stop))
    cut = Cut(text, opened, closed, pieces)
    return cut if cut.size <= PADDED * len(text) else None


PADDED = 4


class Cut:
    """task_chunks' parts, each made only when iterated: one part at a time in memory."""

    def __init__(self, text: str, opened: int, closed: int, pieces: list[tuple[int, int, int, int]]) -> None:
        self.text, self.head, self.tail, self.pieces = text, text[:opened + 1], text[closed:], pieces
        self.size = sum(len(self.head) + lines + lead + stop - start + len(self.tail)
                        for lines, lead, start, stop in pieces)

    def __len__(self) -> int:
        return len(self.pieces)

    def __iter__(self):
        for lines, lead, start, stop in self.pieces:
            yield self.head + "\n" * lines + " " * lead + self.text[start:stop] + self.tail


def json_parser(file: str, error: type[ComitatusError]) -> Callable[[str], Document]:
    """The careful reader of one value's text, its positions found now."""
    def parse(text: str) -> Document:
        alone = parse_json(text, file, error, "sha256:-")
        alone.where(())
        return alone
    return parse


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
        self.tasks: tuple[int, int] | None = None     # where the task list's [ and ] are

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
        try:
            start = self.skip(0)
            self.found[()] = self.at(start)
            offset = self.skip(start + 1)
            while self.text[offset] != "}":
                offset = self.member(offset)
        except (IndexError, ValueError):    # not the shape we index: the careful reader answers
            return None
        return self.found

    def member(self, offset: int) -> int:
        """Past one top-level key and its value, and the comma after them."""
        text = self.text
        key_at = offset
        key, offset = json.decoder.scanstring(text, offset + 1)
        self.keys[(key,)] = self.at(key_at)
        offset = self.skip(self.skip(offset) + 1)
        self.found[(key,)] = self.at(offset)
        if text[offset] == "[":
            opened = offset
            offset = self.items((key,), offset)
            if key == TASKS:
                self.tasks = (opened, offset - 1)
        else:
            self.spans[(key,)] = offset
            offset = self.decoder.raw_decode(text, offset)[1]
        offset = self.skip(offset)
        return self.skip(offset + 1) if text[offset] == "," else offset

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

    def item(self, path: tuple, offset: int) -> None:
        self.found[path] = self.at(offset)
        if path[0] == TASKS:
            self.starts.append(offset)
        else:                               # forces, places, events: their ids' lines are asked for
            self.spans[path] = offset
            first = _ID_FIRST.match(self.text, offset)
            if first is not None:
                self.found[path + ("id",)] = self.at(first.end())

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
