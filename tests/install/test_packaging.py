"""The package as installed: what pyproject.toml ships, where the rulebook is found, and that
the README's install commands, .ci/run and tools/build_durable.py agree."""
from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tomllib

from tests.conftest import ROOT


def project() -> dict:
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as handle:
        return tomllib.load(handle)


def readme_commands() -> list[str]:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", quick, re.S)


def test_every_package_folder_is_a_listed_package():
    """Code or data: setuptools warns about, and may leave out, a folder it was not told of."""
    packages = set(project()["tool"]["setuptools"]["packages"])
    for folder in ("engine", "living_spec", "cli_parts"):
        for path, dirs, files in os.walk(os.path.join(ROOT, folder)):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            name = os.path.relpath(path, ROOT).replace(os.sep, ".")
            assert name in packages, f"{name} is not in [tool.setuptools] packages"
    mapped = project()["tool"]["setuptools"]["package-dir"]
    for name in packages:
        folder = mapped.get(name, name.replace(".", os.sep))
        assert os.path.isdir(os.path.join(ROOT, folder)), f"package {name} has no folder {folder}/"


def test_every_file_in_rules_ships_as_package_data():
    setuptools = project()["tool"]["setuptools"]
    assert setuptools["package-dir"]["engine._rules"] == "rules"
    patterns = setuptools["package-data"]["engine._rules"]
    files = [name for name in os.listdir(os.path.join(ROOT, "rules"))
             if os.path.isfile(os.path.join(ROOT, "rules", name))]
    assert "vocabulary.yaml" in files
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), \
            f"rules/{name} would not be installed: add its pattern to package-data engine._rules"


def test_metadata_license_python_range_and_main_dependencies():
    meta = project()["project"]
    assert meta["license"] == "MIT"                    # an SPDX expression, not the deprecated table
    assert meta["requires-python"] == ">=3.11"
    names = [re.split(r"[<>=!~ ;\[]", dep, maxsplit=1)[0].lower() for dep in meta["dependencies"]]
    # verify and rules coverage parse Gherkin: the parser is not a test extra
    assert "gherkin-official" in names and "durable-rules" in names


def test_installed_rulebook_is_found_through_importlib_resources(tmp_path):
    """A non-editable install: engine/ in site-packages with the rules at engine/_rules/,
    and no rules/ folder beside it."""
    site = tmp_path / "site"
    shutil.copytree(os.path.join(ROOT, "engine"), site / "engine",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(os.path.join(ROOT, "rules"), site / "engine" / "_rules")
    probe = ("import engine, engine.rulebook as r; d = r.default_rules_dir(); "
             "print(d); print(len(engine.load_rulebook().rules))")
    env = dict(os.environ, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    where, count = done.stdout.split()
    assert os.path.samefile(where, site / "engine" / "_rules")
    from engine import load_rulebook
    assert int(count) == len(load_rulebook(os.path.join(ROOT, "rules")).rules)


def test_a_checkout_reads_its_own_rules_folder():
    from engine.rulebook import default_rules_dir
    assert os.path.samefile(default_rules_dir(), os.path.join(ROOT, "rules"))


def test_quick_start_uses_plain_python3_and_the_durable_wheel():
    commands = readme_commands()
    assert len(commands) == 2
    for command in commands:
        assert command.startswith("python3 -m venv .venv && .venv/bin/python tools/build_durable.py && ")
        assert "--find-links wheels --only-binary durable-rules" in command


def test_ci_runs_exactly_the_readme_test_command():
    with open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8") as handle:
        ci = handle.read()
    test_command = readme_commands()[1]
    assert ci.count(test_command) >= 1
    assert "set -euo pipefail" in ci


def test_sdist_carries_what_the_tests_need():
    with open(os.path.join(ROOT, "MANIFEST.in"), encoding="utf-8") as handle:
        grafted = {line.split()[1] for line in handle if line.startswith("graft ")}
    assert {"rules", "features", "scenarios", "tests", "docs", "bench", "tools"} <= grafted
