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


@pytest.fixture
def mistyped(generated):
    """The generated year with six kinds of typo in six tasks (a copy: add more to it)."""
    bad = dict(generated, tasks=[dict(t) for t in generated["tasks"]])
    bad["tasks"][10]["activity"] = "arest"
    bad["tasks"][50]["us_persons"] = 1
    bad["tasks"][90]["date"] = "2025-02-30"
    bad["tasks"][130]["forse"] = bad["tasks"][130].pop("force")
    bad["tasks"][170]["id"] = bad["tasks"][171]["id"]
    bad["tasks"][210]["location"] = "nowhere"
    return bad


@pytest.fixture(scope="session")
def files(generate, rulebook, tmp_path_factory):
    """A year of 600 tasks and a varied 300 (every task its own situation), written as JSON
    Lines, YAML and JSON: the streamed checks' files (test_stream.py, test_stream_jobs.py)."""
    folder = tmp_path_factory.mktemp("stream")
    year = generate.Generator(rulebook, seed=5).scenario(600, days=365, templates=80)
    varied = generate.Generator(rulebook, seed=6).varied(300)
    return {f"{name}.{suffix}": generate.write(data, str(folder / f"{name}.{suffix}"))
            for name, data in (("year", year), ("varied", varied)) for suffix in ("jsonl", "yaml", "json")}
