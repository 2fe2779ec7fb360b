"""What the Rete network matches: a task seen on its date, with the events in effect for it.

Everything here is generic: which fields start and end an event, which list its forces
and places, and which location it re-classifies all come from the vocabulary.
"""
from __future__ import annotations

import datetime
import json
from typing import Any

from .citations import prefixes
from .model import Event, EventKind, FieldSpec, Scenario, Task, Vocabulary

UNSTATED = "unstated"
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


def location_kinds(scenario: Scenario, task: Task, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The kinds of the task's place on its date, with re-classifications and implied kinds."""
    if task.location is None:
        return ()
    place = scenario.location(task.location)
    kinds = [place.kind] if place else [task.location]
    if place:
        for event in scenario.events:
            kind = vocabulary.event_kinds[event.kind]
            if kind.marks_location and event.get(kind.marks_location) == place.id and \
                    in_effect(event, kind, task.date):
                kinds.extend(kind.marks_kinds)
    result: list[str] = []
    for kind in kinds:
        for implied in vocabulary.location_kinds.get(kind, (kind,)):
            if implied not in result:
                result.append(implied)
    return tuple(sorted(result))


def in_effect(event: Event, kind: EventKind, day: datetime.date) -> bool:
    if kind.in_effect_from is None:
        return False
    start = event.get(kind.in_effect_from)
    end = event.get(kind.in_effect_until) if kind.in_effect_until else None
    return start is not None and start <= day and (end is None or day <= end)


def covers(event: Event, kind: EventKind, task: Task, places: tuple[str, ...]) -> bool:
    forces = event.get(kind.scope_forces) if kind.scope_forces else None
    if forces and task.force not in forces:
        return False
    areas = event.get(kind.scope_areas) if kind.scope_areas else None
    if areas:
        here = set(places) | ({task.location} if task.location else set())
        return bool(here & set(areas))
    return True


def task_facts(scenario: Scenario, task: Task, vocabulary: Vocabulary,
               epoch: int) -> tuple[dict, list[dict]]:
    """The task fact and the event facts in effect for it, without identity keys."""
    force = scenario.force(task.force)
    activity = vocabulary.activities[task.activity]
    places = location_kinds(scenario, task, vocabulary)
    stated = dict(task.facts)
    fact: dict[str, Any] = {
        "kind": "task", "epoch": epoch, "component": force.component, "status": force.status,
        "activity": task.activity, "activity_class": activity.activity_class,
        "supports": task.supports or NONE, "loc": {kind: "yes" for kind in places},
    }
    for spec in vocabulary.task_facts:
        fact["f_" + spec.name] = encode(spec, stated.get(spec.name), spec.name in stated, task.date)
    events = []
    for event in scenario.events:
        kind = vocabulary.event_kinds[event.kind]
        if not in_effect(event, kind, task.date) or not covers(event, kind, task, places):
            continue
        values = dict(event.attrs)
        item: dict[str, Any] = {"kind": "event", "ekind": event.kind}
        for spec in kind.fields:
            if spec.type in ("forces", "areas", "location"):
                continue
            item["f_" + spec.name] = encode(spec, values.get(spec.name), spec.name in event.given, task.date)
        events.append(item)
    return fact, events


def circumstance_fact(scenario: Scenario, vocabulary: Vocabulary, day: datetime.date) -> dict:
    values = dict(scenario.circumstances or ())
    fact: dict[str, Any] = {"kind": "circumstances"}
    for spec in vocabulary.circumstances:
        fact["f_" + spec.name] = encode(spec, values.get(spec.name), spec.name in scenario.circumstances_given,
                                        day)
    return fact


def fact_key(fact: dict, events: list[dict]) -> str:
    """Everything a decision depends on, as one canonical string (the cache key)."""
    return json.dumps([fact, sorted(events, key=lambda e: json.dumps(e, sort_keys=True))],
                      sort_keys=True, separators=(",", ":"), default=str)
