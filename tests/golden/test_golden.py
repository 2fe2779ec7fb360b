"""Golden files: each bundled scenario pins every decision, with its rule, reasons and citations.

A correct verdict reached through the wrong rule fails here. After a deliberate rulebook
change, regenerate with `pytest tests/golden --update-goldens` and review the diff like code.
"""
import glob
import json
import os

import pytest

import engine
from tests.conftest import ROOT

SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
EXPECTED = os.path.join(ROOT, "tests", "golden", "expected")


def masked(report: engine.Report) -> dict:
    data = json.loads(report.to_json())
    data["engine"]["version"] = "*"
    data["rulebook"]["digest"] = "*"
    data["rulebook"]["rules"] = "*"
    return data


@pytest.mark.parametrize("path", SCENARIOS, ids=[os.path.basename(p)[:-5] for p in SCENARIOS])
def test_scenario_matches_its_golden_file(path, rulebook, request):
    relative = os.path.relpath(path, ROOT)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        actual = masked(engine.check(relative, rulebook=rulebook))
    finally:
        os.chdir(cwd)
    golden = os.path.join(EXPECTED, os.path.basename(path)[:-5] + ".json")
    if request.config.getoption("--update-goldens"):
        with open(golden, "w", encoding="utf-8") as handle:
            json.dump(actual, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    assert os.path.exists(golden), f"no golden file for {relative}: run pytest --update-goldens"
    with open(golden, encoding="utf-8") as handle:
        expected = json.load(handle)
    for mine, theirs in zip(actual["scenarios"][0]["decisions"], expected["scenarios"][0]["decisions"]):
        assert (mine["task"], mine["verdict"], mine["rule"], mine["citations"]) == \
            (theirs["task"], theirs["verdict"], theirs["rule"], theirs["citations"]), mine["reasons"]
    assert actual == expected


def test_every_scenario_has_a_golden_file():
    names = {os.path.basename(p)[:-5] for p in SCENARIOS}
    goldens = {os.path.basename(p)[:-5] for p in glob.glob(os.path.join(EXPECTED, "*.json"))}
    assert goldens == names
