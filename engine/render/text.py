"""The terminal report: one table row per task, then the summary, windows and authorities.

Fits WIDTH columns (long cells wrap inside their column rather than widening the table);
colours only the verdicts and only when asked, so piped output stays plain.

A scenario of more than PLAIN_ROWS tasks is written another way: its summary first, then a
plain fixed-width table, one line per task, made with string formatting instead of rich.
rich lays out every row of a table (about 0.6 ms a row here: a minute for 100,000 tasks,
fifteen times the JSON report); past a few screens nobody reads the wrapped layout, they
page, grep and count, and one line per task serves that better. 200 rows is about four
screens, and rich needs a tenth of a second for them; every scenario shown in the README
and docs is far below it, so those stay byte for byte what they were.

Every cell, heading and title goes through `safe`: control characters, bidirectional
overrides and other invisible format characters are shown as escapes (`\u202e`), so a
scenario cannot reorder or hide what the report says.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Iterable

from . import VERDICT_STYLE, WIDTH, captured, console, plain

PLAIN_ROWS = 200                 # more tasks than this in a scenario: the plain table
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp"))     # controls, format (bidi, zero width), line breaks
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ANSI = {"bold green": "1;32", "bold red": "1;31", "bold yellow": "1;33", "bold magenta": "1;35",
         "bold cyan": "1;36"}


def safe(text: Any) -> str:
    """The text with every control, bidi and invisible format character written as an escape."""
    text = str(text)
    if text.isprintable():           # no control or format character (nor any odd space)
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _HIDDEN else char for char in text)


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _table(**options: Any) -> Any:
    """A header-ruled table with two blanks between columns and none at the edges."""
    from rich import box
    from rich.table import Table
    return Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False, **options)


def check_text(reports: Iterable[Any], *, color: bool = False, width: int = WIDTH) -> str:
    """Every scenario: heading, decisions table, summary, then its windows and authorities.
    A scenario of more than PLAIN_ROWS tasks: heading, summary, plain table, the rest."""
    chunks = []
    for report in reports:
        if len(report.decisions) > PLAIN_ROWS:
            head, tail = plain_parts(report, color, width)
            chunks += [head, plain_table(report, color), tail, "\n"]
            continue
        out = console(color, width)
        _heading(out, report)
        out.print(decisions_table(report))
        out.print(summary_line(report, color))
        _windows_and_authorities(out, report)
        chunks.append(captured(out) if out.file.getvalue() else "")
        chunks.append("\n")
    return "".join(chunks[:-1])


def plain_parts(report: Any, color: bool = False, width: int = WIDTH) -> tuple[str, str]:
    """A large scenario's text around its plain table: heading and summary; windows and
    authorities. (`report` needs only its scenario, as_of, windows, authorities, summary and
    a sized `decisions`: a streamed report gives its totals so.)"""
    out = console(color, width)
    _heading(out, report)
    out.print(summary_line(report, color))
    head = captured(out)
    out = console(color, width)
    _windows_and_authorities(out, report)
    return head, captured(out) if out.file.getvalue() else ""


def plain_table(report: Any, color: bool = False) -> str:
    """One line per task, columns padded to their widest cell (capped: a longer cell pushes
    its own line only), the deciding rule and lead citation last."""
    shown: dict[int, tuple[str, str]] = {}
    rows = [plain_row(decision, shown) for decision in report.decisions]
    layout = PlainLayout(plain_widths(rows), color)
    return "".join(layout.head() + [layout.line(row) for row in rows])


PLAIN_HEAD = ("Task", "Force", "Activity", "Date", "Verdict", "Deciding rule", "Citation")
PLAIN_CAPS = (16, 32, 32, 10, 11, 56)


def plain_row(decision: Any, shown: dict) -> tuple[str, ...]:
    """A decision's cells in the plain table (`shown` keeps each lead citation's text)."""
    key = id(decision.citations)
    basis = shown.get(key)
    if basis is None or basis[0] is not decision.citations:
        basis = shown[key] = (decision.citations, safe(first_citation(decision.citations)))
    return (safe(decision.task), safe(decision.force), safe(decision.activity), decision.date.isoformat(),
            decision.verdict.value, safe(decision.rule or "no rule decides"), basis[1])


def plain_widths(rows: Iterable[tuple[str, ...]], widths: list[int] | None = None) -> list[int]:
    """The first six columns' widths (the widest cell, capped), `widths` so far widened by `rows`."""
    widths = widths or [len(name) for name in PLAIN_HEAD[:6]]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row)]
    return [min(width, cap) for width, cap in zip(widths, PLAIN_CAPS)]


class PlainLayout:
    """The plain table's lines, once its column widths are known."""

    def __init__(self, widths: list[int], color: bool) -> None:
        self.widths = widths
        self.format = "  ".join(f"{{{n}:<{w}}}" for n, w in enumerate(widths)) + "  {6}"
        self.paint: dict[str, str] = {}
        if color:
            pad = widths[4]
            self.paint = {v: f"\x1b[{_ANSI[style]}m{v}\x1b[0m" + " " * (pad - len(v))
                          for v, style in VERDICT_STYLE.items() if style in _ANSI}
            self.row_format = self.format.replace(f"{{4:<{pad}}}", "{4}")

    def head(self) -> list[str]:
        rule = "\u2500" * (sum(self.widths) + 2 * len(self.widths) + len(PLAIN_HEAD[6]))
        return [self.format.format(*PLAIN_HEAD).rstrip() + "\n", rule + "\n"]

    def line(self, row: tuple[str, ...]) -> str:
        if self.paint:
            painted = self.paint.get(row[4], row[4] + " " * (self.widths[4] - len(row[4])))
            return self.row_format.format(*row[:4], painted, *row[5:]).rstrip() + "\n"
        return self.format.format(*row).rstrip() + "\n"


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
        task = Text(safe(decision.task))
        if decision.date != report.as_of:
            task.append(f"\n{decision.date.isoformat()}", style="dim")
        basis = Text(safe(decision.rule or "no rule decides"))
        basis.append("\n" + safe(first_citation(decision.citations)), style="dim")
        table.add_row(task, safe(decision.force), safe(decision.activity),
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
        table.add_row(safe(window.event), safe(window.authority), window.opened.isoformat(),
                      window.deadline.isoformat(), safe(state), plain(window.days_remaining))
    return table


def authorities_table(report: Any) -> Any:
    table = _table(title=f"Authorities as of {report.as_of.isoformat()}", title_justify="left")
    table.add_column("Authority", overflow="fold", max_width=22)
    table.add_column("Section", no_wrap=True)
    table.add_column("Available", no_wrap=True)
    table.add_column("Still missing", overflow="fold", ratio=3)
    table.add_column("Citation", overflow="fold", ratio=1)
    for status in report.authorities:
        table.add_row(safe(status.authority), safe(plain(status.section)), "yes" if status.available else "no",
                      "\n".join(map(safe, status.missing)) or "-", "\n".join(map(safe, status.citations)) or "-")
    return table


def _heading(out: Any, report: Any) -> None:
    from rich.text import Text
    out.print(Text(f"{safe(report.scenario.file)}: {safe(report.scenario.title)}", style="bold"))
    out.print(f"as of {report.as_of.isoformat()}")


def _windows_and_authorities(out: Any, report: Any) -> None:
    if report.windows:
        out.print()
        out.print(windows_table(report))
    if report.authorities:
        out.print()
        out.print(authorities_table(report))
