"""What the Rete network matches: a task seen on its date, with the events in effect for it.

Everything here is generic: which fields start and end an event, which list its forces
and places, and which location it re-classifies all come from the vocabulary.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime
import operator
from dataclasses import dataclass
from typing import Any

import orjson

from .citations import prefixes
from .model import Event, EventKind, FieldSpec, Scenario, Task, Vocabulary

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
    return _within(_span(event, kind), day)


def live_events(events: tuple[Event, ...], vocabulary: Vocabulary, day: datetime.date) -> list[int]:
    """Indexes of the events in effect on `day`, less those a suspending event in effect names."""
    kinds = vocabulary.event_kinds
    current = [index for index, event in enumerate(events) if in_effect(event, kinds[event.kind], day)]
    suspended = {events[index].get(kinds[events[index].kind].suspends) for index in current
                 if kinds[events[index].kind].suspends}
    return [index for index in current if events[index].id not in suspended]


def status_on(force: Any, events: list[Event], vocabulary: Vocabulary) -> str:
    """The force's status given the events in effect: an event that `sets_status` of the
    forces it lists (a call into federal service) wins over the status the scenario gave."""
    for event in events:
        sets = vocabulary.event_kinds[event.kind].sets_status
        if sets and force.id in (event.get(sets[0]) or ()):
            return sets[1]
    return force.status


def _span(event: Event, kind: EventKind) -> tuple[Any, Any]:
    """(first day, last day) the event is in effect; no first day: never."""
    if kind.in_effect_from is None:
        return None, None
    return event.get(kind.in_effect_from), event.get(kind.in_effect_until) if kind.in_effect_until else None


def _within(span: tuple[Any, Any], day: datetime.date) -> bool:
    start, end = span
    return start is not None and start <= day and (end is None or day <= end)


def covers(event: Event, kind: EventKind, task: Task, places: tuple[str, ...]) -> str | None:
    return _covers(_reach(event, kind), task, places)


def _reach(event: Event, kind: EventKind) -> tuple[Any, Any, Any]:
    """(forces, areas, activities) the event is limited to; empty or None: all of them."""
    return (event.get(kind.scope_forces) if kind.scope_forces else None,
            event.get(kind.scope_areas) if kind.scope_areas else None,
            event.get(kind.scope_activities) if kind.scope_activities else None)


def _covers(reach: tuple[Any, Any, Any], task: Task, places: tuple[str, ...]) -> str | None:
    """"yes" if the event reaches the task's force, place and activity, None if not, and
    UNSTATED when the event is limited to some areas and the task does not say where it
    happens. `places` holds the place's kinds, its id and its area words (a state code),
    and the activity's class."""
    forces, areas, activities = reach
    if forces and task.force not in forces:
        return None
    if activities and task.activity not in activities and not set(places) & set(activities):
        return None
    if areas:
        if task.location is None:
            return UNSTATED
        here = set(places) | {task.location}
        return "yes" if here & set(areas) else None
    return "yes"


def reach_words(scenario: Scenario, task: Task, vocabulary: Vocabulary, places: tuple[str, ...]) -> tuple:
    """What an event's lists may name to reach the task: its place's kinds and area words, and
    its activity's class."""
    place = scenario.location(task.location)
    words = [str(value) for _, value in place.facts] if place else []
    return tuple(places) + tuple(words) + (vocabulary.activities[task.activity].activity_class,)


def task_facts(scenario: Scenario, task: Task, vocabulary: Vocabulary,
               epoch: int) -> tuple[dict, list[dict]]:
    """The task fact and the event facts in effect for it, without identity keys."""
    places = location_kinds(scenario, task, vocabulary)
    live = [scenario.events[index] for index in live_events(scenario.events, vocabulary, task.date)]
    status = status_on(scenario.force(task.force), live, vocabulary)
    fact = _task_fact(scenario, task, vocabulary, epoch, places, status)
    words = reach_words(scenario, task, vocabulary, places)
    events = []
    for event in live:
        kind = vocabulary.event_kinds[event.kind]
        reach = covers(event, kind, task, words)
        if reach:
            events.append(_event_fact(event, kind, task.date, reach))
    return fact, events


def _task_fact(scenario: Scenario, task: Task, vocabulary: Vocabulary, epoch: int,
               places: tuple[str, ...], status: str) -> dict:
    force = scenario.force(task.force)
    activity = vocabulary.activities[task.activity]
    stated = dict(task.facts)
    fact: dict[str, Any] = {
        "kind": "task", "epoch": epoch, "component": force.component, "status": status,
        "activity": task.activity, "activity_class": activity.activity_class,
        "supports": task.supports or NONE, "loc": {kind: "yes" for kind in places},
    }
    place = scenario.location(task.location)
    for key, specs, given in (("force", vocabulary.force_facts, force.facts),
                              ("location", vocabulary.location_facts, place.facts if place else ())):
        if specs:
            values = dict(given)
            fact[key] = {spec.name: encode(spec, values.get(spec.name), spec.name in values, task.date)
                         for spec in specs}
    for spec in vocabulary.task_facts:
        fact["f_" + spec.name] = encode(spec, stated.get(spec.name), spec.name in stated, task.date)
    background = dict(scenario.circumstances or ())
    for spec in vocabulary.circumstances:
        fact[CIRCUMSTANCE_PREFIX + spec.name] = encode(spec, background.get(spec.name),
                                                       spec.name in scenario.circumstances_given,
                                                       scenario.as_of)
    return fact


SCOPE_TYPES = ("forces", "areas", "location", "activities", "event")   # fields that say what an event reaches


def _event_fact(event: Event, kind: EventKind, day: datetime.date, reach: str = "yes") -> dict:
    values = dict(event.attrs)
    item: dict[str, Any] = {"kind": "event", "ekind": event.kind, "covered": reach}
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
    fact: dict[str, Any] = {"kind": "circumstances"}
    for spec in vocabulary.circumstances:
        fact["f_" + spec.name] = encode(spec, values.get(spec.name), spec.name in scenario.circumstances_given,
                                        day)
    return fact


def fact_json(fact: dict) -> str:
    """One fact as canonical JSON: a cache key (durable_rules is sent its own json.dumps).

    Decoded to text: orjson's bytes keep a 4 KB buffer each, and caches hold 20,000 keys.
    """
    return orjson.dumps(fact, option=orjson.OPT_SORT_KEYS, default=str).decode()


# ---- classes of tasks that share their facts ----------------------------------------------
#
# Every comparison above between a task's date and a date of the scenario is a threshold:
# `start <= day`, `day <= end`, `value <= day`; and the rulebook's own dates enter only
# through the epoch. So two days that no event date (nor the day after one) and no rulebook
# breakpoint separates give a task identical facts. Keep it so when adding an encoding, or
# add the new edge here; tests/perf compares cached and uncached decisions to catch a miss.

_UNUSED = ("id", "description", "date", "where", "written")   # task fields that no fact depends on
_SHAPE = operator.attrgetter(*(f.name for f in dataclasses.fields(Task) if f.name not in _UNUSED))


@dataclass(slots=True)
class Facts:
    """What the network sees for one class of tasks, with its canonical JSON.

    `key` is (task fact JSON, event fact JSONs in scenario order): equal keys, equal facts,
    down to the order an explanation lists the events in.
    """
    key: tuple[str, tuple[str, ...]]
    fact: dict
    events: list[dict]
    fact_json: str
    event_jsons: tuple[str, ...]


class FactBuilder:
    """A scenario's tasks sorted into classes sure to get identical facts; facts built once a class.

    Pieces are shared too: a place's kinds, an event's encoding and the task fact are each
    built once per date class, whichever tasks need them.
    """

    def __init__(self, scenario: Scenario, vocabulary: Vocabulary, breakpoints: list[int]) -> None:
        self.scenario = scenario
        self.vocabulary = vocabulary
        self.breakpoints = breakpoints
        edges = set(breakpoints)
        for event in scenario.events:
            kind = vocabulary.event_kinds[event.kind]
            if kind.in_effect_from is None:
                continue                    # never in effect: no task sees it
            for day in dates_in(event.attrs):
                edges.update((day.toordinal(), day.toordinal() + 1))
            for _, start, days in kind.periods:
                first = event.get(start)
                if first is not None:
                    edges.add(first.toordinal() + days)
        self.edges = sorted(edges)
        self.exact = any(_hasdates_in(spec) for spec in vocabulary.task_facts)
        self.events = [(event, kind, _span(event, kind), _reach(event, kind))
                       for event in scenario.events for kind in (vocabulary.event_kinds[event.kind],)]
        self._places: dict[tuple, tuple[str, ...]] = {}
        self._tasks: dict[tuple, tuple[dict, str]] = {}
        self._in_effect: dict[tuple, tuple[list[dict], tuple[str, ...]]] = {}
        self._live: dict[int, tuple[int, ...]] = {}              # period -> events in effect
        self._status: dict[tuple, str] = {}                       # (force, period) -> its status
        self._covering: dict[tuple, dict[int, str]] = {}          # (force, location, places) -> event: reach
        self._chosen: dict[tuple, tuple[list[dict], tuple[str, ...]]] = {}
        self._encoded: dict[tuple, tuple[dict, str]] = {}

    def key(self, task: Task) -> tuple:
        day = task.date.toordinal()
        return _SHAPE(task), day if self.exact else bisect.bisect_right(self.edges, day)

    def facts(self, task: Task, key: tuple | None = None) -> Facts:
        key = key or self.key(task)
        period = key[1]
        here = (task.location, period)
        places = self._places.get(here)
        if places is None:
            places = self._places[here] = location_kinds(self.scenario, task, self.vocabulary)
        epoch = bisect.bisect_right(self.breakpoints, task.date.toordinal())
        live = self._live.get(period)
        if live is None:
            live = self._live[period] = tuple(live_events(self.scenario.events, self.vocabulary, task.date))
        status = self._status.get((task.force, period))
        if status is None:
            status = self._status[(task.force, period)] = status_on(
                self.scenario.force(task.force), [self.scenario.events[i] for i in live], self.vocabulary)
        shape = (key[0], epoch, places, status, period if self.exact else None)
        found = self._tasks.get(shape)
        if found is None:
            fact = _task_fact(self.scenario, task, self.vocabulary, epoch, places, status)
            found = self._tasks[shape] = (fact, fact_json(fact))
        scope = (task.force, task.location, places, task.activity, period)
        events = self._in_effect.get(scope)
        if events is None:
            covering = self._covering.get(scope[:4])
            if covering is None:
                words = reach_words(self.scenario, task, self.vocabulary, places)
                marks = ((index, _covers(reach, task, words)) for index, (_, _, _, reach) in enumerate(self.events))
                covering = self._covering[scope[:4]] = {index: mark for index, mark in marks if mark}
            chosen = (tuple((index, covering[index]) for index in live if index in covering), period)
            events = self._chosen.get(chosen)
            if events is None:
                encoded = [self._event(index, period, task.date, mark) for index, mark in chosen[0]]
                events = self._chosen[chosen] = ([item for item, _ in encoded], tuple(text for _, text in encoded))
            self._in_effect[scope] = events
        return Facts((found[1], events[1]), found[0], events[0], found[1], events[1])

    def _event(self, index: int, period: int, day: datetime.date, reach: str) -> tuple[dict, str]:
        found = self._encoded.get((index, period, reach))
        if found is None:
            event, kind, _, _ = self.events[index]
            item = _event_fact(event, kind, day, reach)
            found = self._encoded[(index, period, reach)] = (item, fact_json(item))
        return found


def dates_in(value: Any) -> list[datetime.date]:
    """Every date inside a value: attrs, nested mappings and lists alike."""
    if isinstance(value, datetime.date):
        return [value]
    if isinstance(value, (tuple, list)):
        return [day for item in value for day in dates_in(item)]
    return []


def _hasdates_in(spec: FieldSpec) -> bool:
    return spec.type == "date" or any(_hasdates_in(sub) for sub in spec.fields)


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
