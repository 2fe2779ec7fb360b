"""The caches never change an answer, and repeated work never reaches durable_rules again."""
import glob
import math
import os

import pytest

import engine
from engine.evaluate import evaluate, load_scenario
from engine.compile import BATCH, compiled
from tests.conftest import ROOT


def decisions(report):
    return [(d, d.facts) for d in report.decisions]


def test_cached_decisions_equal_uncached_on_a_generated_year(generated, rulebook):
    scenario = load_scenario(generated, rulebook)
    cached = evaluate(scenario, rulebook)
    fresh = evaluate(scenario, rulebook, cached=False)
    assert decisions(cached) == decisions(fresh)
    assert cached.to_json() == fresh.to_json()


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml"))),
                         ids=lambda p: os.path.basename(p))
def test_cached_decisions_equal_uncached_on_bundled_scenarios(path, rulebook):
    scenario = load_scenario(path, rulebook)
    assert decisions(evaluate(scenario, rulebook)) == decisions(evaluate(scenario, rulebook, cached=False))


def test_a_task_on_another_date_of_its_class_gets_the_same_reasoning(generated, rulebook):
    report = evaluate(load_scenario(generated, rulebook), rulebook)
    by_shape = {}
    for task, decision in zip(load_scenario(generated, rulebook).tasks, report.decisions):
        assert (decision.task, decision.date, decision.force) == (task.id, task.date, task.force)
        by_shape.setdefault((task.force, task.activity, task.location, decision.facts), set()).add(
            (decision.verdict, decision.rule, decision.reasons))
    assert all(len(found) == 1 for found in by_shape.values())


def test_repeating_a_scenario_makes_no_durable_rules_call(generated, rulebook):
    network = compiled(rulebook)
    engine.check(generated, rulebook)
    calls, hits = network.engine_calls, network.cache_hits
    engine.check(generated, rulebook)
    assert network.engine_calls == calls
    assert network.cache_hits - hits == len(generated["tasks"])


def test_durable_rules_calls_do_not_grow_with_the_number_of_tasks(generate, rulebook):
    """New facts go to the network in batches: calls depend on distinct facts, not on tasks."""
    network = compiled(rulebook)
    data = generate.Generator(rulebook, seed=23).scenario(400, days=200, templates=30)
    scenario = load_scenario(data, rulebook)
    calls = network.engine_calls
    evaluate(scenario, rulebook)
    first = network.engine_calls - calls
    rulesets = sum(len(handles) for handles in network.rulesets.values())
    assert first <= rulesets * math.ceil(len(scenario.tasks) / BATCH)
    doubled = dict(data, tasks=data["tasks"] + [dict(t, id=t["id"] + "b") for t in data["tasks"]])
    calls = network.engine_calls
    report = engine.check(doubled, rulebook)
    assert network.engine_calls == calls
    assert len(report.decisions) == 2 * len(scenario.tasks)


def _changed(data, how, vocabulary):
    """The scenario with one thing outside its tasks changed."""
    import copy
    data = copy.deepcopy(data)
    if how == "as_of":
        data["as_of"] = "2025-06-30"
    elif how == "force status":
        force = next(f for f in data["forces"] if f.get("status")
                     and len(vocabulary.components[f["component"]].statuses) > 1)
        statuses = vocabulary.components[force["component"]].statuses
        force["status"] = next(s for s in statuses if s != force["status"])
    elif how == "event date":
        event = next(e for e in data["events"] if e["kind"] != "decision_window")
        key = next(k for k, v in event.items() if isinstance(v, str) and v[:2] == "20" and v[4:5] == "-")
        event[key] = "2025-03-01"
    elif how == "no events":
        data["events"] = []
    elif how == "location kind":
        place = data["locations"][0]
        place["kind"] = "interior" if place["kind"] != "interior" else "military_installation"
    return data


@pytest.mark.parametrize("how", ["as_of", "force status", "event date", "no events", "location kind"])
def test_a_scenario_differing_outside_its_tasks_gets_its_own_answers(generated, rulebook, how):
    """Task classes are kept per context (the scenario but its tasks); a changed context must
    never be answered from the classes of the one checked before it."""
    evaluate(load_scenario(generated, rulebook), rulebook)
    other = load_scenario(_changed(generated, how, rulebook.vocabulary), rulebook)
    assert decisions(evaluate(other, rulebook)) == decisions(evaluate(other, rulebook, cached=False))


def test_a_rechecked_scenario_builds_no_facts(generated, rulebook, monkeypatch):
    from engine import compile as compile_module
    scenario = load_scenario(generated, rulebook)
    first = evaluate(scenario, rulebook)
    built = []
    monkeypatch.setattr(compile_module.CompiledRulebook, "part", lambda *args: built.append(args))
    monkeypatch.setattr(compile_module.CompiledRulebook, "events_part", lambda *args: built.append(args))
    again = evaluate(load_scenario(generated, rulebook), rulebook)
    assert not built and decisions(again) == decisions(first)


def test_every_cache_stays_within_its_limit_over_many_scenarios(generate, rulebook, monkeypatch):
    """Memory stays flat when one process checks scenario after scenario: each cache is
    bounded (limits shrunk here so a few hundred scenarios overflow every one of them)."""
    import importlib
    compile_module = importlib.import_module("engine.compile.network")     # where CompiledRulebook reads them
    memo_module = importlib.import_module("engine.memo")
    limits = {"CACHE_LIMIT": 300, "RESOLVED_LIMIT": 40, "CONTEXT_LIMIT": 3, "SITUATION_LIMIT": 300}
    for name, value in limits.items():
        for module in (compile_module, memo_module):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, value)
    network = compiled(rulebook)
    memo = memo_module.memo_of(network)
    largest: dict = {}

    def sizes() -> dict:
        return {"composed": len(network.composed), "numbers": len(network.numbers),
                "fired": max(len(g.fired) for g in network.groups + [network.events]),
                "situations": len(memo.situations), "resolved": len(memo.resolved), "contexts": len(memo.contexts)}
    for seed in range(120):
        data = generate.Generator(rulebook, seed=1000 + seed).scenario(10, days=60 + seed, templates=10)
        report = engine.check(data, rulebook)
        assert len(report.decisions) == 10
        for name, size in sizes().items():
            largest[name] = max(largest.get(name, 0), size)
    assert largest["contexts"] <= 3 and largest["resolved"] <= 40 + 10
    assert all(largest[name] <= 300 + 10 * 40 for name in ("composed", "numbers", "fired", "situations"))
    assert largest["resolved"] > 20 and largest["situations"] > 150     # the limits were reached, not idle


def test_answers_after_the_caches_start_afresh_are_the_uncached_answers(generate, rulebook, monkeypatch):
    """When the caches outgrow their limits, parts, events and Matches are numbered afresh:
    nothing keyed by an old number may answer a new one (a reasoning kept per Match number
    once outlived a renumbering and gave a later scenario another situation's verdicts)."""
    import importlib
    compile_module = importlib.import_module("engine.compile.network")
    memo_module = importlib.import_module("engine.memo")
    for module, name, value in ((compile_module, "CACHE_LIMIT", 150), (memo_module, "SITUATION_LIMIT", 150)):
        monkeypatch.setattr(module, name, value)
    network = compiled(rulebook)
    trims = []
    trim = type(network).trim
    monkeypatch.setattr(type(network), "trim", lambda self: trims.append(trim(self)) or trims[-1])
    for seed in range(12):
        data = generate.Generator(rulebook, seed=2000 + seed).varied(60)
        scenario = load_scenario(data, rulebook)
        assert decisions(evaluate(scenario, rulebook)) == decisions(evaluate(scenario, rulebook, cached=False)), seed
    assert trims.count(True) >= 2                                     # renumbered, and checked after it


def test_a_context_rechecked_with_ever_new_dates_starts_afresh_past_its_limit(generate, rulebook, monkeypatch,
                                                                               tmp_path):
    """A stream checks one scenario context stretch after stretch; each stretch may bring new
    dates, and so new parts to keep. Past CONTEXT_PARTS_LIMIT the context is built again,
    and the answers are the ones a fresh context gives."""
    import dataclasses
    import importlib
    memo_module = importlib.import_module("engine.memo")
    monkeypatch.setattr(memo_module, "CONTEXT_PARTS_LIMIT", 40)
    built = []
    original = memo_module.Context.__init__

    def counted(self, *args):
        built.append(1)
        original(self, *args)
    monkeypatch.setattr(memo_module.Context, "__init__", counted)
    data = generate.Generator(rulebook, seed=77).scenario(300, days=365, templates=0)
    scenario = load_scenario(generate.write(data, str(tmp_path / "year.yaml")), rulebook)
    network = compiled(rulebook)
    memo = memo_module.memo_of(network)
    answers = []
    for start in range(0, 300, 50):
        stretch = dataclasses.replace(scenario, tasks=scenario.tasks[start:start + 50])
        answers += memo_module.decide_all(stretch, rulebook, network)
        assert all(context.size() <= 40 + 50 * 12 for context in memo.contexts.values())
    assert len(built) > 1                                             # the limit was reached
    fresh = evaluate(scenario, rulebook, cached=False).decisions
    assert [(d, d.facts) for d in answers] == [(d, d.facts) for d in fresh]

