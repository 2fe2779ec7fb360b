"""How many distinct legal situations a scenario really is, and where a fresh check spends its time.

    python bench/situations.py FILE        # e.g. a varied 100,000-task scenario (generate.py --varied)

A measurement for the "decide each distinct legal situation once" proposal (issue 18), not
part of the engine. From the compiled network's own definitions it collects every fact field
a durable_rules pattern tests and the constants it compares them with; a task's facts are
then projected onto exactly that (untested fields dropped, a tested field's value kept when
of its tests, the constant sets patterns compare it with, it passes; `epoch` kept: it already
counts rulebook date breakpoints only). Two tasks with equal projections fire the same patterns, so they need one
trip through the network and one resolution. Printed: how many fact keys the engine uses
today, how many projected situations they are, how many distinct firing sets (Matches) and
reasonings the network and resolver actually produce; which fact fields no pattern tests;
and the time of each stage of a fresh check.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)



def tested_fields(definitions: list[tuple[str, dict]]) -> dict[str, list]:
    """field -> the constant sets patterns test it against, one set per test (an `$or` of
    equalities on one field is one test); None in the list: an order test ($gte, $lt)."""
    found: dict[str, list] = {}

    def equality(node: Any) -> tuple[str, Any] | None:
        if isinstance(node, dict) and len(node) == 1:
            (key, value), = node.items()
            if key == "$iany":
                (field, test), = value.items()
                return field, test.get("$i")
            if not key.startswith("$") and not isinstance(value, (dict, list)):
                return key, value
        return None

    def add(field: str, constants: set | None) -> None:
        tests = found.setdefault(field, [])
        if constants not in tests:
            tests.append(constants)

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            if key == "$or":
                pairs = [equality(item) for item in value]
                if all(pairs) and len({field for field, _ in pairs}) == 1:
                    add(pairs[0][0], {constant for _, constant in pairs})
                else:
                    walk(value)
            elif key in ("all", "any", "m", "$and") or key.endswith(("$all", "$any", "$not")):
                walk(value)
            elif key == "$iany":
                for field, test in value.items():
                    add(field, {test.get("$i")})
            elif key in ("$gte", "$gt", "$lt", "$lte", "$neq"):
                for field in value:
                    add(field, None)
            elif not key.startswith("$"):
                add(key, {value} if not isinstance(value, (dict, list)) else None)

    for _, definition in definitions:
        walk(definition)
    return found


def signature(value: Any, tests: list) -> Any:
    """What the network can tell of a value: which of the field's tests it passes. Two values
    with the same signature make every pattern fire alike."""
    if None in tests:
        return value
    if isinstance(value, list):
        items = set(value)
        return tuple(index for index, constants in enumerate(tests) if items & constants)
    return tuple(index for index, constants in enumerate(tests) if value in constants)


def project(fact: dict, tested: dict[str, list]) -> tuple:
    flat: dict[str, Any] = {}
    for key, value in fact.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": item for inner, item in value.items()})
        else:
            flat[key] = value
    return tuple((key, signature(value, tested[key])) for key, value in sorted(flat.items()) if key in tested)


def value_classes(tested: dict[str, list], values: dict[str, set]) -> dict[str, tuple[int, int]]:
    """field -> (distinct values seen, distinct signatures among them)."""
    return {field: (len(seen), len({signature(v, tested[field]) for v in seen}))
            for field, seen in values.items() if field in tested and None not in tested[field]}


def main() -> None:
    import engine
    from engine.evaluate import evaluate, gc_paused, load_scenario
    from engine.compile import compiled
    from engine.facts import FactBuilder

    path = sys.argv[1]
    rulebook = engine.load_rulebook()
    network = compiled(rulebook)
    task_tested = tested_fields(list(network._task_definitions()))
    event_tested = tested_fields(list(network._event_definitions()))

    clock = time.process_time
    with gc_paused():
        start = clock()
        scenario = load_scenario(path, rulebook)
        read = clock() - start
        builder = FactBuilder(scenario, rulebook.vocabulary, network.breakpoints)
        start = clock()
        keys = [builder.key(task) for task in scenario.tasks]
        classes = len(set(keys))
        facts = {}
        for task, key in zip(scenario.tasks, keys):
            if key not in facts:
                facts[key] = builder.facts(task, key)
        build = clock() - start
    fact_keys = {f.key for f in facts.values()}
    situations = Counter()
    unused_task, unused_event = Counter(), Counter()
    seen: dict[str, set] = {}
    for item in facts.values():
        for key, value in item.fact.items():
            if not isinstance(value, (dict, list)):
                seen.setdefault(key, set()).add(value)
        events = frozenset(project(e, event_tested) for e in item.events)
        situations[(project(item.fact, task_tested), events)] += 1
        for key in item.fact:
            if isinstance(item.fact[key], dict):
                unused_task.update(f"{key}.{inner}" for inner in item.fact[key] if f"{key}.{inner}" not in task_tested)
            elif key not in task_tested:
                unused_task[key] += 1
        for event in item.events:
            unused_event.update(key for key in event if key not in event_tested)

    # the same projection, per rule: each rule's patterns see only the fields they test
    by_rule: dict[str, list] = {}
    for name, definition in network._task_definitions():
        by_rule.setdefault(name.split(".")[0], []).append((name, definition))
    task_facts = list({item.key[0]: item.fact for item in facts.values()}.values())
    per_rule = {rule: len({project(fact, tested) for fact in task_facts})
                for rule, definitions in by_rule.items() for tested in (tested_fields(definitions),)}
    groups: dict[frozenset, list] = {}
    for rule, definitions in by_rule.items():
        groups.setdefault(frozenset(tested_fields(definitions)), []).extend(definitions)
    per_group = [len({project(fact, tested) for fact in task_facts})
                 for definitions in groups.values() for tested in (tested_fields(definitions),)]
    event_facts = list({text: event for item in facts.values()
                        for text, event in zip(item.event_jsons, item.events)}.values())
    by_rule_e: dict[str, list] = {}
    for name, definition in network._event_definitions():
        by_rule_e.setdefault(".".join(name.split(".")[:3]), []).append((name, definition))
    per_event_test = {rule: len({project(event, tested) for event in event_facts})
                      for rule, definitions in by_rule_e.items() for tested in (tested_fields(definitions),)}

    start = clock()
    report = evaluate(scenario, rulebook)
    decide = clock() - start
    start = clock()
    engine.reports_json_bytes([report], rulebook)
    render = clock() - start

    n = len(scenario.tasks)
    print(f"{path}: {n:,} tasks")
    print(f"  task classes (engine's shape x date period): {classes:,}")
    print(f"  distinct fact keys sent to durable_rules:    {len(fact_keys):,}")
    print(f"  distinct situations (facts projected on what the rules test): {len(situations):,}")
    print(f"  distinct firing sets (Matches) the network produced: {len(network.composed):,}")
    print(f"  distinct reasonings the resolver produced:   {len(network.resolved):,}")
    print(f"  durable_rules calls: {network.engine_calls:,}")
    print(f"  distinct task facts {len(task_facts):,} x {len(by_rule)} rules = {len(task_facts) * len(by_rule):,} "
          f"(rule, fact) pairs matched today; projected per rule on the fields that rule tests: "
          f"{sum(per_rule.values()):,} (largest {max(per_rule.values()):,}, median "
          f"{sorted(per_rule.values())[len(per_rule) // 2]:,})")
    print(f"  rules grouped by the set of fields they test: {len(groups)} groups; distinct projections "
          f"per group: {sum(per_group):,} in all (largest {max(per_group):,})")
    print(f"  distinct event facts {len(event_facts):,} x {len(by_rule_e)} event tests = "
          f"{len(event_facts) * len(by_rule_e):,}; projected per test: {sum(per_event_test.values()):,}")
    print("  task fact fields no pattern tests: " + ", ".join(sorted(unused_task)))
    print("  event fact fields no pattern tests: " + ", ".join(sorted(unused_event)))
    classes_of = value_classes(task_tested, seen)
    print("  task fact fields the rules test: values seen -> values the rules can tell apart: " + ", ".join(
        f"{field} {a}->{b}" for field, (a, b) in sorted(classes_of.items()) if a > 1))
    print(f"  CPU seconds: read and validate {read:.2f}, facts of every class {build:.2f}, "
          f"evaluate (facts again, durable_rules, resolve) {decide:.2f}, JSON {render:.2f}")


if __name__ == "__main__":
    main()
