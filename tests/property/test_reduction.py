"""Deciding each distinct situation once (engine/memo.py) changes no decision.

The reduced path projects every task onto what the compiled rules test, asks each group of
rules once per distinct projection and reuses a situation's reasoning; the reference
(`evaluate(..., cached=False)`) sends every task's whole, unprojected facts through every
ruleset and resolves every task afresh. Both must give the same decisions (verdict, rule,
citations, reasons, overridden, conditions, readings, obligations, remedies), the same
facts for explain, and the same JSON, byte for byte, over generated scenarios (a fixed seed)
and every bundled scenario.
"""
from __future__ import annotations

import glob
import importlib.util
import os

import pytest
from hypothesis import given, settings

import engine
from engine import memo
from engine.compile import compiled
from engine.evaluate import evaluate, load_scenario
from tests.conftest import ROOT
from tests.property.conftest import DEEPER
from tests.property.strategies import scenarios


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate_reduction", os.path.join(ROOT, "bench", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["one by one", "at once"])
def batch(request, monkeypatch, rulebook):
    """Both ways memo.py finds what the groups fired for new situations: a lookup per task,
    and compile/columns.py's arrays (numpy). Situations and the groups' answers are
    forgotten first, so each way meets new ones and asks durable_rules."""
    if request.param == "at once":
        pytest.importorskip("numpy")
        monkeypatch.setattr(memo, "BATCH_MIN", 1)
    network = compiled(rulebook)
    memo.memo_of(network).situations.clear()
    for group in network.groups:
        group.fired.clear()
    return request.param


def assert_same(scenario, rulebook):
    reduced = evaluate(scenario, rulebook)
    reference = evaluate(scenario, rulebook, cached=False)
    assert len(reduced.decisions) == len(reference.decisions)
    for ours, theirs in zip(reduced.decisions, reference.decisions):
        assert ours == theirs, ours.task
        assert tuple(ours.facts) == tuple(theirs.facts), ours.task
        assert ours.activity_as_written == theirs.activity_as_written
    assert reduced.to_json() == reference.to_json()


@settings(max_examples=60 * DEEPER)
@given(scenarios())
def test_the_reduction_changes_no_decision_of_a_generated_scenario(rulebook, data):
    assert_same(load_scenario(data, rulebook), rulebook)


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))),
                         ids=lambda p: os.path.basename(p))
def test_the_reduction_changes_no_decision_of_a_bundled_scenario(path, rulebook, batch):
    assert_same(load_scenario(path, rulebook), rulebook)


@pytest.mark.parametrize("seed", [3, 17, 29])
def test_the_reduction_changes_no_decision_of_varied_tasks(rulebook, seed, batch):
    """Every task its own order (as many templates as tasks): forces of every component,
    places of every kind, every activity word, events scoped and open-ended, over years."""
    data = _generator().Generator(rulebook, seed=seed).scenario(400, days=3 * 365, templates=400)
    assert_same(load_scenario(data, rulebook), rulebook)


def test_the_reduction_changes_no_decision_where_events_overlap(batch):
    """On the toy rulebook of tests/unit/test_mechanisms.py: two calls listing one force at
    once (status_on takes the first in the scenario's order), their ends, a place
    re-classified from a date, and an order limited to a State, which may reach a place that
    does not say its State (or a task named only by a kind), each seen by tasks before,
    during and after."""
    book = engine.load_rulebook(os.path.join(ROOT, "tests", "fixtures", "mechanisms"))
    events = [{"id": "call", "kind": "federal_service", "statute": "10 U.S.C. § 12406", "date": "2025-06-05",
               "forces": ["guard"], "ends": "2025-06-20"},
              {"id": "state", "kind": "state_call", "date": "2025-06-01", "forces": ["guard", "ca"],
               "ends": "2025-06-25"},
              {"id": "nda", "kind": "designation", "date": "2025-06-10", "location": "la"},
              {"id": "tro", "kind": "court_order", "case": "x", "date": "2025-06-03", "order": "injunction",
               "activities": ["crowd_control"], "areas": ["federal_property"]},
              {"id": "ca-order", "kind": "court_order", "case": "y", "date": "2025-06-08", "order": "injunction",
               "areas": ["CA"]}]
    tasks = [{"id": f"{force}-{activity}-{place}-{day}", "force": force, "activity": activity, "location": place,
              "date": f"2025-06-{day:02d}"}
             for day in (2, 4, 6, 9, 10, 15, 21, 26) for force in ("guard", "ca", "army")
             for activity in ("crowd_control", "data_entry") for place in ("la", "pdx", "somewhere", "interior")]
    data = {"scenario": "overlaps", "as_of": "2025-06-01", "events": events, "tasks": tasks,
            "forces": [{"id": "guard", "component": "national_guard", "status": "title_32"},
                       {"id": "ca", "component": "national_guard", "status": "title_32", "state": "CA"},
                       {"id": "army", "component": "army"}],
            "locations": [{"id": "la", "kind": "interior", "state": "CA"},
                          {"id": "pdx", "kind": "interior", "state": "OR"},
                          {"id": "somewhere", "kind": "interior"}]}
    assert_same(load_scenario(data, book), book)


def test_a_second_scenario_reusing_situations_gets_its_own_facts(rulebook, batch):
    """Situations are kept across scenarios; the explanation stays each task's own."""
    generate = _generator()
    first = generate.Generator(rulebook, seed=5).scenario(200, days=365, templates=50)
    second = generate.Generator(rulebook, seed=6).scenario(200, days=365, templates=50)
    evaluate(load_scenario(first, rulebook), rulebook)
    assert_same(load_scenario(second, rulebook), rulebook)
    report = engine.check(second, rulebook)
    assert [d.task for d in report.decisions] == [t["id"] for t in second["tasks"]]
