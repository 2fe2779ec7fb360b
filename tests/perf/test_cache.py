"""The caches never change an answer, and repeated work never reaches durable_rules again."""
import glob
import math
import os

import pytest

import engine
from engine.check import evaluate, load_scenario
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
