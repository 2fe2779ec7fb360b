"""A Markdown report a lawyer can paste into a memo.

Summary first, a table of every decision, then each task that is not permitted with its
reasons, citations, open conditions, competing readings and remedies: the reader of a memo
needs the problems spelt out, the permitted tasks only listed.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from ..errors import for_people
from . import plain
from .decision_lines import Item, Layout, lay_out

_EDGE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def check_markdown(reports: Iterable[Any], rulebook: Any, version: str) -> str:
    reports = list(reports)
    lines = ["# Comitatus report", ""]
    lines.append(f"Rulebook `{rulebook.digest}` ({len(rulebook.rules)} rules), engine {version}.")
    for report in reports:
        lines.append("")
        lines.extend(scenario_markdown(report))
    return for_people("\n".join(lines).rstrip("\n"), lines=True) + "\n"     # no control or bidi character


def scenario_markdown(report: Any) -> list[str]:
    scenario = report.scenario
    lines = [f"## {_inline(scenario.title)}", "",
             f"File `{scenario.file}` (`{scenario.digest}`), as of {report.as_of.isoformat()}.", ""]
    counts = [f"{count} {verdict}" for verdict, count in report.summary.items()]
    lines.append(f"**Summary:** {len(report.decisions)} tasks: {', '.join(counts)}.")
    lines += ["", "| Task | Force | Activity | Date | Verdict | Deciding rule | Citations |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for d in report.decisions:
        lines.append("| " + " | ".join(_cell(value) for value in (
            d.task, d.force, d.activity, d.date.isoformat(), f"**{d.verdict.value}**",
            f"`{d.rule}`" if d.rule else "none", "; ".join(d.citations) or "none")) + " |")
    if report.windows:
        lines += ["", "### Decision windows", "",
                  "| Event | Authority | Opened | Deadline | State | Days remaining |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for w in report.windows:
            state = w.state + (f" on {w.decided.isoformat()}" if w.decided else "") \
                + (f" ({w.outcome})" if w.outcome else "")
            lines.append("| " + " | ".join(_cell(v) for v in (
                w.event, w.authority, w.opened.isoformat(), w.deadline.isoformat(), state,
                plain(w.days_remaining))) + " |")
    if report.authorities:
        lines += ["", "### Authorities", "", "| Authority | Section | Available | Still missing | Citations |",
                  "| --- | --- | --- | --- | --- |"]
        for a in report.authorities:
            lines.append("| " + " | ".join(_cell(v) for v in (
                a.authority, plain(a.section), "yes" if a.available else "no",
                "; ".join(a.missing) or "nothing", "; ".join(a.citations))) + " |")
    flagged = [d for d in report.decisions if d.verdict.value != "permitted"]
    if flagged:
        lines += ["", "### Tasks that are not permitted"]
        tasks = {task.id: task for task in report.scenario.tasks}
        for decision in flagged:
            lines += [""] + decision_markdown(decision, tasks.get(decision.task))
    return lines


def decision_markdown(d: Any, task: Any = None) -> list[str]:
    lines = [f"#### {d.task}: {d.verdict.value}", ""]
    if task is not None and task.description:
        lines += [f"*{_inline(task.description)}*", ""]
    lines.append(f"{_inline(d.activity)} by {_inline(d.force)} on {d.date.isoformat()}; "
                 + (f"decided by `{d.rule}`." if d.rule else "no rule decides it: legal review needed."))
    if d.citations:
        lines += ["", "Citations: " + "; ".join(_inline(c) for c in d.citations) + "."]
    return lines + lay_out(d, MEMO)


def _remedy(r: Item) -> list[str]:
    cite = f" ({_inline(r.citation)})" if r.citation else ""
    if not r.requires:
        return [f"- `{r.rule}`{cite} {r.would}; it needs nothing more the scenario can state"]
    return [f"- `{r.rule}`{cite} {r.would}, given:"] + [f"  - {_inline(x)}" for x in r.requires]


_HEADINGS = {"reasons": "Reasons:", "overridden": "Overridden:", "conditions": "Conditions still open:",
             "readings": "Competing readings:", "remedies": "Remedies:", "obligations": "Obligations:"}
MEMO = Layout({
    "reasons": lambda r: f"- `{r.rule}` ({r.effect}, {_inline(r.citation)}): {_inline(r.text)}",
    "overridden": lambda o: f"- `{o.rule}` ({_inline(o.citation)})" + (f", by `{o.by}`" if o.by else ""),
    "conditions": lambda c: f"- {_inline(c.text)}",
    "readings": lambda r: f"- {_inline(r.text)} ({_inline(r.citation)}; source: {_inline(r.source)})",
    "remedies": _remedy,
    "obligations": lambda o: f"- `{o.rule}` ({_inline(o.citation)}): {_inline(o.text)}",
}, before=lambda section: ["", _HEADINGS[section], ""])


def _inline(text: Any) -> str:
    """Text safe inside a Markdown paragraph: no stray emphasis, links or line breaks.

    An underscore inside a word never starts emphasis, so `data_entry` stays readable raw.
    """
    value = " ".join(str(text).split())
    for char in "\\`*[]<>|":
        value = value.replace(char, "\\" + char)
    return _EDGE_UNDERSCORE.sub(r"\\_", value)


def _cell(text: str) -> str:
    """A table cell: escaped, except the code spans and bold we put there on purpose."""
    if text.startswith("`") and text.endswith("`"):
        return "`" + text[1:-1].replace("|", "\\|") + "`"
    if text.startswith("**") and text.endswith("**"):
        return "**" + _inline(text[2:-2]) + "**"
    return _inline(text)
