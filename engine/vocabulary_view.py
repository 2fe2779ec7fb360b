"""The vocabulary for readers: every word a scenario may use, read generically from `Vocabulary`.

Nothing here names a section: the sections are the fields of `engine.model.Vocabulary`, in
their order, and each value is rendered by its shape (text, a record, a list, a mapping of
records). A section the rulebook adds (agencies, force facts, ...) appears without a change
here. The reverse indexes (`*_words`: every accepted word -> its canonical word) are folded
into the entries they point at as `synonyms`, and kept whole in the JSON for tools.
"""
from __future__ import annotations

import dataclasses
import datetime
import enum
import textwrap
from typing import Any, Mapping

from .model import Vocabulary

INDENT = "  "


def plain(value: Any) -> Any:
    """JSON-ready data: records become mappings (without their own `name`), dates ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {}
        for spec in dataclasses.fields(value):
            item = getattr(value, spec.name)
            if spec.name == "name" or spec.name.startswith("_"):
                continue
            data[spec.name] = plain(item)
        return data
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (tuple, list, set, frozenset)):
        items = [plain(item) for item in value]
        if items and all(isinstance(item, dict) for item in items) and \
                all(dataclasses.is_dataclass(v) and hasattr(v, "name") for v in value):
            return {v.name: item for v, item in zip(value, items)}   # FieldSpecs by name
        return items
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _indexes(vocabulary: Vocabulary) -> dict[str, tuple[str, Mapping[str, str]]]:
    """`*_words` fields that map words onto the keys of another section: target section -> index."""
    sections = {f.name: getattr(vocabulary, f.name) for f in dataclasses.fields(vocabulary)}
    found: dict[str, tuple[str, Mapping[str, str]]] = {}
    for name, value in sections.items():
        if not name.endswith("_words") or not isinstance(value, Mapping) or not value:
            continue
        stem = name[: -len("_words")]
        plural = stem[:-1] + "ies" if stem.endswith("y") else stem + "s"
        for target in (plural, stem + "_kinds", stem):
            if isinstance(sections.get(target), Mapping) and set(value.values()) <= set(sections[target]):
                found[target] = (name, value)
                break
    return found


def vocabulary_data(vocabulary: Vocabulary) -> dict[str, Any]:
    """Every section of the vocabulary, generically, with synonyms folded into their entries."""
    indexes = _indexes(vocabulary)
    data: dict[str, Any] = {}
    for spec in dataclasses.fields(vocabulary):
        value = getattr(vocabulary, spec.name)
        section = plain(value)
        if spec.name in indexes and isinstance(section, dict):
            _, index = indexes[spec.name]
            section = {key: _with_synonyms(entry, key, index) for key, entry in section.items()}
        data[spec.name] = section
    return data


def _with_synonyms(entry: Any, key: str, index: Mapping[str, str]) -> Any:
    words = sorted(word for word, target in index.items() if target == key and word != key)
    if isinstance(entry, dict):
        if "synonyms" not in entry and words:
            entry = {**entry, "synonyms": words}
        return entry
    if isinstance(entry, list):            # location kinds: the kinds each implies, itself first
        implied = [kind for kind in entry if kind != key]
        return {"implies": implied, "synonyms": words}
    return {"says": entry, "synonyms": words} if words else entry


def vocabulary_text(vocabulary: Vocabulary, *, width: int = 100) -> str:
    """The vocabulary as a reader scans it: a heading per section, an entry per line."""
    data = vocabulary_data(vocabulary)
    folded = {name for name, _ in _indexes(vocabulary).values()}
    lines: list[str] = []
    for section, value in data.items():
        if section in folded or value in ({}, [], None):
            continue
        if section.endswith(("_words", "_synonyms")) and isinstance(value, dict):
            value = _inverted(value)           # a free word's spellings, under the word they mean
        lines.append(f"{section.replace('_', ' ')} ({len(value)})")
        lines.extend(_entries(value, 1, width))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _inverted(index: dict) -> dict:
    result: dict[str, list[str]] = {}
    for word, target in index.items():
        result.setdefault(str(target), []).append(word)
    return result


def _entries(value: Any, depth: int, width: int) -> list[str]:
    pad = INDENT * depth
    lines: list[str] = []
    if isinstance(value, dict):
        for key, entry in value.items():
            if isinstance(entry, dict) and any(isinstance(v, dict) and v for v in entry.values()):
                head = _summary({k: v for k, v in entry.items() if not isinstance(v, dict)})
                lines.extend(_wrap(f"{key}: {head}" if head else str(key), pad, width))
                for sub, inner in entry.items():
                    if isinstance(inner, dict) and inner:
                        lines.append(f"{pad}{INDENT}{sub}:")
                        lines.extend(_entries(inner, depth + 2, width))
            else:
                lines.extend(_wrap(f"{key}: {_summary(entry)}" if _summary(entry) else str(key), pad, width))
    elif isinstance(value, list):
        for entry in value:
            lines.extend(_wrap(_summary(entry), pad + "- ", width))
    else:
        lines.extend(_wrap(str(value), pad, width))
    return lines


def _summary(entry: Any) -> str:
    """One entry on one line: text as it is, a record as `key value; key a, b`."""
    if isinstance(entry, dict):
        parts = []
        for key, value in entry.items():
            if value in (None, False, (), [], {}):
                continue
            if value is True:
                parts.append(key)
            elif key == "type":
                parts.insert(0, str(value))
            else:
                parts.append(f"{key} {_summary(value)}")
        return "; ".join(parts)
    if isinstance(entry, list):
        return ", ".join(_summary(item) for item in entry)
    return " ".join(str(entry).split())


def _wrap(text: str, pad: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=max(40, width), initial_indent=pad,
                         subsequent_indent=" " * len(pad) + INDENT, break_on_hyphens=False) or [pad]
