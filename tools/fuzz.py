"""Long-running fuzzing of everything Comitatus reads: scenario bytes, rulebooks, features.

    python tools/fuzz.py --minutes 30            # all three targets, in turn, for 30 minutes
    python tools/fuzz.py --minutes 5 --target scenario
    python tools/fuzz.py --examples 20           # a quick smoke run (the test suite does this)

Not part of the test suite: it runs until the time is up. Inputs are seeds from the
repository (scenarios/, tests/invalid/, rules/, features/) mutated by Hypothesis (tokens that
YAML, JSON and Gherkin treat specially inserted, ranges deleted, duplicated and swapped) and
plain random bytes. Each example must end in a result or a ComitatusError (for `verify`, a
run with exit code 0, 1 or 2), within HANG seconds, and every report must render in every
format. Before each example its input is written to fuzz-failures/last-<target>.*, so
even a crash of the process by a signal leaves the input that caused it; a failure is saved
as fuzz-failures/<target>-<n>.* and the run ends with exit 1.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from typing import Any, Callable

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

import engine                                          # noqa: E402
from hypothesis import HealthCheck, given, settings    # noqa: E402
from hypothesis import strategies as st                # noqa: E402

HANG = 20                 # seconds one example may take before it counts as a hang
BATCH = 50                # examples per Hypothesis run; runs repeat until the time is up
OUT = os.path.join(ROOT, "fuzz-failures")

TOKENS = [b"&a ", b"*a", b"<<: *a\n", b"!!python/object:os.system ", b"!!int ''", b"!!bool maybe", b"!!map ",
          b"!!seq ", b"!!binary ", b"!!float ''", b"[", b"]", b"{", b"}", b"- ", b": ", b"\n  ", b"\n", b"\t",
          b"\x00", b"\r\n", b'"\\ud800"', b'"\\udc00\\ud800"', b'"\\u0000"', b"9" * 40, b"-0", b"0x1F", b"1e999",
          b".nan", b"~", b"null", b"no", b"2025-02-30", b"9999-12-31", b"'\xe2\x80\xae'", b"---\n", b"...\n",
          b"%YAML 1.1\n", b"? ", b"|\n", b">\n", b"#", b"\xef\xbb\xbf", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80",
          b"[" * 200, b"- " * 100, b"e\xcc\x81", b"\xc3\xa9", b'"""', b"Scenario: ", b"Given ", b"Then ",
          b"Examples:\n", b"| a | b |\n", b"@tag ", b"Scenario Outline: x\n", b"<a>", b"x" * 5000]


def _seeds(pattern: str) -> list[bytes]:
    found = []
    for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
        with open(path, "rb") as handle:
            found.append(handle.read())
    return found


@st.composite
def mutated(draw: Any, seeds: list[bytes]) -> bytes:
    """A seed with a few random edits, or random bytes now and then."""
    if not seeds or draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 4))
        if action == 0:
            data[where:where] = draw(st.sampled_from(TOKENS))
        elif action == 1:
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif action == 2:
            del data[where:where + draw(st.integers(1, 200))]
        elif action == 3:
            end = min(len(data), where + draw(st.integers(1, 400)))
            data[where:where] = data[where:end] * draw(st.integers(1, 50))
        else:
            other = draw(st.integers(0, len(data)))
            data[where:where + 1], data[other:other + 1] = data[other:other + 1], data[where:where + 1]
    return bytes(data[:4_000_000])


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = HANG):
    def expired(*_: Any) -> None:
        raise Hang(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


LAST: dict[str, list[str]] = {}       # target -> the files its example now running was written to


def _keep_last(target: str, suffix: str, data: bytes, first: bool = True) -> None:
    path = os.path.join(OUT, f"last-{target}{suffix}")
    with open(path, "wb") as handle:
        handle.write(data)
    LAST[target] = ([] if first else LAST.get(target, [])) + [path]


def _render_all(report: Any, rulebook: Any) -> None:
    from engine.render.explain import explain_data, explain_text
    from engine.render.junit import check_junit
    from engine.render.markdown import check_markdown
    from engine.render.text import check_text
    report.to_json()
    check_markdown([report], rulebook, engine.VERSION)
    check_junit([report], rulebook, engine.VERSION)
    check_text([report])
    for decision in report.decisions[:3]:
        explain_text(explain_data(report, decision, rulebook, engine.VERSION))


# ---- the targets ---------------------------------------------------------------------------

def scenario_target(folder: str, rulebook: Any) -> Callable:
    seeds = _seeds("scenarios/*.yaml") + _seeds("tests/invalid/*.yaml") + _seeds("tests/invalid/*.json") \
        + _seeds("tests/fixtures/toy-scenario.yaml")

    @given(mutated(seeds), st.sampled_from([".yaml", ".json", ".jsonl"]))
    def run(data: bytes, suffix: str) -> None:
        _keep_last("scenario", suffix, data)
        path = os.path.join(folder, "fuzz" + suffix)
        with open(path, "wb") as handle:
            handle.write(data)
        with bounded():
            try:
                report = engine.check(path, rulebook)
            except engine.ComitatusError as error:
                error.line()
                return
            _render_all(report, rulebook)
    return run


def rulebook_target(folder: str, scenario: str) -> Callable:
    vocabularies = _seeds("rules/vocabulary.yaml") + _seeds("tests/invalid/vocabulary/*.yaml")
    rule_files = _seeds("rules/*.yaml") + _seeds("tests/invalid/rules/*.yaml") + _seeds("tests/fixtures/toy-rules.yaml")
    rule_files = [seed for seed in rule_files if not seed.lstrip().startswith((b"# The words", b"vocabulary:"))]

    @given(mutated(vocabularies), mutated(rule_files))
    def run(vocabulary: bytes, rules: bytes) -> None:
        _keep_last("rulebook", "-vocabulary.yaml", vocabulary)
        _keep_last("rulebook", "-rules.yaml", rules, first=False)
        directory = os.path.join(folder, "rules")
        shutil.rmtree(directory, ignore_errors=True)
        os.mkdir(directory)
        for name, data in (("vocabulary.yaml", vocabulary), ("fuzz.yaml", rules)):
            with open(os.path.join(directory, name), "wb") as handle:
                handle.write(data)
        with bounded():
            try:
                rulebook = engine.load_rulebook(directory)
                from engine.analysis import lint
                lint(rulebook)
                report = engine.check(scenario, rulebook)
            except engine.ComitatusError as error:
                error.line()
                return
            _render_all(report, rulebook)
    return run


def feature_target(folder: str, rulebook: Any) -> Callable:
    from living_spec import runner
    seeds = _seeds("features/*.feature")

    @given(mutated(seeds))
    def run(data: bytes) -> None:
        _keep_last("feature", ".feature", data)
        path = os.path.join(folder, "fuzz.feature")
        with open(path, "wb") as handle:
            handle.write(data)
        with bounded():
            result = runner.run([path], rulebook)
            assert result.exit_code in (0, 1, 2), result.exit_code
            runner.render(result, verbose=True)
    return run


TARGETS = ("scenario", "rulebook", "feature")


def main(argv: list[str] | None = None) -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    parser.add_argument("--examples", type=int, default=0,
                        help="instead of a time, this many examples per target (a smoke run)")
    parser.add_argument("--target", choices=TARGETS, action="append", help="only these targets (repeatable)")
    parser.add_argument("--out", default=OUT, help="where inputs are kept (default fuzz-failures/)")
    options = parser.parse_args(argv)
    OUT = options.out
    targets = options.target or list(TARGETS)
    os.makedirs(OUT, exist_ok=True)
    rulebook = engine.load_rulebook()
    deadline = time.monotonic() + options.minutes * 60
    counts = dict.fromkeys(targets, 0)
    with tempfile.TemporaryDirectory(prefix="comitatus-fuzz-") as folder:
        makers = {"scenario": lambda: scenario_target(folder, rulebook),
                  "rulebook": lambda: rulebook_target(folder, os.path.join(ROOT, "tests", "fixtures",
                                                                           "toy-scenario.yaml")),
                  "feature": lambda: feature_target(folder, rulebook)}
        while True:
            for name in targets:
                batch = options.examples or BATCH
                test = makers[name]()               # a fresh test: settings apply once each
                run = settings(max_examples=batch, deadline=None, database=None, derandomize=False,
                               suppress_health_check=list(HealthCheck), print_blob=True)(test)
                try:
                    run()
                except Exception as failure:  # noqa: BLE001 - any failure is what we are looking for
                    counts[name] += batch
                    saved = _save(name)
                    print(f"FAILURE in target {name}; input saved as {saved}", file=sys.stderr)
                    for problem in getattr(failure, "exceptions", (failure,)):
                        frames = traceback.format_tb(problem.__traceback__)[-3:]
                        print("".join(frames) + "".join(traceback.format_exception_only(problem))[:2000],
                              file=sys.stderr)
                    return 1
                counts[name] += batch
            if options.examples or time.monotonic() >= deadline:
                break
    print("fuzz: no failure; examples run: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    return 0


def _save(target: str) -> str:
    number = len(glob.glob(os.path.join(OUT, f"{target}-*")))
    saved = []
    for last in LAST.get(target, []):
        kept = os.path.join(OUT, f"{target}-{number}" + os.path.basename(last)[len(f"last-{target}"):])
        shutil.copy(last, kept)
        saved.append(kept)
    return ", ".join(saved)


if __name__ == "__main__":
    sys.exit(main())
