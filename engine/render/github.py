"""GitHub Actions workflow commands: an annotation at each task that is not permitted.

`::error file=F,line=L,col=C,title=T::message` for `prohibited` and `unknown`, `::warning`
for `conditional` and `contested`, then one `::notice` with the totals. Values are escaped
as the runner expects (`%`, CR, LF everywhere; `:` and `,` in properties too).
"""
from __future__ import annotations

import os
from typing import Any, Iterable

from .sarif import findings, message

COMMAND = {"prohibited": "error", "unknown": "error", "conditional": "warning", "contested": "warning"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def check_github(reports: Iterable[Any]) -> str:
    reports = list(reports)
    lines = []
    for report, decision, task in findings(reports):
        where = task.where if task is not None else None
        place = [f"file={_property(os.path.relpath(report.scenario.file) if os.path.isabs(report.scenario.file) else report.scenario.file)}"]
        if where is not None and where.line:
            place += [f"line={where.line}", f"col={max(1, where.column)}"]
        title = f"{decision.task} {decision.verdict.value}" + (f" ({decision.rule})" if decision.rule else "")
        place.append(f"title={_property(title)}")
        lines.append(f"::{COMMAND.get(decision.verdict.value, 'warning')} {','.join(place)}::{_data(message(decision))}")
    tasks = sum(len(report.decisions) for report in reports)
    flagged = len(lines)
    lines.append(f"::notice title=comitatus::{tasks - flagged} of {tasks} tasks permitted, {flagged} not")
    return "\n".join(lines) + "\n"
