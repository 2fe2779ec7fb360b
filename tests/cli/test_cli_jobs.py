"""`check FILE... --jobs N`: the same bytes and exit code as one process, errors as ever; and
`--format jsonl`, a header line then one decision per line."""
from __future__ import annotations

import glob
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import cli
from tests.conftest import ROOT

SCENARIOS = sorted(glob.glob(os.path.join("scenarios", "*.yaml")))
FORMATS = ["text", "json", "jsonl", "markdown", "junit"]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def many_tasks(tmp_path_factory):
    """A scenario of 250 tasks: its text report takes the plain table."""
    folder = tmp_path_factory.mktemp("jobs")
    lines = ["scenario: many tasks", "as_of: 2025-01-22", "forces:",
             "  - {id: jtf, component: army}", "  - {id: guard, component: national_guard, status: title_32}",
             "tasks:"]
    activities = ["data_entry", "arrest", "logistics", "search", "aviation_support"]
    for number in range(250):
        lines.append(f"  - {{id: M{number}, force: {'jtf' if number % 3 else 'guard'}, "
                     f"activity: {activities[number % len(activities)]}}}")
    path = folder / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli.app, list(args), env={"NO_COLOR": "1", "FORCE_COLOR": None, "TERM": None})


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_write_the_same_bytes_as_one_process(fmt, many_tasks):
    files = SCENARIOS + [many_tasks]
    one = run("check", *files, "--format", fmt)
    three = run("check", *files, "--format", fmt, "--jobs", "3")
    assert one.exit_code == three.exit_code == 1, (one.stderr, three.stderr)
    assert three.stdout_bytes == one.stdout_bytes
    assert three.stderr == ""


def test_jobs_report_every_files_problems_sorted_and_write_nothing(tmp_path):
    files = ["tests/invalid/unknown-activity-typo.yaml", SCENARIOS[0], "tests/invalid/duplicate-task-id.yaml",
             str(tmp_path / "missing.yaml")]
    one = run("check", *files)
    two = run("check", *files, "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert two.stdout == ""
    assert two.stderr == one.stderr
    lines = two.stderr.splitlines()
    assert [line.split(": error[")[1].split("]")[0] for line in lines] == \
        ["file-not-found", "duplicate-id", "unknown-activity"]


def test_jobs_exit_0_when_every_task_of_every_file_is_permitted(tmp_path):
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.yaml"
        path.write_text("scenario: paperwork\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\n"
                        "tasks:\n  - {id: P1, force: jtf, activity: data_entry}\n", encoding="utf-8")
        paths.append(str(path))
    result = run("check", *paths, "--jobs", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [s["file"] for s in json.loads(result.stdout)["scenarios"]] == paths


def test_jobs_work_from_a_real_process_started_as_a_script():
    argv = [sys.executable, "cli.py", "check", *SCENARIOS[:3], "--jobs", "2", "--format", "json"]
    two = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=300)
    one = subprocess.run(argv[:-4] + ["--format", "json"], cwd=ROOT, capture_output=True, timeout=300)
    assert two.returncode == one.returncode == 1, two.stderr
    assert two.stdout == one.stdout


def test_jobs_must_be_at_least_one():
    assert run("check", SCENARIOS[0], "--jobs", "0").exit_code == 2


# ---- JSON Lines ----------------------------------------------------------------------------

def test_jsonl_is_a_header_then_one_decision_per_line_as_in_the_json_report(many_tasks):
    files = SCENARIOS[:2] + [many_tasks]
    lines = run("check", *files, "--format", "jsonl").stdout.splitlines()
    document = json.loads(run("check", *files, "--format", "json").stdout)
    header = json.loads(lines[0])
    assert {key: header[key] for key in ("contract", "engine", "rulebook")} == \
        {key: document[key] for key in ("contract", "engine", "rulebook")}
    assert header["scenarios"] == [{k: v for k, v in s.items() if k != "decisions"} for s in document["scenarios"]]
    expected = [{"file": s["file"], **d} for s in document["scenarios"] for d in s["decisions"]]
    assert [json.loads(line) for line in lines[1:]] == expected
    assert all(" " not in line.split('"')[0] for line in lines)     # compact: no spaces outside strings


def test_jsonl_lines_end_with_a_newline_each():
    out = run("check", SCENARIOS[0], "--format", "jsonl").stdout_bytes
    assert out.endswith(b"\n") and not out.endswith(b"\n\n")
    assert all(line.startswith(b"{") and line.endswith(b"}") for line in out.splitlines())


def test_max_bytes_help_says_the_default_and_how_to_raise_it():
    (option,) = cli.CheckMaxBytes.__metadata__
    assert cli.MAX_BYTES == 64 * 2 ** 20 and "64 MiB for YAML and JSON" in option.help
    assert "1 GiB for .jsonl" in option.help and "--max-bytes 4000000000" in option.help
