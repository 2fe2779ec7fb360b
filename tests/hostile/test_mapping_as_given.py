"""A caller's mapping that is already plain data is read as given, not copied, and one that
is plain but for dates is copied through json (engine/evaluate.py `_read_quickly`): each must
give exactly what copying it value by value (`_plain`) gives, and only when that copy would
not refuse it. Anything else is copied value by value, and refused there with its place."""
from __future__ import annotations

import datetime
import importlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import engine
from engine.read import MAX_DEPTH, MAX_INT
from tests.hostile.test_library_misuse import VALID, VALUES

evaluation = importlib.import_module("engine.evaluate")      # (engine.evaluate is also the function)


def nested(depth, leaf="x"):
    value = leaf
    for _ in range(depth):
        value = {"k": value}
    return value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES)
def test_a_mapping_read_quickly_is_read_as_copying_would_read_it(value):
    value = {"v": value}
    quick = evaluation._read_quickly(value)
    if quick is not None:
        assert evaluation._plain(value, ()) == quick
        if quick is not value:                   # copied through json: there were dates
            assert {type(v) for v in _leaves(value)} & {datetime.date, datetime.datetime}


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


DAY = datetime.date(2025, 5, 2)
DATED = {**VALID, "tasks": [dict(VALID["tasks"][0], date=DAY), dict(VALID["tasks"][1], date=DAY)]}


@pytest.mark.parametrize("value, read", [
    (VALID, "as given"),
    ({"n": MAX_INT, "m": -MAX_INT}, "as given"),
    ({"n": MAX_INT + 1}, None),
    ({"n": -MAX_INT - 1}, None),
    ({"n": 1.5}, None),                        # floats are copied: _plain checks they are finite
    ({"t": ("a",)}, None),
    ({1: "a"}, None),
    ({"s": "nul\x00"}, None),
    ({"s\ud800": 1}, None),
    (nested(MAX_DEPTH - 1), "as given"),
    (nested(MAX_DEPTH), None),
    (nested(MAX_DEPTH + 5), None),
    (DATED, "through json"),
    ({"d": [DAY, {"at": datetime.datetime(2025, 5, 2, 10, 30)}]}, "through json"),
    ({"d": DAY, 1: "a"}, None),
    ({"d": DAY, "n": MAX_INT + 1}, None),
    ({"d": DAY, "t": (DAY,)}, None),
    (nested(MAX_DEPTH, DAY), None),
], ids=["valid", "max-int", "past-max-int", "past-min-int", "float", "tuple", "int-key", "nul", "surrogate-key",
        "deepest-allowed", "one-too-deep", "too-deep", "dated-tasks", "date-and-datetime", "date-and-int-key",
        "date-and-past-max-int", "date-in-tuple", "date-too-deep"])
def test_what_is_read_quickly(value, read):
    quick = evaluation._read_quickly(value)
    if read is None:
        assert quick is None
        return
    assert (quick is value) == (read == "as given")
    assert quick == evaluation._plain(value, ())


def test_dates_are_read_as_their_iso_text_and_the_callers_mapping_is_left_as_it_was(rulebook):
    import copy
    given = copy.deepcopy(DATED)
    dated = engine.check(given, rulebook)
    assert given == DATED
    as_text = engine.check({**VALID, "tasks": [dict(VALID["tasks"][0], date="2025-05-02"),
                                               dict(VALID["tasks"][1], date="2025-05-02")]}, rulebook)
    assert dated.to_json() == as_text.to_json()


def test_the_depth_read_as_given_ends_where_copying_refuses():
    evaluation._plain(nested(MAX_DEPTH - 1), ())
    with pytest.raises(engine.ComitatusError):
        evaluation._plain(nested(MAX_DEPTH), ())


def test_a_cycle_is_not_read_as_given_but_refused_with_its_place(rulebook):
    looped = dict(VALID)
    looped["x-self"] = looped
    assert evaluation._read_quickly(looped) is None
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(looped, rulebook)
    assert caught.value.code == "too-deep"


def test_a_mapping_read_as_given_checks_as_its_copy_and_is_left_as_it_was(rulebook, monkeypatch):
    import copy
    given = copy.deepcopy(VALID)
    as_given = engine.check(given, rulebook)
    assert given == VALID
    monkeypatch.setattr(evaluation, "_read_quickly", lambda value: None)
    copied = engine.check(given, rulebook)
    assert as_given.to_json() == copied.to_json()
