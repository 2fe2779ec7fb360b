"""Real processes: `python cli.py` from a checkout, the installed script when there is one,
and the single catch site that keeps tracebacks away from users."""
import json
import os
import shutil
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from cli_parts.guard import BROKEN_PIPE, guarded
from tests.cli.conftest import TOY
from tests.conftest import ROOT

LAUNCHERS = [pytest.param([sys.executable, os.path.join(ROOT, "cli.py")], id="cli.py")]
SCRIPT = os.path.join(os.path.dirname(sys.executable), "comitatus")
if os.path.exists(SCRIPT):
    LAUNCHERS.append(pytest.param([SCRIPT], id="console-script"))


def run(launcher, *args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env)
    return subprocess.run(launcher + list(args), capture_output=True, cwd=ROOT, env=environment,
                          timeout=120)


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_a_real_process_checks_explains_and_exits_with_the_contract_codes(launcher, toy_rules_dir):
    result = run(launcher, "check", TOY, "--rules-only", toy_rules_dir, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["contract"] == "1.1" and report["scenarios"][0]["file"] == TOY
    assert "§" in result.stdout.decode("utf-8")                       # UTF-8 bytes, not escapes
    explained = run(launcher, "explain", TOY, "--rules-only", toy_rules_dir, "--task", "T1")
    assert explained.returncode == 0 and explained.stdout.startswith(b"T1  permitted")
    assert b"\x1b[" not in explained.stdout                           # a pipe is not a terminal


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_a_real_process_reports_bad_input_in_one_line(launcher, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: x\nas_of: 2025-01-22\n  forces: oops\n")
    result = run(launcher, "check", str(bad))
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}:") and "error[yaml-syntax]" in lines[0]
    assert result.stdout == b""


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_a_real_process_version_and_usage(launcher):
    version = run(launcher, "--version")
    assert version.returncode == 0 and version.stdout.startswith(b"comitatus ")
    usage = run(launcher, "check", "--format", "xml", TOY)
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr
    assert b"Usage: comitatus check" in usage.stderr


def test_unexpected_exceptions_become_one_internal_error_line():
    """The catch site itself, on a command that fails the way a bug would."""
    app = typer.Typer()

    @app.command()
    @guarded
    def broken() -> None:
        raise RuntimeError("boom\nsecond line")

    result = CliRunner().invoke(app, [])
    assert result.exit_code == 3             # a bug, not bad input (CONTRACT: exit 3)
    assert result.stderr == ("error[internal-error]: RuntimeError: boom second line (a bug in comitatus: "
                             "please report it with the input that caused it)\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_typer_exits_pass_through_the_catch_site():
    app = typer.Typer()

    @app.command()
    @guarded
    def done(code: int) -> None:
        raise typer.Exit(code)

    assert CliRunner().invoke(app, ["1"]).exit_code == 1
    assert CliRunner().invoke(app, ["0"]).exit_code == 0


def test_a_reader_that_went_away_ends_the_run_quietly(toy_rules_dir):
    """`comitatus check ... | head` must not spray a BrokenPipeError traceback."""
    process = subprocess.Popen([sys.executable, "cli.py", "check", TOY, "--rules-only", toy_rules_dir],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()                       # closed before the first byte is written
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == BROKEN_PIPE
    assert stderr == b""


def test_even_a_broken_install_gives_one_line(tmp_path):
    """If `engine` itself cannot be imported, the catch site must not import it again and crash."""
    shutil.copy(os.path.join(ROOT, "cli.py"), tmp_path / "cli.py")
    shutil.copytree(os.path.join(ROOT, "cli_parts"), tmp_path / "cli_parts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "engine").mkdir()
    (tmp_path / "engine" / "__init__.py").write_text("raise ImportError('half-installed engine')\n")
    for argv in (["check", TOY], ["--version"]):
        result = subprocess.run([sys.executable, str(tmp_path / "cli.py")] + argv, capture_output=True,
                                cwd=tmp_path, timeout=120)
        assert result.returncode == 3, argv
        assert result.stderr.decode() == ("error[internal-error]: ImportError: half-installed engine (a bug in "
                                          "comitatus: please report it with the input that caused it)\n")


def test_a_file_name_that_is_not_utf8_comes_back_as_its_own_bytes(tmp_path):
    result = subprocess.run([sys.executable, os.path.join(ROOT, "cli.py").encode(), "check", b"\xff.yaml"],
                            capture_output=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith(b"\xff.yaml: error[file-not-found]: ")
    assert result.stderr.count(b"\n") == 1
