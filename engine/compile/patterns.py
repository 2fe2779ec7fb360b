"""The patterns: a rulebook's rules, requirements and triggers as durable_rules definitions.

Every pattern is anchored on a positive `kind` test (durable_rules loops forever on patterns
the session state can satisfy). A rule is `r<n>.scope`, whether the task is in its scope,
and one definition per alternative of each requirement and mode (`r<n>.q<i>.a<j>.met` and
`.open`); an authority's triggers are `x<n>...` the same way. `statuses` reads what fired back.
"""
from __future__ import annotations

import datetime
from typing import Any, Callable, Iterable

from ..citations import normalize
from ..model import FieldSpec, Requirement, Rule, Rulebook, Test, flat_fields
from .encoding import CIRCUMSTANCE_PREFIX, CIRCUMSTANCES, EVENT, OWNED, TASK, UNSTATED

MET, OPEN, UNMET = "met", "open", "unmet"
Epoch = Callable[[datetime.date], int]      # a day -> its slice of rule periods


def task_definitions(rulebook: Rulebook, epoch: Epoch) -> Iterable[tuple[str, dict]]:
    """Each rule's scope, and each test on the task's facts within that scope."""
    task_specs = {spec.name: spec for spec in rulebook.vocabulary.task_facts}
    circumstances = flat_fields(rulebook.vocabulary.circumstances)
    for index, rule in enumerate(rulebook.rules):
        scope = _scope(rule, epoch)
        yield f"r{index}.scope", {"all": [{"m": {"$and": scope}}]}
        for name, test, mode in _alternatives(f"r{index}", rule.requires):
            if test.subject == "facts":
                yield name, {"all": [{"m": {"$and": scope + _field_tests(test, task_specs, mode)}}]}
            elif test.subject == "circumstances":
                # background facts: met only when the scenario states them, never open
                tests = _field_tests(test, circumstances, MET, prefix=CIRCUMSTANCE_PREFIX)
                yield name, {"all": [{"m": {"$and": scope + tests}}]}


def event_definitions(rulebook: Rulebook) -> Iterable[tuple[str, dict]]:
    """Each test on an event, alone: whether the task is in scope is the task side's answer."""
    kinds = rulebook.vocabulary.event_kinds
    for index, rule in enumerate(rulebook.rules):
        for name, test, mode in _alternatives(f"r{index}", rule.requires):
            if test.subject == "event":
                specs = kinds[test.event_kind].testable()
                reach = {"covered": "yes"} if mode == MET else _any([{"covered": "yes"}, {"covered": UNSTATED}])
                tests = [{"kind": EVENT}, {"ekind": test.event_kind}, reach] + _field_tests(test, specs, mode)
                yield name, {"all": [{"m": {"$and": tests}}]}


def authority_definitions(rulebook: Rulebook) -> Iterable[tuple[str, dict]]:
    specs = flat_fields(rulebook.vocabulary.circumstances)
    for index, authority in enumerate(rulebook.authorities):
        for name, test, mode in _alternatives(f"x{index}", authority.triggers):
            tests = [{"kind": CIRCUMSTANCES}] + _field_tests(test, specs, mode)
            yield name, {"all": [{"m": {"$and": tests}}]}


def _window(rule: Rule, epoch: Epoch) -> list[dict]:
    tests = [{"$gte": {"epoch": epoch(rule.effective)}}] if rule.effective != datetime.date.min else []
    if rule.until is not None:
        tests.append({"$lt": {"epoch": epoch(rule.until + datetime.timedelta(days=1))}})
    return tests


def _scope(rule: Rule, epoch: Epoch) -> list[dict]:
    tests = [{"kind": TASK}] + _window(rule, epoch)
    for key, values in rule.when:
        if key == "location":
            tests.append(_any([{f"loc.{value}": "yes"} for value in values]))
        else:
            tests.append(_any([{key: value} for value in values]))
    return tests


def _alternatives(prefix: str, requirements: tuple[Requirement, ...]) -> Iterable[tuple[str, Test, str]]:
    for number, requirement in enumerate(requirements):
        for alt, test in enumerate(requirement.alternatives):
            for mode in (MET, OPEN):
                yield f"{prefix}.q{number}.a{alt}.{mode}", test, mode


def statuses(prefix: str, requirements: tuple[Requirement, ...],
             fired: set[str] | frozenset[str]) -> tuple[str, ...]:
    """Each requirement's status from what fired: met if an alternative fired met, else open
    if one fired open, else unmet."""
    result = []
    for number, requirement in enumerate(requirements):
        alts = range(len(requirement.alternatives))
        if any(f"{prefix}.q{number}.a{a}.{MET}" in fired for a in alts):
            result.append(MET)
        elif any(f"{prefix}.q{number}.a{a}.{OPEN}" in fired for a in alts):
            result.append(OPEN)
        else:
            result.append(UNMET)
    return tuple(result)


def tests_kind(rule: Rule, kind: str) -> bool:
    """Whether one of the rule's requirements tests an event of this kind."""
    return any(test.subject == "event" and test.event_kind == kind
               for requirement in rule.requires for test in requirement.alternatives)


def _any(tests: list[dict]) -> dict:
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _value(spec: FieldSpec | None, value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _field_tests(test: Test, specs: dict[str, FieldSpec], mode: str, prefix: str = "f_") -> list[dict]:
    """Each field must take one of its values; in OPEN mode 'unstated' is accepted too."""
    tests = []
    for name, values in test.fields:
        spec = specs.get(name)
        field = name if name.startswith(OWNED) else prefix + name
        if spec is not None and spec.type == "words":
            options = [{"$iany": {field: {"$i": _value(spec, v)}}} for v in values]
        elif spec is not None and spec.type == "citation":
            options = [{"$iany": {field: {"$i": normalize(v)}}} for v in values]
        else:
            options = [{field: _value(spec, v)} for v in values]
        if mode == OPEN:
            options.append({field: UNSTATED})
        tests.append(_any(options))
    return tests
