"""From the rules the network found in scope to one explained Decision.

Exceptions defeat what they override (a defeated rule defeats nothing), the most
restrictive undefeated effect decides, and a task no rule decides is `unknown`. Two steps:
`resolve` finds which rules stand and what they give (a function of the match alone), and
`explanation` cites each rule as the task's date cites it (`explained` makes that a Decision).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Collection, Mapping

from .compile import MET, OPEN, UNMET, Match
from .model import (EFFECT_VERDICT, Decision, Overridden, Reason, Remedy, Rule,
                    Rulebook, Task, Verdict)

RANK = {"prohibit": 0, "contested": 1, "conditional": 2, "permit": 3}
FAVOURABLE = frozenset({"permit", "conditional"})   # unstated facts help these fire
VERDICT_LIMIT = 50_000                               # sets of active rules whose verdict is kept
_VERDICTS: dict[tuple[str, frozenset], tuple[tuple[str, ...], Verdict]] = {}
RANKS_LIMIT = 8                                      # rulebooks whose remedy order is kept
_RANKS: dict[str, dict[str, int]] = {}


def citer(rulebook: Rulebook, day: Any, extra: Mapping[str, tuple[str, ...]] | None = None
          ) -> Callable[[Rule], str]:
    """A rule's citations as a decision on `day` gives them: only those in force that day,
    under the number in force then (rules/citations.yaml), plus what it cites of the events
    it met (a court order's case)."""
    catalogue = rulebook.citations
    extra = extra or {}

    def cite(rule: Rule) -> tuple[str, ...]:
        texts = rule.citations + extra.get(rule.id, ())
        return catalogue.cited(texts, day) if catalogue is not None else tuple(dict.fromkeys(texts))
    return cite


def decide(rulebook: Rulebook, task: Task, match: Match, facts: tuple = (),
           extra: Mapping[str, tuple[str, ...]] | None = None,
           cite: Callable[[Rule], tuple[str, ...]] | None = None) -> Decision:
    """The task's Decision: its match resolved (`resolve`), then explained, each rule cited
    (`explained`). `cite` is `citer(rulebook, task.date, extra)`, or a caller's kept copy of it."""
    return explained(rulebook, resolve(rulebook, match), cite or citer(rulebook, task.date, extra),
                     task_fields(task, facts))


def task_fields(task: Task, facts: Any = ()) -> dict:
    """A decision's fields taken from its task rather than from its reasoning (for `explained`)."""
    return dict(task=task.id, force=task.force, activity=task.activity, date=task.date, _facts=facts,
                activity_as_written=task.written)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A match resolved, before any citation: which rules stand and what they give. It
    depends on the match alone; what each rule cites depends on the task's date, so one
    resolution serves a match on every date (memo.py keeps it per match)."""

    verdict: Verdict
    order: tuple[str, ...]                           # the standing rules, most decisive first
    conditions: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()                # rules whose obligations apply
    overridden: tuple[tuple[str, str], ...] = ()     # (rule, the standing rule that defeats it)
    remedies: tuple[tuple[str, tuple[str, ...], str], ...] = ()   # (rule, what it lacks, its kind)
    readings: tuple = ()


def resolve(rulebook: Rulebook, match: Match) -> Resolution:
    """Resolve the rules in scope; facts left unstated are weighed in two worlds.

    In the favourable world an unstated fact goes the task's way (open permits and
    conditionals fire, open bars and contests do not); in the adverse world the other way.
    Permitted in the adverse world: permitted. Permitted (or conditional) only in the
    favourable world: conditional on the open facts. Otherwise the adverse world decides.
    """
    rules = rulebook.by_id
    statuses = dict(match.applies)
    sure: dict[str, tuple[str, ...]] = {}
    unsure: dict[str, tuple[str, ...]] = {}         # rule id -> says of its open requirements
    for rule_id, marks in statuses.items():
        if UNMET in marks:
            continue
        says = tuple(req.says for req, mark in zip(rules[rule_id].requires, marks) if mark == OPEN)
        (unsure if says else sure)[rule_id] = says
    obligations = tuple(i for i in sorted(sure) if rules[i].effect == "oblige")
    base_world = {i: () for i in sure if rules[i].effect != "oblige"}
    favourable = {i: s for i, s in unsure.items() if rules[i].effect in FAVOURABLE}
    adverse = {i: s for i, s in unsure.items() if rules[i].effect not in FAVOURABLE | {"oblige"}}
    world = {**base_world, **adverse}
    order, verdict = _verdict(world, rulebook)
    conditions: list[str] = []
    if verdict is not Verdict.PERMITTED and unsure:
        hopeful = {**base_world, **favourable}
        hope_order, hope = _verdict(hopeful, rulebook)
        if hope in (Verdict.PERMITTED, Verdict.CONDITIONAL):
            world, order, verdict = hopeful, hope_order, Verdict.CONDITIONAL
            conditions = [say for i in order for say in favourable.get(i, ())]
            conditions += [f"it is not the case that {say}" for i in adverse for say in adverse[i]
                           if not conditions]
    remedies = _remedies(rules, statuses, world, verdict, rulebook)
    if not order:
        return Resolution(Verdict.UNKNOWN, (), remedies=remedies)
    standing = set(order)
    decider = rules[order[0]]
    if verdict is Verdict.CONDITIONAL:
        rule_conditions = [c for i in order if rules[i].effect == "conditional" for c in rules[i].conditions]
        conditions = list(dict.fromkeys(rule_conditions + conditions))
    if decider.lifted_by:
        remedies = ((decider.id, (decider.lifted_by,), "lift"),) + remedies
    readings = tuple(reading for i in order if rules[i].effect == "contested"
                     for reading in rules[i].readings) if verdict is Verdict.CONTESTED else ()
    return Resolution(
        verdict, tuple(order), tuple(conditions), obligations if verdict is not Verdict.PROHIBITED else (),
        tuple((i, _defeater(i, standing, rules)) for i in sorted(world) if i not in standing),
        remedies, readings)


def explained(rulebook: Rulebook, resolution: Resolution, cite: Callable[[Rule], tuple[str, ...]],
              base: dict) -> Decision:
    """The Decision a resolution gives, each rule cited by `cite`; `base` holds the task's fields."""
    return Decision(**dict(zip(EXPLAINED, explanation(rulebook, resolution, cite))), **base)


EXPLAINED = ("verdict", "rule", "citations", "reasons", "overridden", "conditions", "readings", "obligations",
             "remedies")      # what `explanation` gives: the Decision's fields a task does not give it


def explanation(rulebook: Rulebook, resolution: Resolution, cite: Callable[[Rule], tuple[str, ...]]) -> tuple:
    """A resolution's Decision fields, EXPLAINED in order, each rule cited by `cite`: what
    every task of its reasoning shares (memo.py keeps this tuple, not a Decision)."""
    rules = rulebook.by_id
    remedies = tuple(Remedy(i, lacking, "; ".join(cite(rules[i])), kind) for i, lacking, kind in resolution.remedies)
    if not resolution.order:
        return Verdict.UNKNOWN, None, (), (), (), (), (), (), remedies
    order = resolution.order
    decider = rules[order[0]]
    citations: list[str] = []
    for rule_id in order:
        if rules[rule_id].effect == decider.effect:
            citations.extend(c for c in cite(rules[rule_id]) if c not in citations)
    return (resolution.verdict, decider.id, tuple(citations), tuple(_reason(rules[i], cite) for i in order),
            tuple(Overridden(i, "; ".join(cite(rules[i])), by) for i, by in resolution.overridden),
            resolution.conditions, resolution.readings,
            tuple(_reason(rules[i], cite) for i in resolution.obligations), remedies)


def _reason(rule: Rule, cite: Callable[[Rule], tuple[str, ...]]) -> Reason:
    return Reason(rule.id, rule.effect, "; ".join(cite(rule)), rule.because, rule.title)


def _undefeated(active: Collection[str], rules: dict[str, Rule], rank: dict[str, int]) -> set[str]:
    """Grounded reading of the (acyclic) override graph among the firing rules: a rule stands
    unless a standing rule defeats it. Decided deepest first (`rank`, _ranks): a defeater is
    always deeper than what it defeats (a cycle is refused at load), so whether a rule is
    beaten is known when it is reached."""
    standing: set[str] = set()
    beaten: set[str] = set()
    for rule_id in sorted(active, key=rank.__getitem__):
        if rule_id not in beaten:
            standing.add(rule_id)
            beaten.update(rules[rule_id].defeats)
    return standing


def _defeater(rule_id: str, standing: set[str], rules: dict[str, Rule]) -> str:
    return next((other for other in sorted(standing) if rule_id in rules[other].defeats), "")


def _verdict(active: Collection[str], rulebook: Rulebook) -> tuple[list[str], Verdict]:
    """The standing rules, most decisive first, and the verdict they give: a function of
    which rules are active, kept per rulebook (a remedy is tried against the same sets
    again and again)."""
    key = (rulebook.digest, frozenset(active))
    found = _VERDICTS.get(key)
    if found is None:
        if len(_VERDICTS) >= VERDICT_LIMIT:
            _VERDICTS.clear()
        rules, depth = rulebook.by_id, rulebook.depth
        standing = _undefeated(active, rules, _ranks(rulebook))
        order = sorted(standing, key=lambda i: (RANK[rules[i].effect], -depth[i], i))
        found = _VERDICTS[key] = (tuple(order), EFFECT_VERDICT[rules[order[0]].effect] if order else Verdict.UNKNOWN)
    return list(found[0]), found[1]


def _remedies(rules: dict[str, Rule], statuses: dict, firing: dict, verdict: Verdict | None,
              rulebook: Rulebook) -> tuple[tuple[str, tuple[str, ...], str], ...]:
    """Permitting exceptions in scope that lack something and, given it, would permit the
    task: (rule, what it lacks, its effect) each.

    Each candidate is tried: it joins the firing rules with every requirement met, and it is a
    remedy only if the verdict then becomes `permitted` (so a rule that would merely defeat an
    already defeated bar is not offered).
    """
    if verdict is Verdict.PERMITTED:
        return ()
    candidates = [i for i in statuses if i not in firing and rules[i].effect == "permit"]
    if not candidates:
        return ()
    rank = _ranks(rulebook)
    active = frozenset(firing)
    found = []
    for rule_id in sorted(candidates, key=rank.__getitem__):
        _, then = _verdict(active | {rule_id}, rulebook)
        if then is not Verdict.PERMITTED:
            continue
        rule = rules[rule_id]
        lacking = tuple(req.says for req, mark in zip(rule.requires, statuses[rule_id]) if mark != MET)
        found.append((rule_id, lacking, rule.effect))
    return tuple(found)


def _ranks(rulebook: Rulebook) -> dict[str, int]:
    """Rule id -> its place when remedies are tried: deepest in the override graph first, then by id."""
    found = _RANKS.get(rulebook.digest)
    if found is None:
        if len(_RANKS) >= RANKS_LIMIT:
            _RANKS.clear()
        ordered = sorted(rulebook.by_id, key=lambda i: (-rulebook.depth[i], i))
        found = _RANKS[rulebook.digest] = {rule_id: place for place, rule_id in enumerate(ordered)}
    return found
