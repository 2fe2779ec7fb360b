"""A caller's mapping that is already plain data is read as given, not copied
(engine/evaluate.py `_plain_already`): that must hold only when copying it (`_plain`) would
neither refuse it nor change it. Anything else is copied, and refused there with its place."""
from __future__ import annotations

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
def test_a_mapping_read_as_given_is_one_that_copying_would_leave_as_it_is(value):
    value = {"v": value}
    if evaluation._plain_already(value):
        assert evaluation._plain(value, ()) == value


@pytest.mark.parametrize("value, plain", [
    (VALID, True),
    ({"n": MAX_INT, "m": -MAX_INT}, True),
    ({"n": MAX_INT + 1}, False),
    ({"n": -MAX_INT - 1}, False),
    ({"n": 1.5}, False),                       # floats are copied: _plain checks they are finite
    ({"t": ("a",)}, False),
    ({1: "a"}, False),
    ({"s": "nul\x00"}, False),
    ({"s\ud800": 1}, False),
    (nested(MAX_DEPTH - 1), True),
    (nested(MAX_DEPTH), False),
    (nested(MAX_DEPTH + 5), False),
], ids=["valid", "max-int", "past-max-int", "past-min-int", "float", "tuple", "int-key", "nul", "surrogate-key",
        "deepest-allowed", "one-too-deep", "too-deep"])
def test_what_is_read_as_given(value, plain):
    assert evaluation._plain_already(value) is plain
    if plain:
        assert evaluation._plain(value, ()) == value


def test_the_depth_read_as_given_ends_where_copying_refuses():
    evaluation._plain(nested(MAX_DEPTH - 1), ())
    with pytest.raises(engine.ComitatusError):
        evaluation._plain(nested(MAX_DEPTH), ())


def test_a_cycle_is_not_read_as_given_but_refused_with_its_place(rulebook):
    looped = dict(VALID)
    looped["x-self"] = looped
    assert not evaluation._plain_already(looped)
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(looped, rulebook)
    assert caught.value.code == "too-deep"


def test_a_mapping_read_as_given_checks_as_its_copy_and_is_left_as_it_was(rulebook, monkeypatch):
    import copy
    given = copy.deepcopy(VALID)
    as_given = engine.check(given, rulebook)
    assert given == VALID
    monkeypatch.setattr(evaluation, "_plain_already", lambda value: False)
    copied = engine.check(given, rulebook)
    assert as_given.to_json() == copied.to_json()
