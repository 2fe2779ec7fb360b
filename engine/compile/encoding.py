"""The encoding: a plain value as durable_rules is given it, and a task's facts built from parts.

This module alone knows the encoding durable_rules is given (`encode`: truth as "true" and
"false", "unstated" for a fact left out, `f_` and `c_` prefixes, a place's kinds under
`loc`); facts.py works out the situation of a task in plain values. A task fact is built from
parts (the force, the activity, the place, ...), each of which network.py numbers once.
"""
from __future__ import annotations

import datetime
from typing import Any

import orjson

from ..citations import prefixes
from ..facts import REACHED, SCOPE_TYPES, situation
from ..model import Event, EventKind, FieldSpec, Scenario, Vocabulary

OWNED = ("force.", "location.")       # the force's and the place's own facts, nested in the task fact
TASK, EVENT, CIRCUMSTANCES = "task", "event", "circumstances"
UNSTATED = "unstated"
CIRCUMSTANCE_PREFIX = "c_"    # the scenario's circumstances, carried on every task fact
NONE = "none"


def encode(spec: FieldSpec, value: Any, stated: bool, day: datetime.date) -> Any:
    """A field's value as the network sees it: strings for truth, 'unstated' when left out."""
    if not stated:
        return _blank(spec, UNSTATED)
    if spec.type == "mapping":
        inner = dict(value) if value is not None else None
        return {sub.name: encode(sub, inner.get(sub.name) if inner else None,
                                 inner is not None and sub.name in inner, day) for sub in spec.fields} \
            if inner is not None else _blank(spec, NONE)
    if value is None:
        return _blank(spec, NONE)
    if spec.type == "date":
        return "true" if value <= day else "false"
    if spec.type == "boolean":
        return "true" if value else "false"
    if spec.type == "words":
        return sorted(value)
    if spec.type == "citation":
        return prefixes(value)
    return value


def _blank(spec: FieldSpec, marker: str) -> Any:
    if spec.type == "mapping":
        return {sub.name: _blank(sub, marker) for sub in spec.fields}
    if spec.type == "date" and marker == NONE:
        return "false"            # a date stated as null: it has not happened
    if spec.type == "boolean" and marker == NONE:
        return UNSTATED           # a truth stated as null: not known
    if spec.type == "words" and marker == NONE:
        return []
    return marker


def force_part(force: Any, status: str, vocabulary: Vocabulary, day: datetime.date) -> dict:
    """The force's part of a task fact: its component, its status that day, its own facts."""
    part: dict[str, Any] = {"component": force.component, "status": status}
    if vocabulary.force_facts:
        part["force"] = _owned(vocabulary.force_facts, force.facts, day)
    return part


def activity_part(activity: str, vocabulary: Vocabulary) -> dict:
    return {"activity": activity, "activity_class": vocabulary.activities[activity].activity_class}


def supports_part(supports: str | None) -> dict:
    return {"supports": supports or NONE}


def place_part(place: Any, kinds: tuple[str, ...], vocabulary: Vocabulary, day: datetime.date) -> dict:
    """The place's part: its kinds that day, and its own facts."""
    part: dict[str, Any] = {"loc": {kind: "yes" for kind in kinds}}
    if vocabulary.location_facts:
        part["location"] = _owned(vocabulary.location_facts, place.facts if place else (), day)
    return part


def stated_part(stated: tuple, vocabulary: Vocabulary, day: datetime.date) -> dict:
    """The facts the task states (absent: unstated)."""
    given = dict(stated)
    return {"f_" + spec.name: encode(spec, given.get(spec.name), spec.name in given, day)
            for spec in vocabulary.task_facts}


def background_part(scenario: Scenario, vocabulary: Vocabulary) -> dict:
    """The scenario's circumstances, on every task fact (with the fact's kind)."""
    background = dict(scenario.circumstances or ())
    part: dict[str, Any] = {"kind": TASK}
    for spec in vocabulary.circumstances:
        part[CIRCUMSTANCE_PREFIX + spec.name] = encode(spec, background.get(spec.name),
                                                       spec.name in scenario.circumstances_given, scenario.as_of)
    return part


def _owned(specs: tuple[FieldSpec, ...], given: tuple, day: datetime.date) -> dict:
    values = dict(given)
    return {spec.name: encode(spec, values.get(spec.name), spec.name in values, day) for spec in specs}


def task_fact(scenario: Scenario, task: Any, vocabulary: Vocabulary, epoch: int,
              places: tuple[str, ...], status: str) -> dict:
    """The whole task fact: every part, unprojected."""
    place = scenario.location(task.location)
    return {**background_part(scenario, vocabulary), "epoch": epoch,
            **force_part(scenario.force(task.force), status, vocabulary, task.date),
            **activity_part(task.activity, vocabulary), **supports_part(task.supports),
            **place_part(place, places, vocabulary, task.date),
            **stated_part(task.facts, vocabulary, task.date)}


def task_facts(scenario: Scenario, task: Any, vocabulary: Vocabulary, epoch: int) -> tuple[dict, list[dict]]:
    """The whole task fact and the event facts in effect for it, worked out afresh."""
    places, status, reaching = situation(scenario, task, vocabulary)
    return (task_fact(scenario, task, vocabulary, epoch, places, status),
            [event_fact(event, kind, task.date, reach) for event, kind, reach in reaching])


def event_fact(event: Event, kind: EventKind, day: datetime.date, reach: str = REACHED) -> dict:
    """An event as the task on `day` sees it; `reach` is facts.py's REACHED or UNSAID."""
    values = dict(event.attrs)
    item: dict[str, Any] = {"kind": EVENT, "ekind": event.kind, "covered": "yes" if reach == REACHED else UNSTATED}
    for spec in kind.fields:
        if spec.type in SCOPE_TYPES:
            continue
        item["f_" + spec.name] = encode(spec, values.get(spec.name), spec.name in event.given, day)
    for name, start, days in kind.periods:
        first = values.get(start)
        within = first is not None and first <= day < first + datetime.timedelta(days=days)
        item["f_" + name] = "true" if within else "false"
    return item


def circumstance_fact(scenario: Scenario, vocabulary: Vocabulary, day: datetime.date) -> dict:
    values = dict(scenario.circumstances or ())
    fact: dict[str, Any] = {"kind": CIRCUMSTANCES}
    for spec in vocabulary.circumstances:
        fact["f_" + spec.name] = encode(spec, values.get(spec.name), spec.name in scenario.circumstances_given,
                                        day)
    return fact


def fact_json(fact: dict) -> str:
    """One fact as canonical JSON: a cache key (durable_rules is sent its own json.dumps).

    Decoded to text: orjson's bytes keep a 4 KB buffer each, and caches hold 20,000 keys.
    """
    return orjson.dumps(fact, option=orjson.OPT_SORT_KEYS, default=str).decode()


def readable(facts: Any) -> dict:
    """A decision's facts (this module's encoding) as a reader would write them: circumstances
    by name, the place's kinds listed, the events in effect with their fields."""
    shown: dict[str, Any] = {}
    events = []
    for key, value in facts:
        if key == "epoch":                     # which slice of rule periods: engine bookkeeping
            continue
        if key.startswith("event["):
            fields = {_field(k): v for k, v in value}
            kind = fields.pop("ekind", None)
            if fields.get("covered") == "yes":       # reaches this task's force and place
                fields.pop("covered")
            events.append({"kind": kind, **fields})
        elif key == "loc":
            shown["location_kinds"] = [kind for kind, present in value if present == "yes"]
        else:
            shown[_field(key)] = value
    shown = dict(sorted(shown.items()))
    shown["events_in_effect"] = events
    return shown


def _field(key: str) -> str:
    if key.startswith(CIRCUMSTANCE_PREFIX):
        return "circumstances." + key[len(CIRCUMSTANCE_PREFIX):]
    return key[2:] if key.startswith("f_") else key

