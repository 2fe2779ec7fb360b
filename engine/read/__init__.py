"""Reading input: bytes -> plain data with positions (YAML, JSON, JSON Lines).

    files       bytes from a path (bounded, in chunks), UTF-8 text from bytes
    yaml        the careful YAML reader (libyaml events, YAML 1.2 core schema: yaml_core)
    yaml_fast   yaml-rs for a large task list, only where it reads as the careful reader does
    json        the careful JSON reader (json's C parser, our own scan for positions and
                syntax errors: json_syntax); json_index / jsonl: bulk JSON, positions lazily
    agree       the one check that a fast parser's data is what the careful reader keeps
    document    Document, and FastDocument whose positions are found on need (Parts)
"""
from __future__ import annotations

from ..errors import ComitatusError
from .document import Document, FastDocument
from .files import decode, digest_bytes, read_bytes
from .json import parse_json
from .json_index import read_json
from .jsonl import read_jsonl
from .limits import BAD_TEXT, DEFAULT_MAX_BYTES, MAX_BYTES_LIMIT, MAX_DEPTH, MAX_INT, bad_text_message
from .yaml import parse_yaml
from .yaml_fast import read_yaml

__all__ = ["BAD_TEXT", "DEFAULT_MAX_BYTES", "MAX_BYTES_LIMIT", "MAX_DEPTH", "MAX_INT", "Document", "FastDocument",
           "bad_text_message", "decode", "digest_bytes", "load_file", "parse_json", "parse_yaml", "read_bytes"]


def load_file(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The file at `path` read by its extension: .json, .jsonl, else YAML."""
    raw = read_bytes(path, error, max_bytes)
    text = decode(raw, path, error)
    suffix = path.lower().rsplit(".", 1)[-1]
    read = {"json": read_json, "jsonl": read_jsonl}.get(suffix, read_yaml)
    return read(text, path, error, digest_bytes(raw))
