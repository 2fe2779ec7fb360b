"""Hypothesis strategies: valid scenarios drawn from the rulebook's own words, and ways to break them.

Valid scenarios use only what the vocabulary declares, so every one must load; broken ones
are a valid scenario with one mutation (a key deleted, a value retyped, a word misspelt, an
id duplicated...) or plain random text, and must load or be refused with a ComitatusError.
"""
from __future__ import annotations

import copy
import datetime
import json
from typing import Any

import yaml
from hypothesis import strategies as st

import engine

RULEBOOK = engine.load_rulebook()
VOCAB = RULEBOOK.vocabulary

IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
# The agencies a task may support: the vocabulary's list and the synonyms that name one of them.
AGENCIES = sorted(VOCAB.agencies or ()) + sorted(word for word, canonical in VOCAB.word_synonyms.items()
                                                 if canonical in (VOCAB.agencies or ()))
DAYS = st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31))


def _iso(day: datetime.date) -> str:
    return day.isoformat()


@st.composite
def forces(draw: Any) -> list[dict]:
    ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    result = []
    for ident in ids:
        component = draw(st.sampled_from(sorted(VOCAB.components)))
        spec = VOCAB.components[component]
        force: dict = {"id": ident, "component": component}
        if spec.default_status is None or draw(st.booleans()):
            force["status"] = draw(st.sampled_from(spec.statuses))
        if draw(st.booleans()):
            force["personnel"] = draw(st.integers(0, 10_000_000))
        result.append(force)
    return result


@st.composite
def scenarios(draw: Any) -> dict:
    """A scenario every part of which the vocabulary knows: it must load."""
    as_of = draw(DAYS)
    places = [{"id": f"place-{i}", "kind": draw(st.sampled_from(sorted(VOCAB.location_words)))}
              for i in range(draw(st.integers(0, 3)))]
    crew = draw(forces())
    place_refs = [p["id"] for p in places] + sorted(VOCAB.location_kinds)
    events = []
    if "decision_window" in VOCAB.event_kinds and draw(st.booleans()):
        events.append({"id": "window", "kind": "decision_window", "authority": "insurrection_act",
                       "opened": _iso(draw(DAYS)), "days": draw(st.integers(1, 3650))})
    if "insurrection_act" in VOCAB.event_kinds and draw(st.booleans()):
        event = {"id": "invocation", "kind": "insurrection_act", "section": draw(st.sampled_from([251, 252, 253])),
                 "invoked": _iso(draw(DAYS))}
        if draw(st.booleans()):
            event["proclamation"] = _iso(draw(DAYS))
        if draw(st.booleans()):
            event["forces"] = draw(st.lists(st.sampled_from([f["id"] for f in crew]), min_size=1, unique=True))
        if draw(st.booleans()):
            event["areas"] = draw(st.lists(st.sampled_from(place_refs), min_size=1, max_size=3, unique=True))
        events.append(event)
    tasks = []
    for number in range(draw(st.integers(1, 8))):
        task: dict = {"id": f"T{number + 1}", "force": draw(st.sampled_from([f["id"] for f in crew])),
                      "activity": draw(st.sampled_from(sorted(VOCAB.activity_words)))}
        if draw(st.booleans()):
            task["date"] = _iso(draw(DAYS))
        if draw(st.booleans()):
            task["location"] = draw(st.sampled_from(place_refs))
        if draw(st.booleans()):
            task["supports"] = draw(st.sampled_from(AGENCIES))
        for spec in VOCAB.task_facts:
            if spec.type == "boolean" and draw(st.booleans()):
                task[spec.name] = draw(st.booleans())
        tasks.append(task)
    data: dict = {"scenario": "generated", "as_of": _iso(as_of), "forces": crew, "tasks": tasks}
    if places:
        data["locations"] = places
    if events:
        data["events"] = events
    return data


# ---- breaking a valid scenario --------------------------------------------------------------

WEIRD = st.one_of(
    st.none(), st.booleans(), st.integers(-2 ** 70, 2 ** 70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.sampled_from(["", " ", "no", "yes", "~", "2025-02-30", "01/22/2025", "2025-1-2",
                                           "2025-01-22T10:00:00", "arest", "armee", "title_33", "$nex", "T1",
                                           "a\nb", "x" * 300, "\u202e", "((((", "12:30", "0x10"]),
    st.builds(list), st.builds(dict), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, path + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, path + (index,)))
    return found


def _at(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw: Any, base: Any = None) -> dict:
    """A valid scenario with one to three changes of the kinds sloppy hands make."""
    data = copy.deepcopy(draw(base if base is not None else scenarios()))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in _paths(data) if p]))
        parent, key = _at(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "misspell", "duplicate", "rename-key", "add-key"]))
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = copy.deepcopy(draw(WEIRD))
        elif action == "misspell" and isinstance(parent[key], str) and parent[key]:
            word = parent[key]
            cut = draw(st.integers(0, len(word) - 1))
            parent[key] = word[:cut] + draw(st.sampled_from(["", "x", "_", " ", "E"])) + word[cut + 1:]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "rename-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "kind", "x-note", "statuss", "date", "forces", "areas"]))] = \
                parent.pop(key)
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = copy.deepcopy(draw(WEIRD))
    return data


def as_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def as_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


# ---- random text ----------------------------------------------------------------------------

YAML_BITS = ["scenario: ", "as_of: 2025-01-22", "forces:", "tasks:", "  - ", "- ", "id: T1", "force: f",
             "activity: arrest", "component: army", "status: no", ": ", "{", "}", "[", "]", ",", "&a ", "*a",
             "!!python/object/apply:os.system ['true']", "<<: ", "---", "...", "? ", "|", ">", "'", '"', "#",
             "\t", "%YAML 1.1", "!!binary ", "~", ".nan", "0x1f", "012", "\\x07", "\u00e9", "\ufeff", "\x85"]


@st.composite
def yaml_texts(draw: Any) -> str:
    """Text made of YAML's significant pieces, with indentation and line breaks between them."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=8)), max_size=40))
    breaks = draw(st.lists(st.sampled_from(["", " ", "\n", "\n  ", "\n    "]), min_size=len(pieces),
                           max_size=len(pieces)))
    return "".join(piece + gap for piece, gap in zip(pieces, breaks))


# ---- breaking a rulebook --------------------------------------------------------------------

RULE_WEIRD = st.one_of(WEIRD, st.sampled_from(["kind", "epoch", "tkey", "f_x", "a.b", "*", "pca.*", "9999-12-31",
                                               "1900-01-01"]),
                       st.builds(lambda: {"$nex": {"a": 1}}), st.builds(lambda: [[252]]),
                       st.builds(lambda: [f"w{i}" for i in range(600)]))
# Mutable values are built afresh for every draw (st.builds, never st.just): a mutation that
# later edits inside a drawn value (delete, duplicate) must not edit the strategy's constant,
# or later examples, and the replay of a failing one, see a different value (a flaky test).


@st.composite
def mutated_rulebooks(draw: Any, files: dict[str, Any]) -> dict[str, Any]:
    """The rule files (name -> data) with one to three changes to one of them."""
    name = draw(st.sampled_from(sorted(files)))
    data = copy.deepcopy(files[name])
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _at(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "duplicate", "add-key"]))
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = copy.deepcopy(draw(RULE_WEIRD))
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif action == "add-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["kind", "epoch", "where", "facts", "any", "min", "choices", "x-a"]))] = \
                copy.deepcopy(draw(RULE_WEIRD))
    return dict(files, **{name: data})
