"""Reading YAML and JSON safely, keeping where every value was written.

PyYAML's C parser composes the node tree; we build plain values from it ourselves so
that no tag can construct an object, aliases are refused (an alias bomb expands in
`json.dumps` and in durable_rules), duplicate keys are errors, dates stay strings, and
every key and value keeps its line and column for messages.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import ComitatusError, SourceLocation

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

Path = tuple  # of str keys and int indexes

_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}


@dataclass(slots=True)
class Document:
    """A parsed file: plain data plus a way back from a path to its position."""

    file: str
    data: Any
    digest: str
    positions: dict = field(default_factory=dict)       # path -> (line, col) of the value
    key_positions: dict = field(default_factory=dict)   # path -> (line, col) of its key
    _locate: Callable[[], tuple[dict, dict]] | None = None

    def where(self, path: Path, *, key: bool = False) -> SourceLocation:
        """The position of `path` (or its key), falling back to the nearest ancestor."""
        if self._locate is not None:
            self.positions, self.key_positions = self._locate()
            self._locate = None
        path = tuple(path)
        if key and path in self.key_positions:
            return SourceLocation(self.file, *self.key_positions[path])
        while path:
            if path in self.positions:
                return SourceLocation(self.file, *self.positions[path])
            path = path[:-1]
        return SourceLocation(self.file, *self.positions.get((), (1, 1)))


def digest_bytes(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def read_bytes(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or one clear error: missing, a directory, too big, unreadable."""
    where = SourceLocation(path)
    if not os.path.exists(path):
        raise error("file-not-found", f"no such file: {path}", where=where)
    if os.path.isdir(path):
        raise error("is-a-directory", f"{path} is a directory, not a file", where=where)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise error("too-large", f"file is {size} bytes, over the limit of {max_bytes} "
                        "(use --max-bytes to raise it)", where=where)
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise error("unreadable", f"cannot read {path}: {exc.strerror}", where=where) from exc
    if len(raw) > max_bytes:
        raise error("too-large", f"file is over the limit of {max_bytes} bytes", where=where)
    return raw


def decode(raw: bytes, file: str, error: type[ComitatusError]) -> str:
    """UTF-8 text, refusing binary files and bad bytes with their position."""
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
    if path.endswith(".json"):
        return parse_json(text, path, error, digest_bytes(raw))
    return parse_yaml(text, path, error, digest_bytes(raw))


def parse_json(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    """JSON for bulk input: fast, with positions recovered only if an error needs them."""
    if not text.strip():
        raise error("empty-file", "file is empty", where=SourceLocation(file))

    def no_duplicates(pairs: list) -> dict:
        result: dict = {}
        for key, value in pairs:
            if key in result:
                raise error("duplicate-key", f"duplicate key '{key}'", where=SourceLocation(file))
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates,
                          parse_constant=lambda name: _bad_constant(name, file, error))
    except json.JSONDecodeError as exc:
        raise error("json-syntax", exc.msg, where=SourceLocation(file, exc.lineno, exc.colno)) from exc
    except RecursionError as exc:
        raise error("too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                    where=SourceLocation(file)) from exc
    _check_depth(data, file, error)
    doc = Document(file, data, digest or digest_bytes(text.encode()))
    doc._locate = lambda: _positions_via_yaml(text, file, error)
    return doc


def _bad_constant(name: str, file: str, error: type[ComitatusError]) -> Any:
    raise error("json-syntax", f"{name} is not valid JSON", where=SourceLocation(file))


def _check_depth(data: Any, file: str, error: type[ComitatusError]) -> None:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise error("too-deep", f"nesting deeper than {MAX_DEPTH} levels", where=SourceLocation(file))
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _positions_via_yaml(text: str, file: str, error: type[ComitatusError]) -> tuple[dict, dict]:
    try:
        doc = parse_yaml(text, file, error)
    except ComitatusError:
        return {(): (1, 1)}, {}
    return doc.positions, doc.key_positions


def parse_yaml(text: str, file: str, error: type[ComitatusError], digest: str | None = None) -> Document:
    import yaml

    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#")
                                for line in text.splitlines()):
        raise error("empty-file", "file is empty", where=SourceLocation(file))
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = "several YAML documents in one file" if "single document" in str(exc.context) \
            else (exc.problem or "YAML structure error")
        raise error("multiple-documents" if "single document" in str(exc.context) else "yaml-syntax",
                    message, where=_mark(file, mark)) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "YAML syntax error").strip()
        raise error("yaml-syntax", problem, where=_mark(file, mark)) from exc
    except yaml.YAMLError as exc:
        raise error("yaml-syntax", str(exc).splitlines()[0], where=SourceLocation(file)) from exc
    finally:
        loader.dispose()
    if node is None:
        raise error("empty-file", "file is empty", where=SourceLocation(file))
    builder = _Builder(file, error)
    data = builder.build(node, (), 1)
    return Document(file, data, digest or digest_bytes(text.encode()), builder.positions,
                    builder.key_positions)


def _mark(file: str, mark: Any) -> SourceLocation:
    if mark is None:
        return SourceLocation(file)
    return SourceLocation(file, mark.line + 1, mark.column + 1)


class _Builder:
    """Builds plain values from nodes: no object tags, no aliases, no duplicate keys."""

    def __init__(self, file: str, error: type[ComitatusError]) -> None:
        import yaml

        self.file = file
        self.error = error
        self.seen: set[int] = set()
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.yaml = yaml

    def where(self, node: Any) -> SourceLocation:
        return _mark(self.file, node.start_mark)

    def build(self, node: Any, path: Path, depth: int) -> Any:
        if id(node) in self.seen:
            raise self.error("yaml-alias", "aliases and merge keys are not allowed; write the value out",
                             where=self.where(node))
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.error("too-deep", f"nesting deeper than {MAX_DEPTH} levels", where=self.where(node))
        if node.tag not in _SAFE_TAGS:
            raise self.error("yaml-tag", f"tag '{node.tag}' is not allowed: only plain YAML data is read",
                             where=self.where(node))
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, self.yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, self.yaml.SequenceNode):
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: Any, path: Path, depth: int) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.error("yaml-alias", "merge keys (<<) are not allowed; write the keys out",
                                 where=self.where(key_node))
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise self.error("bad-key", "mapping keys must be plain words", where=self.where(key_node))
            key = self.build(key_node, path + ("\0key",), depth + 1)
            if not isinstance(key, str):
                key = str(key_node.value)
            if key in result:
                raise self.error("duplicate-key",
                                 f"duplicate key '{key}' (first defined on line {first_line[key]})",
                                 where=self.where(key_node))
            first_line[key] = key_node.start_mark.line + 1
            self.key_positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        self.positions.pop(path + ("\0key",), None)
        return result

    def _scalar(self, node: Any) -> Any:
        tag = node.tag
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        try:
            if tag == "tag:yaml.org,2002:bool":
                return self.constructor.construct_yaml_bool(node)
            if tag == "tag:yaml.org,2002:int":
                return self.constructor.construct_yaml_int(node)
            if tag == "tag:yaml.org,2002:float":
                return self.constructor.construct_yaml_float(node)
        except (ValueError, TypeError) as exc:
            raise self.error("bad-value", f"cannot read '{node.value}' as a number",
                             where=self.where(node)) from exc
        return node.value
