"""docs/: the CLI reference is generated and fresh, links resolve, the tutorial shows real output."""
from __future__ import annotations

import importlib.util
import os
import re

import pytest

from tests.conftest import ROOT

DOCS = os.path.join(ROOT, "docs")
MINE = ["scenario-format.md", "rule-format.md", "tutorial.md", "editors.md", "reference.md"]


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(DOCS, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_what_typer_says():
    with open(os.path.join(DOCS, "reference.md"), encoding="utf-8") as handle:
        assert handle.read() == _module("reference").generate(), "run: python docs/reference.py"


def test_reference_lists_every_command(run):
    code, out, _ = run("--help")
    with open(os.path.join(DOCS, "reference.md"), encoding="utf-8") as handle:
        text = handle.read()
    for command in ("check", "explain", "validate", "window", "vocabulary", "schema", "timeline", "verify"):
        assert command in out and f"## `comitatus {command}`" in text


@pytest.mark.parametrize("name", MINE)
def test_relative_links_resolve(name):
    with open(os.path.join(DOCS, name), encoding="utf-8") as handle:
        text = handle.read()
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        assert os.path.exists(os.path.normpath(os.path.join(DOCS, target))), (name, target)


def test_tutorial_timeline_is_real_output(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    with open(os.path.join(DOCS, "tutorial.md"), encoding="utf-8") as handle:
        text = handle.read()
    command = "comitatus timeline docs/examples/tutorial.yaml --task F3 --from 2025-06-01 --to 2025-06-30"
    block = text.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    code, out, err = run(*command.split()[1:])
    assert code == 0, err
    assert out == block


def test_tutorial_verdicts(run, monkeypatch):
    """Passive logistic support is outside 18 U.S.C. § 1385; the Guard on State Active Duty is
    outside it but needs state-law powers (conditional); Title 10 soldiers turning traffic back
    execute the laws."""
    import json
    monkeypatch.chdir(ROOT)
    code, out, err = run("check", "docs/examples/tutorial.yaml", "--format", "json")
    assert code == 1, err
    decisions = {d["task"]: (d["verdict"], d["rule"]) for d in json.loads(out)["scenarios"][0]["decisions"]}
    assert decisions["F1"][0] == "permitted" and decisions["F2"][0] == "conditional"
    assert decisions["F3"] == ("prohibited", "pca.army")


@pytest.mark.parametrize("name", ["README.md", os.path.join("docs", "cli.md")])
def test_example_outputs_are_real_runs(name):
    """Every `<!-- run: COMMAND -->` block (docs/refresh.py) is a run, not a traceback: it ends
    with the exit status COMMAND has now, and a JSON report is its bytes exactly. (Tables and
    help drawn by rich and typer are not compared: their look may change with the versions
    an install resolves.)"""
    refresh = _module("refresh")
    with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
        text = handle.read()
    assert "Traceback (most recent call last)" not in text
    blocks = list(refresh.BLOCK.finditer(text))
    assert blocks
    for match in blocks:
        command, shown = match.group(2), match.group(3)
        now = refresh.run(command)
        assert "Traceback" not in now, command
        assert shown.rstrip().rsplit("\n", 2)[-2] == now.rstrip().rsplit("\n", 2)[-2], \
            f"{name}: {command}: run .venv/bin/python docs/refresh.py"          # the [exit N] line
        if "--format json" in command:
            assert shown == now, f"{name}: {command}: run .venv/bin/python docs/refresh.py"
