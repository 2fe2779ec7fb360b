"""Safe output: the same report is the same bytes everywhere, and --output is never left half-written.

stdout gets UTF-8 bytes whatever the locale, in pieces (see `write_all`); a PATH given to --output
is replaced atomically (a temp file beside it, fsync, one rename, fsync of the folder), a device
or a FIFO written in place, anything else refused. A full disk or a closed terminal is an
`OutputError`: bad circumstances, not a bug (exit 2, cli_parts/guard.py).
"""
from __future__ import annotations

import errno
import os
import stat
import sys
from typing import Any, List, Optional

PIECE = 1 << 26                                # bytes handed to one write() (see write_all)


class OutputError(Exception):
    """Writing the report failed (a full disk, a closed terminal): bad circumstances, not a bug."""


def emit(text: str | bytes, stream: Any = None) -> None:
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
        write_all(buffer, _encode(text))
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:           # /dev/full, a vanished terminal: said plainly, exit 2
        raise OutputError(error.strerror or str(error)) from None


def write_all(stream: Any, data: bytes) -> None:
    """All of `data`, in pieces: one write() of more than 2 GiB writes only the first
    0x7ffff000 bytes (Linux's cap on one system call) and CPython's buffered writer returns
    that count without writing the rest; a million-task report was cut short silently."""
    view = memoryview(data)
    while view:
        written = stream.write(view[:PIECE])
        view = view[min(PIECE, len(view)) if written is None else written:]


def _encode(text: str | bytes) -> bytes:
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def write(text: str | bytes, output: Optional[str], inputs: List[str] = ()) -> None:
    """stdout; or PATH: a regular file (or a new one) replaced atomically, a temp file beside
    it then one rename; a character device or a FIFO (/dev/null, a pipe) written in place;
    anything else (a directory, a block device, a socket) refused."""
    if output in (None, "-"):
        if isinstance(text, Planned) and text.copy_to_stdout():
            return
        for block in _blocks(text):
            emit(block)
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
    return text.blocks() if isinstance(text, Planned) else (_encode(text),)


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
            if isinstance(data, Planned):
                data.copy_to(stream)
            else:
                for block in _blocks(data):
                    write_all(stream, block)
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


def open_spool(output: Optional[str]) -> Any:
    """An unnamed temporary file: beside --output (the same disk as the report), else in TMPDIR."""
    import tempfile
    if output not in (None, "-"):
        try:
            return tempfile.TemporaryFile(dir=os.path.dirname(os.path.realpath(output)) or ".")
        except OSError:
            pass
    return tempfile.TemporaryFile()


class Planned:
    """A report to write as a plan: pieces of bytes and spans of the spool, in order."""

    BLOCK = 1 << 23
    CONVERTED = 1 << 19       # a converted span's block: spooled marks may grow tenfold (json_stream.expand)
    JOINED = 1 << 20          # blocks written to a pipe or terminal are joined up to this

    def __init__(self, plan: list, spool: Any) -> None:
        self.plan, self.spool = plan, spool

    def blocks(self) -> Any:
        """The report's bytes in blocks of at least JOINED bytes (but the last): a report
        that fits is one write, so a reader that stops early (`| head`) finds it whole in
        the pipe rather than the writer finding the pipe closed, whatever the timing."""
        pending: list[bytes] = []
        size = 0
        for block in self._pieces():
            pending.append(block)
            size += len(block)
            if size >= self.JOINED:
                yield b"".join(pending)
                pending, size = [], 0
        if pending:
            yield b"".join(pending)

    def _pieces(self) -> Any:
        for piece in self.plan:
            if isinstance(piece, bytes):
                if piece:
                    yield piece
            else:
                yield from self._span(piece)

    def copy_to(self, stream: Any) -> None:
        """Write the report into a buffered regular file (--output's temp file, or stdout
        redirected to a file): the spool's plain spans copied by the kernel at the file's
        position (copy_file_range: 243 MB in 0.09 s of CPU instead of 0.69 s through
        Python), pieces and converted spans written as `blocks` gives them."""
        for piece in self.plan:
            if isinstance(piece, bytes):
                write_all(stream, piece)
                continue
            stream.flush()
            if piece.convert is not None or not self._copied(piece, stream.fileno()):
                for block in self._span(piece):
                    write_all(stream, block)
        stream.flush()

    def copy_to_stdout(self) -> bool:
        """The report onto stdout when it is a regular file (`> out.json`), by `copy_to`;
        False, having written nothing, for anything else (a terminal, a pipe, a test's
        capture), which `blocks` serves."""
        buffer = getattr(sys.stdout, "buffer", None)
        try:
            plain = stat.S_ISREG(os.fstat(buffer.fileno()).st_mode)
        except (AttributeError, OSError, ValueError):
            return False
        if not plain or getattr(os, "copy_file_range", None) is None:
            return False
        try:
            sys.stdout.flush()
            self.copy_to(buffer)
        except OSError as error:          # a full disk: said plainly, exit 2
            raise OutputError(error.strerror or str(error)) from None
        return True

    def _copied(self, span: Any, target: int) -> bool:
        """The span copied in the kernel onto `target` at its position; False (nothing
        written) where it cannot be (no such call, an old kernel, an append-only file)."""
        copy = getattr(os, "copy_file_range", None)
        if copy is None:
            return False
        source, offset = self.spool.fileno(), span.start
        try:
            while offset < span.stop:
                done = copy(source, target, span.stop - offset, offset)
                if not done:
                    raise OSError(errno.EIO, "the spool of decisions was cut short")
                offset += done
        except OSError as error:
            if offset != span.start or error.errno in (errno.EIO, errno.ENOSPC, errno.EDQUOT):
                raise                         # part of it written, or no room: not to be tried twice
            return False
        return True

    def _span(self, span: Any) -> Any:
        handle, offset, rest = self.spool.fileno(), span.start, b""
        size = self.BLOCK if span.convert is None else self.CONVERTED
        while offset < span.stop:
            block = os.pread(handle, min(size, span.stop - offset), offset)
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
