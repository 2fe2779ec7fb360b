"""The terminal report: one table row per task, then the summary, windows and authorities.

Fits WIDTH columns (long cells wrap inside their column rather than widening the table);
colours only the verdicts and only when asked, so piped output stays plain.
"""
from __future__ import annotations

from typing import Any, Iterable

from . import VERDICT_STYLE, WIDTH, captured, console, plain


def _table(**options: Any) -> Any:
    """A header-ruled table with two blanks between columns and none at the edges."""
    from rich import box
    from rich.table import Table
    return Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False, **options)


def check_text(reports: Iterable[Any], *, color: bool = False, width: int = WIDTH) -> str:
    """Every scenario: heading, decisions table, summary, then its windows and authorities."""
    out = console(color, width)
    for index, report in enumerate(reports):
        if index:
            out.print()
        _heading(out, report)
        out.print(decisions_table(report))
        out.print(summary_line(report, color))
        _windows_and_authorities(out, report)
    return captured(out)


def windows_text(reports: Iterable[Any], *, color: bool = False, width: int = WIDTH) -> str:
    """Decision windows and authorities alone, for a quick look at deadlines."""
    out = console(color, width)
    for index, report in enumerate(reports):
        if index:
            out.print()
        _heading(out, report)
        if not report.windows and not report.authorities:
            out.print("no decision windows and no authorities in this rulebook")
        _windows_and_authorities(out, report)
    return captured(out)


def verdict_text(verdict: str, color: bool = True) -> Any:
    from rich.text import Text
    return Text(verdict, style=VERDICT_STYLE.get(verdict, "") if color else "")


def summary_line(report: Any, color: bool = False) -> Any:
    from rich.text import Text
    line = Text(f"{len(report.decisions)} tasks: ")
    parts = [(verdict, count) for verdict, count in report.summary.items()]
    for index, (verdict, count) in enumerate(parts):
        if index:
            line.append(", ")
        line.append(f"{count} ")
        line.append(verdict_text(verdict, color and count > 0))
    return line


def decisions_table(report: Any) -> Any:
    from rich.text import Text
    table = _table()
    table.add_column("Task", overflow="fold", max_width=12)
    table.add_column("Force", overflow="fold", max_width=20)
    table.add_column("Activity", overflow="fold", max_width=28)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Deciding rule / citation", overflow="fold")
    for decision in report.decisions:
        task = Text(decision.task)
        if decision.date != report.as_of:
            task.append(f"\n{decision.date.isoformat()}", style="dim")
        basis = Text(decision.rule or "no rule decides")
        basis.append("\n" + first_citation(decision.citations), style="dim")
        table.add_row(task, decision.force, decision.activity,
                      verdict_text(decision.verdict.value), basis)
    return table


def first_citation(citations: tuple[str, ...]) -> str:
    """The lead citation, and how many more the full report lists."""
    if not citations:
        return "-"
    more = len(citations) - 1
    return citations[0] + (f" (+{more})" if more else "")


def windows_table(report: Any) -> Any:
    table = _table(title="Decision windows", title_justify="left")
    for name in ("Event", "Authority", "Opened", "Deadline", "State", "Days left"):
        table.add_column(name, overflow="fold")
    for window in report.windows:
        state = window.state
        if window.decided is not None:
            state += f" {window.decided.isoformat()}" + (f" ({window.outcome})" if window.outcome else "")
        table.add_row(window.event, window.authority, window.opened.isoformat(), window.deadline.isoformat(),
                      state, plain(window.days_remaining))
    return table


def authorities_table(report: Any) -> Any:
    table = _table(title=f"Authorities as of {report.as_of.isoformat()}", title_justify="left")
    table.add_column("Authority", overflow="fold", max_width=22)
    table.add_column("Section", no_wrap=True)
    table.add_column("Available", no_wrap=True)
    table.add_column("Still missing", overflow="fold", ratio=3)
    table.add_column("Citation", overflow="fold", ratio=1)
    for status in report.authorities:
        table.add_row(status.authority, plain(status.section), "yes" if status.available else "no",
                      "\n".join(status.missing) or "-", "\n".join(status.citations) or "-")
    return table


def _heading(out: Any, report: Any) -> None:
    from rich.text import Text
    out.print(Text(f"{report.scenario.file}: {report.scenario.title}", style="bold"))
    out.print(f"as of {report.as_of.isoformat()}")


def _windows_and_authorities(out: Any, report: Any) -> None:
    if report.windows:
        out.print()
        out.print(windows_table(report))
    if report.authorities:
        out.print()
        out.print(authorities_table(report))
