"""`comitatus verify --junit PATH`: the scenarios as JUnit XML, one testsuite per feature file.

passed -> a plain testcase; failed -> <failure>; error and undefined -> <error>. The step
that stopped a scenario and its message go in the element's text. No timestamps or
timings: the same run gives the same bytes.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def verify_junit(result: Any) -> str:
    root = ET.Element("testsuites", name="comitatus verify")
    suites: dict[str, ET.Element] = {}
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for item in result.results:
        suite = suites.get(item.file)
        if suite is None:
            suite = suites[item.file] = ET.SubElement(root, "testsuite", name=_clean(item.file))
            suite.attrib.update({key: "0" for key in totals})
        case = ET.SubElement(suite, "testcase", name=_clean(item.name or f"line {item.line}"),
                             classname=_clean(item.file), file=_clean(item.file), line=str(item.line))
        counter = {"failed": "failures", "error": "errors", "undefined": "errors"}.get(item.status)
        if counter:
            tag = "failure" if item.status == "failed" else "error"
            detail = ET.SubElement(case, tag, type=item.status, message=_clean(item.message.splitlines()[0]
                                                                            if item.message else item.status))
            detail.text = _clean("\n".join(filter(None, [item.step, item.message, *item.suggestions])))
            suite.set(counter, str(int(suite.get(counter)) + 1))
            totals[counter] += 1
        suite.set("tests", str(int(suite.get("tests")) + 1))
        totals["tests"] += 1
    for key, value in totals.items():
        root.set(key, str(value))
    for problem in result.problems:
        suite = ET.SubElement(root, "testsuite", name="unreadable", tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", name=_clean(problem.split(": error", 1)[0]), classname="unreadable")
        ET.SubElement(case, "error", type="unreadable", message=_clean(problem))
        root.set("tests", str(int(root.get("tests")) + 1))
        root.set("errors", str(int(root.get("errors")) + 1))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
