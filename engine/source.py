"""Reading YAML and JSON safely, keeping where every value was written.

PyYAML's C parser yields events; we build plain values from them ourselves so that no
tag can construct an object, aliases are refused (an alias bomb expands in `json.dumps`
and in durable_rules), duplicate keys are errors, dates stay strings, nesting is bounded,
and every key and value keeps its line and column for messages. What YAML 1.1 would read as
something the writer probably did not mean (`012` as octal 10, `12:30` as 750, `.nan`,
a key `on:` as a boolean) is refused with the reading spelled out, never guessed.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
import operator
import os
import re
import stat
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from typing import Any, Callable, Iterator

from .errors import ComitatusError, SourceLocation, shown

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT = 2 ** 53 - 1      # beyond this, JSON readers (durable_rules among them) disagree

Path = tuple  # of str keys and int indexes

_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
# What the YAML reader refuses in a file, refused too when it arrives through an escape
# ("\x07", "\u0000") or JSON: controls other than tab and line breaks, and lone surrogates.
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


@dataclass(slots=True)
class Document:
    """A parsed file: plain data plus a way back from a path to its position."""

    file: str
    data: Any
    digest: str
    positions: dict = field(default_factory=dict)       # path -> (line, col) of the value
    key_positions: dict = field(default_factory=dict)   # path -> (line, col) of its key
    _locate: Callable[[], tuple[dict, dict]] | None = None
    texts: dict = field(default_factory=dict)           # path -> source text of a non-text scalar

    def where(self, path: Path, *, key: bool = False) -> SourceLocation:
        """The position of `path` (or its key), falling back to the nearest ancestor."""
        if self._locate is not None:
            self.positions, self.key_positions = self._locate()
            self._locate = None
        path = tuple(path)
        known = None if key else dict.get(self.positions, path)     # the common case, without a lookup chain
        if known is not None:
            return SourceLocation(self.file, *known)
        if key and path in self.key_positions:
            return SourceLocation(self.file, *self.key_positions[path])
        while path:
            if path in self.positions:
                return SourceLocation(self.file, *self.positions[path])
            path = path[:-1]
        return SourceLocation(self.file, *self.positions.get((), (1, 1)))

    def text_of(self, path: Path) -> str | None:
        """How a number, boolean or null at `path` was written, for messages."""
        return self.texts.get(tuple(path))


def digest_bytes(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def read_bytes(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or one clear error: missing, a directory, a device, too big, unreadable."""
    where = SourceLocation(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise error("file-not-found", f"no such file: {path}", where=where) from exc
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error("unreadable", f"cannot read {path}: {reason}", where=where) from exc
    if stat.S_ISDIR(info.st_mode):
        raise error("is-a-directory", f"{path} is a directory, not a file", where=where)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise error("not-a-file", f"{path} is a device or socket, not a file", where=where)
    if info.st_size > max_bytes:
        raise error("too-large", f"file is {info.st_size} bytes, over the limit of {max_bytes} "
                    "(use --max-bytes to raise it)", where=where)
    try:
        # O_NONBLOCK: opening a pipe nobody writes to would wait forever; then block to read
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error("unreadable", f"cannot read {path}: {exc.strerror or exc}", where=where) from exc
    if len(raw) > max_bytes:
        raise error("too-large", f"file is over the limit of {max_bytes} bytes "
                    "(use --max-bytes to raise it)", where=where)
    return raw


def decode(raw: bytes, file: str, error: type[ComitatusError]) -> str:
    """UTF-8 text, refusing binary files and bad bytes with their position."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error("not-utf8", "file is UTF-16 (it starts with a UTF-16 byte order mark): "
                    "save it as UTF-8", where=SourceLocation(file, 1, 1))
    if b"\x00" in raw:
        line, col = _position_of(raw, raw.index(b"\x00"))
        raise error("binary-file", "file contains NUL bytes: not a text file",
                    where=SourceLocation(file, line, col))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(raw, exc.start)
        raise error("not-utf8", f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    where=SourceLocation(file, line, col)) from exc
    return text[1:] if text.startswith("\ufeff") else text


def _position_of(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
    return line, column


def load_file(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    raw = read_bytes(path, error, max_bytes)
    text = decode(raw, path, error)
    suffix = path.lower().rsplit(".", 1)[-1]
    if suffix in ("json", "jsonl"):       # bulk input (docs/bulk-input.md): positions found lazily
        from .bulk import read_json, read_jsonl
        return (read_jsonl if suffix == "jsonl" else read_json)(text, path, error, digest_bytes(raw))
    from .fastyaml import read_yaml         # parse_yaml's data exactly, fast for large task lists
    return read_yaml(text, path, error, digest_bytes(raw))


# ---- JSON ---------------------------------------------------------------------------------

class _Refused(Exception):
    """Raised inside json.loads hooks; the scan that follows finds where and why."""


def parse_json(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    """JSON for bulk input: fast, with positions recovered only if an error needs them."""
    if not text.strip():
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))

    def no_duplicates(pairs: list) -> dict:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise _Refused()
        return result

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_refuse,
                          parse_int=_json_int, parse_float=_json_float)
    except json.JSONDecodeError as exc:
        hint = "" if text.lstrip()[:1] in "{[" else " (a .json file must hold JSON; name YAML files .yaml)"
        raise error("json-syntax", f"invalid JSON: {exc.msg[:1].lower()}{exc.msg[1:]}{hint}",
                    where=SourceLocation(file, exc.lineno, exc.colno)) from exc
    except (_Refused, ValueError, RecursionError) as exc:     # the scan says what and where
        raise _JsonScan(text, file, error).problem() from exc
    if _refused_shape(data, MAX_DEPTH):
        raise _JsonScan(text, file, error).problem()
    doc = Document(file, data, digest or digest_bytes(text.encode("utf-8", "surrogatepass")))
    doc._locate = lambda: _JsonScan(text, file, error).positions()
    return doc


def _refuse(_name: str) -> Any:
    raise _Refused()


def _json_int(text: str) -> int:
    if len(text) > 20 or abs(int(text)) > MAX_INT:
        raise _Refused()
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused()
    return value


def _refused_shape(data: Any, limit: int) -> bool:
    """Nesting deeper than `limit`, or a refused character in any text, key or value."""
    return any((depth > limit and containers) or _BAD_TEXT.search("".join(texts))
               for depth, containers, texts in _levels(data))


def _levels(data: Any) -> Iterator[tuple[int, int, list]]:
    """JSON data level by level: (depth, containers at that depth, its texts and keys).

    Each level is sorted by type with map/compress, so a list of 100,000 tasks is walked
    at C speed rather than one Python step per value.
    """
    level, depth = [data], 1
    while level:
        kinds = list(map(type, level))
        dicts = list(compress(level, map(operator.is_, kinds, repeat(dict))))
        lists = list(compress(level, map(operator.is_, kinds, repeat(list))))
        texts = list(compress(level, map(operator.is_, kinds, repeat(str))))
        texts.extend(chain.from_iterable(dicts))
        yield depth, len(dicts) + len(lists), texts
        level = list(chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists)))
        depth += 1


class _JsonScan:
    """A token walk over text json.loads accepted (or refused only in a hook).

    It gives every value and key its line and column, and finds the first construct we
    refuse (a duplicate key, NaN, a number out of range, a control character, nesting
    too deep) with its position: json's hooks cannot say where they are. It stops there.
    """

    def __init__(self, text: str, file: str, error: type[ComitatusError]) -> None:
        self.text, self.file, self.error = text, file, error
        self.breaks = [m.end() for m in re.finditer("\n", text)]
        self.values: dict = {}
        self.keys: dict = {}
        self.found: ComitatusError | None = None

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.breaks, offset)
        return line + 1, offset - (self.breaks[line - 1] if line else 0) + 1

    def fail(self, code: str, message: str, offset: int) -> None:
        """Record the first problem and stop: past a too-deep point, paths grow quadratically."""
        self.found = self.error(code, message, where=SourceLocation(self.file, *self.at(offset)))
        raise _Refused()

    def positions(self) -> tuple[dict, dict]:
        try:
            self.walk()
        except (_Refused, ValueError, IndexError, KeyError):  # text json refused for a located reason
            pass
        return self.values or {(): (1, 1)}, self.keys

    def problem(self) -> ComitatusError:
        try:
            self.walk()
        except (_Refused, ValueError, IndexError, KeyError):
            pass
        return self.found or self.error("json-syntax", "file is not valid JSON",
                                        where=SourceLocation(self.file, 1, 1))

    def walk(self) -> None:
        stack: list[list] = []       # [is_object, path, state, key or index, keys seen]
        for match in _JSON_TOKEN.finditer(self.text):
            token, offset = match.group(), match.start()
            if not stack:
                self.value(token, (), offset, stack)
                continue
            frame = stack[-1]
            is_object, path, state = frame[0], frame[1], frame[2]
            if token in "}]" and state in ("key", "value", "comma"):
                stack.pop()
            elif token == ",":
                frame[2] = "key" if is_object else "value"
                if not is_object:
                    frame[3] += 1
            elif token == ":":
                frame[2] = "value"
            elif is_object and state == "key":
                key = json.loads(token)
                self.text_ok(key, offset)
                if key in frame[4]:
                    self.fail("duplicate-key", f"duplicate key {shown(key)} (first defined on line "
                              f"{frame[4][key]})", offset)
                frame[4][key] = self.at(offset)[0]
                frame[2], frame[3] = "colon", key
                self.keys[path + (key,)] = self.at(offset)
            else:
                frame[2] = "comma"
                self.value(token, path + (frame[3],), offset, stack)

    def value(self, token: str, path: tuple, offset: int, stack: list) -> None:
        self.values[path] = self.at(offset)
        if token in "{[":
            if len(stack) >= MAX_DEPTH:
                self.fail("too-deep", f"nesting deeper than {MAX_DEPTH} levels", offset)
            stack.append([token == "{", path, "key" if token == "{" else "value", 0, {}])
        elif token.startswith('"'):
            self.text_ok(json.loads(token), offset)
        elif token in ("NaN", "Infinity", "-Infinity"):
            self.fail("bad-number", f"{token} is not a number JSON allows", offset)
        elif token not in ("true", "false", "null"):
            number = json.loads(token, parse_int=str, parse_float=str)
            if any(c in number for c in ".eE"):
                if not math.isfinite(float(number)):
                    self.fail("bad-number", f"{shown(token)} is out of range", offset)
            elif len(number) > 20 or abs(int(number)) > MAX_INT:
                self.fail("bad-number", f"{shown(token)} is too large (at most {MAX_INT})", offset)

    def text_ok(self, text: str, offset: int) -> None:
        bad = _BAD_TEXT.search(text)
        if bad:
            self.fail("bad-text", _bad_text_message(bad.group()), offset)


def _bad_text_message(char: str) -> str:
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"text contains {kind} (U+{ord(char):04X}), which is not allowed"


# ---- YAML ---------------------------------------------------------------------------------

def parse_yaml(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    import yaml

    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#")
                                for line in text.splitlines()):
        raise error("empty-file", "file is empty", where=SourceLocation(file, 1, 1))
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    builder = _Builder(loader, file, error)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        code, message = _syntax(exc)
        if code == "yaml-syntax" and text.lstrip()[:1] in "{[" and "\t" in text:
            message += " (if this is JSON, name the file .json)"
        raise error(code, message, where=_mark(file, exc.problem_mark or exc.context_mark)) from exc
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        offset = text.find(char)
        where = SourceLocation(file, 1, 1)
        if offset >= 0:
            line = text.count("\n", 0, offset) + 1
            where = SourceLocation(file, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        raise error("bad-text", _bad_text_message(char) if len(char) == 1 else "unreadable character",
                    where=where) from exc
    except yaml.YAMLError as exc:
        raise error("yaml-syntax", str(exc).splitlines()[0], where=SourceLocation(file, 1, 1)) from exc
    finally:
        loader.dispose()
    return Document(file, data, digest or digest_bytes(text.encode("utf-8")), builder.positions,
                    builder.key_positions, texts=builder.texts)


def _syntax(exc: Any) -> tuple[str, str]:
    """The code and message for a YAML syntax error, with what the parser was inside."""
    problem = " ".join((exc.problem or exc.context or "YAML syntax error").split())
    context = " ".join((exc.context or "").split()) if exc.problem else ""
    if "maximum nesting depth" in problem:
        return "too-deep", f"nesting deeper than {MAX_DEPTH} levels"
    if "<document start>" in problem:
        return "multiple-documents", "content after the end of the document: one YAML document per file"
    if context == "while scanning a simple key" and "':'" in problem:
        return "yaml-syntax", f"{problem} (a key is missing its ':', or is longer than 1024 characters)"
    if context and exc.context_mark is not None:
        context += f" started on line {exc.context_mark.line + 1}"
    return "yaml-syntax", f"{problem} ({context})" if context else problem


def _mark(file: str, mark: Any) -> SourceLocation:
    if mark is None:
        return SourceLocation(file, 1, 1)
    return SourceLocation(file, mark.line + 1, mark.column + 1)


_READINGS = {"tag:yaml.org,2002:bool": "a boolean", "tag:yaml.org,2002:int": "a number",
             "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:null": "null"}


class _Builder:
    """Builds plain values from the parser's events: no object tags, no aliases, no duplicate keys.

    Events, not a composed node tree: libyaml's composer keeps a node and two marks for every
    scalar, about 60 bytes of memory per byte of YAML and ten times the parsing time, while
    the events can be dropped as soon as their value is built.
    """

    def __init__(self, loader: Any, file: str, error: type[ComitatusError]) -> None:
        import yaml

        self.loader = loader
        self.file = file
        self.error = error
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.texts: dict = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.yaml = yaml

    def where(self, event: Any) -> SourceLocation:
        return _mark(self.file, event.start_mark)

    def document(self) -> Any:
        yaml, next_event = self.yaml, self.loader.get_event
        next_event()                                            # stream start
        if isinstance(next_event(), yaml.StreamEndEvent):       # no document start either
            raise self.error("empty-file", "file holds no data", where=SourceLocation(self.file, 1, 1))
        first = next_event()
        data = self.node(first, (), 1)
        next_event()                                            # document end
        after = next_event()
        if not isinstance(after, yaml.StreamEndEvent):
            raise self.error("multiple-documents", "several YAML documents in one file (a second '---' "
                             "starts another)", where=self.where(after))
        if data is None and isinstance(first, yaml.ScalarEvent) and not first.value and not first.style:
            raise self.error("empty-file", "file holds no data", where=SourceLocation(self.file, 1, 1))
        return data

    def tag(self, event: Any) -> str:
        """The event's tag, resolved as PyYAML's composer resolves it."""
        yaml, tag = self.yaml, event.tag
        if tag is None or tag == "!":
            if isinstance(event, yaml.ScalarEvent):
                tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            elif isinstance(event, yaml.MappingStartEvent):
                tag = self.loader.resolve(yaml.MappingNode, None, event.implicit)
            else:
                tag = self.loader.resolve(yaml.SequenceNode, None, event.implicit)
        return tag

    def node(self, event: Any, path: Path, depth: int) -> Any:
        yaml = self.yaml
        if isinstance(event, yaml.AliasEvent):
            raise self.error("yaml-alias", "aliases (*name) are not allowed; write the value out",
                             where=self.where(event))
        if depth > MAX_DEPTH:
            raise self.error("too-deep", f"nesting deeper than {MAX_DEPTH} levels", where=self.where(event))
        tag = self.tag(event)
        if tag not in _SAFE_TAGS:
            raise self.error("yaml-tag", f"tag {shown(tag)} is not allowed: only plain YAML data is read",
                             where=self.where(event))
        self.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            items, next_event, index = [], self.loader.get_event, 0
            while not isinstance(item := next_event(), yaml.SequenceEndEvent):
                items.append(self.node(item, path + (index,), depth + 1))
                index += 1
            return items
        value = self.scalar(tag, event)
        if not isinstance(value, str):
            self.texts[path] = event.value
        return value

    def mapping(self, path: Path, depth: int) -> dict:
        yaml, next_event = self.yaml, self.loader.get_event
        result: dict = {}
        first_line: dict = {}
        while not isinstance(event := next_event(), yaml.MappingEndEvent):
            if isinstance(event, yaml.AliasEvent):
                raise self.error("yaml-alias", "aliases (*name) are not allowed; write the value out",
                                 where=self.where(event))
            tag = self.tag(event)
            if tag == "tag:yaml.org,2002:merge":
                raise self.error("yaml-alias", "merge keys (<<) are not allowed; write the keys out",
                                 where=self.where(event))
            if tag not in _SAFE_TAGS:
                raise self.error("yaml-tag", f"tag {shown(tag)} is not allowed: only plain YAML data is read",
                                 where=self.where(event))
            if not isinstance(event, yaml.ScalarEvent):
                raise self.error("bad-key", "mapping keys must be plain words, not lists or mappings",
                                 where=self.where(event))
            if depth + 1 > MAX_DEPTH:
                raise self.error("too-deep", f"nesting deeper than {MAX_DEPTH} levels", where=self.where(event))
            key = self.scalar(tag, event)
            if not isinstance(key, str):
                reading = _READINGS.get(tag, "not text")
                raise self.error("bad-key", f"key {shown(event.value)} is read as {reading}, "
                                 "not a word: put it in quotes if you mean it", where=self.where(event))
            line = event.start_mark.line + 1
            if key in result:
                raise self.error("duplicate-key",
                                 f"duplicate key {shown(key)} (first defined on line {first_line[key]})",
                                 where=self.where(event))
            first_line[key] = line
            here = path + (key,)
            self.key_positions[here] = (line, event.start_mark.column + 1)
            result[key] = self.node(next_event(), here, depth + 1)
        return result

    def scalar(self, tag: str, event: Any) -> Any:
        text = event.value
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            bad = _BAD_TEXT.search(text)
            if bad:
                raise self.error("bad-text", _bad_text_message(bad.group()), where=self.where(event))
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        node = self.yaml.ScalarNode(tag, text)
        try:
            if tag == "tag:yaml.org,2002:bool":
                return self.constructor.construct_yaml_bool(node)
            if tag == "tag:yaml.org,2002:int":
                if len(text) > 40:
                    raise self.error("bad-number", f"{shown(text)} is too large (at most {MAX_INT})",
                                     where=self.where(event))
                value = self.constructor.construct_yaml_int(node)
                if not _DECIMAL.fullmatch(text):
                    raise self.error("bad-number", f"{shown(text)} is not a plain decimal number "
                                     f"(YAML 1.1 reads it as {value}): write plain digits, or quote it "
                                     "if it is text", where=self.where(event))
                if abs(value) > MAX_INT:
                    raise self.error("bad-number", f"{shown(text)} is too large (at most {MAX_INT})",
                                     where=self.where(event))
                return value
            if tag == "tag:yaml.org,2002:float":
                value = self.constructor.construct_yaml_float(node)
                if not math.isfinite(value):
                    raise self.error("bad-number", f"{shown(text)} is not a finite number",
                                     where=self.where(event))
                return value
        except (ValueError, TypeError, OverflowError) as exc:
            raise self.error("bad-number", f"cannot read {shown(text)} as a number",
                             where=self.where(event)) from exc
        return text
