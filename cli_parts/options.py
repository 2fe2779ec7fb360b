"""The options the commands share, and what they become: a date, a rulebook, colour and width."""
from __future__ import annotations

import enum
import os
import sys
from typing import Annotated, Any, List, Optional

import typer

MAX_BYTES = 64 * 1024 * 1024                   # engine.read.DEFAULT_MAX_BYTES (a test keeps them equal)
MAX_BYTES_LIMIT = 2 ** 34                      # engine.read.MAX_BYTES_LIMIT: 16 GiB, read in chunks
WIDTH = 100


class Format(str, enum.Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    html = "html"


class DataFormat(str, enum.Enum):
    text = "text"
    json = "json"


Files = Annotated[List[str], typer.Argument(metavar="FILE", show_default=False,
                                            help="Scenario files (YAML, or JSON for bulk input).")]
AsOf = Annotated[Optional[str], typer.Option("--as-of", metavar="DATE",
                                             help="Evaluate every task, and every window, as of this "
                                                  "date (YYYY-MM-DD) instead of the file's own dates.")]
Rules = Annotated[Optional[str], typer.Option("--rules", "-r", metavar="DIR",
                                              help="Add this rulebook directory on top of the bundled "
                                                   "rules/: new rules and words, rules replaced by id.")]
RulesOnly = Annotated[Optional[str], typer.Option("--rules-only", metavar="DIR",
                                                  help="Use this rulebook directory instead of rules/.")]
Output = Annotated[Optional[str], typer.Option("--output", "-o", metavar="PATH",
                                               help="Write here instead of stdout: replaced whole, or "
                                                    "left untouched on any error.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", min=1, max=MAX_BYTES_LIMIT, metavar="N",
                                       help="Refuse scenario files larger than this.")]


def date_from(text: Optional[str], option: str = "--as-of") -> Any:
    """A date option, read as every date is read (engine/dates.py)."""
    if text is None:
        return None
    from engine.dates import parse_date
    return parse_date(text, option)


def rulebook_from(directory: Optional[str], only: Optional[str] = None) -> Any:
    """The bundled rulebook, DIR layered on it (--rules), or DIR alone (--rules-only)."""
    import engine
    if only is not None:
        if directory is not None:
            raise typer.BadParameter("give --rules or --rules-only, not both", param_hint="--rules-only")
        return engine.load_rulebook(only)
    return engine.load_rulebook(None if directory is None else [None, directory])


def colour(output: Optional[str]) -> tuple[bool, int]:
    """Colour only for a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it."""
    if output not in (None, "-"):
        return False, WIDTH
    env = os.environ
    tty = sys.stdout.isatty() if hasattr(sys.stdout, "isatty") else False
    width = WIDTH
    if tty:
        import shutil
        width = min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns)
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False, width
    return bool(env.get("FORCE_COLOR")) or tty, width

