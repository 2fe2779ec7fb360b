"""A task's situation in plain values: its place's kinds on its date, its force's status,
the events in effect for it and whether each reaches it; and classes of dates no date of
the scenario or the rulebook separates.

Everything here is generic: which fields start and end an event, which list its forces
and places, and which location it re-classifies all come from the vocabulary. How durable_rules
is given these values (the encoding) is compile/encoding.py's.
"""
from __future__ import annotations

import bisect
import datetime
from typing import Any

from .model import Event, EventKind, FieldSpec, Scenario, Task, Vocabulary

SCOPE_TYPES = ("forces", "areas", "location", "activities", "event")   # fields that say what an event reaches
REACHED, UNSAID = "reached", "unsaid"    # an event reaches the task; or it might: the task does not say where


def location_kinds(scenario: Scenario, task: Task, vocabulary: Vocabulary,
                   marking: tuple[tuple[Event, EventKind], ...] | None = None) -> tuple[str, ...]:
    """The kinds of the task's place on its date, with re-classifications and implied kinds.
    `marking`: the events that may re-classify the place (by default, every event is asked)."""
    if task.location is None:
        return ()
    place = scenario.location(task.location)
    kinds = [place.kind] if place else [task.location]
    if place:
        for event, kind in (marking if marking is not None else
                            ((event, vocabulary.event_kinds[event.kind]) for event in scenario.events)):
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


def covers(event: Event, kind: EventKind, task: Task, places: tuple[str, ...],
           unstated: frozenset[str] = frozenset()) -> str | None:
    return _covers(_reach(event, kind), task, places, unstated)


def _reach(event: Event, kind: EventKind) -> tuple[Any, Any, Any]:
    """(forces, areas, activities) the event is limited to; empty or None: all of them."""
    return (event.get(kind.scope_forces) if kind.scope_forces else None,
            event.get(kind.scope_areas) if kind.scope_areas else None,
            event.get(kind.scope_activities) if kind.scope_activities else None)


def _covers(reach: tuple[Any, Any, Any], task: Task, places: tuple[str, ...],
            unstated: frozenset[str] = frozenset()) -> str | None:
    """REACHED if the event reaches the task's force, place and activity, None if not, and
    UNSAID when the event is limited to some areas and the task does not say where it
    happens, or its place does not say what the areas ask (`unstated`: a state code, where
    the place does not say its state). `places` holds the place's kinds, its id and its area
    words, and the activity's class."""
    forces, areas, activities = reach
    if forces and task.force not in forces:
        return None
    if activities and task.activity not in activities and not set(places) & set(activities):
        return None
    if areas:
        if task.location is None:
            return UNSAID
        here = set(places) | {task.location}
        if here & set(areas):
            return REACHED
        return UNSAID if unstated & set(areas) else None
    return REACHED


def unstated_words(scenario: Scenario, task: Task, vocabulary: Vocabulary) -> frozenset[str]:
    """The area words the task's place may hold without saying so: every choice of each
    location fact its place leaves unstated (every state code, for a place that does not say
    its state, or a place named only by its kind). An event limited to one of them may or may
    not reach the task: never a confident "not there"."""
    place = scenario.location(task.location) if task.location is not None else None
    stated = {name for name, _ in place.facts} if place else set()
    return frozenset(str(choice) for spec in vocabulary.location_facts if spec.name not in stated
                     for choice in spec.choices)


def reach_words(scenario: Scenario, task: Task, vocabulary: Vocabulary, places: tuple[str, ...]) -> tuple:
    """What an event's lists may name to reach the task: its place's kinds and area words, and
    its activity's class."""
    place = scenario.location(task.location)
    words = [str(value) for _, value in place.facts] if place else []
    return tuple(places) + tuple(words) + (vocabulary.activities[task.activity].activity_class,)


def situation(scenario: Scenario, task: Task, vocabulary: Vocabulary
              ) -> tuple[tuple[str, ...], str, list[tuple[Event, EventKind, str]]]:
    """The task's place kinds, its force's status, and the events in effect that reach it
    (with how: REACHED or UNSAID), computed afresh."""
    places = location_kinds(scenario, task, vocabulary)
    live = [scenario.events[index] for index in live_events(scenario.events, vocabulary, task.date)]
    status = status_on(scenario.force(task.force), live, vocabulary)
    words = reach_words(scenario, task, vocabulary, places)
    unstated = unstated_words(scenario, task, vocabulary)
    reaching = []
    for event in live:
        kind = vocabulary.event_kinds[event.kind]
        reach = covers(event, kind, task, words, unstated)
        if reach:
            reaching.append((event, kind, reach))
    return places, status, reaching


# ---- classes of dates that share a situation ----------------------------------------------
#
# Every comparison above between a task's date and a date of the scenario is a threshold:
# `start <= day`, `day <= end`, `value <= day`; and the rulebook's own dates enter only
# through the epoch. So two days that no event date (nor the day after one) and no rulebook
# breakpoint separates give a task identical facts. Keep it so when adding an encoding, or
# add the new edge here; tests/perf compares cached and uncached decisions to catch a miss.

class Situations:
    """One scenario's (its tasks aside) situations, each worked out once: the period of a
    date, a place's kinds, a force's status, the events that reach a task."""

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
        # a date-typed fact of a task, force or place is read against the task's own date
        self.exact = any(_hasdates_in(spec) for spec in vocabulary.task_facts + vocabulary.force_facts
                         + vocabulary.location_facts)
        self.events = [(event, kind, _reach(event, kind))
                       for event in scenario.events for kind in (vocabulary.event_kinds[event.kind],)]
        self._places: dict[tuple, tuple[str, ...]] = {}
        self._marking: dict[str, tuple[tuple[Event, EventKind], ...]] = {}    # place -> events that mark it
        for event in scenario.events:
            kind = vocabulary.event_kinds[event.kind]
            if kind.marks_location and isinstance(event.get(kind.marks_location), str):
                self._marking[event.get(kind.marks_location)] = \
                    (*self._marking.get(event.get(kind.marks_location), ()), (event, kind))
        self._live: dict[int, tuple[int, ...]] = {}              # period -> events in effect
        self._slots: dict[int, tuple[Any, Any]] = {}              # period -> slots()
        self._setting: dict[int, tuple[int, ...]] = {}           # period -> status-setting events in effect
        self._sets = [(frozenset(event.get(kind.sets_status[0]) or ()), kind.sets_status[1]) if kind.sets_status
                      else None for event in scenario.events for kind in (vocabulary.event_kinds[event.kind],)]
        self._scoped = [(frozenset(areas or ()), frozenset(acts or ())) for _, _, (_, areas, acts) in self.events]
        self._listed: dict[str, int] = {}                         # force -> events that list it
        for index, (_, _, (forces, _, _)) in enumerate(self.events):
            for force in forces or ():
                self._listed[force] = self._listed.get(force, 0) | 1 << index
        self._activity_bits: dict[str, tuple[int, int]] = {}
        self._place_bits: dict[tuple, tuple[int, int, int]] = {}  # (place, its slot) -> its masks
        self._kinds_bits: dict[tuple, tuple[int, int, int]] = {}  # (place, its kinds) -> its masks
        self._live_bits: dict[int, int] = {}
        self._open = self._bits(lambda _f, areas, _c: not areas)  # events not limited to areas
        self._all_forces = self._bits(lambda forces, _a, _c: not forces)   # events not limited to forces

    def period(self, day: datetime.date) -> int:
        return bisect.bisect_right(self.edges, day.toordinal())

    def slots(self, period: int, day: datetime.date) -> tuple[Any, Any]:
        """What a force's part and a place's part depend on in a period, beside the force and
        the place: the status-setting events in effect (status), and the events in effect that
        may re-classify a place (location_kinds); the day itself where facts hold dates. Many
        periods share them: a force's part is then built once across them."""
        if self.exact:
            return day, day
        found = self._slots.get(period)
        if found is None:
            found = self._slots[period] = self._period_slots(period, day)
        return found

    def _period_slots(self, period: int, day: datetime.date) -> tuple[Any, Any]:
        kinds = self.vocabulary.event_kinds
        marking = tuple(index for index, event in enumerate(self.scenario.events)
                        if kinds[event.kind].marks_location and in_effect(event, kinds[event.kind], day))
        return ("status", self.setting(period, day)), ("kinds", marking)

    def setting(self, period: int, day: datetime.date) -> tuple[int, ...]:
        """The status-setting events in effect in the period, in the scenario's order."""
        found = self._setting.get(period)
        if found is None:
            found = self._setting[period] = tuple(index for index in self.live(period, day)
                                                  if self._sets[index] is not None)
        return found

    def epoch(self, day: datetime.date) -> int:
        return bisect.bisect_right(self.breakpoints, day.toordinal())

    def places(self, task: Task, period: int) -> tuple[str, ...]:
        here = (task.location, period)
        found = self._places.get(here)
        if found is None:
            found = self._places[here] = location_kinds(self.scenario, task, self.vocabulary,
                                                        self._marking.get(task.location, ()))
        return found

    def live(self, period: int, day: datetime.date) -> tuple[int, ...]:
        found = self._live.get(period)
        if found is None:
            found = self._live[period] = tuple(live_events(self.scenario.events, self.vocabulary, day))
        return found

    def status(self, force: str, period: int, day: datetime.date) -> str:
        """status_on's answer: the status the first event in effect that lists the force sets
        (each event's forces a set, the period's status-setting events listed once), else
        the force's own."""
        for index in self.setting(period, day):
            listed, status = self._sets[index]
            if force in listed:
                return status
        return self.scenario.force(force).status

    def reaching(self, task: Task, period: int, slot: Any) -> tuple[int, int]:
        """The events in effect on the task's date that reach it, as two sets of event
        indexes (bits): those that reach it (REACHED), and those limited to areas when the
        task does not say where it happens, or its place does not say what they ask (UNSAID). The same answer as `covers`, event by
        event, from masks built once per force, activity and place: a place's masks once per
        its slot (`slots()`: the events in effect that may re-classify it), not per period."""
        force = self._all_forces | self._listed.get(task.force, 0)
        activity = self._activity_bits.get(task.activity)
        if activity is None:
            activity = self._activity_bits[task.activity] = self._activity_masks(task.activity)
        place = self._place_bits.get((task.location, slot))
        if place is None:
            kinds = (task.location, self.places(task, period))      # the masks read only these
            place = self._kinds_bits.get(kinds)
            if place is None:
                place = self._kinds_bits[kinds] = self._place_masks(task, period)
            self._place_bits[(task.location, slot)] = place
        live = self._live_bits.get(period)
        if live is None:
            live = self._live_bits[period] = sum(1 << index for index in self.live(period, task.date))
        admitted = force & (activity[0] | place[0]) & live
        if task.location is None:
            return admitted & self._open, admitted & ~self._open
        reached = admitted & (self._open | place[1] | activity[1])
        return reached, admitted & place[2] & ~reached

    def _bits(self, test) -> int:
        return sum(1 << index for index, (_, _, reach) in enumerate(self.events) if test(*reach))

    def _activity_masks(self, activity: str) -> tuple[int, int]:
        """Events whose activities admit this activity (by its word or class), and those whose
        areas name its class."""
        word = self.vocabulary.activities[activity].activity_class
        return (self._bits(lambda _f, _a, acts: not acts or activity in acts or word in acts),
                self._bits(lambda _f, areas, _c: bool(areas) and word in areas))

    def _place_masks(self, task: Task, period: int) -> tuple[int, int, int]:
        """Events whose activities name a word of the place (its kinds, its own facts), those
        whose areas name the place or one of its words, and those whose areas name none of
        them but a word the place may hold unsaid (`unstated_words`)."""
        place = self.scenario.location(task.location)
        words = set(self.places(task, period)) | {str(value) for _, value in place.facts} if place \
            else set(self.places(task, period))
        named = words | {task.location}
        unstated = unstated_words(self.scenario, task, self.vocabulary)
        acts = areas = maybe = 0
        for index, (limited, listed) in enumerate(self._scoped):
            if listed and not words.isdisjoint(listed):
                acts |= 1 << index
            if limited:
                if not named.isdisjoint(limited):
                    areas |= 1 << index
                elif not unstated.isdisjoint(limited):
                    maybe |= 1 << index
        return acts, areas, maybe


def dates_in(value: Any) -> list[datetime.date]:
    """Every date inside a value: attrs, nested mappings and lists alike."""
    if isinstance(value, datetime.date):
        return [value]
    if isinstance(value, (tuple, list)):
        return [day for item in value for day in dates_in(item)]
    return []


def _hasdates_in(spec: FieldSpec) -> bool:
    return spec.type == "date" or any(_hasdates_in(sub) for sub in spec.fields)
