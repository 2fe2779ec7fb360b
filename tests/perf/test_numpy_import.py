"""The engine imports numpy only for a large batch (compile/columns.py), and the OpenBLAS that
numpy loads is told to let its idle threads sleep at once, since the engine gives them no
work. What a program relies on stays as it was: its environment, its own OpenBLAS setting,
and a numpy it imported itself. Each case runs in a fresh interpreter, numpy not yet loaded."""
import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("numpy")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROBE = """
import json, os, sys
seen = {}
real_import = __import__

def watching(name, *args, **kwargs):          # the environment as numpy's first import sees it
    if name == "numpy" and "numpy" not in sys.modules:
        seen["at_import"] = os.environ.get("OPENBLAS_THREAD_TIMEOUT")
    return real_import(name, *args, **kwargs)

import builtins
builtins.__import__ = watching
if sys.argv[1] == "first":
    import numpy
from engine.compile import numpy_or_none
np = numpy_or_none()
builtins.__import__ = real_import
print(json.dumps({"numpy": np is sys.modules.get("numpy") is not None, "after": os.environ.get("OPENBLAS_THREAD_TIMEOUT"),
                  "at_import": seen.get("at_import")}))
"""


def probe(mode: str, **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_THREAD_TIMEOUT", "GOTO_THREAD_TIMEOUT")}
    environment.update(env, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=environment,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_openblas_threads_sleep_when_idle_and_the_environment_is_put_back():
    assert probe("engine") == {"numpy": True, "at_import": "4", "after": None}


def test_a_programs_own_openblas_setting_is_kept():
    assert probe("engine", OPENBLAS_THREAD_TIMEOUT="20") == {"numpy": True, "at_import": "20", "after": "20"}
    assert probe("engine", GOTO_THREAD_TIMEOUT="20")["at_import"] is None


def test_a_numpy_the_program_imported_is_used_as_it_is():
    assert probe("first") == {"numpy": True, "at_import": None, "after": None}
