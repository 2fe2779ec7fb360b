"""`comitatus explain`: the whole reasoning for one task, as a tree and as the same data in JSON."""
import json
import os

from engine.report import decision_dict
from tests.cli.conftest import TOY, one_error_line


def test_an_exception_shows_what_it_overrode_and_why_it_fired(invoke):
    result = invoke("explain", TOY, "--task", "T3")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("T3  permitted  arrest by jtf on 2025-05-02\n")
    assert "Decided by ia.252: 10 U.S.C. § 252" in out
    assert "ia.252  permit, decides" in out
    assert "[met] an invocation with proclamation" in out
    assert "pca.army  prohibit, overridden by ia.252" in out
    assert "because: forbidden" in out and "because: allowed" in out
    assert "insurrection_act: " in out and "section 252" in out      # the event in effect


def test_facts_used_are_listed(invoke):
    out = invoke("explain", TOY, "-t", "T2").stdout
    facts = out.split("Facts the rules were matched against")[1].split("Decided by")[0]
    for line in ("component: army", "status: title_10", "activity_class: direct_law_enforcement",
                 "location_kinds: border_zone", "events in effect: none"):
        assert line in facts


def test_a_conditional_task_shows_what_is_still_open(invoke, toy_report):
    decision = next(d for d in toy_report.decisions if d.verdict.value == "conditional")
    result = invoke("explain", TOY, "-t", decision.task)
    assert result.exit_code == 1
    assert decision.conditions
    opened = result.stdout.split("Conditions still open\n")[1]
    for condition in decision.conditions:
        assert f"[open] {condition}" in result.stdout
        assert f"── {condition}" in opened


def test_a_contested_task_shows_the_competing_readings(invoke, toy_report):
    decision = next(d for d in toy_report.decisions if d.verdict.value == "contested")
    out = invoke("explain", TOY, "-t", decision.task).stdout
    readings = out.split("Competing readings\n")[1]
    assert len(decision.readings) >= 2
    for reading in decision.readings:
        assert reading.citation in readings


def test_a_prohibited_task_shows_its_remedies(invoke):
    out = invoke("explain", TOY, "-t", "T2").stdout
    assert "Remedies\n    └── ia.252 (10 U.S.C. § 252) would permit it, given:" in out
    assert "an invocation with proclamation" in out.split("Remedies")[1]


def test_an_unknown_task_says_no_rule_decides(invoke):
    out = invoke("explain", TOY, "-t", "T6").stdout
    assert "No rule decides this task: legal review needed" in out
    assert "Rules that applied\n│   └── none" in out


def test_json_is_the_same_reasoning_as_data(invoke, toy_report):
    result = invoke("explain", TOY, "-t", "T3", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["decision"] == json.loads(json.dumps(decision_dict(toy_report.decision("T3"))))
    roles = {rule["rule"]: rule["role"] for rule in data["rules"]}
    assert roles == {"ia.252": "decides", "pca.army": "overridden"}
    overridden = next(rule for rule in data["rules"] if rule["rule"] == "pca.army")
    assert overridden["overridden_by"] == "ia.252"
    assert overridden["scope"]["component"] == ["army", "air_force"]
    assert data["facts"]["component"] == "army"
    assert "insurrection_act" in [event["kind"] for event in data["facts"]["events_in_effect"]]
    where = next(t.where for t in toy_report.scenario.tasks if t.id == "T3")
    file, line, column = data["task"]["where"].rsplit(":", 2)
    assert (os.path.abspath(file), int(line), int(column)) == (TOY, where.line, where.column)


def test_as_of_applies_to_explain(invoke):
    data = json.loads(invoke("explain", TOY, "-t", "T2", "-f", "json", "--as-of", "2025-05-03").stdout)
    assert (data["decision"]["verdict"], data["decision"]["rule"]) == ("permitted", "ia.252")


def test_unknown_task_id_is_exit_two_with_a_hint(invoke):
    line = one_error_line(invoke("explain", TOY, "--task", "t2"))
    assert line.startswith(f"{TOY}: error[unknown-task]: no task 't2' in this scenario")
    assert line.endswith("(did you mean 'T2'?)")
    assert "did you mean" not in one_error_line(invoke("explain", TOY, "--task", "zzz"))


def test_task_is_required(invoke):
    assert invoke("explain", TOY).exit_code == 2
