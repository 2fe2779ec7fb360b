"""engine/frozen.py builds frozen dataclasses through an open twin class: what it builds must
be the class's own object in every way a caller can tell. Here on the two it builds in bulk
(each task's Decision in memo.py, each plainly valid Task in validate_quick.py), as the
engine made them, against the class's own constructor."""
import copy
import dataclasses
import pickle

import pytest

from engine.evaluate import evaluate, load_scenario
from engine.frozen import builder
from engine.model import Decision, Task


def same_in_every_way(made, cls):
    assert type(made) is cls and isinstance(made, cls)
    again = cls(**{field.name: getattr(made, field.name) for field in dataclasses.fields(cls)})
    assert made == again and again == made and hash(made) == hash(again)
    assert repr(made) == repr(again)
    assert pickle.loads(pickle.dumps(made)) == made
    assert copy.copy(made) == made and copy.deepcopy(made) == made and dataclasses.replace(made) == made
    assert dataclasses.astuple(made) == dataclasses.astuple(again)
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, name, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(made, name)
    assert not hasattr(made, "__dict__")


def test_the_decisions_and_tasks_of_a_large_check_are_the_classes_own(generated, rulebook):
    scenario = load_scenario(generated, rulebook)      # the quick reader's tasks
    report = evaluate(scenario, rulebook)              # memo's decisions
    for task in scenario.tasks[:40]:
        same_in_every_way(task, Task)
    for decision in report.decisions[:40]:
        same_in_every_way(decision, Decision)


@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    left: int
    right: tuple = ()


def test_a_built_object_equals_the_constructors_and_only_that():
    make = builder(Pair)
    same_in_every_way(make(1, (2,)), Pair)
    assert make(1, (2,)) == Pair(1, (2,)) and make(1, (2,)) != Pair(1, (3,))
    with pytest.raises(TypeError):
        make(1)                                        # every field, given in order


def test_a_class_with_a_field_outside_its_slots_is_refused():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        value: int
    with pytest.raises((AssertionError, AttributeError)):
        builder(Loose)
