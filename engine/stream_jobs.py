"""The stretches of one large file decided in worker processes (`check --jobs N`).

A `.jsonl` file: this process reads it a stretch of lines at a time, as the one-process
stream does, and hands each stretch to a pool of `jobs` spawned workers: each validates, decides and
spools its stretch (JSON or JSON Lines, explanations as marks tagged with the worker) and
gives back the bytes, the explanations it kept for the first time, its task ids and its
totals. Stretches and results go through files in a temporary folder, so the pool's pipes
carry only short messages (`_Taken`). Results are taken in file order, at most jobs + 1
stretches ahead, so memory stays that of a few stretches. The output is the one process's,
byte for byte (tested).

A YAML or JSON file: it is cut into parts, each its header and a stretch of its tasks with
every task in place (read/yaml_fast.task_chunks, read/json_index.task_chunks), which the
workers read, validate and decide; only if every part succeeds, with no task id in two
parts, is anything spooled. Otherwise the file is checked in this process, whole, as it
would have been.

Workers are spawned (nothing of this process is shared: no lock or thread state is
inherited), ignore ^C (this process answers it, and stops them), and on Linux end with
their parent.

Nothing unusual is decided in a worker: a stretch a worker could not finish (bad input, an
id an earlier stretch holds, an internal error, a worker lost) is read here again, by the
one-process path, so its errors, their places and their order are that path's own. An
error reading the file itself is raised once the stretches before it are taken, where the
one-process stream would raise it.
"""
from __future__ import annotations

import atexit
import collections
import contextlib
import gc
import itertools
import os
import pickle
import signal
import sys
import tempfile
from typing import Any, Iterable, Iterator

from .errors import ScenarioError
from .evaluate import evaluate, gc_paused
from .read import decode, digest_bytes, read_bytes
from .read.json_index import read_json
from .read.json_index import task_chunks as json_chunks
from .read.jsonl import read_jsonl_part
from .read.yaml_fast import read_yaml, task_chunks
from .render.json_stream import KEPT_BYTES, DecisionBytes
from .stream import WRITERS, ScenarioStream, streamed
from .validate import read_scenario

AUTO_JOBS = 4            # at most this many workers unless --jobs asks for more: each holds a stretch
EARLY_BYTES = 4 << 20    # a file this large likely holds more than one stretch: start the workers first

_WORKER: dict = {}


def auto_jobs() -> int:
    """The cores this process may use, up to AUTO_JOBS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, AUTO_JOBS))


def rendered_in_jobs(stream: ScenarioStream, writer: Any) -> Iterator[bytes]:
    """`stream`'s stretches spooled by `writer`, decided in `stream.jobs` processes."""
    if not streamed(stream.path):
        yield from _whole_in_jobs(stream, writer)
        return
    pool = _early(stream, writer)
    stretches = stream.stretches()
    pieces = stretches.pieces()
    late: list[BaseException] = []          # an error reading the file, raised in its turn
    first = _next(pieces, late)
    second = _next(pieces, late) if first is not None else None
    ahead = [piece for piece in (first, second) if piece is not None]
    pool, exchange = _ready(stream, writer, pool, second is not None)     # one stretch: no process needed
    if pool is None:
        with gc_paused():
            yield from _alone(stream, writer, itertools.chain(ahead, _rest(pieces, late)), set(), late)
        stream.digested(stretches)
        return
    with gc_paused(), exchange as folder:
        try:
            yield from _Taken(stream, writer, pool, folder).all(ahead, pieces, late)
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown(wait=True)
    stream.digested(stretches)


class _Taken:
    """Stretches handed to the pool and taken back in file order, at most `jobs` waiting.

    Work and results go through files in `exchange`: what travels through the pool's pipes
    is a few hundred bytes, written whole, so a worker killed at any moment is seen as lost
    (BrokenProcessPool) rather than leaving a message half-written that would block this
    process (a large message is written to a pipe in pieces)."""

    def __init__(self, stream: ScenarioStream, writer: Any, pool: Any, exchange: str) -> None:
        self.stream, self.writer, self.pool, self.exchange = stream, writer, pool, exchange
        self.seen: set[int] = set()
        self.waiting: collections.deque = collections.deque()
        self.broken = False
        self.count = 0
        self.rulebook = os.path.join(exchange, "rulebook")
        self.rulebook_written = False

    def all(self, ahead: list, pieces: Iterator, late: list) -> Iterator[bytes]:
        stream, writer = self.stream, self.writer
        for piece in ahead:
            self.submit(piece)
        while self.waiting:
            piece, future, result_path = self.waiting.popleft()
            while not self.broken and not late and len(self.waiting) < stream.jobs:
                more = _next(pieces, late)
                if more is None:
                    break
                self.submit(more)
            result = self.result(future, result_path)
            if result is None or not self.unseen(result[2]):
                report = _read_here(stream, piece, self.seen)
                made = writer.body(report)
                _taken(stream, report)
                yield writer.placed(made)
            else:
                yield _accepted(stream, writer, result)
        yield from _alone(stream, writer, _rest(pieces, late), self.seen, late)   # the pool was lost: here

    def whole(self, kind: str, parts: list[str], digest: str) -> list[tuple] | None:
        """Every part's result, in order (`kind`: "text" for YAML, "json"); None if any part
        failed or two hold one task id."""
        for part in parts:
            self.submit((kind, part, digest))
        results = []
        while self.waiting:
            _, future, taken = self.waiting.popleft()
            result = self.result(future, taken)
            if result is None or not self.unseen(result[2]):
                return None
            results.append(result)
        return results

    def unseen(self, ids: list[str]) -> bool:
        """Whether no id of a worker's stretch was in an earlier one (they are then kept, as
        hashes, as stream._unique keeps them); else the stretch is read here, which says where."""
        hashes = list(map(hash, ids))
        if any(key in self.seen for key in hashes):
            return False
        self.seen.update(hashes)
        return True

    def submit(self, piece: tuple) -> None:
        number, self.count = self.count, self.count + 1
        given, taken = (os.path.join(self.exchange, f"{way}{number}") for way in ("in", "out"))
        future = None
        if not self.broken:
            try:
                if not self.rulebook_written:
                    _dump(self.rulebook, self.stream.rulebook)
                    self.rulebook_written = True
                _dump(given, piece if piece[0] in ("text", "json") else ("lines", *piece))
                with _deaf_children():
                    future = self.pool.submit(work, self.rulebook, self.stream.rulebook.digest, self.stream.path,
                                              given, taken, number == 0)
            except Exception:  # noqa: BLE001 - a broken pool, a full disk: this process reads the stretch
                self.broken = True
        self.waiting.append((piece, future, taken))

    def result(self, future: Any, taken: str) -> tuple | None:
        if future is None:
            return None
        try:
            done = future.result()
        except Exception:  # noqa: BLE001 - a worker lost (killed, out of memory): this process goes on alone
            self.broken = True
            return None
        try:
            return _load(taken) if done else None
        except (OSError, EOFError, pickle.UnpicklingError):   # the result cannot be read back: read it here
            return None


def _exchange() -> Any:
    """A temporary folder for the work and the results (TMPDIR), or None where none can be made."""
    try:
        return tempfile.TemporaryDirectory(prefix="comitatus-jobs-")
    except OSError:
        return None


def _dump(path: str, value: Any) -> None:
    with open(path, "wb") as handle:
        pickle.dump(value, handle, pickle.HIGHEST_PROTOCOL)


def _load(path: str) -> Any:
    with open(path, "rb") as handle:
        value = pickle.load(handle)
    os.unlink(path)
    return value


def _whole_in_jobs(stream: ScenarioStream, writer: Any) -> Iterator[bytes]:
    """A YAML or JSON file read whole and cut into parts (read/yaml_fast.task_chunks,
    read/json_index.task_chunks), each the header and a stretch of tasks, read and decided in
    the workers. All must succeed, with no task id in two parts, before anything is spooled;
    else the file is checked in this process, as it would have been, errors and all."""
    kind = "json" if stream.path.lower().endswith(".json") else "text"
    pool = _early(stream, writer)
    try:
        raw = read_bytes(stream.path, ScenarioError, stream.max_bytes)
        text = decode(raw, stream.path, ScenarioError)
    except BaseException:
        if pool is not None:
            _stop(pool)
        raise
    parts = (json_chunks if kind == "json" else task_chunks)(text, stream.stretch)
    digest = digest_bytes(raw)
    del raw, text
    pool, exchange = _ready(stream, writer, pool, bool(parts))
    results = None
    if pool is not None:
        with gc_paused(), exchange as folder:
            try:
                results = _Taken(stream, writer, pool, folder).whole(kind, parts, digest)
            except BaseException:
                _stop(pool)
                raise
            if results is None:
                _stop(pool)                  # the parts still being read are not waited for
            else:
                pool.shutdown(wait=True)
    if results is None:
        for report in stream:
            yield writer.stretch(report)
        return
    for result in results:
        yield _accepted(stream, writer, result)


def _accepted(stream: ScenarioStream, writer: Any, result: tuple) -> bytes:
    """A worker's stretch as this process spools it: its explanations adopted, its totals
    counted (the first stretch's result carries the head)."""
    made, fresh, _, summary, count, head = result
    writer.bytes.adopt(fresh)
    stream.tally(head, summary, count)
    return writer.placed(made)


def _ready(stream: ScenarioStream, writer: Any, pool: Any, needed: bool) -> tuple[Any, Any]:
    """(a pool, its exchange folder) when workers are `needed` and can be had, else (None,
    None): a pool started early and not needed, or without a folder, is stopped."""
    if not needed:
        if pool is not None:
            _stop(pool)
        return None, None
    pool = pool if pool is not None else _pool(stream, writer)
    exchange = _exchange() if pool is not None else None
    if exchange is None:
        if pool is not None:
            _stop(pool)
        return None, None
    return pool, exchange


def _alone(stream: ScenarioStream, writer: Any, pieces: Iterable[tuple], seen: set[int],
           late: list) -> Iterator[bytes]:
    """`pieces` checked in this process, one stretch at a time; then the reading error, if any."""
    for piece in pieces:
        yield writer.stretch(_taken(stream, _read_here(stream, piece, seen)))
    if late:
        raise late[0]


def _rest(pieces: Iterator, late: list) -> Iterator[tuple]:
    """The stretches still to read, up to the end or a reading error (kept in `late`)."""
    while True:
        piece = _next(pieces, late)
        if piece is None:
            return
        yield piece


def _next(pieces: Iterator, late: list) -> tuple | None:
    """The next stretch of lines, or None: at the end, or when reading failed (kept in `late`)."""
    if late:
        return None
    try:
        return next(pieces)
    except StopIteration:
        return None
    except ScenarioError as error:
        late.append(error)
        return None


def _read_here(stream: ScenarioStream, piece: tuple, seen: set[int]) -> Any:
    return stream.decided(_lines_document(stream.path, piece), seen)


def _lines_document(path: str, piece: tuple) -> Any:
    """A stretch of a .jsonl file's lines (header, first line number, lines) as a Document."""
    header, first, lines = piece
    return read_jsonl_part(header, first, lines, path, ScenarioError, "")


def _taken(stream: ScenarioStream, report: Any) -> Any:
    stream.tally(report, report.summary, len(report.decisions))
    return report


def _early(stream: ScenarioStream, writer: Any) -> Any:
    """A pool already starting its workers (they import while this process reads), when the
    file is large enough to hold more than one stretch; else None."""
    try:
        size = os.stat(stream.path).st_size
    except (OSError, ValueError):
        return None
    if size < EARLY_BYTES:
        return None
    pool = _pool(stream, writer)
    if pool is not None:
        try:
            with _deaf_children():
                for _ in range(stream.jobs):             # a core left for this process's reading
                    pool.submit(ready)
        except Exception:  # noqa: BLE001 - a pool that cannot start its workers: none at all
            _stop(pool)
            return None
    return pool


def _pool(stream: ScenarioStream, writer: Any) -> Any:
    """A pool of `stream.jobs` spawned workers, or None where processes cannot be started.

    What a worker is started with stays small (the rulebook is a file named with the work):
    a spawned worker that dies before reading it, as one does whose parent's main script
    runs unguarded, would leave this process blocked writing more than a pipe holds."""
    import concurrent.futures
    import multiprocessing
    try:
        return concurrent.futures.ProcessPoolExecutor(
            stream.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=start,
            initargs=(writer.LINES, stream.as_of, KEPT_BYTES // stream.jobs))
    except (OSError, ImportError, NotImplementedError):
        return None


@contextlib.contextmanager
def _deaf_children() -> Iterator[None]:
    """^C held back while a worker may be started (the pool starts them as work is handed
    over): a worker inherits the blocked signal, and `start` ignores it, so a ^C during its
    import never prints a traceback. The parent's ^C is delivered as soon as this is left."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _stop(pool: Any) -> None:
    """The pool shut down now (bad input, ^C): a stretch still being decided is not waited for."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


# ---- in a worker --------------------------------------------------------------------------

def start(lines: bool, as_of: Any, limit: int) -> None:
    """A worker's set-up: a writer whose marks carry this process's tag."""
    gc.disable()                             # as in cli.main(): reference counting frees
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # ^C is the parent's to answer (born blocked)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _ends_with_parent()
    atexit.register(_leave_quickly)          # registered last: run first
    writer = WRITERS["jsonl" if lines else "json"](None, False, 100)     # its body needs no rulebook
    writer.bytes = DecisionBytes(lines, tag=b"%d." % os.getpid(), limit=limit)
    _WORKER.update(writer=writer, as_of=as_of, heads={})


def _leave_quickly() -> None:
    """A worker told to stop leaves without freeing its caches object by object: the pool's
    shutdown waited 0.46 s for two workers' teardown after a 100,000-task check. Nothing is
    left to write (results go through files, already taken); the streams are flushed."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


def ready() -> None:
    """Nothing: handed to each worker first, so that all start at once."""


def _ends_with_parent() -> None:
    """On Linux, this worker is sent SIGTERM when its parent ends: a parent killed outright
    (SIGKILL) leaves no worker waiting for work that will never come."""
    import multiprocessing
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)     # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:          # gone already
        os._exit(0)


def work(rulebook: str, digest: str, path: str, given: str, taken: str, head: bool) -> bool:
    """Decide the stretch in file `given` and write to file `taken` (spooled bytes, the
    explanations first kept for them, task ids, totals, count, the head if asked); False:
    the parent reads this stretch again itself. `rulebook` is the file of its pickle,
    read once per digest."""
    writer = _WORKER["writer"]
    try:
        if _WORKER.get("digest") != digest:
            with open(rulebook, "rb") as handle:
                _WORKER.update(digest=digest, rulebook=pickle.load(handle))
        book = _WORKER["rulebook"]
        kind, *piece = _load(given)
        if kind in ("text", "json"):         # a YAML or JSON file's header and a stretch of its tasks
            text, whole = piece
            doc = read_json(text, path, ScenarioError, whole) if kind == "json" else \
                read_yaml(text, path, ScenarioError, whole, _WORKER["heads"])
        else:                                # a stretch of a .jsonl file's lines
            doc = _lines_document(path, tuple(piece))
        scenario = read_scenario(doc, book.vocabulary, _WORKER["as_of"])
        report = evaluate(scenario, book)
        made = writer.body(report)
    except Exception:  # noqa: BLE001 - whatever it was, the parent's own reading says it
        writer.bytes.forget(writer.bytes.handed())     # marks never sent are made again when needed
        return False
    fresh = writer.bytes.handed()
    try:
        _dump(taken, (made, fresh, [task.id for task in scenario.tasks], report.summary,
                      len(report.decisions), _Head(report) if head else None))
    except Exception:  # noqa: BLE001 - nothing sent (a full disk): the parent reads the stretch
        writer.bytes.forget(fresh)
        return False
    return True


class _Head:
    """What `ScenarioStream.tally` reads of a stretch's report, without its tasks."""

    def __init__(self, report: Any) -> None:
        import dataclasses
        self.scenario = dataclasses.replace(report.scenario, tasks=())
        self.as_of, self.windows, self.authorities = report.as_of, report.windows, report.authorities
