"""The pipeline: read a scenario, match every task in the network, decide, report."""
from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import json
import math
import os
from typing import Any, Mapping

from .compile import CompiledRulebook, circumstance_fact, compiled, task_facts
from .errors import ScenarioError, SourceLocation, one_line, shown
from .memo import MatchedFacts, decide_all
from .model import AuthorityStatus, Decision, Rulebook, Scenario, Task
from .report import Report
from .explain import decide
from .rulebook import load_rulebook
from .validate import read_scenario
from .dates import MAX_DATE, MIN_DATE, as_date
from .read import BAD_TEXT, DEFAULT_MAX_BYTES, MAX_DEPTH, MAX_INT, Document, bad_text_message, load_file
from .read.agree import survey
from .timeline import windows

_DEFAULT: dict[str, Rulebook] = {}


def default_rulebook() -> Rulebook:
    if "rules" not in _DEFAULT:
        _DEFAULT["rules"] = load_rulebook()
    return _DEFAULT["rules"]


def load_scenario(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Scenario:
    """A validated Scenario from a path or an already-parsed mapping (format checks only).

    Whatever a caller passes, the answer is a Scenario or a ComitatusError: a mapping is held
    to what a file may contain (text, whole numbers, finite numbers, booleans, null, dates,
    lists and mappings with text keys; no controls or lone surrogates in text), and an error
    in it is located by its path, as `<mapping>:tasks[3].activity`.
    """
    rulebook = _rulebook(rulebook)
    as_of = _as_of(as_of)
    return read_scenario(_document(source, _max_bytes(max_bytes)), rulebook.vocabulary, as_of)


def check(source: Any, rulebook: Rulebook | None = None, *, as_of: datetime.date | str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Check one scenario (a path, or a mapping shaped like a scenario file)."""
    rulebook = _rulebook(rulebook)
    as_of = _as_of(as_of)
    with gc_paused():
        scenario = load_scenario(source, rulebook, as_of=as_of, max_bytes=max_bytes)
        return evaluate(scenario, rulebook)


PROMOTE_MIN = 50_000            # objects a pause must have made to be moved old (about 12,000 tasks)
PROMOTED_LIMIT = 4_000_000      # objects moved old since the last full collection: then one is made
_PROMOTED = {"full": -1, "objects": 0}


@contextlib.contextmanager
def gc_paused():
    """The cyclic garbage collector off meanwhile (reference counting still frees).

    Reading and deciding a large scenario makes hundreds of thousands of small acyclic
    objects (tasks, positions, decisions); each automatic collection would walk the whole
    growing heap, a quarter of the time of validating 100,000 tasks. Afterwards they are moved
    to the collector's oldest generation (`_promote_young`), not walked by its young ones.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            _promote_young()
            gc.enable()


def _promote_young() -> None:
    """Move what a large pause made into the collector's oldest generation, unscanned.

    The objects a check makes are acyclic, and most outlive it (they are its report). Left
    young, the first collection after the pause would walk all of them, and a later one walk
    them again, finding nothing to free (0.2-0.3 s of CPU after deciding 100,000 varied
    tasks); in the oldest generation only full collections walk them, as every long-lived
    object. gc.freeze then gc.unfreeze makes that move. CPython does not count what is moved
    so towards its next full collection, so garbage cycles moved with it (a replaced
    rulebook's) could wait long: past PROMOTED_LIMIT objects moved since the last full
    collection, one is made instead. Skipped for a small pause (PROMOTE_MIN), and whenever any
    object is frozen, the program's (unfreezing would undo its freeze) or the interpreter's
    (Python 3.12 starts with a few hundred of its own: there nothing is moved).
    """
    made = gc.get_count()[0]                 # tracked objects made since the last collection
    if made < PROMOTE_MIN or gc.get_freeze_count():
        return
    full = gc.get_stats()[-1]["collections"]
    if full != _PROMOTED["full"]:            # a full collection since: nothing moved is waiting
        _PROMOTED.update(full=full, objects=0)
    _PROMOTED["objects"] += made
    if _PROMOTED["objects"] > PROMOTED_LIMIT:
        gc.collect()
        _PROMOTED.update(full=gc.get_stats()[-1]["collections"], objects=0)
        return
    gc.freeze()
    gc.unfreeze()


def evaluate(scenario: Scenario, rulebook: Rulebook, *, cached: bool = True) -> Report:
    """Decisions, windows and authorities for a validated scenario: a pure function of both.

    A decision depends only on what the rules test of a task's facts, so tasks of one
    situation share one reasoning (memo.py), kept per compiled rulebook across scenarios.
    `cached=False` builds every task's whole facts, match and decision afresh: the
    reference the reduction and the caches are tested against.
    """
    if not isinstance(scenario, Scenario):
        raise ScenarioError("bad-argument", f"evaluate takes an engine.Scenario (from load_scenario), "
                            f"found {_kind(scenario)}")
    rulebook = _rulebook(rulebook)
    network = compiled(rulebook)
    vocabulary = rulebook.vocabulary
    decisions = (_decide_all if cached else _decide_each)(scenario, rulebook, network)
    day = scenario.as_of
    statuses = network.triggers(circumstance_fact(scenario, vocabulary, day)) if rulebook.authorities else []
    authorities = tuple(
        AuthorityStatus(a.authority, a.section, all(s == "met" for s in marks),
                        tuple(req.says for req, s in zip(a.triggers, marks) if s != "met"), a.citations, a.id)
        for a, marks in zip(rulebook.authorities, statuses))
    return Report(scenario, rulebook, day, tuple(decisions), windows(scenario, vocabulary, day), authorities)


def _decide_each(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    """The reference: every task's whole facts built afresh and sent, unprojected, through
    every ruleset; no cache of any kind."""
    result = []
    for task in scenario.tasks:
        fact, events = task_facts(scenario, task, rulebook.vocabulary, network.epoch(task.date))
        match, fired = network.fresh_match(fact, events)
        extra = network.event_citations(match, events, fired)
        result.append(decide(rulebook, task, match, MatchedFacts(fact, events), extra=extra))
    return result


def _decide_all(scenario: Scenario, rulebook: Rulebook, network: CompiledRulebook) -> list[Decision]:
    """Each distinct situation decided once (memo.py)."""
    with gc_paused():
        return decide_all(scenario, rulebook, network)


# ---- what a library caller passes ---------------------------------------------------------

MAPPING = "<mapping>"


def _rulebook(rulebook: Any) -> Rulebook:
    if rulebook is None:
        return default_rulebook()
    if not isinstance(rulebook, Rulebook):
        raise ScenarioError("bad-argument", f"rulebook must be an engine.Rulebook (from load_rulebook), "
                            f"found {_kind(rulebook)}")
    return rulebook


def _as_of(value: Any) -> datetime.date | None:
    """None, a date, or its YYYY-MM-DD text, inside the dates a file may hold."""
    if value is None:
        return None
    day = as_date(value) if not isinstance(value, datetime.datetime) else None
    if day is None:
        found = shown(value) if isinstance(value, str) else value.isoformat() \
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) else _kind(value)
        raise ScenarioError("bad-date", f"as_of must be a date YYYY-MM-DD between {MIN_DATE} and {MAX_DATE}, "
                            f"found {found}", where=SourceLocation("<as_of>"))
    return day


def _max_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ScenarioError("bad-argument", f"max_bytes must be a positive whole number, found "
                            f"{shown(value) if isinstance(value, (int, str)) else _kind(value)}")
    return value


def _kind(value: Any) -> str:
    return f"a value of type '{one_line(type(value).__name__)}'"


def _document(source: Any, max_bytes: int) -> Document:
    if isinstance(source, Mapping):
        data = _read_quickly(source)
        if data is None:
            data = _plain(source, ())
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return _MappingDocument(MAPPING, data, "sha256:" + hashlib.sha256(raw).hexdigest())
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not isinstance(path, str) or "\x00" in path:
            raise ScenarioError("bad-argument", f"cannot read a path {shown(path)}: give text without NUL")
        return load_file(path, ScenarioError, max_bytes)
    raise ScenarioError("bad-source", f"cannot check {_kind(source)}: give a path or a mapping")


class _MappingDocument(Document):
    """A caller's mapping: no lines and columns, so errors are located by path."""

    __slots__ = ()

    def where(self, path: tuple, *, key: bool = False) -> SourceLocation:
        return SourceLocation(_place(path))


def _place(path: tuple) -> str:
    """`<mapping>:tasks[3].activity`: the way to a value, as a reader would write it."""
    if len(path) == 2 and path[0] == "tasks" and type(path[1]) is int:
        return f"{MAPPING}:tasks[{path[1]}]"         # every task's: nothing in it to escape
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return f"{MAPPING}:{one_line(text)}" if text else MAPPING


_PLAIN = frozenset({dict, list, str, int, bool, type(None)})
_DATED = _PLAIN | {datetime.date, datetime.datetime}


def _read_quickly(value: Any) -> Any:
    """A caller's mapping as `_plain` would make it, found at C speed, or None when it must be
    copied value by value (`_plain` then copies it or refuses it with the place).

    It is read as given (never changed) when it is already plain: dicts and lists, text, whole
    numbers within MAX_INT, booleans and nulls; text keys; no refused character; nesting
    shallower than MAX_DEPTH. Checked a level at a time (read.agree.survey): 100,000 tasks in
    0.3 s, not copied in 0.5 s. Plain but for dates (`datetime.date` and `datetime.datetime`
    values, as Python callers write them), it is copied through json, each date written as
    `_plain` writes it: 100,000 dated tasks in 0.4 s, not 0.8 s."""
    if type(value) is not dict:
        return None
    found = survey(value)
    if found.depth >= MAX_DEPTH or not found.key_kinds <= {str} or not found.kinds <= _DATED \
            or not all(-MAX_INT <= number <= MAX_INT for number in found.ints) \
            or BAD_TEXT.search("".join(found.texts)) is not None:
        return None
    if found.kinds <= _PLAIN:
        return value
    return json.loads(json.dumps(value, ensure_ascii=False, default=_date_text))


def _date_text(value: datetime.date) -> str:
    """A date as `_plain` writes it (json.dumps' default: the survey let no other type through)."""
    return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()


def _plain(value: Any, path: tuple) -> Any:
    """A caller's value as a file would give it (dates as ISO text), or a located refusal:
    deeper than a file may be (or cyclic), a key that is not text, a value no file can hold."""
    if len(path) >= MAX_DEPTH:
        raise ScenarioError("too-deep", f"the mapping nests deeper than {MAX_DEPTH} levels (or refers "
                            "to itself)", where=SourceLocation(_place(path[:8]) + "..."))
    if isinstance(value, str):
        return _text(value, path)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            digits = int(value.bit_length() * 0.30103) + 1     # never printed: it may have 100,000 digits
            raise ScenarioError("bad-number", f"a whole number of about {digits} digits is too large "
                                f"(at most {MAX_INT})", where=SourceLocation(_place(path)))
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ScenarioError("bad-number", f"{value} is not a finite number", where=SourceLocation(_place(path)))
        return float(value)
    if isinstance(value, Mapping):
        result = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ScenarioError("bad-key", f"mapping keys must be text, found {_kind(key)}",
                                    where=SourceLocation(_place(path)))
            result[_text(key, path + (key,))] = _plain(item, path + (key,))
        return result
    if isinstance(value, (list, tuple)):
        return [_plain(item, path + (index,)) for index, item in enumerate(value)]
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")          # a date with a time: refused as a file's would be
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise ScenarioError("wrong-type", f"{_kind(value)} cannot appear in a scenario: use text, numbers, "
                        "booleans, null, dates, lists and mappings", where=SourceLocation(_place(path)))


def _text(value: str, path: tuple) -> str:
    bad = BAD_TEXT.search(value)
    if bad:
        raise ScenarioError("bad-text", bad_text_message(bad.group()), where=SourceLocation(_place(path)))
    return str(value)
