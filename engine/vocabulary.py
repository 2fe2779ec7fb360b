"""Reading rules/vocabulary.yaml: the only place words get their meaning."""
from __future__ import annotations

import re
from typing import Any

from .analysis import refuse_wide_facts
from .model import Activity, Component, EventKind, FieldSpec, Vocabulary
from .checker import WORD, Checker
from .patterns import unsafe

FIELD_TYPES = ("integer", "boolean", "date", "word", "text", "citation", "words", "forces", "areas",
               "location", "mapping", "activities", "event")
_EVENT_KEYS = ("fields", "in_effect", "scope", "invokes", "window", "marks_location", "sets_status",
               "suspends", "periods")
MAX_PERIOD_DAYS = 3650
# durable_rules takes at most 255 properties per fact (nested ones count): a task fact holds
# the location kinds of its place and the task facts; an event fact its kind's fields.
TASK_OWN_KEYS = ("id", "force", "activity", "date", "location", "supports", "authority", "description")
FORCE_OWN_KEYS = ("id", "name", "component", "status", "basis", "personnel", "description")
LOCATION_OWN_KEYS = ("id", "kind", "name", "description")
MAX_FIELDS = 64
MAX_LOCATION_KINDS = 100
MAX_CHOICES = 64
INT_LIMIT = 10 ** 9
MAX_WINDOW_DAYS = 36_600          # a window's deadline must stay inside the calendar


def read_vocabulary(check: Checker, data: Any) -> Vocabulary:
    top = check.mapping(data, (), "vocabulary file", required=("vocabulary",), extensions=True) or {}
    root = ("vocabulary",)
    vocab = check.mapping(top.get("vocabulary"), root, "vocabulary",
                          required=("statuses", "components", "activity_classes", "activities",
                                    "location_kinds", "event_kinds"),
                          optional=("circumstances", "task_facts", "citation_forms", "word_synonyms",
                                    "force_facts", "location_facts", "agencies")) or {}
    statuses = {name: check.text(text, root + ("statuses", name), f"status '{name}'") or ""
                for name, text in _entries(check, vocab, root, "statuses").items()}
    classes = {name: check.text(text, root + ("activity_classes", name), f"activity class '{name}'") or ""
               for name, text in _entries(check, vocab, root, "activity_classes").items()}
    known_statuses = list(statuses) if isinstance(vocab.get("statuses"), dict) else None  # broken: said once
    components = {}
    for name, spec in _entries(check, vocab, root, "components").items():
        path = root + ("components", name)
        spec = check.mapping(spec, path, f"component '{name}'", required=("statuses",),
                             optional=("default_status",)) or {}
        allowed = tuple(check.word(s, path + ("statuses", i), "status", known_statuses) or ""
                        for i, s in enumerate(check.items(spec.get("statuses"), path + ("statuses",), "statuses",
                                                          non_empty=True)))
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
        synonyms = tuple(word for i, s in enumerate(check.items(spec.get("synonyms"), path + ("synonyms",),
                                                                "synonyms"))
                         if (word := check.word(s, path + ("synonyms", i), "synonym")))
        check.text(spec.get("says"), path + ("says",), "says")
        activities[name] = Activity(name, klass, synonyms)
        for word in (name,) + synonyms:
            if word in activity_words and activity_words[word] != name:
                check.fail("duplicate-word", f"activity word '{word}' means both "
                           f"'{activity_words[word]}' and '{name}'", path)
            activity_words[word] = name
    location_kinds, location_words = _locations(check, vocab, root)
    event_kinds = {name: _event_kind(check, name, spec, root + ("event_kinds", name), location_words)
                   for name, spec in _entries(check, vocab, root, "event_kinds").items()}
    circumstances = _fields(check, _given(vocab.get("circumstances")), root + ("circumstances",))
    task_facts = _fields(check, _given(vocab.get("task_facts")), root + ("task_facts",))
    _reserved(check, task_facts, TASK_OWN_KEYS, root + ("task_facts",), "a task")
    force_facts = _fields(check, _given(vocab.get("force_facts")), root + ("force_facts",))
    _reserved(check, force_facts, FORCE_OWN_KEYS, root + ("force_facts",), "a force")
    location_facts = _fields(check, _given(vocab.get("location_facts")), root + ("location_facts",))
    _reserved(check, location_facts, LOCATION_OWN_KEYS, root + ("location_facts",), "a location")
    for specs, path in ((force_facts, "force_facts"), (location_facts, "location_facts")):
        for spec in specs:
            if spec.type not in ("word", "boolean", "integer"):
                check.fail("wrong-type", f"a {path[:-6]} fact is a word, boolean or integer, not {spec.type}",
                           root + (path, spec.name), key=True)
    agencies = None
    if vocab.get("agencies") is not None:
        agencies = {name: check.text(text, root + ("agencies", name), f"agency '{name}'") or ""
                    for name, text in _entries(check, vocab, root, "agencies").items()}
    forms = []
    for index, form in enumerate(check.items(vocab.get("citation_forms"), root + ("citation_forms",), "citation_forms")):
        form = check.mapping(form, root + ("citation_forms", index), "citation form",
                             required=("contains", "pattern", "example")) or {}
        here = root + ("citation_forms", index)
        texts = [check.text(form.get(k), here + (k,), k, nullable=False, limit=200) if k in form else None
                 for k in ("contains", "pattern", "example")]
        if all(texts):
            contains, pattern, example = texts
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                check.fail("bad-pattern", f"citation pattern does not compile: {exc}", here + ("pattern",))
                continue
            if (refused := unsafe(pattern)) is not None:      # engine/patterns.py: no catastrophic backtracking
                check.fail("bad-pattern", f"citation pattern refused: {refused}", here + ("pattern",))
                continue
            if contains in example and not compiled.match(example):
                check.fail("bad-pattern", f"the example {example!r} does not match its own pattern",
                           here + ("example",))
                continue
            forms.append((contains, pattern, example))
    synonyms: dict[str, str] = {}
    for name, words in _entries(check, vocab, root, "word_synonyms").items():
        for index, word in enumerate(check.items(words, root + ("word_synonyms", name), "synonyms")):
            if not isinstance(word, str) or word in synonyms or word in vocab.get("word_synonyms", {}):
                check.fail("duplicate-word", f"synonym {word!r} is given twice or is itself a word",
                           root + ("word_synonyms", name, index))
                continue
            synonyms[word] = name
    refuse_wide_facts(check, location_kinds, event_kinds, circumstances, task_facts,   # engine/analysis.py
                      (force_facts, location_facts))
    return Vocabulary(statuses, components, classes, activities, activity_words, location_kinds,
                      location_words, event_kinds, circumstances, task_facts, tuple(forms), synonyms,
                      force_facts, location_facts, agencies)


def _entries(check: Checker, vocab: dict, root: tuple, key: str) -> dict:
    """The entries of one section whose names are words; the others are reported."""
    value = vocab.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        check.fail("wrong-type", f"vocabulary {key} must be a mapping, found {check.found(value, root + (key,))}",
                   root + (key,))
        return {}
    for name in value:
        if not WORD.match(name):
            check.fail("bad-word", f"{key} word '{name}' must match [a-z0-9][a-z0-9_-]*", root + (key, name),
                       key=True)
    return {name: spec for name, spec in value.items() if WORD.match(name)}


def _locations(check: Checker, vocab: dict, root: tuple) -> tuple[dict, dict]:
    raw = _entries(check, vocab, root, "location_kinds")
    if len(raw) > MAX_LOCATION_KINDS:
        check.fail("too-many", f"{len(raw)} location kinds (at most {MAX_LOCATION_KINDS}: a task fact carries "
                   "every kind of its place)", root + ("location_kinds",))
    implies, words = {}, {}
    for name, spec in raw.items():
        path = root + ("location_kinds", name)
        spec = check.mapping(_given(spec), path, f"location kind '{name}'", optional=("implies", "synonyms")) or {}
        implies[name] = tuple(check.word(k, path + ("implies", i), "implied location kind", list(raw)) or name
                              for i, k in enumerate(check.items(spec.get("implies"), path + ("implies",), "implies")))
        synonyms = check.items(spec.get("synonyms"), path + ("synonyms",), "synonyms")
        for index, word in enumerate([name] + synonyms):
            here = path + ("synonyms", index - 1) if index else path
            if index and not check.word(word, here, "synonym"):
                continue
            if words.get(word, name) != name:
                check.fail("duplicate-word", f"location word '{word}' means both '{words[word]}' and '{name}'",
                           here)
                continue
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


def _fields(check: Checker, raw: Any, path: tuple, depth: int = 0) -> tuple[FieldSpec, ...]:
    """Field declarations: each a word naming a typed value the matching engine can compare."""
    if not isinstance(raw, dict):
        check.fail("wrong-type", f"fields must be a mapping, found {check.found(raw, path)}", path)
        return ()
    if _count(raw) > MAX_FIELDS:
        check.fail("too-many", f"{_count(raw)} fields (at most {MAX_FIELDS}: each becomes a property of a "
                   "fact, and the matching engine takes at most 255)", path)
        return ()
    specs = []
    for name, spec in raw.items():
        here = path + (name,)
        if not WORD.match(name):
            check.fail("bad-word", f"field name '{name}' must match [a-z0-9][a-z0-9_-]*", here, key=True)
            continue
        spec = check.mapping(spec, here, f"field '{name}'", required=("type",),
                             optional=("required", "choices", "min", "max", "fields")) or {}
        if "type" not in spec:
            continue
        kind = check.word(spec.get("type"), here + ("type",), "field type", FIELD_TYPES)
        if kind is None:
            continue
        required = spec.get("required", False)
        if not isinstance(required, bool):
            check.fail("wrong-type", f"required must be true or false, found {check.found(required, here + ('required',))}",
                       here + ("required",))
        low = _bound(check, spec, "min", here, kind)
        high = _bound(check, spec, "max", here, kind)
        if low is not None and high is not None and low > high:
            check.fail("out-of-range", f"field '{name}' has min {low} above max {high}", here + ("min",))
        choices = _choices(check, spec.get("choices"), here + ("choices",), kind)
        sub: tuple[FieldSpec, ...] = ()
        if kind == "mapping":
            if depth >= 2:
                check.fail("too-deep", "mapping fields nest at most two levels", here)
            elif not isinstance(spec.get("fields"), dict) or not spec["fields"]:
                check.fail("missing-key", f"mapping field '{name}' must declare its fields", here)
            else:
                sub = _fields(check, spec["fields"], here + ("fields",), depth + 1)
        elif "fields" in spec:
            check.fail("unknown-key", f"only a mapping field has fields ('{name}' is {kind})", here + ("fields",),
                       key=True)
        specs.append(FieldSpec(name, kind, required is True, choices, low, high, sub))
    return tuple(specs)


def _given(value: Any) -> Any:
    """An absent or null section is empty; anything else is checked as it is (a `[]` is no mapping)."""
    return {} if value is None else value


def _reserved(check: Checker, fields: tuple[FieldSpec, ...], own: tuple[str, ...], path: tuple,
              what: str) -> None:
    """A declared field may not take the name of a key the contract already gives `what`."""
    for spec in fields:
        if spec.name in own:
            check.fail("bad-word", f"field '{spec.name}' is already a key of {what} in the scenario format",
                       path + (spec.name,), key=True)


def _count(raw: dict) -> int:
    """Fields counted as the fact will hold them: a mapping's sub-fields each count."""
    total = 0
    for spec in raw.values():
        inner = spec.get("fields") if isinstance(spec, dict) else None
        total += _count(inner) if isinstance(inner, dict) and spec.get("type") == "mapping" else 1
    return total


def _bound(check: Checker, spec: dict, key: str, path: tuple, kind: str) -> int | None:
    if spec.get(key) is None:
        return None
    if kind != "integer":
        check.fail("unknown-key", f"only an integer field has {key}", path + (key,), key=True)
        return None
    return check.integer(spec[key], path + (key,), key, -INT_LIMIT, INT_LIMIT)


def _choices(check: Checker, raw: Any, path: tuple, kind: str) -> tuple:
    """The values a field may take: of the field's own type, few, and each once."""
    if raw is None:
        return ()
    if kind not in ("integer", "word"):
        check.fail("unknown-key", f"only integer and word fields have choices, not {kind}", path, key=True)
        return ()
    items = check.items(raw, path, "choices", non_empty=True)
    if len(items) > MAX_CHOICES:
        check.fail("too-many", f"{len(items)} choices (at most {MAX_CHOICES})", path)
        return ()
    result = []
    for index, value in enumerate(items):
        here = path + (index,)
        value = check.integer(value, here, "choice", -INT_LIMIT, INT_LIMIT, nullable=False) \
            if kind == "integer" else check.word(value, here, "choice")
        if value is None:
            break       # one wrongly typed choice says it: the others are likely the same
        if value in result:
            check.fail("duplicate-word", f"choice {value!r} is listed twice", here)
            continue
        result.append(value)
    return tuple(result)


def _event_kind(check: Checker, name: str, spec: Any, path: tuple, location_kinds: dict) -> EventKind:
    before = len(check.errors)
    spec = check.mapping(spec, path, f"event kind '{name}'", required=("fields",), optional=_EVENT_KEYS) or {}
    fields = _fields(check, _given(spec.get("fields")), path + ("fields",))
    _reserved(check, fields, ("id", "kind"), path + ("fields",), "an event")
    names = {f.name: f for f in fields}
    fields_ok = len(check.errors) == before     # else a reference to a broken field is no news

    def field_ref(value: Any, where: tuple, types: tuple) -> str | None:
        if value is None:
            return None
        if not fields_ok:
            return None
        if not isinstance(value, str):
            check.fail("wrong-type", f"a field name is expected here, found {check.found(value, where)}", where)
            return None
        if value not in names or names[value].type not in types:
            check.fail("unknown-reference", f"event kind '{name}' has no {'/'.join(types)} field '{value}'", where)
            return None
        return value

    effect = check.mapping(_given(spec.get("in_effect")), path + ("in_effect",), "in_effect",
                           optional=("from", "until")) or {}
    scope = check.mapping(_given(spec.get("scope")), path + ("scope",), "scope",
                          optional=("forces", "areas", "activities")) or {}
    marks = check.mapping(_given(spec.get("marks_location")), path + ("marks_location",), "marks_location",
                          optional=("field", "kinds")) or {}
    window = spec.get("window")
    if window is not None:
        window = check.mapping(window, path + ("window",), "window",
                               required=("authority", "opened", "days"), optional=("decided",)) or {}
        window = _window(check, name, window, names, path + ("window",)) if fields_ok else None
    invokes = spec.get("invokes")
    if invokes is not None:
        invokes = check.word(invokes, path + ("invokes",), "invokes")
    kinds = []
    for index, kind in enumerate(check.items(marks.get("kinds"), path + ("marks_location", "kinds"), "kinds")):
        word = check.word(kind, path + ("marks_location", "kinds", index), "location kind", location_kinds,
                          code="unknown-location-kind")
        if word:
            kinds.append(word)
    sets = check.mapping(spec["sets_status"], path + ("sets_status",), "sets_status",
                         required=("forces", "status")) or {} if spec.get("sets_status") is not None else {}
    sets_status = None
    if "forces" in sets and "status" in sets:
        forces = field_ref(sets["forces"], path + ("sets_status", "forces"), ("forces",))
        status = check.word(sets["status"], path + ("sets_status", "status"), "status")
        sets_status = (forces, status) if forces and status else None
    return EventKind(
        name, fields,
        in_effect_from=field_ref(effect.get("from"), path + ("in_effect", "from"), ("date",)),
        in_effect_until=field_ref(effect.get("until"), path + ("in_effect", "until"), ("date",)),
        scope_forces=field_ref(scope.get("forces"), path + ("scope", "forces"), ("forces",)),
        scope_areas=field_ref(scope.get("areas"), path + ("scope", "areas"), ("areas",)),
        invokes=invokes,
        window=window,
        marks_location=field_ref(marks.get("field"), path + ("marks_location", "field"), ("location",)),
        marks_kinds=tuple(kinds),
        scope_activities=field_ref(scope.get("activities"), path + ("scope", "activities"), ("activities",)),
        sets_status=sets_status,
        suspends=field_ref(spec.get("suspends"), path + ("suspends",), ("event",)),
        periods=_periods(check, spec.get("periods"), path + ("periods",), field_ref, names),
    )


def _periods(check: Checker, raw: Any, path: tuple, field_ref: Any, names: dict) -> tuple:
    """Named spans from a date field (`first_72_hours: {from: date, days: 3}`): boolean fields."""
    result = []
    for name, spec in _given_mapping(check, raw, path).items():
        here = path + (name,)
        if not WORD.match(name) or name in names:
            check.fail("bad-word", f"period '{name}' must be a new word, not a field of the event", here, key=True)
            continue
        spec = check.mapping(spec, here, f"period '{name}'", required=("from", "days")) or {}
        start = field_ref(spec.get("from"), here + ("from",), ("date",)) if "from" in spec else None
        days = check.integer(spec.get("days"), here + ("days",), "days", 1, MAX_PERIOD_DAYS, nullable=False) \
            if "days" in spec else None
        if start and days:
            result.append((name, start, days))
    return tuple(result)


def _given_mapping(check: Checker, raw: Any, path: tuple) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail("wrong-type", f"periods must be a mapping, found {check.found(raw, path)}", path)
        return {}
    return raw


def _window(check: Checker, kind: str, window: dict, fields: dict, path: tuple) -> dict | None:
    """A decision window names fields the timeline can compute a deadline from, always."""
    needs = {"authority": ("word",), "opened": ("date",), "days": ("integer",), "decided": ("date",)}
    ok = True
    for role, types in needs.items():
        if role not in window:
            continue
        spec = fields.get(window[role]) if isinstance(window[role], str) else None
        if spec is None or spec.type not in types:
            check.fail("unknown-reference", f"event kind '{kind}' has no {types[0]} field "
                       f"{window[role]!r} for the window's {role}", path + (role,))
            ok = False
        elif role in ("authority", "opened", "days") and not spec.required:
            check.fail("missing-key", f"the window's {role} field '{spec.name}' must be required: true",
                       path + (role,))
            ok = False
        elif role == "days" and (spec.minimum is None or spec.minimum < 0 or spec.maximum is None
                                 or spec.maximum > MAX_WINDOW_DAYS):
            check.fail("out-of-range", f"the window's days field '{spec.name}' needs min >= 0 and "
                       f"max <= {MAX_WINDOW_DAYS}", path + (role,))
            ok = False
    return dict(window) if ok and window else None
