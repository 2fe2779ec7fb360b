"""tools/build_durable.py: it recognises compiler lines and insists on both flags."""
from __future__ import annotations

import importlib.util
import os

from tests.conftest import ROOT


def load():
    spec = importlib.util.spec_from_file_location("build_durable", os.path.join(ROOT, "tools", "build_durable.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compiler_lines_are_recognised():
    tool = load()
    compiled = [
        "  gcc -std=c99 -D_GNU_SOURCE -DPyEval_CallObject=PyObject_CallObject -O2 -fPIC -c src/rules/rete.c -o x.o",
        "  x86_64-linux-gnu-gcc -std=c99 -O2 -fPIC -Isrc/rules -c src/rulespy/rules.c -o y.o",
        "  clang -std=c99 -c src/rules/json.c -o z.o",
    ]
    other = ["  gcc -shared build/rules.o -o durable_rules_engine.so", "running build_ext",
             "copying src/rules/rete.c -> build"]
    assert all(tool.COMPILE.search(line) for line in compiled)
    assert not any(tool.COMPILE.search(line) for line in other)


def test_the_flags_are_the_define_and_O2():
    tool = load()
    assert tool.FLAGS == ("-DPyEval_CallObject=PyObject_CallObject", "-O2")
    assert tool.REQUIREMENT == "durable-rules==2.0.28"
