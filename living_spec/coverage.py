"""`comitatus rules coverage`: which rules the features reach, and which no feature reaches.

A rule is *reached* when it shows up in a decision produced while running the features: as
the deciding rule, among the reasons, overridden, among the obligations or as a remedy. A
rule no feature reaches is law nobody has written down as an example, so the test suite
(tests/bdd/test_rule_coverage.py) fails naming it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable

import engine

from .runner import Run, run


def reached(decisions: Iterable[engine.Decision]) -> set[str]:
    """Every rule id a decision names anywhere."""
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
    reached: set[str]
    run: Run

    @property
    def covered(self) -> list[str]:
        return [rule.id for rule in self.rulebook.rules if rule.id in self.reached]

    @property
    def uncovered(self) -> list[str]:
        return [rule.id for rule in self.rulebook.rules if rule.id not in self.reached]

    def per_file(self) -> dict[str, tuple[int, int]]:
        """Rules file -> (rules reached, rules in the file), in file order."""
        counts: dict[str, list[int]] = {}
        for rule in self.rulebook.rules:
            count = counts.setdefault(_file(rule), [0, 0])
            count[0] += rule.id in self.reached
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
    """Run the features under `paths` and collect every rule their decisions reach."""
    rulebook = rulebook or engine.load_rulebook()
    result = run(paths, rulebook)
    return Coverage(rulebook, reached(result.decisions), result)


def render(coverage: Coverage) -> str:
    """The report `comitatus rules coverage` prints: per rules file, then the uncovered rules."""
    lines = list(coverage.run.problems)
    per_file = coverage.per_file()
    width = max((len(name) for name in per_file), default=0)
    for name, (hit, total) in per_file.items():
        lines.append(f"{name:<{width}}  {hit:>3}/{total:<3} {'covered' if hit == total else 'INCOMPLETE'}")
    by_id = {rule.id: rule for rule in coverage.rulebook.rules}
    uncovered = coverage.uncovered
    if uncovered:
        lines.append("uncovered (no feature reaches them):")
        for rule_id in uncovered:
            rule = by_id[rule_id]
            where = f"{_file(rule)}:{rule.where.line}" if rule.where and rule.where.line else _file(rule)
            lines.append(f"  {rule_id}  ({where})")
    total = len(coverage.rulebook.rules)
    share = 100.0 * len(coverage.covered) / total if total else 100.0
    scenarios = len(coverage.run.results)
    lines.append(f"covered {len(coverage.covered)} of {total} rules ({share:.1f}%), "
                 f"uncovered {len(uncovered)}, from {scenarios} scenario{'s' if scenarios != 1 else ''}")
    return "\n".join(lines) + "\n"
