"""From the rules the network found in scope to one explained Decision.

Exceptions defeat what they override (a defeated rule defeats nothing), the most
restrictive undefeated effect decides, and a task no rule decides is `unknown`.
"""
from __future__ import annotations

from .compile import MET, OPEN, UNMET, Match
from .model import (EFFECT_VERDICT, PERMISSIVE, Decision, Overridden, Reason, Remedy, Rule,
                    Rulebook, Task, Verdict)

RANK = {"prohibit": 0, "contested": 1, "conditional": 2, "permit": 3}


def decide(rulebook: Rulebook, task: Task, match: Match, facts: tuple = ()) -> Decision:
    rules = rulebook.by_id
    statuses = dict(match.applies)
    firing: dict[str, tuple[str, ...]] = {}          # rule id -> says of its open requirements
    for rule_id, marks in statuses.items():
        rule = rules[rule_id]
        if UNMET in marks or (OPEN in marks and rule.effect not in PERMISSIVE):
            continue
        firing[rule_id] = tuple(req.says for req, mark in zip(rule.requires, marks) if mark == OPEN)
    obligations = tuple(_reason(rules[i]) for i in sorted(firing)
                        if rules[i].effect == "oblige" and not firing[i])
    active = {i: s for i, s in firing.items() if rules[i].effect != "oblige"}
    order, verdict = _verdict(active, rules, rulebook.depth)
    standing = set(order)
    base = dict(task=task.id, force=task.force, activity=task.activity, date=task.date, facts=facts)
    if not order:
        return Decision(verdict=Verdict.UNKNOWN, rule=None, citations=(), reasons=(),
                        remedies=_remedies(rules, statuses, firing, verdict, rulebook), **base)
    decider = rules[order[0]]
    open_says = [say for i in order for say in active[i]]
    conditions = list(decider.conditions) if verdict is Verdict.CONDITIONAL else []
    for rule_id in order:
        if rules[rule_id].effect == "conditional" and verdict is Verdict.CONDITIONAL:
            conditions.extend(c for c in rules[rule_id].conditions if c not in conditions)
    conditions.extend(say for say in open_says if say not in conditions)
    citations: list[str] = []
    for rule_id in order:
        if rules[rule_id].effect == decider.effect:
            citations.extend(c for c in rules[rule_id].citations if c not in citations)
    overridden = tuple(Overridden(i, rules[i].citation, _defeater(i, standing, rules))
                       for i in sorted(active) if i not in standing)
    readings = tuple(reading for i in order if rules[i].effect == "contested"
                     for reading in rules[i].readings) if verdict is Verdict.CONTESTED else ()
    return Decision(
        verdict=verdict, rule=decider.id, citations=tuple(citations),
        reasons=tuple(_reason(rules[i]) for i in order), overridden=overridden,
        conditions=tuple(conditions), readings=readings,
        obligations=obligations if verdict is not Verdict.PROHIBITED else (),
        remedies=_remedies(rules, statuses, firing, verdict, rulebook), **base)


def _reason(rule: Rule) -> Reason:
    return Reason(rule.id, rule.effect, rule.citation, rule.because, rule.title)


def _undefeated(active: dict, rules: dict[str, Rule]) -> set[str]:
    """Grounded reading of the (acyclic) override graph among the firing rules."""
    memo: dict[str, bool] = {}

    def standing(rule_id: str) -> bool:
        if rule_id not in memo:
            memo[rule_id] = not any(rule_id in rules[other].defeats and standing(other)
                                    for other in active if other != rule_id)
        return memo[rule_id]

    return {rule_id for rule_id in active if standing(rule_id)}


def _defeater(rule_id: str, standing: set[str], rules: dict[str, Rule]) -> str:
    return next((other for other in sorted(standing) if rule_id in rules[other].defeats), "")


def _verdict(active: dict, rules: dict[str, Rule], depth: dict) -> tuple[list[str], Verdict]:
    """The standing rules, most decisive first, and the verdict they give."""
    standing = _undefeated(active, rules)
    if not standing:
        return [], Verdict.UNKNOWN
    order = sorted(standing, key=lambda i: (RANK[rules[i].effect], -depth[i], i))
    verdict = EFFECT_VERDICT[rules[order[0]].effect]
    if verdict is Verdict.PERMITTED and any(active[i] for i in order):
        verdict = Verdict.CONDITIONAL
    return order, verdict


def _remedies(rules: dict[str, Rule], statuses: dict, firing: dict, verdict: Verdict | None,
              rulebook: Rulebook) -> tuple[Remedy, ...]:
    """Permitting exceptions in scope that lack something and, given it, would permit the task.

    Each candidate is tried: it joins the firing rules with every requirement met, and it is a
    remedy only if the verdict then becomes `permitted` (so a rule that would merely defeat an
    already defeated bar is not offered).
    """
    if verdict is Verdict.PERMITTED:
        return ()
    active = {i: s for i, s in firing.items() if rules[i].effect != "oblige"}
    found = []
    for rule_id in sorted(statuses, key=lambda i: (-rulebook.depth[i], i)):
        rule = rules[rule_id]
        if rule.effect != "permit" or rule_id in firing:
            continue                      # the contract: exceptions that would *permit* the task
        _, then = _verdict(dict(active, **{rule_id: ()}), rules, rulebook.depth)
        if then is not Verdict.PERMITTED:
            continue
        lacking = tuple(req.says for req, mark in zip(rule.requires, statuses[rule_id]) if mark != MET)
        found.append(Remedy(rule_id, lacking, rule.citation, rule.effect))
    return tuple(found)
