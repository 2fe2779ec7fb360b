"""A check pauses the cyclic collector while it reads and decides, then moves what a large
check made into the collector's oldest generation (engine/evaluate.py, gc_paused). What a
program relies on stays as it was: the collector on or off as it was, its own frozen
objects frozen, and cyclic garbage collected, without its help when much was moved."""
import gc
import importlib
import weakref

import pytest

import engine

evaluation = importlib.import_module("engine.evaluate")     # (engine.evaluate is also the function)


class Node:
    pass


@pytest.fixture
def moved(monkeypatch):
    """Every check's objects moved, however few (a test scenario is small)."""
    monkeypatch.setattr(evaluation, "PROMOTE_MIN", 0)
    monkeypatch.setattr(evaluation, "_PROMOTED", {"full": -1, "objects": 0})


@pytest.fixture
def movable(moved):
    """As `moved`, on a Python whose collector starts with nothing frozen (3.12 starts with a
    few hundred objects of its own frozen, so a check moves nothing there)."""
    if gc.get_freeze_count():
        pytest.skip("this Python starts with frozen objects: a check moves nothing")


@pytest.fixture
def cycles(monkeypatch):
    """A garbage cycle made during each check, watched by a weak reference."""
    checked, watched = evaluation.evaluate, []

    def with_a_cycle(*args, **kwargs):
        node = Node()
        node.me = node
        watched.append(weakref.ref(node))
        return checked(*args, **kwargs)
    monkeypatch.setattr(evaluation, "evaluate", with_a_cycle)
    return watched


def test_the_collector_is_on_after_a_check_when_it_was_on(generated, rulebook, moved):
    assert gc.isenabled()
    engine.check(generated, rulebook)
    assert gc.isenabled()


def test_the_collector_stays_off_after_a_check_when_a_program_turned_it_off(generated, rulebook, moved):
    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        engine.check(generated, rulebook)
        assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen   # nothing moved while the program has it off
    finally:
        gc.enable()


def test_a_programs_frozen_objects_stay_frozen(generated, rulebook, moved):
    kept = [Node() for _ in range(100)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        report = engine.check(generated, rulebook)
        assert gc.get_freeze_count() == frozen   # not unfrozen, and the check's objects not frozen
        assert report.decisions
    finally:
        gc.unfreeze()


def test_nothing_stays_frozen_after_a_check(generated, rulebook, moved):
    frozen = gc.get_freeze_count()
    engine.check(generated, rulebook)
    assert gc.get_freeze_count() == frozen


def test_cyclic_garbage_moved_old_is_still_collected(generated, rulebook, movable, cycles):
    engine.check(generated, rulebook)
    gc.collect()
    assert cycles and cycles[0]() is None


def test_past_the_limit_of_objects_moved_a_full_collection_frees_the_cycles_they_hold(
        generated, rulebook, movable, cycles, monkeypatch):
    """Moved objects do not count towards CPython's next full collection: a check makes one
    itself once PROMOTED_LIMIT of them would wait, so a loop of large checks stays bounded
    (here the limit is one object: the check collects in full instead of moving)."""
    monkeypatch.setattr(evaluation, "PROMOTED_LIMIT", 1)
    engine.check(generated, rulebook)
    assert cycles[0]() is None
