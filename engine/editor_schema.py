"""JSON Schema 2020-12 for scenario and rule files, generated from a rulebook's vocabulary.

Editors (VS Code through yaml-language-server, JetBrains, ...) complete and check files
with these; `comitatus validate` stays the authority (it also checks references, dates
against one another and citation forms). Every enum comes from the loaded vocabulary, so
a word the rulebook adds is offered without a change here; the shipped files in schemas/
are this module's output for the bundled rulebook, and a test keeps them equal.
"""
from __future__ import annotations

from typing import Any

from .model import EFFECTS, FieldSpec, Vocabulary, flat_fields
from .rule_reader import RULE_OPTIONAL, RULE_REQUIRED, SCOPE_KEYS, owned_facts
from .validate import FORCE_KEYS, LOCATION_KEYS, TASK_KEYS, TOP_OPTIONAL, TOP_REQUIRED
from .vocabulary import FIELD_TYPES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE = "https://comitatus.invalid/schemas/"
WORD = "^[a-z0-9][a-z0-9_-]*$"
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
TEXT = {"type": "string"}
EXTENSIONS = {"^x-": {}}


def _exactly(properties: dict, keys: tuple) -> dict:
    """The engine's own keys, in its order: one it reads that is not described here takes any value."""
    return {key: properties.get(key, {}) for key in keys}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(words: Any, description: str | None = None) -> dict:
    schema: dict[str, Any] = {"type": "string", "enum": sorted(words)}
    if description:
        schema["description"] = description
    return schema


def field_schema(spec: FieldSpec, vocabulary: Vocabulary) -> dict:
    """One declared field as JSON Schema; null is allowed where the field is not required."""
    kind = spec.type
    schema: dict[str, Any]
    if kind == "integer":
        schema = {"type": "integer"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
        if spec.choices:
            schema["enum"] = list(spec.choices)
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "date":
        schema = dict(DATE)
    elif kind == "word":
        # a free word is written as people write it ('FBI'); the engine lower-cases it
        schema = {"type": "string", "enum": list(spec.choices)} if spec.choices else dict(TEXT)
    elif kind in ("words", "forces"):
        schema = {"type": "array", "items": TEXT}
    elif kind == "activities":
        schema = {"type": "array", "items": _enum(set(vocabulary.activity_words) | set(vocabulary.activity_classes),
                                                  "an activity, a synonym or an activity class")}
    elif kind == "areas":
        schema = {"type": "array", "items": {"type": "string", "description": "a location id or a location kind: "
                                             + ", ".join(sorted(vocabulary.location_words))}}
    elif kind == "mapping":
        schema = _object(spec.fields, vocabulary)
    else:                                     # text, citation, location, and any type added later
        schema = dict(TEXT)
    schema["description"] = f"{kind}{' (required)' if spec.required else ''}"
    return schema if spec.required else _nullable(schema)


def _object(specs: tuple[FieldSpec, ...], vocabulary: Vocabulary, extra: dict | None = None) -> dict:
    properties = dict(extra or {})
    properties.update({spec.name: field_schema(spec, vocabulary) for spec in specs})
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [spec.name for spec in specs if spec.required]
    if required:
        schema["required"] = required
    return schema


def _fact(spec: FieldSpec, vocabulary: Vocabulary) -> dict:
    """A force's or place's own fact; a word is accepted in either case, as the engine lower-cases it."""
    if spec.type == "word" and spec.choices:
        words = sorted({str(c) for c in spec.choices} | {str(c).upper() for c in spec.choices})
        return _nullable({"type": "string", "enum": words, "description": spec.type})
    return field_schema(spec, vocabulary)


def scenario_schema(vocabulary: Vocabulary) -> dict:
    """The scenario file: forces, locations, events by kind, circumstances and tasks."""
    statuses = list(vocabulary.statuses)
    force: dict[str, Any] = {
        "type": "object", "required": ["id", "component"], "additionalProperties": False,
        "properties": {"id": TEXT, "name": _nullable(TEXT),
                       "component": _enum(vocabulary.components, "the force's component"),
                       "status": _nullable(_enum(statuses, "the force's duty status")),
                       "basis": _nullable(TEXT), "personnel": _nullable({"type": "integer", "minimum": 0}),
                       "description": _nullable(TEXT)},
        "allOf": [_component_rule(name, component) for name, component in vocabulary.components.items()],
    }
    force["properties"].update({spec.name: _fact(spec, vocabulary) for spec in vocabulary.force_facts})
    force["properties"] = _exactly(force["properties"], ("id",) + FORCE_KEYS
                                   + tuple(spec.name for spec in vocabulary.force_facts))
    location = {"type": "object", "required": ["id", "kind"], "additionalProperties": False,
                "properties": {"id": TEXT, "kind": _enum(vocabulary.location_words, "a location kind or synonym"),
                               "name": _nullable(TEXT), "description": _nullable(TEXT)}}
    location["properties"].update({spec.name: _fact(spec, vocabulary) for spec in vocabulary.location_facts})
    location["properties"] = _exactly(location["properties"], ("id",) + LOCATION_KEYS
                                      + tuple(spec.name for spec in vocabulary.location_facts))
    event = {"type": "object", "required": ["id", "kind"],
             "properties": {"id": TEXT, "kind": _enum(vocabulary.event_kinds, "the event's kind")},
             "allOf": [{"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                        "then": _object(kind.fields, vocabulary,
                                        {"id": TEXT, "kind": {"const": name}})}
                       for name, kind in vocabulary.event_kinds.items()]}
    task_properties: dict[str, Any] = {
        "id": {"type": "string", "minLength": 1, "maxLength": 100},
        "force": {"type": "string", "description": "a force id declared under forces"},
        "activity": _enum(vocabulary.activity_words, "an activity or one of its synonyms"),
        "date": _nullable(DATE), "location": _nullable({"type": "string", "description":
                                                        "a location id, or a location kind: "
                                                        + ", ".join(sorted(vocabulary.location_words))}),
        "supports": _nullable(_agency(vocabulary)), "authority": _nullable(TEXT), "description": _nullable(TEXT)}
    task_properties = _exactly(task_properties, ("id",) + TASK_KEYS)
    task = _object(vocabulary.task_facts, vocabulary, task_properties)
    task["required"] = ["id", "force", "activity"]
    properties = {"scenario": TEXT, "as_of": DATE, "description": _nullable(TEXT),
                  "sources": _nullable({"type": "array", "items": _nullable(TEXT)}),
                  "locations": _nullable({"type": "array", "items": {"$ref": "#/$defs/location"}}),
                  "forces": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/force"}},
                  "events": _nullable({"type": "array", "items": {"$ref": "#/$defs/event"}}),
                  "circumstances": _nullable(_object(vocabulary.circumstances, vocabulary)),
                  "tasks": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/task"}}}
    properties = _exactly(properties, TOP_REQUIRED + TOP_OPTIONAL)
    return {"$schema": DRAFT, "$id": BASE + "scenario.schema.json", "title": "Comitatus scenario",
            "description": "Generated by `comitatus schema scenario` from the rulebook's vocabulary.",
            "type": "object", "required": list(TOP_REQUIRED), "properties": properties,
            "patternProperties": EXTENSIONS, "additionalProperties": False,
            "$defs": {"force": force, "location": location, "event": event, "task": task}}


def _agency(vocabulary: Vocabulary) -> dict:
    """A scenario's `supports`: free text as people write it ('CBP'), read to one of the agencies."""
    if vocabulary.agencies is None:
        return TEXT
    return {"type": "string", "description": "the agency supported (any case, spaces for underscores, "
            "or a synonym): " + ", ".join(sorted(vocabulary.agencies))}


def _component_rule(name: str, component: Any) -> dict:
    then: dict[str, Any] = {"properties": {"status": _nullable({"enum": list(component.statuses)})}}
    if component.default_status is None:
        then = {"properties": {"status": {"enum": list(component.statuses)}}, "required": ["status"]}
    return {"if": {"properties": {"component": {"const": name}}, "required": ["component"]}, "then": then}


def rules_schema(vocabulary: Vocabulary) -> dict:
    """A rules/ file: rules and authorities (the vocabulary file is described loosely)."""
    one_or_many = lambda item: {"anyOf": [item, {"type": "array", "minItems": 1, "items": item}]}  # noqa: E731
    scope_words = {"component": _enum(vocabulary.components), "status": _enum(vocabulary.statuses),
                   "activity": _enum(vocabulary.activity_words),
                   "activity_class": _enum(vocabulary.activity_classes),
                   "location": _enum(vocabulary.location_words),
                   "supports": _enum(vocabulary.agencies) if vocabulary.agencies is not None else TEXT}
    own = owned_facts(vocabulary)
    scope_words.update({key: _enum(spec.choices) if spec.choices else {"type": "string"}
                        for key, spec in own.items()})
    scope_words = _exactly(scope_words, SCOPE_KEYS + tuple(own))
    when = {"type": "object", "additionalProperties": False,
            "properties": {key: one_or_many(scope_words[key]) for key in scope_words}}
    says = {"type": "string", "minLength": 1}
    event_test = {"type": "object", "required": ["event"],
                  "properties": {"event": _enum(vocabulary.event_kinds), "where": {"type": "object"},
                                 "says": says},
                  "additionalProperties": False,
                  "allOf": [{"if": {"properties": {"event": {"const": name}}, "required": ["event"]},
                             "then": {"properties": {"where": _tests(kind.testable())}}}
                            for name, kind in vocabulary.event_kinds.items()]}
    facts_test = {"type": "object", "required": ["facts"], "additionalProperties": False,
                  "properties": {"facts": _tests(flat_fields(vocabulary.task_facts)), "says": says}}
    circumstances_test = {"type": "object", "required": ["circumstances"], "additionalProperties": False,
                          "properties": {"circumstances": _tests(flat_fields(vocabulary.circumstances)),
                                         "says": says}}
    test = {"oneOf": [{"$ref": "#/$defs/event_test"}, {"$ref": "#/$defs/facts_test"},
                      {"$ref": "#/$defs/circumstances_test"}]}
    requirement = {"anyOf": [test, {"type": "object", "required": ["any", "says"], "additionalProperties": False,
                                    "properties": {"any": {"type": "array", "minItems": 1, "items": test},
                                                   "says": says}}]}
    trigger_test = {"type": "object", "required": ["facts"], "additionalProperties": False,
                    "properties": {"facts": _tests(flat_fields(vocabulary.circumstances)), "says": says}}
    trigger = {"anyOf": [trigger_test, {"type": "object", "required": ["any", "says"], "additionalProperties": False,
                                        "properties": {"any": {"type": "array", "minItems": 1,
                                                               "items": trigger_test}, "says": says}}]}
    citations = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1, "maxLength": 200}}
    rule_properties = {
        "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$"}, "title": says,
        "effect": {"enum": list(EFFECTS)}, "citations": citations, "source": says,
        "effective": DATE, "because": says, "until": _nullable(DATE), "when": _nullable(when),
        "requires": _nullable({"type": "array", "items": requirement}),
        "overrides": _nullable({"type": "array", "items": {"type": "string", "pattern": "^(\\*|[a-z0-9][a-z0-9.-]*\\*?)$"}}),
        "conditions": _nullable({"type": "array", "items": says}),
        "readings": _nullable({"type": "array", "items": {
            "type": "object", "required": ["reading", "citation", "source"], "additionalProperties": False,
            "properties": {"reading": says, "citation": says, "source": says}}}),
        "verified": {"type": "boolean"}, "note": _nullable(TEXT)}
    rule_properties = _exactly(rule_properties, RULE_REQUIRED + RULE_OPTIONAL)
    rule = {"type": "object", "required": list(RULE_REQUIRED), "additionalProperties": False,
            "properties": rule_properties}
    authority = {"type": "object", "additionalProperties": False,
                 "required": ["id", "authority", "section", "citations", "source", "triggers"],
                 "properties": {"id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$"},
                                "authority": {"type": "string", "pattern": WORD},
                                "section": {"type": ["integer", "string"]}, "citations": citations,
                                "source": says, "triggers": {"type": "array", "minItems": 1, "items": trigger},
                                "title": _nullable(TEXT), "because": _nullable(TEXT)}}
    field_decl = {"type": "object", "required": ["type"], "additionalProperties": False,
                  "properties": {"type": {"enum": list(FIELD_TYPES)}, "required": {"type": "boolean"},
                                 "choices": {"type": "array"}, "min": {"type": "integer"},
                                 "max": {"type": "integer"}, "fields": {"$ref": "#/$defs/fields"}}}
    return {"$schema": DRAFT, "$id": BASE + "rules.schema.json", "title": "Comitatus rule file",
            "description": "Generated by `comitatus schema rules` from the rulebook's vocabulary: a rules/*.yaml "
                           "file holds rules and authorities, or (vocabulary.yaml) the vocabulary.",
            "type": "object", "additionalProperties": False, "patternProperties": EXTENSIONS,
            "properties": {"rules": _nullable({"type": "array", "items": {"$ref": "#/$defs/rule"}}),
                           "authorities": _nullable({"type": "array", "items": {"$ref": "#/$defs/authority"}}),
                           "vocabulary": {"type": "object"}},
            "$defs": {"rule": rule, "authority": authority, "event_test": event_test, "facts_test": facts_test,
                      "circumstances_test": circumstances_test,
                      "fields": {"type": ["object", "null"], "additionalProperties": {"$ref": "#/$defs/field"}},
                      "field": field_decl}}


def _tests(specs: dict[str, FieldSpec]) -> dict:
    """The fields a rule may test, each with a value (or values) of its type."""
    def value(spec: FieldSpec) -> dict:
        base: dict[str, Any] = {"integer": {"type": "integer"}, "boolean": {"type": "boolean"},
                                "date": {"type": "boolean", "description": "true: set on or before the task's date"}
                                }.get(spec.type, {"type": "string"})
        if spec.choices:
            base = {**base, "enum": list(spec.choices) + (["unstated"] if spec.type == "word" else [])}
        return {"anyOf": [base, {"type": "array", "minItems": 1, "items": base}]}
    return {"type": "object", "additionalProperties": False,
            "properties": {name: value(spec) for name, spec in specs.items()}}


def schema_for(kind: str, vocabulary: Vocabulary) -> dict:
    return {"scenario": scenario_schema, "rules": rules_schema}[kind](vocabulary)
