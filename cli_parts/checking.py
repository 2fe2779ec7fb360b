"""How `check` gets its report: every file at once, or each file streamed through a spool.

(`check --jobs N` is cli_parts/jobs.py; it joins its parts with `render_check` for JUnit.)
"""
from __future__ import annotations

from typing import Any, List, Optional

import typer

from cli_parts.guard import NOT_PERMITTED, PERMITTED
from cli_parts.options import Format, date_from
from cli_parts.output import Planned, open_spool, write


def check_all(files: List[str], rulebook: Any, as_of: Optional[str], max_bytes: int) -> list:
    """Reports for every file, or every file's problems at once (sorted, capped) and nothing else."""
    import engine
    day = date_from(as_of)
    reports, errors = [], []
    for path in files:
        try:
            reports.append(engine.check(path, rulebook, as_of=day, max_bytes=max_bytes))
        except engine.Problems as problems:
            errors.extend(problems.errors)
        except engine.ComitatusError as error:
            errors.append(error)
    if errors:
        raise engine.Problems(errors)
    return reports


def check_streamed(files: List[str], rulebook: Any, format: Format, as_of: Optional[str], max_bytes: Optional[int],
                   output: Optional[str], color: bool, width: int, jobs: Optional[int] = 1) -> None:
    """check, each file decided and written a stretch of tasks at a time (engine/stream.py):
    decisions go to a spool (an unnamed temporary file beside --output, else in TMPDIR) as
    they are made, and the report is written from it once the totals are known. A large
    .jsonl or YAML file's stretches are decided in `jobs` processes (engine/stream_jobs.py;
    None: one per core, up to 4, for JSON and JSON Lines)."""
    from engine.stream import ScenarioStream, write_report
    day = date_from(as_of)
    if jobs is None:
        from engine.stream_jobs import auto_jobs
        jobs = auto_jobs() if format in (Format.json, Format.jsonl) else 1
    streams = [ScenarioStream(path, rulebook, as_of=day, max_bytes=max_bytes, jobs=jobs) for path in files]
    with open_spool(output) as spool:
        plan, permitted = write_report(streams, rulebook, format.value, spool, color=color, width=width)
        write(Planned(plan, spool), output, files)
    raise typer.Exit(PERMITTED if permitted else NOT_PERMITTED)


def render_check(reports: list, rulebook: Any, format: Format, color: bool, width: int) -> str | bytes:
    import engine
    if format is Format.json:
        return engine.reports_json_bytes(reports, rulebook)
    if format is Format.jsonl:
        from engine.render.jsonl import check_jsonl
        return check_jsonl(reports, rulebook)
    if format is Format.markdown:
        from engine.render.markdown import check_markdown
        return check_markdown(reports, rulebook, engine.VERSION)
    if format is Format.junit:
        from engine.render.junit import check_junit
        return check_junit(reports, rulebook, engine.VERSION)
    if format in (Format.sarif, Format.github, Format.html):
        return ci_format(format, reports, rulebook)
    from engine.render.text import check_text
    return check_text(reports, color=color, width=width)


def ci_format(format: Format, reports: list, rulebook: Any) -> str:
    """check's --format sarif | github | html."""
    import engine
    if format is Format.sarif:
        from engine.render.sarif import check_sarif
        return check_sarif(reports, rulebook, engine.VERSION)
    if format is Format.github:
        from engine.render.github import check_github
        return check_github(reports)
    from engine.render.html import check_html
    return check_html(reports, rulebook, engine.VERSION)
