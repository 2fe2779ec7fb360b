"""Reading a scenario file to the contract, every word checked against the vocabulary."""
from __future__ import annotations

import datetime
import unicodedata
from typing import Any

from .errors import Hints, ScenarioError, first_at, shown
from .model import Event, FieldSpec, Force, Location, Scenario, Task, Vocabulary
from .checker import WORD, Checker
from .validate_quick import TASK_ID, TASK_KEYS, TEXT_LIMIT, QuickTasks
from .read import Document

TOP_REQUIRED = ("scenario", "as_of", "forces", "tasks")
TOP_OPTIONAL = ("description", "sources", "locations", "events", "circumstances")
FORCE_KEYS = ("name", "component", "status", "basis", "personnel", "description")
RULEBOOK_KEYS = ("rules", "authorities", "vocabulary")     # what a rule file holds instead
LOCATION_KEYS = ("kind", "name", "description")
# Free text like 'T1' or 'LA-3', but one short token, with nothing that hides or reorders text.
CITATION_LIMIT = 200        # a citation is matched with every enclosing section: keep it short


def read_scenario(doc: Document, vocabulary: Vocabulary, as_of: datetime.date | None = None) -> Scenario:
    """A validated Scenario, or ScenarioError/Problems listing every problem found."""
    return _ScenarioReader(Checker(doc, ScenarioError), vocabulary).read(as_of)


class _ScenarioReader:
    """One pass over a scenario; an id that was declared but is broken is reported once,
    where it is declared, and never again by the tasks and events that name it."""

    def __init__(self, check: Checker, vocabulary: Vocabulary) -> None:
        self.check = check
        self.vocab = vocabulary
        self.locations: dict[str, Location] = {}
        self.forces: dict[str, Force] = {}
        self.location_ids: dict[str, Any] = {}     # every declared id -> where, valid or not
        self.force_ids: dict[str, Any] = {}
        self.unreadable: set[str] = set()          # lists with a declaration whose id we could not read
        self.missing: dict[tuple[str, str], list] = {}   # (list, name) -> [path, label, what, hint, count]
        self.event_refs: list[tuple[tuple, str, str]] = []  # (path, label, id) of events naming events
        self.hints: dict[str, Hints] = {}          # what -> its did-you-mean index, built on first need

    def read(self, as_of_override: datetime.date | None) -> Scenario:
        check = self.check
        data = check.doc.data
        if isinstance(data, dict) and data and not set(data) & set(TOP_REQUIRED + TOP_OPTIONAL) \
                and set(data) & set(RULEBOOK_KEYS):
            check.fail("not-a-scenario", "this is a rule file (it has "
                       + ", ".join(f"'{key}'" for key in RULEBOOK_KEYS if key in data)
                       + "), not a scenario: give rules with --rules DIR", (next(iter(data)),), key=True)
            check.done()
        top = check.mapping(data, (), "scenario file", TOP_REQUIRED, TOP_OPTIONAL, extensions=True)
        if top is None:
            check.done()
        title = check.text(top.get("scenario"), ("scenario",), "scenario title", nullable=False) \
            if "scenario" in top else None
        as_of = check.date(top.get("as_of"), ("as_of",), "as_of", nullable=False) if "as_of" in top else None
        sources = tuple(check.text(s, ("sources", i), "source", blank=True) or ""
                        for i, s in enumerate(check.items(top.get("sources"), ("sources",), "sources")))
        description = check.text(top.get("description"), ("description",), "description", blank=True)
        locations = check.items(top.get("locations"), ("locations",), "locations")
        if top.get("locations") is not None and not isinstance(top["locations"], list):
            self.unreadable.add("location")
        for index, raw in enumerate(locations):
            self.location(raw, ("locations", index))
        forces = check.items(top.get("forces"), ("forces",), "forces", nullable=False, non_empty=True) \
            if "forces" in top else []
        if not forces:
            self.unreadable.add("force")
        for index, raw in enumerate(forces):
            self.force(raw, ("forces", index))
        events = []
        seen_events: dict = {}
        for index, raw in enumerate(check.items(top.get("events"), ("events",), "events")):
            event = self.event(raw, ("events", index), seen_events)
            if event:
                events.append(event)
        for path, label, ident in self.event_refs:
            if ident not in seen_events and "event" not in self.unreadable:
                check.fail("unknown-reference", f"{label} names event {shown(ident)}, which is not declared",
                           path, hint=check.closest(ident, list(seen_events)))
        circumstances, given = None, frozenset()
        if top.get("circumstances") is not None:
            circumstances, given = self.fields(top["circumstances"], ("circumstances",),
                                               self.vocab.circumstances, "circumstances")
        day = as_of_override or as_of
        tasks = []
        seen_tasks: dict = {}
        if "tasks" in top:
            quick = QuickTasks(self, day, as_of_override)
            for index, raw in enumerate(check.items(top.get("tasks"), ("tasks",), "tasks",
                                                    nullable=False, non_empty=True)):
                path = ("tasks", index)
                task = quick.task(raw, path, seen_tasks) or self.task(raw, path, seen_tasks, day, as_of_override)
                if task:
                    tasks.append(task)
        for (_, name), (path, label, what, hint, count) in self.missing.items():
            more = f" ({count - 1} more reference{'s' if count > 2 else ''} to it)" if count > 1 else ""
            check.fail("unknown-reference", f"{label} names {what} {shown(name)}, which is not declared{more}",
                       path, hint=hint)
        raw_tasks = top.get("tasks") if isinstance(top.get("tasks"), list) else []
        raw_events = top.get("events") if isinstance(top.get("events"), list) else []
        if not check.errors and (len(tasks) != len(raw_tasks) or len(events) != len(raw_events)):
            # fail closed: a task is never dropped without saying why
            check.fail("unreadable", "a task or event could not be read, and no reason was found", ("tasks",))
        check.done()
        return Scenario(check.doc.file, check.doc.digest, title or "", as_of_override or as_of,
                        tuple(self.forces.values()), tuple(events), tuple(tasks),
                        tuple(self.locations.values()),
                        tuple(sorted(circumstances.items())) if circumstances is not None else None,
                        given, description, sources)

    def location(self, raw: Any, path: tuple) -> None:
        check = self.check
        extra = tuple(spec.name for spec in self.vocab.location_facts)
        data = check.mapping(raw, path, "location", ("id",) + LOCATION_KEYS[:1], LOCATION_KEYS[1:] + extra)
        if data is None or "id" not in data:
            self.unreadable.add("location")
            return
        ident = self.declare(data["id"], path + ("id",), "location", self.location_ids)
        kind = check.word(data.get("kind"), path + ("kind",), "location kind",
                          self.vocab.location_words, code="unknown-location-kind") if "kind" in data else None
        name = check.text(data.get("name"), path + ("name",), "location name", blank=True)
        check.text(data.get("description"), path + ("description",), "description", blank=True)
        facts = self.own_facts(data, path, self.vocab.location_facts, "location")
        if ident and kind:
            self.locations[ident] = Location(ident, kind, name, facts, where=check.doc.where(path))

    def force(self, raw: Any, path: tuple) -> None:
        check = self.check
        extra = tuple(spec.name for spec in self.vocab.force_facts)
        data = check.mapping(raw, path, "force", ("id", "component"), FORCE_KEYS[:1] + FORCE_KEYS[2:] + extra)
        if data is None or "id" not in data:
            self.unreadable.add("force")
            return
        ident = self.declare(data["id"], path + ("id",), "force", self.force_ids)
        component = check.word(data.get("component"), path + ("component",), "component",
                               list(self.vocab.components), code="unknown-component") if "component" in data else None
        status = None
        if component:
            spec = self.vocab.components[component]
            if data.get("status") is None:
                status = spec.default_status
                if status is None:
                    check.fail("missing-status", f"force {shown(ident or data['id'])} is {component}: it must "
                               f"state its status ({' | '.join(spec.statuses)})", path)
            else:
                status = check.word(data["status"], path + ("status",), "status", list(self.vocab.statuses),
                                    code="unknown-status")
                if status and status not in spec.statuses:
                    check.fail("inconsistent-status", f"{component} forces cannot be in {status} status "
                               f"(allowed: {', '.join(spec.statuses)})", path + ("status",))
                    status = None
        elif "status" in data and data["status"] is not None:
            check.word(data["status"], path + ("status",), "status", list(self.vocab.statuses),
                       code="unknown-status")
        personnel = check.integer(data.get("personnel"), path + ("personnel",), "personnel", 0, 10_000_000)
        name = check.text(data.get("name"), path + ("name",), "force name", blank=True)
        basis = check.text(data.get("basis"), path + ("basis",), "basis", limit=TEXT_LIMIT, blank=True)
        check.text(data.get("description"), path + ("description",), "description", blank=True)
        facts = self.own_facts(data, path, self.vocab.force_facts, "force")
        if ident and component and status:
            self.forces[ident] = Force(ident, name, component, status, basis, personnel, facts,
                                       where=check.doc.where(path))

    def own_facts(self, data: dict, path: tuple, specs: tuple[FieldSpec, ...], what: str) -> tuple:
        """The vocabulary's extra facts of a force or location, as stated (null: unstated)."""
        found = []
        for spec in specs:
            if data.get(spec.name) is not None:
                value = self.value(data[spec.name], path + (spec.name,), spec, what)
                if value is not None:
                    found.append((spec.name, value))
        return tuple(found)

    def declare(self, raw: Any, path: tuple, what: str, declared: dict) -> str | None:
        """A valid new id; an id we cannot read (or a duplicate, whose intended name is lost)
        marks its list, whose references then go unreported: the one real problem is shown,
        not every task that names the force."""
        ident = self.check.unique_id(raw, path, what, declared)
        if ident is None:
            self.unreadable.add(what)
        return ident

    def event(self, raw: Any, path: tuple, seen: dict) -> Event | None:
        check = self.check
        kinds = self.vocab.event_kinds
        if not isinstance(raw, dict):
            check.mapping(raw, path, "event")
            return None
        missing = [key for key in ("id", "kind") if key not in raw]
        if missing:
            check.fail("missing-key", f"event is missing required key{'s' if len(missing) > 1 else ''} "
                       + ", ".join(f"'{key}'" for key in missing), path)
        kind = check.word(raw.get("kind"), path + ("kind",), "event kind", list(kinds),
                          code="unknown-event-kind") if "kind" in raw else None
        ident = check.unique_id(raw.get("id"), path + ("id",), "event", seen) if "id" in raw else None
        if kind is None:
            return None
        body = {k: v for k, v in raw.items() if k not in ("id", "kind")}
        values, given = self.fields(body, path, kinds[kind].fields, f"{kind} event", base=raw)
        if ident is None:
            return None
        return Event(ident, kind, tuple(sorted(values.items())), given, where=check.doc.where(path))

    def fields(self, raw: Any, path: tuple, specs: tuple[FieldSpec, ...], what: str,
               base: Any = None) -> tuple[dict, frozenset]:
        """Typed values for declared fields; null is 'stated as none', absence is 'unstated'."""
        check = self.check
        names = [spec.name for spec in specs]
        data = check.mapping(raw, path, what, optional=names) if base is None else raw
        if base is not None:
            check.mapping(base, path, what, optional=("id", "kind") + tuple(names))
        if data is None:
            return {}, frozenset()
        values: dict[str, Any] = {}
        for spec in specs:
            if spec.name not in data:
                if spec.required:
                    check.fail("missing-key", f"{what} is missing required key '{spec.name}'", path)
                continue
            values[spec.name] = self.value(data[spec.name], path + (spec.name,), spec, what)
        return values, frozenset(k for k in data if k in names)

    def plain(self, raw: Any) -> Any:
        """A free word as people write it ('FBI', 'Customs and Border Protection', 'hhs'),
        in the rulebook's spelling: lower case, underscores for spaces, synonyms resolved."""
        if not isinstance(raw, str):
            return raw
        word = "_".join(raw.strip().lower().split())
        return self.vocab.word_synonyms.get(word, word)

    def agency(self, raw: Any) -> str | None:
        """The agency a task `supports`, in the rulebook's spelling, or None if it is not one: the
        one check both task readers make (a word of the vocabulary's `agencies`, or any well-formed
        word where the vocabulary lists none)."""
        word = self.plain(raw)
        if not isinstance(word, str):
            return None
        agencies = self.vocab.agencies
        return word if (word in agencies if agencies is not None else WORD.match(word)) else None

    def supports(self, raw: Any, path: tuple) -> str | None:
        """`agency`, or a located error saying why not, with the nearest agency as a hint."""
        word = self.agency(raw)
        if word is None:        # the message quotes the word as written, the hint is an agency
            agencies = self.vocab.agencies
            if agencies is None:
                self.check.word(self.plain(raw), path, "supports")
            else:
                self.check.word(raw, path, "supports", list(agencies), code="unknown-agency")
        return word

    def value(self, raw: Any, path: tuple, spec: FieldSpec, what: str) -> Any:
        check = self.check
        label = f"{what} {spec.name}"
        if raw is None:
            if spec.required:
                check.fail("missing-value", f"{label} must not be null", path)
            return None
        kind = spec.type
        if kind == "integer":
            value = check.integer(raw, path, label, spec.minimum, spec.maximum)
            if value is not None and spec.choices and value not in spec.choices:
                check.fail("out-of-range", f"{label} must be one of {', '.join(map(str, spec.choices))}, "
                           f"found {value}", path)
            return value
        if kind == "boolean":
            return check.boolean(raw, path, label)
        if kind == "date":
            return check.date(raw, path, label)
        if kind == "word":
            return check.word(self.plain(raw), path, label, spec.choices or None)
        if kind == "text":
            return check.text(raw, path, label, limit=TEXT_LIMIT)
        if kind == "citation":
            return check.text(raw, path, label, limit=CITATION_LIMIT)
        if kind == "location":
            return self.reference(raw, path, label, self.locations, self.location_ids, "location")
        if kind == "activities":
            items = check.items(raw, path, label)
            words = {**self.vocab.activity_words, **{name: name for name in self.vocab.activity_classes}}
            found = (check.word(w, path + (i,), "activity or activity class", words, code="unknown-activity")
                     for i, w in enumerate(items))
            return tuple(dict.fromkeys(w for w in found if w))
        if kind == "event":
            ident = check.word(raw, path, label)
            if ident is not None:
                self.event_refs.append((path, label, ident))
            return ident
        if kind in ("words", "forces", "areas"):
            items = check.items(raw, path, label)
            if kind == "words":
                words = (check.word(self.plain(w), path + (i,), label) for i, w in enumerate(items))
                return tuple(w for w in words if w)
            if kind == "forces":
                return tuple(f for i, f in enumerate(items)
                             if self.reference(f, path + (i,), label, self.forces, self.force_ids, "force"))
            codes = self.area_words()
            known = {**self.locations, **self.vocab.location_words, **codes}
            return tuple(codes[a] if a in codes and a not in self.locations else a
                         for i, a in enumerate(items)
                         if self.reference(a, path + (i,), label, known, self.location_ids,
                                           "location or location kind"))
        if kind == "mapping":
            values, _ = self.fields(raw, path, spec.fields, label)
            return tuple(sorted(values.items()))
        check.fail("wrong-type", f"{label} has a field type this engine cannot read ({kind})", path)
        return None

    def area_words(self) -> dict:
        """Values of the location facts an `areas` list may name (a state code), lower-cased."""
        words: dict = {}
        for spec in self.vocab.location_facts:
            for choice in spec.choices:
                words[str(choice)] = str(choice)
                words[str(choice).upper()] = str(choice)
        return words

    def reference(self, raw: Any, path: tuple, label: str, known: Any, declared: dict, what: str) -> str | None:
        """`raw` if it names something valid; a declared but broken id is not reported again."""
        if not isinstance(raw, str):
            self.check.fail("wrong-type", f"{label} must name a {what}, found {self.check.found(raw, path)}",
                            path)
            return None
        if not raw.isascii():
            raw = unicodedata.normalize("NFC", raw)      # as declarations are compared
        if raw in known:
            return raw
        namespace = "force" if what == "force" else "location"
        if raw not in declared and namespace not in self.unreadable:
            entry = self.missing.get((namespace, raw))
            if entry is None:
                hints = self.hints.get(what) or self.hints.setdefault(what, Hints([*known, *declared]))
                self.missing[(namespace, raw)] = [path, label, what, hints(raw), 1]
            else:
                entry[4] += 1
        return None

    def task(self, raw: Any, path: tuple, seen: dict, day: datetime.date | None,
             override: datetime.date | None) -> Task | None:
        check = self.check
        facts = self.vocab.task_facts
        data = check.mapping(raw, path, "task", ("id", "force", "activity"),
                             TASK_KEYS[2:] + tuple(spec.name for spec in facts))
        if data is None or "id" not in data:
            return None
        ident = data["id"]
        if not isinstance(ident, str) or not TASK_ID.fullmatch(ident):
            found = check.found(ident, path + ("id",)) if not isinstance(ident, str) else shown(ident)
            check.fail("bad-id", f"task id must be one short token of text like 'T1', found {found}",
                       path + ("id",))
            return None
        ident = unicodedata.normalize("NFC", ident)     # canonically equal ids are one id
        if ident in seen:
            first = first_at(check.doc.where(seen[ident]))
            check.fail("duplicate-id", f"duplicate task id {shown(ident)} ({first})", path + ("id",))
            return None
        seen[ident] = path + ("id",)          # its line is looked up only if a duplicate needs it
        label = f"task {ident}"
        force = self.reference(data.get("force"), path + ("force",), label, self.forces, self.force_ids,
                               "force") if "force" in data else None
        activity = check.word(data.get("activity"), path + ("activity",), "activity",
                              self.vocab.activity_words, code="unknown-activity") if "activity" in data else None
        date = check.date(data.get("date"), path + ("date",), "task date") if "date" in data else None
        location = None
        if data.get("location") is not None:
            location = self.reference(data["location"], path + ("location",), label,
                                      {**self.locations, **self.vocab.location_words}, self.location_ids,
                                      "location or location kind")
            if location is not None and location not in self.locations:
                location = self.vocab.location_words[location]
        supports = self.supports(data["supports"], path + ("supports",)) \
            if data.get("supports") is not None else None
        authority = check.text(data.get("authority"), path + ("authority",), "authority", limit=TEXT_LIMIT, blank=True)
        description = check.text(data.get("description"), path + ("description",), "description", blank=True)
        extra = {}
        for spec in facts:
            if spec.name in data and data[spec.name] is not None:
                extra[spec.name] = self.value(data[spec.name], path + (spec.name,), spec, label)
        if not (force and activity and (date or day)) or ("date" in data and data["date"] is not None
                                                          and date is None):
            return None
        when = override or date or day
        written = data["activity"] if data["activity"] != activity else None
        return Task(ident, force, activity, when, location, supports, authority, description,
                    tuple(sorted(extra.items())), where=check.doc.where(path), written=written)
