"""comitatus: the command line, a thin layer over the `engine` library.

Each command parses options, makes one or two library calls, renders, writes. Exit codes:
0 every task permitted, 1 at least one task is not, 2 bad input or usage (an output that
cannot be written included), 3 an internal error (a bug), 130 interrupted, 141 the reader
went away, 143 terminated (SIGTERM). Every error a user can cause is an
`engine.ComitatusError`, caught in one place (`_guarded`) and printed as
`file:line:column: error[code]: message`; anything else becomes one `internal-error` line
and exit 3, never a traceback. engine, yaml and rich are imported inside the commands so that
`--help` and completion stay fast.
"""
from __future__ import annotations

import enum
import errno
import functools
import gc
import os
import signal
import stat
import sys
from typing import Annotated, Any, Callable, List, Optional

import typer

PERMITTED, NOT_PERMITTED, BAD_INPUT, INTERNAL = 0, 1, 2, 3
INTERRUPTED, BROKEN_PIPE, TERMINATED = 130, 141, 143   # the shell's own codes: SIGINT, SIGPIPE, SIGTERM
MAX_BYTES = 64 * 1024 * 1024                   # engine.read.DEFAULT_MAX_BYTES (a test keeps them equal)
MAX_BYTES_LIMIT = 2 ** 34                      # engine.read.MAX_BYTES_LIMIT: 16 GiB, read in chunks
WIDTH = 100
_PIECE = 1 << 26                               # bytes handed to one write() (see _write_all)


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


app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, add_completion=True,
                  rich_markup_mode="markdown")
rules_app = typer.Typer(no_args_is_help=True, help="Read and check the rulebook.\n\n"
                                                   "Example: `comitatus rules list --activity arrest`")
app.add_typer(rules_app, name="rules")

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


# ---- the one catch site -------------------------------------------------------------------

class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so a half-written --output is removed."""


class _OutputError(Exception):
    """Writing the report failed (a full disk, a closed terminal): bad circumstances, not a bug."""


def _guarded(command: Callable) -> Callable:
    """Turn every failure into one line on stderr and an exit code; let typer's own exits through."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            _say("error[interrupted]: stopped before finishing; nothing was written")
            raise typer.Exit(INTERRUPTED) from None
        except Terminated:
            _say("error[terminated]: stopped by SIGTERM before finishing; nothing was written")
            raise typer.Exit(TERMINATED) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except _OutputError as error:
            _quiet_stdout()
            _say(f"error[cannot-write]: cannot write output: {error}")
            raise typer.Exit(BAD_INPUT) from None
        except Exception as error:  # noqa: BLE001 - this is the place every error ends up
            _say(_error_line(error))
            raise typer.Exit(BAD_INPUT if _refused(error) else INTERNAL) from None
    return run


def _refused(error: Exception) -> bool:
    """A ComitatusError: refused on purpose (exit 2); anything else is a bug (exit 3)."""
    try:
        from engine.errors import ComitatusError
    except Exception:  # noqa: BLE001 - the package itself failed to import
        return False
    return isinstance(error, ComitatusError)


def _error_line(error: Exception) -> str:
    """A refusal's own line; anything else (even a broken `engine` import) as one internal-error line."""
    if _refused(error):
        return error.line()
    detail = _printable(" ".join(str(error).split()) or "no detail")
    if len(detail) > 300:
        detail = detail[:297] + "..."
    return (f"error[internal-error]: {type(error).__name__}: {detail} "
            "(a bug in comitatus: please report it with the input that caused it)")


def _printable(text: str) -> str:
    try:
        from engine.errors import one_line
    except Exception:  # noqa: BLE001 - the package itself failed to import
        return text.encode("ascii", "backslashreplace").decode("ascii")
    return one_line(text)


def _on_sigterm(number: int, frame: Any) -> None:
    raise Terminated()


def _say(line: str) -> None:
    try:
        _emit(line + "\n", sys.stderr)
    except (OSError, ValueError, _OutputError):     # stderr closed or full: nowhere left to say it
        pass


def _emit(text: str | bytes, stream: Any = None) -> None:
    """UTF-8 bytes whatever the locale: the same report is the same bytes everywhere.

    A file name that is not UTF-8 reaches us as lone surrogates; it goes back out as the
    bytes it was (surrogateescape), and anything else unencodable as a visible escape.
    """
    stream = stream or sys.stdout
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:
            stream.write(text.decode("utf-8", "surrogateescape") if isinstance(text, bytes) else text)
            stream.flush()
            return
        stream.flush()
        _write_all(buffer, _encode(text))
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:           # /dev/full, a vanished terminal: said plainly, exit 2
        raise _OutputError(error.strerror or str(error)) from None


def _write_all(stream: Any, data: bytes) -> None:
    """All of `data`, in pieces: one write() of more than 2 GiB writes only the first
    0x7ffff000 bytes (Linux's cap on one system call) and CPython's buffered writer returns
    that count without writing the rest; a million-task report was cut short silently."""
    view = memoryview(data)
    while view:
        written = stream.write(view[:_PIECE])
        view = view[min(_PIECE, len(view)) if written is None else written:]


def _encode(text: str | bytes) -> bytes:
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def _quiet_stdout() -> None:
    """The reader went away (`| head`): stop writing, and keep Python's exit flush silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# ---- shared steps -------------------------------------------------------------------------

def _date(text: Optional[str], option: str = "--as-of") -> Any:
    """A date option, read as every date is read (engine/dates.py)."""
    if text is None:
        return None
    from engine.dates import parse_date
    return parse_date(text, option)


def _rulebook(directory: Optional[str], only: Optional[str] = None) -> Any:
    """The bundled rulebook, DIR layered on it (--rules), or DIR alone (--rules-only)."""
    import engine
    if only is not None:
        if directory is not None:
            raise typer.BadParameter("give --rules or --rules-only, not both", param_hint="--rules-only")
        return engine.load_rulebook(only)
    return engine.load_rulebook(None if directory is None else [None, directory])


def _check_all(files: List[str], rulebook: Any, as_of: Optional[str], max_bytes: int) -> list:
    """Reports for every file, or every file's problems at once (sorted, capped) and nothing else."""
    import engine
    day = _date(as_of)
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


def _colour(output: Optional[str]) -> tuple[bool, int]:
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


def _write(text: str | bytes, output: Optional[str], inputs: List[str] = ()) -> None:
    """stdout; or PATH: a regular file (or a new one) replaced atomically, a temp file beside
    it then one rename; a character device or a FIFO (/dev/null, a pipe) written in place;
    anything else (a directory, a block device, a socket) refused."""
    if output in (None, "-"):
        for block in _blocks(text):
            _emit(block)
        return
    import engine
    from engine.errors import SourceLocation
    where = SourceLocation(output)
    try:
        found = os.stat(output)               # through symlinks, /dev/fd/N included
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise engine.ComitatusError("cannot-write", f"cannot write {output}: {error.strerror}",
                                    where=where) from None
    if found is not None and (stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode)):
        _write_in_place(text, output, where)
        return
    if found is not None and not stat.S_ISREG(found.st_mode):
        what = "a directory" if stat.S_ISDIR(found.st_mode) else "not a regular file"
        raise engine.ComitatusError("cannot-write", f"--output {output} is {what}: give a file to write",
                                    where=where)
    for path in inputs:
        if found is not None and os.path.exists(path) and os.path.samefile(path, output):
            raise engine.ComitatusError("output-is-input", f"--output would overwrite the input {path}",
                                        where=where)
    _replace(text, os.path.realpath(output), output, where)    # through a symlink, not over it


def _blocks(text: Any) -> Any:
    """The bytes to write: the text encoded, or a streamed report's blocks in order."""
    return text.blocks() if isinstance(text, _Planned) else (_encode(text),)


def _replace(data: Any, target: str, output: str, where: Any) -> None:
    """Temp file beside the target, fsync, rename, fsync the folder; on any failure or
    signal the temp file goes and the previous file stays as it was."""
    import secrets

    import engine
    folder = os.path.dirname(target)
    # Named before it exists, so a signal at any point after its creation finds it to remove.
    temp = os.path.join(folder, f".comitatus-{secrets.token_hex(6)}.tmp")
    try:
        try:
            handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as error:
            temp = ""                     # not ours (or not there): nothing to remove
            raise engine.ComitatusError("cannot-write", f"cannot write in {folder}: {error.strerror}",
                                        where=where) from None
        with os.fdopen(handle, "wb") as stream:
            for block in _blocks(data):
                _write_all(stream, block)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException as error:
        if os.path.lexists(temp):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise engine.ComitatusError("cannot-write", f"cannot write {output}: {error.strerror}",
                                        where=where) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """The rename itself on disk (best effort: some file systems cannot open a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _write_in_place(data: Any, output: str, where: Any) -> None:
    """A device or a FIFO is never replaced: written as it is. A FIFO nobody reads is refused
    at once rather than waited on."""
    import engine
    try:
        handle = os.open(output, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        reason = "no process is reading it" if error.errno == errno.ENXIO else error.strerror
        raise engine.ComitatusError("cannot-write", f"cannot write {output}: {reason}", where=where) from None
    try:
        os.set_blocking(handle, True)
        for block in _blocks(data):
            view = memoryview(block)
            while view:
                view = view[os.write(handle, view):]
    except OSError as error:
        raise engine.ComitatusError("cannot-write", f"cannot write {output}: {error.strerror}",
                                    where=where) from None
    finally:
        os.close(handle)


def _mode_for(path: str) -> int:
    """Keep an existing file's permissions; a new one gets what the umask allows (not mkstemp's 0600)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _closest_task(wanted: str, known: list[str]) -> Optional[str]:
    from engine.errors import closest
    same = [task for task in known if task.lower() == wanted.lower()]
    return same[0] if same else closest(wanted, known)


# ---- commands -----------------------------------------------------------------------------

@_guarded
def _version(show: bool) -> None:
    if show:
        from engine.report import CONTRACT, VERSION
        _emit(f"comitatus {VERSION} (contract {CONTRACT})\n")
        raise typer.Exit(PERMITTED)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", help="Show the version and exit.",
                                                is_eager=True, callback=_version)] = False) -> None:
    """May these troops do this task, here, on this date, and under what authority?

    Exit codes: 0 every task permitted, 1 at least one task not permitted, 2 bad input or usage.

    Example: `comitatus check scenarios/jtf-north-2025.yaml`
    """


Jobs = Annotated[int, typer.Option("--jobs", "-j", min=1, metavar="N",
                                   help="Check the files in N processes at once: output in input order, "
                                        "the same bytes as one process.")]
CheckMaxBytes = Annotated[Optional[int], typer.Option(
    "--max-bytes", min=1, max=MAX_BYTES_LIMIT, metavar="N", show_default=False,
    help="Refuse scenario files larger than N bytes. Default: 1 GiB for .jsonl files, which are read a "
         "stretch of tasks at a time (a million tasks is about 160 MB), 64 MiB for YAML and JSON, "
         "which are read whole. Raise it for more, e.g. --max-bytes 4000000000.")]


@app.command()
@_guarded
def check(files: Files,
          format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
          as_of: AsOf = None, rules: Rules = None, rules_only: RulesOnly = None, output: Output = None,
          max_bytes: CheckMaxBytes = None, jobs: Jobs = 1) -> None:
    """Check scenario files: one verdict per task, with its deciding rule and citations.

    Exit 0 if every task is permitted, 1 if any is not, 2 on bad input.

    `--format jsonl` writes a header line (the report without its decisions), then one
    decision per line with its scenario file.

    Example: `comitatus check scenarios/*.yaml --format markdown -o memo.md`
    """
    from engine.stream import FORMATS
    rulebook = _rulebook(rules, rules_only)
    color, width = _colour(output) if format is Format.text else (False, WIDTH)
    if jobs > 1 and len(files) > 1 and format not in (Format.sarif, Format.github, Format.html):
        text, permitted = _check_in_parallel(files, rulebook, (rules, rules_only), format, as_of,
                                             max_bytes or MAX_BYTES, jobs, color, width)
    elif format.value in FORMATS:
        _check_streamed(files, rulebook, format, as_of, max_bytes, output, color, width)
    else:
        reports = _check_all(files, rulebook, as_of, max_bytes or MAX_BYTES)
        text = _render_check(reports, rulebook, format, color, width)
        permitted = all(report.all_permitted for report in reports)
    _write(text, output, files)
    raise typer.Exit(PERMITTED if permitted else NOT_PERMITTED)


def _check_streamed(files: List[str], rulebook: Any, format: Format, as_of: Optional[str], max_bytes: Optional[int],
                    output: Optional[str], color: bool, width: int) -> None:
    """check, each file decided and written a stretch of tasks at a time (engine/stream.py):
    decisions go to a spool (an unnamed temporary file beside --output, else in TMPDIR) as
    they are made, and the report is written from it once the totals are known."""
    from engine.stream import ScenarioStream, write_report
    day = _date(as_of)
    streams = [ScenarioStream(path, rulebook, as_of=day, max_bytes=max_bytes) for path in files]
    with _spool(output) as spool:
        plan, permitted = write_report(streams, rulebook, format.value, spool, color=color, width=width)
        _write(_Planned(plan, spool), output, files)
    raise typer.Exit(PERMITTED if permitted else NOT_PERMITTED)


def _spool(output: Optional[str]) -> Any:
    """An unnamed temporary file: beside --output (the same disk as the report), else in TMPDIR."""
    import tempfile
    if output not in (None, "-"):
        try:
            return tempfile.TemporaryFile(dir=os.path.dirname(os.path.realpath(output)) or ".")
        except OSError:
            pass
    return tempfile.TemporaryFile()


class _Planned:
    """A report to write as a plan: pieces of bytes and spans of the spool, in order."""

    BLOCK = 1 << 23

    def __init__(self, plan: list, spool: Any) -> None:
        self.plan, self.spool = plan, spool

    def blocks(self) -> Any:
        for piece in self.plan:
            if isinstance(piece, bytes):
                if piece:
                    yield piece
            else:
                yield from self._span(piece)

    def _span(self, span: Any) -> Any:
        handle, offset, rest = self.spool.fileno(), span.start, b""
        while offset < span.stop:
            block = os.pread(handle, min(self.BLOCK, span.stop - offset), offset)
            if not block:
                raise OSError(errno.EIO, "the spool of decisions was cut short")
            offset += len(block)
            if span.convert is None:
                yield block
                continue
            block = rest + block
            if offset < span.stop:
                cut = block.rfind(b"\n") + 1
                block, rest = block[:cut], block[cut:]
            if block:
                yield span.convert(block)


def _render_check(reports: list, rulebook: Any, format: Format, color: bool, width: int) -> str | bytes:
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
        return _ci_format(format, reports, rulebook)
    from engine.render.text import check_text
    return check_text(reports, color=color, width=width)


# ---- check --jobs: one scenario file per task of a process pool --------------------------
#
# Each worker (spawned, so nothing of this process is shared) loads the rulebook once, checks
# a file and renders its part of the report; this process joins the parts in input order into
# the bytes one process would write. Errors travel as plain tuples (a ComitatusError does not
# pickle back) and are reported all together, sorted, as _check_all does.

_JOB: dict = {}
_JSON_OPEN, _JSON_CLOSE = b'"scenarios": [\n', b"\n  ]\n}\n"


def _check_in_parallel(files: List[str], rulebook: Any, rules: tuple, format: Format,
                       as_of: Optional[str], max_bytes: int, jobs: int, color: bool, width: int) -> tuple:
    import concurrent.futures
    import itertools
    import multiprocessing

    import engine
    day = _date(as_of)
    options = (format.value, day, max_bytes, color, width)
    with concurrent.futures.ProcessPoolExecutor(min(jobs, len(files)), initializer=_job_start, initargs=(rules,),
                                                mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_job_check, files, itertools.repeat(options)))
    errors = [_job_error(item) for kind, items, _ in results if kind == "errors" for item in items]
    if errors:
        raise engine.Problems(errors)
    pieces = [piece for _, piece, _ in results]
    return _join_parts(format, pieces, rulebook, color, width), all(permitted for _, _, permitted in results)


def _job_start(rules: tuple) -> None:
    gc.disable()                          # as in main(): a short-lived process
    _JOB["rulebook"] = _rulebook(*rules)


def _job_check(path: str, options: tuple) -> tuple:
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
        return _render_check(reports, rulebook, format, color, width)
    return "\n".join(pieces)


@app.command()
@_guarded
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
    rulebook = _rulebook(rules, rules_only)
    (report,) = _check_all([file], rulebook, as_of, max_bytes)
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
        color, width = _colour(output)
        text = explain_text(data, color=color, width=width)
    _write(text, output, [file])
    raise typer.Exit(PERMITTED if decision.verdict is engine.Verdict.PERMITTED else NOT_PERMITTED)


@app.command()
@_guarded
def validate(files: Files, rules: Rules = None, rules_only: RulesOnly = None, max_bytes: MaxBytes = MAX_BYTES) -> None:
    """Check scenario files against the format and their references only; no legal evaluation.

    Exit 0 if every file is valid, 2 otherwise (every file's problems are listed).

    Example: `comitatus validate scenarios/*.yaml`
    """
    import engine
    rulebook = _rulebook(rules, rules_only)
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
        _emit(f"{_printable(path)}: ok: {counts}\n")
    if errors:
        raise engine.Problems(errors)


@app.command()
@_guarded
def window(files: Files,
           format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
           as_of: AsOf = None, rules: Rules = None, rules_only: RulesOnly = None, max_bytes: MaxBytes = MAX_BYTES) -> None:
    """Decision windows (opened, deadline, state, days remaining) and authorities, alone.

    Exit 0 unless the input is bad (2).

    Example: `comitatus window scenarios/what-if-window.yaml --as-of 2025-04-01`
    """
    import json

    from engine.report import authority_dict, window_dict
    rulebook = _rulebook(rules, rules_only)
    reports = _check_all(files, rulebook, as_of, max_bytes)
    if format is DataFormat.json:
        data = [{"file": r.scenario.file, "scenario": r.scenario.title, "as_of": r.as_of.isoformat(),
                 "windows": [window_dict(w) for w in r.windows],
                 "authorities": [authority_dict(a) for a in r.authorities]} for r in reports]
        _emit(json.dumps({"scenarios": data}, ensure_ascii=False, indent=2) + "\n")
        return
    from engine.render.text import windows_text
    color, width = _colour(None)
    _emit(windows_text(reports, color=color, width=width))


@rules_app.command("list")
@_guarded
def rules_list(citation: Annotated[Optional[str], typer.Option("--citation", "-c", metavar="TEXT",
                                                               help="Only rules citing this (case, dots "
                                                                    "and section signs ignored).")] = None,
               activity: Annotated[Optional[str], typer.Option("--activity", "-a", metavar="WORD",
                                                               help="Only rules whose scope can take "
                                                                    "this activity.")] = None,
               format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """List the rules, optionally those citing TEXT or able to apply to an activity WORD.

    Example: `comitatus rules list --citation "10 USC 284" --activity data_entry`
    """
    import json

    import engine
    from engine.errors import closest
    from engine.render.rules import matches_activity, matches_citation, rules_data, rules_text
    rulebook = _rulebook(rules, rules_only)
    chosen = list(rulebook.rules)
    if citation is not None:
        chosen = [rule for rule in chosen if matches_citation(rule, citation)]
    if activity is not None:
        words = rulebook.vocabulary.activity_words
        if activity not in words:
            raise engine.ComitatusError("unknown-activity", f"'{activity}' is not an activity in this rulebook",
                                        did_you_mean=closest(activity, words))
        word = words[activity]
        kind = rulebook.vocabulary.activities[word].activity_class
        chosen = [rule for rule in chosen if matches_activity(rule, word, kind)]
    if format is DataFormat.json:
        _emit(json.dumps({"rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules)},
                          "rules": rules_data(chosen)}, ensure_ascii=False, indent=2) + "\n")
        return
    color, width = _colour(None)
    _emit(rules_text(chosen, color=color, width=width))


@rules_app.command("show")
@_guarded
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule or authority id.",
                                                      show_default=False)],
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Show one rule (or authority) as written in its file, with file:line.

    Example: `comitatus rules show pca.army`
    """
    import engine
    from engine.errors import closest
    from engine.render.rules import rule_source
    rulebook = _rulebook(rules, rules_only)
    found = rulebook.by_id.get(rule_id) or next((a for a in rulebook.authorities if a.id == rule_id), None)
    if found is None:
        known = list(rulebook.by_id) + [a.id for a in rulebook.authorities]
        raise engine.ComitatusError("unknown-rule", f"no rule or authority '{rule_id}' in {rulebook.directory}",
                                    did_you_mean=closest(rule_id, known))
    _emit(rule_source(found))


@rules_app.command("lint")
@_guarded
def rules_lint(rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Check the rulebook: loading errors first (exit 2), then warnings (exit 0).

    Example: `comitatus rules lint --rules my-rules/`
    """
    from engine.analysis import lint
    rulebook = _rulebook(rules, rules_only)
    warnings = lint(rulebook)
    _emit("".join(warning.line() + "\n" for warning in warnings)
          + f"{len(rulebook.rules)} rules, {len(rulebook.authorities)} authorities, "
            f"{len(warnings)} warnings\n")


# --- living-spec commands ---
# `verify` and `rules coverage` are added here by the living-spec work; keep this marker.

FeaturePaths = Annotated[Optional[List[str]], typer.Argument(
    metavar="PATH", show_default=False, help="Gherkin .feature files, or folders searched for them.")]


@app.command()
@_guarded
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
        _emit("".join(phrase + "\n" for phrase in runner.phrases()))
        raise typer.Exit(PERMITTED)
    if not paths:
        raise typer.BadParameter("give at least one .feature file or folder", param_hint="PATH")
    result = runner.run(paths, _rulebook(rules, rules_only), tags=tags)
    if junit is not None:
        from living_spec.junit import verify_junit
        _write(verify_junit(result), junit, paths)
    _emit(runner.render(result, verbose=verbose))
    raise typer.Exit(result.exit_code)


@rules_app.command("coverage")
@_guarded
def rules_coverage(features: Annotated[Optional[List[str]], typer.Option(
                       "--features", "-f", metavar="PATH", help="Feature files or folders (default: features/).")] = None,
                   rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Which rules the features reach, per rules file; exit 1 naming any rule no feature reaches.

    Example: `comitatus rules coverage --features features/`
    """
    from living_spec import coverage
    report = coverage.measure(features or ["features"], _rulebook(rules, rules_only))
    _emit(coverage.render(report))
    raise typer.Exit(report.exit_code)


# --- tools commands ---
# `vocabulary`, `schema` and `timeline`: reading the rulebook's words and how answers change.

@app.command()
@_guarded
def vocabulary(format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Every word a scenario may use: activities, components, statuses, locations, event kinds, facts.

    Example: `comitatus vocabulary --format json`
    """
    import json

    from engine.vocabulary_view import vocabulary_data, vocabulary_text
    rulebook = _rulebook(rules, rules_only)
    if format is DataFormat.json:
        _emit(json.dumps({"rulebook": {"digest": rulebook.digest},
                          "vocabulary": vocabulary_data(rulebook.vocabulary)},
                         ensure_ascii=False, indent=2) + "\n")
        return
    _emit(vocabulary_text(rulebook.vocabulary, width=_colour(None)[1]))


class SchemaKind(str, enum.Enum):
    scenario = "scenario"
    rules = "rules"


@app.command()
@_guarded
def schema(kind: Annotated[SchemaKind, typer.Argument(help="Which files the schema describes.")],
           rules: Rules = None, rules_only: RulesOnly = None, output: Output = None) -> None:
    """JSON Schema (2020-12) for scenario or rule files, generated from the rulebook's vocabulary.

    For editors: `# yaml-language-server: $schema=schemas/scenario.schema.json` on a file's first line.

    Example: `comitatus schema scenario -o schemas/scenario.schema.json`
    """
    import json

    from engine.editor_schema import schema_for
    rulebook = _rulebook(rules, rules_only)
    _write(json.dumps(schema_for(kind.value, rulebook.vocabulary), ensure_ascii=False, indent=2) + "\n", output)


def _ci_format(format: Format, reports: list, rulebook: Any) -> str:
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


@app.command()
@_guarded
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
    rulebook = _rulebook(rules, rules_only)
    first, last = _date(start, "--from"), _date(end, "--to")
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
    _write(text, output, [file])


def main() -> None:
    """The console script: `comitatus ...`.

    It leaves without freeing the process's objects one by one (as mypy does): after a
    100,000-task check that teardown alone took 0.2 s, and the system reclaims it at once.
    Output is flushed first; only the console script does this, never `app` in a test.
    The cyclic garbage collector stays off in this short-lived process (reference counting
    still frees): its first pass after a large check walked every decision, 0.1 s.
    """
    gc.disable()
    signal.signal(signal.SIGTERM, _on_sigterm)
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
        _say(str(code))
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
