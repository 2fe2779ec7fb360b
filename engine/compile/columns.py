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

import itertools
import os
import sys
from typing import Any, Callable, Sequence

from .tested import Group, Part

BATCH_MIN = 4_000          # fewer new situations than this: the loop is as fast, and numpy's import is not paid
_CODE_RANGE = 1 << 22      # projections coded below this are counted with a table; above it, sorted
_SAFE = 1 << 62            # codes stay below this (int64)
_BLAS_IDLE = ("OPENBLAS_THREAD_TIMEOUT", "4")   # OpenBLAS's threads sleep after 2**4 idle cycles, not 2**28
_BLAS_IDLE_NAMES = ("OPENBLAS_THREAD_TIMEOUT", "GOTO_THREAD_TIMEOUT")


def numpy_or_none() -> Any:
    """numpy, or None when it is not installed.

    The OpenBLAS that numpy loads starts a thread per core on import, and each spins about
    0.1 s of CPU waiting for matrix work before it sleeps; the engine does none. So when this
    imports numpy first, OpenBLAS is told to let idle threads sleep at once (its own
    OPENBLAS_THREAD_TIMEOUT, read once when it loads), unless the program has set it, and the
    environment is put back: a program's BLAS keeps all its threads, and its child processes
    inherit nothing of this."""
    found = sys.modules.get("numpy")
    if found is not None:
        return found
    setting = not any(name in os.environ for name in _BLAS_IDLE_NAMES)
    if setting:
        os.environ[_BLAS_IDLE[0]] = _BLAS_IDLE[1]
    try:
        import numpy
    except ImportError:
        return None
    finally:
        if setting:
            os.environ.pop(_BLAS_IDLE[0], None)
    return numpy


def fired_rows(np: Any, groups: list[Group], ids_by_number: Sequence[tuple[int, ...]],
               rows: list[tuple[Part, ...]], ask: Callable[[dict[int, dict[tuple, tuple[Part, ...]]]], None],
               keys: list[tuple[int, ...]] | None = None) -> tuple[list[tuple], list[int]]:
    """The distinct combinations of what each group fired (tuples in group order) among the
    rows of parts, and each row's index among them; `ask` gets, once, the projections no
    group has answered yet, each with a row holding it (network.fire_projections). `keys`,
    when given, is each row's parts' numbers followed by numbers that tell rows apart beside
    what fired (memo.py's situation keys: the events, the citation era): rows differing
    there are apart combinations."""
    width = len(rows[0]) if rows else 0
    listed = keys if keys is not None else [[part.n for part in parts] for parts in rows]
    across = len(listed[0]) if listed else 0
    table = np.fromiter(itertools.chain.from_iterable(listed), dtype=np.int64,     # (a third faster than np.array)
                        count=len(rows) * across).reshape(len(rows), across)
    numbers = table[:, :width]
    ids = np.array(ids_by_number, dtype=np.int64)            # part number -> its number in each group
    seen = []                                                 # per part: the numbers present
    for kind in range(width):
        present = np.zeros(len(ids), dtype=bool)
        present[numbers[:, kind]] = True
        seen.append(np.flatnonzero(present))
    coded = [_coded(np, ids[:, group.number], numbers, seen) for group in groups]
    missing = {}
    for (projections, reps, _), group in zip(coded, groups):
        fired = group.fired
        lacking = {key: rows[rep] for key, rep in zip(projections, reps) if key not in fired}
        if lacking:
            missing[group.number] = lacking
    if missing:
        ask(missing)
    columns, values = [], []
    for (found, _, inverse), group in zip(coded, groups):
        numbered: dict[frozenset, int] = {}            # the group's distinct answers, numbered
        answer = np.array([numbered.setdefault(group.fired[key], len(numbered)) for key in found], dtype=np.int64)
        columns.append((answer[inverse], len(numbered)))
        values.append(list(numbered))
    columns += [(table[:, kind], int(table[:, kind].max()) + 1) for kind in range(width, table.shape[1])]
    inverse, reps = _combined(np, len(rows), columns)
    count = len(reps)
    chosen = [list(map(value.__getitem__, column[reps].tolist())) if len(value) > 1 else value * count
              for value, (column, _) in zip(values, columns)]     # per group, each combination's answer
    return list(zip(*chosen)) if chosen else [()] * count, inverse.tolist()


def _coded(np: Any, column: Any, numbers: Any, seen: list) -> tuple[list[tuple[int, ...]], list[int], Any]:
    """A group's distinct projections among the rows (as Group.fired keys), a row holding
    each, and each row's index among them. A part whose numbers present all project alike
    onto the group (most parts, for most groups) is not gathered row by row."""
    rows = numbers.shape[0]
    parts: list = []
    for kind, present in enumerate(seen):
        values = column[present]
        parts.append(int(values[0]) if values.min() == values.max() else column[numbers[:, kind]])
    inverse, reps = _combined(np, rows, [(values, int(values.max()) + 1) for values in parts
                                         if not isinstance(values, int)])
    count = len(reps)
    keys = np.stack([np.full(count, values, dtype=np.int64) if isinstance(values, int) else values[reps]
                     for values in parts], axis=1).tolist()
    return [tuple(key) for key in keys], reps.tolist(), inverse


def _combined(np: Any, rows: int, columns: list[tuple[Any, int]]) -> tuple[Any, Any]:
    """Each row's index among the distinct rows of `columns` ((values, bound above them)
    pairs), and a row holding each distinct one: the columns read as digits of one
    mixed-radix code, numbered afresh whenever the code would outgrow int64. Exact: equal
    codes, equal rows."""
    code = np.zeros(rows, dtype=np.int64)
    span = 1
    for values, radix in columns:
        if radix == 1:
            continue
        if span * radix >= _SAFE:                             # the code would overflow: number what is seen
            code, span = _numbered(np, code, span)
        code = code * radix + values
        span *= radix
    inverse, count = _numbered(np, code, span)
    reps = np.empty(count, dtype=np.int64)
    reps[inverse] = np.arange(rows)
    return inverse, reps


def _numbered(np: Any, code: Any, span: int) -> tuple[Any, int]:
    """Each code's index among the distinct codes (in the codes' order), and their count."""
    if span <= _CODE_RANGE:
        present = np.zeros(span, dtype=bool)
        present[code] = True
        distinct = np.flatnonzero(present)
        where = np.empty(span, dtype=np.int64)
        where[distinct] = np.arange(len(distinct))
        return where[code], len(distinct)
    distinct, inverse = np.unique(code, return_inverse=True)
    return inverse.reshape(-1).astype(np.int64), len(distinct)
