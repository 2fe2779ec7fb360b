"""`check --jobs N`: one scenario file per task of a process pool.

Each worker (spawned, so nothing of this process is shared) loads the rulebook once, checks
a file and renders its part of the report; this process joins the parts in input order into
the bytes one process would write. Errors travel as plain tuples (a ComitatusError does not
pickle back) and are reported all together, sorted, as `checking.check_all` does. The pool
runs `job_start` and `job_check`, top-level functions a spawned process imports by name.
"""
from __future__ import annotations

import gc
from typing import Any, List, Optional

from cli_parts.checking import render_check
from cli_parts.options import Format, date_from, rulebook_from

_JOB: dict = {}
_JSON_OPEN, _JSON_CLOSE = b'"scenarios": [\n', b"\n  ]\n}\n"


def check_in_parallel(files: List[str], rulebook: Any, rules: tuple, format: Format,
                      as_of: Optional[str], max_bytes: int, jobs: int, color: bool, width: int) -> tuple:
    import concurrent.futures
    import itertools
    import multiprocessing

    import engine
    day = date_from(as_of)
    options = (format.value, day, max_bytes, color, width)
    with concurrent.futures.ProcessPoolExecutor(min(jobs, len(files)), initializer=job_start, initargs=(rules,),
                                                mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(job_check, files, itertools.repeat(options)))
    errors = [_job_error(item) for kind, items, _ in results if kind == "errors" for item in items]
    if errors:
        raise engine.Problems(errors)
    pieces = [piece for _, piece, _ in results]
    return _join_parts(format, pieces, rulebook, color, width), all(permitted for _, _, permitted in results)


def job_start(rules: tuple) -> None:
    gc.disable()                          # as in cli.main(): a short-lived process
    _JOB["rulebook"] = rulebook_from(*rules)


def job_check(path: str, options: tuple) -> tuple:
    """("ok", this file's part of the report, all permitted) or ("errors", [error tuples], False)."""
    import dataclasses

    import engine
    fmt, day, max_bytes, color, width = options
    rulebook = _JOB["rulebook"]
    try:
        report = engine.check(path, rulebook, as_of=day, max_bytes=max_bytes)
    except engine.Problems as problems:
        return "errors", [_portable(error) for error in problems.errors], False
    except engine.ComitatusError as error:
        return "errors", [_portable(error)], False
    format = Format(fmt)
    if format is Format.json:
        piece: Any = engine.reports_json_bytes([report], rulebook)
    elif format is Format.jsonl:
        from engine.render.jsonl import scenario_jsonl
        piece = scenario_jsonl(report)
    elif format is Format.markdown:
        from engine.render.markdown import scenario_markdown
        piece = "\n".join(scenario_markdown(report))
    elif format is Format.junit:
        piece = dataclasses.replace(report, rulebook=None)    # rendered whole by the parent
    else:
        from engine.render.text import check_text
        piece = check_text([report], color=color, width=width)
    return "ok", piece, report.all_permitted


def _portable(error: Any) -> tuple:
    from engine.errors import Uncounted
    if isinstance(error, Uncounted):
        return ("uncounted", error.count)
    return (error.code, error.message, error.where, error.did_you_mean)


def _job_error(item: tuple) -> Any:
    from engine.errors import ComitatusError, Uncounted
    if item[0] == "uncounted":
        return Uncounted(item[1])
    code, message, where, did_you_mean = item
    return ComitatusError(code, message, where=where, did_you_mean=did_you_mean)


def _join_parts(format: Format, pieces: list, rulebook: Any, color: bool, width: int) -> str | bytes:
    """The parts of each file joined into the report one process writes for all of them."""
    import dataclasses

    import engine
    if format is Format.json:
        head = pieces[0][:pieces[0].index(_JSON_OPEN) + len(_JSON_OPEN)]
        bodies = [piece[len(head):len(piece) - len(_JSON_CLOSE)] for piece in pieces]
        return head + b",\n".join(bodies) + _JSON_CLOSE
    if format is Format.jsonl:
        from engine.render.jsonl import header_line
        return header_line([head for head, _ in pieces], rulebook) + b"".join(lines for _, lines in pieces)
    if format is Format.markdown:
        from engine.render.markdown import check_markdown
        head = check_markdown([], rulebook, engine.VERSION).rstrip("\n")
        return (head + "".join("\n\n" + piece for piece in pieces)).rstrip("\n") + "\n"
    if format is Format.junit:
        reports = [dataclasses.replace(piece, rulebook=rulebook) for piece in pieces]
        return render_check(reports, rulebook, format, color, width)
    return "\n".join(pieces)
