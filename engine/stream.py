"""Checking large scenarios a stretch of tasks at a time, the report written as it goes.

A year of task orders can be a million tasks. `ScenarioStream` checks one file through the
public path (validate, then `evaluate`) on a Scenario holding the file's forces, places,
events and circumstances and one stretch of its tasks (STRETCH of them): a `.jsonl` file is
read a stretch of lines at a time (engine/read/jsonl.py), a YAML or JSON file is read whole
and decided a stretch at a time. `write_report` renders each stretch's decisions as soon as
they are made into a spool (a temporary file the caller gives), so memory holds one stretch
whatever the number of tasks.

Every format puts totals before the decisions (the JSON summary, the JSON Lines header line,
JUnit's counts, the text report's summary and column widths), so the document around the
decisions is made last: `write_report` returns a plan, pieces of bytes and spans of the spool
in output order, which the command line writes out (`cli.py`, atomically for `--output`).
The bytes are exactly those of the whole-report renderers (tested byte for byte).

Across the stretches of a file, task ids are kept as their hashes (a few dozen bytes a task)
to find a duplicate; the first bad stretch stops the check with its errors (exit 2, nothing
written). With `jobs` above one, the stretches (JOBS_STRETCH tasks) of a `.jsonl` file, or
of a large YAML or JSON file, are decided and spooled in worker processes (stream_jobs.py), for
JSON and JSON Lines.
"""
from __future__ import annotations

import dataclasses
import datetime
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from .errors import Problems, ScenarioError, first_at, shown
from .evaluate import default_rulebook, evaluate, gc_paused, load_scenario
from .model import VERDICTS, Rulebook, Verdict
from .read import DEFAULT_MAX_BYTES
from .read.jsonl import JsonlStretches
from .report import VERSION, Report, scenario_head
from .validate import read_scenario

# Tasks decided and written at a time. Each stretch re-reads the file's header and pays fixed
# costs (validating the forces and places, array set-up in compile/columns.py): 50,000 a
# stretch checks a million tasks in 10% less time than 10,000, for 220 MB more peak memory (560 MB).
STRETCH = 50_000
JOBS_STRETCH = 25_000                  # with worker processes (stream_jobs.py): as fast, and half the memory each
STREAM_MAX_BYTES = 1 << 30             # a .jsonl file read a stretch at a time: about 6 million tasks


def streamed(path: str) -> bool:
    """Whether a file is read a stretch at a time (else whole, then decided a stretch at a time)."""
    return path.lower().endswith(".jsonl")


class ScenarioStream:
    """One scenario file checked a stretch at a time: iterate for a Report per stretch.

    Once iterated to the end, `head` is the report of the scenario without its tasks (its
    digest that of the whole file) and `summary` and `count` total every stretch.
    """

    def __init__(self, path: str, rulebook: Rulebook | None = None, *, as_of: datetime.date | None = None,
                 max_bytes: int | None = None, stretch: int | None = None, jobs: int = 1) -> None:
        self.path, self.rulebook, self.as_of = path, rulebook or default_rulebook(), as_of
        self.max_bytes = max_bytes or (STREAM_MAX_BYTES if streamed(path) else DEFAULT_MAX_BYTES)
        self.stretch = stretch or (STRETCH if jobs <= 1 else JOBS_STRETCH)
        self.jobs = jobs
        self.head: Report | None = None
        self.summary = {verdict.value: 0 for verdict in VERDICTS}
        self.count = 0

    @property
    def all_permitted(self) -> bool:
        return self.summary[Verdict.PERMITTED.value] == self.count

    def __iter__(self) -> Iterator[Report]:
        with gc_paused():
            reports = self._read_stretches() if streamed(self.path) else self._read_whole()
            for report in reports:
                self.tally(report, report.summary, len(report.decisions))
                yield report

    def tally(self, report: Any, summary: dict, count: int) -> None:
        """Count a stretch decided (`report` gives the head: its scenario, as_of, windows
        and authorities; its decisions are not read)."""
        if self.head is None:
            self.head = Report(dataclasses.replace(report.scenario, tasks=()), self.rulebook,
                               report.as_of, (), report.windows, report.authorities)
        for verdict, number in summary.items():
            self.summary[verdict] += number
        self.count += count

    def rendered(self, writer: Any) -> Iterator[bytes]:
        """Each stretch's decisions as `writer` spools them, in order: with `jobs` above one,
        a `.jsonl` or large YAML file's are decided in that many processes (stream_jobs.py)."""
        if self.jobs > 1 and hasattr(writer, "body"):
            from .stream_jobs import rendered_in_jobs
            yield from rendered_in_jobs(self, writer)
            return
        for report in self:
            yield writer.stretch(report)

    def _read_whole(self) -> Iterator[Report]:
        scenario = load_scenario(self.path, self.rulebook, as_of=self.as_of, max_bytes=self.max_bytes)
        tasks = scenario.tasks
        for start in range(0, len(tasks), self.stretch):
            yield evaluate(dataclasses.replace(scenario, tasks=tasks[start:start + self.stretch]), self.rulebook)

    def _read_stretches(self) -> Iterator[Report]:
        stretches = self.stretches()
        seen: set[int] = set()
        for doc in stretches:
            yield self.decided(doc, seen)
        self.digested(stretches)

    def stretches(self) -> JsonlStretches:
        return JsonlStretches(self.path, ScenarioError, self.max_bytes, self.stretch)

    def decided(self, doc: Any, seen: set[int]) -> Report:
        """One stretch of a .jsonl file validated, its ids checked against `seen`, decided."""
        scenario = read_scenario(doc, self.rulebook.vocabulary, self.as_of)
        _unique(scenario, doc, seen, self.path, self.max_bytes, self.stretch)
        return evaluate(scenario, self.rulebook)

    def digested(self, stretches: JsonlStretches) -> None:
        """The head given the whole file's digest, once every stretch is read."""
        if self.head is not None and stretches.digest is not None:
            self.head = dataclasses.replace(self.head, scenario=dataclasses.replace(self.head.scenario,
                                                                                  digest=stretches.digest))


def _unique(scenario: Any, doc: Any, seen: set[int], path: str, max_bytes: int, stretch: int) -> None:
    """No task id of this stretch in an earlier one (each stretch checks its own); ids are kept
    as hashes, and a hash seen before sends us back to the file for the id's first line."""
    errors = []
    for number, task in enumerate(scenario.tasks):
        key = hash(task.id)
        if key in seen:
            first = _first_line(task.id, path, max_bytes, stretch, doc.where(("tasks", number)).line)
            if first is not None:
                errors.append(ScenarioError("duplicate-id", f"duplicate task id {shown(task.id)} ({first})",
                                            where=doc.where(("tasks", number, "id"))))
        seen.add(key)
    if errors:
        raise Problems(errors)


def _first_line(ident: str, path: str, max_bytes: int, stretch: int, before: int) -> str | None:
    """Where task `ident` is first written in the file, if on a line before `before`."""
    import unicodedata
    for doc in JsonlStretches(path, ScenarioError, max_bytes, stretch):
        for number, raw in enumerate(doc.data.get("tasks", ())):
            written = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(written, str) and unicodedata.normalize("NFC", written) == ident:
                where = doc.where(("tasks", number, "id"))
                return first_at(where) if where.line < before else None
    return None


# ---- the report, written as it is made ----------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class Spooled:
    """Bytes `start` to `stop` of the spool, in the output at this place; `convert`, if any,
    turns each block of whole lines into what is written."""
    start: int
    stop: int
    convert: Callable[[bytes], bytes] | None = None


Plan = list  # of bytes and Spooled, in output order


def write_report(streams: Iterable[ScenarioStream], rulebook: Rulebook, format: str, spool: BinaryIO, *,
                 color: bool = False, width: int = 100) -> tuple[Plan, bool]:
    """Check every stream, writing its decisions into `spool` as each stretch is decided;
    (the plan of the output, whether every task is permitted). Every file is checked: the
    problems of all of them are raised together, as for whole reports."""
    writer = WRITERS[format](rulebook, color, width)
    done: list[tuple[ScenarioStream, Spooled]] = []
    errors: list = []
    for stream in streams:
        start = spool.tell()
        try:
            for made in stream.rendered(writer):
                if not errors:
                    spool.write(made)
        except Problems as problems:
            errors.extend(problems.errors)
            continue
        except ScenarioError as error:
            errors.append(error)
            continue
        done.append((stream, Spooled(start, spool.tell())))
        writer.end_scenario()
    if errors:
        raise Problems(errors)
    spool.flush()
    return writer.plan(done), all(stream.all_permitted for stream, _ in done)


def _interleave(pieces: list[bytes], spans: list[Spooled]) -> Plan:
    plan: Plan = []
    for piece, span in zip(pieces, spans):
        plan += [piece, span]
    return plan + [pieces[-1]]


class _Json:
    """--format json: the document, each scenario's decisions spooled in place."""

    LINES = False

    def __init__(self, rulebook: Rulebook, color: bool, width: int) -> None:
        from .render.json_stream import DecisionBytes
        self.rulebook = rulebook
        self.bytes = DecisionBytes(lines=self.LINES)
        self.first = True

    def stretch(self, report: Report) -> bytes:
        return self.placed(self.body(report))

    def body(self, report: Report) -> bytes:
        """The stretch's decisions, explanations as marks (another process may make them)."""
        self.bytes.stretch()
        return self.bytes.separator.join(map(self.bytes, report.decisions))

    def placed(self, made: bytes) -> bytes:
        """A stretch's body as spooled here: after the scenario's earlier decisions."""
        if not self.first and made:
            made = self.bytes.separator + made
        self.first = self.first and not made
        return made

    def end_scenario(self) -> None:
        self.first = True

    def plan(self, done: list) -> Plan:
        from .render.json_stream import document_pieces
        heads = [scenario_head(stream.head, stream.summary) for stream, _ in done]
        pieces = document_pieces(heads, [stream.count for stream, _ in done], self.rulebook)
        return _interleave(pieces, [self._expanded(span) for _, span in done])

    def _expanded(self, span: Spooled) -> Spooled:
        """The span written with each explanation in place of its mark (DecisionBytes.expand)."""
        return dataclasses.replace(span, convert=self.bytes.expand)


class _Jsonl(_Json):
    """--format jsonl: the header line, then every scenario's decision lines."""

    LINES = True

    def body(self, report: Report) -> bytes:
        self.bytes.stretch()
        lead = self.bytes.lead(report.scenario.file)
        return b"".join(self.bytes(decision, lead) for decision in report.decisions)

    def placed(self, made: bytes) -> bytes:
        return made

    def end_scenario(self) -> None:
        pass

    def plan(self, done: list) -> Plan:
        from .render.jsonl import header_line
        heads = [scenario_head(stream.head, stream.summary) for stream, _ in done]
        return [header_line(heads, self.rulebook)] + [self._expanded(span) for _, span in done]


class _Junit:
    """--format junit: the testsuites document, each suite's test cases spooled in place."""

    def __init__(self, rulebook: Rulebook, color: bool, width: int) -> None:
        from .render.junit import StreamedCases
        self.rulebook = rulebook
        self.cases = StreamedCases()
        self.first = True

    def stretch(self, report: Report) -> bytes:
        made = self.cases.cases(report)
        if not self.first and made:
            made = self.cases.SEPARATOR + made
        self.first = self.first and not made
        return _encode(made)

    def end_scenario(self) -> None:
        self.first = True

    def plan(self, done: list) -> Plan:
        suites = [(stream.head, stream.summary, stream.count) for stream, _ in done]
        pieces = self.cases.document(suites, self.rulebook, VERSION)
        return _interleave([_encode(piece) for piece in pieces], [span for _, span in done])


class _Text:
    """--format text: a scenario of more than PLAIN_ROWS tasks is its heading and summary, the
    plain table (its rows spooled, laid out once every column's width is known) and the rest;
    a smaller one is laid out whole by rich, from the decisions kept (never more than PLAIN_ROWS)."""

    def __init__(self, rulebook: Rulebook, color: bool, width: int) -> None:
        self.rulebook, self.color, self.width = rulebook, color, width
        self.texts: list[Any] = []             # per scenario: its kept decisions, or None, and widths
        self.end_scenario()

    def end_scenario(self) -> None:
        if hasattr(self, "kept"):
            self.texts.append((self.kept, self.widths))
        self.kept: list | None = []
        self.widths: list[int] | None = None

    def stretch(self, report: Report) -> bytes:
        from .render.text import PLAIN_ROWS, plain_row, plain_widths
        if self.kept is not None:
            self.kept.extend(report.decisions)
            if len(self.kept) > PLAIN_ROWS:
                self.kept = None
        shown: dict = {}
        rows = [plain_row(decision, shown) for decision in report.decisions]
        self.widths = plain_widths(rows, self.widths)
        return _encode("".join("\t".join(row) + "\n" for row in rows))

    def plan(self, done: list) -> Plan:
        from .render.text import PlainLayout, check_text, plain_parts
        plan: Plan = []
        for number, ((stream, span), (kept, widths)) in enumerate(zip(done, self.texts)):
            if number:
                plan.append(b"\n")
            if kept is not None:
                whole = dataclasses.replace(stream.head, decisions=tuple(kept))
                plan.append(_encode(check_text([whole], color=self.color, width=self.width)))
                continue
            head, tail = plain_parts(_Totals(stream), self.color, self.width)
            layout = PlainLayout(widths, self.color)
            plan += [_encode(head + "".join(layout.head())), Spooled(span.start, span.stop, _rows(layout)),
                     _encode(tail)]
        return plan


class _Totals:
    """A streamed scenario where a renderer reads a report: its head's parts, and the
    totals of its stretches (`decisions` only sized)."""

    def __init__(self, stream: ScenarioStream) -> None:
        head = stream.head
        self.scenario, self.as_of, self.windows, self.authorities = (head.scenario, head.as_of, head.windows,
                                                                     head.authorities)
        self.summary, self.decisions = stream.summary, range(stream.count)


def _rows(layout: Any) -> Callable[[bytes], bytes]:
    def convert(block: bytes) -> bytes:
        lines = block.decode("utf-8", "surrogateescape").split("\n")
        return _encode("".join(layout.line(tuple(line.split("\t"))) for line in lines if line))
    return convert


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


WRITERS: dict[str, Any] = {"json": _Json, "jsonl": _Jsonl, "junit": _Junit, "text": _Text}
FORMATS = tuple(WRITERS)
