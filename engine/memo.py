"""Decide each distinct legal situation once: the per-process reuse of decisions, keyed on
what the rules test.

A task is seen as parts (engine/compile's `Part`): its force on its date, its activity, its
place on its date, the agency it supports, the facts it states, the scenario's
circumstances, the rulebook's epoch, and the events that reach it. Each part is built and
projected once per scenario context, so a task's *situation* is a tuple of part numbers,
and two tasks with one situation fire the same patterns: the situation's reasoning (verdict,
rule, citations, reasons, ...) is reused from `Memo.situations`. A situation not seen before
asks each group of rules what it fired for the task's projection onto that group (one
lookup each; what no group has answered yet goes to durable_rules in batches; for thousands
of new situations at once, compile/columns.py does these lookups as array operations). What
fired, with the events and the citation era, keys `Memo.answers`; a new answer's Match is
composed, resolved once per Match (which rules stand, explain.resolve), and cited once per
(Match, citation era, event citations).

The explanation stays the task's own: each Decision carries the task's id, force, activity,
date and activity as written, and its facts (`MatchedFacts`) are the task's whole,
unprojected facts, built from its parts only when read.
"""
from __future__ import annotations

import bisect
import dataclasses
import weakref
from typing import Any

from .compile import (BATCH_MIN, CONTEXT_LIMIT, LOCK, RESOLVED_LIMIT, CompiledRulebook, Events, Part,
                      activity_part, background_part, event_fact, fired_rows, force_part, numpy_or_none,
                      place_part, stated_part, supports_part)
from .explain import EXPLAINED, citer, explanation, resolve
from .facts import REACHED, UNSAID, Situations
from .frozen import builder
from .model import Decision, Rulebook, Scenario, Task

SITUATION_LIMIT = 250_000   # situations kept (about 200 bytes each)
CONTEXT_PARTS_LIMIT = 50_000  # parts one context keeps (per force, place and date); then it starts afresh
FLUSH = 512          # tasks waiting for durable_rules before it is asked (then once per group)
_FIELDS = tuple(f.name for f in dataclasses.fields(Decision))
_OWN = ("task", "force", "activity", "date")    # what a decision takes from its task, not its facts
assert _FIELDS == (*_OWN, *EXPLAINED, "_facts", "activity_as_written"), \
    "Decision: the task's fields, the reasoning (explain.explanation), its facts, the activity as written"


class Memo:
    """One compiled rulebook's reuse: situation -> reasoning, (Match, epoch, citations) ->
    reasoning, and the contexts (scenarios, their tasks aside) whose parts are built."""

    def __init__(self) -> None:
        self.situations: dict[tuple, tuple] = {}
        self.answers: dict[tuple, tuple] = {}         # (what the groups fired, events, citation era) -> reasoning
        self.resolved: dict[tuple, tuple] = {}        # (Match number, citation era, event citations) -> reasoning
        self.resolutions: dict[int, Any] = {}         # Match number -> its explain.Resolution
        self.citers: dict[tuple, Any] = {}            # (citation era, event citations) -> a rule's citations
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
        if network.trim():                       # parts, events and Matches were numbered afresh:
            memo.contexts.clear()                # forget everything keyed by those numbers
            memo.situations.clear()
            memo.answers.clear()
            memo.resolved.clear()
            memo.resolutions.clear()
        if len(memo.situations) > SITUATION_LIMIT:
            memo.situations.clear()
            memo.answers.clear()
        if len(memo.resolved) > RESOLVED_LIMIT:
            memo.resolved.clear()
            memo.resolutions.clear()
            memo.citers.clear()
        context = (scenario.as_of, scenario.forces, scenario.locations, scenario.events, scenario.circumstances,
                   scenario.circumstances_given)
        found = memo.contexts.get(context)
        if found is not None and found.size() > CONTEXT_PARTS_LIMIT:    # a stream of many dates
            found = None
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
        self.network = weakref.proxy(network)     # the memo is kept by the network: no cycle to it
        self.memo = memo
        self.plain = Situations(scenario, rulebook.vocabulary, network.breakpoints)
        self.exact = self.plain.exact
        self.background = network.part(background_part(scenario, rulebook.vocabulary))
        self.periods: dict[Any, tuple[int, Any, Any]] = {}   # day -> its period and slots (facts.Situations.slots)
        self.forces: dict[tuple, Part] = {}           # (force, period) -> its part
        self.by_status: dict[tuple, Part] = {}        # (force, status) -> its part
        self.by_kinds: dict[tuple, Part] = {}         # (place, its kinds) -> its part
        self.activities: dict[str, Part] = {}
        self.places: dict[tuple, Part] = {}
        self.supports: dict[Any, Part] = {}
        self.stated: dict[Any, Part] = {}
        self.epochs: dict[int, tuple[Part, int]] = {}
        self.events: dict[tuple, Events] = {}
        self.encoded: dict[tuple, tuple] = {}          # (event, period, reach) -> network.event_items' item

    def size(self) -> int:
        """How many parts and keys it keeps: with dates in its keys, this grows with the
        dates a stream of stretches brings, so decide_all starts it afresh past a limit."""
        return sum(map(len, (self.periods, self.forces, self.by_status, self.by_kinds, self.activities,
                             self.places, self.supports, self.stated, self.epochs, self.events, self.encoded)))

    # ---- parts ---------------------------------------------------------------------------

    def _period(self, day: Any) -> tuple[int, Any, Any]:
        """The day's period, and the slots its force and place parts are kept by: many
        periods differ only in events a force's or a place's part does not read."""
        period = self.plain.period(day)
        found = self.periods[day] = (period, *self.plain.slots(period, day))
        return found

    def _force(self, task: Task, period: int, slot: Any) -> Part:
        status = self.plain.status(task.force, period, task.date)
        key = (task.force, status, task.date if self.exact else None)
        found = self.by_status.get(key)
        if found is None:
            found = self.by_status[key] = self.network.part(
                force_part(self.scenario.force(task.force), status, self.vocabulary, task.date))
        self.forces[(task.force, slot)] = found
        return found

    def _activity(self, task: Task) -> Part:
        found = self.activities[task.activity] = self.network.part(activity_part(task.activity, self.vocabulary))
        return found

    def _place(self, task: Task, period: int, slot: Any) -> Part:
        kinds = self.plain.places(task, period)
        key = (task.location, kinds, task.date if self.exact else None)
        found = self.by_kinds.get(key)
        if found is None:
            found = self.by_kinds[key] = self.network.part(
                place_part(self.scenario.location(task.location), kinds, self.vocabulary, task.date))
        self.places[(task.location, slot)] = found
        return found

    def _supports(self, task: Task) -> Part:
        found = self.supports[task.supports] = self.network.part(supports_part(task.supports))
        return found

    def _stated(self, task: Task, key: Any) -> Part:
        found = self.stated[key] = self.network.part(stated_part(task.facts, self.vocabulary, task.date))
        return found

    def _epoch(self, task: Task, period: int) -> tuple[Part, int]:
        """The rulebook's epoch (a part), and the era of its citations on the task's date."""
        era = bisect.bisect_right(self.network.citation_edges, task.date.toordinal())
        found = self.epochs[period] = (self.network.part({"epoch": self.plain.epoch(task.date)}), era)
        return found

    def _events(self, task: Task, period: int, chosen: tuple[int, int, int]) -> Events:
        """The events in effect that reach the task (`chosen`: facts.Situations.reaching's
        two sets and the period), each encoded and fired once (network.event_items)."""
        reached, unsaid, _ = chosen
        items: list[Any] = []
        wanted: list[tuple[int, tuple]] = []
        bits = reached | unsaid
        while bits:
            index = (bits & -bits).bit_length() - 1
            bits &= bits - 1
            key = (index, period, REACHED if reached >> index & 1 else UNSAID)
            item = self.encoded.get(key)
            if item is None:
                wanted.append((len(items), key))
            items.append(item)
        if wanted:
            facts = []
            for _, (index, _, reach) in wanted:
                event, kind, _ = self.plain.events[index]
                facts.append(event_fact(event, kind, task.date, reach))
            for (slot, key), item in zip(wanted, self.network.event_items(facts)):
                items[slot] = self.encoded[key] = item
        found = self.events[chosen] = self.network.events_part(items)
        return found

    # ---- deciding ------------------------------------------------------------------------

    def decide(self, tasks: tuple[Task, ...]) -> list[Decision]:
        network, memo = self.network, self.memo
        situations = memo.situations
        background = self.background
        periods, forces, activities, places = self.periods, self.forces, self.activities, self.places
        supports, stated, epochs, events = self.supports, self.stated, self.epochs, self.events
        reaching = self.plain.reaching
        exact = self.exact
        result: list[Any] = [None] * len(tasks)
        new: list[tuple] = []
        hits = 0
        for index, task in enumerate(tasks):
            day = task.date
            found = periods.get(day) or self._period(day)
            period = found[0]
            force = forces.get((task.force, found[1])) or self._force(task, period, found[1])
            activity = activities.get(task.activity) or self._activity(task)
            place = places.get((task.location, found[2])) or self._place(task, period, found[2])
            agency = supports.get(task.supports) or self._supports(task)
            said = (task.facts, day) if exact else task.facts
            facts = stated.get(said) or self._stated(task, said)
            epoch, era = epochs.get(period) or self._epoch(task, period)
            chosen = (*reaching(task, period, found[2]), period)
            reach = events.get(chosen) or self._events(task, period, chosen)
            key = (force.n, activity.n, place.n, agency.n, facts.n, background.n, epoch.n, era, reach.n)
            parts = (force, activity, place, agency, facts, background, epoch)   # the order of every group's key
            shared = situations.get(key)
            if shared is None:
                new.append((index, key, parts, reach, era))
                continue
            hits += 1
            result[index] = _decision(task, shared, parts, reach)
        if new:
            np = numpy_or_none() if len(new) >= BATCH_MIN else None
            if np is not None:
                self._new_at_once(tasks, new, result, np)
            else:
                self._new(tasks, new, result)
        network.cache_hits += hits
        return result

    def _new(self, tasks: tuple[Task, ...], new: list[tuple], result: list) -> None:
        """Decide the tasks of situations not seen before, one by one: what each group fired
        is a lookup; projections no group has answered wait for durable_rules, FLUSH at a time."""
        situations = self.memo.situations
        fires = [group.fired for group in self.network.groups]
        get = dict.get
        deferred: list[tuple] = []
        for index, key, parts, reach, era in new:
            task = tasks[index]
            shared = situations.get(key)
            if shared is None:
                fired = tuple(map(get, fires, zip(*(part.ids for part in parts))))
                if None in fired:
                    deferred.append((index, key, parts, reach, era))
                    if len(deferred) >= FLUSH:       # ask durable_rules now: later tasks will find the answers
                        self._settle(tasks, deferred, result)
                        deferred = []
                    continue
                shared = self._reason(key, fired, reach, era, task)
            result[index] = _decision(task, shared, parts, reach)
        if deferred:
            self._settle(tasks, deferred, result)

    def _new_at_once(self, tasks: tuple[Task, ...], new: list[tuple], result: list, np: Any) -> None:
        """The same, what the groups fired found for all of them at once (compile/columns.py):
        each distinct (what fired, events, citation era) is reasoned once."""
        network, situations = self.network, self.memo.situations
        combinations, which = fired_rows(np, network.groups, network.ids_by_number,
                                         [parts for _, _, parts, _, _ in new], network.fire_projections,
                                         [key for _, key, _, _, _ in new])   # (parts' numbers, era, events)
        reasoned: list[Any] = [None] * len(combinations)
        build, matched = _DECISION, MatchedFacts          # (_decision, written out: it runs per task)
        for (index, key, parts, reach, era), number in zip(new, which):
            task = tasks[index]
            shared = reasoned[number]                     # (decide looked `key` up already: a repeat is here)
            if shared is None:
                shared = reasoned[number] = self._reason(key, combinations[number], reach, era, task)
            else:
                situations[key] = shared
            result[index] = build(task.id, task.force, task.activity, task.date, *shared, matched(parts, reach),
                                  task.written)

    def _settle(self, tasks: tuple[Task, ...], deferred: list[tuple], result: list) -> None:
        """Decide the tasks whose projections some group had not answered: the missing
        projections go to durable_rules in one batch per group first."""
        network, situations = self.network, self.memo.situations
        network.fire_missing(parts for _, _, parts, _, _ in deferred)
        fires = [group.fired for group in network.groups]
        for index, key, parts, reach, era in deferred:
            task = tasks[index]
            shared = situations.get(key)
            if shared is None:
                fired = tuple(map(dict.get, fires, zip(*(part.ids for part in parts))))
                shared = self._reason(key, fired, reach, era, task)
            result[index] = _decision(task, shared, parts, reach)

    def _reason(self, key: tuple, fired: tuple, reach: Events, era: int, task: Task) -> tuple:
        """The reasoning of a situation not seen before: its Match, once per (Match, epoch,
        what it cites of the events)."""
        network, memo = self.network, self.memo
        whole = (fired, reach.n, era)
        shared = memo.answers.get(whole)
        if shared is not None:
            memo.situations[key] = shared
            return shared
        match, number = network.match(fired, reach)
        cited, cited_key = network.cited(match, number, reach)
        resolved = (number, era, cited_key)
        shared = memo.resolved.get(resolved)
        if shared is None:
            cite = memo.citers.get((era, cited_key))
            if cite is None:
                cite = memo.citers[(era, cited_key)] = _kept(citer(self.rulebook, task.date, cited))
            resolution = memo.resolutions.get(number)
            if resolution is None:
                resolution = memo.resolutions[number] = resolve(self.rulebook, match)
            shared = memo.resolved[resolved] = explanation(self.rulebook, resolution, cite)
        memo.situations[key] = memo.answers[whole] = shared
        return shared


def _decision(task: Task, shared: tuple, parts: tuple[Part, ...], reach: Events) -> Decision:
    """A task's Decision: its own fields, its situation's reasoning, its facts read from its parts."""
    return _DECISION(task.id, task.force, task.activity, task.date, *shared, MatchedFacts(parts, reach),
                     task.written)


_DECISION = builder(Decision)        # a Decision, four times faster than its __init__ (frozen.py)


def _kept(cite: Any) -> Any:
    """`cite`, each rule's answer kept: one citation era gives every rule one answer."""
    kept: dict[str, tuple[str, ...]] = {}

    def cited(rule: Any) -> tuple[str, ...]:
        found = kept.get(rule.id)
        if found is None:
            found = kept[rule.id] = cite(rule)
        return found
    return cited


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

