"""Properties over generated input: load or refuse (nothing else), in bounded time, the same way twice.

Every run is bounded by an alarm (a hang bound, not a timing assert); hypothesis keeps the
examples few and the deadline off so the suite stays fast on two cores.
"""
from __future__ import annotations

import contextlib
import os
import random
import re
import signal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.read import load_file, parse_json, parse_yaml
from tests.conftest import ROOT
from tests.property.conftest import DEEPER
from tests.property.strategies import (RULEBOOK, as_json, as_yaml, mutated, mutated_rulebooks, scenarios,
                                       yaml_texts)

LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")     # YAML's line breaks
HANG_BOUND = 30         # seconds for one example; any real one takes milliseconds
FAST = settings(max_examples=60 * DEEPER, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=25 * DEEPER, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = HANG_BOUND):
    """Fail the example instead of hanging the suite (Python-level loops only)."""
    def expired(*_):
        raise Hang(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def load(text: str, name: str = "s.yaml") -> engine.Scenario:
    read = parse_json if name.endswith(".json") else parse_yaml
    doc = read(text, name, engine.ScenarioError)
    from engine.validate import read_scenario
    return read_scenario(doc, RULEBOOK.vocabulary)


def assert_located(error: engine.ComitatusError, text: str, name: str) -> None:
    """Every error names the file, a line inside it (or the file as a whole), and one line of text."""
    errors = error.errors if isinstance(error, engine.Problems) else (error,)
    for each in errors:
        assert each.where is not None and each.where.file == name
        assert 0 <= each.where.line <= len(LINE_BREAK.split(text)) + 1
        assert each.code and "\n" not in each.line()


def load_or_refuse(text: str, name: str = "s.yaml") -> engine.Scenario | None:
    with bounded():
        try:
            return load(text, name)
        except engine.ComitatusError as error:
            assert_located(error, text, name)
            return None


# ---- anything in, a scenario or a ComitatusError out -----------------------------------------

@FAST
@given(st.text(max_size=300))
def test_any_text_loads_or_is_refused(text):
    load_or_refuse(text)
    load_or_refuse(text, "s.json")


@FAST
@given(yaml_texts())
def test_yaml_shaped_text_loads_or_is_refused(text):
    load_or_refuse(text)


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_in_a_file_load_or_are_refused(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "s.yaml"
    path.write_bytes(raw)
    with bounded():
        try:
            load_file(str(path), engine.ScenarioError)
        except engine.ComitatusError:
            pass


@FAST
@given(mutated(), st.booleans())
def test_a_mutated_scenario_loads_or_is_refused_and_a_loaded_one_is_decided(data, json_form):
    name = "s.json" if json_form else "s.yaml"
    text = as_json(data) if json_form else as_yaml(data)
    scenario = load_or_refuse(text, name)
    if scenario is not None:
        report = engine.evaluate(scenario, RULEBOOK)
        assert len(report.decisions) == len(scenario.tasks)


@FAST
@given(mutated(), st.integers(0, 2 ** 32), st.sampled_from(["delete", "insert", "swap"]))
def test_a_scenario_mangled_as_text_loads_or_is_refused(data, seed, how):
    text = list(as_yaml(data))
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text))
        if how == "delete":
            del text[at]
        elif how == "insert":
            text.insert(at, rng.choice(list(":-[]{}&*!|>'\"#, \n\t") + ["\x07", "*a", "&a ", "<<: ", "---\n"]))
        else:
            other = rng.randrange(len(text))
            text[at], text[other] = text[other], text[at]
    load_or_refuse("".join(text))


# ---- valid scenarios: loaded, decided, the same way every time --------------------------------

@SLOW
@given(scenarios())
def test_a_valid_scenario_always_loads(data):
    for text, name in ((as_yaml(data), "s.yaml"), (as_json(data), "s.json")):
        with bounded():
            assert len(load(text, name).tasks) == len(data["tasks"])


def decided(report: engine.Report) -> dict:
    return {d.task: (d.verdict, d.rule, d.citations, d.conditions, tuple(r.rule for r in d.remedies))
            for d in report.decisions}


@SLOW
@given(scenarios(), st.randoms(use_true_random=False))
def test_decisions_are_the_same_on_every_run_in_any_order(data, rng):
    report = engine.check(data, RULEBOOK)
    again = engine.check(data, RULEBOOK)
    assert engine.reports_json([report], RULEBOOK) == engine.reports_json([again], RULEBOOK)
    shuffled = dict(data, tasks=rng.sample(data["tasks"], len(data["tasks"])))
    assert decided(engine.check(shuffled, RULEBOOK)) == decided(report)
    task = rng.choice(data["tasks"])
    alone = engine.check(dict(data, tasks=[task]), RULEBOOK)
    assert decided(alone)[task["id"]] == decided(report)[task["id"]]


@SLOW
@given(scenarios())
def test_an_undecided_task_is_unknown_never_permitted(data):
    for decision in engine.check(data, RULEBOOK).decisions:
        assert (decision.rule is None) == (decision.verdict is engine.Verdict.UNKNOWN)
        if decision.verdict is engine.Verdict.PERMITTED:
            assert RULEBOOK.by_id[decision.rule].effect == "permit"


# ---- rule files: refused with a located error, or compiled and used safely --------------------

TOY = {"vocabulary.yaml": os.path.join(ROOT, "rules", "vocabulary.yaml"),
       "toy.yaml": os.path.join(ROOT, "tests", "fixtures", "toy-rules.yaml")}
TOY_FILES = {}
for _name, _path in TOY.items():
    with open(_path, encoding="utf-8") as _handle:
        TOY_FILES[_name] = yaml.safe_load(_handle)


@settings(max_examples=20 * DEEPER, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_rulebooks(TOY_FILES))
def test_a_mutated_rulebook_is_refused_or_compiles_and_decides(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("rules")
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with bounded():
        try:
            rulebook = engine.load_rulebook(str(folder))
        except engine.ComitatusError as error:
            for each in (error.errors if isinstance(error, engine.Problems) else (error,)):
                assert each.where is not None and each.where.file.startswith(str(folder))
            return
        try:        # the loader let it through: compiling and matching must then be safe
            report = engine.check(os.path.join(ROOT, "tests", "fixtures", "toy-scenario.yaml"), rulebook)
        except engine.ScenarioError:
            return      # the vocabulary changed under the scenario
    for decision in report.decisions:
        assert (decision.rule is None) == (decision.verdict is engine.Verdict.UNKNOWN)
