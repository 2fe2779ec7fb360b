"""Differential test: durable_rules against a plain-Python reading of the same patterns.

For every subject the network is split into (task, event, circumstances), facts are
generated from the values the compiled patterns themselves test (most built to meet one
rule's pattern, then disturbed, so matches and near-misses are both common), and the rule
names durable_rules fires for each fact must be exactly those the oracle (patterns.py) says.
"""
from __future__ import annotations

import random

import pytest

from engine.compile import CIRCUMSTANCES, EVENT, TASK, compiled
from engine.compile.patterns import authority_definitions, event_definitions, task_definitions
from tests.oracle.patterns import MISSING, ORDER, Oracle, fields, lookup

SEED = 20_251_206
COUNTS = {TASK: 6_000, EVENT: 3_000, CIRCUMSTANCES: 1_000}     # 10,000 facts in all
STRANGERS = ("unstated", "none", "other", "true", "false")


class Generator:
    """Facts for one subject, from the paths and values its definitions test."""

    def __init__(self, kind: str, definitions: list[tuple[str, dict]], rng: random.Random) -> None:
        self.kind = kind
        self.rng = rng
        self.definitions = [definition["all"][0] for _name, definition in definitions]
        self.paths = fields(definitions)

    def value(self, path: str) -> object:
        rng, tested = self.rng, self.paths[path]
        if "item" in tested:
            pool = tested["item"] + ["other"]
            return rng.sample(pool, rng.randint(0, min(3, len(pool))))
        if "num" in tested:
            bounds = tested["num"]
            return rng.choice(bounds) + rng.choice((-1, 0, 0, 1))
        pool = tested.get("eq", [])
        return rng.choice(pool) if pool and rng.random() < 0.8 else rng.choice(STRANGERS)

    def meet(self, fact: dict, node: dict) -> None:
        """Set fields so that the expression holds, where its parts do not contradict."""
        (key, value), = node.items()
        if key == "$and":
            for item in value:
                self.meet(fact, item)
        elif key == "$or":
            self.meet(fact, self.rng.choice(value))
        elif key in ORDER:
            (path, bound), = value.items()
            shift = {"$lt": -1, "$lte": 0, "$gt": 1, "$gte": 0}[key]
            current = lookup(fact, path)
            if current is MISSING or not ORDER[key](current, bound):
                _put(fact, path, bound + shift)
        elif key == "$iany":
            (path, inner), = value.items()
            items = lookup(fact, path)
            items = list(items) if isinstance(items, list) else []
            _put(fact, path, items + [inner["$i"]])
        elif not key.startswith("$"):
            _put(fact, key, value)

    def fact(self) -> dict:
        rng = self.rng
        fact: dict = {}
        for path in self.paths:
            if rng.random() < 0.9:
                _put(fact, path, self.value(path))
        if rng.random() < 0.8:
            self.meet(fact, next(iter(rng.choice(self.definitions).values())))
        for _ in range(rng.choice((0, 0, 1, 2))):       # disturb: near-misses
            path = rng.choice(list(self.paths))
            if rng.random() < 0.2:
                _drop(fact, path)
            else:
                _put(fact, path, self.value(path))
        if rng.random() < 0.02:
            fact["kind"] = rng.choice((TASK, EVENT, CIRCUMSTANCES, "other"))
        return fact


def _put(fact: dict, path: str, value: object) -> None:
    *parents, last = path.split(".")
    for part in parents:
        inner = fact.get(part)
        if not isinstance(inner, dict):
            inner = fact[part] = {}
        fact = inner
    fact[last] = value


def _drop(fact: dict, path: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        fact = fact.get(part)
        if not isinstance(fact, dict):
            return
    fact.pop(last, None)


DEFINITIONS = {TASK: lambda network: task_definitions(network.rulebook, network.epoch),
               EVENT: lambda network: event_definitions(network.rulebook),
               CIRCUMSTANCES: lambda network: authority_definitions(network.rulebook)}


@pytest.mark.parametrize("subject", [TASK, EVENT, CIRCUMSTANCES])
def test_durable_rules_fires_what_the_patterns_say(rulebook, subject):
    network = compiled(rulebook)
    definitions = list(DEFINITIONS[subject](network))
    oracle = Oracle(definitions)
    rng = random.Random(f"{SEED}-{subject}")
    generator = Generator(subject, definitions, rng)
    facts = [generator.fact() for _ in range(COUNTS[subject])]
    fired = network._fire(subject, facts)
    expected = [oracle.fire(fact) for fact in facts]
    disagreements = [(fact, sorted(want - got), sorted(got - want))
                     for fact, got, want in zip(facts, fired, expected) if got != want]
    assert not disagreements, (
        f"{len(disagreements)} of {len(facts)} facts disagree; the first: {disagreements[0][0]}\n"
        f"  the oracle alone fires {disagreements[0][1]}\n  durable_rules alone fires {disagreements[0][2]}")
    # the generated facts exercise the network: most rule names fire somewhere, and both
    # matches and misses are common
    reached = set().union(*expected)
    names = {name for name, _definition in definitions}
    assert len(reached) >= 0.9 * len(names), sorted(names - reached)[:20]
    matching = sum(1 for names_fired in expected if names_fired)
    assert 0.2 * len(facts) < matching < len(facts), matching
