"""Item 16: text from a file cannot reorder, hide or break what people read: controls, bidi
overrides and invisible characters are escaped in every report made for people."""
from __future__ import annotations

import dataclasses
import re

from hypothesis import HealthCheck, given, settings, strategies as st

import engine
from engine.render.explain import explain_data, explain_text
from engine.render.junit import check_junit
from engine.render.markdown import check_markdown
from engine.render.rules import rule_source, rules_text
from tests.cli.conftest import toy_report  # noqa: F401 - a fixture

# What must never reach a reader raw: C0/C1 controls but the line break, bidi embeddings,
# overrides, isolates and marks, zero-width and invisible characters, line separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\xad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
HOSTILE = st.text(st.sampled_from("ab \x07\x1b[31m\x00\x0b\x85\u202e\u202d\u2066\u2069\u200f\u061c\u200b"
                                  "\u2028\ufeff\xad\t\r"), min_size=1, max_size=20)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _hostile_report(report, text, ids: bool = True):
    scenario = report.scenario
    tasks = tuple(dataclasses.replace(t, description=text) for t in scenario.tasks)
    scenario = dataclasses.replace(scenario, title=text, tasks=tasks)
    decisions = tuple(dataclasses.replace(d, task=d.task + text if ids else d.task, conditions=d.conditions + (text,))
                      for d in report.decisions)
    return dataclasses.replace(report, scenario=scenario, decisions=decisions)


@SETTINGS
@given(HOSTILE)
def test_markdown_and_junit_escape_every_hostile_character(toy_report, toy_rulebook, text):
    report = _hostile_report(toy_report, text)
    for output in (check_markdown([report], toy_rulebook, engine.VERSION),
                   check_junit([report], toy_rulebook, engine.VERSION)):
        assert not RAW.search(output), RAW.search(output)


@SETTINGS
@given(HOSTILE)
def test_the_explain_tree_escapes_every_hostile_character(toy_report, toy_rulebook, text):
    report = _hostile_report(toy_report, text, ids=False)
    decision = report.decisions[0]
    data = explain_data(report, decision, toy_rulebook, engine.VERSION)
    data["scenario"] = text
    data["task"]["description"] = text
    output = explain_text(data, color=False)
    assert not RAW.search(output), RAW.search(output)


@SETTINGS
@given(HOSTILE)
def test_the_rules_list_and_a_rule_escape_every_hostile_character(toy_rulebook, text):
    rule = dataclasses.replace(toy_rulebook.rules[0], title=text, citations=(text,), because=text, where=None)
    for output in (rules_text([rule], color=False), rule_source(rule)):
        assert not RAW.search(output), RAW.search(output)


def test_an_error_line_escapes_bidi_and_controls():
    error = engine.ComitatusError("bad", "task '\u202eevil\u061c' \x1b[31m", did_you_mean="\u2066x")
    assert not RAW.search(error.line())
