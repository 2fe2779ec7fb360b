"""The lint error `never-decides` (engine/lint.py): a rule no task can make decide.

The real rulebook has none; rules made unsatisfiable or always shadowed, one change each, are
caught, and rules that only lose some ties or some places are not.
"""
from __future__ import annotations

import dataclasses
import datetime

import engine
from engine.analysis import lint, never_decides


def _with(rulebook: engine.Rulebook, *rules: engine.Rule) -> engine.Rulebook:
    """The rulebook with these rules replaced or added (defeats re-resolved from overrides)."""
    by_id = dict(rulebook.by_id)
    by_id.update({rule.id: rule for rule in rules})
    ids = sorted(by_id)
    linked = {}
    for rule in by_id.values():
        defeats = sorted({i for pattern in rule.overrides for i in ids
                          if (i.startswith(pattern[:-1]) if pattern.endswith("*") else i == pattern)
                          and i != rule.id})
        linked[rule.id] = dataclasses.replace(rule, defeats=tuple(defeats))
    return dataclasses.replace(rulebook, rules=tuple(linked[i] for i in ids), by_id=linked)


def _flagged(rulebook: engine.Rulebook) -> set[str]:
    return {warning.rule for warning in never_decides(rulebook)}


def test_the_real_rulebook_has_no_rule_that_can_never_decide(rulebook):
    assert [w.line() for w in never_decides(rulebook)] == []
    assert not [w for w in lint(rulebook) if w.code == "never-decides"]


def test_a_scope_no_component_and_status_allow_is_flagged(rulebook):
    army = rulebook.by_id["pca.army"]
    broken = dataclasses.replace(army, when=(("component", ("army",)), ("status", ("title_32",)),
                                             ("activity_class", ("direct_law_enforcement",))))
    warnings = never_decides(_with(rulebook, broken))
    assert [(w.rule, w.code) for w in warnings] == [("pca.army", "never-decides")]
    assert "no component serves" in warnings[0].message
    assert any(w.code == "never-decides" for w in lint(_with(rulebook, broken)))


def test_activities_outside_the_listed_class_are_flagged(rulebook):
    rule = rulebook.by_id["support.ch15.284b9-linguists"]
    broken = dataclasses.replace(rule, when=rule.when + (("activity_class", ("direct_law_enforcement",)),))
    assert _flagged(_with(rulebook, broken)) == {rule.id}


def test_a_permit_always_overridden_by_an_always_firing_rule_is_flagged(rulebook):
    permit = rulebook.by_id["support.ch15.284b9-linguists"]
    bar = dataclasses.replace(rulebook.by_id["pca.army"], id="zz.linguist-bar", when=(("status", ("title_10",)),),
                              overrides=(permit.id,), effective=datetime.date(1900, 1, 1))
    assert _flagged(_with(rulebook, bar)) == {permit.id}


def test_a_shadow_that_starts_later_needs_a_requirement_or_can_be_defeated_is_not_flagged(rulebook):
    permit = rulebook.by_id["support.ch15.284b9-linguists"]
    base = dataclasses.replace(rulebook.by_id["pca.army"], id="zz.linguist-bar", when=(("status", ("title_10",)),),
                               overrides=(permit.id,), effective=datetime.date(1900, 1, 1))
    later = dataclasses.replace(base, effective=permit.effective + datetime.timedelta(days=1))
    needy = dataclasses.replace(base, requires=rulebook.by_id["statute.18-usc-1751"].requires)
    placed = dataclasses.replace(base, when=base.when + (("location", ("interior",)),))
    beaten = (base, dataclasses.replace(base, id="zz.linguist-bar-lifted", overrides=("zz.linguist-bar",)))
    for variant in ((later,), (needy,), (placed,), beaten):
        assert permit.id not in _flagged(_with(rulebook, *variant)), variant[0]


def test_obligations_and_rules_that_only_lose_ties_are_not_flagged(rulebook):
    flagged = _flagged(rulebook)
    assert "support.ch15.284b1-maintenance" not in flagged      # ties with § 274(a), cited jointly
    assert "obligation.sec276-readiness" not in flagged
