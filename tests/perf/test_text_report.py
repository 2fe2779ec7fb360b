"""The text report: small scenarios keep rich's layout, large ones get the summary first and a
plain table of one line per task; every cell is shown with its hidden characters escaped."""
import json

import pytest

import engine
from engine.render.text import PLAIN_ROWS, check_text, safe


@pytest.fixture(scope="module")
def large(generated, rulebook):
    """The generated year of 600 tasks (more than PLAIN_ROWS)."""
    return engine.check(generated, rulebook)


def test_the_generated_year_is_past_the_threshold(large):
    assert len(large.decisions) > PLAIN_ROWS


def test_a_large_report_says_its_summary_before_its_table(large):
    lines = check_text([large]).splitlines()
    counts = ", ".join(f"{count} {verdict}" for verdict, count in large.summary.items())
    assert lines[2] == f"{len(large.decisions)} tasks: {counts}"
    assert lines[3].split() == ["Task", "Force", "Activity", "Date", "Verdict", "Deciding", "rule", "Citation"]
    assert set(lines[4]) == {"\u2500"}


def test_a_large_report_has_one_line_per_task_with_the_json_verdict_and_rule(large, rulebook):
    lines = check_text([large]).splitlines()[5:5 + len(large.decisions)]
    decisions = json.loads(engine.reports_json([large], rulebook))["scenarios"][0]["decisions"]
    assert len(lines) == len(decisions)
    for line, decision in zip(lines, decisions):
        cells = line.split()
        assert cells[:6] == [decision["task"], decision["force"], decision["activity"], decision["date"],
                             decision["verdict"], decision["rule"] or "no"]


def test_a_large_report_ends_with_its_windows_and_authorities_as_before(large):
    text = check_text([large])
    assert ("\nDecision windows\n" in text) == bool(large.windows)
    assert (f"\nAuthorities as of {large.as_of.isoformat()}\n" in text) == bool(large.authorities)
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_a_small_report_keeps_the_rich_table(rulebook):
    report = engine.check("scenarios/jtf-north-2025.yaml", rulebook)
    lines = check_text([report]).splitlines()
    assert lines[2].split() == ["Task", "Force", "Activity", "Verdict", "Deciding", "rule", "/", "citation"]
    assert "12 tasks: 7 permitted, 2 prohibited, 3 conditional, 0 contested, 0 unknown" in lines


def test_two_reports_are_separated_by_one_blank_line(large, rulebook):
    small = engine.check("scenarios/jtf-north-2025.yaml", rulebook)
    both = check_text([small, large])
    assert both == check_text([small]) + "\n" + check_text([large])


def test_colour_paints_only_the_verdicts_in_the_plain_table(large):
    coloured = check_text([large], color=True)
    assert "\x1b[1;32mpermitted\x1b[0m" in coloured
    plain = [line for line in coloured.splitlines()[5:5 + len(large.decisions)]]
    stripped = [line.replace("\x1b[1;32m", "").replace("\x1b[1;31m", "").replace("\x1b[1;33m", "")
                .replace("\x1b[1;35m", "").replace("\x1b[1;36m", "").replace("\x1b[0m", "") for line in plain]
    assert stripped == check_text([large]).splitlines()[5:5 + len(large.decisions)]


# ---- hidden characters (issue 17, item 16) -------------------------------------------------

@pytest.mark.parametrize("hidden, shown", [
    ("\u202e", "\\u202e"),        # right-to-left override
    ("\u2066", "\\u2066"),        # left-to-right isolate
    ("\u200b", "\\u200b"),        # zero width space
    ("\ufeff", "\\ufeff"),        # byte order mark
    ("\x1b", "\\x1b"),            # escape: terminal control sequences
    ("\x85", "\\x85"),            # next line (C1)
    ("\u2028", "\\u2028"),        # line separator
    ("\t", "\\t"),
    ("\n", "\\n"),
    ("\U000e0041", "\\U000e0041"),  # tag character
])
def test_safe_escapes_hidden_characters(hidden, shown):
    assert safe(f"a{hidden}b") == f"a{shown}b"


@pytest.mark.parametrize("text", ["18 U.S.C. § 1385", "Zoë’s café", "中文 العربية", "a\u00a0b"])
def test_safe_leaves_visible_text_alone(text):
    assert safe(text) == text


@pytest.mark.parametrize("tasks", [1, PLAIN_ROWS + 1])
def test_a_title_with_bidi_controls_is_escaped_in_the_text_report(rulebook, tasks):
    data = {"scenario": "Exercise \u202eevil\u202c plan\u200b", "as_of": "2025-01-22",
            "forces": [{"id": "a", "name": "A\u2067unit", "component": "army"}],
            "tasks": [{"id": f"T{n}", "force": "a", "activity": "logistics"} for n in range(tasks)]}
    text = check_text([engine.check(data, rulebook)])
    assert "Exercise \\u202eevil\\u202c plan\\u200b" in text
    assert not any(char in text for char in "\u202e\u202c\u200b\u2067")
