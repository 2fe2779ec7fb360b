"""The one seam to durable_rules: rules become Rete networks, facts go in, firings come out.

durable_rules keeps process-wide state, cannot drop or replace a ruleset, is not thread
safe, loops forever on patterns the session state can satisfy, and fails past 64 alpha
siblings. So: one private Host per process, rulesets named by rulebook digest and compiled
once, every pattern anchored on a positive `kind` test, at most CHUNK durable rules per
ruleset, one lock around every call, and facts retracted after each match.
"""
from __future__ import annotations

import bisect
import copy
import datetime
import itertools
import json
import threading
from dataclasses import dataclass
from typing import Any, Iterable

from .citations import normalize
from .errors import CompileError
from .facts import UNSTATED
from .model import FieldSpec, Requirement, Rule, Rulebook, Test

CHUNK = 40                 # durable rules per ruleset: well under the 64-sibling stack limit
CACHE_LIMIT = 100_000      # decisions kept per compiled rulebook
_LOCK = threading.RLock()
_HOST = None
_COMPILED: dict[str, "CompiledRulebook"] = {}
_TKEYS = itertools.count(1)

MET, OPEN, UNMET = "met", "open", "unmet"


def _host() -> Any:
    global _HOST
    if _HOST is None:
        from durable import engine as durable_engine
        _HOST = durable_engine.Host()
    return _HOST


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
    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.breakpoints = sorted({d.toordinal() for r in rulebook.rules for d in _edges(r)})
        self.sink: list[str] = []
        self.cache: dict[str, Any] = {}
        self.engine_calls = 0
        self.cache_hits = 0
        definitions = list(self._task_definitions()) + list(self._authority_definitions())
        self.rulesets = self._register(definitions)

    # ---- building ------------------------------------------------------------------------

    def epoch(self, day: datetime.date) -> int:
        return bisect.bisect_right(self.breakpoints, day.toordinal())

    def _window(self, rule: Rule) -> list[dict]:
        tests = [{"$gte": {"epoch": self.epoch(rule.effective)}}] if rule.effective != datetime.date.min else []
        if rule.until is not None:
            tests.append({"$lt": {"epoch": self.epoch(rule.until + datetime.timedelta(days=1))}})
        return tests

    def _scope(self, rule: Rule) -> list[dict]:
        tests = [{"kind": "task"}] + self._window(rule)
        for key, values in rule.when:
            if key == "location":
                tests.append(_any([{f"loc.{value}": "yes"} for value in values]))
            else:
                tests.append(_any([{key: value} for value in values]))
        return tests

    def _task_definitions(self) -> Iterable[tuple[str, dict]]:
        vocabulary = self.rulebook.vocabulary
        task_specs = {spec.name: spec for spec in vocabulary.task_facts}
        for index, rule in enumerate(self.rulebook.rules):
            scope = self._scope(rule)
            yield f"r{index}.scope", {"all": [{"m": {"$and": scope}}]}
            for number, requirement in enumerate(rule.requires):
                for alt, test in enumerate(requirement.alternatives):
                    for mode in (MET, OPEN):
                        name = f"r{index}.q{number}.a{alt}.{mode}"
                        if test.subject == "event":
                            specs = _flat(vocabulary.event_kinds[test.event_kind].fields)
                            event = [{"kind": "event"}, {"ekind": test.event_kind}, {"tkey": {"t": "tkey"}}]
                            event += _field_tests(test, specs, mode)
                            yield name, {"all": [{"t": {"$and": scope}}, {"e": {"$and": event}}]}
                        else:
                            yield name, {"all": [{"m": {"$and": scope + _field_tests(test, task_specs, mode)}}]}

    def _authority_definitions(self) -> Iterable[tuple[str, dict]]:
        specs = _flat(self.rulebook.vocabulary.circumstances)
        for index, authority in enumerate(self.rulebook.authorities):
            for number, requirement in enumerate(authority.triggers):
                for alt, test in enumerate(requirement.alternatives):
                    for mode in (MET, OPEN):
                        tests = [{"kind": "circumstances"}] + _field_tests(test, specs, mode)
                        yield f"x{index}.q{number}.a{alt}.{mode}", {"all": [{"m": {"$and": tests}}]}

    def _register(self, definitions: list[tuple[str, dict]]) -> list[str]:
        host = _host()
        names = []
        tag = self.rulebook.digest.split(":")[-1][:16]
        sentinels = [("sentinel.task", {"all": [{"m": {"kind": "task"}}]}),
                     ("sentinel.event", {"all": [{"m": {"kind": "event"}}]}),
                     ("sentinel.circumstances", {"all": [{"m": {"kind": "circumstances"}}]})]
        for number, start in enumerate(range(0, max(len(definitions), 1), CHUNK)):
            chunk = definitions[start:start + CHUNK] + sentinels
            ruleset = {name: dict(copy.deepcopy(body), run=self._action(name)) for name, body in chunk}
            name = f"comitatus_{tag}_{number}"
            try:
                host.set_rulesets({name: ruleset})
            except Exception as exc:  # durable raises bare Exception with a numeric code
                raise CompileError("compile-failed", f"durable_rules refused ruleset {name}: {exc}") from exc
            names.append(name)
        return names

    def _action(self, name: str) -> Any:
        sink = self.sink

        def fired(_closure: Any) -> None:
            sink.append(name)
        return fired

    # ---- matching ------------------------------------------------------------------------

    def _fire(self, facts: list[dict]) -> set[str]:
        host = _host()
        self.sink.clear()
        for ruleset in self.rulesets:
            self.engine_calls += 1
            try:
                result = host.assert_facts(ruleset, facts)
                if isinstance(result, dict) and "exception" in result:
                    raise CompileError("engine-failed", f"a rule action failed: {result['exception']}")
            except CompileError:
                raise
            except Exception as exc:
                raise CompileError("engine-failed", f"durable_rules failed while matching: {exc}") from exc
            finally:
                for fact in facts:
                    try:
                        host.retract_fact(ruleset, fact)
                    except Exception:  # already gone: nothing to undo
                        pass
        return {name for name in self.sink if not name.startswith("sentinel.")}

    def match(self, key: str, fact: dict, events: list[dict]) -> Match:
        """Statuses of every rule in scope for one task, from the cache or the network."""
        with _LOCK:
            found = self.cache.get(key)
            if found is not None:
                self.cache_hits += 1
                return found
            tkey = f"t{next(_TKEYS)}"
            facts = [dict(fact, tkey=tkey)] + [dict(e, tkey=tkey, n=i) for i, e in enumerate(events)]
            fired = self._fire(facts)
            applies = []
            for index, rule in enumerate(self.rulebook.rules):
                if f"r{index}.scope" in fired:
                    applies.append((rule.id, _statuses(f"r{index}", rule.requires, fired)))
            found = Match(tuple(applies))
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = found
            return found

    def triggers(self, fact: dict) -> list[tuple[str, ...]]:
        """Statuses of each authority's triggers against the scenario's circumstances."""
        key = json.dumps(fact, sort_keys=True)
        with _LOCK:
            found = self.cache.get(key)
            if found is None:
                fired = self._fire([dict(fact, ckey=f"c{next(_TKEYS)}")])
                found = [_statuses(f"x{index}", authority.triggers, fired)
                         for index, authority in enumerate(self.rulebook.authorities)]
                self.cache[key] = found
            else:
                self.cache_hits += 1
            return found


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


def _field_tests(test: Test, specs: dict[str, FieldSpec], mode: str) -> list[dict]:
    """Each field must take one of its values; in OPEN mode 'unstated' is accepted too."""
    tests = []
    for name, values in test.fields:
        spec = specs.get(name)
        field = "f_" + name
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


def _flat(specs: tuple[FieldSpec, ...], prefix: str = "") -> dict[str, FieldSpec]:
    result = {}
    for spec in specs:
        if spec.type == "mapping":
            result.update(_flat(spec.fields, prefix + spec.name + "."))
        else:
            result[prefix + spec.name] = spec
    return result
