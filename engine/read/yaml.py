"""The careful YAML reader: plain values in the YAML 1.2 core schema, every position kept.

PyYAML's C parser yields events; we build plain values from them ourselves so that no
tag can construct an object, aliases are refused (an alias bomb expands in `json.dumps`
and in durable_rules), duplicate keys are errors, nesting is bounded, scalars are read by
the core schema (`yaml_core`), and every key and value keeps its line and column.

Events, not a composed node tree: libyaml's composer keeps a node and two marks for every
scalar, about 60 bytes of memory per byte of YAML and ten times the parsing time, while
the events can be dropped as soon as their value is built. libyaml bounds nesting itself
(1,000 levels, reported as too deep); the builder stops at MAX_DEPTH.
"""
from __future__ import annotations

from typing import Any

import yaml as pyyaml

from ..errors import ComitatusError, SourceLocation, shown
from . import yaml_core as core
from .document import Document, Path
from .files import digest_bytes
from .limits import BAD_TEXT, MAX_DEPTH, bad_text_message, too_deep

_READINGS = {core.BOOL: "a boolean", core.INT: "a number", core.FLOAT: "a number", core.NULL: "null"}
_KIND_TAG = {pyyaml.MappingStartEvent: core.MAP, pyyaml.SequenceStartEvent: core.SEQ}


def parse_yaml(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    """The careful reading of a whole YAML file."""
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#")
                                for line in text.splitlines()):
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    loader = getattr(pyyaml, "CSafeLoader", pyyaml.SafeLoader)(text)
    builder = Builder(loader, file, error)
    try:
        data = builder.document()
    except pyyaml.MarkedYAMLError as exc:
        raise _marked(exc, text, file, error) from exc
    except pyyaml.reader.ReaderError as exc:
        raise _unreadable(exc, text, file, error) from exc
    except pyyaml.YAMLError as exc:
        raise error("yaml-syntax", str(exc).splitlines()[0], where=SourceLocation(file, 1, 1)) from exc
    finally:
        loader.dispose()
    return Document(file, data, digest or digest_bytes(text.encode("utf-8")), builder.positions,
                    builder.key_positions, texts=builder.texts)


def _marked(exc: Any, text: str, file: str, error: type[ComitatusError]) -> ComitatusError:
    code, message = syntax_message(exc, text)
    if code == "yaml-syntax" and text.lstrip()[:1] in "{[" and "\t" in text:
        message += " (if this is JSON, name the file .json)"
    return error(code, message, where=mark_location(file, exc.problem_mark or exc.context_mark))


def _unreadable(exc: Any, text: str, file: str, error: type[ComitatusError]) -> ComitatusError:
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    offset = text.find(char)
    where = SourceLocation(file, 1, 1)
    if offset >= 0:
        line = text.count("\n", 0, offset) + 1
        where = SourceLocation(file, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
    message = bad_text_message(char) if len(char) == 1 else "unreadable character"
    return error("bad-text", message, where=where)


def syntax_message(exc: Any, text: str = "") -> tuple[str, str]:
    """The code and message for a YAML syntax error, with what the parser was inside."""
    problem = " ".join((exc.problem or exc.context or "YAML syntax error").split())
    context = " ".join((exc.context or "").split()) if exc.problem else ""
    if "maximum nesting depth" in problem:
        return "too-deep", too_deep()
    if "<document start>" in problem:
        return "multiple-documents", "content after the end of the document: one YAML document per file"
    if context == "while scanning a simple key" and "':'" in problem:
        return "yaml-syntax", f"{problem} (a key is missing its ':', or is longer than 1024 characters)"
    if "cannot start any token" in problem and _at_tab(exc.problem_mark, text):
        return "yaml-syntax", "a tab where YAML expects indentation or a value: indent with spaces, not tabs"
    if context and exc.context_mark is not None:
        context += f" started on line {exc.context_mark.line + 1}"
    return "yaml-syntax", f"{problem} ({context})" if context else problem


def _at_tab(mark: Any, text: str) -> bool:
    """Whether the parser stopped on a tab (libyaml's marks carry no text: the line is looked up)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column:mark.column + 1] == "\t"


def mark_location(file: str, mark: Any) -> SourceLocation:
    if mark is None:
        return SourceLocation(file, 1, 1)
    return SourceLocation(file, mark.line + 1, mark.column + 1)


class Builder:
    """Builds plain values from the parser's events: no object tags, no aliases, no duplicate keys."""

    def __init__(self, loader: Any, file: str, error: type[ComitatusError]) -> None:
        self.next_event = loader.get_event
        self.file = file
        self.error = error
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.texts: dict = {}

    def fail(self, code: str, message: str, event: Any) -> ComitatusError:
        return self.error(code, message, where=mark_location(self.file, event.start_mark))

    def document(self) -> Any:
        next_event = self.next_event
        next_event()                                            # stream start
        if isinstance(next_event(), pyyaml.StreamEndEvent):     # no document start either
            raise self.error("empty-file", "file holds no data", where=SourceLocation(self.file, 1, 1))
        first = next_event()
        data = self.node(first, (), 1)
        next_event()                                            # document end
        after = next_event()
        if not isinstance(after, pyyaml.StreamEndEvent):
            raise self.fail("multiple-documents", "several YAML documents in one file (a second '---' "
                            "starts another)", after)
        if data is None and isinstance(first, pyyaml.ScalarEvent) and not first.value and not first.style:
            raise self.error("empty-file", "file holds no data", where=SourceLocation(self.file, 1, 1))
        return data

    def tag(self, event: Any) -> str:
        """The event's tag: explicit, or resolved by the core schema; refused unless plain data."""
        if isinstance(event, pyyaml.AliasEvent):
            raise self.fail("yaml-alias", "aliases (*name) are not allowed; write the value out", event)
        tag = event.tag
        kind = _KIND_TAG.get(type(event))
        if tag is None or tag == "!":
            if kind is not None:
                return kind
            return core.resolve(event.value) if tag is None and event.implicit[0] else core.STR
        if kind is None and tag in core.SCALAR_TAGS or tag == kind:
            return tag
        if tag in core.SCALAR_TAGS or tag in (core.MAP, core.SEQ):
            what = {core.MAP: "a mapping", core.SEQ: "a list"}.get(kind, "a scalar")
            raise self.fail("yaml-tag", f"tag {core.short_tag(tag)} does not fit {what}", event)
        raise self.fail("yaml-tag", f"tag {shown(tag)} is not allowed: only plain YAML data is read", event)

    def node(self, event: Any, path: Path, depth: int) -> Any:
        tag = self.tag(event)
        if depth > MAX_DEPTH:
            raise self.fail("too-deep", too_deep(), event)
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if tag == core.MAP:
            return self.mapping(path, depth)
        if tag == core.SEQ:
            return self.sequence(path, depth)
        value = self.scalar(tag, event)
        if not isinstance(value, str):
            self.texts[path] = event.value
        return value

    def sequence(self, path: Path, depth: int) -> list:
        items, next_event, index = [], self.next_event, 0
        while not isinstance(item := next_event(), pyyaml.SequenceEndEvent):
            items.append(self.node(item, path + (index,), depth + 1))
            index += 1
        return items

    def mapping(self, path: Path, depth: int) -> dict:
        result: dict = {}
        first_line: dict = {}
        while not isinstance(event := self.next_event(), pyyaml.MappingEndEvent):
            key = self.key(event, depth)
            line = event.start_mark.line + 1
            if key in result:
                raise self.fail("duplicate-key", f"duplicate key {shown(key)} (first defined on line "
                                f"{first_line[key]})", event)
            first_line[key] = line
            here = path + (key,)
            self.key_positions[here] = (line, event.start_mark.column + 1)
            result[key] = self.node(self.next_event(), here, depth + 1)
        return result

    def key(self, event: Any, depth: int) -> str:
        """A mapping key: a scalar read as text, never a merge key."""
        tag = self.tag(event)
        if tag in (core.MAP, core.SEQ):
            raise self.fail("bad-key", "mapping keys must be plain words, not lists or mappings", event)
        if depth + 1 > MAX_DEPTH:
            raise self.fail("too-deep", too_deep(), event)
        if event.value == "<<" and event.implicit[0] and event.tag is None:
            raise self.fail("yaml-alias", "merge keys (<<) are not allowed; write the keys out", event)
        key = self.scalar(tag, event)
        if not isinstance(key, str):
            raise self.fail("bad-key", f"key {shown(event.value)} is read as {_READINGS[tag]}, "
                            "not a word: put it in quotes if you mean it", event)
        return key

    def scalar(self, tag: str, event: Any) -> Any:
        try:
            value = core.construct(tag, event.value)
        except core.Refusal as refused:
            raise self.fail(refused.code, refused.message, event) from refused
        if isinstance(value, str):
            bad = BAD_TEXT.search(value)
            if bad:
                raise self.fail("bad-text", bad_text_message(bad.group()), event)
        return value
