"""Reading rules/vocabulary.yaml: the only place words get their meaning."""
from __future__ import annotations

import re
from typing import Any

from .errors import RulebookError
from .model import Activity, Component, EventKind, FieldSpec, Vocabulary
from .shape import Checker

FIELD_TYPES = ("integer", "boolean", "date", "word", "text", "citation", "words", "forces", "areas",
               "location", "mapping")
_EVENT_KEYS = ("fields", "in_effect", "scope", "invokes", "window", "marks_location")


def read_vocabulary(check: Checker, data: Any) -> Vocabulary:
    top = check.mapping(data, (), "vocabulary file", required=("vocabulary",), extensions=True) or {}
    root = ("vocabulary",)
    vocab = check.mapping(top.get("vocabulary"), root, "vocabulary",
                          required=("statuses", "components", "activity_classes", "activities",
                                    "location_kinds", "event_kinds"),
                          optional=("circumstances", "task_facts", "citation_forms")) or {}
    statuses = {name: str(text) for name, text in _entries(check, vocab, root, "statuses").items()}
    classes = {name: str(text) for name, text in _entries(check, vocab, root, "activity_classes").items()}
    components = {}
    for name, spec in _entries(check, vocab, root, "components").items():
        path = root + ("components", name)
        spec = check.mapping(spec, path, f"component '{name}'", required=("statuses",),
                             optional=("default_status",)) or {}
        allowed = tuple(check.word(s, path + ("statuses", i), "status", list(statuses)) or ""
                        for i, s in enumerate(check.items(spec.get("statuses"), path + ("statuses",), "statuses")))
        default = spec.get("default_status")
        if default is not None:
            default = check.word(default, path + ("default_status",), "default status", list(allowed))
        components[name] = Component(name, allowed, default)
    activities, activity_words = {}, {}
    for name, spec in _entries(check, vocab, root, "activities").items():
        path = root + ("activities", name)
        spec = check.mapping(spec, path, f"activity '{name}'", required=("class",),
                             optional=("synonyms", "says")) or {}
        klass = check.word(spec.get("class"), path + ("class",), "activity class", list(classes)) or ""
        synonyms = tuple(str(s) for s in check.items(spec.get("synonyms"), path + ("synonyms",), "synonyms"))
        activities[name] = Activity(name, klass, synonyms)
        for word in (name,) + synonyms:
            if word in activity_words and activity_words[word] != name:
                check.fail("duplicate-word", f"activity word '{word}' means both "
                           f"'{activity_words[word]}' and '{name}'", path)
            activity_words[word] = name
    location_kinds, location_words = _locations(check, vocab, root)
    event_kinds = {name: _event_kind(check, name, spec, root + ("event_kinds", name))
                   for name, spec in _entries(check, vocab, root, "event_kinds").items()}
    circumstances = _fields(check, vocab.get("circumstances") or {}, root + ("circumstances",))
    task_facts = _fields(check, vocab.get("task_facts") or {}, root + ("task_facts",))
    forms = []
    for index, form in enumerate(check.items(vocab.get("citation_forms"), root + ("citation_forms",), "citation_forms")):
        form = check.mapping(form, root + ("citation_forms", index), "citation form",
                             required=("contains", "pattern", "example")) or {}
        if all(k in form for k in ("contains", "pattern", "example")):
            try:
                re.compile(str(form["pattern"]))
            except re.error as exc:
                check.fail("bad-pattern", f"citation pattern does not compile: {exc}",
                           root + ("citation_forms", index, "pattern"))
                continue
            forms.append((str(form["contains"]), str(form["pattern"]), str(form["example"])))
    return Vocabulary(statuses, components, classes, activities, activity_words, location_kinds,
                      location_words, event_kinds, circumstances, task_facts, tuple(forms))


def _entries(check: Checker, vocab: dict, root: tuple, key: str) -> dict:
    value = vocab.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        check.fail("wrong-type", f"vocabulary {key} must be a mapping", root + (key,))
        return {}
    for name in value:
        check.word(name, root + (key, name), f"{key} word")
    return value


def _locations(check: Checker, vocab: dict, root: tuple) -> tuple[dict, dict]:
    raw = _entries(check, vocab, root, "location_kinds")
    implies, words = {}, {}
    for name, spec in raw.items():
        path = root + ("location_kinds", name)
        spec = check.mapping(spec or {}, path, f"location kind '{name}'", optional=("implies", "synonyms")) or {}
        implies[name] = tuple(check.word(k, path + ("implies", i), "implied location kind", list(raw)) or name
                              for i, k in enumerate(check.items(spec.get("implies"), path + ("implies",), "implies")))
        for word in (name,) + tuple(str(s) for s in spec.get("synonyms") or ()):
            words[word] = name
    closure = {}
    for name in raw:
        seen, stack = [name], list(implies.get(name, ()))
        while stack:
            kind = stack.pop(0)
            if kind not in seen:
                seen.append(kind)
                stack.extend(implies.get(kind, ()))
        closure[name] = tuple(seen)
    return closure, words


def _fields(check: Checker, raw: Any, path: tuple) -> tuple[FieldSpec, ...]:
    if not isinstance(raw, dict):
        check.fail("wrong-type", "fields must be a mapping", path)
        return ()
    specs = []
    for name, spec in raw.items():
        here = path + (name,)
        spec = check.mapping(spec, here, f"field '{name}'", required=("type",),
                             optional=("required", "choices", "min", "max", "fields")) or {}
        kind = check.word(spec.get("type"), here + ("type",), "field type", FIELD_TYPES) or "text"
        sub = _fields(check, spec.get("fields") or {}, here + ("fields",)) if kind == "mapping" else ()
        specs.append(FieldSpec(name, kind, bool(spec.get("required", False)),
                               tuple(spec.get("choices") or ()), spec.get("min"), spec.get("max"), sub))
    return tuple(specs)


def _event_kind(check: Checker, name: str, spec: Any, path: tuple) -> EventKind:
    spec = check.mapping(spec, path, f"event kind '{name}'", required=("fields",), optional=_EVENT_KEYS) or {}
    fields = _fields(check, spec.get("fields") or {}, path + ("fields",))
    names = {f.name: f for f in fields}

    def field_ref(value: Any, where: tuple, types: tuple) -> str | None:
        if value is None:
            return None
        if value not in names or names[value].type not in types:
            check.fail("unknown-reference", f"event kind '{name}' has no {'/'.join(types)} field '{value}'", where)
            return None
        return value

    effect = check.mapping(spec.get("in_effect") or {}, path + ("in_effect",), "in_effect",
                           optional=("from", "until")) or {}
    scope = check.mapping(spec.get("scope") or {}, path + ("scope",), "scope", optional=("forces", "areas")) or {}
    marks = check.mapping(spec.get("marks_location") or {}, path + ("marks_location",), "marks_location",
                          optional=("field", "kinds")) or {}
    window = spec.get("window")
    if window is not None:
        window = check.mapping(window, path + ("window",), "window",
                               required=("authority", "opened", "days"), optional=("decided",)) or {}
    return EventKind(
        name, fields,
        in_effect_from=field_ref(effect.get("from"), path + ("in_effect", "from"), ("date",)),
        in_effect_until=field_ref(effect.get("until"), path + ("in_effect", "until"), ("date",)),
        scope_forces=field_ref(scope.get("forces"), path + ("scope", "forces"), ("forces",)),
        scope_areas=field_ref(scope.get("areas"), path + ("scope", "areas"), ("areas",)),
        invokes=spec.get("invokes"),
        window=dict(window) if window else None,
        marks_location=field_ref(marks.get("field"), path + ("marks_location", "field"), ("location",)),
        marks_kinds=tuple(marks.get("kinds") or ()),
    )
