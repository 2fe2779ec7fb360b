"""Golden files: each bundled scenario pins every decision, with its rule, reasons and citations.

A correct verdict reached through the wrong rule fails here. The test only reads the committed
files in tests/golden/expected/; it never writes them. After a deliberate rulebook change,
regenerate them with the separate command

    python -m pytest tests/golden --update-goldens

(which rewrites the files and skips the comparison) and review the diff like code.
"""
import glob
import json
import os
import shutil

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


def actual_for(path: str, rulebook: engine.Rulebook) -> dict:
    relative = os.path.relpath(path, ROOT)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return masked(engine.check(relative, rulebook=rulebook))
    finally:
        os.chdir(cwd)


def golden_file(path: str, folder: str = EXPECTED) -> str:
    return os.path.join(folder, os.path.basename(path)[:-5] + ".json")


def compare(actual: dict, golden: str) -> None:
    """Fail unless `actual` equals the committed file `golden` (read only)."""
    assert os.path.exists(golden), f"no golden file {golden}: run pytest tests/golden --update-goldens"
    with open(golden, encoding="utf-8") as handle:
        expected = json.load(handle)
    mine_decisions = actual["scenarios"][0]["decisions"]
    their_decisions = expected["scenarios"][0]["decisions"]
    assert [d["task"] for d in mine_decisions] == [d["task"] for d in their_decisions]
    for mine, theirs in zip(mine_decisions, their_decisions):
        assert (mine["task"], mine["verdict"], mine["rule"], mine["citations"]) == \
            (theirs["task"], theirs["verdict"], theirs["rule"], theirs["citations"]), mine["reasons"]
    assert actual == expected


@pytest.mark.parametrize("path", SCENARIOS, ids=[os.path.basename(p)[:-5] for p in SCENARIOS])
def test_scenario_matches_its_golden_file(path, rulebook, request):
    actual = actual_for(path, rulebook)
    if request.config.getoption("--update-goldens"):
        with open(golden_file(path), "w", encoding="utf-8") as handle:
            json.dump(actual, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        pytest.skip("golden file rewritten (--update-goldens): review the diff")
    compare(actual, golden_file(path))


def test_every_scenario_has_a_golden_file():
    names = {os.path.basename(p)[:-5] for p in SCENARIOS}
    goldens = {os.path.basename(p)[:-5] for p in glob.glob(os.path.join(EXPECTED, "*.json"))}
    assert goldens == names


def _edits(data: dict) -> list:
    """Ways a hand (or a changed rulebook) could make a golden file disagree."""
    def verdict(d):
        decision = d["scenarios"][0]["decisions"][0]
        decision["verdict"] = "permitted" if decision["verdict"] != "permitted" else "prohibited"

    def rule(d):
        d["scenarios"][0]["decisions"][0]["rule"] = "pca.no-such-rule"

    def citation(d):
        d["scenarios"][0]["decisions"][-1]["citations"].append("10 U.S.C. § 9999")

    def dropped(d):
        d["scenarios"][0]["decisions"].pop()

    def summary(d):
        d["scenarios"][0]["summary"] = {"edited": True}
    return [verdict, rule, citation, dropped, summary]


@pytest.mark.parametrize("edit", range(5))
def test_the_golden_test_fails_when_an_expected_file_is_edited(edit, rulebook, tmp_path):
    path = os.path.join(ROOT, "scenarios", "jtf-north-2025.yaml")
    edited = str(tmp_path / "jtf-north-2025.json")
    shutil.copy(golden_file(path), edited)
    actual = actual_for(path, rulebook)
    compare(actual, edited)                         # the untouched copy agrees ...
    with open(edited, encoding="utf-8") as handle:
        data = json.load(handle)
    _edits(data)[edit](data)
    with open(edited, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
    with pytest.raises(AssertionError):             # ... and every edited one fails
        compare(actual, edited)
    with open(golden_file(path), encoding="utf-8") as handle:
        assert json.load(handle) != data            # the committed file was never touched
