"""Item 3: every byte a feature brings goes through the engine's hardened reader, and
`verify` reports each problem as one located line inside the feature file."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from living_spec import runner
from living_spec.steps import SpecError, whole

LOCATED = re.compile(r"^    (?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): error\[(?P<code>[a-z-]+)\]: ")

BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
TASK = "scenario: x\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\ntasks:\n"


def feature(tmp_path, text: str, then: str = 'Then task "T1" is permitted') -> str:
    body = "\n".join("      " + line for line in text.splitlines())
    path = tmp_path / "hostile.feature"
    path.write_text(f'Feature: hostile\n  Scenario: s\n    Given the scenario:\n      """\n{body}\n      """\n'
                    f"    {then}\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("text, code, line, column", [
    (BOMB, "yaml-alias", 6, 14),
    ("a: " + "[" * 5000 + "]" * 5000, "too-deep", 5, None),
    (TASK + "  - {id: T1, force: jtf, activity: data_entry, date: " + "9" * 5000 + "}", "bad-number", 10, None),
    ("scenario: x\nscenario: y\nas_of: 2025-01-22\nforces: []\ntasks: []", "duplicate-key", 6, 7),
    ('scenario: "x\\u0007"\nas_of: 2025-01-22\nforces: []\ntasks: []', "bad-text", 5, 17),
    ("scenario: \"x\u202e\"\nas_of: 2025-01-22\nforces: []\ntasks: [{id: T1}]", None, None, None),
    (TASK + "  - {id: T1, force: jtf, activity: dancing}", "unknown-activity", 10, 42),
    ("scenario: x\nas_of: 2025-01-22\nforces: []\ntasks: 5", "wrong-type", 8, 14),
    ("- just\n- a list", "wrong-type", 5, 7),
], ids=["alias-bomb", "deep", "long-int", "duplicate-key", "control", "bidi", "engine-error", "tasks-int", "list"])
def test_a_hostile_scenario_text_is_one_located_error(tmp_path, rulebook, text, code, line, column):
    path = feature(tmp_path, text)
    result = runner.run([path], rulebook)
    assert result.exit_code == 2
    (item,) = result.results
    assert item.status == runner.ERROR, item
    rendered = runner.render(result)
    assert "Traceback" not in rendered and "\u202e" not in rendered
    if code is None:
        return
    located = [LOCATED.match(text) for text in rendered.splitlines() if LOCATED.match(text)]
    assert located, rendered
    found = located[0]
    assert (found["file"], found["code"]) == (path, code), rendered
    assert int(found["line"]) == line, rendered
    if column is not None:
        assert int(found["column"]) == column, rendered


def test_an_integer_step_argument_of_thousands_of_digits_is_an_error_not_a_crash(tmp_path, rulebook):
    path = tmp_path / "big.feature"
    path.write_text("Feature: f\n  Scenario: s\n    Given the Insurrection Act is invoked under section "
                    + "1" * 5000 + " on 2025-01-01\n    Then task \"T1\" is permitted\n")
    result = runner.run([str(path)], rulebook)
    (item,) = result.results
    assert item.status == runner.ERROR and "5000 digits" in item.message
    assert max(len(line) for line in runner.render(result).splitlines()) < 400
    with pytest.raises(SpecError):
        whole("9" * 100_000)


def test_a_feature_file_past_the_size_limit_or_not_utf8_is_refused(tmp_path, rulebook):
    path = tmp_path / "binary.feature"
    path.write_bytes(b"Feature: f\n\x00\xff")
    result = runner.run([str(path)], rulebook)
    assert result.exit_code == 2 and result.problems and "error[binary-file]" in result.problems[0]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(codec="utf-8", exclude_characters='"'), max_size=200))
def test_any_scenario_text_is_decided_or_a_located_error(tmp_path, rulebook, text):
    path = feature(tmp_path, text.replace("\r", ""))
    result = runner.run([path], rulebook)          # never raises
    assert result.exit_code in (0, 1, 2)
    runner.render(result)


@pytest.mark.parametrize("header", ["[ activity", "(a+)+", "a\\|b", "x\\\\"])
def test_an_examples_header_that_gherkin_would_read_as_a_pattern_is_refused(tmp_path, rulebook, header):
    """gherkin-official's compiler puts header cells into re.sub unescaped (an internal error,
    or a pattern that backtracks for ever): found by tools/fuzz.py."""
    path = tmp_path / "outline.feature"
    path.write_text("Feature: f\n  Scenario Outline: o\n    Given the date is <d>\n    Then the task is permitted\n\n"
                    f"    Examples:\n      | {header} | d |\n      | x | 2025-01-01 |\n", encoding="utf-8")
    result = runner.run([str(path)], rulebook)
    assert result.exit_code == 2
    assert result.problems and f"{path}:7:9: error[bad-header]" in result.problems[0], result.problems
