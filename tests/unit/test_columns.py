"""compile/columns.py finds, for many tasks at once, exactly what a lookup per task and group
finds: each group's answer for the task's projection (its parts' numbers in that group).

Here on made-up groups and parts, against that lookup done plainly, with the projections
coded as the module codes them and, with a tiny code limit, numbered again on the way (the
branch a rulebook with many distinct projections per group takes)."""
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


def plainly(rows, groups):
    return [tuple(group.fired[tuple(part.ids[group.number] for part in row)] for group in groups) for row in rows]


@pytest.mark.parametrize("safe", [1 << 62, 7, 50], ids=["int64", "renumbered", "renumbered-late"])
@pytest.mark.parametrize("seed", range(12))
def test_at_once_is_the_lookup_per_task(seed, safe, monkeypatch):
    monkeypatch.setattr(columns, "_SAFE", safe)
    ids, rows, answers = made_up(seed)
    groups = [Group(number, dict(table)) for number, table in enumerate(answers)]
    asked = []
    assert fired_rows(np, groups, ids, rows, asked.extend) == plainly(rows, groups)
    assert asked == []                       # every projection was answered: durable_rules not asked


def test_what_no_group_answered_is_asked_for_once_then_found(monkeypatch):
    ids, rows, answers = made_up(3)
    groups = [Group(number, {}) for number in range(len(answers))]

    def ask(wanted):                         # network.fire_missing: fill every group's answers
        for row in wanted:
            for group, table in zip(groups, answers):
                key = tuple(part.ids[group.number] for part in row)
                group.fired[key] = table[key]
        calls.append(len(wanted))
    calls = []
    assert fired_rows(np, groups, ids, rows, ask) == plainly(rows, [Group(n, t) for n, t in enumerate(answers)])
    assert len(calls) == 1 and calls[0] <= len(rows)


def test_answer_combinations_that_sum_alike_are_still_told_apart(monkeypatch):
    """The combinations are found by a weighted sum first; two that sum alike are sorted
    instead (here every weight is 0, so every combination sums alike)."""
    class Zeros:
        def integers(self, low, high, size, dtype):
            return np.zeros(size, dtype=dtype)
    monkeypatch.setattr(np.random, "default_rng", lambda seed: Zeros())
    ids, rows, answers = made_up(5)
    groups = [Group(number, dict(table)) for number, table in enumerate(answers)]
    assert fired_rows(np, groups, ids, rows, lambda wanted: None) == plainly(rows, groups)
