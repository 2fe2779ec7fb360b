"""The corpus of broken and hostile files: each one is refused with exactly its expected lines.

Every `<name>.yaml` / `<name>.json` here has one defect, named by its file name, and a
sidecar `<name>.err` holding the exact stderr of `python cli.py validate tests/invalid/<file>`
run from the repository root. `rules/` holds rule files (loaded beside `rules/_vocabulary.yaml`)
and `vocabulary/` whole vocabularies; their `.err` files write the rules directory as `RULES`.
Each file goes through the library and through real CLI processes, a scenario through both
`validate` and `check`, a rules directory through one of them in turn (both read rules the same
way): exit 2, exactly the expected lines on stderr, nothing on stdout, never a traceback.

To regenerate the `.err` files after a deliberate change of wording or vocabulary, run
`COMITATUS_UPDATE_ERRORS=1 pytest tests/invalid` and review the diff like code.
"""
from __future__ import annotations

import concurrent.futures
import datetime
import os
import resource
import shutil
import subprocess
import sys

import pytest

import engine
from tests.conftest import ROOT

HERE = os.path.join(ROOT, "tests", "invalid")
REL = os.path.join("tests", "invalid")
UPDATE = os.environ.get("COMITATUS_UPDATE_ERRORS") == "1"
HANG_BOUND = 120            # seconds: a generous bound, far above any real run


def _cases(folder: str) -> list[str]:
    return sorted(name for name in os.listdir(folder)
                  if name.endswith((".yaml", ".json")) and not name.startswith("_"))


SCENARIOS = _cases(HERE)
RULES = _cases(os.path.join(HERE, "rules"))
VOCABULARIES = _cases(os.path.join(HERE, "vocabulary"))


def _expected(folder: str, name: str, actual: str) -> str:
    path = os.path.join(folder, os.path.splitext(name)[0] + ".err")
    if UPDATE:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(actual)
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _run(*args: str, limit_memory: bool = False) -> subprocess.CompletedProcess:
    def small_memory() -> None:        # 512 MB of address space is ample for any refusal
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2 ** 20, 512 * 2 ** 20))
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True,
                          timeout=HANG_BOUND, preexec_fn=small_memory if limit_memory else None)


def _rules_dir(base, name: str, vocabulary: str, case: str | None) -> str:
    folder = base / os.path.splitext(name)[0]
    folder.mkdir()
    shutil.copy(vocabulary, folder / "vocabulary.yaml")
    if case:
        shutil.copy(case, folder / name)
    return str(folder)


@pytest.fixture(scope="module")
def rule_dirs(tmp_path_factory) -> dict[str, str]:
    """A rules directory per rule case (the case beside the corpus vocabulary) and per vocabulary."""
    base = tmp_path_factory.mktemp("corpus-rules")
    vocabulary = os.path.join(HERE, "rules", "_vocabulary.yaml")
    dirs = {f"rules/{n}": _rules_dir(base, n, vocabulary, os.path.join(HERE, "rules", n)) for n in RULES}
    dirs.update({f"vocabulary/{n}": _rules_dir(base, "v-" + n, os.path.join(HERE, "vocabulary", n), None)
                 for n in VOCABULARIES})
    return dirs


BATCH = 20      # scenario files per CLI run: under the 50-line cap, and a fifth of the processes
RULE_COMMANDS = ("validate", "check")
RULE_CASES = sorted([f"rules/{n}" for n in RULES] + [f"vocabulary/{n}" for n in VOCABULARIES])


@pytest.fixture(scope="module")
def cli_results(rule_dirs) -> dict[tuple[str, str], tuple[int, bytes, str]]:
    """Every CLI run the corpus needs, concurrently, once: (command, case) -> (exit, stdout, stderr).

    Scenario files go several to a run (each file's lines are told apart by their path,
    and a file that passed would print to stdout); each rules directory needs its own run.
    """
    jobs = {}
    for start in range(0, len(SCENARIOS), BATCH):
        names = SCENARIOS[start:start + BATCH]
        for command in ("validate", "check"):
            jobs[(command, tuple(names))] = (command, *(os.path.join(REL, name) for name in names))
    scenario = os.path.join(REL, "rules", "_scenario.yaml")
    for number, (case, folder) in enumerate(sorted(rule_dirs.items())):
        command = RULE_COMMANDS[number % 2]         # a process each: the two commands take turns
        jobs[(command, case)] = (command, scenario, "--rules-only", folder)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(_run, *args) for key, args in jobs.items()}
        runs = {key: future.result() for key, future in futures.items()}
    results = {}
    for (command, case), run in runs.items():
        stderr = run.stderr.decode("utf-8")
        if isinstance(case, str):
            results[(command, case)] = (run.returncode, run.stdout, stderr)
            continue
        for name in case:
            prefix = os.path.join(REL, name) + ":"
            mine = "".join(line for line in stderr.splitlines(keepends=True) if line.startswith(prefix))
            others = [line for line in stderr.splitlines() if not line.startswith(tuple(
                os.path.join(REL, other) + ":" for other in case))]
            results[(command, name)] = (run.returncode, run.stdout, mine + "".join(f"{o}\n" for o in others))
    return results


def _assert_refused(result: subprocess.CompletedProcess | tuple, expected: str, rules_dir: str | None = None) -> None:
    if isinstance(result, subprocess.CompletedProcess):
        result = (result.returncode, result.stdout, result.stderr.decode("utf-8"))
    code, stdout, stderr = result
    if rules_dir:
        stderr = stderr.replace(rules_dir, "RULES")
    assert "Traceback" not in stderr
    assert (code, stdout, stderr) == (2, b"", expected)


# ---- scenario files --------------------------------------------------------------------------

def test_the_corpus_is_whole():
    """Every case has its .err, every .err its case, and the names do not collide."""
    for folder, cases in ((HERE, SCENARIOS), (os.path.join(HERE, "rules"), RULES),
                          (os.path.join(HERE, "vocabulary"), VOCABULARIES)):
        stems = [os.path.splitext(name)[0] for name in cases]
        assert len(stems) == len(set(stems))
        errs = sorted(n[:-4] for n in os.listdir(folder) if n.endswith(".err"))
        assert errs == sorted(stems)
    assert len(SCENARIOS) >= 100 and len(RULES) >= 40 and len(VOCABULARIES) >= 20


@pytest.mark.parametrize("name", SCENARIOS)
def test_library_refuses_the_scenario(name, rulebook, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_scenario(os.path.join(REL, name), rulebook)
    text = caught.value.line() + "\n"
    assert text == _expected(HERE, name, text)
    with pytest.raises(engine.ComitatusError) as again:
        engine.check(os.path.join(REL, name), rulebook)
    assert again.value.line() == caught.value.line()


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_cli_refuses_the_scenario(name, command, cli_results):
    result = cli_results[(command, name)]
    _assert_refused(result, _expected(HERE, name, result[2]))


# ---- rule files and vocabularies -------------------------------------------------------------

@pytest.mark.parametrize("case", RULE_CASES)
def test_library_refuses_the_rulebook(case, rule_dirs, monkeypatch):
    """Refused by the loader, before a single pattern reaches durable_rules."""
    import durable_rules_engine

    def reached(*_):
        raise AssertionError("a refused rulebook reached durable_rules")
    monkeypatch.setattr(durable_rules_engine, "create_ruleset", reached)
    folder = rule_dirs[case]
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(os.path.join(HERE, "rules", "_scenario.yaml"), engine.load_rulebook(folder))
    text = caught.value.line().replace(folder, "RULES") + "\n"
    assert text == _expected(os.path.join(HERE, os.path.dirname(case)), os.path.basename(case), text)


@pytest.mark.parametrize("case", RULE_CASES)
def test_cli_refuses_the_rulebook(case, cli_results, rule_dirs):
    command = RULE_COMMANDS[RULE_CASES.index(case) % 2]
    result = cli_results[(command, case)]
    folder = os.path.join(HERE, os.path.dirname(case))
    actual = result[2].replace(rule_dirs[case], "RULES")
    _assert_refused(result, _expected(folder, os.path.basename(case), actual), rule_dirs[case])


def test_the_rule_corpus_vocabulary_and_scenario_are_themselves_valid(tmp_path):
    folder = _rules_dir(tmp_path, "valid.yaml", os.path.join(HERE, "rules", "_vocabulary.yaml"), None)
    rulebook = engine.load_rulebook(folder)
    report = engine.check(os.path.join(HERE, "rules", "_scenario.yaml"), rulebook)
    assert [d.verdict for d in report.decisions] == [engine.Verdict.UNKNOWN]     # no rules: never permitted


# ---- what is not a file ----------------------------------------------------------------------

NOT_FILES = [
    (["validate", "tests/invalid/rules"],
     "tests/invalid/rules: error[is-a-directory]: tests/invalid/rules is a directory, not a file"),
    (["check", "tests/invalid/no-such-scenario.yaml"],
     "tests/invalid/no-such-scenario.yaml: error[file-not-found]: no such file: tests/invalid/no-such-scenario.yaml"),
    (["validate", "/dev/null"], "/dev/null: error[not-a-file]: /dev/null is a device or socket, not a file"),
    (["check", "tests/fixtures/toy-scenario.yaml", "--max-bytes", "64"],
     "tests/fixtures/toy-scenario.yaml: error[too-large]: file is {size} bytes, over the limit of 64 "
     "(use --max-bytes to raise it)"),
]


@pytest.mark.parametrize("args, line", NOT_FILES, ids=["directory", "missing", "device", "too-large"])
def test_what_is_not_a_readable_file_is_one_line(args, line):
    size = os.path.getsize(os.path.join(ROOT, "tests", "fixtures", "toy-scenario.yaml"))
    _assert_refused(_run(*args), line.format(size=size) + "\n")


def test_a_pipe_nobody_writes_to_is_empty_not_a_hang(tmp_path):
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    _assert_refused(_run("validate", str(fifo)), f"{fifo}:1:1: error[empty-file]: file is empty\n")


# ---- hostile input has no effect -------------------------------------------------------------

PAYLOADS = ["!!python/object/apply:os.system ['touch {marker}']",
            "!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
            "!!python/object/new:os.system ['touch {marker}']"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_in_a_scenario_run_nothing(payload, tmp_path, rulebook):
    marker = tmp_path / "pwned"
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(f"scenario: {payload.format(marker=marker)}\nas_of: 2025-01-22\n", encoding="utf-8")
    with pytest.raises(engine.ScenarioError) as caught:
        engine.load_scenario(str(scenario), rulebook)
    assert caught.value.code == "yaml-tag" and caught.value.where.line == 1
    for command in ("validate", "check"):
        assert _run(command, str(scenario)).returncode == 2
    assert not marker.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_in_a_rule_file_run_nothing(payload, tmp_path):
    marker = tmp_path / "pwned"
    folder = _rules_dir(tmp_path, "hostile.yaml", os.path.join(HERE, "rules", "_vocabulary.yaml"), None)
    with open(os.path.join(folder, "hostile.yaml"), "w", encoding="utf-8") as handle:
        handle.write(f"rules: {payload.format(marker=marker)}\n")
    with pytest.raises(engine.RulebookError) as caught:
        engine.load_rulebook(folder)
    assert caught.value.code == "yaml-tag"
    assert _run("check", os.path.join(REL, "rules", "_scenario.yaml"), "--rules-only", folder).returncode == 2
    assert not marker.exists()


@pytest.mark.parametrize("name", ["alias-bomb-billion-laughs.yaml", "deep-nesting-flow.yaml",
                                  "json-deep-nesting.json", "very-long-line-activity.yaml"])
def test_bombs_are_refused_in_small_memory(name):
    result = _run("check", os.path.join(REL, name), limit_memory=True)
    _assert_refused(result, _expected(HERE, name, result.stderr.decode("utf-8")))


# ---- nothing lost ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["check", "tests/invalid/duplicate-key-in-task.yaml"],
                                  ["check", "tests/fixtures/toy-scenario.yaml", "--rules-only", "tests/invalid/rules"],
                                  ["check", "tests/fixtures/toy-scenario.yaml", "tests/invalid/empty-file.yaml"]],
                         ids=["bad-scenario", "bad-rules", "one-bad-among-good"])
def test_a_failing_run_leaves_the_output_file_byte_identical(args, tmp_path):
    target = tmp_path / "report.json"
    before = b'{"an": "earlier report", "kept": true}\n\xe2\x9c\x93\n'
    target.write_bytes(before)
    result = _run(*args, "--format", "json", "--output", str(target))
    assert result.returncode == 2 and result.stdout == b""
    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["report.json"]          # no temporary file left behind


# ---- the rule loader's budget keeps durable_rules from hanging --------------------------------

def test_a_rulebook_just_inside_the_distinct_test_budget_compiles(tmp_path):
    """30 rules of 13 distinct values (391 distinct tests) compile; 40 such rules are refused
    (rules/distinct-tests-over-budget.yaml), where durable_rules would hang in C."""
    folder = _rules_dir(tmp_path, "budget.yaml", os.path.join(HERE, "rules", "_vocabulary.yaml"), None)
    with open(os.path.join(folder, "budget.yaml"), "w", encoding="utf-8") as handle:
        handle.write("rules:\n" + "".join(
            f"  - {{id: budget.r{r}, title: t, effect: permit, citations: ['10 U.S.C. § 271'], source: s, "
            f"effective: 2000-01-01, because: b, when: {{supports: [{', '.join(f'a{r}x{i}' for i in range(13))}]}}}}\n"
            for r in range(30)))
    result = _run("check", os.path.join(REL, "rules", "_scenario.yaml"), "--rules-only", folder)
    assert result.returncode == 1, result.stderr        # decided (unknown), not refused, not hung


def test_a_large_rulebook_of_small_rules_is_within_the_budget_and_compiles(tmp_path):
    """600 rules with 1,201 distinct tests in all: no ruleset can hold more than 40 of them."""
    folder = _rules_dir(tmp_path, "many.yaml", os.path.join(HERE, "rules", "_vocabulary.yaml"), None)
    day = datetime.date(1900, 1, 1)
    with open(os.path.join(folder, "many.yaml"), "w", encoding="utf-8") as handle:
        handle.write("rules:\n" + "".join(
            f"  - {{id: many.r{r}, title: t, effect: permit, citations: ['10 U.S.C. § 271'], source: s, "
            f"effective: {day + datetime.timedelta(days=r)}, because: b, "
            f"when: {{supports: [agency{r}]}}}}\n" for r in range(600)))
    assert len(engine.load_rulebook(folder).rules) == 600
    result = _run("check", os.path.join(REL, "rules", "_scenario.yaml"), "--rules-only", folder)
    assert result.returncode == 1, result.stderr
