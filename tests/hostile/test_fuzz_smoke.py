"""The long-running fuzzer (tools/fuzz.py) is not part of the suite; this only keeps it working."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_the_fuzzer_runs_a_few_examples_of_each_target(tmp_path):
    result = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "fuzz.py"), "--examples", "3",
                             "--out", str(tmp_path)], cwd=ROOT, capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert b"no failure" in result.stdout
