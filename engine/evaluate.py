"""The pipeline: read a scenario, match every task in the network, decide, report."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import hashlib
import json
import math
import os
from typing import Any, Mapping

from .compile import CACHE_LIMIT, CONTEXT_LIMIT, RESOLVED_LIMIT, CompiledRulebook, compiled
from .errors import ScenarioError, SourceLocation, one_line, shown
from .facts import FactBuilder, Facts, circumstance_fact, task_facts
from .model import AuthorityStatus, Decision, Rulebook, Scenario, Task
from .report import Report
from .explain import decide
from .rulebook import load_rulebook
from .validate import read_scenario
from .dates import MAX_DATE, MIN_DATE, as_date
from .read import BAD_TEXT, DEFAULT_MAX_BYTES, MAX_DEPTH, MAX_INT, Document, bad_text_message, load_file
from .timeline import windows

_DEFAULT: dict[str, Rulebook] = {}


def default_rulebook() -> Rulebook:
    if "rules" not in _DEFAULT:
        _DEFAULT["rules"] = load_rulebook()
    return _DEFAULT["rules"]


def load_scenario(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Scenario:
    """A validated Scenario from a path or an already-parsed mapping (format checks only).

    Whatever a caller passes, the answer is a Scenario or a ComitatusError: a mapping is held
    to what a file may contain (text, whole numbers, finite numbers, booleans, null, dates,
    lists and mappings with text keys; no controls or lone surrogates in text), and an error
    in it is located by its path, as `<mapping>:tasks[3].activity`.
    """
    rulebook = _rulebook(rulebook)
    as_of = _as_of(as_of)
    return read_scenario(_document(source, _max_bytes(max_bytes)), rulebook.vocabulary, as_of)


def check(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Check one scenario (a path, or a mapping shaped like a scenario file)."""
    rulebook = _rulebook(rulebook)
    as_of = _as_of(as_of)
    with gc_paused():
        scenario = load_scenario(source, rulebook, as_of=as_of, max_bytes=max_bytes)
        return evaluate(scenario, rulebook)


@contextlib.contextmanager
def gc_paused():
    """The cyclic garbage collector off meanwhile (reference counting still frees).

    Reading and deciding a large scenario makes hundreds of thousands of small acyclic
    objects (tasks, positions, decisions); each automatic collection would walk the whole
    growing heap, a quarter of the time of validating 100,000 tasks.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def evaluate(scenario: Scenario, rulebook: Rulebook, *, cached: bool = True) -> Report:
    """Decisions, windows and authorities for a validated scenario: a pure function of both.

    A decision depends only on the facts the network sees, so tasks of one class (same
    shape, dates no scenario or rulebook date separates) share one; the compiled rulebook
    keeps decisions by fact key across scenarios. `cached=False` builds every task's facts,
    match and decision afresh: the reference the caches are tested against.
    """
    if not isinstance(scenario, Scenario):
        raise ScenarioError("bad-argument", f"evaluate takes an engine.Scenario (from load_scenario), "
                            f"found {_kind(scenario)}")
    rulebook = _rulebook(rulebook)
    network = compiled(rulebook)
    vocabulary = rulebook.vocabulary
    decide_all = _decide_all if cached else _decide_each
    decisions = decide_all(scenario, rulebook, network)
    day = scenario.as_of
    statuses = network.triggers(circumstance_fact(scenario, vocabulary, day)) if rulebook.authorities else []
    authorities = tuple(
        AuthorityStatus(a.authority, a.section, all(s == "met" for s in marks),
                        tuple(req.says for req, s in zip(a.triggers, marks) if s != "met"), a.citations, a.id)
        for a, marks in zip(rulebook.authorities, statuses))
    return Report(scenario, rulebook, day, tuple(decisions), windows(scenario, vocabulary, day), authorities)


def _decide_each(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    result = []
    for task in scenario.tasks:
        fact, events = task_facts(scenario, task, rulebook.vocabulary, network.epoch(task.date))
        match = network.fresh_match(fact, events)
        extra = network.event_citations(match, events)
        result.append(decide(rulebook, task, match, MatchedFacts(fact, events), extra=extra))
    return result


def _decide_all(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    """Facts once per class of tasks, a match once per new fact key (all in one batch)."""
    with gc_paused():
        return _decide_classes(scenario, rulebook, network)


def _decide_classes(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    """A Decision per task, from its class's shared fields.

    Classes are kept per context (everything in a scenario but its tasks): re-checking a
    scenario, or another with the same forces, places, events, circumstances and as_of,
    builds no facts for a class it has seen.
    """
    builder, known = _context(scenario, rulebook, network)
    tasks = scenario.tasks
    number: dict[tuple, int] = {}                      # class key -> class number, in first-seen order
    classes = [number.setdefault(builder.key(task), len(number)) for task in tasks]
    templates: list = [known.get(key) for key in number]   # the fields a class's decisions share
    matched = 0
    if None in templates:
        matched = _decide_new(tasks, classes, list(number), templates, builder, rulebook, network)
        if len(known) + len(number) > CACHE_LIMIT:
            known.clear()
        known.update(zip(number, templates))
    network.cache_hits += len(tasks) - matched
    return [Decision(task.id, task.force, task.activity, task.date, *templates[index],
                     activity_as_written=task.written) for index, task in zip(classes, tasks)]


def _context(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> tuple[FactBuilder, dict]:
    """The fact builder and known classes for the scenario's context (its tasks aside)."""
    context = (scenario.as_of, scenario.forces, scenario.locations, scenario.events, scenario.circumstances,
               scenario.circumstances_given)
    found = network.contexts.get(context)
    if found is None:
        if len(network.contexts) >= CONTEXT_LIMIT:
            network.contexts.clear()
        bare = dataclasses.replace(scenario, tasks=())     # the builder must not keep the tasks alive
        found = network.contexts[context] = (FactBuilder(bare, rulebook.vocabulary, network.breakpoints), {})
    return found


def _decide_new(tasks: tuple[Task, ...], classes: list[int], keys: list[tuple], templates: list,
                builder: FactBuilder, rulebook: Rulebook, network: CompiledRulebook) -> int:
    """Fill the classes not yet known: facts once per class, one batch through the network;
    how many new fact keys it matched."""
    first: list = [None] * len(keys)
    for index, task in zip(classes, tasks):
        if first[index] is None and templates[index] is None:
            first[index] = task
    pending: dict[tuple, tuple[Facts, list[int]]] = {}
    for index, (key, task) in enumerate(zip(keys, first)):
        if task is None:
            continue
        facts = builder.facts(task, key)
        found = network.decisions.get(facts.key)
        if found is not None:
            templates[index] = found
        elif facts.key in pending:
            pending[facts.key][1].append(index)
        else:
            pending[facts.key] = (facts, [index])
    matches = network.match_many(facts for facts, _ in pending.values())
    if len(network.decisions) + len(pending) > CACHE_LIMIT:
        network.decisions.clear()
    if len(network.resolved) > RESOLVED_LIMIT:
        network.resolved.clear()
    for fkey, (facts, indexes) in pending.items():
        match = matches[fkey]
        extra = network.event_citations(match, facts.events, facts.event_jsons)
        # same match, era of citations and cited events: same reasoning; only facts differ
        reason_key = (match, facts.fact["epoch"], tuple(sorted(extra.items())))
        reasoning = network.resolved.get(reason_key)
        if reasoning is None:
            made = decide(rulebook, first[indexes[0]], match, extra=extra)
            reasoning = network.resolved[reason_key] = _rest(made)[:-1]
        shared = network.decisions[fkey] = reasoning + (MatchedFacts(facts.fact, facts.events),)
        for index in indexes:
            templates[index] = shared
    return len(pending)


_FIELDS = tuple(f.name for f in dataclasses.fields(Decision))
_OWN = ("task", "force", "activity", "date")    # what a decision takes from its task, not its facts
_SHARED = _FIELDS[len(_OWN):_FIELDS.index("_facts") + 1]
assert _FIELDS[:len(_OWN)] == _OWN and _SHARED[-1] == "_facts", "Decision: the task's fields, ..., its facts"


def _rest(template: Decision) -> tuple:
    """The fields a class's decision shares with every task of the class (its facts last)."""
    return tuple(getattr(template, name) for name in _SHARED)


class MatchedFacts:
    """The facts a decision was matched against, turned into readable pairs only when read.

    Most decisions are never explained; building the pairs for every class of a large
    scenario cost a fifth of the evaluation. Iterates as (name, value) pairs; equal when the
    facts are equal.
    """

    __slots__ = ("_fact", "_events", "_pairs")

    def __init__(self, fact: dict, events: list[dict]) -> None:
        self._fact, self._events, self._pairs = fact, events, None

    def pairs(self) -> tuple:
        if self._pairs is None:
            self._pairs = _explain_facts(self._fact, self._events)
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


# ---- what a library caller passes ---------------------------------------------------------

MAPPING = "<mapping>"


def _rulebook(rulebook: Any) -> Rulebook:
    if rulebook is None:
        return default_rulebook()
    if not isinstance(rulebook, Rulebook):
        raise ScenarioError("bad-argument", f"rulebook must be an engine.Rulebook (from load_rulebook), "
                            f"found {_kind(rulebook)}")
    return rulebook


def _as_of(value: Any) -> datetime.date | None:
    """None, a date, or its YYYY-MM-DD text, inside the dates a file may hold."""
    if value is None:
        return None
    day = as_date(value) if not isinstance(value, datetime.datetime) else None
    if day is None:
        found = shown(value) if isinstance(value, str) else value.isoformat() \
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) else _kind(value)
        raise ScenarioError("bad-date", f"as_of must be a date YYYY-MM-DD between {MIN_DATE} and {MAX_DATE}, "
                            f"found {found}", where=SourceLocation("<as_of>"))
    return day


def _max_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScenarioError("bad-argument", f"max_bytes must be a positive whole number, found "
                            f"{shown(value) if isinstance(value, (int, str)) else _kind(value)}")
    return value


def _kind(value: Any) -> str:
    return f"a value of type '{one_line(type(value).__name__)}'"


def _document(source: Any, max_bytes: int) -> Document:
    if isinstance(source, Mapping):
        data = _plain(source, ())
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return _MappingDocument(MAPPING, data, "sha256:" + hashlib.sha256(raw).hexdigest())
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not isinstance(path, str) or "\x00" in path:
            raise ScenarioError("bad-argument", f"cannot read a path {shown(path)}: give text without NUL")
        return load_file(path, ScenarioError, max_bytes)
    raise ScenarioError("bad-source", f"cannot check {_kind(source)}: give a path or a mapping")


class _MappingDocument(Document):
    """A caller's mapping: no lines and columns, so errors are located by path."""

    __slots__ = ()

    def where(self, path: tuple, *, key: bool = False) -> SourceLocation:
        return SourceLocation(_place(path))


def _place(path: tuple) -> str:
    """`<mapping>:tasks[3].activity`: the way to a value, as a reader would write it."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return f"{MAPPING}:{one_line(text)}" if text else MAPPING


def _plain(value: Any, path: tuple) -> Any:
    """A caller's value as a file would give it (dates as ISO text), or a located refusal:
    deeper than a file may be (or cyclic), a key that is not text, a value no file can hold."""
    if len(path) >= MAX_DEPTH:
        raise ScenarioError("too-deep", f"the mapping nests deeper than {MAX_DEPTH} levels (or refers "
                            "to itself)", where=SourceLocation(_place(path[:8]) + "..."))
    if isinstance(value, str):
        return _text(value, path)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            digits = int(value.bit_length() * 0.30103) + 1     # never printed: it may have 100,000 digits
            raise ScenarioError("bad-number", f"a whole number of about {digits} digits is too large "
                                f"(at most {MAX_INT})", where=SourceLocation(_place(path)))
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ScenarioError("bad-number", f"{value} is not a finite number", where=SourceLocation(_place(path)))
        return float(value)
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ScenarioError("bad-key", f"mapping keys must be text, found {_kind(key)}",
                                    where=SourceLocation(_place(path)))
            result[_text(key, path + (key,))] = _plain(item, path + (key,))
        return result
    if isinstance(value, (list, tuple)):
        return [_plain(item, path + (index,)) for index, item in enumerate(value)]
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")          # a date with a time: refused as a file's would be
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise ScenarioError("wrong-type", f"{_kind(value)} cannot appear in a scenario: use text, numbers, "
                        "booleans, null, dates, lists and mappings", where=SourceLocation(_place(path)))


def _text(value: str, path: tuple) -> str:
    bad = BAD_TEXT.search(value)
    if bad:
        raise ScenarioError("bad-text", bad_text_message(bad.group()), where=SourceLocation(_place(path)))
    return str(value)
