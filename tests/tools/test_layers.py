"""Rulebook layers: `--rules DIR` over the bundled rulebook, `--rules-only DIR` instead of it."""
from __future__ import annotations

import json
import os

import pytest

import engine
from tests.conftest import ROOT

SCENARIO = os.path.join(ROOT, "scenarios", "jtf-north-2025.yaml")

PATROL = """
    vocabulary:
      activities:
        levee_watch: {class: support, synonyms: [river_watch]}
    """
LOCAL_RULE = """
    rules:
      - id: local.levee-watch
        title: Local levee watch support
        effect: permit
        citations: ["10 U.S.C. § 271"]
        source: a local office
        effective: 2020-01-01
        when: {activity: levee_watch}
        because: a local reading
    """


def test_a_layer_adds_words_and_rules(layer):
    folder = layer({"vocabulary.yaml": PATROL, "local.yaml": LOCAL_RULE})
    bundled = engine.load_rulebook()
    layered = engine.load_rulebook([None, folder])
    assert layered.vocabulary.activity_words["river_watch"] == "levee_watch"
    assert "local.levee-watch" in layered.by_id
    assert len(layered.rules) == len(bundled.rules) + 1
    assert layered.digest != bundled.digest


def test_a_rule_with_a_bundled_id_replaces_it(layer, rulebook):
    bundled = rulebook.by_id["pca.army"]
    text = LOCAL_RULE.replace("local.levee-watch", "pca.army").replace("{activity: levee_watch}",
                                                                 "{activity_class: support}")
    layered = engine.load_rulebook([None, layer({"pca.yaml": text})])
    assert layered.by_id["pca.army"].title == "Local levee watch support"
    assert len(layered.rules) == len(rulebook.rules)
    assert bundled.where.file != layered.by_id["pca.army"].where.file


def test_redefining_a_word_differently_is_a_located_error(layer):
    folder = layer({"vocabulary.yaml": """
        vocabulary:
          activities:
            arrest: {class: support}
        """})
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_rulebook([None, folder])
    error = caught.value
    assert error.code == "redefined-word"
    assert error.where.file == os.path.join(folder, "vocabulary.yaml")
    assert (error.where.line, error.where.column) == (3, 5)


def test_repeating_a_word_the_same_way_is_fine(layer):
    folder = layer({"vocabulary.yaml": """
        vocabulary:
          activities:
            arrest: {class: direct_law_enforcement, synonyms: [arrests, custodial_arrest]}
        """})
    assert engine.load_rulebook([None, folder]).vocabulary.activities["arrest"].activity_class \
        == "direct_law_enforcement"


def test_an_error_in_a_layer_rule_is_located_in_the_layer(layer):
    folder = layer({"local.yaml": LOCAL_RULE.replace("effect: permit", "effect: allow")})
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_rulebook([None, folder])
    errors = getattr(caught.value, "errors", [caught.value])
    assert any(e.where.file.startswith(folder) and e.where.line == 4 for e in errors), \
        [e.line() for e in errors]


def test_bundled_positions_survive_a_replacement(layer):
    """A rule after a replaced one is still located on its own line of the bundled file."""
    text = LOCAL_RULE.replace("local.levee-watch", "pca.army").replace("{activity: levee_watch}",
                                                                 "{activity_class: support}")
    layered = engine.load_rulebook([None, layer({"pca.yaml": text})])
    bundled = engine.load_rulebook()
    for rule in bundled.rules:
        if rule.id != "pca.army":
            assert layered.by_id[rule.id].where == rule.where or \
                str(layered.by_id[rule.id].where) == str(rule.where)


def test_json_records_every_layer(layer, run):
    folder = layer({"vocabulary.yaml": PATROL, "local.yaml": LOCAL_RULE})
    code, out, err = run("check", SCENARIO, "--rules", folder, "--format", "json")
    assert code in (0, 1), err
    book = json.loads(out)["rulebook"]
    assert [entry["directory"] for entry in book["layers"]] == [os.path.join(ROOT, "rules"), folder]
    assert all(entry["digest"].startswith("sha256:") for entry in book["layers"])
    assert book["digest"] == engine.load_rulebook([None, folder]).digest
    assert book["layers"][0]["digest"] == engine.load_rulebook().digest


def test_rules_only_replaces_the_rulebook(layer, run, toy_rules_dir):
    code, out, err = run("vocabulary", "--rules-only", toy_rules_dir, "--format", "json")
    assert code == 0, err
    assert "layers" not in out
    code, _, err = run("vocabulary", "--rules-only", layer({"local.yaml": LOCAL_RULE}))
    assert code == 2 and "vocabulary.yaml" in err


def test_rules_and_rules_only_together_is_a_usage_error(run, toy_rules_dir):
    code, _, err = run("vocabulary", "--rules", toy_rules_dir, "--rules-only", toy_rules_dir)
    assert code == 2 and "not both" in err


def test_the_bundled_rules_given_as_a_layer_change_nothing(rulebook):
    again = engine.load_rulebook([None, os.path.join(ROOT, "rules")])
    assert again.digest == rulebook.digest
    from engine.layers import layers_of
    assert layers_of(again) == () and layers_of(rulebook) == ()
