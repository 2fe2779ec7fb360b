"""Reports turned into text for people and for CI: every renderer returns a string, none prints.

Only the command line writes anywhere. Renderers know the report's shape, never the law:
verdicts, rule ids, citations and explanations all arrive as data from the rulebook.
Each submodule imports its heavy dependencies (rich, xml) itself, so importing this
package costs nothing.
"""
from __future__ import annotations

import datetime
from typing import Any

WIDTH = 100       # what the tables must fit

# What a remedy would do, by its effect: an exception permits; a lifted order ends its bar.
WOULD = {"permit": "would permit it", "conditional": "would permit it on conditions",
         "contested": "would make it contested", "lift": "would lift it"}

VERDICT_STYLE = {"permitted": "bold green", "prohibited": "bold red", "conditional": "bold yellow",
                 "contested": "bold magenta", "unknown": "bold cyan"}


def console(color: bool, width: int = WIDTH) -> Any:
    """A rich console that records into a string: colour only when asked, never a terminal probe."""
    import io

    from rich.console import Console
    return Console(file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
                   color_system="standard" if color else None, highlight=False, emoji=False, markup=False,
                   soft_wrap=False, legacy_windows=False, force_jupyter=False, force_interactive=False,
                   _environ={})


def captured(out: Any) -> str:
    """The text a console() recorded, each line stripped of trailing blanks."""
    text = out.file.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def shown_file(path: str) -> str:
    """A path as a reader wants it: relative to the working directory when it lies beneath it."""
    import os
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


def place(where: Any) -> str | None:
    """`file:line:column` with the file as `shown_file` gives it."""
    if where is None:
        return None
    return shown_file(where.file) + str(where)[len(where.file):]


def plain(value: Any) -> str:
    """One value as a reader writes it: dates in ISO form, nothing as a dash."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(item) for item in value) if value else "none"
    if isinstance(value, dict):
        return ", ".join(f"{key} {plain(item)}" for key, item in value.items()) if value else "none"
    return str(value)
