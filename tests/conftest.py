"""Shared fixtures: the real rulebook (loaded once), a toy rulebook, scenario writers."""
from __future__ import annotations

import os
import shutil
import textwrap

import pytest

import engine

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")


@pytest.fixture(scope="session")
def rulebook() -> engine.Rulebook:
    return engine.load_rulebook()


@pytest.fixture(scope="session")
def toy_rules_dir(tmp_path_factory) -> str:
    """The real vocabulary with a handful of toy rules: engine behaviour, not law."""
    folder = tmp_path_factory.mktemp("toy-rules")
    shutil.copy(os.path.join(ROOT, "rules", "vocabulary.yaml"), folder / "vocabulary.yaml")
    shutil.copy(os.path.join(FIXTURES, "toy-rules.yaml"), folder / "toy.yaml")
    return str(folder)


@pytest.fixture(scope="session")
def toy_rulebook(toy_rules_dir) -> engine.Rulebook:
    return engine.load_rulebook(toy_rules_dir)


@pytest.fixture
def write(tmp_path):
    """Write a file from an indented text block and return its path."""
    def _write(text: str, name: str = "scenario.yaml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return str(path)
    return _write


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite tests/golden/expected/*.json from the current engine and rulebook.")
