"""Bytes from a path, and text from bytes: every failure one clear, located error."""
from __future__ import annotations

import hashlib
import os
import stat
from typing import Iterator

from ..errors import ComitatusError, SourceLocation
from .limits import DEFAULT_MAX_BYTES, MAX_BYTES_LIMIT

CHUNK = 1024 * 1024     # bytes read at a time: a large --max-bytes allocates nothing up front


def digest_bytes(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def read_bytes(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or one clear error: missing, a directory, a device, too big, unreadable."""
    return b"".join(stream_bytes(path, error, max_bytes))


def stream_bytes(path: str, error: type[ComitatusError], max_bytes: int = DEFAULT_MAX_BYTES,
                 piece: int = CHUNK) -> Iterator[bytes]:
    """The file's bytes a piece at a time, checked: past `max_bytes` (even for a file that
    grows while it is read) the too-large error. A large limit allocates nothing up front."""
    where = SourceLocation(path)
    max_bytes = checked_limit(max_bytes, error, where)
    size = _regular_size(path, error, where)
    if size > max_bytes:
        raise error("too-large", f"file is {size} bytes, over the limit of {max_bytes} "
                    "(use --max-bytes to raise it)", where=where)
    try:
        # O_NONBLOCK: opening a pipe nobody writes to would wait forever; then block to read
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise error("unreadable", f"cannot read {path}: {exc.strerror or exc}", where=where) from exc
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    total = 0
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        while True:
            try:
                chunk = handle.read(piece)
            except OSError as exc:
                raise error("unreadable", f"cannot read {path}: {exc.strerror or exc}", where=where) from exc
            if not chunk:
                return
            total += len(chunk)
            if total > max_bytes:
                raise error("too-large", f"file is over the limit of {max_bytes} bytes "
                            "(use --max-bytes to raise it)", where=where)
            yield chunk


def checked_limit(max_bytes: object, error: type[ComitatusError], where: SourceLocation) -> int:
    """`max_bytes` if it is a whole number from 1 to MAX_BYTES_LIMIT."""
    if type(max_bytes) is not int or not 1 <= max_bytes <= MAX_BYTES_LIMIT:
        raise error("bad-limit", f"the size limit must be a whole number from 1 to {MAX_BYTES_LIMIT} "
                    "bytes", where=where)
    return max_bytes


def _regular_size(path: str, error: type[ComitatusError], where: SourceLocation) -> int:
    """The size of a regular file or pipe at `path`; anything else is refused."""
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise error("file-not-found", f"no such file: {path}", where=where) from exc
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise error("unreadable", f"cannot read {path}: {reason}", where=where) from exc
    if stat.S_ISDIR(info.st_mode):
        raise error("is-a-directory", f"{path} is a directory, not a file", where=where)
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        raise error("not-a-file", f"{path} is a device or socket, not a file", where=where)
    return info.st_size


def decode(raw: bytes, file: str, error: type[ComitatusError]) -> str:
    """UTF-8 text, refusing binary files and bad bytes with their position."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error("not-utf8", "file is UTF-16 (it starts with a UTF-16 byte order mark): "
                    "save it as UTF-8", where=SourceLocation(file, 1, 1))
    if b"\x00" in raw:
        raise error("binary-file", "file contains NUL bytes: not a text file",
                    where=SourceLocation(file, *position_of(raw, raw.index(b"\x00"))))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error("not-utf8", f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    where=SourceLocation(file, *position_of(raw, exc.start))) from exc
    return text[1:] if text.startswith("\ufeff") else text


def position_of(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column (in characters) of a byte offset."""
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
    return line, column
