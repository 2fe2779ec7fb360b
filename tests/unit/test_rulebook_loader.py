"""Loading rules/: a broken rule file is refused with file:line:column and a hint."""
import os
import shutil

import pytest

import engine
from tests.conftest import ROOT


@pytest.fixture
def rules_dir(tmp_path):
    shutil.copy(os.path.join(ROOT, "rules", "vocabulary.yaml"), tmp_path / "vocabulary.yaml")
    return tmp_path


RULE = """
rules:
  - id: demo.rule
    title: Demo
    effect: {effect}
    citations: ["{citation}"]
    source: https://example.org
    effective: {effective}
    until: {until}
    when: {{activity: [{activity}]}}
    overrides: {overrides}
    because: A demo.
"""


def write_rule(folder, **values):
    fields = dict(effect="permit", citation="10 U.S.C. § 271", effective="2000-01-01", until="null",
                  activity="data_entry", overrides="[]")
    fields.update(values)
    (folder / "demo.yaml").write_text(RULE.format(**fields), encoding="utf-8")
    return str(folder)


def load_error(folder):
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_rulebook(str(folder))
    return caught.value


def test_a_valid_rule_loads_with_its_position(rules_dir):
    rulebook = engine.load_rulebook(write_rule(rules_dir))
    rule = rulebook.by_id["demo.rule"]
    assert rule.where.line == 3 and rule.where.file.endswith("demo.yaml")
    assert rulebook.digest.startswith("sha256:")


def test_unknown_activity_has_a_hint(rules_dir):
    error = load_error(write_rule(rules_dir, activity="data_entyr"))
    assert error.code == "unknown-activity" and error.did_you_mean == "data_entry"
    assert error.where.line == 10


def test_unknown_effect_and_bad_citation(rules_dir):
    error = load_error(write_rule(rules_dir, effect="permitt", citation="10 U.S.C. 271"))
    codes = {e.code for e in error.errors}
    assert codes == {"unknown-word", "bad-citation"}


def test_override_of_a_missing_rule(rules_dir):
    error = load_error(write_rule(rules_dir, overrides="[demo.rul]"))
    assert error.code == "unknown-reference" and error.did_you_mean == "demo.rule"


def test_rule_in_force_for_no_date(rules_dir):
    error = load_error(write_rule(rules_dir, effective="2020-01-01", until="2019-01-01"))
    assert error.code == "never-in-force"


def test_override_cycle_is_refused(rules_dir):
    write_rule(rules_dir)
    (rules_dir / "cycle.yaml").write_text("""
rules:
  - {id: a.one, title: A, effect: permit, citations: ["10 U.S.C. § 271"], source: s,
     effective: 2000-01-01, because: a, overrides: [a.two]}
  - {id: a.two, title: B, effect: permit, citations: ["10 U.S.C. § 271"], source: s,
     effective: 2000-01-01, because: b, overrides: [a.one]}
""", encoding="utf-8")
    assert load_error(rules_dir).code == "override-cycle"


def test_duplicate_rule_ids_across_files(rules_dir):
    write_rule(rules_dir)
    shutil.copy(rules_dir / "demo.yaml", rules_dir / "demo2.yaml")
    assert load_error(rules_dir).code == "duplicate-id"


def test_contested_rule_needs_two_readings(rules_dir):
    error = load_error(write_rule(rules_dir, effect="contested"))
    assert error.code == "missing-readings"
