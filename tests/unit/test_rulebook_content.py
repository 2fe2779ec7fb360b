"""Every rule of the real rulebook can be checked by a lawyer: cited, sourced, dated, explained."""
import re

import pytest

import engine

RULEBOOK = engine.load_rulebook()


@pytest.mark.parametrize("rule", RULEBOOK.rules, ids=[rule.id for rule in RULEBOOK.rules])
def test_rule_is_cited_sourced_dated_and_explained(rule):
    assert rule.citations and all(c.strip() for c in rule.citations)
    assert re.match(r"^(https?://|[A-Za-z-]+-mirror:)\S+", rule.source), rule.source
    assert rule.effective.year >= 1789 and (rule.until is None or rule.until >= rule.effective)
    assert len(rule.because.split()) >= 12, "the plain-language explanation is too thin"
    assert rule.title


@pytest.mark.parametrize("rule", [r for r in RULEBOOK.rules if r.effect == "contested"],
                         ids=[r.id for r in RULEBOOK.rules if r.effect == "contested"])
def test_contested_rule_carries_competing_readings_with_sources(rule):
    assert len(rule.readings) >= 2
    for reading in rule.readings:
        assert reading.citation and reading.source and len(reading.reading.split()) >= 8


@pytest.mark.parametrize("rule", [r for r in RULEBOOK.rules if r.effect == "conditional"],
                         ids=[r.id for r in RULEBOOK.rules if r.effect == "conditional"])
def test_conditional_rule_names_its_conditions(rule):
    assert rule.conditions and all(len(c.split()) >= 4 for c in rule.conditions)


def test_unverified_rules_say_why():
    for rule in RULEBOOK.rules:
        if not rule.verified:
            assert rule.note, f"{rule.id} is flagged unverified without a note"
