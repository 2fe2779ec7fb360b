"""`comitatus rules coverage`: which rules decide some feature scenario, and which never do.

A rule is *covered* when it decides at least one decision produced while running the
features: it is the deciding rule, or it stands beside the deciding rule with the same effect
(a tie: the decision carries its citations too), or, for an `oblige` rule, which never decides
by design, it is listed among the obligations. Reaching a rule any other way does not cover
it, and is reported separately: only standing while a stricter rule decides, only overridden,
only offered as a remedy. A rule no feature makes decide is law nobody has written down as an
example, so the test suite (tests/bdd/test_living_spec.py) fails naming it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

import engine

from .runner import Run, run

# How a rule was reached, strongest first; the first that applies is the rule's role.
DECIDES, JOINTLY, OBLIGATION, OUTRANKED, OVERRIDDEN, REMEDY = (
    "decides", "decides jointly", "obligation", "outranked", "overridden", "remedy")
COVERING = (DECIDES, JOINTLY, OBLIGATION)
ROLES = (DECIDES, JOINTLY, OBLIGATION, OUTRANKED, OVERRIDDEN, REMEDY)
EXPLAINED = {OUTRANKED: "only standing while a stricter rule decides",
             OVERRIDDEN: "only overridden", REMEDY: "only offered as a remedy"}


def roles(decisions: Iterable[engine.Decision], rulebook: engine.Rulebook) -> dict[str, set[str]]:
    """Rule id -> every role it played in the decisions."""
    found: dict[str, set[str]] = {}

    def add(rule_id: str, role: str) -> None:
        found.setdefault(rule_id, set()).add(role)

    for decision in decisions:
        if decision.rule:
            add(decision.rule, DECIDES)
            effect = rulebook.by_id[decision.rule].effect if decision.rule in rulebook.by_id else None
            for reason in decision.reasons:
                if reason.rule != decision.rule:
                    add(reason.rule, JOINTLY if reason.effect == effect else OUTRANKED)
        for item in decision.obligations:
            add(item.rule, OBLIGATION)
        for item in decision.overridden:
            add(item.rule, OVERRIDDEN)
        for item in decision.remedies:
            add(item.rule, REMEDY)
    return found


def reached(decisions: Iterable[engine.Decision]) -> set[str]:
    """Every rule id a decision names anywhere (deciding or not)."""
    found: set[str] = set()
    for decision in decisions:
        if decision.rule:
            found.add(decision.rule)
        found.update(reason.rule for reason in decision.reasons)
        found.update(item.rule for item in decision.overridden)
        found.update(item.rule for item in decision.obligations)
        found.update(item.rule for item in decision.remedies)
    return found


@dataclass
class Coverage:
    rulebook: engine.Rulebook
    roles: dict[str, set[str]]
    run: Run

    def role(self, rule_id: str) -> str | None:
        """The strongest role the rule played, or None when no feature reached it."""
        played = self.roles.get(rule_id, set())
        return next((role for role in ROLES if role in played), None)

    @property
    def reached(self) -> set[str]:
        return set(self.roles)

    @property
    def covered(self) -> list[str]:
        return [rule.id for rule in self.rulebook.rules if self.role(rule.id) in COVERING]

    @property
    def uncovered(self) -> list[str]:
        return [rule.id for rule in self.rulebook.rules if self.role(rule.id) not in COVERING]

    def only(self, role: str) -> list[str]:
        """Uncovered rules whose strongest role is `role` (outranked, overridden, remedy)."""
        return [rule.id for rule in self.rulebook.rules if self.role(rule.id) == role]

    @property
    def unreached(self) -> list[str]:
        return [rule.id for rule in self.rulebook.rules if self.role(rule.id) is None]

    def per_file(self) -> dict[str, tuple[int, int]]:
        """Rules file -> (rules covered, rules in the file), in file order."""
        counts: dict[str, list[int]] = {}
        for rule in self.rulebook.rules:
            count = counts.setdefault(_file(rule), [0, 0])
            count[0] += self.role(rule.id) in COVERING
            count[1] += 1
        return {name: (count[0], count[1]) for name, count in sorted(counts.items())}

    @property
    def exit_code(self) -> int:
        if self.run.problems or not self.run.results:
            return 2
        return 1 if self.uncovered else 0


def _file(rule: engine.Rule) -> str:
    if rule.where is None or not rule.where.file:
        return "?"
    path = rule.where.file
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else path


def measure(paths: Iterable[str], rulebook: engine.Rulebook | None = None) -> Coverage:
    """Run the features under `paths` and record the role each rule played in their decisions."""
    rulebook = rulebook or engine.load_rulebook()
    result = run(paths, rulebook)
    return Coverage(rulebook, roles(result.decisions, rulebook), result)


def render(coverage: Coverage) -> str:
    """The report `comitatus rules coverage` prints: per rules file, then the rules not covered."""
    lines = list(coverage.run.problems)
    per_file = coverage.per_file()
    width = max((len(name) for name in per_file), default=0)
    for name, (hit, total) in per_file.items():
        lines.append(f"{name:<{width}}  {hit:>3}/{total:<3} {'covered' if hit == total else 'INCOMPLETE'}")
    by_id = {rule.id: rule for rule in coverage.rulebook.rules}

    def listed(rule_ids: list[str], heading: str) -> None:
        if rule_ids:
            lines.append(heading)
            for rule_id in rule_ids:
                rule = by_id[rule_id]
                where = f"{_file(rule)}:{rule.where.line}" if rule.where and rule.where.line else _file(rule)
                lines.append(f"  {rule_id}  ({where})")

    for role in (OUTRANKED, OVERRIDDEN, REMEDY):
        listed(coverage.only(role), f"not covered, {EXPLAINED[role]} (no feature makes them decide):")
    listed(coverage.unreached, "not covered, reached by no feature:")
    total = len(coverage.rulebook.rules)
    covered = coverage.covered
    share = 100.0 * len(covered) / total if total else 100.0
    scenarios = len(coverage.run.results)
    jointly = sum(1 for rule_id in covered if coverage.role(rule_id) == JOINTLY)
    lines.append(f"covered {len(covered)} of {total} rules ({share:.1f}%): they decide some scenario"
                 + (f" ({jointly} only jointly, in a tie)" if jointly else "")
                 + f"; not covered {len(coverage.uncovered)}, from {scenarios} scenario{'s' if scenarios != 1 else ''}")
    return "\n".join(lines) + "\n"
