"""Generated scenarios for the performance regression tests (bench/generate.py, small sizes)."""
import importlib.util
import os

import pytest

from tests.conftest import ROOT


def _generate_module():
    spec = importlib.util.spec_from_file_location("bench_generate", os.path.join(ROOT, "bench", "generate.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generate():
    return _generate_module()


@pytest.fixture(scope="session")
def generated(generate, rulebook):
    """A year of 600 tasks drawn from 80 recurring orders: classes repeat, dates vary."""
    return generate.Generator(rulebook, seed=11).scenario(600, days=365, templates=80)
