"""The pipeline: read a scenario, match every task in the network, decide, report."""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from typing import Any, Mapping

from .compile import compiled
from .errors import ScenarioError
from .facts import circumstance_fact, fact_key, task_facts
from .model import AuthorityStatus, Rulebook, Scenario
from .report import Report
from .resolve import decide
from .rulebook import load_rulebook
from .scenario import read_scenario
from .source import DEFAULT_MAX_BYTES, Document, load_file
from .timeline import windows

_DEFAULT: dict[str, Rulebook] = {}


def default_rulebook() -> Rulebook:
    if "rules" not in _DEFAULT:
        _DEFAULT["rules"] = load_rulebook()
    return _DEFAULT["rules"]


def load_scenario(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Scenario:
    """A validated Scenario from a path or an already-parsed mapping (format checks only)."""
    rulebook = rulebook or default_rulebook()
    return read_scenario(_document(source, max_bytes), rulebook.vocabulary, as_of)


def check(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Check one scenario (a path, or a mapping shaped like a scenario file)."""
    rulebook = rulebook or default_rulebook()
    if isinstance(as_of, str):
        as_of = datetime.date.fromisoformat(as_of)
    scenario = load_scenario(source, rulebook, as_of=as_of, max_bytes=max_bytes)
    return evaluate(scenario, rulebook)


def evaluate(scenario: Scenario, rulebook: Rulebook) -> Report:
    """Decisions, windows and authorities for a validated scenario: a pure function of both."""
    network = compiled(rulebook)
    vocabulary = rulebook.vocabulary
    decisions = []
    for task in scenario.tasks:
        fact, events = task_facts(scenario, task, vocabulary, network.epoch(task.date))
        match = network.match(fact_key(fact, events), fact, events)
        decisions.append(decide(rulebook, task, match, _explain_facts(fact, events)))
    day = scenario.as_of
    statuses = network.triggers(circumstance_fact(scenario, vocabulary, day)) if rulebook.authorities else []
    authorities = tuple(
        AuthorityStatus(a.authority, a.section, all(s == "met" for s in marks),
                        tuple(req.says for req, s in zip(a.triggers, marks) if s != "met"), a.citations, a.id)
        for a, marks in zip(rulebook.authorities, statuses))
    return Report(scenario, rulebook, day, tuple(decisions), windows(scenario, vocabulary, day), authorities)


def _explain_facts(fact: dict, events: list[dict]) -> tuple:
    shown = [(k, v) for k, v in sorted(fact.items()) if k not in ("kind",)]
    shown += [(f"event[{i}]", {k: v for k, v in sorted(e.items()) if k != "kind"}) for i, e in enumerate(events)]
    return tuple((k, tuple(v) if isinstance(v, list) else v) if not isinstance(v, dict) else (k, _freeze(v))
                 for k, v in shown)


def _freeze(value: dict) -> tuple:
    return tuple(sorted((k, _freeze(v) if isinstance(v, dict) else tuple(v) if isinstance(v, list) else v)
                        for k, v in value.items()))


def _document(source: Any, max_bytes: int) -> Document:
    if isinstance(source, Mapping):
        data = _plain(source)
        raw = json.dumps(data, sort_keys=True, default=str).encode()
        return Document("<mapping>", data, "sha256:" + hashlib.sha256(raw).hexdigest())
    if isinstance(source, (str, os.PathLike)):
        return load_file(os.fspath(source), ScenarioError, max_bytes)
    raise ScenarioError("bad-source", f"cannot check a {type(source).__name__}: give a path or a mapping")


def _plain(value: Any) -> Any:
    """A caller's mapping with dates as ISO text, as a file would give them."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value
