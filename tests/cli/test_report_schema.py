"""The shipped JSON Schema describes what `check --format json` really writes."""
import glob
import json
import os
import tomllib

import pytest
from jsonschema import Draft7Validator

import engine
from tests.cli.conftest import TOY
from tests.conftest import ROOT

SCHEMA_PATH = os.path.join(ROOT, "engine", "schemas", "report.schema.json")


@pytest.fixture(scope="module")
def validator():
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def errors(validator, document):
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("day", [None, "2025-01-19", "2025-01-22", "2025-04-21", "2025-05-03"])
def test_toy_output_on_every_window_state_is_valid(invoke, validator, day):
    args = ["check", TOY, "-f", "json"] + (["--as-of", day] if day else [])
    assert errors(validator, json.loads(invoke(*args).stdout)) == []


def test_bundled_scenarios_on_the_real_rulebook_are_valid(validator, rulebook):
    files = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))
    reports = [engine.check(path, rulebook) for path in files]
    document = json.loads(engine.reports_json(reports, rulebook))
    assert errors(validator, document) == []


def test_the_schema_refuses_what_the_contract_forbids(invoke, validator):
    document = json.loads(invoke("check", TOY, "-f", "json").stdout)
    decision = document["scenarios"][0]["decisions"][0]
    cases = [
        ("verdict", "maybe"), ("rule", None), ("date", "22 Jan 2025"), ("citations", "one"),
    ]
    for key, value in cases:
        broken = json.loads(json.dumps(document))
        broken["scenarios"][0]["decisions"][0][key] = value
        assert errors(validator, broken), key
    silent = json.loads(json.dumps(document))
    silent["scenarios"][0]["decisions"][0].update(verdict="unknown", rule=decision["rule"])
    assert errors(validator, silent)                     # unknown means no deciding rule
    missing = json.loads(json.dumps(document))
    del missing["scenarios"][0]["summary"]["unknown"]
    assert errors(validator, missing)


def test_every_key_written_is_described(invoke):
    """A key added to the report without the schema learning of it fails here, not in a user's CI."""
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    described = set()

    def collect(node):
        if isinstance(node, dict):
            described.update(node.get("properties", {}))
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
    collect(schema)
    written = set()

    def keys(node):
        if isinstance(node, dict):
            written.update(node)
            for value in node.values():
                keys(value)
        elif isinstance(node, list):
            for value in node:
                keys(value)
    for day in ("2025-01-22", "2025-05-03"):
        keys(json.loads(invoke("check", TOY, "-f", "json", "--as-of", day).stdout))
    assert written - described == set()


def test_the_schema_ships_with_the_package():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as handle:
        data = tomllib.load(handle)["tool"]["setuptools"]["package-data"]["engine"]
    assert "schemas/*.json" in data
