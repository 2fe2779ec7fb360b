"""`comitatus timeline`: the exact date ranges over which each task's answer holds."""
from __future__ import annotations

import dataclasses
import datetime
import json
import os

import pytest

import engine
from engine.changes import breakpoints, timeline, timeline_summary
from tests.conftest import ROOT

WHAT_IF = os.path.join(ROOT, "scenarios", "what-if-window.yaml")
DAY = datetime.timedelta(days=1)


def test_the_window_authorises_nothing_and_the_invocation_does(rulebook):
    """Proclamation 10886's 90-day window leaves 18 U.S.C. § 1385 in place; the hypothetical
    § 252 invocation of 2025-05-01 (with a § 254 proclamation) permits brigade A's arrests
    in the areas it covers, and only there."""
    scenario = engine.load_scenario(WHAT_IF, rulebook)
    lines = {line.task.id: line for line in timeline(rulebook, scenario, datetime.date(2025, 1, 20),
                                                     datetime.date(2025, 7, 31), ["W1", "W11"])}
    w1 = [(s.start, s.end, s.verdict.value, s.rule) for s in lines["W1"].segments]
    assert w1 == [(datetime.date(2025, 1, 20), datetime.date(2025, 4, 30), "prohibited", "pca.army"),
                  (datetime.date(2025, 5, 1), datetime.date(2025, 7, 31), "permitted", "insurrection-act.252")]
    assert "18 U.S.C. § 1385" in lines["W1"].segments[0].citations
    assert "10 U.S.C. § 252" in lines["W1"].segments[1].citations
    assert [s.verdict.value for s in lines["W11"].segments] == ["prohibited"]
    assert timeline_summary(lines["W1"]).startswith("2025-01-20..2025-04-30 prohibited (18 U.S.C. § 1385); "
                                                    "2025-05-01..2025-07-31 permitted (10 U.S.C. § 252")


@pytest.mark.parametrize("name, start, end", [
    ("what-if-window.yaml", datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
    ("national-defense-areas-2025.yaml", datetime.date(2025, 3, 1), datetime.date(2025, 12, 31)),
    ("la-2025.yaml", datetime.date(2025, 5, 15), datetime.date(2025, 8, 31)),
])
def test_segments_agree_with_every_single_day(name, start, end, rulebook):
    """Exact, not sampled: each day of the range, decided alone, gets its segment's answer."""
    scenario = engine.load_scenario(os.path.join(ROOT, "scenarios", name), rulebook)
    lines = timeline(rulebook, scenario, start, end)
    days = [start + DAY * n for n in range((end - start).days + 1)]
    moved = tuple(dataclasses.replace(task, date=day) for task in scenario.tasks for day in days)
    decisions = engine.evaluate(dataclasses.replace(scenario, tasks=moved), rulebook).decisions
    for index, line in enumerate(timeline(rulebook, scenario, start, end)):
        assert line.segments[0].start == start and line.segments[-1].end == end
        for segment in line.segments:
            first = (segment.start - start).days
            for offset in range((segment.end - segment.start).days + 1):
                decision = decisions[index * len(days) + first + offset]
                assert (decision.verdict, decision.rule) == (segment.verdict, segment.rule), \
                    (line.task.id, decision.date)
    assert lines


def test_breakpoints_hold_event_dates_and_the_day_after(rulebook):
    scenario = engine.load_scenario(WHAT_IF, rulebook)
    days = breakpoints(rulebook, scenario, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert days[0] == datetime.date(2025, 1, 1)
    assert {datetime.date(2025, 1, 20), datetime.date(2025, 1, 21), datetime.date(2025, 5, 1),
            datetime.date(2025, 5, 2)} <= set(days)
    assert days == sorted(set(days))


def test_cli_text_json_and_task_filter(run):
    code, out, err = run("timeline", WHAT_IF, "--task", "W1", "--from", "2025-01-20")
    assert code == 0, err
    assert "2025-01-20..2025-04-30" in out and "from 2025-05-01" in out and "W2:" not in out
    code, out, err = run("timeline", WHAT_IF, "-t", "W1", "--from", "2025-01-20", "--to", "2025-06-01",
                         "--format", "json")
    assert code == 0, err
    (scenario,) = json.loads(out)["scenarios"]
    assert [(s["from"], s["to"], s["verdict"]) for s in scenario["tasks"][0]["segments"]] == \
        [("2025-01-20", "2025-04-30", "prohibited"), ("2025-05-01", "2025-06-01", "permitted")]


@pytest.mark.parametrize("args, code_word", [
    (["--task", "W99"], "unknown-task"), (["--from", "2025-13-01"], "bad-date"),
    (["--from", "2025-05-01", "--to", "2025-01-01"], "bad-date")])
def test_cli_refusals(args, code_word, run):
    code, _, err = run("timeline", WHAT_IF, *args)
    assert code == 2 and f"error[{code_word}]" in err


def test_a_rule_ending_adds_the_day_after_its_until(layer, rulebook):
    folder = layer({"local.yaml": """
        rules:
          - id: local.temporary
            title: A temporary local rule
            effect: permit
            citations: ["10 U.S.C. § 271"]
            source: a local office
            effective: 2025-02-01
            until: 2025-02-28
            when: {activity: data_entry}
            because: for a month
        """})
    layered = engine.load_rulebook([None, folder])
    scenario = engine.load_scenario(WHAT_IF, layered)
    days = breakpoints(layered, scenario, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert datetime.date(2025, 2, 1) in days and datetime.date(2025, 3, 1) in days
    assert datetime.date(2025, 2, 28) not in days
