"""Item 9: whatever a library caller passes, `check` and `load_scenario` answer with a report
that serialises or a ComitatusError, located by path in a mapping; never another exception."""
from __future__ import annotations

import copy
import datetime
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import engine

VALID = {
    "scenario": "library",
    "as_of": "2025-01-22",
    "locations": [{"id": "ep", "kind": "border_zone"}],
    "forces": [{"id": "jtf", "component": "army"}],
    "events": [{"id": "riot", "kind": "emergency", "date": "2025-05-01", "nature": "civil_disturbance"}],
    "circumstances": {"insurrection_against_state": True},
    "tasks": [{"id": "T1", "force": "jtf", "activity": "data_entry", "location": "ep"},
              {"id": "T2", "force": "jtf", "activity": "arrest", "date": "2025-05-02"}],
}

# Any text, lone surrogates and NUL included (st.text leaves surrogates out unless asked).
TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)


class Opaque:
    def __repr__(self) -> str:
        raise RuntimeError("a repr that fails")


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 20, max_value=10 ** 40),
    st.integers(4999, 5001).map(lambda n: 10 ** n), st.floats(allow_nan=True, allow_infinity=True), TEXT,
    st.sampled_from(["2025-01-22", "2025-02-30", "10000-01-01", "jtf", "data_entry", "T1", "ep", "arrest"]),
    st.dates(), st.datetimes(), st.binary(max_size=4), st.builds(Opaque), st.builds(object),
    st.just(1j), st.frozensets(st.integers(), max_size=2), st.decimals(allow_nan=True),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.one_of(TEXT, st.integers(), st.none()), inner, max_size=4),
                            st.dictionaries(st.sampled_from(list(VALID) + ["id", "force", "activity", "date",
                                                                           "kind", "x-note"]), inner, max_size=4)),
    max_leaves=12)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


PATHS = list(_paths(VALID))


def _replaced(path, value):
    data = copy.deepcopy(VALID)
    if not path:
        return value
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


AS_OF = st.one_of(st.none(), st.dates(), st.datetimes(), TEXT, st.integers(), st.just("2025-03-01"),
                  st.just(b"2025-03-01"), st.just(object()))


def _answer(call, *args, **kwargs):
    try:
        result = call(*args, **kwargs)
    except engine.ComitatusError as error:
        line = error.line()
        assert line and all(ord(c) >= 0x20 or c == "\n" for c in line), line
        return None
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), VALUES, AS_OF)
def test_a_wrong_value_anywhere_is_a_comitatus_error_or_a_report_that_serialises(rulebook, path, value, as_of):
    data = _replaced(path, value)
    report = _answer(engine.check, data, rulebook, as_of=as_of)
    if report is not None:
        assert report.to_json().startswith("{")
    _answer(engine.load_scenario, data, rulebook, as_of=as_of)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_any_value_as_the_whole_scenario_is_a_comitatus_error_or_a_report(rulebook, value):
    report = _answer(engine.check, value, rulebook)
    if report is not None:
        report.to_json()


@pytest.mark.parametrize("path, value, where, code", [
    (("tasks", 1, "activity"), 3.5j, "<mapping>:tasks[1].activity", "wrong-type"),
    (("tasks", 0, "id"), "T\ud800", "<mapping>:tasks[0].id", "bad-text"),
    (("scenario",), "nul\x00", "<mapping>:scenario", "bad-text"),
    (("forces", 0, "personnel"), 10 ** 5000, "<mapping>:forces[0].personnel", "bad-number"),
    (("tasks", 0, "date"), float("nan"), "<mapping>:tasks[0].date", "bad-number"),
    (("tasks", 0, "x-note"), {1, 2}, "<mapping>:tasks[0].x-note", "wrong-type"),
    (("tasks", 0, "force"), 7, "<mapping>:tasks[0].force", "wrong-type"),
], ids=["complex", "surrogate", "nul", "huge-int", "nan", "set", "int-force"])
def test_an_error_in_a_mapping_is_located_by_its_path(rulebook, path, value, where, code):
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(_replaced(path, value), rulebook)
    errors = getattr(caught.value, "errors", (caught.value,))
    assert any(str(e.where) == where and e.code == code for e in errors), caught.value.line()


@pytest.mark.parametrize("as_of", ["bad", "2025-02-30", 5, datetime.datetime(2025, 1, 1, 5), "0001-01-01", b"x"])
def test_a_bad_as_of_is_a_comitatus_error(rulebook, as_of):
    for call in (engine.check, engine.load_scenario):
        with pytest.raises(engine.ComitatusError) as caught:
            call(VALID, rulebook, as_of=as_of)
        assert caught.value.code == "bad-date"


@pytest.mark.parametrize("source", [None, 1, b"x.yaml", ["x"], "nul\x00.yaml", object()])
def test_a_source_that_is_neither_a_path_nor_a_mapping_is_refused(rulebook, source):
    with pytest.raises(engine.ComitatusError):
        engine.check(source, rulebook)


def test_a_wrong_rulebook_or_max_bytes_is_refused():
    with pytest.raises(engine.ComitatusError):
        engine.check(VALID, "rules/")
    with pytest.raises(engine.ComitatusError):
        engine.check("x.yaml", max_bytes="big")


def test_canonically_equivalent_task_ids_are_one_id(rulebook):
    composed, decomposed = "T\u00e9", unicodedata.normalize("NFD", "T\u00e9")
    assert composed != decomposed
    data = _replaced(("tasks", 0, "id"), composed)
    data["tasks"][1]["id"] = decomposed
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(data, rulebook)
    assert caught.value.code == "duplicate-id"
    assert "first at <mapping>:tasks[0].id" in caught.value.line()


def test_a_duplicate_in_a_file_still_names_its_line(rulebook, write):
    path = write("""
        scenario: t
        as_of: 2025-01-22
        forces:
          - {id: jtf, component: army}
        tasks:
          - {id: "T\u00e9", force: jtf, activity: data_entry}
          - {id: "Te\u0301", force: jtf, activity: data_entry}
        """)
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(path, rulebook)
    assert caught.value.line().endswith("error[duplicate-id]: duplicate task id 'T\u00e9' (first on line 6)")


def test_evaluate_refuses_what_is_not_a_scenario(rulebook):
    for scenario, book in ((1, rulebook), (None, rulebook), (VALID, rulebook)):
        with pytest.raises(engine.ComitatusError):
            engine.evaluate(scenario, book)
    scenario = engine.load_scenario(VALID, rulebook)
    with pytest.raises(engine.ComitatusError):
        engine.evaluate(scenario, "rules/")
