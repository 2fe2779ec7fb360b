"""rules/phrases.yaml speaks the vocabulary's words: every event kind, field, circumstance and
task fact a step writes is declared in rules/vocabulary.yaml, and every choice of words a step
offers for a field is one the field accepts. A step that wrote an undeclared word would fail
only when a feature used it; this fails at once, naming the step."""
from __future__ import annotations

import re

import pytest

import engine
from engine.model import FieldSpec
from engine.vocabulary import FORCE_OWN_KEYS, LOCATION_OWN_KEYS, TASK_OWN_KEYS
from living_spec.phrases import SpecError, Truth
from living_spec.steps import STEPS

SHAPE = {"add_force": FORCE_OWN_KEYS, "add_location": LOCATION_OWN_KEYS, "add_task": TASK_OWN_KEYS,
         "change_task": TASK_OWN_KEYS, "as_of": ("as_of",)}


def _choices(phrase: str) -> dict[str, set[str]]:
    """The literal words each `{group:a|b}` placeholder offers."""
    return {name: set(words.split("|")) for name, words in re.findall(r"\{(\w+):([^}]+)\}", phrase)
            if words not in ("id", "qterm", "term", "ids", "terms", "date", "int", "truth")}


def _groups(spec) -> set[str]:
    """The groups a field's value is made of."""
    if isinstance(spec, str):
        return {spec}
    if not isinstance(spec, dict) or "value" in spec:
        return set()
    parts = spec.get("first") or [spec.get("then") or spec.get("places") or spec.get("append")]
    if "mapping" in spec:
        parts = list(spec["mapping"].values())
    return set().union(*(_groups(part) for part in parts))


def _kinds_by_noun() -> dict[str, set[str]]:
    nouns: dict[str, set[str]] = {}
    for step in STEPS:
        if "kind" in step.entry:
            nouns.setdefault(step.entry["event"], set()).add(step.entry["kind"])
    return nouns


def _declared(step, vocabulary: engine.Rulebook) -> dict[str, FieldSpec | None]:
    """The fields this step may write: their specs (None where the scenario's shape owns the key);
    for an event, the fields of any kind its noun may name (the engine checks the event itself)."""
    verb = step.function.__name__
    if verb in SHAPE:
        facts = vocabulary.task_facts if "task" in verb else vocabulary.force_facts if "force" in verb \
            else vocabulary.location_facts if "location" in verb else ()
        return {**{key: None for key in SHAPE[verb]}, **{spec.name: spec for spec in facts}}
    if verb == "circumstances":
        return {spec.name: spec for spec in vocabulary.circumstances}
    nouns = _choices(step.phrase).get("noun") or {step.entry["event"]}
    kinds = set().union(*(_kinds_by_noun()[noun] for noun in nouns))
    return {spec.name: spec for kind in sorted(kinds) for spec in vocabulary.event_kinds[kind].fields}


@pytest.mark.parametrize("step", [s for s in STEPS if "fields" in s.entry], ids=str)
def test_every_word_a_step_writes_is_in_the_vocabulary(step, rulebook):
    vocabulary = rulebook.vocabulary
    if "kind" in step.entry:
        assert step.entry["kind"] in vocabulary.event_kinds
    declared = _declared(step, vocabulary)
    choices = _choices(step.phrase)
    meant = step.entry.get("means", {})
    for key, spec in step.entry["fields"].items():
        assert key in declared, f"{step}: '{key}' is not a field the vocabulary declares here"
        field = declared[key]
        inner = {s.name: s for s in field.fields} if field is not None and field.type == "mapping" else {}
        for name, part in (spec.get("mapping", {}).items() if isinstance(spec, dict) else ()):
            assert name in inner, f"{step}: '{key}.{name}' is not declared"
            _offers(step, inner[name], _groups(part), choices, meant)
        if field is not None and not inner:
            _offers(step, field, _groups(spec), choices, meant)


def _offers(step, field: FieldSpec, groups: set[str], choices: dict, meant: dict) -> None:
    """A group of literal words fills the field only with words (or meanings) it accepts."""
    for group in groups & set(choices):
        values = {meant[group][w] for w in choices[group]} if group in meant else choices[group]
        if field.type == "boolean":
            assert values <= {True, False}, f"{step}: {group} gives {values} to a boolean"
        elif field.choices:
            assert values <= set(field.choices), f"{step}: {group} offers {values - set(field.choices)}"


def test_every_step_of_the_table_has_a_phrase_and_a_verb():
    assert STEPS and all(step.phrase and step.function for step in STEPS)
    assert len({(step.kind, step.phrase) for step in STEPS}) == len(STEPS)


def test_a_truth_cell_says_yes_no_or_unstated():
    assert (Truth.of("Yes"), Truth.of("no"), Truth.of("-"), Truth.of("")) == (True, False, None, None)
    with pytest.raises(SpecError):
        Truth.of("maybe")
