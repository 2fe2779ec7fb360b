"""Bind the living specification's step table (living_spec/steps.py) to pytest-bdd.

Each phrase of `STEPS` becomes one pytest-bdd step whose parser is the phrase's own regular
expression and whose function hands the matched text to `Step.run`, exactly as
`comitatus verify` does: one step library, two runners.
"""
from __future__ import annotations

import inspect

import pytest
from pytest_bdd import given, parsers, then, when

from living_spec.steps import STEPS, Step, World

_DECORATORS = {"given": given, "when": when, "then": then}


@pytest.fixture
def world(rulebook) -> World:
    """A fresh scenario over the session's rulebook."""
    return World(rulebook)


def _bind(step: Step) -> None:
    def run(world: World, datatable=None, docstring=None, **groups) -> None:
        __tracebackhide__ = True
        step.run(world, groups, datatable=datatable, docstring=docstring)

    keyword = inspect.Parameter.KEYWORD_ONLY
    run.__signature__ = inspect.Signature(
        [inspect.Parameter("world", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(name, keyword, default=None) for name in (*step.groups, "datatable", "docstring")])
    # stacklevel=2: pytest-bdd registers the step fixture in this module, the caller of _bind
    _DECORATORS[step.kind](parsers.re(step.regex.pattern), stacklevel=2)(run)


for _step in STEPS:
    _bind(_step)
