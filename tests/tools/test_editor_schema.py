"""The editor schemas: generated from the vocabulary, shipped in schemas/, and agreeing with the files."""
from __future__ import annotations

import glob
import json
import os

import jsonschema
import pytest
import yaml

from engine.editor_schema import schema_for
from tests.conftest import ROOT


class _TextDates(yaml.SafeLoader):
    """YAML as an editor's language server reads it: a bare date stays text."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _load(text: str):
    return yaml.load(text, Loader=_TextDates)


def _validator(kind: str, rulebook) -> jsonschema.Draft202012Validator:
    schema = schema_for(kind, rulebook.vocabulary)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("kind", ["scenario", "rules"])
def test_shipped_schema_is_what_the_command_generates(kind, run):
    code, out, err = run("schema", kind)
    assert code == 0, err
    with open(os.path.join(ROOT, "schemas", f"{kind}.schema.json"), encoding="utf-8") as handle:
        assert handle.read() == out, f"run: comitatus schema {kind} -o schemas/{kind}.schema.json"


@pytest.mark.parametrize("kind, pattern", [("scenario", "scenarios/*.yaml"), ("rules", "rules/*.yaml")])
def test_every_bundled_file_validates(kind, pattern, rulebook):
    validator = _validator(kind, rulebook)
    paths = sorted(path for path in glob.glob(os.path.join(ROOT, pattern))
                   if os.path.basename(path) not in ("citations.yaml", "phrases.yaml"))  # catalogue, step words: not rules
    assert paths
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_load(handle))]
        assert not errors, (path, errors[:3])


GOOD = """
scenario: test
as_of: 2025-01-22
forces:
  - {id: a, component: army}
  - {id: g, component: national_guard, status: title_32}
events:
  - {id: e, kind: national_defense_area, location: x, designated: 2025-04-15}
tasks:
  - {id: T1, force: a, activity: arrests, location: nda}
"""

BROKEN = {
    "unknown activity": ("activity: arrests", "activity: patroll"),
    "unknown component": ("component: army}", "component: armee}"),
    "guard without status": ("status: title_32", "personnel: 3"),
    "status its component cannot take": ("status: title_32", "status: title_14"),
    "event missing a required field": (", designated: 2025-04-15", ""),
    "event field of another kind": ("designated: 2025-04-15", "designated: 2025-04-15, section: 252"),
    "unknown event kind": ("kind: national_defense_area", "kind: nda_designation"),
    "unknown task key": ("location: nda}", "location: nda, priority: 1}"),
    "bad date": ("as_of: 2025-01-22", "as_of: 22 January 2025"),
    "unknown location kind": ("location: nda", "location: 3"),
    "missing tasks": ("tasks:\n  - {id: T1, force: a, activity: arrests, location: nda}", ""),
}


def test_a_good_scenario_validates(rulebook):
    assert not list(_validator("scenario", rulebook).iter_errors(_load(GOOD)))


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_scenarios_do_not(case, rulebook):
    old, new = BROKEN[case]
    assert old in GOOD
    text = GOOD.replace(old, new)
    assert list(_validator("scenario", rulebook).iter_errors(_load(text))), case


RULE = """
rules:
  - id: local.a
    title: t
    effect: permit
    citations: ["10 U.S.C. § 271"]
    source: s
    effective: 2020-01-01
    when: {activity: [data_entry], component: army}
    requires:
      - event: insurrection_act
        where: {section: 252, proclamation: true}
        says: an invocation
    because: b
"""

BROKEN_RULES = {
    "unknown effect": ("effect: permit", "effect: allow"),
    "unknown activity in scope": ("[data_entry]", "[data_entri]"),
    "unknown scope key": ("component: army}", "branch: army}"),
    "field the event kind lacks": ("section: 252", "sektion: 252"),
    "choice the field lacks": ("section: 252", "section: 999"),
    "missing because": ("    because: b\n", ""),
    "empty citations": ('["10 U.S.C. § 271"]', "[]"),
}


def test_a_good_rule_validates(rulebook):
    assert not list(_validator("rules", rulebook).iter_errors(_load(RULE)))


@pytest.mark.parametrize("case", sorted(BROKEN_RULES))
def test_broken_rules_do_not(case, rulebook):
    old, new = BROKEN_RULES[case]
    assert old in RULE
    assert list(_validator("rules", rulebook).iter_errors(_load(RULE.replace(old, new)))), case


def test_vscode_settings_associate_the_schemas():
    with open(os.path.join(ROOT, ".vscode", "settings.json"), encoding="utf-8") as handle:
        settings = json.load(handle)
    associations = settings["yaml.schemas"]
    assert associations["./schemas/scenario.schema.json"] == ["scenarios/*.yaml"]
    assert associations["./schemas/rules.schema.json"] == ["rules/*.yaml"]
