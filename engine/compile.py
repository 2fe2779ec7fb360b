"""The one seam to durable_rules: rules become Rete networks, facts go in, firings come out.

durable_rules keeps process-wide state, cannot drop or replace a ruleset, is not thread
safe, loops forever on patterns the session state can satisfy, and fails past 64 alpha
siblings. So: rulesets named by rulebook digest and compiled once, every pattern anchored
on a positive `kind` test, at most CHUNK durable rules per ruleset, one lock around every
call, and facts retracted after each batch.

Speed (see bench/): the network is split by subject. A rule's scope and its tests on the
task's own facts are patterns over the task fact; its tests on events are patterns over
one event fact each. "Some event in effect for the task meets the test" is then the union
of what the task's events fired, so each distinct task fact and each distinct event fact
goes through the network once per process, in batches, and a task's Match is composed
from the two cached firing sets. durable_rules' C engine is driven directly (assert,
drain the fired actions, retract): its Python Host runs a Python callback with JSON
round trips for every firing and starts timer threads we do not need.
"""
from __future__ import annotations

import bisect
import datetime
import itertools
import json
import re
import threading
from dataclasses import dataclass
from typing import Any, Iterable

import orjson

from .citations import normalize
from .errors import CompileError
from .limits import CHUNK
from .facts import CIRCUMSTANCE_PREFIX, UNSTATED, Facts, fact_json
from .model import FieldSpec, Requirement, Rule, Rulebook, Test, flat_fields

BATCH = 128                # facts asserted together: far below durable's identity-hash collision range
CACHE_LIMIT = 20_000       # entries kept per cache (one 100,000-task year fits); then it starts afresh
CONTEXT_LIMIT = 16         # scenario contexts whose task classes are kept (a sweep, a re-check)
RESOLVED_LIMIT = 4_096     # distinct matches whose reasoning is kept (a 100,000-task year has 664)
_LOCK = threading.RLock()
_COMPILED: dict[str, "CompiledRulebook"] = {}
_NAMES = itertools.count(1)
_FID = re.compile(r'"fid":\s*(\d+)\s*[,}]')

MET, OPEN, UNMET = "met", "open", "unmet"
OWNED = ("force.", "location.")       # the force's and the place's own facts, nested in the task fact
TASK, EVENT, CIRCUMSTANCES = "task", "event", "circumstances"


def _durable() -> Any:
    import durable_rules_engine
    return durable_rules_engine


@dataclass(frozen=True, slots=True)
class Match:
    """What the network found for one task: rule id -> status of each requirement."""
    applies: tuple[tuple[str, tuple[str, ...]], ...]


def compiled(rulebook: Rulebook) -> "CompiledRulebook":
    """The compiled network for this rulebook; built once per digest per process."""
    with _LOCK:
        found = _COMPILED.get(rulebook.digest)
        if found is None:
            found = CompiledRulebook(rulebook)
            _COMPILED[rulebook.digest] = found
        return found


class CompiledRulebook:
    """The rulebook's network, and every answer it gave, keyed by the facts it was given.

    `engine_calls` counts calls into durable_rules (assert and retract), `cache_hits` the
    matches answered without it; `decisions` is evaluate.py's cache of resolved decisions.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        edges = {d.toordinal() for r in rulebook.rules for d in _edges(r)}
        if rulebook.citations is not None:      # a citation's dates change what a decision cites
            edges.update(day.toordinal() for day in rulebook.citations.edges)
        self.breakpoints = sorted(edges)
        self.citing = {index: rule for index, rule in enumerate(rulebook.rules) if rule.cites_event}
        self.cache: dict[Any, Match] = {}                     # fact key -> Match
        self.fired: dict[str, frozenset[str]] = {}            # one fact (JSON) -> names it fired
        self.composed: dict[frozenset, Match] = {}            # names fired -> Match (shared)
        self.decisions: dict[Any, Any] = {}                   # fact key -> decision template
        self.resolved: dict[Match, Any] = {}                  # Match -> decision (facts aside)
        self.contexts: dict[tuple, Any] = {}                  # a scenario minus its tasks -> its classes
        self.pairs: dict[tuple, tuple] = {}                   # (rule id, statuses), one object each
        self.engine_calls = 0
        self.cache_hits = 0
        tag = rulebook.digest.split(":")[-1][:16]
        self.rulesets = {
            TASK: self._register(f"{tag}_t", list(self._task_definitions())),
            EVENT: self._register(f"{tag}_e", list(self._event_definitions())),
            CIRCUMSTANCES: self._register(f"{tag}_c", list(self._authority_definitions())),
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

    def _register(self, tag: str, definitions: list[tuple[str, dict]]) -> list[Any]:
        durable = _durable()
        handles = []
        for start in range(0, len(definitions), CHUNK):
            chunk = dict(definitions[start:start + CHUNK])
            name = f"comitatus_{tag}_{len(handles)}_{next(_NAMES)}"
            try:
                with _LOCK:
                    handles.append(durable.create_ruleset(name, json.dumps(chunk)))
            except Exception as exc:  # durable raises bare Exception with a numeric code
                raise CompileError("compile-failed", f"durable_rules refused ruleset {name}: {exc}") from exc
        return handles

    # ---- matching ------------------------------------------------------------------------

    def _fire(self, subject: str, facts: list[dict]) -> list[set[str]]:
        """The rule names each fact fires, asserting the facts in batches and retracting them."""
        fired: list[set[str]] = [set() for _ in facts]
        with _LOCK:
            for start in range(0, len(facts), BATCH):
                batch = [dict(fact, fid=start + i) for i, fact in enumerate(facts[start:start + BATCH])]
                for handle in self.rulesets[subject]:
                    self._run(handle, batch, fired)
        return fired

    def _run(self, handle: Any, batch: list[dict], fired: list[set[str]]) -> None:
        durable = _durable()
        payload = _payload(batch)
        self.engine_calls += 1
        try:
            code, state = durable.assert_facts(handle, payload)
            if code == 2 and len(batch) > 1:     # durable took two facts for one (hash identity)
                durable.retract_facts(handle, payload)
                for fact in batch:
                    self._run(handle, [fact], fired)
                return
            if code not in (0, 1):               # 1: no rule wanted the fact
                raise CompileError("engine-failed", f"durable_rules refused a fact (code {code})")
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

    def _known(self, subject: str, facts: list[dict], keys: list[str]) -> list[frozenset[str]]:
        """What each fact (with its canonical JSON) fires: from the cache, misses in one batch."""
        known = {key: self.fired[key] for key in keys if key in self.fired}
        missing = {key: fact for key, fact in zip(keys, facts) if key not in known}
        if missing:
            if len(self.fired) + len(missing) > CACHE_LIMIT:
                self.fired.clear()
            for key, names in zip(missing, self._fire(subject, list(missing.values()))):
                self.fired[key] = known[key] = frozenset(names)
        return [known[key] for key in keys]

    def match_many(self, items: Iterable[Facts]) -> dict[Any, Match]:
        """Matches for many tasks at once, by fact key; every new fact goes in one batch."""
        with _LOCK:
            return self._match_many(list(items))

    def _match_many(self, items: list[Facts]) -> dict[Any, Match]:
        result: dict[Any, Match] = {}
        todo: dict[Any, Facts] = {}
        for item in items:
            found = self.cache.get(item.key)
            if found is not None:
                self.cache_hits += 1
                result[item.key] = found
            else:
                todo[item.key] = item
        if not todo:
            return result
        tasks = self._known(TASK, [i.fact for i in todo.values()], [i.fact_json for i in todo.values()])
        events = self._known(EVENT, [e for i in todo.values() for e in i.events],
                             [e for i in todo.values() for e in i.event_jsons])
        if len(self.cache) + len(todo) > CACHE_LIMIT:
            self.cache.clear()
            self.composed.clear()
        position = 0
        for (key, item), task_names in zip(todo.items(), tasks):
            names = set(task_names)
            for found in events[position:position + len(item.events)]:
                names |= found
            position += len(item.events)
            names = frozenset(names)
            found = self.composed.get(names)
            if found is None:
                found = self.composed[names] = self._compose(names)
            self.cache[key] = result[key] = found
        return result

    def fresh_match(self, fact: dict, events: list[dict]) -> Match:
        """The network's answer for one task with every cache bypassed (the reference)."""
        with _LOCK:
            names = self._fire(TASK, [fact])[0]
            for found in self._fire(EVENT, events) if events else []:
                names |= found
            return self._compose(names)

    def _compose(self, fired: set[str]) -> Match:
        """The Match for what fired; its (rule, statuses) pairs are shared between Matches,
        which caches keep by the thousand."""
        applies = []
        shared = self.pairs
        for index, rule in enumerate(self.rulebook.rules):
            if f"r{index}.scope" in fired:
                pair = (rule.id, _statuses(f"r{index}", rule.requires, fired))
                applies.append(shared.setdefault(pair, pair))
        return Match(tuple(applies))

    def event_citations(self, match: Match, events: list[dict], event_jsons: tuple[str, ...] | None = None
                        ) -> dict[str, tuple[str, ...]]:
        """Rule id -> the texts it cites of the events that met its tests (`cites_event`):
        which event met which test is the network's answer for that event alone."""
        if not self.citing or not events:
            return {}
        applied = {rule_id for rule_id, _ in match.applies}
        wanted = {index: rule for index, rule in self.citing.items() if rule.id in applied}
        if not wanted:
            return {}
        keys = list(event_jsons) if event_jsons is not None else [fact_json(e) for e in events]
        with _LOCK:
            fired = self._known(EVENT, events, keys)
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

    def triggers(self, fact: dict) -> list[tuple[str, ...]]:
        """Statuses of each authority's triggers against the scenario's circumstances."""
        with _LOCK:
            (fired,) = self._known(CIRCUMSTANCES, [fact], [fact_json(fact)])
        return [_statuses(f"x{index}", authority.triggers, fired)
                for index, authority in enumerate(self.rulebook.authorities)]


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
