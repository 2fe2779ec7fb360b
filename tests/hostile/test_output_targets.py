"""Items 4, 11, 14 and the exit code of a bug: where output goes, and what is left when it fails.

`--output` never turns a device, a FIFO or a symlink to one into a regular file; a full
stdout is one clear line and exit 2; SIGTERM mid-write removes the temp file and keeps the
previous report; a bug (not bad input) exits 3. Real processes where a signal or a device is
involved.
"""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import engine
import engine.stream
from cli_parts import guard
from tests.cli.conftest import TOY, invoke  # noqa: F401 - a fixture
from tests.conftest import ROOT

CLI = [sys.executable, os.path.join(ROOT, "cli.py")]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, cwd=ROOT, timeout=120, **kwargs)


def only_line(result) -> str:
    text = result.stderr.decode() if isinstance(result.stderr, bytes) else result.stderr
    lines = text.splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_one_clear_line_and_exit_2(toy_rules_dir):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(CLI + ["check", TOY, "--rules", toy_rules_dir], stdout=full,
                                stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    assert result.returncode == 2
    assert only_line(result) == "error[cannot-write]: cannot write output: No space left on device"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_onto_a_full_device_says_so_and_leaves_it_a_device(toy_rules_dir):
    result = run("check", TOY, "--rules", toy_rules_dir, "-o", "/dev/full")
    assert result.returncode == 2
    assert only_line(result) == "/dev/full: error[cannot-write]: cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("through_a_symlink", [False, True])
def test_output_onto_dev_null_writes_in_place(toy_rules_dir, tmp_path, through_a_symlink):
    target = "/dev/null"
    if through_a_symlink:
        os.symlink("/dev/null", tmp_path / "sink")
        target = str(tmp_path / "sink")
    result = run("check", TOY, "--rules", toy_rules_dir, "-o", target)
    assert result.returncode == 1, result.stderr          # the toy scenario has prohibited tasks
    assert result.stderr == b""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.path.islink(target) == through_a_symlink
    assert [p for p in os.listdir(tmp_path) if p.startswith(".comitatus-")] == []


@pytest.mark.parametrize("through_a_symlink", [False, True])
def test_output_into_a_fifo_with_a_reader_writes_into_the_fifo(toy_rules_dir, tmp_path, through_a_symlink):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = fifo
    if through_a_symlink:
        target = tmp_path / "link"
        os.symlink(fifo, target)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)     # a reader that is there already
    try:
        result = run("check", TOY, "--rules", toy_rules_dir, "-o", str(target))
        received = os.read(reader, 1 << 16)                 # the toy report fits the pipe's buffer
    finally:
        os.close(reader)
    assert result.returncode == 1, result.stderr
    assert b"T1" in received
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_into_a_fifo_nobody_reads_is_refused_at_once(toy_rules_dir, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = run("check", TOY, "--rules", toy_rules_dir, "-o", str(fifo))
    assert result.returncode == 2
    assert only_line(result) == f"{fifo}: error[cannot-write]: cannot write {fifo}: no process is reading it"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_onto_a_directory_is_refused(invoke, tmp_path):
    result = invoke("check", TOY, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "error[cannot-write]" in only_line(result) and "is a directory" in result.stderr
    assert os.path.isdir(tmp_path)


def test_output_through_a_symlink_replaces_the_file_it_points_to(invoke, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    os.symlink(real, link)
    assert invoke("check", TOY, "-o", str(link)).exit_code == 1
    assert os.path.islink(link) and "T1" in real.read_text()


def _big_scenario(path, tasks: int = 12_000) -> None:
    lines = ["scenario: big", "as_of: 2025-01-22", "locations:", "  - {id: ep, kind: border_zone}",
             "forces:", "  - {id: jtf, component: army}", "tasks:"]
    lines += [f"  - {{id: T{i}, force: jtf, activity: {'arrest' if i % 2 else 'data_entry'}, location: ep}}"
              for i in range(tasks)]
    path.write_text("\n".join(lines) + "\n")


def _signal_when_writing(args: list[str], folder, number: int) -> tuple[int, bytes, bool]:
    """Start the CLI, send `number` as soon as its temp file appears; (exit code, stderr, seen)."""
    process = subprocess.Popen(CLI + args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if any(name.startswith(".comitatus-") for name in os.listdir(folder)):
            process.send_signal(number)
            seen = True
            break
        time.sleep(0.001)
    out, err = process.communicate(timeout=120)
    return process.returncode, err, seen


@pytest.mark.parametrize("number, code", [(signal.SIGTERM, guard.TERMINATED), (signal.SIGKILL, -signal.SIGKILL)])
def test_a_signal_while_writing_output_keeps_the_previous_report(toy_rules_dir, tmp_path, number, code):
    scenario = tmp_path / "in" / "big.yaml"
    scenario.parent.mkdir()
    _big_scenario(scenario)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.json"
    for attempt in range(5):
        target.write_bytes(b"previous report")
        returned, err, seen = _signal_when_writing(["check", str(scenario), "--rules", toy_rules_dir,
                                                    "-f", "json", "-o", str(target)], out, number)
        if seen and returned == code:
            break
    assert seen and returned == code, (returned, err)
    assert target.read_bytes() == b"previous report"
    if number == signal.SIGTERM:
        assert os.listdir(out) == ["report.json"]          # the temp file is gone
        assert err.decode().splitlines() == ["error[terminated]: stopped by SIGTERM before finishing; "
                                             "nothing was written"]


def test_a_bug_exits_3_with_one_line_and_a_hint_to_report_it(invoke, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("an engine bug\nwith a second line")

    monkeypatch.setattr(engine, "check", broken)
    monkeypatch.setattr(engine.stream, "write_report", broken)     # check's streamed path
    result = invoke("check", TOY)
    assert result.exit_code == guard.INTERNAL == 3
    assert only_line(result) == ("error[internal-error]: RuntimeError: an engine bug with a second line "
                                 "(a bug in comitatus: please report it with the input that caused it)")


def test_bad_input_still_exits_2_and_interrupts_130(invoke, monkeypatch, write):
    assert invoke("check", write("scenario: [")).exit_code == 2

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "check", interrupted)
    monkeypatch.setattr(engine.stream, "write_report", interrupted)
    assert invoke("check", TOY).exit_code == guard.INTERRUPTED
