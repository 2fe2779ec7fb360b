"""SARIF 2.1.0, so code-scanning tools show each task that is not permitted at its line.

One run for the whole check; one result per task that is not `permitted`, located at the
task in its scenario file, with the deciding rule as `ruleId` (tasks no rule decides are
`unknown` and carry the id `comitatus/undecided`). `prohibited` and `unknown` are errors,
`conditional` and `contested` warnings. The run's rules are the deciding rules, each with
its title, plain-language explanation and citations. No timestamps: the same report gives
the same bytes.
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterable

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
UNDECIDED = "comitatus/undecided"
LEVEL = {"prohibited": "error", "unknown": "error", "conditional": "warning", "contested": "warning"}


def uri(path: str) -> str:
    """A file as a relative URI when it lies beneath the working directory, else absolute."""
    from urllib.parse import quote
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative.startswith(os.pardir):
        return "file://" + quote(absolute.replace(os.sep, "/"), safe="/")
    return quote(relative.replace(os.sep, "/"), safe="/")


def findings(reports: Iterable[Any]) -> list[tuple[Any, Any, Any]]:
    """(report, decision, task) for every task that is not permitted, in report order."""
    result = []
    for report in reports:
        tasks = {task.id: task for task in report.scenario.tasks}
        for decision in report.decisions:
            if decision.verdict.value != "permitted":
                result.append((report, decision, tasks.get(decision.task)))
    return result


def message(decision: Any) -> str:
    """`Task T9 (FORCE ACTIVITY, DATE) is VERDICT: CITATIONS. BECAUSE`."""
    because = next((reason.because for reason in decision.reasons if reason.rule == decision.rule), "")
    cited = f": {'; '.join(decision.citations)}" if decision.citations else ": no rule decides it"
    text = (f"Task {decision.task} ({decision.force} {decision.activity}, {decision.date.isoformat()}) "
            f"is {decision.verdict.value}{cited}.")
    if because:
        text += " " + because
    if decision.conditions:
        text += " Conditions: " + "; ".join(decision.conditions) + "."
    return text


def check_sarif(reports: Iterable[Any], rulebook: Any, version: str) -> str:
    reports = list(reports)
    found = findings(reports)
    rule_ids = sorted({decision.rule or UNDECIDED for _, decision, _ in found})
    descriptors = []
    for rule_id in rule_ids:
        rule = rulebook.by_id.get(rule_id)
        if rule is None:
            descriptors.append({"id": rule_id, "shortDescription": {"text": "No rule decides the task"},
                                "defaultConfiguration": {"level": "error"}})
            continue
        descriptor: dict[str, Any] = {
            "id": rule.id, "name": rule.id, "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.because or rule.title},
            "properties": {"effect": rule.effect, "citations": list(rule.citations)}}
        if rule.source.startswith(("http://", "https://")):
            descriptor["helpUri"] = rule.source
        descriptors.append(descriptor)
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    results = []
    for report, decision, task in found:
        rule_id = decision.rule or UNDECIDED
        region: dict[str, int] = {"startLine": 1}
        if task is not None and task.where is not None and task.where.line:
            region = {"startLine": task.where.line, "startColumn": max(1, task.where.column)}
        results.append({
            "ruleId": rule_id, "ruleIndex": index[rule_id], "level": LEVEL.get(decision.verdict.value, "warning"),
            "message": {"text": message(decision)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(report.scenario.file)},
                                                "region": region}}],
            "partialFingerprints": {"comitatus/task": f"{report.scenario.file}:{decision.task}"},
            "properties": {"task": decision.task, "verdict": decision.verdict.value,
                           "citations": list(decision.citations)}})
    run = {"tool": {"driver": {"name": "comitatus", "version": version, "semanticVersion": version,
                               "rules": descriptors}},
           "artifacts": [{"location": {"uri": uri(report.scenario.file)}} for report in reports],
           "results": results,
           "properties": {"rulebook": {"digest": rulebook.digest}}}
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"
