"""What the compiled patterns test: every tested field's constants, a value's signature, and
the groups of rules the task network is split into.

Deciding each distinct situation once: the task network is split into groups of rules that
test the same fields (`Group`), and each group's ruleset is given only those fields. From the
compiled patterns themselves every tested field gets a `FieldTests`: the constants it is
compared with, so that a value is known by its *signature* (the tests it passes); two tasks
whose tested fields have equal signatures fire the same patterns. A task fact is built from
parts (the force, the activity, the place, ...), each part projected once onto every group,
so a task's projection per group is a tuple of small numbers, and what a group fired for it
is one dictionary lookup. Events are matched alone, one fact each, projected the same way:
"some event in effect for the task meets the test" is the union of what its events fired.
"""
from __future__ import annotations

import bisect
from typing import Any, Iterable

from .encoding import TASK, fact_json
from .rulesets import Ruleset

MISSING = ("missing",)          # a field the fact does not carry
ORDERS = ("$gte", "$gt", "$lt", "$lte")


class FieldTests:
    """Every test the patterns of a group make on one field: the constants it must equal, the
    items its list must hold, the bounds it is ordered against. `signature` maps a value to
    what those tests can tell of it; values with one signature pass exactly the same tests."""

    __slots__ = ("equal", "items", "bounds", "exact")

    def __init__(self) -> None:
        self.equal: set = set()
        self.items: set = set()
        self.bounds: list = []
        self.exact = False               # a test not understood here: the value is kept as it is

    def signature(self, value: Any) -> Any:
        if value is MISSING:
            return MISSING
        if self.exact or isinstance(value, dict):
            return ("exact", fact_json({"v": value}))
        if isinstance(value, list):
            return ("list", frozenset(item for item in value if _hashable(item) and item in self.items))
        equal = value if value in self.equal else ("other", type(value).__name__)
        if not self.bounds:
            return equal
        try:
            return equal, bisect.bisect_left(self.bounds, value), value in self.bounds
        except TypeError:                # a value not ordered with the bounds
            return ("exact", fact_json({"v": value}))


def _hashable(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def tested(definitions: Iterable[tuple[str, dict]]) -> dict[str, FieldTests]:
    """field path -> its tests, from compiled durable_rules definitions."""
    found: dict[str, FieldTests] = {}

    def field(path: str) -> FieldTests:
        tests = found.get(path)
        if tests is None:
            tests = found[path] = FieldTests()
        return tests

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        for key, value in node.items():
            if key in ("all", "any", "m", "$and", "$or"):
                walk(value)
            elif key == "$iany":
                for path, inner in value.items():
                    constant = inner.get("$i") if isinstance(inner, dict) and len(inner) == 1 else None
                    if constant is None or not _hashable(constant):
                        field(path).exact = True
                    else:
                        field(path).items.add(constant)
            elif key in ORDERS:
                for path, bound in value.items():
                    if isinstance(bound, (int, float)) and not isinstance(bound, bool):
                        tests = field(path)
                        if bound not in tests.bounds:
                            bisect.insort(tests.bounds, bound)
                    else:
                        field(path).exact = True
            elif key.startswith("$"):                 # an operator this reading does not know
                for path in value if isinstance(value, dict) else ():
                    field(path).exact = True
            elif _hashable(value):
                field(key).equal.add(value)
            else:
                field(key).exact = True

    for _name, definition in definitions:
        walk(definition)
    return found


def lookup(fact: dict, path: tuple[str, ...]) -> Any:
    value: Any = fact
    for step in path:
        if not isinstance(value, dict) or step not in value:
            return MISSING
        value = value[step]
    return value


class Group:
    """Rules that test the same fields, in rulesets of their own: each given only those fields.

    `fired` is what the group's rulesets fired for each projection (a tuple of part numbers)."""

    def __init__(self, number: int, definitions: list[tuple[str, dict]]) -> None:
        self.number = number
        self.definitions = definitions
        tests = tested(definitions)
        tests.pop("kind", None)                    # every task fact's kind is "task"
        self.paths = sorted(tests)
        self.tests = [(tuple(path.split(".")), tests[path]) for path in self.paths]
        self.handles: list[Ruleset] = []
        self.rules: list[int] = []                      # the indexes of its rules (network.py)
        self.evented = False                            # one of its rules tests an event
        self.scopes: frozenset[str] = frozenset()       # its rules' scope names (network.py)
        self.applies: dict[Any, list] = {}              # what it fired (and the events) -> its rules in scope
        self.fired: dict[tuple, frozenset] = {}        # projection -> names fired
        self.numbers: dict[tuple, int] = {}             # a part's signatures -> its number here
        self.carried: dict[tuple, list] = {}            # a part's keys -> the tests on fields it carries

    def number_of(self, part: dict) -> int:
        """The part's number in this group: its signatures on the fields it carries."""
        shape = tuple(part)
        carried = self.carried.get(shape)
        if carried is None:
            carried = self.carried[shape] = [(steps, tests) for steps, tests in self.tests if steps[0] in part]
        key = tuple(tests.signature(lookup(part, steps)) for steps, tests in carried)
        return self.numbers.setdefault(key, len(self.numbers))

    def project(self, fact: dict) -> dict:
        """The fact cut down to the fields this group tests (and its kind)."""
        result: dict[str, Any] = {"kind": fact.get("kind", TASK)}
        for steps, _ in self.tests:
            value = lookup(fact, steps)
            if value is MISSING:
                continue
            inner = result
            for step in steps[:-1]:
                inner = inner.setdefault(step, {})
            inner[steps[-1]] = value
        return result

    def signature(self, fact: dict) -> tuple:
        return tuple(tests.signature(lookup(fact, steps)) for steps, tests in self.tests)


class Part:
    """One part of a task fact (its force, activity, place, ...), with its number in every
    group: the projection of the part onto the fields that group tests. `n` numbers the part
    by all of its projections: two parts with one `n` are the same to every rule."""

    __slots__ = ("fact", "ids", "n")

    def __init__(self, fact: dict, ids: tuple[int, ...], n: int) -> None:
        self.fact, self.ids, self.n = fact, ids, n


class Events:
    """The events in effect for a task: their facts, and the union of what each fired."""

    __slots__ = ("facts", "jsons", "each", "fired", "n")

    def __init__(self, facts: list[dict], jsons: tuple[str, ...], each: list[frozenset], n: int) -> None:
        self.facts, self.jsons, self.each, self.n = facts, jsons, each, n
        self.fired = frozenset().union(*each)


def split(definitions: Iterable[tuple[str, dict]]) -> list[Group]:
    """The task network split by the set of fields its rules test: each group's ruleset
    is given only what its rules test, so few distinct projections reach it. Each rule's
    definitions start with its scope (`r<n>.scope`)."""
    by_fields: dict[frozenset, list[tuple[str, dict]]] = {}
    rule: list[tuple[str, dict]] = []
    for name, definition in definitions:
        if name.endswith(".scope") and rule:
            by_fields.setdefault(frozenset(tested(rule)), []).extend(rule)
            rule = []
        rule.append((name, definition))
    if rule:
        by_fields.setdefault(frozenset(tested(rule)), []).extend(rule)
    return [Group(number, rules) for number, rules in enumerate(by_fields.values())]
