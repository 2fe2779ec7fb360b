"""Loading rules/: every rule checked against the rule language and the vocabulary."""
from __future__ import annotations

import datetime
import glob
import hashlib
import os
import re
import sys
from typing import Any

from .errors import HINTS, ComitatusError, RulebookError, SourceLocation, closest, raise_all, shown
from .model import (EFFECTS, PERMISSIVE, Authority, FieldSpec, Reading, Requirement, Rule,
                    Rulebook, Test, Vocabulary, flat_fields)
from .shape import WORD, Checker
from .source import decode, parse_yaml, read_bytes
from .vocabulary import read_vocabulary

RULE_ID = re.compile(r"[a-z0-9][a-z0-9.-]*\Z")
SCOPE_KEYS = ("component", "status", "activity", "activity_class", "location", "supports")
RULE_REQUIRED = ("id", "title", "effect", "citations", "source", "effective", "because")
RULE_OPTIONAL = ("until", "when", "requires", "overrides", "conditions", "readings", "verified", "note")
VOCABULARY_FILE = "vocabulary.yaml"
# What a rule may put in front of durable_rules. More than 512 distinct tests under one node
# hang set_rulesets in C, uninterruptibly; CONDITION_BUDGET keeps every subject's distinct
# tests well below, whatever compile.py's chunking puts together.
MAX_VALUES = 64
MAX_REQUIREMENTS = 16
CONDITION_BUDGET = 400
CITATION_LIMIT = 200
INT_LIMIT = 10 ** 9
MAX_INT = 2 ** 53 - 1
UNTESTABLE = ("forces", "areas", "location", "mapping")     # scope fields, not facts the network sees


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
    paths = sorted(glob.glob(os.path.join(glob.escape(directory), "*.yaml")))
    vocab_path = os.path.join(directory, VOCABULARY_FILE)
    if vocab_path not in paths:
        raise RulebookError("rules-not-found", f"{directory} has no {VOCABULARY_FILE}")
    strays = sorted(glob.glob(os.path.join(glob.escape(directory), "*.yml")))
    if strays:    # read nothing silently, skip nothing silently
        raise RulebookError("stray-file", "rule files end in .yaml: rename this one or move it away",
                            where=SourceLocation(strays[0]))
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
                                            did_you_mean=closest(pattern, ids) if len(errors) < HINTS else None))
            defeats.extend(i for i in found if i not in defeats)
        linked[rule.id] = _replace(rule, defeats=tuple(sorted(defeats)))
    depth = _depths(linked, errors)
    _budget(rules, authorities, errors)
    seen_authority: set[str] = set()
    for authority in authorities:
        if authority.id in seen_authority or authority.id in by_id:
            errors.append(RulebookError("duplicate-id", f"duplicate id '{authority.id}'", where=authority.where))
        seen_authority.add(authority.id)
    raise_all(errors)
    ordered = tuple(linked[i] for i in ids)
    return Rulebook(ordered, tuple(sorted(authorities, key=lambda a: a.id)), vocabulary, digest,
                    os.path.abspath(directory), by_id={r.id: r for r in ordered}, depth=depth)


def _budget(rules: list[Rule], authorities: list[Authority], errors: list[ComitatusError]) -> None:
    """Refuse a rulebook whose tests on one kind of fact could hang durable_rules.

    Identical tests are shared in a network and distinct ones become siblings, so a node has
    no more children than its ruleset has distinct tests. Two bounds on that, whichever is
    lower: the distinct tests of the whole rulebook, and the sum of the CHUNK largest rules'
    own (a ruleset holds at most CHUNK durable rules, from at most CHUNK source rules).
    Reported at the rule where the first bound is passed, only when both are.
    """
    from .compile import CHUNK

    subjects = ("task", "event", "circumstances")
    seen: dict[str, set] = {subject: set() for subject in subjects}
    sizes: dict[str, list[int]] = {subject: [] for subject in subjects}
    passed: dict[str, Any] = {}

    def add(subject: str, tests: set, where: Any) -> None:
        if not tests:
            return
        sizes[subject].append(len(tests))
        seen[subject] |= tests
        if len(seen[subject]) > CONDITION_BUDGET and subject not in passed:
            passed[subject] = where

    def field_tests(test: Test) -> set:
        return {(test.subject, test.event_kind, name, value) for name, values in test.fields
                for value in values + ("unstated",)}

    for rule in rules:
        tests = [t for requirement in rule.requires for t in requirement.alternatives]
        window = {("from", rule.effective)} | ({("until", rule.until)} if rule.until else set())
        scope = {(key, value) for key, values in rule.when for value in values}
        add("task", window | scope | {t for test in tests if test.subject != "event" for t in field_tests(test)},
            rule.where)
        add("event", {t for test in tests if test.subject == "event"
                      for t in {("ekind", test.event_kind)} | field_tests(test)}, rule.where)
    for authority in authorities:
        add("circumstances", {t for requirement in authority.triggers for test in requirement.alternatives
                              for t in field_tests(test)}, authority.where)
    for subject in subjects:
        shared = sum(sorted(sizes[subject], reverse=True)[:CHUNK])
        if subject in passed and shared > CONDITION_BUDGET:
            errors.append(RulebookError("too-many", f"the rulebook tests {len(seen[subject])} distinct values on "
                                        f"{subject} facts, and {CHUNK} of its rules together up to {shared} (keep "
                                        f"either at most {CONDITION_BUDGET}: the matching engine hangs past 512 "
                                        "alternatives at one node)", where=passed[subject]))


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
    """Turns one rule file's mappings into Rules, reporting problems through its Checker.

    Everything a rule says ends up as an equality test in a durable_rules pattern, so the
    reader admits exactly what compile.py can emit safely: known keys, vocabulary words,
    scalar values of the field's own type (never a mapping, which durable would read as a
    reference or an operator), few values per test, each once, and integers in range.
    """

    def __init__(self, check: Checker, vocabulary: Vocabulary) -> None:
        self.check = check
        self.vocab = vocabulary

    def rule(self, raw: Any, path: tuple) -> Rule | None:
        check = self.check
        data = check.mapping(raw, path, "rule", required=RULE_REQUIRED, optional=RULE_OPTIONAL)
        if data is None or any(key not in data for key in RULE_REQUIRED):
            return None
        rule_id = data["id"]
        if not isinstance(rule_id, str) or not RULE_ID.match(rule_id) or len(rule_id) > 200:
            check.fail("bad-id", f"rule id {shown(rule_id)} must match [a-z0-9][a-z0-9.-]*", path + ("id",))
            return None
        effect = check.word(data["effect"], path + ("effect",), "effect", EFFECTS)
        effective = check.date(data["effective"], path + ("effective",), "effective", nullable=False)
        until = check.date(data.get("until"), path + ("until",), "until")
        if effective and until and until < effective:
            check.fail("never-in-force", f"rule '{rule_id}' ends ({until}) before it starts ({effective})",
                       path + ("until",))
        citations = self.citations(data["citations"], path + ("citations",))
        readings = self.readings(data.get("readings"), path + ("readings",))
        conditions = self.texts(data.get("conditions"), path + ("conditions",), "condition")
        if effect == "contested" and len(readings) < 2:
            check.fail("missing-readings", f"contested rule '{rule_id}' needs at least two readings", path)
        if effect == "conditional" and not conditions:
            check.fail("missing-conditions", f"conditional rule '{rule_id}' must list its conditions", path)
        overrides = self.overrides(data.get("overrides"), path + ("overrides",))
        if overrides and effect not in PERMISSIVE:
            check.fail("bad-override", f"only permit, conditional or contested rules may override "
                       f"(rule '{rule_id}' is {effect})", path + ("overrides",))
        verified = data.get("verified", True)
        if not isinstance(verified, bool):
            check.fail("wrong-type", f"verified must be true or false, found "
                       f"{check.found(verified, path + ('verified',))}", path + ("verified",))
        rule = Rule(
            id=rule_id, title=check.text(data["title"], path + ("title",), "title", nullable=False) or "",
            effect=effect or "prohibit", citations=citations,
            source=check.text(data["source"], path + ("source",), "source", nullable=False) or "",
            effective=effective or datetime.date.min, until=until,
            when=self.scope(data.get("when"), path + ("when",)),
            requires=self.requirements(data.get("requires"), path + ("requires",), "task"),
            overrides=overrides, defeats=(),
            because=" ".join((check.text(data["because"], path + ("because",), "because",
                                         nullable=False) or "").split()),
            conditions=conditions, readings=readings, verified=verified is not False,
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
        ident = data["id"]
        if not isinstance(ident, str) or not RULE_ID.match(ident) or len(ident) > 200:
            check.fail("bad-id", f"authority id {shown(ident)} must match [a-z0-9][a-z0-9.-]*", path + ("id",))
            return None
        name = check.word(data.get("authority"), path + ("authority",), "authority") \
            if "authority" in data else None
        section = data.get("section")
        if isinstance(section, bool) or not isinstance(section, (int, str)) or \
                (isinstance(section, int) and not 0 <= section <= MAX_INT) or \
                (isinstance(section, str) and not 0 < len(section.strip()) <= 50):
            check.fail("wrong-type", f"section must be a section number or a short text, found "
                       f"{check.found(section, path + ('section',))}", path + ("section",))
        for key in ("title", "because"):
            check.text(data.get(key), path + (key,), key)
        triggers = self.requirements(data.get("triggers"), path + ("triggers",), "circumstances")
        if "triggers" in data and not triggers and not check.errors:
            check.fail("empty-list", "an authority needs at least one trigger", path + ("triggers",))
        return Authority(ident, name or "", section,
                         self.citations(data.get("citations"), path + ("citations",)),
                         check.text(data.get("source"), path + ("source",), "source", nullable=False) or "",
                         triggers, where=check.doc.where(path + ("id",)))

    def texts(self, raw: Any, path: tuple, what: str) -> tuple[str, ...]:
        return tuple(text for i, item in enumerate(self.check.items(raw, path, f"{what}s"))
                     if (text := self.check.text(item, path + (i,), what, nullable=False)))

    def overrides(self, raw: Any, path: tuple) -> tuple[str, ...]:
        """Rule ids or `prefix*` globs, each once."""
        result: list[str] = []
        for index, item in enumerate(self.check.items(raw, path, "overrides")):
            pattern = item[:-1] if isinstance(item, str) and item.endswith("*") else item
            if not isinstance(item, str) or (pattern and not RULE_ID.match(pattern)) or len(item) > 200:
                self.check.fail("bad-id", f"overrides names {self.check.found(item, path + (index,))}: "
                                "write a rule id, or a prefix ending in '*'", path + (index,))
            elif item in result:
                self.check.fail("duplicate-word", f"overrides lists {shown(item)} twice", path + (index,))
            else:
                result.append(item)
        return tuple(result)

    def citations(self, raw: Any, path: tuple) -> tuple[str, ...]:
        items = self.check.items(raw, path, "citations", nullable=False, non_empty=True)
        result = []
        for index, text in enumerate(items):
            text = self.check.text(text, path + (index,), "citation", limit=CITATION_LIMIT)
            if text is None:
                continue
            for contains, pattern, example in self.vocab.citation_forms:
                if contains in text and not re.match(pattern, text):
                    self.check.fail("bad-citation", f"citation {shown(text)} is not in the form "
                                    f"'{example}'", path + (index,))
            result.append(text)
        return tuple(result)

    def readings(self, raw: Any, path: tuple) -> tuple[Reading, ...]:
        result = []
        for index, item in enumerate(self.check.items(raw, path, "readings")):
            here = path + (index,)
            data = self.check.mapping(item, here, "reading", required=("reading", "citation", "source")) or {}
            texts = [self.check.text(data[k], here + (k,), k, nullable=False,
                                     limit=CITATION_LIMIT if k == "citation" else None) if k in data else None
                     for k in ("reading", "citation", "source")]
            if all(texts):
                result.append(Reading(" ".join(texts[0].split()), texts[1], texts[2]))
        return tuple(result)

    def scope(self, raw: Any, path: tuple) -> tuple[tuple[str, tuple[str, ...]], ...]:
        data = self.check.mapping(raw if raw is not None else {}, path, "when", optional=SCOPE_KEYS) or {}
        vocab = self.vocab
        words = {"component": list(vocab.components), "status": list(vocab.statuses),
                 "activity": vocab.activity_words, "activity_class": list(vocab.activity_classes),
                 "location": vocab.location_words, "supports": None}
        result = []
        for key in SCOPE_KEYS:
            if key not in data:
                continue
            canonical = []
            for value, where in self.values(data[key], path + (key,), f"when.{key}"):
                word = self.check.word(value, where, key, words[key], code=f"unknown-{key}")
                if word and word not in canonical:
                    canonical.append(word)
            result.append((key, tuple(canonical)))
        return tuple(result)

    def values(self, raw: Any, path: tuple, what: str) -> list[tuple[Any, tuple]]:
        """A value or a short list of distinct scalar values, each with its path."""
        if not isinstance(raw, list):
            return [(raw, path)]
        if not raw:
            self.check.fail("empty-list", f"{what} names nothing", path)
        elif len(raw) > MAX_VALUES:
            self.check.fail("too-many", f"{what} lists {len(raw)} values (at most {MAX_VALUES}: each is a "
                            "branch of the matching network)", path)
            return []
        seen: list = []
        result = []
        for index, value in enumerate(raw):
            if isinstance(value, (str, int)) and not isinstance(value, bool) and value in seen:
                self.check.fail("duplicate-word", f"{what} lists {shown(value)} twice", path + (index,))
                continue
            seen.append(value)
            result.append((value, path + (index,)))
        return result

    def requirements(self, raw: Any, path: tuple, subject: str) -> tuple[Requirement, ...]:
        result = []
        items = self.check.items(raw, path, path[-1])
        if len(items) > MAX_REQUIREMENTS:
            self.check.fail("too-many", f"{len(items)} requirements (at most {MAX_REQUIREMENTS})", path)
            return ()
        for index, item in enumerate(items):
            here = path + (index,)
            if isinstance(item, dict) and "any" in item:
                data = self.check.mapping(item, here, "requirement", required=("any", "says")) or {}
                options = self.check.items(data.get("any"), here + ("any",), "any", non_empty=True)
                if len(options) > MAX_REQUIREMENTS:
                    self.check.fail("too-many", f"{len(options)} alternatives (at most {MAX_REQUIREMENTS})",
                                    here + ("any",))
                    continue
                alternatives = tuple(t for i, alt in enumerate(options)
                                     if (t := self.test(alt, here + ("any", i), subject, says=False)))
                says = self.check.text(data.get("says"), here + ("says",), "says", nullable=False) or ""
            else:
                test = self.test(item, here, subject, says=True)
                alternatives = (test,) if test else ()
                says = self.check.text(item.get("says"), here + ("says",), "says", nullable=False) or "" \
                    if isinstance(item, dict) and "says" in item else ""
            if alternatives:
                result.append(Requirement(alternatives, " ".join(says.split())))
        return tuple(result)

    def test(self, raw: Any, path: tuple, subject: str, *, says: bool) -> Test | None:
        check = self.check
        keys_event = ("event", "where") + (("says",) if says else ())
        if isinstance(raw, dict) and "event" in raw and subject == "task":
            data = check.mapping(raw, path, "event requirement", required=("event",) + (("says",) if says else ()),
                                 optional=("where",)) or {}
            kind = check.word(data.get("event"), path + ("event",), "event kind", list(self.vocab.event_kinds),
                              code="unknown-event-kind")
            if kind is None:
                return None
            specs = flat_fields(self.vocab.event_kinds[kind].fields)
            where = data.get("where")
            fields = self.fields(where if where is not None else {}, path + ("where",), specs,
                                 f"event kind '{kind}'")
            return Test("event", kind, fields)
        if isinstance(raw, dict) and "circumstances" in raw and subject == "task":
            data = check.mapping(raw, path, "circumstances requirement",
                                 required=("circumstances",) + (("says",) if says else ())) or {}
            fields = self.fields(data.get("circumstances"), path + ("circumstances",),
                                 flat_fields(self.vocab.circumstances), "circumstances")
            if not fields and data.get("circumstances") == {}:
                check.fail("empty-list", "circumstances names no field: the requirement would test nothing",
                           path + ("circumstances",))
            return Test("circumstances", None, fields) if fields else None
        if isinstance(raw, dict) and "event" in raw:
            check.fail("wrong-type", "an authority's triggers test the scenario's circumstances "
                       "(facts: ...), never events", path + ("event",), key=True)
            return None
        data = check.mapping(raw, path, "requirement", required=("facts",) + (("says",) if says else ()),
                             optional=keys_event + ("circumstances",) if subject == "task" else ())
        if data is None or "facts" not in data:
            return None
        specs = self.vocab.task_facts if subject == "task" else self.vocab.circumstances
        fields = self.fields(data["facts"], path + ("facts",), flat_fields(specs), subject)
        if not fields and isinstance(data["facts"], dict) and not data["facts"]:
            check.fail("empty-list", "facts names no field: the requirement would test nothing",
                       path + ("facts",))
        return Test("facts", None, fields) if fields else None

    def fields(self, raw: Any, path: tuple, specs: dict[str, FieldSpec], what: str) -> tuple:
        """Field tests: each field one value, or a short list of values, of its declared type."""
        data = self.check.mapping(raw, path, f"fields of {what}", optional=tuple(specs)) or {}
        result = []
        for name in sorted(data):
            if name not in specs:
                continue
            spec = specs[name]
            if spec.type in UNTESTABLE:
                self.check.fail("wrong-type", f"{what} field '{name}' is {spec.type}, which a rule cannot test",
                                path + (name,), key=True)
                continue
            values = []
            for value, where in self.values(data[name], path + (name,), f"field '{name}'"):
                if self.field_value(value, where, name, spec, what):
                    values.append(value)
            if values:
                result.append((name, tuple(values)))
        return tuple(result)

    def field_value(self, value: Any, path: tuple, name: str, spec: FieldSpec, what: str) -> bool:
        """Whether `value` is a scalar of the field's type that compile.py may put in a pattern."""
        check = self.check
        expected = {"integer": int, "boolean": bool, "date": bool}.get(spec.type, str)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            note = " (a date field is tested with true: set on or before the task's date)" \
                if spec.type == "date" else ""
            check.fail("wrong-type", f"{what} field '{name}' is {spec.type}; cannot test it with "
                       f"{check.found(value, path)}{note}", path)
            return False
        if spec.type == "integer":
            low = spec.minimum if spec.minimum is not None else -INT_LIMIT
            high = spec.maximum if spec.maximum is not None else INT_LIMIT
            if not low <= value <= high:
                check.fail("out-of-range", f"{what} field '{name}' must be between {low} and {high}, "
                           f"found {value}", path)
                return False
        if isinstance(value, str):
            if spec.type in ("word", "words") and not WORD.match(value):
                check.fail("bad-word", f"{shown(value)} must match [a-z0-9][a-z0-9_-]*", path)
                return False
            if not value.strip() or len(value) > CITATION_LIMIT or value.startswith("$"):
                check.fail("bad-value", f"{what} field '{name}' cannot be tested with {shown(value)}: "
                           f"write a value of 1 to {CITATION_LIMIT} characters not starting with '$'", path)
                return False
        if spec.choices and value not in spec.choices:
            if isinstance(value, int):
                check.fail("out-of-range", f"{what} field '{name}' must be one of "
                           f"{', '.join(map(str, spec.choices))}, found {value}", path)
            else:
                check.fail("unknown-word", f"{shown(value)} is not a value of field '{name}'",
                           path, hint=self.check.closest(str(value), [str(c) for c in spec.choices]))
            return False
        return True
