"""The living specification itself: every rule reached, every step defined, and the verify runner.

The runner's mechanics are tested on the toy rulebook, which stays put while the law changes;
coverage and step definitions are tested on the real rulebook and the real features/.
"""
from __future__ import annotations

import collections
import os
import re
import textwrap

import pytest
from typer.testing import CliRunner

import cli
import engine
from living_spec import coverage, runner
from living_spec.steps import STEPS
from tests.conftest import ROOT

FEATURES = os.path.join(ROOT, "features")


@pytest.fixture(scope="module")
def measured(rulebook) -> coverage.Coverage:
    """Every feature run once through the runner, with the rules its decisions reach."""
    return coverage.measure([FEATURES], rulebook)


@pytest.fixture
def feature(write):
    """A user's feature file, written by the suite's one file writer."""
    return lambda text, name="user.feature": write(text, name)


# ---- the real features over the real rulebook ------------------------------------------------

def test_every_rule_decides_some_feature_scenario(measured):
    assert measured.uncovered == [], (
        "no feature scenario is decided by these rules (being overridden, offered as a remedy or "
        "outranked does not count); write a scenario each of them decides:\n  "
        + "\n  ".join(f"{rule_id} ({measured.role(rule_id) or 'not reached'})" for rule_id in measured.uncovered))


def test_every_step_of_the_features_is_defined_exactly_once(measured):
    broken = [f"{r.step}: {r.message}" for r in measured.run.results if r.status in (runner.UNDEFINED, runner.ERROR)]
    assert measured.run.problems == [] and broken == []


def test_scenario_names_are_unique_across_features(measured):
    names = collections.Counter(result.name for result in measured.run.results
                                if "<" not in result.name)
    outlines = collections.Counter((result.file, result.line) for result in measured.run.results)
    assert [name for name, count in names.items() if count > 1] == []
    assert [place for place, count in outlines.items() if count > 1] == []


def test_every_feature_opens_with_a_narrative_naming_its_statutes():
    for name in sorted(os.listdir(FEATURES)):
        if name.endswith(".feature"):
            with open(os.path.join(FEATURES, name), encoding="utf-8") as handle:
                head = handle.read().split("Scenario", 1)[0]
            assert re.search(r"U\.S\.C\. §|C\.F\.R\. §|Proclamation \d+", head), name


def test_the_coverage_report_lists_every_rules_file(measured):
    text = coverage.render(measured)
    for rules_file in sorted({os.path.basename(rule.where.file) for rule in measured.rulebook.rules}):
        assert rules_file in text
    assert re.search(r"covered \d+ of \d+ rules", text)


def test_rules_coverage_command_prints_the_same_report(measured):
    result = CliRunner().invoke(cli.app, ["rules", "coverage", "--features", FEATURES])
    assert result.stdout == coverage.render(measured)
    assert result.exit_code == measured.exit_code


# ---- the runner's mechanics, on the toy rulebook ---------------------------------------------

PASSING = """
    Feature: Toy law
      The toy rulebook: 18 U.S.C. § 1385 bars the Army, 10 U.S.C. § 252 lifts the bar.

      Background:
        Given a force "jtf" of the Army in Title 10 status

      Scenario: Paperwork is allowed
        When "jtf" is tasked with "data entry" in the border zone on 2025-01-22
        Then the task is permitted
        And the obligations include "10 U.S.C. § 277"

      Scenario Outline: Arrests are <verdict> <when>
        Given the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
        When "jtf" is tasked with "arrest" in the border zone on <date>
        Then the task is <verdict>

        Examples:
          | when          | date       | verdict    |
          | before it     | 2025-04-30 | prohibited |
          | under it      | 2025-05-02 | permitted  |
    """


def test_a_passing_feature_exits_0(feature, toy_rulebook):
    result = runner.run([feature(PASSING)], toy_rulebook)
    assert [(r.name, r.status) for r in result.results] == [
        ("Paperwork is allowed", "passed"), ("Arrests are prohibited before it", "passed"),
        ("Arrests are permitted under it", "passed")]
    assert result.exit_code == 0
    assert runner.render(result).endswith("3 scenarios: 3 passed\n")


def test_a_failing_scenario_shows_its_place_and_the_reasons(feature, toy_rulebook):
    path = feature("""
        Feature: Wrong about the law
          Scenario: Soldiers may arrest
            Given a force "jtf" of the Army in Title 10 status
            When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
            Then the task is permitted
        """)
    result = runner.run([path], toy_rulebook)
    assert result.exit_code == 1
    (failed,) = result.results
    assert (failed.status, failed.line, failed.step) == (
        "failed", 2, f"{path}:5: Then the task is permitted")
    assert "expected the task to be permitted" in failed.message
    assert "prohibited, decided by pca.army" in failed.message
    assert "reason pca.army [prohibit] 18 U.S.C. § 1385" in failed.message
    assert "remedy ia.252 (10 U.S.C. § 252) still needs: an invocation with proclamation" in failed.message


def test_an_undefined_step_names_its_line_and_the_closest_known_steps(feature, toy_rulebook):
    path = feature("""
        Feature: A typing mistake
          Scenario: Soldiers may not arrest
            Given a force "jtf" of the Army in Title 10 status
            When "jtf" is taskd with "arrest" in the border zone on 2025-01-22
            Then the task is prohibited
        """)
    result = runner.run([path], toy_rulebook)
    assert result.exit_code == 2
    (undefined,) = result.results
    assert undefined.status == "undefined"
    assert undefined.step.startswith(f"{path}:4: When \"jtf\" is taskd with")
    assert undefined.suggestions[0].startswith('When "{force}" is tasked with "{activity}"')
    text = runner.render(result)
    assert f"{path}:2: UNDEFINED: Soldiers may not arrest" in text and "closest known steps:" in text


def test_an_undefined_step_is_found_before_anything_runs(feature, toy_rulebook):
    seen = []
    path = feature("""
        Feature: Half a scenario
          Scenario: The last step is unknown
            Given a force "jtf" of the Army in Title 10 status
            When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
            Then the soldiers go home
        """)
    result = runner.run([path], toy_rulebook, observe=seen.append)
    assert result.results[0].status == "undefined" and seen == []


def test_a_rejected_scenario_is_an_error_with_the_engines_message(feature, toy_rulebook):
    path = feature("""
        Feature: An unknown word
          Scenario: The activity is misspelt
            Given a force "jtf" of the Army in Title 10 status
            When "jtf" is tasked with "arest" in the border zone on 2025-01-22
            Then the task is prohibited
        """)
    result = runner.run([path], toy_rulebook)
    (error,) = result.results
    assert (error.status, result.exit_code) == ("error", 2)
    assert "error[unknown-activity]" in error.message and "did you mean 'arrest'?" in error.message


@pytest.mark.parametrize("text, code", [
    ("Scenario: no feature line\n  Given x\n", "gherkin-syntax"),
    ("# only a comment\n", "not-gherkin"),
])
def test_a_file_that_is_not_gherkin_exits_2(feature, toy_rulebook, text, code):
    path = feature(text)
    result = runner.run([path], toy_rulebook)
    assert result.exit_code == 2
    assert result.problems and result.problems[0].startswith(path) and f"error[{code}]" in result.problems[0]


def test_a_missing_path_or_an_empty_folder_exits_2(tmp_path, toy_rulebook):
    assert runner.run([str(tmp_path / "nope.feature")], toy_rulebook).exit_code == 2
    assert runner.run([str(tmp_path)], toy_rulebook).exit_code == 2


def test_a_folder_is_searched_for_feature_files(tmp_path, toy_rulebook):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "toy.feature").write_text(textwrap.dedent(PASSING), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a feature", encoding="utf-8")
    result = runner.run([str(tmp_path)], toy_rulebook)
    assert len(result.results) == 3 and result.exit_code == 0


def test_a_data_table_on_a_step_that_takes_none_is_an_error(feature, toy_rulebook):
    path = feature("""
        Feature: A stray table
          Scenario: The force step has a table
            Given a force "jtf" of the Army in Title 10 status
              | force | component |
              | x     | army      |
            When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
            Then the task is prohibited
        """)
    (result,) = runner.run([path], toy_rulebook).results
    assert result.status == "error" and "takes no data table" in result.message


def test_coverage_names_the_rules_a_feature_leaves_out(feature, toy_rulebook):
    report = coverage.measure([feature(PASSING)], toy_rulebook)
    reached = {"pca.army", "ia.252", "support.data", "obligation.277"}    # decider, overridden, obligation
    assert reached <= set(report.covered)
    assert {"intel.usp", "nda.detain"} <= set(report.uncovered)
    assert report.exit_code == 1
    text = coverage.render(report)
    total = len(toy_rulebook.rules)
    assert all(f"  {rule_id}  (" in text for rule_id in report.uncovered)
    assert f"covered {len(report.covered)} of {total} rules" in text and text.endswith("from 3 scenarios\n")


TOY_ARREST = """
    Feature: Toy arrests
      The toy rulebook: 18 U.S.C. § 1385 bars the Army, 10 U.S.C. § 252 lifts the bar.

      Scenario: An arrest {when}
        Given a force "jtf" of the Army in Title 10 status
        And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
        When "jtf" is tasked with "arrest" in the border zone on {date}
        Then the task is {verdict}
    """


def test_a_rule_only_overridden_is_not_covered_and_is_reported_apart(feature, toy_rulebook):
    under = feature(TOY_ARREST.format(when="under the invocation", date="2025-05-02", verdict="permitted"))
    report = coverage.measure([under], toy_rulebook)
    assert report.role("ia.252") == coverage.DECIDES and "ia.252" in report.covered
    assert report.role("pca.army") == coverage.OVERRIDDEN
    assert "pca.army" in report.uncovered and report.only(coverage.OVERRIDDEN) == ["pca.army"]
    text = coverage.render(report)
    assert "not covered, only overridden (no feature makes them decide):\n  pca.army  (" in text


def test_a_rule_only_offered_as_a_remedy_is_not_covered_and_is_reported_apart(feature, toy_rulebook):
    before = feature(TOY_ARREST.format(when="before the invocation", date="2025-04-30", verdict="prohibited"))
    report = coverage.measure([before], toy_rulebook)
    assert report.role("pca.army") == coverage.DECIDES
    assert report.role("ia.252") == coverage.REMEDY and report.only(coverage.REMEDY) == ["ia.252"]
    assert "ia.252" in report.uncovered and report.exit_code == 1
    assert "not covered, only offered as a remedy (no feature makes them decide):\n  ia.252  (" in \
        coverage.render(report)


def test_a_rule_standing_beside_the_decider_with_the_same_effect_decides_jointly(rulebook):
    maintenance = engine.check({"scenario": "s", "as_of": "2025-03-01",
                                "forces": [{"id": "jtf", "component": "army"}],
                                "tasks": [{"id": "T1", "force": "jtf", "activity": "vehicle_maintenance",
                                           "purpose": "counterdrug"},
                                          {"id": "T2", "force": "jtf", "activity": "arrest"}]}, rulebook)
    found = coverage.roles(maintenance.decisions, rulebook)
    deciding = maintenance.decisions[0].rule
    assert found[deciding] == {coverage.DECIDES}
    jointly = [r.rule for r in maintenance.decisions[0].reasons if r.rule != deciding]
    assert jointly and all(found[rule_id] == {coverage.JOINTLY} for rule_id in jointly)
    assert all(coverage.OBLIGATION in found[o.rule] for o in maintenance.decisions[0].obligations)
    assert found["pca.army"] == {coverage.DECIDES}
    assert all(found[r.rule] == {coverage.REMEDY} for r in maintenance.decisions[1].remedies)


def test_verify_command_exit_codes_and_report(feature, toy_rules_dir):
    app = CliRunner()
    good = feature(PASSING, "good.feature")
    bad = feature("""
        Feature: Wrong
          Scenario: Soldiers may arrest
            Given a force "jtf" of the Army in Title 10 status
            When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
            Then the task is permitted
        """, "bad.feature")
    passed = app.invoke(cli.app, ["verify", good, "--rules-only", toy_rules_dir])
    assert (passed.exit_code, passed.stdout) == (0, "3 scenarios: 3 passed\n")
    verbose = app.invoke(cli.app, ["verify", good, "--verbose", "--rules-only", toy_rules_dir])
    assert f"{good}:7: PASSED: Paperwork is allowed" in verbose.stdout
    failed = app.invoke(cli.app, ["verify", good, bad, "--rules-only", toy_rules_dir])
    assert failed.exit_code == 1
    assert f"{bad}:2: FAILED: Soldiers may arrest" in failed.stdout
    assert failed.stdout.endswith("4 scenarios: 3 passed, 1 failed\n")


def test_verify_lists_every_step_phrase():
    result = CliRunner().invoke(cli.app, ["verify", "--list-steps"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == runner.phrases() and len(result.stdout.splitlines()) == len(STEPS)
