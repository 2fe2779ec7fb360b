"""Streamed checking (engine/stream.py, issue 18): a large scenario is read, decided and written a
stretch of tasks at a time. Its report is byte for byte the whole report, memory does not grow
with the number of tasks, and bad input found late still exits 2 with nothing written."""
import gc
import os
import tracemalloc

import pytest

import cli
import engine
from cli_parts.output import Planned
from engine import stream
from engine.render.jsonl import check_jsonl
from engine.render.junit import check_junit
from engine.render.text import check_text
from engine.stream import ScenarioStream, write_report


def whole(fmt, reports, rulebook):
    if fmt == "json":
        return engine.reports_json_bytes(reports, rulebook)
    if fmt == "jsonl":
        return check_jsonl(reports, rulebook)
    if fmt == "junit":
        return check_junit(reports, rulebook, engine.VERSION).encode()
    return check_text(reports).encode()


def streamed(fmt, paths, rulebook, tmp_path, stretch):
    """The bytes the command line writes for a streamed check: the plan, its spool spans read back."""
    streams = [ScenarioStream(path, rulebook, stretch=stretch) for path in paths]
    with open(tmp_path / "spool", "w+b") as spool:
        plan, permitted = write_report(streams, rulebook, fmt, spool)
        data = b"".join(Planned(plan, spool).blocks())
    return data, permitted


@pytest.mark.parametrize("fmt", ["json", "jsonl", "junit", "text"])
@pytest.mark.parametrize("names", [["year.jsonl"], ["varied.jsonl", "year.yaml"], ["varied.json", "varied.jsonl"]])
def test_the_streamed_report_is_the_whole_report_byte_for_byte(fmt, names, files, rulebook, tmp_path):
    paths = [files[name] for name in names]
    reports = [engine.check(path, rulebook) for path in paths]
    data, permitted = streamed(fmt, paths, rulebook, tmp_path, stretch=97)
    assert data == whole(fmt, reports, rulebook)
    assert permitted == all(report.all_permitted for report in reports)


def test_a_small_scenario_keeps_its_rich_text_table(rulebook, tmp_path):
    path = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "jtf-north-2025.yaml")
    data, _ = streamed("text", [path], rulebook, tmp_path, stretch=5)
    assert data == check_text([engine.check(path, rulebook)]).encode()


def test_streamed_jsonl_digest_and_positions_are_the_whole_files(files, rulebook, tmp_path):
    path = files["year.jsonl"]
    report = engine.check(path, rulebook)
    check = ScenarioStream(path, rulebook, stretch=64)
    lines = [(task.id, task.where) for part in check for task in part.scenario.tasks]
    assert lines == [(task.id, task.where) for task in report.scenario.tasks]
    assert check.head.scenario.digest == report.scenario.digest
    assert check.count == 600 and check.summary == report.summary


def test_memory_does_not_grow_with_the_number_of_tasks(generate, rulebook, tmp_path, monkeypatch):
    """Peak memory of a streamed check of 400 and of 4,400 tasks (a year of recurring orders,
    stretches of 200, read 16 KB at a time): the larger file may cost at most 300 bytes
    a task more (ids are kept as hashes to find duplicates; about 175 measured, most of it
    one step between 400 and 2,400 tasks as tables resize), beside the distinct explanations the
    writer keeps once each (bounded by json_stream.KEPT_BYTES, counted here). A whole
    report costs several kilobytes a task, so a report held whole fails this by ten times."""
    from engine.read.jsonl import JsonlStretches
    from engine.render import json_stream
    monkeypatch.setattr(JsonlStretches, "PIECE", 1 << 14)
    writers = []
    made = json_stream.DecisionBytes.__init__

    def kept_by(self, *args, **kwargs):
        made(self, *args, **kwargs)
        writers.append(self)
    monkeypatch.setattr(json_stream.DecisionBytes, "__init__", kept_by)

    def explanations():
        return sum(len(body) + 200 for body in writers[-1].kept.values())     # the bytes and their two dict entries

    def peak(count):
        data = generate.Generator(rulebook, seed=8).scenario(count, days=365, templates=40)
        path = generate.write(data, str(tmp_path / f"s{count}.jsonl"))
        for _ in range(2):        # caches warmed on the same data, twice: the suite's earlier tests
            for _ in ScenarioStream(path, rulebook, stretch=200):   # may leave them near their limit,
                pass                                                  # and a first pass may start them afresh
        gc.collect()                      # what earlier tests left is not this run's memory,
        gc.disable()                      # and the command line runs without the cyclic collector
        tracemalloc.start()
        try:
            with open(tmp_path / f"spool{count}", "w+b") as spool:
                write_report([ScenarioStream(path, rulebook, stretch=200)], rulebook, "jsonl", spool)
            return tracemalloc.get_traced_memory()[1] - explanations()
        finally:
            tracemalloc.stop()
            gc.enable()
    small, large = peak(400), peak(4400)
    assert large - small < 4000 * 300, (small, large)


LATE = '{"id": "Z9", "force": "nobody", "activity": "data_entry"}\n'


@pytest.fixture
def late_error(files, tmp_path, monkeypatch):
    """The year as JSON Lines with a bad task on its last line, checked in stretches of 50."""
    monkeypatch.setattr(stream, "STRETCH", 50)
    path = tmp_path / "late.jsonl"
    with open(files["year.jsonl"], encoding="utf-8") as handle:
        text = handle.read()
    path.write_text(text + LATE, encoding="utf-8")
    return str(path), text.count("\n") + 1


@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "junit"])
def test_bad_input_late_in_a_stream_exits_2_with_one_line_and_writes_nothing(fmt, late_error, tmp_path):
    from typer.testing import CliRunner
    path, line = late_error
    out = tmp_path / "out" / "report"
    out.parent.mkdir()
    out.write_text("the previous report\n")
    result = CliRunner().invoke(cli.app, ["check", path, "--format", fmt, "--output", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{line}:") and "error[unknown-reference]" in lines[0]
    assert out.read_text() == "the previous report\n"
    assert os.listdir(out.parent) == ["report"]


def test_a_duplicate_id_in_an_earlier_stretch_is_found_with_its_first_line(files, tmp_path, rulebook):
    with open(files["year.jsonl"], encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    lines.append(lines[5])                  # task 5 again, 596 lines later
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(engine.Problems) as caught:
        for _ in ScenarioStream(str(path), rulebook, stretch=64):
            pass
    (error,) = caught.value.errors
    assert error.code == "duplicate-id" and error.where.line == len(lines)
    assert error.message.endswith("(first on line 6)")


def test_a_streamed_file_over_the_limit_says_how_to_raise_it(files, rulebook):
    with pytest.raises(engine.ComitatusError) as caught:
        for _ in ScenarioStream(files["year.jsonl"], rulebook, max_bytes=1000):
            pass
    assert caught.value.code == "too-large" and "--max-bytes" in caught.value.message


def test_bad_utf8_late_in_a_stream_is_located(files, tmp_path, rulebook):
    with open(files["year.jsonl"], "rb") as handle:
        raw = handle.read()
    path = tmp_path / "bad.jsonl"
    path.write_bytes(raw + b'{"id": "\xff"}\n')
    with pytest.raises(engine.ComitatusError) as caught:
        for _ in ScenarioStream(str(path), rulebook, stretch=64):
            pass
    assert caught.value.code == "not-utf8"
    assert (caught.value.where.line, caught.value.where.column) == (raw.count(b"\n") + 1, 9)


def test_the_streamed_text_in_colour_is_the_whole_texts(files, rulebook, tmp_path):
    path = files["year.jsonl"]
    streams = [ScenarioStream(path, rulebook, stretch=128)]
    with open(tmp_path / "spool", "w+b") as spool:
        plan, _ = write_report(streams, rulebook, "text", spool, color=True, width=80)
        data = b"".join(Planned(plan, spool).blocks())
    assert data == check_text([engine.check(path, rulebook)], color=True, width=80).encode()


@pytest.mark.parametrize("kernel_copy", [True, False])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "junit"])
def test_a_streamed_report_written_to_a_file_is_the_bytes_written_to_stdout(fmt, kernel_copy, files, tmp_path,
                                                                            monkeypatch):
    """--output copies the spool's spans in the kernel (copy_file_range) where it can, and
    through Python where it cannot: the file is the same bytes either way."""
    from typer.testing import CliRunner
    monkeypatch.setattr(stream, "STRETCH", 64)
    if not kernel_copy:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    out = tmp_path / "report"
    path = files["year.jsonl"]
    written = CliRunner().invoke(cli.app, ["check", path, "--format", fmt, "--output", str(out)])
    printed = CliRunner().invoke(cli.app, ["check", path, "--format", fmt])
    assert written.exit_code == printed.exit_code == 1
    assert out.read_bytes() == printed.stdout_bytes and len(printed.stdout_bytes) > 10_000


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_streamed_report_on_stdout_redirected_to_a_file_is_the_bytes_of_a_pipe(fmt, files, tmp_path):
    """`> out.json` (stdout a regular file: the spool copied by the kernel), `>> out.json` (an
    append-only descriptor the kernel copy refuses: Python's copy) and a pipe give one report."""
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    command = [sys.executable, os.path.join(root, "cli.py"), "check", files["year.jsonl"], "--format", fmt]
    piped = subprocess.run(command, capture_output=True, cwd=root)
    target, appended = tmp_path / "out", tmp_path / "appended"
    appended.write_bytes(b"before\n")
    with open(target, "wb") as plain, open(appended, "ab") as tail:
        codes = [subprocess.run(command, stdout=plain, cwd=root).returncode,
                 subprocess.run(command, stdout=tail, cwd=root).returncode]
    assert codes == [piped.returncode] * 2 == [1, 1]
    assert target.read_bytes() == piped.stdout and len(piped.stdout) > 10_000
    assert appended.read_bytes() == b"before\n" + piped.stdout
