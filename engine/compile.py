"""The one seam to durable_rules: what it is given, the networks it runs, what they fire.

durable_rules keeps process-wide state, is not thread safe, loops forever on patterns the
session state can satisfy, and fails past 64 alpha siblings. So: every pattern anchored on a
positive `kind` test, at most CHUNK durable rules per ruleset, one lock around every call,
and facts retracted after each batch. Rulesets are named by the digest of what they compile
to and shared by every rulebook that compiles to the same thing; a ruleset no compiled
rulebook holds any more is deleted (with its session state, or it leaks), and at most
COMPILED_LIMIT compiled rulebooks are kept, so reloading changed rulebooks keeps memory flat.

This module alone knows the encoding durable_rules is given (`encode`: truth as "true" and
"false", "unstated" for a fact left out, `f_` and `c_` prefixes, a place's kinds under
`loc`); facts.py works out the situation of a task in plain values.

Deciding each distinct situation once: the task network is split into groups of rules that
test the same fields (`Group`), and each group's ruleset is given only those fields. From the
compiled patterns themselves every tested field gets a `FieldTests`: the constants it is
compared with, so that a value is known by its *signature* (the tests it passes); two tasks
whose tested fields have equal signatures fire the same patterns. A task fact is built from
parts (the force, the activity, the place, ...), each part projected once onto every group,
so a task's projection per group is a tuple of small numbers, and what a group fired for it
is one dictionary lookup. Events are matched alone, one fact each, projected the same way:
"some event in effect for the task meets the test" is the union of what its events fired.
durable_rules' C engine is driven directly (assert, drain the fired actions, retract): its
Python Host runs a Python callback with JSON round trips for every firing and starts timer
threads we do not need.
"""
from __future__ import annotations

import bisect
import collections
import datetime
import hashlib
import json
import re
import threading
import weakref
from dataclasses import dataclass
from typing import Any, Iterable

import orjson

from .citations import normalize, prefixes
from .errors import CompileError
from .facts import REACHED, SCOPE_TYPES, situation
from .limits import CHUNK
from .model import Event, EventKind, FieldSpec, Requirement, Rule, Rulebook, Scenario, Test, Vocabulary, flat_fields

BATCH = 128                # facts asserted together: far below durable's identity-hash collision range
CACHE_LIMIT = 20_000       # entries kept per cache (one 100,000-task year fits); then it starts afresh
CONTEXT_LIMIT = 16         # scenario contexts whose task classes are kept (a sweep, a re-check)
RESOLVED_LIMIT = 20_000     # distinct reasonings kept (a varied 100,000-task year has about 8,000)
COMPILED_LIMIT = 8         # compiled rulebooks kept per process (an editor reloading a changed one)
_LOCK = threading.RLock()
LOCK = _LOCK               # held around every use of durable_rules and of a network's numbering
_COMPILED: "collections.OrderedDict[str, CompiledRulebook]" = collections.OrderedDict()
_FID = re.compile(r'"fid":\s*(\d+)\s*[,}]')

MET, OPEN, UNMET = "met", "open", "unmet"
OWNED = ("force.", "location.")       # the force's and the place's own facts, nested in the task fact
TASK, EVENT, CIRCUMSTANCES = "task", "event", "circumstances"
UNSTATED = "unstated"
CIRCUMSTANCE_PREFIX = "c_"    # the scenario's circumstances, carried on every task fact
NONE = "none"


# ---- the encoding: a plain value as durable_rules is given it -----------------------------

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


# ---- what the patterns test: fields, their constants, a value's signature ----------------

MISSING = ("missing",)          # a field the fact does not carry
ORDERS = ("$gte", "$gt", "$lt", "$lte")


class FieldTests:
    """Every test the patterns of a group make on one field: the constants it must equal, the
    items its list must hold, the bounds it is ordered against. `signature` maps a value to
    what those tests can tell of it; values with one signature pass exactly the same tests."""

    __slots__ = ("equal", "items", "bounds", "exact")

    def __init__(self) -> None:
        self.equal: set = set()
        self.items: set = set()
        self.bounds: list = []
        self.exact = False               # a test not understood here: the value is kept as it is

    def signature(self, value: Any) -> Any:
        if value is MISSING:
            return MISSING
        if self.exact or isinstance(value, dict):
            return ("exact", fact_json({"v": value}))
        if isinstance(value, list):
            return ("list", frozenset(item for item in value if _hashable(item) and item in self.items))
        equal = value if value in self.equal else ("other", type(value).__name__)
        if not self.bounds:
            return equal
        try:
            return equal, bisect.bisect_left(self.bounds, value), value in self.bounds
        except TypeError:                # a value not ordered with the bounds
            return ("exact", fact_json({"v": value}))


def _hashable(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def tested(definitions: Iterable[tuple[str, dict]]) -> dict[str, FieldTests]:
    """field path -> its tests, from compiled durable_rules definitions."""
    found: dict[str, FieldTests] = {}

    def field(path: str) -> FieldTests:
        tests = found.get(path)
        if tests is None:
            tests = found[path] = FieldTests()
        return tests

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        for key, value in node.items():
            if key in ("all", "any", "m", "$and", "$or"):
                walk(value)
            elif key == "$iany":
                for path, inner in value.items():
                    constant = inner.get("$i") if isinstance(inner, dict) and len(inner) == 1 else None
                    if constant is None or not _hashable(constant):
                        field(path).exact = True
                    else:
                        field(path).items.add(constant)
            elif key in ORDERS:
                for path, bound in value.items():
                    if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                        tests = field(path)
                        if bound not in tests.bounds:
                            bisect.insort(tests.bounds, bound)
                    else:
                        field(path).exact = True
            elif key.startswith("$"):                 # an operator this reading does not know
                for path in value if isinstance(value, dict) else ():
                    field(path).exact = True
            elif _hashable(value):
                field(key).equal.add(value)
            else:
                field(key).exact = True

    for _name, definition in definitions:
        walk(definition)
    return found


def lookup(fact: dict, path: tuple[str, ...]) -> Any:
    value: Any = fact
    for step in path:
        if not isinstance(value, dict) or step not in value:
            return MISSING
        value = value[step]
    return value


class Group:
    """Rules that test the same fields, in rulesets of their own: each given only those fields.

    `fired` is what the group's rulesets fired for each projection (a tuple of part numbers)."""

    def __init__(self, number: int, definitions: list[tuple[str, dict]]) -> None:
        self.number = number
        self.definitions = definitions
        tests = tested(definitions)
        tests.pop("kind", None)                    # every task fact's kind is "task"
        self.paths = sorted(tests)
        self.tests = [(tuple(path.split(".")), tests[path]) for path in self.paths]
        self.handles: list[Ruleset] = []
        self.fired: dict[tuple, frozenset] = {}        # projection -> names fired
        self.numbers: dict[tuple, int] = {}             # a part's signatures -> its number here
        self.carried: dict[tuple, list] = {}            # a part's keys -> the tests on fields it carries

    def number_of(self, part: dict) -> int:
        """The part's number in this group: its signatures on the fields it carries."""
        shape = tuple(part)
        carried = self.carried.get(shape)
        if carried is None:
            carried = self.carried[shape] = [(steps, tests) for steps, tests in self.tests if steps[0] in part]
        key = tuple(tests.signature(lookup(part, steps)) for steps, tests in carried)
        return self.numbers.setdefault(key, len(self.numbers))

    def project(self, fact: dict) -> dict:
        """The fact cut down to the fields this group tests (and its kind)."""
        result: dict[str, Any] = {"kind": fact.get("kind", TASK)}
        for steps, _ in self.tests:
            value = lookup(fact, steps)
            if value is MISSING:
                continue
            inner = result
            for step in steps[:-1]:
                inner = inner.setdefault(step, {})
            inner[steps[-1]] = value
        return result

    def signature(self, fact: dict) -> tuple:
        return tuple(tests.signature(lookup(fact, steps)) for steps, tests in self.tests)


class Part:
    """One part of a task fact (its force, activity, place, ...), with its number in every
    group: the projection of the part onto the fields that group tests. `n` numbers the part
    by all of its projections: two parts with one `n` are the same to every rule."""

    __slots__ = ("fact", "ids", "n")

    def __init__(self, fact: dict, ids: tuple[int, ...], n: int) -> None:
        self.fact, self.ids, self.n = fact, ids, n


class Events:
    """The events in effect for a task: their facts, and the union of what each fired."""

    __slots__ = ("facts", "jsons", "each", "fired", "n")

    def __init__(self, facts: list[dict], jsons: tuple[str, ...], each: list[frozenset], n: int) -> None:
        self.facts, self.jsons, self.each, self.n = facts, jsons, each, n
        self.fired = frozenset().union(*each)


class Ruleset:
    """A durable_rules ruleset, shared by every compiled rulebook with the same definitions;
    deleted with its session state when none holds it any more."""

    __slots__ = ("handle", "digest", "used", "__weakref__")

    def __init__(self, handle: Any, digest: str) -> None:
        self.handle, self.digest, self.used = handle, digest, False

    def __del__(self) -> None:
        try:
            with _LOCK:
                durable = _durable()
                if self.used:
                    durable.delete_state(self.handle, "0")
                durable.delete_ruleset(self.handle)
        except Exception:  # interpreter shutting down, or never used: nothing to free
            pass


_RULESETS: "weakref.WeakValueDictionary[str, Ruleset]" = weakref.WeakValueDictionary()


def _durable() -> Any:
    import durable_rules_engine
    return durable_rules_engine


@dataclass(frozen=True, slots=True)
class Match:
    """What the network found for one task: rule id -> status of each requirement."""
    applies: tuple[tuple[str, tuple[str, ...]], ...]


def compiled(rulebook: Rulebook) -> "CompiledRulebook":
    """The compiled network for this rulebook; built once per digest, the last
    COMPILED_LIMIT kept (a network no caller holds any more frees its rulesets)."""
    with _LOCK:
        found = _COMPILED.get(rulebook.digest)
        if found is None:
            found = CompiledRulebook(rulebook)
            _COMPILED[rulebook.digest] = found
            while len(_COMPILED) > COMPILED_LIMIT:
                _COMPILED.popitem(last=False)
        else:
            _COMPILED.move_to_end(rulebook.digest)
        return found


class CompiledRulebook:
    """The rulebook's network, and what it fired, keyed by what its patterns test.

    `engine_calls` counts calls into durable_rules (assert and retract), `cache_hits` the
    tasks answered without it.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        edges = {d.toordinal() for r in rulebook.rules for d in _edges(r)}
        if rulebook.citations is not None:      # a citation's dates change what a decision cites
            edges.update(day.toordinal() for day in rulebook.citations.edges)
        self.breakpoints = sorted(edges)
        # the dates on which what a rule cites changes: a decision's citations depend on no other
        self.citation_edges = sorted(day.toordinal() for day in rulebook.citations.edges) \
            if rulebook.citations is not None else []
        self.citing = {index: rule for index, rule in enumerate(rulebook.rules) if rule.cites_event}
        self.scope_names = [(f"r{index}.scope", f"r{index}", rule) for index, rule in enumerate(rulebook.rules)]
        self.fired: dict[str, frozenset[str]] = {}            # circumstances fact (JSON) -> names it fired
        self.composed: dict[tuple, tuple[Match, int]] = {}    # what the groups and events fired -> Match
        self.match_numbers: dict[Match, int] = {}
        self.pairs: dict[tuple, tuple] = {}                   # (rule id, statuses), one object each
        self.numbers: dict[tuple, int] = {}                   # a part's projections -> its number
        self.event_numbers: dict[tuple, int] = {}             # event facts (JSON) -> their number
        self.engine_calls = 0
        self.cache_hits = 0
        self.groups = self._groups()
        self.events = Group(-1, list(self._event_definitions()))
        for group in self.groups + [self.events]:
            group.handles = _register(group.definitions)
        self.rulesets = {
            TASK: [handle for group in self.groups for handle in group.handles],
            EVENT: self.events.handles,
            CIRCUMSTANCES: _register(list(self._authority_definitions())),
        }

    # ---- building ------------------------------------------------------------------------

    def epoch(self, day: datetime.date) -> int:
        return bisect.bisect_right(self.breakpoints, day.toordinal())

    def _window(self, rule: Rule) -> list[dict]:
        tests = [{"$gte": {"epoch": self.epoch(rule.effective)}}] if rule.effective != datetime.date.min else []
        if rule.until is not None:
            tests.append({"$lt": {"epoch": self.epoch(rule.until + datetime.timedelta(days=1))}})
        return tests

    def _scope(self, rule: Rule) -> list[dict]:
        tests = [{"kind": TASK}] + self._window(rule)
        for key, values in rule.when:
            if key == "location":
                tests.append(_any([{f"loc.{value}": "yes"} for value in values]))
            else:
                tests.append(_any([{key: value} for value in values]))
        return tests

    def _task_definitions(self) -> Iterable[tuple[str, dict]]:
        """Each rule's scope, and each test on the task's facts within that scope."""
        task_specs = {spec.name: spec for spec in self.rulebook.vocabulary.task_facts}
        circumstances = flat_fields(self.rulebook.vocabulary.circumstances)
        for index, rule in enumerate(self.rulebook.rules):
            scope = self._scope(rule)
            yield f"r{index}.scope", {"all": [{"m": {"$and": scope}}]}
            for name, test, mode in _alternatives(f"r{index}", rule.requires):
                if test.subject == "facts":
                    yield name, {"all": [{"m": {"$and": scope + _field_tests(test, task_specs, mode)}}]}
                elif test.subject == "circumstances":
                    # background facts: met only when the scenario states them, never open
                    tests = _field_tests(test, circumstances, MET, prefix=CIRCUMSTANCE_PREFIX)
                    yield name, {"all": [{"m": {"$and": scope + tests}}]}

    def _event_definitions(self) -> Iterable[tuple[str, dict]]:
        """Each test on an event, alone: whether the task is in scope is the task side's answer."""
        kinds = self.rulebook.vocabulary.event_kinds
        for index, rule in enumerate(self.rulebook.rules):
            for name, test, mode in _alternatives(f"r{index}", rule.requires):
                if test.subject == "event":
                    specs = kinds[test.event_kind].testable()
                    reach = {"covered": "yes"} if mode == MET else _any([{"covered": "yes"}, {"covered": UNSTATED}])
                    tests = [{"kind": EVENT}, {"ekind": test.event_kind}, reach] + _field_tests(test, specs, mode)
                    yield name, {"all": [{"m": {"$and": tests}}]}

    def _authority_definitions(self) -> Iterable[tuple[str, dict]]:
        specs = flat_fields(self.rulebook.vocabulary.circumstances)
        for index, authority in enumerate(self.rulebook.authorities):
            for name, test, mode in _alternatives(f"x{index}", authority.triggers):
                tests = [{"kind": CIRCUMSTANCES}] + _field_tests(test, specs, mode)
                yield name, {"all": [{"m": {"$and": tests}}]}

    def _groups(self) -> list[Group]:
        """The task network split by the set of fields its rules test: each group's ruleset
        is given only what its rules test, so few distinct projections reach it."""
        by_fields: dict[frozenset, list[tuple[str, dict]]] = {}
        rule: list[tuple[str, dict]] = []
        for name, definition in self._task_definitions():
            if name.endswith(".scope") and rule:
                by_fields.setdefault(frozenset(tested(rule)), []).extend(rule)
                rule = []
            rule.append((name, definition))
        if rule:
            by_fields.setdefault(frozenset(tested(rule)), []).extend(rule)
        return [Group(number, definitions) for number, definitions in enumerate(by_fields.values())]

    # ---- parts and projections -----------------------------------------------------------

    def part(self, fact: dict) -> Part:
        """A part of a task fact, projected onto every group (numbered once per process)."""
        ids = tuple(group.number_of(fact) for group in self.groups)
        return Part(fact, ids, self.numbers.setdefault(ids, len(self.numbers)))

    def events_part(self, facts: list[dict]) -> Events:
        """The events in effect for a task, each projected and matched alone."""
        jsons = tuple(fact_json(fact) for fact in facts)
        return Events(facts, jsons, self._known_events(facts), self.event_numbers.setdefault(jsons, len(self.event_numbers)))

    def _known_events(self, facts: list[dict]) -> list[frozenset]:
        group = self.events
        keys = [group.signature(fact) for fact in facts]
        missing = {key: group.project(fact) for key, fact in zip(keys, facts) if key not in group.fired}
        if missing:
            with _LOCK:
                for key, names in zip(missing, self._fire(group.handles, list(missing.values()))):
                    group.fired[key] = frozenset(names)
        return [group.fired[key] for key in keys]

    def fire_missing(self, wanted: Iterable[tuple[Part, ...]]) -> None:
        """Fill every group's answers these tasks' parts lack: each missing projection of a
        group goes through that group's rulesets once, in batches."""
        pending: dict[int, dict[tuple, dict]] = {}
        for parts in wanted:
            fact: dict | None = None
            for group, key in zip(self.groups, zip(*(part.ids for part in parts))):
                if key in group.fired or key in pending.get(group.number, ()):
                    continue
                if fact is None:
                    fact = {}
                    for part in parts:
                        fact.update(part.fact)
                pending.setdefault(group.number, {})[key] = group.project(fact)
        with _LOCK:
            for number, facts in pending.items():
                group = self.groups[number]
                for key, names in zip(facts, self._fire(group.handles, list(facts.values()))):
                    group.fired[key] = frozenset(names)

    def match(self, fired: tuple[frozenset, ...], events: Events) -> tuple[Match, int]:
        """The Match for what the task's groups and events fired, and its number (equal
        Matches, equal numbers: a cheap key)."""
        key = (fired, events.fired)
        found = self.composed.get(key)
        if found is None:
            if len(self.composed) >= CACHE_LIMIT:
                self.composed.clear()
            match = self._compose(frozenset().union(events.fired, *fired))
            found = self.composed[key] = (match, self.match_numbers.setdefault(match, len(self.match_numbers)))
        return found

    def trim(self) -> bool:
        """Caches that outgrew CACHE_LIMIT start afresh, between scenarios. True when the
        numbering of parts started afresh too: parts numbered before are then stale."""
        if len(self.fired) > CACHE_LIMIT:
            self.fired.clear()
        groups = self.groups + [self.events]
        if max(len(self.numbers), len(self.event_numbers), len(self.match_numbers)) <= CACHE_LIMIT and all(len(g.fired) <= CACHE_LIMIT and len(g.numbers) <= CACHE_LIMIT
                                                    for g in groups):
            return False
        self.numbers.clear()
        self.event_numbers.clear()
        self.match_numbers.clear()
        self.composed.clear()
        for group in groups:
            group.fired.clear()
            group.numbers.clear()
        return True

    # ---- matching ------------------------------------------------------------------------

    def _fire(self, handles: list[Ruleset] | str, facts: list[dict]) -> list[set[str]]:
        """The rule names each fact fires, asserting the facts in batches and retracting them."""
        if isinstance(handles, str):
            handles = self.rulesets[handles]
        fired: list[set[str]] = [set() for _ in facts]
        with _LOCK:
            for start in range(0, len(facts), BATCH):
                batch = [dict(fact, fid=start + i) for i, fact in enumerate(facts[start:start + BATCH])]
                for ruleset in handles:
                    self._run(ruleset, batch, fired)
        return fired

    def _run(self, ruleset: Ruleset, batch: list[dict], fired: list[set[str]]) -> None:
        durable = _durable()
        handle = ruleset.handle
        payload = _payload(batch)
        self.engine_calls += 1
        try:
            code, state = durable.assert_facts(handle, payload)
            if code == 2 and len(batch) > 1:     # durable took two facts for one (hash identity)
                durable.retract_facts(handle, payload)
                for fact in batch:
                    self._run(ruleset, [fact], fired)
                return
            if code not in (0, 1):               # 1: no rule wanted the fact
                raise CompileError("engine-failed", f"durable_rules refused a fact (code {code})")
            # a fact was taken (code 0): the session state exists, and is deleted with the ruleset.
            # delete_state on a ruleset that only ever answered 1 corrupts the heap (measured)
            ruleset.used = ruleset.used or code == 0
            action = durable.start_action_for_state(handle, state)
            message = action[1] if action else None
            while message:
                name = message[2:message.index('"', 2)]
                found = _FID.search(message)
                fid = int(found.group(1)) if found else -1
                if not batch[0]["fid"] <= fid < batch[0]["fid"] + len(batch):
                    raise CompileError("engine-failed", f"durable_rules fired {name} on an unknown fact")
                fired[fid].add(name)
                message = durable.complete_and_start_action(handle, state)
        except CompileError:
            raise
        except Exception as exc:  # durable raises bare Exception with a numeric code
            raise CompileError("engine-failed", f"durable_rules failed while matching: {exc}") from exc
        finally:
            try:
                durable.retract_facts(handle, payload)
            except Exception:  # already gone: nothing to undo
                pass

    def fresh_match(self, fact: dict, events: list[dict]) -> tuple[Match, list[set[str]]]:
        """The network's answer for one whole, unprojected task fact and its event facts,
        every cache bypassed (the reference); with what each event fired."""
        with _LOCK:
            names = self._fire(TASK, [fact])[0]
            each = self._fire(EVENT, events) if events else []
            for found in each:
                names |= found
            return self._compose(names), each

    def _compose(self, fired: set[str] | frozenset[str]) -> Match:
        """The Match for what fired; its (rule, statuses) pairs are shared between Matches,
        which caches keep by the thousand."""
        applies = []
        shared = self.pairs
        for scope, prefix, rule in self.scope_names:
            if scope in fired:
                pair = (rule.id, _statuses(prefix, rule.requires, fired))
                applies.append(shared.setdefault(pair, pair))
        return Match(tuple(applies))

    def event_citations(self, match: Match, events: list[dict], fired: list) -> dict[str, tuple[str, ...]]:
        """Rule id -> the texts it cites of the events that met its tests (`cites_event`):
        which event met which test is the network's answer for that event alone (`fired`)."""
        if not self.citing or not events:
            return {}
        applied = {rule_id for rule_id, _ in match.applies}
        wanted = {index: rule for index, rule in self.citing.items() if rule.id in applied}
        if not wanted:
            return {}
        found: dict[str, tuple[str, ...]] = {}
        for index, rule in wanted.items():
            kind, name = rule.cites_event
            texts = []
            for event, names in zip(events, fired):
                value = event.get("f_" + name)
                if event.get("ekind") != kind or not isinstance(value, str) or value in (UNSTATED, "none"):
                    continue
                if any(n.startswith(f"r{index}.") and n.endswith(f".{MET}") for n in names) \
                        or not _tests_kind(rule, kind):
                    texts.append(value)
            if texts:
                found[rule.id] = tuple(dict.fromkeys(texts))
        return found

    def cited(self, match: Match, events: Events) -> dict[str, tuple[str, ...]]:
        return self.event_citations(match, events.facts, events.each) \
            if self.citing and events.facts else {}

    def triggers(self, fact: dict) -> list[tuple[str, ...]]:
        """Statuses of each authority's triggers against the scenario's circumstances."""
        key = fact_json(fact)
        with _LOCK:
            fired = self.fired.get(key)
            if fired is None:
                fired = self.fired[key] = frozenset(self._fire(CIRCUMSTANCES, [fact])[0])
        return [_statuses(f"x{index}", authority.triggers, fired)
                for index, authority in enumerate(self.rulebook.authorities)]


def _register(definitions: list[tuple[str, dict]]) -> list[Ruleset]:
    """Rulesets of at most CHUNK definitions, named by the digest of what they compile to:
    one already registered with the same definitions is shared."""
    durable = _durable()
    rulesets = []
    for start in range(0, len(definitions), CHUNK):
        text = json.dumps(dict(definitions[start:start + CHUNK]), sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:32]
        with _LOCK:
            found = _RULESETS.get(digest)
            if found is None:
                try:
                    found = Ruleset(durable.create_ruleset(f"comitatus_{digest}", text), digest)
                except Exception as exc:  # durable raises bare Exception with a numeric code
                    raise CompileError("compile-failed", f"durable_rules refused ruleset {digest}: {exc}") from exc
                _RULESETS[digest] = found
        rulesets.append(found)
    return rulesets


def _payload(batch: list[dict]) -> str:
    """The batch as JSON for durable_rules: orjson when the text is ASCII (the same values,
    written compactly, several times faster), else json.dumps, whose escapes the rulesets'
    own JSON uses too."""
    try:
        text = orjson.dumps(batch).decode()
    except orjson.JSONEncodeError:      # a value orjson does not write (an integer past 64 bits)
        return json.dumps(batch)
    return text if text.isascii() else json.dumps(batch)


def _alternatives(prefix: str, requirements: tuple[Requirement, ...]) -> Iterable[tuple[str, Test, str]]:
    for number, requirement in enumerate(requirements):
        for alt, test in enumerate(requirement.alternatives):
            for mode in (MET, OPEN):
                yield f"{prefix}.q{number}.a{alt}.{mode}", test, mode


def _statuses(prefix: str, requirements: tuple[Requirement, ...], fired: set[str]) -> tuple[str, ...]:
    result = []
    for number, requirement in enumerate(requirements):
        alts = range(len(requirement.alternatives))
        if any(f"{prefix}.q{number}.a{a}.{MET}" in fired for a in alts):
            result.append(MET)
        elif any(f"{prefix}.q{number}.a{a}.{OPEN}" in fired for a in alts):
            result.append(OPEN)
        else:
            result.append(UNMET)
    return tuple(result)


def _tests_kind(rule: Rule, kind: str) -> bool:
    return any(test.subject == "event" and test.event_kind == kind
               for requirement in rule.requires for test in requirement.alternatives)


def _edges(rule: Rule) -> list[datetime.date]:
    edges = [rule.effective] if rule.effective != datetime.date.min else []
    if rule.until is not None:
        edges.append(rule.until + datetime.timedelta(days=1))
    return edges


def _any(tests: list[dict]) -> dict:
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _value(spec: FieldSpec | None, value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _field_tests(test: Test, specs: dict[str, FieldSpec], mode: str, prefix: str = "f_") -> list[dict]:
    """Each field must take one of its values; in OPEN mode 'unstated' is accepted too."""
    tests = []
    for name, values in test.fields:
        spec = specs.get(name)
        field = name if name.startswith(OWNED) else prefix + name
        if spec is not None and spec.type == "words":
            options = [{"$iany": {field: {"$i": _value(spec, v)}}} for v in values]
        elif spec is not None and spec.type == "citation":
            options = [{"$iany": {field: {"$i": normalize(v)}}} for v in values]
        else:
            options = [{field: _value(spec, v)} for v in values]
        if mode == OPEN:
            options.append({field: UNSTATED})
        tests.append(_any(options))
    return tests
