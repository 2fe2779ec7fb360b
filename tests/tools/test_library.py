"""The library is pleasant to embed: clear errors, a typed public surface, checked by mypy."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

import engine
from tests.conftest import ROOT

JTF = os.path.join(ROOT, "scenarios", "jtf-north-2025.yaml")
TYPED = ["engine/__init__.py", "engine/model.py", "engine/report.py", "engine/errors.py"]


def test_decision_of_a_missing_task_names_it(rulebook):
    report = engine.check(JTF, rulebook)
    assert report.decision("T9").task == "T9"
    with pytest.raises(engine.ComitatusError) as caught:
        report.decision("T99")
    error = caught.value
    assert error.code == "unknown-task" and "'T99'" in error.message
    assert error.where.file == JTF
    with pytest.raises(engine.ComitatusError) as caught:
        report.decision("t9")
    assert caught.value.did_you_mean == "T9"


def test_the_package_is_marked_typed():
    assert os.path.isfile(os.path.join(ROOT, "engine", "py.typed"))
    with open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8") as handle:
        assert '"py.typed"' in handle.read()


def test_public_functions_are_annotated():
    import inspect
    for name in engine.__all__:
        value = getattr(engine, name)
        if inspect.isfunction(value):
            signature = inspect.signature(value)
            assert signature.return_annotation is not inspect.Signature.empty, name
            for parameter in signature.parameters.values():
                assert parameter.annotation is not inspect.Parameter.empty, (name, parameter.name)


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (pip install -e '.[test]' installs it)")
def test_mypy_accepts_the_public_modules(tmp_path):
    done = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", "--ignore-missing-imports",
                           "--cache-dir", str(tmp_path), "--no-error-summary", *TYPED],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
