"""`comitatus vocabulary`: every word of rules/vocabulary.yaml, read from the loaded rulebook."""
from __future__ import annotations

import dataclasses
import json
import os

import yaml

from engine.model import Vocabulary
from engine.vocabulary_view import vocabulary_data
from tests.conftest import ROOT


def _declared() -> dict:
    with open(os.path.join(ROOT, "rules", "vocabulary.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vocabulary"]


def test_json_lists_every_activity_with_its_class_and_synonyms(run):
    code, out, _ = run("vocabulary", "--format", "json")
    assert code == 0
    shown = json.loads(out)["vocabulary"]
    for name, spec in _declared()["activities"].items():
        assert shown["activities"][name]["activity_class"] == spec["class"]
        assert shown["activities"][name]["synonyms"] == spec.get("synonyms", [])


def test_json_has_every_section_of_the_vocabulary_type(rulebook):
    data = vocabulary_data(rulebook.vocabulary)
    assert list(data) == [field.name for field in dataclasses.fields(Vocabulary)]


def test_locations_components_statuses_and_event_fields_come_from_the_file(rulebook):
    declared = _declared()
    data = vocabulary_data(rulebook.vocabulary)
    assert set(data["location_kinds"]) == set(declared["location_kinds"])
    for kind, spec in declared["location_kinds"].items():
        assert set(data["location_kinds"][kind]["synonyms"]) == set((spec or {}).get("synonyms", []))
    assert {name: spec["statuses"] for name, spec in data["components"].items()} == \
        {name: spec["statuses"] for name, spec in declared["components"].items()}
    assert set(data["statuses"]) == set(declared["statuses"])
    for kind, spec in declared["event_kinds"].items():
        assert set(data["event_kinds"][kind]["fields"]) == set(spec["fields"])
    assert set(data["task_facts"]) == set(declared["task_facts"])
    assert set(data["circumstances"]) == set(declared["circumstances"])


def test_text_names_each_word_once_per_section(run):
    code, out, _ = run("vocabulary")
    assert code == 0
    for heading in ("statuses", "components", "activities", "location kinds", "event kinds", "task facts"):
        assert any(line.startswith(heading + " (") for line in out.splitlines()), heading
    assert "  arrest: activity_class direct_law_enforcement; synonyms arrests, custodial_arrest" in out
    assert "  national_defense_area: implies military_installation, federal_property; synonyms nda" in out


def test_a_section_the_rulebook_adds_appears_without_code(rulebook):
    """A new Vocabulary field (ranks, say) is shown by shape, with no change to the view."""
    @dataclasses.dataclass(frozen=True)
    class Wider(Vocabulary):
        ranks: dict = dataclasses.field(default_factory=dict)

    fields = {f.name: getattr(rulebook.vocabulary, f.name) for f in dataclasses.fields(Vocabulary)}
    wider = Wider(**fields, ranks={"o6": "Colonel or Captain (Navy)"})
    assert vocabulary_data(wider)["ranks"] == {"o6": "Colonel or Captain (Navy)"}
