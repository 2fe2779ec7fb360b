"""What every group fired for many tasks at once, with numpy: the deciding loop's long step
made array operations.

memo.py's loop finds, for each task of a situation not seen before, what each of the
network's groups fired: a lookup per group keyed by the task's projection (its parts'
numbers in that group). In a varied scenario nearly every task is such a task, and those
lookups are most of the deciding time. Here they are made for a batch of tasks together:
per group, the projections are coded as integers, the distinct ones looked up once, and the
answers spread back; then the tasks are sorted into the distinct combinations of answers
(a varied 100,000-task year: 2,000). The answers are the dictionaries' own, so they are
exactly those of the loop (tests/property/test_reduction.py compares both).

numpy is optional: without it, or for a small batch, memo.py keeps its loop.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from .tested import Group, Part

BATCH_MIN = 4_000          # fewer new situations than this: the loop is as fast, and numpy's import is not paid
_CODE_RANGE = 1 << 22      # projections coded below this are counted with a table; above it, sorted
_SAFE = 1 << 62            # codes stay below this (int64)


def numpy_or_none() -> Any:
    try:
        import numpy
    except ImportError:
        return None
    return numpy


def fired_rows(np: Any, groups: list[Group], ids_by_number: Sequence[tuple[int, ...]],
               rows: list[tuple[Part, ...]], ask: Callable[[list[tuple[Part, ...]]], None]) -> list[tuple]:
    """What each group fired (a tuple in group order) for each row of parts; `ask` gets the
    rows some group has not answered yet (network.fire_missing), once."""
    numbers = np.array([[part.n for part in parts] for parts in rows], dtype=np.int64)
    ids = np.array(ids_by_number, dtype=np.int64)            # part number -> its number in each group
    seen = []                                                 # per part: the numbers present
    for kind in range(numbers.shape[1]):
        present = np.zeros(len(ids), dtype=bool)
        present[numbers[:, kind]] = True
        seen.append(np.flatnonzero(present))
    coded = [_coded(np, ids[:, group.number], numbers, seen) for group in groups]
    unasked = {rep for (keys, reps, _), group in zip(coded, groups)
               for key, rep in zip(keys, reps) if key not in group.fired}
    if unasked:
        ask([rows[index] for index in sorted(unasked)])
    answers = np.empty((len(rows), len(groups)), dtype=np.int64)
    values: list[list[frozenset]] = []
    for number, ((keys, _, inverse), group) in enumerate(zip(coded, groups)):
        numbered: dict[frozenset, int] = {}            # the group's distinct answers, numbered
        table = np.array([numbered.setdefault(group.fired[key], len(numbered)) for key in keys], dtype=np.int64)
        answers[:, number] = table[inverse]
        values.append(list(numbered))
    first, inverse = _distinct_rows(np, answers)
    distinct = [tuple(value[code] for value, code in zip(values, row)) for row in answers[first].tolist()]
    return [distinct[index] for index in inverse.tolist()]


def _coded(np: Any, column: Any, numbers: Any, seen: list) -> tuple[list[tuple[int, ...]], list[int], Any]:
    """A group's distinct projections among the rows (as Group.fired keys), a row holding
    each, and each row's index among them. A part whose numbers present all project alike
    onto the group (most parts, for most groups) is not gathered row by row."""
    rows = numbers.shape[0]
    parts: list = []
    code = np.zeros(rows, dtype=np.int64)
    span = 1
    for kind, present in enumerate(seen):
        values = column[present]
        if values.min() == values.max():
            parts.append(int(values[0]))
            continue
        parts.append(column[numbers[:, kind]])
        radix = int(values.max()) + 1
        if span * radix >= _SAFE:                             # the code would overflow: number what is seen
            _, code = np.unique(code, return_inverse=True)
            code = code.reshape(-1).astype(np.int64)
            span = int(code.max()) + 1
        code = code * radix + parts[kind]
        span *= radix
    if span <= _CODE_RANGE:
        present = np.zeros(span, dtype=bool)
        present[code] = True
        distinct = np.flatnonzero(present)
        where = np.empty(span, dtype=np.int64)
        where[distinct] = np.arange(len(distinct))
        inverse = where[code]
    else:
        distinct, inverse = np.unique(code, return_inverse=True)
    reps = np.empty(len(distinct), dtype=np.int64)
    reps[inverse] = np.arange(rows)                            # some row of each projection
    keys = np.stack([np.full(len(reps), values, dtype=np.int64) if isinstance(values, int) else values[reps]
                     for values in parts], axis=1).tolist()
    return [tuple(key) for key in keys], reps.tolist(), inverse


def _distinct_rows(np: Any, answers: Any) -> tuple[Any, Any]:
    """A row of each distinct answer combination, and each row's index among them."""
    weights = np.random.default_rng(18).integers(1, 1 << 62, size=answers.shape[1], dtype=np.int64)
    hashed = answers @ weights                                 # wraps modulo 2**64: equal rows, equal sums
    _, first, inverse = np.unique(hashed, return_index=True, return_inverse=True)
    if not (answers == answers[first][inverse]).all():         # two combinations summed alike: sort them
        _, first, inverse = np.unique(answers, axis=0, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)
