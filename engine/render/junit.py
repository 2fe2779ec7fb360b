"""JUnit XML, so CI shows every task as a test case next to the code's own tests.

One testsuite per scenario file, one testcase per task. `prohibited` and `unknown` are
failures: the first is forbidden, the second undecided, and neither may ship unnoticed.
`conditional` and `contested` are *skipped with a message*: the task is neither passed nor
failed but waits on a fact or a court, and every CI viewer shows a skipped case, with its
message, where it hides test-case properties. Every testcase also carries its verdict, rule
and citations as properties for tools that read them. No timestamps or timings: the same
report gives the same bytes.
"""
from __future__ import annotations

import os
import re
from typing import Any, Iterable

from ..errors import for_people
from .decision_lines import Layout, cited, lay_out

FAILED = ("prohibited", "unknown")
SKIPPED = ("conditional", "contested")
# Characters XML 1.0 cannot carry at all; a YAML "\x01" escape would otherwise break the file.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def check_junit(reports: Iterable[Any], rulebook: Any, version: str) -> str:
    import xml.etree.ElementTree as ET

    suites = []
    for report in reports:
        suite = suite_element(ET, report, rulebook, version, report.summary, len(report.decisions))
        tasks = {task.id: task for task in report.scenario.tasks}
        for decision in report.decisions:
            suite.append(_case(ET, decision, _classname(report), report.scenario.file, tasks.get(decision.task)))
        suites.append(suite)
    return _document(ET, suites)


def _document(ET: Any, suites: list[Any]) -> str:
    root = ET.Element("testsuites", name="comitatus")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    _clean_all(root)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _clean_all(element: Any) -> None:
    for item in element.iter():
        item.attrib.update({key: _clean(value) for key, value in item.attrib.items()})
        if item.text:
            item.text = _clean(item.text)


def suite_element(ET: Any, report: Any, rulebook: Any, version: str, counts: dict, tests: int) -> Any:
    """A scenario's testsuite without its test cases (`counts`, the summary, and `tests` given)."""
    scenario = report.scenario
    failures = sum(counts[v] for v in FAILED)
    skipped = sum(counts[v] for v in SKIPPED)
    suite = ET.Element("testsuite", name=scenario.title or scenario.file, tests=str(tests),
                       failures=str(failures), errors="0", skipped=str(skipped), file=scenario.file)
    _properties(ET, suite, [("file", scenario.file), ("scenario.digest", scenario.digest),
                            ("as_of", report.as_of.isoformat()), ("rulebook.digest", rulebook.digest),
                            ("engine.version", version)])
    return suite


def _classname(report: Any) -> str:
    return os.path.splitext(report.scenario.file)[0].replace(os.sep, "/")


class StreamedCases:
    """For engine/stream.py: a report's test cases a stretch at a time, and the document
    around them once the summaries are known; the bytes are check_junit's."""

    SEPARATOR = "\n    "         # between two cases: their indentation inside a testsuite

    def __init__(self) -> None:
        import xml.etree.ElementTree as ET
        self.ET = ET

    def cases(self, report: Any) -> str:
        """One stretch's cases, joined as check_junit joins them."""
        ET = self.ET
        tasks = {task.id: task for task in report.scenario.tasks}
        classname, file = _classname(report), report.scenario.file
        made = []
        for decision in report.decisions:
            case = _case(ET, decision, classname, file, tasks.get(decision.task))
            _clean_all(case)
            ET.indent(case, space="  ", level=2)
            made.append(ET.tostring(case, encoding="unicode"))
        return self.SEPARATOR.join(made)

    def document(self, suites: list[tuple[Any, dict, int]], rulebook: Any, version: str) -> list[str]:
        """The document cut where each suite's cases go: len(suites) + 1 pieces."""
        import secrets
        ET = self.ET
        mark = f"comitatus-cases-{secrets.token_hex(8)}"
        elements = []
        for number, (report, counts, tests) in enumerate(suites):
            suite = suite_element(ET, report, rulebook, version, counts, tests)
            if tests:
                ET.SubElement(suite, "testcase", name=f"{mark}-{number}")
            elements.append(suite)
        text = _document(ET, elements)
        pieces = []
        for number, (_, _, tests) in enumerate(suites):
            if tests:
                before, text = text.split(f'<testcase name="{mark}-{number}" />', 1)
                pieces.append(before)
            else:
                pieces.append("")
        pieces.append(text)
        return pieces


def _case(ET: Any, d: Any, classname: str, file: str, task: Any) -> Any:
    verdict = d.verdict.value
    name = f"{d.task}: {d.activity} by {d.force} on {d.date.isoformat()}"
    case = ET.Element("testcase", classname=classname, name=name, file=file)
    if task is not None and task.where is not None and task.where.line:
        case.set("line", str(task.where.line))
    _properties(ET, case, [("verdict", verdict), ("rule", d.rule or "")]
                + [("citation", c) for c in d.citations])
    detail = "\n".join(decision_details(d))
    if verdict in FAILED:
        head = f"{verdict}: " + (f"{d.rule} ({'; '.join(d.citations)})" if d.rule
                                 else "no rule decides this task; legal review needed")
        ET.SubElement(case, "failure", message=head, type=verdict).text = detail
    elif verdict in SKIPPED:
        open_items = d.conditions if verdict == "conditional" else [r.citation for r in d.readings]
        head = f"{verdict}: {d.rule}" + (f"; {'; '.join(open_items)}" if open_items else "")
        ET.SubElement(case, "skipped", message=head, type=verdict).text = detail
    else:
        ET.SubElement(case, "system-out").text = detail
    return case


DETAILS = Layout({
    "reasons": lambda r: f"reason: {r.rule} ({r.effect}, {r.citation}): {r.text}",
    "overridden": lambda o: f"overridden: {cited(o)}" + (f" by {o.by}" if o.by else ""),
    "conditions": lambda c: f"condition: {c.text}",
    "readings": lambda r: f"reading: {r.text} ({r.citation})",
    "remedies": lambda r: f"remedy: {cited(r)}" + (": needs " + "; ".join(r.requires) if r.requires else ""),
    "obligations": lambda o: f"obligation: {cited(o)}: {o.text}",
})


def decision_details(d: Any) -> list[str]:
    """A testcase's text: the verdict, the deciding rule, then the decision's lines."""
    return [f"verdict: {d.verdict.value}", f"rule: {d.rule or 'none'}"] + lay_out(d, DETAILS)


def _clean(text: str) -> str:
    """Escaped for people (controls, bidi overrides), then anything XML cannot carry replaced."""
    return _NOT_XML.sub("\ufffd", for_people(text, lines=True))


def _properties(ET: Any, parent: Any, pairs: list[tuple[str, str]]) -> None:
    holder = ET.SubElement(parent, "properties")
    for name, value in pairs:
        ET.SubElement(holder, "property", name=name, value=value)
