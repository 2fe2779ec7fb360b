"""Rulebook layers: directories read on top of one another before the rulebook is built.

`--rules DIR` puts DIR over the bundled rules/: its rules are added, a rule (or authority)
with the id of one below replaces it, and the words of its vocabulary.yaml (optional in a
layer) join the vocabulary below. A word a layer defines again must be defined the same
way: a different definition is an error located in the layer. This is a pre-step: the
parsed documents are merged, and `rulebook.load_rulebook` reads the result as it reads one
directory, so every later check (ids, references, budgets) sees the whole rulebook. A
merged document answers positions from the file each part came from.
"""
from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from typing import Any, Iterable

from .errors import ComitatusError, RulebookError, SourceLocation, raise_all
from .read import decode, parse_yaml, read_bytes

VOCABULARY_FILE = "vocabulary.yaml"
PHRASES_FILE = "phrases.yaml"       # the words of the Gherkin steps (living_spec/): not rules


@dataclass(frozen=True, slots=True)
class Layer:
    directory: str
    digest: str                         # sha256 over the layer's own sorted (name, bytes)
    rules: int = 0                      # rules it brings
    replaces: tuple[str, ...] = ()      # ids of rules and authorities below it that it replaces


_LAYERS: dict[str, tuple[Layer, ...]] = {}   # whole-rulebook digest -> its layers, for reports


def layers_of(rulebook: Any) -> tuple[Layer, ...]:
    """The layers a rulebook was built from; () for a single directory."""
    return _LAYERS.get(rulebook.digest, ())


def layers_dict(rulebook: Any) -> dict[str, Any]:
    """`{"layers": [...]}` for a layered rulebook's JSON, else nothing (the contract's keys only)."""
    layers = layers_of(rulebook)
    if not layers:
        return {}
    return {"layers": [{"directory": layer.directory, "digest": layer.digest, "rules": layer.rules,
                        "replaces": list(layer.replaces)} for layer in layers]}


class _Routed:
    """A document whose parts come from several files: positions asked of the part's own file."""

    def __init__(self, base: Any, data: Any, routes: dict[tuple, tuple[Any, tuple]]) -> None:
        self.base, self.data, self.routes = base, data, routes
        self.file, self.digest = base.file, base.digest

    def _route(self, path: tuple) -> tuple[Any, tuple]:
        path = tuple(path)
        for length in range(len(path), 0, -1):
            found = self.routes.get(path[:length])
            if found is not None:
                doc, prefix = found
                return doc, prefix + path[length:]
        return self.base, path

    def where(self, path: tuple, *, key: bool = False) -> SourceLocation:
        doc, inner = self._route(path)
        return doc.where(inner, key=key)

    def text_of(self, path: tuple) -> str | None:
        doc, inner = self._route(path)
        text_of = getattr(doc, "text_of", None)
        return text_of(inner) if text_of else None


def merge_layers(paths: list[str], vocab_path: str, docs: dict[str, Any], digest: Any,
                 directories: Iterable[str], base_directory: str) -> tuple[list[str], dict[str, Any]]:
    """The bundled documents with each directory laid over them, in order.

    `digest` (a hashlib object over the base directory) is updated with every layer's files,
    so the rulebook's digest covers the whole; each layer's own digest is recorded.
    """
    layers = [Layer(os.path.abspath(base_directory), "sha256:" + digest.hexdigest(),
                    _count_rules(docs, vocab_path))]
    errors: list[ComitatusError] = []
    for directory in directories:
        if os.path.isdir(directory) and os.path.isdir(base_directory) and \
                os.path.samefile(directory, base_directory):
            continue                        # the bundled rules given again: nothing to add
        own, own_docs, own_digest = _read(directory)
        overlay_vocab = os.path.join(directory, VOCABULARY_FILE)
        if overlay_vocab in own_docs:
            docs[vocab_path] = _merge_vocabulary(docs[vocab_path], own_docs[overlay_vocab], errors)
        replaced = _replace_by_id(paths, vocab_path, docs, own, own_docs)
        digest.update(b"\0layer\0" + own_digest.encode())
        for path in own:
            if path != overlay_vocab:
                paths.append(path)
                docs[path] = own_docs[path]
        layers.append(Layer(os.path.abspath(directory), own_digest,
                            _count_rules({p: own_docs[p] for p in own if p != overlay_vocab}, None),
                            tuple(sorted(replaced))))
    raise_all(errors)
    if len(layers) > 1:                     # the bundled rules given again add no layer
        _LAYERS["sha256:" + digest.hexdigest()] = tuple(layers)
    return paths, docs


def _read(directory: str) -> tuple[list[str], dict[str, Any], str]:
    """One layer's .yaml files, parsed; a layer needs no vocabulary of its own."""
    paths = yaml_files(directory)
    if not paths:
        raise RulebookError("rules-not-found", f"{directory} has no .yaml rule files")
    digest = hashlib.sha256()
    docs = read_documents(paths, digest)
    return paths, docs, "sha256:" + digest.hexdigest()


def yaml_files(directory: str) -> list[str]:
    """The rule files of a directory, sorted: its .yaml files but the phrases file; a .yml
    file is refused (read nothing silently, skip nothing silently)."""
    if not os.path.isdir(directory):
        raise RulebookError("rules-not-found", f"rules directory not found: {directory}")
    strays = sorted(glob.glob(os.path.join(glob.escape(directory), "*.yml")))
    if strays:
        raise RulebookError("stray-file", "rule files end in .yaml: rename this one or move it away",
                            where=SourceLocation(strays[0]))
    return sorted(path for path in glob.glob(os.path.join(glob.escape(directory), "*.yaml"))
                  if os.path.basename(path) != PHRASES_FILE)


def read_documents(paths: list[str], digest: Any) -> dict[str, Any]:
    """Each rule file parsed, its name and bytes added to `digest`; every file's errors at once."""
    docs, errors = {}, []
    for path in paths:
        try:
            raw = read_bytes(path, RulebookError)
            digest.update(os.path.basename(path).encode() + b"\0" + raw + b"\0")
            docs[path] = parse_yaml(decode(raw, path, RulebookError), path, RulebookError)
        except ComitatusError as exc:
            errors.append(exc)
    raise_all(errors)
    return docs


def _count_rules(docs: dict[str, Any], skip: str | None) -> int:
    return sum(len(doc.data.get("rules") or []) for path, doc in docs.items()
               if path != skip and isinstance(doc.data, dict) and isinstance(doc.data.get("rules"), list))


def _ids(doc: Any, key: str) -> list[Any]:
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get(key) if isinstance(data.get(key), list) else []
    return [item.get("id") if isinstance(item, dict) else None for item in items]


def _replace_by_id(paths: list[str], vocab_path: str, docs: dict[str, Any], own: list[str],
                   own_docs: dict[str, Any]) -> set[str]:
    """Drop from the layers below every rule and authority whose id this layer defines."""
    replaced: set[str] = set()
    for key in ("rules", "authorities"):
        new = {ident for path in own for ident in _ids(own_docs[path], key) if isinstance(ident, str)}
        for path in paths:
            if path == vocab_path:
                continue
            ids = _ids(docs[path], key)
            drop = [index for index, ident in enumerate(ids) if ident in new]
            if not drop:
                continue
            replaced.update(ids[index] for index in drop)
            docs[path] = _without(docs[path], key, drop)
    return replaced


def _without(doc: Any, key: str, drop: list[int]) -> _Routed:
    """The document with some items of its top-level `key` list removed, positions kept."""
    items = doc.data[key]
    kept = [index for index in range(len(items)) if index not in drop]
    data = {**doc.data, key: [items[index] for index in kept]}
    if isinstance(doc, _Routed):
        base, routes = doc.base, {p: t for p, t in doc.routes.items() if p[:1] != (key,)}
        for new, old in enumerate(kept):
            routes[(key, new)] = doc._route((key, old))
    else:
        base, routes = doc, {(key, new): (doc, (key, old)) for new, old in enumerate(kept)}
    return _Routed(base, data, routes)


def _merge_vocabulary(base: Any, layer: Any, errors: list[ComitatusError]) -> _Routed:
    """The vocabulary below with the layer's new words; a word defined differently is an error."""
    routed = base if isinstance(base, _Routed) else _Routed(base, base.data, {})
    data = _copy(routed.data)
    routes = dict(routed.routes)
    top = layer.data if isinstance(layer.data, dict) else None
    words = top.get("vocabulary") if top else None
    if not isinstance(words, dict):
        errors.append(RulebookError("wrong-type", "a layer's vocabulary.yaml holds `vocabulary:` with the "
                                    "sections to add to", where=layer.where(())))
        return routed
    target = data.setdefault("vocabulary", {})
    if not isinstance(target, dict):
        return routed
    for section, entries in words.items():
        here = ("vocabulary", section)
        if section not in target or target[section] is None:
            target[section] = entries
            routes[here] = (layer, here)
        elif isinstance(target[section], dict) and isinstance(entries, dict):
            for name, entry in entries.items():
                if name not in target[section]:
                    target[section][name] = entry
                    routes[here + (name,)] = (layer, here + (name,))
                elif target[section][name] != entry:
                    errors.append(RulebookError(
                        "redefined-word", f"{section} '{name}' is already defined differently at "
                        f"{routed.where(here + (name,), key=True)}: a layer may add words, not change them",
                        where=layer.where(here + (name,), key=True)))
        elif isinstance(target[section], list) and isinstance(entries, list):
            for index, entry in enumerate(entries):
                if entry not in target[section]:
                    routes[here + (len(target[section]),)] = (layer, here + (index,))
                    target[section].append(entry)
        elif target[section] != entries:
            errors.append(RulebookError("redefined-word", f"vocabulary {section} is already defined "
                                        f"differently at {routed.where(here, key=True)}",
                                        where=layer.where(here, key=True)))
    return _Routed(routed.base, data, routes)


def _copy(data: Any) -> Any:
    """Copies of the mappings and lists a merge changes (two levels), never of the layers' own."""
    if not isinstance(data, dict):
        return data
    result = dict(data)
    vocabulary = result.get("vocabulary")
    if isinstance(vocabulary, dict):
        result["vocabulary"] = {name: dict(value) if isinstance(value, dict) else
                                list(value) if isinstance(value, list) else value
                                for name, value in vocabulary.items()}
    return result
