"""The one catch site: every failure a command meets becomes one line on stderr and an exit code.

Exit codes: 0 every task permitted, 1 at least one task is not, 2 bad input or usage (an output
that cannot be written included), 3 an internal error (a bug), 130 interrupted, 141 the reader
went away, 143 terminated (SIGTERM). Every error a user can cause is an `engine.ComitatusError`,
printed as `file:line:column: error[code]: message`; anything else becomes one `internal-error`
line and exit 3, never a traceback. engine is imported only when an error needs it, so that a
broken engine still ends in one line.
"""
from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable

import typer

from cli_parts.output import OutputError, emit

PERMITTED, NOT_PERMITTED, BAD_INPUT, INTERNAL = 0, 1, 2, 3
INTERRUPTED, BROKEN_PIPE, TERMINATED = 130, 141, 143   # the shell's own codes: SIGINT, SIGPIPE, SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so a half-written --output is removed."""


def guarded(command: Callable) -> Callable:
    """Turn every failure into one line on stderr and an exit code; let typer's own exits through."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            say("error[interrupted]: stopped before finishing; nothing was written")
            raise typer.Exit(INTERRUPTED) from None
        except Terminated:
            say("error[terminated]: stopped by SIGTERM before finishing; nothing was written")
            raise typer.Exit(TERMINATED) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except OutputError as error:
            _quiet_stdout()
            say(f"error[cannot-write]: cannot write output: {error}")
            raise typer.Exit(BAD_INPUT) from None
        except Exception as error:  # noqa: BLE001 - this is the place every error ends up
            say(error_line(error))
            raise typer.Exit(BAD_INPUT if _refused(error) else INTERNAL) from None
    return run


def _refused(error: Exception) -> bool:
    """A ComitatusError: refused on purpose (exit 2); anything else is a bug (exit 3)."""
    try:
        from engine.errors import ComitatusError
    except Exception:  # noqa: BLE001 - the package itself failed to import
        return False
    return isinstance(error, ComitatusError)


def error_line(error: Exception) -> str:
    """A refusal's own line; anything else (even a broken `engine` import) as one internal-error line."""
    if _refused(error):
        return error.line()
    detail = printable(" ".join(str(error).split()) or "no detail")
    if len(detail) > 300:
        detail = detail[:297] + "..."
    return (f"error[internal-error]: {type(error).__name__}: {detail} "
            "(a bug in comitatus: please report it with the input that caused it)")


def printable(text: str) -> str:
    try:
        from engine.errors import one_line
    except Exception:  # noqa: BLE001 - the package itself failed to import
        return text.encode("ascii", "backslashreplace").decode("ascii")
    return one_line(text)


def on_sigterm(number: int, frame: Any) -> None:
    raise Terminated()


def say(line: str) -> None:
    try:
        emit(line + "\n", sys.stderr)
    except (OSError, ValueError, OutputError):     # stderr closed or full: nowhere left to say it
        pass


def _quiet_stdout() -> None:
    """The reader went away (`| head`): stop writing, and keep Python's exit flush silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
