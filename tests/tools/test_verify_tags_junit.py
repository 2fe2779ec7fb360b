"""`comitatus verify --tags EXPR --junit PATH`: Gherkin tag selection and a JUnit report."""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

import cli
import engine
from living_spec import runner
from living_spec.tags import parse

TAGGED = """
    @toy
    Feature: Toy law with tags
      The toy rulebook: 18 U.S.C. § 1385 bars the Army, 10 U.S.C. § 252 lifts the bar.

      Background:
        Given a force "jtf" of the Army in Title 10 status

      @support
      Scenario: Paperwork is allowed
        When "jtf" is tasked with "data entry" in the border zone on 2025-01-22
        Then the task is permitted

      @pca @slow
      Scenario: Arrests are prohibited
        When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
        Then the task is prohibited

      @pca
      Scenario: A wrong expectation
        When "jtf" is tasked with "arrest" in the border zone on 2025-01-22
        Then the task is permitted
    """


@pytest.fixture
def tagged(tmp_path) -> str:
    path = tmp_path / "tagged.feature"
    path.write_text(textwrap.dedent(TAGGED).lstrip("\n"), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("expression, tags, expected", [
    ("@pca", {"@pca"}, True), ("@pca", {"@x"}, False),
    ("@pca and not @slow", {"@pca", "@slow"}, False), ("@pca and not @slow", {"@pca"}, True),
    ("@a or @b and @c", {"@a"}, True), ("(@a or @b) and @c", {"@a"}, False),
    ("not (@a or @b)", set(), True), ("not not @a", {"@a"}, True),
])
def test_tag_expressions(expression, tags, expected):
    assert parse(expression)(frozenset(tags)) is expected


@pytest.mark.parametrize("expression", ["@a and", "(@a", "@a @b", "and @a", "pca", "@a )"])
def test_bad_tag_expressions_are_refused(expression):
    with pytest.raises(engine.ComitatusError) as caught:
        parse(expression)
    assert caught.value.code == "bad-tags"


def test_tags_select_scenarios_feature_tags_included(tagged, toy_rulebook):
    names = lambda expr: [r.name for r in runner.run([tagged], toy_rulebook, tags=expr).results]  # noqa: E731
    assert names("@support") == ["Paperwork is allowed"]
    assert names("@pca and not @slow") == ["A wrong expectation"]
    assert names("@toy") == names(None) and len(names(None)) == 3


def test_cli_tags_and_junit(tagged, toy_rules_dir, tmp_path):
    report = tmp_path / "verify.xml"
    result = CliRunner().invoke(cli.app, ["verify", tagged, "--tags", "@pca", "--junit", str(report),
                                          "--rules-only", toy_rules_dir])
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "2 scenarios: 1 passed, 1 failed" in result.stdout
    root = ET.parse(report).getroot()
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"Arrests are prohibited", "A wrong expectation"}
    failure = cases["A wrong expectation"].find("failure")
    assert failure is not None and "Then the task is permitted" in failure.text
    assert cases["Arrests are prohibited"].find("failure") is None


def test_cli_bad_tags_exit_2(tagged, toy_rules_dir):
    result = CliRunner().invoke(cli.app, ["verify", tagged, "--tags", "@pca and", "--rules-only", toy_rules_dir])
    assert result.exit_code == 2 and "error[bad-tags]" in result.stderr
