"""One rule file's mappings turned into typed Rules and Authorities, every problem located."""
from __future__ import annotations

import datetime
import re
from typing import Any

from .checker import WORD, Checker
from .errors import shown
from .model import EFFECTS, Authority, FieldSpec, Reading, Requirement, Rule, Test, Vocabulary, flat_fields

RULE_ID = re.compile(r"[a-z0-9][a-z0-9.-]*\Z")
SCOPE_KEYS = ("component", "status", "activity", "activity_class", "location", "supports")
RULE_REQUIRED = ("id", "title", "effect", "citations", "source", "effective", "because")
RULE_OPTIONAL = ("until", "when", "requires", "overrides", "conditions", "readings", "verified", "note",
                 "cites_event", "lifted_by")
# What a rule may put in front of durable_rules (see engine/limits.py for why few).
MAX_VALUES = 64
MAX_REQUIREMENTS = 16
CITATION_LIMIT = 200
INT_LIMIT = 10 ** 9
MAX_INT = 2 ** 53 - 1
UNTESTABLE = ("forces", "areas", "location", "mapping", "activities", "event")   # scope fields, not facts


def owned_facts(vocabulary: Vocabulary) -> dict[str, FieldSpec]:
    """The force's and the place's own facts, as rules name them: `force.state`, `location.state`."""
    found = {f"force.{spec.name}": spec for spec in vocabulary.force_facts}
    found.update({f"location.{spec.name}": spec for spec in vocabulary.location_facts})
    return found


class RuleReader:
    """Turns one rule file's mappings into Rules, reporting problems through its Checker.

    Everything a rule says ends up as an equality test in a durable_rules pattern, so the
    reader admits exactly what compile/ can emit safely: known keys, vocabulary words,
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
        if overrides and effect == "oblige":
            check.fail("bad-override", f"an obligation cannot override (rule '{rule_id}' is {effect})",
                       path + ("overrides",))
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
            cites_event=self.cites_event(data.get("cites_event"), path + ("cites_event",)),
            lifted_by=check.text(data.get("lifted_by"), path + ("lifted_by",), "lifted_by"),
            where=check.doc.where(path + ("id",)))
        return rule

    def cites_event(self, raw: Any, path: tuple) -> tuple[str, str] | None:
        """`{event: KIND, field: NAME}`: the decision cites that text field of the events met."""
        if raw is None:
            return None
        data = self.check.mapping(raw, path, "cites_event", required=("event", "field")) or {}
        kind = self.check.word(data.get("event"), path + ("event",), "event kind", list(self.vocab.event_kinds),
                               code="unknown-event-kind") if "event" in data else None
        if kind is None or "field" not in data:
            return None
        spec = self.vocab.event_kinds[kind].field(data["field"]) if isinstance(data["field"], str) else None
        if spec is None or spec.type not in ("text", "citation", "word"):
            self.check.fail("unknown-reference", f"event kind '{kind}' has no text field "
                            f"{shown(data['field'])} to cite", path + ("field",))
            return None
        return kind, spec.name

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
        vocab = self.vocab
        own = owned_facts(vocab)
        keys = SCOPE_KEYS + tuple(own)
        data = self.check.mapping(raw if raw is not None else {}, path, "when", optional=keys) or {}
        words = {"component": list(vocab.components), "status": list(vocab.statuses),
                 "activity": vocab.activity_words, "activity_class": list(vocab.activity_classes),
                 "location": vocab.location_words,
                 "supports": list(vocab.agencies) if vocab.agencies is not None else None}
        words.update({key: [str(c) for c in spec.choices] or None for key, spec in own.items()})
        result = []
        for key in keys:
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
            specs = self.vocab.event_kinds[kind].testable()
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
        specs = flat_fields(self.vocab.task_facts) if subject == "task" else flat_fields(self.vocab.circumstances)
        if subject == "task":
            specs.update(owned_facts(self.vocab))
        fields = self.fields(data["facts"], path + ("facts",), specs, subject)
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
        """Whether `value` is a scalar of the field's type that compile/ may put in a pattern."""
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
