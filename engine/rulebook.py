"""Loading rules/: every rule checked against the rule language and the vocabulary."""
from __future__ import annotations

import datetime
import glob
import hashlib
import os
import re
import sys
from typing import Any

from .errors import ComitatusError, RulebookError, closest, raise_all
from .model import (EFFECTS, PERMISSIVE, Authority, FieldSpec, Reading, Requirement, Rule,
                    Rulebook, Test, Vocabulary)
from .shape import Checker
from .source import decode, parse_yaml, read_bytes
from .vocabulary import read_vocabulary

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
SCOPE_KEYS = ("component", "status", "activity", "activity_class", "location", "supports")
RULE_REQUIRED = ("id", "title", "effect", "citations", "source", "effective", "because")
RULE_OPTIONAL = ("until", "when", "requires", "overrides", "conditions", "readings", "verified", "note")
VOCABULARY_FILE = "vocabulary.yaml"


def default_rules_dir() -> str:
    """rules/ beside the package in a checkout, else the copy installed with it."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "rules"), os.path.join(sys.prefix, "share", "comitatus", "rules")):
        if os.path.isfile(os.path.join(candidate, VOCABULARY_FILE)):
            return candidate
    return os.path.join(here, "rules")


def load_rulebook(directory: str | None = None) -> Rulebook:
    """Read, validate and index a rulebook directory; raises RulebookError or Problems."""
    directory = directory or default_rules_dir()
    if not os.path.isdir(directory):
        raise RulebookError("rules-not-found", f"rules directory not found: {directory}")
    paths = sorted(glob.glob(os.path.join(directory, "*.yaml")))
    vocab_path = os.path.join(directory, VOCABULARY_FILE)
    if vocab_path not in paths:
        raise RulebookError("rules-not-found", f"{directory} has no {VOCABULARY_FILE}")
    digest = hashlib.sha256()
    docs = {}
    errors: list[ComitatusError] = []
    for path in paths:
        try:
            raw = read_bytes(path, RulebookError)
            digest.update(os.path.basename(path).encode() + b"\0" + raw + b"\0")
            docs[path] = parse_yaml(decode(raw, path, RulebookError), path, RulebookError)
        except ComitatusError as exc:
            errors.append(exc)
    raise_all(errors)
    vocab_check = Checker(docs[vocab_path], RulebookError)
    vocabulary = read_vocabulary(vocab_check, docs[vocab_path].data)
    vocab_check.done()
    rules, authorities = [], []
    for path in paths:
        if path == vocab_path:
            continue
        check = Checker(docs[path], RulebookError)
        reader = _Reader(check, vocabulary)
        top = check.mapping(docs[path].data, (), "rule file", optional=("rules", "authorities"),
                            extensions=True) or {}
        for index, raw in enumerate(check.items(top.get("rules"), ("rules",), "rules")):
            rule = reader.rule(raw, ("rules", index))
            if rule:
                rules.append(rule)
        for index, raw in enumerate(check.items(top.get("authorities"), ("authorities",), "authorities")):
            authority = reader.authority(raw, ("authorities", index))
            if authority:
                authorities.append(authority)
        errors.extend(check.errors)
    raise_all(errors)
    return _link(rules, authorities, vocabulary, "sha256:" + digest.hexdigest(), directory)


def _link(rules: list[Rule], authorities: list[Authority], vocabulary: Vocabulary, digest: str,
          directory: str) -> Rulebook:
    """Resolve ids and override globs, refuse duplicates and cycles."""
    errors: list[ComitatusError] = []
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            errors.append(RulebookError("duplicate-id", f"duplicate rule id '{rule.id}' "
                                        f"(first at {by_id[rule.id].where})", where=rule.where))
        else:
            by_id[rule.id] = rule
    ids = sorted(by_id)
    linked = {}
    for rule in by_id.values():
        defeats: list[str] = []
        for pattern in rule.overrides:
            if pattern.endswith("*"):
                found = [i for i in ids if i.startswith(pattern[:-1]) and i != rule.id]
            else:
                found = [pattern] if pattern in by_id else []
            if not found:
                errors.append(RulebookError("unknown-reference", f"rule '{rule.id}' overrides "
                                            f"'{pattern}', which matches no rule", where=rule.where,
                                            did_you_mean=closest(pattern, ids)))
            defeats.extend(i for i in found if i not in defeats)
        linked[rule.id] = _replace(rule, defeats=tuple(sorted(defeats)))
    depth = _depths(linked, errors)
    seen_authority: set[str] = set()
    for authority in authorities:
        if authority.id in seen_authority or authority.id in by_id:
            errors.append(RulebookError("duplicate-id", f"duplicate id '{authority.id}'", where=authority.where))
        seen_authority.add(authority.id)
    raise_all(errors)
    ordered = tuple(linked[i] for i in ids)
    return Rulebook(ordered, tuple(sorted(authorities, key=lambda a: a.id)), vocabulary, digest,
                    os.path.abspath(directory), by_id={r.id: r for r in ordered}, depth=depth)


def _replace(rule: Rule, **changes: Any) -> Rule:
    from dataclasses import replace
    return replace(rule, **changes)


def _depths(rules: dict[str, Rule], errors: list[ComitatusError]) -> dict[str, int]:
    """Longest override chain below each rule; a cycle is an error."""
    depth: dict[str, int] = {}
    visiting: set[str] = set()

    def visit(rule_id: str, trail: tuple[str, ...]) -> int:
        if rule_id in depth:
            return depth[rule_id]
        if rule_id in visiting:
            cycle = " -> ".join(trail + (rule_id,))
            errors.append(RulebookError("override-cycle", f"overrides form a cycle: {cycle}",
                                        where=rules[rule_id].where))
            return 0
        visiting.add(rule_id)
        value = 1 + max((visit(d, trail + (rule_id,)) for d in rules[rule_id].defeats), default=-1)
        visiting.discard(rule_id)
        depth[rule_id] = value
        return value

    for rule_id in sorted(rules):
        visit(rule_id, ())
    return depth


class _Reader:
    """Turns one rule file's mappings into Rules, reporting problems through its Checker."""

    def __init__(self, check: Checker, vocabulary: Vocabulary) -> None:
        self.check = check
        self.vocab = vocabulary

    def rule(self, raw: Any, path: tuple) -> Rule | None:
        check = self.check
        data = check.mapping(raw, path, "rule", required=RULE_REQUIRED, optional=RULE_OPTIONAL)
        if data is None or any(key not in data for key in RULE_REQUIRED):
            return None
        rule_id = data["id"]
        if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
            check.fail("bad-id", f"rule id '{rule_id}' must match [a-z0-9][a-z0-9.-]*", path + ("id",))
            return None
        effect = check.word(data["effect"], path + ("effect",), "effect", EFFECTS)
        effective = check.date(data["effective"], path + ("effective",), "effective", nullable=False)
        until = check.date(data.get("until"), path + ("until",), "until")
        if effective and until and until < effective:
            check.fail("never-in-force", f"rule '{rule_id}' ends ({until}) before it starts ({effective})",
                       path + ("until",))
        citations = self.citations(data["citations"], path + ("citations",))
        readings = self.readings(data.get("readings"), path + ("readings",))
        conditions = tuple(check.text(c, path + ("conditions", i), "condition") or ""
                           for i, c in enumerate(check.items(data.get("conditions"), path + ("conditions",),
                                                             "conditions")))
        if effect == "contested" and len(readings) < 2:
            check.fail("missing-readings", f"contested rule '{rule_id}' needs at least two readings", path)
        if effect == "conditional" and not conditions:
            check.fail("missing-conditions", f"conditional rule '{rule_id}' must list its conditions", path)
        overrides = tuple(str(o) for o in check.items(data.get("overrides"), path + ("overrides",), "overrides"))
        if overrides and effect not in PERMISSIVE:
            check.fail("bad-override", f"only permit, conditional or contested rules may override "
                       f"(rule '{rule_id}' is {effect})", path + ("overrides",))
        verified = data.get("verified", True)
        if not isinstance(verified, bool):
            check.fail("wrong-type", "verified must be true or false", path + ("verified",))
        rule = Rule(
            id=rule_id, title=check.text(data["title"], path + ("title",), "title") or "",
            effect=effect or "prohibit", citations=citations,
            source=check.text(data["source"], path + ("source",), "source") or "",
            effective=effective or datetime.date.min, until=until,
            when=self.scope(data.get("when"), path + ("when",)),
            requires=self.requirements(data.get("requires"), path + ("requires",), "task"),
            overrides=overrides, defeats=(),
            because=" ".join((check.text(data["because"], path + ("because",), "because") or "").split()),
            conditions=conditions, readings=readings, verified=bool(verified),
            note=check.text(data.get("note"), path + ("note",), "note"),
            where=check.doc.where(path + ("id",)))
        return rule

    def authority(self, raw: Any, path: tuple) -> Authority | None:
        check = self.check
        data = check.mapping(raw, path, "authority",
                             required=("id", "authority", "section", "citations", "source", "triggers"),
                             optional=("title", "because"))
        if data is None or "id" not in data:
            return None
        return Authority(str(data["id"]), str(data.get("authority")), data.get("section"),
                         self.citations(data.get("citations"), path + ("citations",)),
                         str(data.get("source")),
                         self.requirements(data.get("triggers"), path + ("triggers",), "circumstances"),
                         where=check.doc.where(path + ("id",)))

    def citations(self, raw: Any, path: tuple) -> tuple[str, ...]:
        items = self.check.items(raw, path, "citations", nullable=False, non_empty=True)
        result = []
        for index, text in enumerate(items):
            text = self.check.text(text, path + (index,), "citation")
            if text is None:
                continue
            for contains, pattern, example in self.vocab.citation_forms:
                if contains in text and not re.match(pattern, text):
                    self.check.fail("bad-citation", f"citation '{text}' is not in the form "
                                    f"'{example}'", path + (index,))
            result.append(text)
        return tuple(result)

    def readings(self, raw: Any, path: tuple) -> tuple[Reading, ...]:
        result = []
        for index, item in enumerate(self.check.items(raw, path, "readings")):
            data = self.check.mapping(item, path + (index,), "reading",
                                      required=("reading", "citation", "source")) or {}
            if all(k in data for k in ("reading", "citation", "source")):
                result.append(Reading(" ".join(str(data["reading"]).split()), str(data["citation"]),
                                      str(data["source"])))
        return tuple(result)

    def scope(self, raw: Any, path: tuple) -> tuple[tuple[str, tuple[str, ...]], ...]:
        data = self.check.mapping(raw or {}, path, "when", optional=SCOPE_KEYS) or {}
        vocab = self.vocab
        words = {"component": list(vocab.components), "status": list(vocab.statuses),
                 "activity": vocab.activity_words, "activity_class": list(vocab.activity_classes),
                 "location": vocab.location_words, "supports": None}
        result = []
        for key in SCOPE_KEYS:
            if key not in data:
                continue
            values = data[key] if isinstance(data[key], list) else [data[key]]
            known = words[key]
            canonical = []
            for index, value in enumerate(values):
                where = path + (key, index) if isinstance(data[key], list) else path + (key,)
                word = self.check.word(value, where, key, known, code=f"unknown-{key}")
                if word and word not in canonical:
                    canonical.append(word)
            if not values:
                self.check.fail("empty-list", f"when.{key} names nothing", path + (key,))
            result.append((key, tuple(canonical)))
        return tuple(result)

    def requirements(self, raw: Any, path: tuple, subject: str) -> tuple[Requirement, ...]:
        result = []
        for index, item in enumerate(self.check.items(raw, path, "requires")):
            here = path + (index,)
            if isinstance(item, dict) and "any" in item:
                data = self.check.mapping(item, here, "requirement", required=("any", "says")) or {}
                alternatives = tuple(t for i, alt in enumerate(self.check.items(data.get("any"), here + ("any",),
                                                                                "any", non_empty=True))
                                     if (t := self.test(alt, here + ("any", i), subject, says=False)))
                says = self.check.text(data.get("says"), here + ("says",), "says", nullable=False) or ""
            else:
                test = self.test(item, here, subject, says=True)
                alternatives = (test,) if test else ()
                says = str(item.get("says", "")) if isinstance(item, dict) else ""
            if alternatives:
                result.append(Requirement(alternatives, " ".join(says.split())))
        return tuple(result)

    def test(self, raw: Any, path: tuple, subject: str, *, says: bool) -> Test | None:
        check = self.check
        keys_event = ("event", "where") + (("says",) if says else ())
        keys_facts = ("facts",) + (("says",) if says else ())
        if isinstance(raw, dict) and "event" in raw and subject == "task":
            data = check.mapping(raw, path, "event requirement", required=("event",) + (("says",) if says else ()),
                                 optional=("where",)) or {}
            kind = check.word(data.get("event"), path + ("event",), "event kind", list(self.vocab.event_kinds),
                              code="unknown-event-kind")
            if kind is None:
                return None
            specs = _flat(self.vocab.event_kinds[kind].fields)
            fields = self.fields(data.get("where") or {}, path + ("where",), specs, f"event kind '{kind}'")
            return Test("event", kind, fields)
        data = check.mapping(raw, path, "requirement", required=("facts",) + (("says",) if says else ()),
                             optional=keys_event if subject == "task" else ())
        if data is None or "facts" not in data:
            return None
        specs = self.vocab.task_facts if subject == "task" else self.vocab.circumstances
        fields = self.fields(data["facts"], path + ("facts",), _flat(specs), subject)
        return Test("facts", None, fields) if fields else None

    def fields(self, raw: Any, path: tuple, specs: dict[str, FieldSpec], what: str) -> tuple:
        data = self.check.mapping(raw, path, f"fields of {what}", optional=tuple(specs)) or {}
        result = []
        for name in sorted(data):
            if name not in specs:
                continue
            spec = specs[name]
            values = data[name] if isinstance(data[name], list) else [data[name]]
            for index, value in enumerate(values):
                expected = {"integer": int, "boolean": bool, "date": bool}.get(spec.type, str)
                if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                    note = " (a date field is tested with true: set on or before the task's date)" \
                        if spec.type == "date" else ""
                    self.check.fail("wrong-type", f"{what} field '{name}' is {spec.type}; "
                                    f"cannot test it with {value!r}{note}", path + (name,))
                elif spec.choices and value not in spec.choices:
                    self.check.fail("unknown-word", f"'{value}' is not a value of field '{name}'",
                                    path + (name,), hint=closest(str(value), [str(c) for c in spec.choices]))
            result.append((name, tuple(values)))
        return tuple(result)


def _flat(specs: tuple[FieldSpec, ...], prefix: str = "") -> dict[str, FieldSpec]:
    """Fields by dotted name: `state_request.by`."""
    result = {}
    for spec in specs:
        if spec.type == "mapping":
            result.update(_flat(spec.fields, prefix + spec.name + "."))
        else:
            result[prefix + spec.name] = spec
    return result
