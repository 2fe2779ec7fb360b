"""Decide each distinct legal situation once: the per-process reuse of decisions, keyed on
what the rules test.

A task is seen as parts (compile.py's `Part`): its force on its date, its activity, its
place on its date, the agency it supports, the facts it states, the scenario's
circumstances, the rulebook's epoch, and the events that reach it. Each part is built and
projected once per scenario context, so a task's *situation* is a tuple of part numbers,
and two tasks with one situation fire the same patterns: the situation's reasoning (verdict,
rule, citations, reasons, ...) is reused from `Memo.situations`. A situation not seen before
asks each group of rules what it fired for the task's projection onto that group (one
lookup each; what no group has answered yet goes to durable_rules in batches), composes the
Match, and resolves it once per (Match, epoch, event citations).

The explanation stays the task's own: each Decision carries the task's id, force, activity,
date and activity as written, and its facts (`MatchedFacts`) are the task's whole,
unprojected facts, built from its parts only when read.
"""
from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from .compile import (CACHE_LIMIT, CONTEXT_LIMIT, LOCK, RESOLVED_LIMIT, CompiledRulebook, Events, Part,
                      activity_part, background_part, event_fact, force_part, place_part, stated_part,
                      supports_part)
from .explain import decide
from .facts import Situations
from .model import Decision, Rulebook, Scenario, Task

_FIELDS = tuple(f.name for f in dataclasses.fields(Decision))
_OWN = ("task", "force", "activity", "date")    # what a decision takes from its task, not its facts
_SHARED = _FIELDS[len(_OWN):_FIELDS.index("_facts")]
assert _FIELDS[:len(_OWN)] == _OWN and _FIELDS[-2:] == ("_facts", "activity_as_written"), \
    "Decision: the task's fields, the reasoning, its facts, the activity as written"


def reasoning(decision: Decision) -> tuple:
    """The fields a decision shares with every task of its situation."""
    return tuple(getattr(decision, name) for name in _SHARED)


class Memo:
    """One compiled rulebook's reuse: situation -> reasoning, (Match, epoch, citations) ->
    reasoning, and the contexts (scenarios, their tasks aside) whose parts are built."""

    def __init__(self) -> None:
        self.situations: dict[tuple, tuple] = {}
        self.resolved: dict[tuple, tuple] = {}
        self.cited: dict[tuple, dict] = {}
        self.contexts: dict[tuple, Context] = {}


_MEMOS: "weakref.WeakKeyDictionary[CompiledRulebook, Memo]" = weakref.WeakKeyDictionary()


def memo_of(network: CompiledRulebook) -> Memo:
    found = _MEMOS.get(network)
    if found is None:
        found = _MEMOS[network] = Memo()
    return found


def decide_all(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    """A Decision per task, each distinct situation decided once."""
    with LOCK:
        memo = memo_of(network)
        if network.trim():                       # parts were numbered afresh: forget what used them
            memo.contexts.clear()
            memo.situations.clear()
        if len(memo.situations) > CACHE_LIMIT:
            memo.situations.clear()
        if len(memo.resolved) > RESOLVED_LIMIT:
            memo.resolved.clear()
            memo.cited.clear()
        context = (scenario.as_of, scenario.forces, scenario.locations, scenario.events, scenario.circumstances,
                   scenario.circumstances_given)
        found = memo.contexts.get(context)
        if found is None:
            if len(memo.contexts) >= CONTEXT_LIMIT:
                memo.contexts.clear()
            bare = dataclasses.replace(scenario, tasks=())     # the context must not keep the tasks alive
            found = memo.contexts[context] = Context(bare, rulebook, network, memo)
        return found.decide(scenario.tasks)


class Context:
    """A scenario's parts (its tasks aside), each built and projected once."""

    def __init__(self, scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook, memo: Memo) -> None:
        self.scenario = scenario
        self.rulebook = rulebook
        self.vocabulary = rulebook.vocabulary
        self.network = network
        self.memo = memo
        self.plain = Situations(scenario, rulebook.vocabulary, network.breakpoints)
        self.exact = self.plain.exact
        self.background = network.part(background_part(scenario, rulebook.vocabulary))
        self.periods: dict[Any, int] = {}
        self.forces: dict[tuple, Part] = {}
        self.activities: dict[str, Part] = {}
        self.places: dict[tuple, Part] = {}
        self.supports: dict[Any, Part] = {}
        self.stated: dict[Any, Part] = {}
        self.epochs: dict[int, tuple[Part, int]] = {}
        self.events: dict[tuple, Events] = {}
        self.chosen: dict[tuple, Events] = {}
        self.encoded: dict[tuple, dict] = {}

    # ---- parts ---------------------------------------------------------------------------

    def _force(self, task: Task, period: int, slot: Any) -> Part:
        status = self.plain.status(task.force, period, task.date)
        found = self.forces[(task.force, slot)] = self.network.part(
            force_part(self.scenario.force(task.force), status, self.vocabulary, task.date))
        return found

    def _activity(self, task: Task) -> Part:
        found = self.activities[task.activity] = self.network.part(activity_part(task.activity, self.vocabulary))
        return found

    def _place(self, task: Task, period: int, slot: Any) -> Part:
        kinds = self.plain.places(task, period)
        found = self.places[(task.location, slot)] = self.network.part(
            place_part(self.scenario.location(task.location), kinds, self.vocabulary, task.date))
        return found

    def _supports(self, task: Task) -> Part:
        found = self.supports[task.supports] = self.network.part(supports_part(task.supports))
        return found

    def _stated(self, task: Task, key: Any) -> Part:
        found = self.stated[key] = self.network.part(stated_part(task.facts, self.vocabulary, task.date))
        return found

    def _epoch(self, task: Task, period: int) -> tuple[Part, int]:
        epoch = self.plain.epoch(task.date)
        found = self.epochs[period] = (self.network.part({"epoch": epoch}), epoch)
        return found

    def _events(self, task: Task, period: int) -> Events:
        places = self.plain.places(task, period)
        chosen = (self.plain.reaching(task, places, period), period)
        found = self.chosen.get(chosen)
        if found is None:
            facts = []
            for index, reach in chosen[0]:
                item = self.encoded.get((index, period, reach))
                if item is None:
                    event, kind, _ = self.plain.events[index]
                    item = self.encoded[(index, period, reach)] = event_fact(event, kind, task.date, reach)
                facts.append(item)
            found = self.chosen[chosen] = self.network.events_part(facts)
        self.events[(task.force, task.location, task.activity, period)] = found
        return found

    # ---- deciding ------------------------------------------------------------------------

    def decide(self, tasks: tuple[Task, ...]) -> list[Decision]:
        network, memo = self.network, self.memo
        situations = memo.situations
        fires = [group.fired for group in network.groups]
        get = dict.get
        background = self.background
        periods, forces, activities, places = self.periods, self.forces, self.activities, self.places
        supports, stated, epochs, events = self.supports, self.stated, self.epochs, self.events
        period_of = self.plain.period
        exact = self.exact
        result: list[Any] = [None] * len(tasks)
        deferred: list[tuple] = []
        hits = 0
        for index, task in enumerate(tasks):
            day = task.date
            period = periods.get(day)
            if period is None:
                period = periods[day] = period_of(day)
            slot = day if exact else period
            force = forces.get((task.force, slot)) or self._force(task, period, slot)
            activity = activities.get(task.activity) or self._activity(task)
            place = places.get((task.location, slot)) or self._place(task, period, slot)
            agency = supports.get(task.supports) or self._supports(task)
            said = (task.facts, day) if exact else task.facts
            facts = stated.get(said) or self._stated(task, said)
            epoch, era = epochs.get(period) or self._epoch(task, period)
            reach = events.get((task.force, task.location, task.activity, period)) or self._events(task, period)
            key = (force.n, activity.n, place.n, agency.n, facts.n, background.n, era, reach.n)
            shared = situations.get(key)
            parts = (force, activity, place, agency, facts, background, epoch)   # the order of every group's key
            if shared is None:
                fired = tuple(map(get, fires, zip(force.ids, activity.ids, place.ids, agency.ids, facts.ids,
                                                  background.ids, epoch.ids)))
                if None in fired:
                    deferred.append((index, key, parts, reach, era))
                    continue
                shared = self._reason(key, fired, reach, era, task)
            else:
                hits += 1
            result[index] = Decision(task.id, task.force, task.activity, day, *shared,
                                     MatchedFacts(parts, reach), task.written)
        if deferred:
            network.fire_missing(parts for _, _, parts, _, _ in deferred)
            for index, key, parts, reach, era in deferred:
                task = tasks[index]
                shared = situations.get(key)
                if shared is None:
                    force, activity, place, agency, facts, _, epoch = parts
                    fired = tuple(map(get, fires, zip(force.ids, activity.ids, place.ids, agency.ids, facts.ids,
                                                      background.ids, epoch.ids)))
                    shared = self._reason(key, fired, reach, era, task)
                result[index] = Decision(task.id, task.force, task.activity, task.date, *shared,
                                         MatchedFacts(parts, reach), task.written)
        network.cache_hits += hits
        return result

    def _reason(self, key: tuple, fired: tuple, reach: Events, era: int, task: Task) -> tuple:
        """The reasoning of a situation not seen before: its Match, once per (Match, epoch,
        what it cites of the events)."""
        network, memo = self.network, self.memo
        match = network.match(fired, reach)
        cited = memo.cited.get((match, reach.n))
        if cited is None:
            cited = memo.cited[(match, reach.n)] = network.cited(match, reach)
        resolved = (match, era, tuple(sorted(cited.items())))
        shared = memo.resolved.get(resolved)
        if shared is None:
            shared = memo.resolved[resolved] = reasoning(decide(self.rulebook, task, match, extra=cited))
        memo.situations[key] = shared
        return shared


class MatchedFacts:
    """The facts a decision was matched against, turned into readable pairs only when read:
    the whole task fact and the event facts, not their projection.

    Built from a dict and a list (the unreduced path) or from the task's parts and events.
    Iterates as (name, value) pairs; equal when the facts are equal.
    """

    __slots__ = ("_fact", "_events", "_pairs")

    def __init__(self, fact: dict | tuple[Part, ...], events: list[dict] | Events) -> None:
        self._fact, self._events, self._pairs = fact, events, None

    def pairs(self) -> tuple:
        if self._pairs is None:
            fact = self._fact
            if isinstance(fact, tuple):
                fact = {}
                for part in self._fact:
                    fact.update(part.fact)
            events = self._events.facts if isinstance(self._events, Events) else self._events
            self._pairs = _explain_facts(fact, events)
        return self._pairs

    def __iter__(self):
        return iter(self.pairs())

    def __len__(self) -> int:
        return len(self.pairs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MatchedFacts):
            return self.pairs() == other.pairs()
        return self.pairs() == other

    def __hash__(self) -> int:
        return hash(self.pairs())

    def __repr__(self) -> str:
        return f"MatchedFacts({self.pairs()!r})"


def _explain_facts(fact: dict, events: list[dict]) -> tuple:
    shown = [(k, v) for k, v in sorted(fact.items()) if k not in ("kind",)]
    shown += [(f"event[{i}]", {k: v for k, v in sorted(e.items()) if k != "kind"}) for i, e in enumerate(events)]
    return tuple((k, tuple(v) if isinstance(v, list) else v) if not isinstance(v, dict) else (k, _freeze(v))
                 for k, v in shown)


def _freeze(value: dict) -> tuple:
    return tuple(sorted((k, _freeze(v) if isinstance(v, dict) else tuple(v) if isinstance(v, list) else v)
                        for k, v in value.items()))

