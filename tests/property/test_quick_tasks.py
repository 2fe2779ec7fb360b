"""The quick task reader (validate_quick.QuickTasks) against the careful one, task by task.

The quick path may step aside (None) whenever it likes; when it answers, its Task, and the
Task's position, must be the careful reader's, and the careful reader must find no problem.
"""
from __future__ import annotations

import copy
import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import ScenarioError
from engine.validate import _ScenarioReader
from engine.validate_quick import QuickTasks as _QuickTasks
from engine.checker import Checker
from engine.read import Document
from tests.property.conftest import DEEPER
from tests.property.strategies import AGENCIES, RULEBOOK, WEIRD, scenarios

EDGES = {     # per key, values on either side of what the careful reader accepts
    "id": ["T 1", "T\u200b1", "", "T" * 100, "T" * 101, 7, "\u202eT1", "T-1"],
    "force": ["Army", "army ", 1, "nobody"],
    "activity": ["APPREHENSION", "apprehend", "Apprehend", " apprehension", "arrest", "x", True],
    "date": ["2025-01-22 ", "2025-02-30", "2025-1-2", datetime.date(2025, 1, 22), datetime.date(999, 1, 1),
             datetime.datetime(2025, 1, 22, 10, 0), "9000-01-01", "1000-01-01", 20250122, None],
    "location": ["Interior", "interior", "border zone", "place-0", "place-9", None, 3],
    "supports": ["CBP", "Customs and Border Protection", "c b p", "c.b.p", "", " ", "-x", None, 5, ["cbp"],
                 "local-police", "Local Police", "usms", "police", "sheriff", "US Marshals", "us_marshals"],
    "authority": ["x" * 10_000, "x" * 10_001, "", " ", None, 5, ["a"]],
    "description": ["", "x" * 20_000, None, 5, {"a": 1}],
    "us_persons": [True, False, None, "yes", 0, 1],
    "purpose": ["counterdrug", "Counterdrug", "counter drug", "Force Protection", "force-protection",
                "espionage", "", " ", None, 1, True, ["counterdrug"], "COUNTERINTELLIGENCE "],
    "x-note": ["x"], "dates": ["2025-01-01"], "Force": ["army"],
}
KEYS = st.sampled_from(sorted(EDGES))


@st.composite
def odd_tasks(draw) -> tuple[dict, list[dict]]:
    """A valid scenario's tasks, most with one key deleted or set to an edge or odd value."""
    data = draw(scenarios())
    tasks = []
    for task in data["tasks"]:
        task = copy.deepcopy(task)
        for _ in range(draw(st.integers(0, 2))):
            key = draw(KEYS)
            if draw(st.integers(0, 4)) == 0 and key in task:
                del task[key]
            else:
                task[key] = copy.deepcopy(draw(st.one_of(st.sampled_from(EDGES[key]), WEIRD)))
        tasks.append(task)
    return data, tasks


def reader(data: dict) -> _ScenarioReader:
    """A reader that has read the scenario's forces and places (its tasks as written)."""
    made = _ScenarioReader(Checker(Document("s.yaml", data, "sha256:0"), ScenarioError), RULEBOOK.vocabulary)
    try:
        made.read(None)
    except ScenarioError:
        pass
    return made


BASE = {"scenario": "s", "as_of": "2025-01-22",
        "forces": [{"id": "army", "component": "army", "status": "title_10"}],
        "locations": [{"id": "place-0", "kind": "military_installation"}],
        "tasks": [{"id": "T1", "force": "army", "activity": "surveillance_of_individuals", "date": "2025-02-01",
                   "location": "place-0", "supports": "cbp", "us_persons": False, "authority": "a",
                   "description": "d"}]}


def agree(made: _ScenarioReader, raw: dict, day: datetime.date, override: datetime.date | None) -> bool:
    """Whether the quick reader answered; fails if it answered otherwise than the careful one."""
    path = ("tasks", 0)
    quick = _QuickTasks(made, day, override).task(raw, path, {})
    made.check.errors.clear()
    made.missing.clear()
    careful = made.task(raw, path, {}, day, override)
    if quick is not None:
        assert not made.check.errors and not made.missing, (raw, made.check.errors)
        assert careful == quick and careful.where == quick.where
    return quick is not None


@pytest.mark.parametrize("key,value", [(key, value) for key in EDGES for value in EDGES[key]] +
                         [(key, None) for key in EDGES])
def test_each_edge_value_is_read_as_the_careful_reader_reads_it(key, value):
    made = reader(BASE)
    raw = dict(BASE["tasks"][0])
    if value is None and key in raw and key not in ("date", "location", "supports"):
        del raw[key]
    else:
        raw[key] = value
    agree(made, raw, datetime.date(2025, 1, 22), None)


@settings(max_examples=300 * DEEPER, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_tasks(), st.sampled_from([None, datetime.date(2025, 3, 1)]))
def test_the_quick_reader_answers_only_as_the_careful_reader_would(drawn, override):
    data, tasks = drawn
    made = reader(data)
    day = override or datetime.date.fromisoformat(data["as_of"])
    for raw in tasks:
        agree(made, raw, day, override)


def test_the_quick_reader_takes_the_plain_tasks():
    data = {"scenario": "s", "as_of": "2025-01-22",
            "forces": [{"id": "army", "component": "army", "status": "title_10"}],
            "locations": [{"id": "yard", "kind": "military_installation"}],
            "tasks": [{"id": "T1", "force": "army", "activity": "surveillance_of_individuals", "date": "2025-02-01",
                       "location": "yard", "supports": "CBP", "us_persons": False, "description": "d",
                       "purpose": "Force Protection"},
                      {"id": "T2", "force": "army", "activity": "apprehend", "location": "border_zone"}]}
    made = reader(data)
    quick = _QuickTasks(made, datetime.date(2025, 1, 22), None)
    first, second = (quick.task(raw, ("tasks", i), {}) for i, raw in enumerate(data["tasks"]))
    assert first is not None and second is not None
    assert (first.date, first.location, first.supports, first.facts) == \
        (datetime.date(2025, 2, 1), "yard", "cbp", (("purpose", "force_protection"), ("us_persons", False)))
    assert (second.date, second.activity, second.location) == (datetime.date(2025, 1, 22), "apprehension",
                                                               "border_zone")


@pytest.mark.parametrize("written", AGENCIES)
def test_every_agency_and_synonym_is_read_alike_by_both_readers(written):
    made = reader(BASE)
    raw = dict(BASE["tasks"][0], supports=written)
    assert agree(made, raw, datetime.date(2025, 1, 22), None)
    assert made.task(raw, ("tasks", 0), {}, datetime.date(2025, 1, 22), None).supports in RULEBOOK.vocabulary.agencies


@pytest.mark.parametrize("written,hint", [("local-police", "local_police"), ("Local Polize", "local_police"),
                                          ("us marshal", "us_marshals"), ("police", None), ("posse", None)])
def test_an_unknown_agency_is_left_to_the_careful_reader_which_locates_it_with_a_hint(written, hint):
    made = reader(BASE)
    raw = dict(BASE["tasks"][0], supports=written)
    assert not agree(made, raw, datetime.date(2025, 1, 22), None)      # the quick reader steps aside
    [error] = made.check.errors
    assert error.code == "unknown-agency" and error.where == made.check.doc.where(("tasks", 0, "supports"))
    assert error.did_you_mean == hint and repr(written) in error.message
    if hint is None:    # no near word: the message lists the agencies
        assert all(agency in str(error) for agency in RULEBOOK.vocabulary.agencies)
