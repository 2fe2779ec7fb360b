"""comitatus: the command line, a thin layer over the `engine` library.

Each command parses options, makes one or two library calls, renders, writes. Exit codes:
0 every task permitted, 1 at least one task is not, 2 bad input or usage (an output that
cannot be written included), 3 an internal error (a bug), 130 interrupted, 141 the reader
went away, 143 terminated (SIGTERM). Every error a user can cause is an
`engine.ComitatusError`, caught in one place (`guarded`, cli_parts/guard.py) and printed as
`file:line:column: error[code]: message`; anything else becomes one `internal-error` line
and exit 3, never a traceback. engine, yaml and rich are imported inside the commands so that
`--help` and completion stay fast.

This file holds the typer app, its top-level commands and the console script `main`; the
parts they share are in cli_parts/ (its __init__ lists them), the `rules` sub-app included.
"""
from __future__ import annotations

import enum
import gc
import os
import signal
import sys
from typing import Annotated, Any, List, Optional

import typer

from cli_parts.checking import check_all, check_streamed, render_check
from cli_parts.guard import (BROKEN_PIPE, NOT_PERMITTED, PERMITTED, TERMINATED, Terminated, guarded, on_sigterm,
                             printable, say)
from cli_parts.jobs import check_in_parallel
from cli_parts.options import (MAX_BYTES, MAX_BYTES_LIMIT, WIDTH, AsOf, DataFormat, Files, Format, MaxBytes, Output,
                               Rules, RulesOnly, colour, date_from, rulebook_from)
from cli_parts.output import emit, write
from cli_parts.rules_commands import rules_app

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
                  rich_markup_mode="markdown")
app.add_typer(rules_app, name="rules")


# ---- small steps of the commands ---------------------------------------------------------

def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _closest_task(wanted: str, known: list[str]) -> Optional[str]:
    from engine.errors import closest
    same = [task for task in known if task.lower() == wanted.lower()]
    return same[0] if same else closest(wanted, known)


# ---- commands -----------------------------------------------------------------------------

@guarded
def _version(show: bool) -> None:
    if show:
        from engine.report import CONTRACT, VERSION
        emit(f"comitatus {VERSION} (contract {CONTRACT})\n")
        raise typer.Exit(PERMITTED)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", help="Show the version and exit.",
                                                is_eager=True, callback=_version)] = False) -> None:
    """May these troops do this task, here, on this date, and under what authority?

    Exit codes: 0 every task permitted, 1 at least one task not permitted, 2 bad input or usage.

    Example: `comitatus check scenarios/jtf-north-2025.yaml`
    """


Jobs = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, metavar="N", show_default=False,
    help="Check the files in N processes at once, or the stretches of one large .jsonl, YAML or JSON "
         "file (--format json or jsonl): output in input order, the same bytes as one process. "
         "Default: the files one at a time, and a file of more than 25,000 tasks in one process "
         "per core, up to 4. --jobs 1: one process for everything.")]
CheckMaxBytes = Annotated[Optional[int], typer.Option(
    "--max-bytes", min=1, max=MAX_BYTES_LIMIT, metavar="N", show_default=False,
    help="Refuse scenario files larger than N bytes. Default: 1 GiB for .jsonl files, which are read a "
         "stretch of tasks at a time (a million tasks is about 160 MB), 64 MiB for YAML and JSON, "
         "which are read whole. Raise it for more, e.g. --max-bytes 4000000000.")]


@app.command()
@guarded
def check(files: Files,
          format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
          as_of: AsOf = None, rules: Rules = None, rules_only: RulesOnly = None, output: Output = None,
          max_bytes: CheckMaxBytes = None, jobs: Jobs = None) -> None:
    """Check scenario files: one verdict per task, with its deciding rule and citations.

    Exit 0 if every task is permitted, 1 if any is not, 2 on bad input.

    `--format jsonl` writes a header line (the report without its decisions), then one
    decision per line with its scenario file.

    Example: `comitatus check scenarios/*.yaml --format markdown -o memo.md`
    """
    from engine.stream import FORMATS
    rulebook = rulebook_from(rules, rules_only)
    color, width = colour(output) if format is Format.text else (False, WIDTH)
    if jobs is not None and jobs > 1 and len(files) > 1 \
            and format not in (Format.sarif, Format.github, Format.html):
        text, permitted = check_in_parallel(files, rulebook, (rules, rules_only), format, as_of,
                                            max_bytes or MAX_BYTES, jobs, color, width)
    elif format.value in FORMATS:
        check_streamed(files, rulebook, format, as_of, max_bytes, output, color, width, jobs)
    else:
        reports = check_all(files, rulebook, as_of, max_bytes or MAX_BYTES)
        text = render_check(reports, rulebook, format, color, width)
        permitted = all(report.all_permitted for report in reports)
    write(text, output, files)
    raise typer.Exit(PERMITTED if permitted else NOT_PERMITTED)


@app.command()
@guarded
def explain(file: Annotated[str, typer.Argument(metavar="FILE", help="One scenario file.", show_default=False)],
            task: Annotated[str, typer.Option("--task", "-t", metavar="ID", help="The task to explain.",
                                              show_default=False)],
            format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
            as_of: AsOf = None, rules: Rules = None, rules_only: RulesOnly = None, output: Output = None,
            max_bytes: MaxBytes = MAX_BYTES) -> None:
    """The full reasoning for one task, as a tree.

    Shows the facts the rules saw, each rule that applied and why, what overrode what, the
    citations with their explanations, the conditions still open and the remedies.

    Exit 0 if the task is permitted, 1 if not, 2 on bad input (an unknown task id included).

    Example: `comitatus explain scenarios/jtf-north-2025.yaml --task T9`
    """
    import json

    import engine
    from engine.errors import SourceLocation
    from engine.render.explain import explain_data, explain_text
    import unicodedata
    rulebook = rulebook_from(rules, rules_only)
    (report,) = check_all([file], rulebook, as_of, max_bytes)
    task = unicodedata.normalize("NFC", task)            # as the scenario's ids are compared
    known = [d.task for d in report.decisions]
    if task not in known:
        raise engine.ComitatusError("unknown-task", f"no task '{task}' in this scenario (it has "
                                    f"{', '.join(known[:12])}{', ...' if len(known) > 12 else ''})",
                                    where=SourceLocation(file), did_you_mean=_closest_task(task, known))
    decision = report.decision(task)
    data = explain_data(report, decision, rulebook, engine.VERSION)
    if format is DataFormat.json:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        color, width = colour(output)
        text = explain_text(data, color=color, width=width)
    write(text, output, [file])
    raise typer.Exit(PERMITTED if decision.verdict is engine.Verdict.PERMITTED else NOT_PERMITTED)


@app.command()
@guarded
def validate(files: Files, rules: Rules = None, rules_only: RulesOnly = None, max_bytes: MaxBytes = MAX_BYTES) -> None:
    """Check scenario files against the format and their references only; no legal evaluation.

    Exit 0 if every file is valid, 2 otherwise (every file's problems are listed).

    Example: `comitatus validate scenarios/*.yaml`
    """
    import engine
    rulebook = rulebook_from(rules, rules_only)
    errors = []
    for path in files:
        try:
            scenario = engine.load_scenario(path, rulebook, max_bytes=max_bytes)
        except engine.Problems as problems:
            errors.extend(problems.errors)
            continue
        except engine.ComitatusError as error:
            errors.append(error)
            continue
        counts = ", ".join(_count(len(items), noun) for items, noun in
                           ((scenario.tasks, "task"), (scenario.forces, "force"), (scenario.events, "event")))
        emit(f"{printable(path)}: ok: {counts}\n")
    if errors:
        raise engine.Problems(errors)


@app.command()
@guarded
def window(files: Files,
           format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
           as_of: AsOf = None, rules: Rules = None, rules_only: RulesOnly = None, max_bytes: MaxBytes = MAX_BYTES) -> None:
    """Decision windows (opened, deadline, state, days remaining) and authorities, alone.

    Exit 0 unless the input is bad (2).

    Example: `comitatus window scenarios/what-if-window.yaml --as-of 2025-04-01`
    """
    import json

    from engine.report import authority_dict, window_dict
    rulebook = rulebook_from(rules, rules_only)
    reports = check_all(files, rulebook, as_of, max_bytes)
    if format is DataFormat.json:
        data = [{"file": r.scenario.file, "scenario": r.scenario.title, "as_of": r.as_of.isoformat(),
                 "windows": [window_dict(w) for w in r.windows],
                 "authorities": [authority_dict(a) for a in r.authorities]} for r in reports]
        emit(json.dumps({"scenarios": data}, ensure_ascii=False, indent=2) + "\n")
        return
    from engine.render.text import windows_text
    color, width = colour(None)
    emit(windows_text(reports, color=color, width=width))


# --- living-spec commands ---
# `verify` is added here by the living-spec work (`rules coverage` is in cli_parts/rules_commands.py);
# keep this marker.

FeaturePaths = Annotated[Optional[List[str]], typer.Argument(
    metavar="PATH", show_default=False, help="Gherkin .feature files, or folders searched for them.")]


@app.command()
@guarded
def verify(paths: FeaturePaths = None, rules: Rules = None, rules_only: RulesOnly = None,
           verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List passing scenarios too.")] = False,
           list_steps: Annotated[bool, typer.Option("--list-steps", help="Print every known step phrase.")] = False,
           tags: Annotated[Optional[str], typer.Option("--tags", metavar="EXPR", help="Only scenarios whose "
                                                       "Gherkin tags match, e.g. '@pca and not @slow'.")] = None,
           junit: Annotated[Optional[str], typer.Option("--junit", metavar="PATH",
                                                        help="Also write the scenarios as JUnit XML here.")] = None,
           ) -> None:
    """Run .feature files through the living-spec step library: pass or fail per scenario.

    Exit 0 every scenario passed; 1 at least one failed (the rulebook disagrees with the
    feature); 2 a missing or malformed file, no scenario, an undefined step, or a scenario the
    engine rejects. Example: `comitatus verify features/ my-case.feature`
    """
    from living_spec import runner
    if list_steps:
        emit("".join(phrase + "\n" for phrase in runner.phrases()))
        raise typer.Exit(PERMITTED)
    if not paths:
        raise typer.BadParameter("give at least one .feature file or folder", param_hint="PATH")
    result = runner.run(paths, rulebook_from(rules, rules_only), tags=tags)
    if junit is not None:
        from living_spec.junit import verify_junit
        write(verify_junit(result), junit, paths)
    emit(runner.render(result, verbose=verbose))
    raise typer.Exit(result.exit_code)


# --- tools commands ---
# `vocabulary`, `schema` and `timeline`: reading the rulebook's words and how answers change.

@app.command()
@guarded
def vocabulary(format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Every word a scenario may use: activities, components, statuses, locations, event kinds, facts.

    Example: `comitatus vocabulary --format json`
    """
    import json

    from engine.vocabulary_view import vocabulary_data, vocabulary_text
    rulebook = rulebook_from(rules, rules_only)
    if format is DataFormat.json:
        emit(json.dumps({"rulebook": {"digest": rulebook.digest},
                         "vocabulary": vocabulary_data(rulebook.vocabulary)},
                        ensure_ascii=False, indent=2) + "\n")
        return
    emit(vocabulary_text(rulebook.vocabulary, width=colour(None)[1]))


class SchemaKind(str, enum.Enum):
    scenario = "scenario"
    rules = "rules"


@app.command()
@guarded
def schema(kind: Annotated[SchemaKind, typer.Argument(help="Which files the schema describes.")],
           rules: Rules = None, rules_only: RulesOnly = None, output: Output = None) -> None:
    """JSON Schema (2020-12) for scenario or rule files, generated from the rulebook's vocabulary.

    For editors: `# yaml-language-server: $schema=schemas/scenario.schema.json` on a file's first line.

    Example: `comitatus schema scenario -o schemas/scenario.schema.json`
    """
    import json

    from engine.editor_schema import schema_for
    rulebook = rulebook_from(rules, rules_only)
    write(json.dumps(schema_for(kind.value, rulebook.vocabulary), ensure_ascii=False, indent=2) + "\n", output)


@app.command()
@guarded
def timeline(file: Annotated[str, typer.Argument(metavar="FILE", help="One scenario file.", show_default=False)],
             task: Annotated[Optional[List[str]], typer.Option("--task", "-t", metavar="ID",
                                                               help="Only this task (repeatable).")] = None,
             start: Annotated[Optional[str], typer.Option("--from", metavar="DATE",
                                                          help="First day (default: the scenario's earliest date).")] = None,
             end: Annotated[Optional[str], typer.Option("--to", metavar="DATE",
                                                        help="Last day (default: open-ended).")] = None,
             format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
             rules: Rules = None, rules_only: RulesOnly = None, output: Output = None,
             max_bytes: MaxBytes = MAX_BYTES) -> None:
    """When each task's answer changes: the date ranges over which its verdict and deciding rule hold.

    Exact, not sampled: the task is decided once per range between breakpoints (rules' start
    and end dates, every date in the scenario and the day after).

    Example: `comitatus timeline scenarios/what-if-window.yaml --task W1 --from 2025-01-01`
    """
    import json

    import engine
    from engine.changes import timeline as changes, timeline_dict, timeline_text
    from engine.errors import SourceLocation
    rulebook = rulebook_from(rules, rules_only)
    first, last = date_from(start, "--from"), date_from(end, "--to")
    if first and last and last < first:
        raise engine.ComitatusError("bad-date", f"--to {last} is before --from {first}")
    scenario = engine.load_scenario(file, rulebook, max_bytes=max_bytes)
    known = [t.id for t in scenario.tasks]
    for wanted in task or ():
        if wanted not in known:
            raise engine.ComitatusError("unknown-task", f"no task '{wanted}' in this scenario",
                                        where=SourceLocation(file), did_you_mean=_closest_task(wanted, known))
    lines = changes(rulebook, scenario, first, last, task or None)
    if format is DataFormat.json:
        text = json.dumps({"scenarios": [timeline_dict(scenario, lines, first, last)]},
                          ensure_ascii=False, indent=2) + "\n"
    else:
        text = timeline_text(scenario, lines)
    write(text, output, [file])


def main() -> None:
    """The console script: `comitatus ...`.

    It leaves without freeing the process's objects one by one (as mypy does): after a
    100,000-task check that teardown alone took 0.2 s, and the system reclaims it at once.
    Output is flushed first; only the console script does this, never `app` in a test.
    The cyclic garbage collector stays off in this short-lived process (reference counting
    still frees): its first pass after a large check walked every decision, 0.1 s.
    numpy (engine/compile/columns.py) does integer work only: its BLAS thread pool, which
    spins up at import, is kept to one thread (0.05 s of CPU instead of 0.15 s).
    """
    gc.disable()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        app(prog_name="comitatus")
        code: Any = 0
    except SystemExit as done:
        code = done.code
    except Terminated:                   # before or after a command ran: nothing half-written
        code = TERMINATED
    if code is None:
        code = 0
    elif not isinstance(code, int):      # sys.exit("message"): said on stderr, exit 1
        say(str(code))
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):    # a reader gone (`| head`) or a closed stream: nothing to add
            if stream is sys.stdout and code == 0:
                code = BROKEN_PIPE
    os._exit(code)


if __name__ == "__main__":
    main()
