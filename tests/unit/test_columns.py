"""compile/columns.py finds, for many tasks at once, exactly what a lookup per task and group
finds: each group's answer for the task's projection (its parts' numbers in that group).

Here on made-up groups and parts, against that lookup done plainly, with the projections
coded as the module codes them and, with a tiny code limit, numbered again on the way (the
branch a rulebook with many distinct projections per group takes); and the combinations it
sorts the tasks into are exactly the distinct ones."""
import random

import pytest

from engine.compile import columns, fired_rows
from engine.compile.tested import Part

np = pytest.importorskip("numpy")


class Group:
    def __init__(self, number, fired):
        self.number, self.fired = number, fired


def made_up(seed, tasks=80, groups=6, parts=9, kinds=7):
    """Parts with random projections, groups answering every projection, tasks of random parts."""
    rng = random.Random(seed)
    ids = [tuple(rng.randrange(4) for _ in range(groups)) for _ in range(parts)]
    pool = [Part({}, projection, number) for number, projection in enumerate(ids)]
    rows = [tuple(rng.choice(pool) for _ in range(kinds)) for _ in range(tasks)]
    answers = [{} for _ in range(groups)]
    for row in rows:
        for group, table in enumerate(answers):
            key = tuple(part.ids[group] for part in row)
            table.setdefault(key, frozenset({f"g{group}.{rng.randrange(3)}"}))
    return ids, rows, answers


def per_row(found):
    combinations, which = found
    return [combinations[number] for number in which]


def plainly(rows, groups):
    return [tuple(group.fired[tuple(part.ids[group.number] for part in row)] for group in groups) for row in rows]


@pytest.mark.parametrize("safe", [1 << 62, 7, 50], ids=["int64", "renumbered", "renumbered-late"])
@pytest.mark.parametrize("seed", range(12))
def test_at_once_is_the_lookup_per_task(seed, safe, monkeypatch):
    monkeypatch.setattr(columns, "_SAFE", safe)
    ids, rows, answers = made_up(seed)
    groups = [Group(number, dict(table)) for number, table in enumerate(answers)]
    asked = []
    assert per_row(fired_rows(np, groups, ids, rows, asked.extend)) == plainly(rows, groups)
    assert asked == []                       # every projection was answered: durable_rules not asked


def test_what_no_group_answered_is_asked_for_once_then_found(monkeypatch):
    ids, rows, answers = made_up(3)
    groups = [Group(number, {}) for number in range(len(answers))]

    def ask(missing):                        # network.fire_projections: fill the groups' answers
        for number, holders in missing.items():
            for key, row in holders.items():
                assert key == tuple(part.ids[number] for part in row)     # a row that holds it
                groups[number].fired[key] = answers[number][key]
        calls.append({number: set(holders) for number, holders in missing.items()})
    calls = []
    found = per_row(fired_rows(np, groups, ids, rows, ask))
    assert found == plainly(rows, [Group(n, t) for n, t in enumerate(answers)])
    assert calls == [{number: set(table) for number, table in enumerate(answers)}]   # each projection once


@pytest.mark.parametrize("safe", [1 << 62, 7], ids=["int64", "renumbered"])
@pytest.mark.parametrize("seed", range(6))
def test_combinations_are_exactly_the_distinct_answers_and_extra_numbers(seed, safe, monkeypatch):
    """One combination per distinct (what each group fired, the key's numbers after the
    parts'): rows equal in both share it, rows differing in either do not."""
    monkeypatch.setattr(columns, "_SAFE", safe)
    ids, rows, answers = made_up(seed)
    groups = [Group(number, dict(table)) for number, table in enumerate(answers)]
    rng = random.Random(seed)
    keys = [tuple(part.n for part in row) + (rng.randrange(3), rng.randrange(2)) for row in rows]
    combinations, which = fired_rows(np, groups, ids, rows, lambda wanted: None, keys)
    fired = plainly(rows, groups)
    assert [combinations[number] for number in which] == fired
    told = {(answer, key[len(row):]) for answer, key, row in zip(fired, keys, rows)}
    assert len(combinations) == len(told)
    for a in range(len(rows)):
        for b in range(len(rows)):
            same = fired[a] == fired[b] and keys[a][len(rows[a]):] == keys[b][len(rows[b]):]
            assert (which[a] == which[b]) == same
