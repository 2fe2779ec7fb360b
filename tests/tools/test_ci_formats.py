"""CI formats: SARIF 2.1.0 (validated against the OASIS schema), GitHub annotations, pre-commit."""
from __future__ import annotations

import json
import os
import re

import jsonschema
import yaml

from tests.conftest import ROOT

HERE = os.path.dirname(os.path.abspath(__file__))
JTF = os.path.join("scenarios", "jtf-north-2025.yaml")
WHAT_IF = os.path.join("scenarios", "what-if-window.yaml")


def _sarif_schema() -> dict:
    # The OASIS SARIF TC's schema for SARIF 2.1.0 (its $id below), kept here to run offline.
    with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as handle:
        return json.load(handle)


def _line_of(path: str, number: int) -> str:
    with open(os.path.join(ROOT, path), encoding="utf-8") as handle:
        return handle.read().splitlines()[number - 1]


def test_sarif_validates_and_locates_each_task_that_is_not_permitted(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run("check", JTF, WHAT_IF, "--format", "sarif")
    assert code == 1, err
    log = json.loads(out)
    schema = _sarif_schema()
    assert schema["$id"].endswith("sarif-schema-2.1.0.json")
    jsonschema.Draft7Validator(schema).validate(log)
    code, checked, _ = run("check", JTF, WHAT_IF, "--format", "json")
    expected = {(s["file"], d["task"], d["verdict"], d["rule"]) for s in json.loads(checked)["scenarios"]
                for d in s["decisions"] if d["verdict"] != "permitted"}
    (run_,) = log["runs"]
    results = run_["results"]
    found = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["properties"]["task"],
              r["properties"]["verdict"], r["ruleId"]) for r in results}
    assert found == expected
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    for result in results:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        line = _line_of(location["artifactLocation"]["uri"], location["region"]["startLine"])
        assert re.search(rf"\bid: {re.escape(result['properties']['task'])}\b", line), line
    t9 = next(r for r in results if r["properties"]["task"] == "T9")
    assert t9["level"] == "error" and "18 U.S.C. § 1385" in t9["message"]["text"]


def test_sarif_of_an_all_permitted_check_has_no_results(run, monkeypatch, write):
    monkeypatch.chdir(ROOT)
    path = write("""
        scenario: paperwork
        as_of: 2025-01-22
        forces: [{id: jtf, component: army}]
        tasks: [{id: P1, force: jtf, activity: data_entry}]
        """)
    code, out, err = run("check", path, "--format", "sarif")
    assert code == 0, err
    log = json.loads(out)
    jsonschema.Draft7Validator(_sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotations(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run("check", JTF, "--format", "github")
    assert code == 1, err
    lines = out.splitlines()
    t9 = next(line for line in lines if "title=T9 " in line)
    match = re.match(r"::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.*)", t9)
    assert match, t9
    assert match.group(1) == "scenarios/jtf-north-2025.yaml"
    assert "id: T9" in _line_of(JTF, int(match.group(2)))
    assert "18 U.S.C. § 1385" in match.group(5) and "\n" not in match.group(5)
    assert lines[-1].startswith("::notice title=comitatus::")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_github_escapes_what_the_runner_reads():
    from engine.render.github import _data, _property
    assert _data("50% a\nb\r") == "50%25 a%0Ab%0D"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_pre_commit_hooks_run_validate_and_check_on_scenarios(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml"), encoding="utf-8") as handle:
        hooks = {hook["id"]: hook for hook in yaml.safe_load(handle)}
    assert hooks["comitatus-validate"]["entry"] == "comitatus validate"
    assert hooks["comitatus-check"]["entry"] == "comitatus check"
    for hook in hooks.values():
        assert re.search(hook["files"], "scenarios/jtf-north-2025.yaml")
        assert not re.search(hook["files"], "rules/pca.yaml")
        args = hook["entry"].split()[1:] + [JTF]
        code, _, err = run(*args)
        assert code in (0, 1), err
