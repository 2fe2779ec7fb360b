"""A reference evaluator of the durable_rules JSON patterns engine/compile/patterns.py emits.

Used only in tests, as a differential oracle: for a fact, which rule names should fire,
computed here in plain Python and compared with what durable_rules' C engine reports.
It knows exactly the constructs engine/compile/patterns.py writes and refuses any other, so a
new construct there fails the oracle test loudly until it is taught here:

    {"all": [{"m": EXPR}]}                 a rule: one pattern over one fact
    {"$and": [EXPR, ...]}, {"$or": [...]}  every / some sub-expression holds
    {"field": VALUE}                       the field (a dotted path: loc.x) equals VALUE
    {"$lt": {"field": N}}, $lte $gt $gte   the field compared with a number
    {"$neq": {"field": VALUE}}             the field is present and differs from VALUE
    {"$iany": {"field": {"$i": VALUE}}}    the field is a list and some item equals VALUE

Semantics, as durable_rules 2.0.28 behaves on the values engine/compile/ uses (strings,
integers, lists): an absent field fails every test, `$neq` included; equality is between values
of the same JSON type (durable coerces 1 == true and "1" == 1; engine/compile/ never relies on
that, and the generated facts never mix the types, so the oracle does not model it).
"""
from __future__ import annotations

import operator
from typing import Any, Callable

MISSING = object()
ORDER = {"$lt": operator.lt, "$lte": operator.le, "$gt": operator.gt, "$gte": operator.ge}
Test = Callable[[dict], bool]


class Unsupported(ValueError):
    """A construct the oracle does not model (engine/compile/ has learnt something new)."""


def lookup(fact: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(fact, dict) or part not in fact:
            return MISSING
        fact = fact[part]
    return fact


def same(left: Any, right: Any) -> bool:
    # bool is an int in Python and JSON keeps them apart; so does the oracle
    return type(left) is type(right) and left == right and not isinstance(left, (dict, list))


def _single(node: Any, what: str) -> tuple[str, Any]:
    if not isinstance(node, dict) or len(node) != 1:
        raise Unsupported(f"{what}: expected a one-key mapping, got {node!r}")
    return next(iter(node.items()))


def expression(node: Any) -> Test:
    """The test an expression stands for, compiled once into a Python closure."""
    key, value = _single(node, "expression")
    if key in ("$and", "$or"):
        if not isinstance(value, list) or not value:
            raise Unsupported(f"{key} needs a non-empty list, got {value!r}")
        parts = [expression(item) for item in value]
        if key == "$and":
            return lambda fact: all(part(fact) for part in parts)
        return lambda fact: any(part(fact) for part in parts)
    if key in ORDER:
        field, bound = _single(value, key)
        if isinstance(bound, bool) or not isinstance(bound, (int, float)):
            raise Unsupported(f"{key} on {field}: only numbers are modelled, got {bound!r}")
        compare = ORDER[key]

        def ordered(fact: dict) -> bool:
            found = lookup(fact, field)
            return (not isinstance(found, bool) and isinstance(found, (int, float))
                    and compare(found, bound))
        return ordered
    if key == "$neq":
        field, other = _single(value, key)

        def differs(fact: dict) -> bool:
            found = lookup(fact, field)
            return found is not MISSING and not same(found, other)
        return differs
    if key == "$iany":
        field, inner = _single(value, key)
        marker, wanted = _single(inner, "$iany item test")
        if marker != "$i":
            raise Unsupported(f"$iany on {field}: only {{'$i': value}} is modelled, got {inner!r}")

        def some_item(fact: dict) -> bool:
            found = lookup(fact, field)
            return isinstance(found, list) and any(same(item, wanted) for item in found)
        return some_item
    if key.startswith("$"):
        raise Unsupported(f"operator {key} is not modelled")
    if isinstance(value, (dict, list)):
        raise Unsupported(f"equality on {key} with a structured value {value!r}")
    return lambda fact: same(lookup(fact, key), value)


def rule(definition: Any) -> Test:
    """A rule definition {"all": [{alias: EXPR}]}: one pattern over one fact."""
    key, patterns = _single(definition, "rule")
    if key != "all" or not isinstance(patterns, list) or len(patterns) != 1:
        raise Unsupported(f"only single-pattern 'all' rules are modelled, got {definition!r}")
    _alias, expr = _single(patterns[0], "pattern")
    return expression(expr)


class Oracle:
    """Named rule definitions; `fire(fact)` is the set of names whose pattern the fact meets."""

    def __init__(self, definitions: list[tuple[str, dict]]) -> None:
        self.tests = [(name, rule(definition)) for name, definition in definitions]

    def fire(self, fact: dict) -> set[str]:
        return {name for name, test in self.tests if test(fact)}


def fields(definitions: list[tuple[str, dict]]) -> dict[str, dict[str, list]]:
    """Every field path the definitions test, by how it is tested ('eq', 'num', 'item'), with
    the values they compare it with: the raw material for generating facts that match."""
    found: dict[str, dict[str, list]] = {}

    def note(path: str, how: str, value: Any) -> None:
        values = found.setdefault(path, {}).setdefault(how, [])
        if not any(same(value, v) for v in values):
            values.append(value)

    def walk(node: Any) -> None:
        key, value = _single(node, "expression")
        if key in ("$and", "$or"):
            for item in value:
                walk(item)
        elif key in ORDER or key == "$neq":
            field, bound = _single(value, key)
            note(field, "num" if key in ORDER else "eq", bound)
        elif key == "$iany":
            field, inner = _single(value, key)
            note(field, "item", inner["$i"])
        else:
            note(key, "eq", value)

    for _name, definition in definitions:
        walk(next(iter(definition["all"][0].values())))
    return found
