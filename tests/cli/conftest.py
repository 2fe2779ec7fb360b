"""The command line on the toy rulebook, which stays put while the real law changes."""
from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

import cli
import engine
from tests.conftest import FIXTURES

TOY = os.path.join(FIXTURES, "toy-scenario.yaml")

ALL_PERMITTED = """
    scenario: only paperwork
    as_of: 2025-01-22
    forces:
      - {id: jtf, component: army}
    tasks:
      - {id: P1, force: jtf, activity: data_entry}
    """


@pytest.fixture
def invoke(toy_rules_dir):
    """Run `comitatus ARGS` in-process against the toy rulebook (unless ARGS pick their own)."""
    runner = CliRunner()

    def _invoke(*args: str, env: dict | None = None, toy: bool = True):
        argv = list(args)
        if toy and "--rules-only" not in argv and argv[:1] != ["--version"]:
            argv += ["--rules-only", toy_rules_dir]
        environment = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": None, "COLUMNS": None}
        environment.update(env or {})
        return runner.invoke(cli.app, argv, env=environment)
    return _invoke


@pytest.fixture
def toy_report(toy_rulebook):
    return engine.check(TOY, rulebook=toy_rulebook)


@pytest.fixture
def permitted(write):
    return write(ALL_PERMITTED, "permitted.yaml")


def one_error_line(result) -> str:
    """The single line a user sees for bad input; no traceback, exit 2."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
