"""--format html: one self-contained page, checked as text and in headless Chromium."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

WHAT_IF = os.path.join(ROOT, "scenarios", "what-if-window.yaml")
JTF = os.path.join(ROOT, "scenarios", "jtf-north-2025.yaml")


def _html(run, *files: str) -> str:
    code, out, err = run("check", *files, "--format", "html")
    assert code in (0, 1), err
    return out


def test_page_is_self_contained(run):
    page = _html(run, WHAT_IF, JTF)
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page                    # the browser may fetch nothing
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", page)
    assert page.count('<svg id="timeline-') == 2
    assert page.count('<tr data-verdict=') == 11 + 12


def test_page_shows_each_decision_with_its_reasoning_and_citations(run):
    page = _html(run, WHAT_IF)
    assert '<tr data-verdict="prohibited">' in page
    assert '<details id="d-0-W1">' in page and "18 U.S.C. § 1385" in page
    assert "procl-10886" in page and "ia-252-with-proclamation" in page     # window and invocations drawn


def test_values_are_escaped(run, write):
    path = write("""
        scenario: "<script>alert(1)</script>"
        as_of: 2025-01-22
        forces: [{id: jtf, component: army, name: "<b>x</b>"}]
        tasks: [{id: "<i>", force: jtf, activity: data_entry}]
        """)
    page = _html(run, path)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>" not in page


def _chromium() -> str:
    """Debian's chromium: found, or installed here when we may (root with apt-get), else a skip."""
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0 \
            and not os.environ.get("COMITATUS_NO_BROWSER_INSTALL"):
        try:
            subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, timeout=900,
                           env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, check=False)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if shutil.which("chromium"):
            return shutil.which("chromium")
    pytest.skip("headless Chromium is not installed and cannot be installed here "
                "(apt-get install chromium, as root, installs it)")


def _browser(path: str, *args: str, url_tail: str = "") -> subprocess.CompletedProcess:
    command = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-extensions", "--no-first-run", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
               *args, "file://" + path + url_tail]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture(scope="module")
def page_path(tmp_path_factory) -> str:
    import cli  # noqa: F401 - the same code path as the command
    from typer.testing import CliRunner
    folder = tmp_path_factory.mktemp("html")
    path = str(folder / "report.html")
    result = CliRunner().invoke(cli.app, ["check", WHAT_IF, "--format", "html", "-o", path])
    assert result.exit_code == 1, result.stderr
    return path


def test_chromium_runs_the_page_without_console_errors(page_path):
    done = _browser(page_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not _console(done.stderr), _console(done.stderr)
    dom = done.stdout
    assert re.search(r'<table id="decisions">', dom) and dom.count("<tr data-verdict=") == 11
    assert '<svg id="timeline-' in dom and dom.count('class="task"') == 11
    assert "11 of 11 tasks shown" in dom                    # the script ran


def test_chromium_filters_the_table(page_path):
    done = _browser(page_path, "--dump-dom", url_tail="?verdict=prohibited")
    assert not _console(done.stderr), _console(done.stderr)
    assert "7 of 11 tasks shown" in done.stdout              # W1-W6 and W11: 18 U.S.C. § 1385
    done = _browser(page_path, "--dump-dom", url_tail="?q=insurrection-act.252-no-proclamation")
    assert "2 of 11 tasks shown" in done.stdout              # W9, W10: § 252 without a § 254 proclamation


def test_chromium_draws_a_screenshot(page_path, tmp_path):
    shot = tmp_path / "report.png"
    done = _browser(page_path, "--window-size=1200,900", f"--screenshot={shot}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not _console(done.stderr), _console(done.stderr)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000     # a drawn page, not a blank one
