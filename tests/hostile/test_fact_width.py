"""Item 2: a rulebook whose facts would be too wide for durable_rules is refused when it is
loaded, with a located error; the count covers every property a fact carries."""
from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys

import pytest
import yaml

import engine
from engine.compile import task_facts
from engine.analysis import ENGINE_PROPERTIES, MAX_FACT_PROPERTIES, fact_widths
from tests.conftest import FIXTURES, ROOT


def _properties(value) -> int:
    """Properties as durable_rules counts them: every key at every depth; a list is one."""
    if isinstance(value, dict):
        return sum(1 + (_properties(item) if isinstance(item, dict) else 0) for item in value.values())
    return 0


def _vocabulary(kinds: int, facts: int, circumstances: int, members: int = 2) -> dict:
    """The real vocabulary, widened: `kinds` more location kinds (one, `everywhere`, implying
    them all), `facts` task facts and `circumstances` circumstances, each a mapping of `members`."""
    with open(os.path.join(ROOT, "rules", "vocabulary.yaml"), encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    vocab = data["vocabulary"]
    extra = [f"kind{i}" for i in range(kinds)]
    vocab["location_kinds"].update({name: {} for name in extra})
    if kinds:
        vocab["location_kinds"]["everywhere"] = {"implies": sorted(vocab["location_kinds"])}

    def mapping(prefix: str, count: int) -> dict:
        return {f"{prefix}{i}": {"type": "mapping", "fields": {f"m{j}": {"type": "boolean"} for j in range(members)}}
                for i in range(count)}
    vocab["task_facts"].update(mapping("tf", facts))
    vocab["circumstances"].update(mapping("cf", circumstances))
    return data


def _rules_dir(tmp_path, vocabulary: dict) -> str:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary, sort_keys=False), encoding="utf-8")
    shutil.copy(os.path.join(FIXTURES, "toy-rules.yaml"), folder / "toy.yaml")
    return str(folder)


def _task_width(rulebook) -> int:
    return next(size for path, what, size in fact_widths(rulebook.vocabulary) if what.startswith("a task fact"))


def test_the_count_is_the_real_facts_own(tmp_path):
    """The widest task fact facts.py builds has exactly as many properties as lint counts."""
    rulebook = engine.load_rulebook(_rules_dir(tmp_path, _vocabulary(kinds=20, facts=5, circumstances=7, members=3)))
    scenario = engine.load_scenario({
        "scenario": "wide", "as_of": "2025-01-22", "locations": [{"id": "all", "kind": "everywhere"}],
        "forces": [{"id": "jtf", "component": "army"}],
        "tasks": [{"id": "T1", "force": "jtf", "activity": "data_entry", "location": "all"}]}, rulebook)
    fact, _ = task_facts(scenario, scenario.tasks[0], rulebook.vocabulary, 0)
    assert _properties(fact) + len(ENGINE_PROPERTIES) == _task_width(rulebook)


@pytest.mark.parametrize("kinds, facts, circumstances", [
    (88, 21, 21),        # 244: refused only because the circumstances are counted
    (80, 25, 25),        # 260: past the engine's own 253, which crashed `check` before
    (85, 22, 22),        # 247
])
def test_a_rulebook_with_too_wide_facts_is_refused_where_it_declares_them(tmp_path, kinds, facts, circumstances):
    folder = _rules_dir(tmp_path, _vocabulary(kinds, facts, circumstances))
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_rulebook(folder)
    errors = getattr(caught.value, "errors", (caught.value,))
    wide = [e for e in errors if e.code == "too-wide"]
    assert wide, caught.value.line()
    assert wide[0].where.file.endswith("vocabulary.yaml") and wide[0].where.line > 1
    # through the CLI: one located line, exit 2, never a signal
    scenario = os.path.join(FIXTURES, "toy-scenario.yaml")
    for command in (["rules", "lint"], ["check", scenario]):
        result = subprocess.run([sys.executable, "cli.py", *command, "--rules", folder], cwd=ROOT,
                                capture_output=True, timeout=120)
        assert result.returncode == 2, (command, result.returncode, result.stderr[-300:])
        assert b"error[too-wide]" in result.stderr and b"Traceback" not in result.stderr


def _generated(target: int) -> tuple[int, int, int]:
    """Kinds, facts, circumstances (mappings of 2, 3 properties each) giving a task fact of
    `target` properties, or 1 or 2 fewer: the real vocabulary's 35, `everywhere`, and the rest."""
    kinds = 85
    rest = target - 35 - 1 - kinds
    facts = rest // 6
    return kinds, facts, (rest - 3 * facts) // 3


@pytest.mark.parametrize("target", [MAX_FACT_PROPERTIES - 4, MAX_FACT_PROPERTIES])
def test_a_rulebook_at_the_limit_loads_and_checks(tmp_path, target):
    folder = _rules_dir(tmp_path, _vocabulary(*_generated(target)))
    rulebook = engine.load_rulebook(folder)
    assert target - 2 <= _task_width(rulebook) <= MAX_FACT_PROPERTIES
    from engine.analysis import lint
    assert any(w.code == "engine-limit" and "close to" in w.message for w in lint(rulebook))
    scenario = tmp_path / "s.yaml"
    scenario.write_text("scenario: wide\nas_of: 2025-01-22\nlocations:\n  - {id: all, kind: everywhere}\n"
                        "forces:\n  - {id: jtf, component: army}\n"
                        "tasks:\n  - {id: T1, force: jtf, activity: arrest, location: all}\n")
    result = subprocess.run([sys.executable, "cli.py", "check", str(scenario), "--rules", folder, "-f", "json"],
                            cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr[-300:]


def test_the_real_rulebook_is_far_below_the_limit(rulebook):
    assert _task_width(rulebook) < MAX_FACT_PROPERTIES // 2
    assert datetime.date.today  # the suite needs no clock; kept trivial on purpose
