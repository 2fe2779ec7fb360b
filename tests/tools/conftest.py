"""Helpers for the tools' tests: the CLI in-process, and a rulebook layer written to disk."""
from __future__ import annotations

import os
import textwrap

import pytest
from typer.testing import CliRunner

import cli
from tests.conftest import ROOT

SCENARIOS = os.path.join(ROOT, "scenarios")


@pytest.fixture
def run():
    """`comitatus ARGS` in-process on the bundled rulebook: (exit code, stdout, stderr)."""
    runner = CliRunner()

    def _run(*args: str):
        result = runner.invoke(cli.app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
        return result.exit_code, result.stdout, result.stderr
    return _run


@pytest.fixture
def layer(tmp_path):
    """A rulebook layer folder holding the given files (name -> YAML text)."""
    def _layer(files: dict[str, str], name: str = "layer") -> str:
        folder = tmp_path / name
        folder.mkdir()
        for file, text in files.items():
            (folder / file).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return str(folder)
    return _layer
