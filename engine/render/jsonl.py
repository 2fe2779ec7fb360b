"""The contract's decisions as JSON Lines: a header line, then one decision per line.

Line 1 is the report without its decisions: contract, engine, rulebook, and for every
scenario its file, digest, title, as_of, summary, windows and authorities (the objects of
`--format json`, minus `decisions`). Every later line is one decision object of
`--format json` with the scenario's `file` first, in scenario order then task order. A
reader can take line 1 for the totals and stream the rest; `grep`, `jq -c` and a line
count work on decisions directly. Lines are compact JSON (no spaces), UTF-8, each ending
with a newline.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

import orjson

from ..report import CONTRACT, VERSION, authority_dict, decision_dict, window_dict


def check_jsonl(reports: Iterable[Any], rulebook: Any) -> bytes:
    reports = list(reports)
    parts = [scenario_jsonl(report) for report in reports]
    return header_line([head for head, _ in parts], rulebook) + b"".join(lines for _, lines in parts)


def header_line(scenarios: list[dict], rulebook: Any) -> bytes:
    """Line 1: everything but the decisions."""
    return _line({"contract": CONTRACT, "engine": {"version": VERSION},
                  "rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules)},
                  "scenarios": scenarios})


def scenario_jsonl(report: Any) -> tuple[dict, bytes]:
    """(the scenario's entry in the header, its decision lines)."""
    scenario = report.scenario
    file = scenario.file
    head = {"file": file, "digest": scenario.digest, "scenario": scenario.title, "as_of": report.as_of.isoformat(),
            "summary": report.summary, "windows": [window_dict(w) for w in report.windows],
            "authorities": [authority_dict(a) for a in report.authorities]}
    shared: dict = {}
    try:
        lines = b"".join(orjson.dumps({"file": file, **decision_dict(d, shared)}, option=orjson.OPT_APPEND_NEWLINE)
                         for d in report.decisions)
    except orjson.JSONEncodeError:       # a file name that is not UTF-8: keep its bytes
        lines = b"".join(_line({"file": file, **decision_dict(d, shared)}) for d in report.decisions)
    return head, lines


def _line(data: dict) -> bytes:
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return (text + "\n").encode("utf-8", "surrogateescape")

