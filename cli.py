"""comitatus: the command line, a thin layer over the `engine` library."""
from __future__ import annotations

import os
import sys
from typing import List, Optional

import typer

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
                  help="May these troops do this task, here, on this date, and under what authority?")
rules_app = typer.Typer(no_args_is_help=True, help="Read and check the rulebook.")
app.add_typer(rules_app, name="rules")


def _fail(error) -> None:
    typer.echo(error.line(), err=True)
    raise typer.Exit(2)


def _rulebook(directory: Optional[str]):
    import engine
    return engine.load_rulebook(directory)


def _write(text: str, output: Optional[str]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    import tempfile
    folder = os.path.dirname(os.path.abspath(output))
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".comitatus-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, output)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


@app.command()
def check(files: List[str] = typer.Argument(..., help="Scenario files (YAML or JSON)."),
          format: str = typer.Option("text", "--format", "-f", help="text | json"),
          as_of: Optional[str] = typer.Option(None, "--as-of", help="Evaluate every task as of this date."),
          rules: Optional[str] = typer.Option(None, "--rules", help="Another rulebook directory."),
          output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here, atomically.")) -> None:
    """Check scenario files: one verdict per task, with its rule and citations."""
    import datetime

    import engine
    try:
        day = datetime.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        _fail(engine.ComitatusError("bad-date", f"--as-of must be a date YYYY-MM-DD, found '{as_of}'"))
    try:
        rulebook = _rulebook(rules)
        reports = [engine.check(path, rulebook, as_of=day) for path in files]
    except engine.ComitatusError as error:
        _fail(error)
    if format == "json":
        text = engine.reports_json(reports, rulebook)
    else:
        lines = []
        for report in reports:
            lines.append(f"{report.scenario.file}: {report.scenario.title} (as of {report.as_of})")
            for d in report.decisions:
                lines.append(f"  {d.task:<6} {d.verdict.value:<11} {d.activity:<24} {d.rule or '-':<36} "
                             f"{'; '.join(d.citations)}")
            lines.append("  " + ", ".join(f"{k} {v}" for k, v in report.summary.items()))
            for w in report.windows:
                left = f", {w.days_remaining} days remaining" if w.days_remaining is not None else ""
                lines.append(f"  window {w.event}: {w.authority} opened {w.opened}, deadline {w.deadline}: "
                             f"{w.state}{left}")
        text = "\n".join(lines) + "\n"
    _write(text, output)
    raise typer.Exit(0 if all(r.all_permitted for r in reports) else 1)


@rules_app.command("lint")
def rules_lint(rules: Optional[str] = typer.Option(None, "--rules", help="Rulebook directory.")) -> None:
    """Check the rulebook: loading errors, then warnings."""
    import engine
    from engine.lint import lint
    try:
        rulebook = _rulebook(rules)
    except engine.ComitatusError as error:
        _fail(error)
    warnings = lint(rulebook)
    for warning in warnings:
        typer.echo(warning.line())
    typer.echo(f"{len(rulebook.rules)} rules, {len(rulebook.authorities)} authorities, {len(warnings)} warnings")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
