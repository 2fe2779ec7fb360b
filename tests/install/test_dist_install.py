"""An sdist and a wheel of Comitatus, each installed into a clean venv (not editable), then run
from elsewhere: `--version`, `verify` on a feature file, `rules coverage`, `check`.

Slow (a venv per install, the durable-rules wheel built if wheels/ has none for this Python,
dependencies from the index), so it runs only when asked:
    COMITATUS_INSTALL_TEST=1 .venv/bin/python -m pytest tests/install/test_dist_install.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not os.environ.get("COMITATUS_INSTALL_TEST"),
                                reason="slow: set COMITATUS_INSTALL_TEST=1 to build and install the sdist and wheel")


def run(*argv, cwd=None, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in argv], cwd=cwd, capture_output=True, text=True, timeout=1800)
    if check:
        assert done.returncode == 0, f"{argv}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def fresh_venv(path) -> str:
    venv.create(path, with_pip=True)
    return os.path.join(path, "bin")


@pytest.fixture(scope="module")
def dists(tmp_path_factory):
    work = tmp_path_factory.mktemp("dist")
    tools = fresh_venv(work / "tools")
    run(f"{tools}/python", "-m", "pip", "install", "-q", "build")
    run(f"{tools}/python", "-m", "build", "--sdist", "--wheel", "--outdir", work / "dist", ROOT)
    wheels = os.path.join(ROOT, "wheels")           # where the README's commands build it
    run(sys.executable, os.path.join(ROOT, "tools", "build_durable.py"), wheels)
    names = sorted(os.listdir(work / "dist"))
    return work, wheels, {name.rsplit(".", 2)[-1] if name.endswith(".gz") else "whl": work / "dist" / name
                          for name in names}


@pytest.mark.parametrize("kind", ["whl", "gz"])
def test_installed_from_dist_runs_from_elsewhere(dists, kind, tmp_path):
    work, wheels, files = dists
    bin_dir = fresh_venv(tmp_path / "venv")
    run(f"{bin_dir}/python", "-m", "pip", "install", "-q", "--find-links", wheels,
        "--only-binary", "durable-rules", files[kind])
    comitatus = f"{bin_dir}/comitatus"
    assert run(comitatus, "--version", cwd=tmp_path).stdout.startswith("comitatus ")
    verified = run(comitatus, "verify", os.path.join(ROOT, "docs", "examples", "may-plan.feature"), cwd=tmp_path)
    assert "2 passed" in verified.stdout
    coverage = run(comitatus, "rules", "coverage", "--features", os.path.join(ROOT, "features"), cwd=tmp_path)
    assert "uncovered 0" in coverage.stdout
    checked = run(comitatus, "check", os.path.join(ROOT, "scenarios", "jtf-north-2025.yaml"), cwd=tmp_path,
                  check=False)
    assert checked.returncode == 1 and "12 tasks: 7 permitted, 2 prohibited, 3 conditional" in checked.stdout
    where = run(f"{bin_dir}/python", "-c", "import engine.rulebook as r; print(r.default_rules_dir())",
                cwd=tmp_path).stdout.strip()
    assert where.startswith(str(tmp_path / "venv")) and where.endswith(os.path.join("engine", "_rules"))


def test_the_sdist_carries_what_the_tests_need(dists):
    _work, _wheels, files = dists
    with tarfile.open(files["gz"]) as archive:
        tops = {name.split("/")[1] for name in archive.getnames() if name.count("/") >= 1}
    assert {"rules", "features", "scenarios", "tests", "docs", "tools", "engine", "living_spec",
            "cli.py", "cli_parts", "pyproject.toml", "README.md", "Dockerfile"} <= tops
