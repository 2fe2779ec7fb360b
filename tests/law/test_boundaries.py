"""Every rule at its edges: the law's own dates and conditions, from tests/law/table/*.yaml.

The table states the law independently of the rulebook: for each rule id, a task the rule
governs (force, activity, place, events, circumstances), the dates the law starts and ends
(per the legal brief and its sources), the verdict and deciding rule while it is in force,
and what the law says the day before it starts or after it ends. From it this module
generates, per rule:

- the day before, on and after `starts` (and `ends`): the rule stands on the in-force side
  and decides as the table says; on the other side it does not stand, and the decision is
  the table's `before` / `after` where it states one;
- for each `when` condition and `requires` item, a task that misses only that one: the rule
  does not stand (and the decision is the miss's `expect` where it states one);
- an exception with none of its events is offered as a remedy lacking each requirement;
- for a window counted from an event's date (`edges`: 72 hours from a request, a stay's date),
  the days either side of each edge: the rule stands inside and not outside;
- the rule's dates, citations and overrides are the table's.

A rule in the rulebook that the table leaves out fails `test_every_rule_is_in_the_table`,
unless its id is in the table's `pending:` list (visible debt). Each rule's tasks are
decided by one engine.check call, so the whole module takes a second or two.
"""
from __future__ import annotations

import copy
import datetime
import glob
import os

import pytest
import yaml

import engine
from tests.conftest import ROOT

TABLE_DIR = os.path.join(ROOT, "tests", "law", "table")     # one file per rule file: tests/law/README.md


def _read_table() -> tuple[dict, list]:
    """Every file's `rules:` in one mapping (an id stated twice is an error) and their `pending:`."""
    law, pending = {}, []
    for path in sorted(glob.glob(os.path.join(TABLE_DIR, "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            part = yaml.safe_load(handle) or {}
        twice = sorted(set(law) & set(part.get("rules") or {}))
        assert not twice, f"{path} states rules another table file states: {twice}"
        law.update(part.get("rules") or {})
        pending += part.get("pending") or []
    return law, pending


LAW, PENDING = _read_table()
IDS = sorted(rule_id for rule_id in LAW if rule_id not in PENDING)   # pending: entries awaiting review
REMEDIES = [rule_id for rule_id in IDS if LAW[rule_id].get("events") and "no_remedy" not in LAW[rule_id]
            and LAW[rule_id]["in_force"].get("verdict") == "permitted"
            and LAW[rule_id]["in_force"].get("rule", rule_id) == rule_id]
ONE = datetime.timedelta(days=1)
EVENT_LEAD = datetime.timedelta(days=30)        # events begin this long before the first probe
KINDS = engine.load_rulebook(os.path.join(ROOT, "rules")).vocabulary.event_kinds
# An event's date fields given as `true` are EVENT_LEAD before the first probe; a required date left
# out is such a date too. Every other fact the table leaves out is stated absent (null), so a probe
# never rests on a fact the table did not state. These kinds take their scope from the scenario.
DATE_FIELDS = {kind: tuple(f.name for f in spec.fields if f.type == "date") for kind, spec in KINDS.items()}
# An event's date field given as a whole number is that many days from the probe's own date (-3: three
# days before the task, 5: five days after), so the event moves with the probe. A field of type
# `event` (a stay's `stays`) names another event of the same probe by the `id` the table gives it.
EVENT_REFS = {kind: tuple(f.name for f in spec.fields if f.type == "event") for kind, spec in KINDS.items()}
REQUIRED = {kind: {f.name: True for f in spec.fields if f.type == "date" and f.required}
            for kind, spec in KINDS.items()}
REQUIRED["emergency"]["nature"] = "civil_disturbance"   # the nature the older entries assume
FIELDS = {kind: tuple(f.name for f in spec.fields if not f.required and f.name != "ends"
                      and f.type in ("boolean", "word", "words", "mapping", "date"))
          for kind, spec in KINDS.items()}


# ---- building the probes ---------------------------------------------------------------------

def probes(rule_id: str) -> list[tuple[str, dict]]:
    """(label, probe) for every task the table implies for one rule."""
    law = LAW[rule_id]
    base = {key: copy.deepcopy(law.get(key)) for key in ("force", "task", "events", "circumstances")}
    found = []
    starts, ends = law["starts"], law.get("ends")
    found += [("starts-1", dict(base, date=starts - ONE)), ("starts", dict(base, date=starts)),
              ("starts+1", dict(base, date=starts + ONE))]
    if ends:
        found += [("ends-1", dict(base, date=ends - ONE)), ("ends", dict(base, date=ends)),
                  ("ends+1", dict(base, date=ends + ONE))]
    if rule_id in REMEDIES:
        found.append(("unmet", dict(base, date=starts, events=[])))
    for key, miss in (law.get("misses") or {}).items():
        if "implied" in miss:           # no valid task misses only this one: the other keys imply it
            continue
        probe = copy.deepcopy(base)
        probe["date"] = starts
        if "force" in miss:
            probe["force"] = miss["force"]
        if "task" in miss:
            probe["task"] = dict(probe["task"], **miss["task"])
        for part in ("events", "circumstances"):
            if part in miss:
                probe[part] = miss[part]
        found.append((f"miss:{key}", probe))
    for number, edge in enumerate(law.get("edges") or ()):
        found += edge_probes(rule_id, number, edge, base)
    return found


def edge_field(law: dict, edge: dict) -> tuple[int, str]:
    """(index in the probe's events, date field) of the event an edge is counted from."""
    events = law.get("events") or []
    labels = [str(event.get("id", index)) for index, event in enumerate(events)]
    assert str(edge["event"]) in labels, f"edge names no event of the entry: {edge['event']!r} (events {labels})"
    index = labels.index(str(edge["event"]))
    kind = events[index]["kind"]
    field = edge.get("field") or ("date" if "date" in DATE_FIELDS[kind] else DATE_FIELDS[kind][0])
    assert field in DATE_FIELDS[kind], f"{kind} has no date field {field!r}"
    return index, field


def edge_anchor(rule_id: str, edge: dict) -> datetime.date:
    """The date an edge's event is fixed on: the edge's `dated`, else EVENT_LEAD into the rule's time in force."""
    return edge.get("dated") or LAW[rule_id]["starts"] + EVENT_LEAD


def edge_probes(rule_id: str, number: int, edge: dict, base: dict) -> list[tuple[str, dict]]:
    """Tasks the day before and on `first`, on and the day after `last`, counted in days from the
    edge's event, whose date is fixed at the anchor while every other event keeps its own date."""
    index, field = edge_field(LAW[rule_id], edge)
    anchor = edge_anchor(rule_id, edge)
    offsets = []
    if "first" in edge:
        offsets += [("first-1", edge["first"] - 1), ("first", edge["first"])]
    if "last" in edge:
        offsets += [("last", edge["last"]), ("last+1", edge["last"] + 1)]
    assert offsets, f"{rule_id}: an edge states `first`, `last` or both"
    found = []
    for name, offset in offsets:
        probe = copy.deepcopy(base)
        probe["events"][index][field] = anchor
        probe["date"] = anchor + datetime.timedelta(days=offset)
        found.append((f"edge{number}:{name}", probe))
    return found


def scenario(rule_id: str, group: list[tuple[str, dict]], circumstances: dict | None) -> dict:
    """One scenario holding every probe of a rule that shares these circumstances.

    Each probe gets its own force and place, and its events cover only that force (or, for a kind
    scoped by place alone, such as a disaster declaration, only that place), so probes with
    different events live side by side.
    """
    starts = LAW[rule_id]["starts"]
    lead = starts - EVENT_LEAD
    forces, tasks, events, places = [], [], [], {}
    for number, (label, probe) in enumerate(group):
        force_id = f"f{number}"
        forces.append({"id": force_id, **probe["force"]})
        task = {"id": label, "force": force_id, "date": probe["date"].isoformat()}
        for key, value in probe["task"].items():
            if key == "location" and value is not None:       # each probe its own place
                place = value if isinstance(value, dict) else {"kind": value}
                places[f"at-{place['kind']}-{number}"] = place
                value = f"at-{place['kind']}-{number}"
            if value is not None:
                task[key] = value
        tasks.append(task)
        stated = probe.get("events") or []
        ids = {str(event.get("id", index)): f"e{number}-{event.get('id', index)}" for index, event in enumerate(stated)}
        for index, event in enumerate(stated):
            kind = event["kind"]
            event = dict(REQUIRED.get(kind, {}), **event)
            for field in FIELDS[kind]:                  # the table states every fact: absent = null
                event.setdefault(field, None)
            for field in DATE_FIELDS.get(kind, ()):
                event[field] = event_date(event.get(field), lead, probe["date"])
            for field in EVENT_REFS.get(kind, ()):
                if event.get(field) is not None:
                    assert str(event[field]) in ids, f"{rule_id}: {kind}.{field} names no event: {event[field]!r}"
                    event[field] = ids[str(event[field])]
            event["id"] = ids[str(event.get("id", index))]
            if KINDS[kind].scope_forces:                # its events cover only this probe's force ...
                event[KINDS[kind].scope_forces] = [force_id]
            elif KINDS[kind].scope_areas and task.get("location") and event.get(KINDS[kind].scope_areas) is None:
                event[KINDS[kind].scope_areas] = [task["location"]]     # ... or only its place
            events.append(event)
    data = {"scenario": f"law table: {rule_id}", "as_of": starts.isoformat(), "forces": forces, "tasks": tasks}
    if places:
        data["locations"] = [dict(place, id=name) for name, place in places.items()]
    if events:
        data["events"] = events
    if circumstances:
        data["circumstances"] = circumstances
    return data


def event_date(value, lead: datetime.date, day: datetime.date):
    """A date field as the table states it: `true` is `lead`, a whole number is days from the task's `day`."""
    if value is True:
        return lead.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return (day + datetime.timedelta(days=value)).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def decided(rulebook) -> dict[str, dict[str, engine.Decision]]:
    """rule id -> label -> Decision: one engine.check per rule (per set of circumstances)."""
    result: dict[str, dict[str, engine.Decision]] = {}
    for rule_id in IDS:
        groups: dict[str, list] = {}
        for label, probe in probes(rule_id):
            groups.setdefault(repr(probe.get("circumstances")), []).append((label, probe))
        result[rule_id] = {}
        for group in groups.values():
            report = engine.check(scenario(rule_id, group, group[0][1].get("circumstances")), rulebook=rulebook)
            result[rule_id].update({decision.task: decision for decision in report.decisions})
    return result


def stands(rule_id: str, decision: engine.Decision) -> bool:
    """The rule fired and was not defeated: among the reasons, or among the obligations."""
    return any(reason.rule == rule_id for reason in decision.reasons) or \
        any(item.rule == rule_id for item in decision.obligations)


def show(decision: engine.Decision) -> str:
    return (f"{decision.task}: {decision.verdict.value} by {decision.rule}; standing "
            f"{[r.rule for r in decision.reasons]}; obligations {[o.rule for o in decision.obligations]}")


def assert_decides(rule_id: str, decision: engine.Decision, expected: dict) -> None:
    if expected.get("obligation"):
        assert any(item.rule == rule_id for item in decision.obligations), show(decision)
        return
    if expected.get("stands", True):
        assert stands(rule_id, decision), show(decision)
    assert decision.verdict.value == expected["verdict"], show(decision)
    assert decision.rule == expected.get("rule", rule_id), show(decision)


def assert_outcome(decision: engine.Decision, expected: dict | None) -> None:
    if expected:
        assert decision.verdict.value == expected["verdict"], show(decision)
        assert decision.rule == expected.get("rule"), show(decision)


# ---- the table against the rulebook ----------------------------------------------------------

def test_every_rule_is_in_the_table(rulebook):
    missing = [rule.id for rule in rulebook.rules if rule.id not in LAW and rule.id not in PENDING]
    assert missing == [], ("rules with no entry in tests/law/table/ (state their law there, or list "
                           "them under `pending:`):\n  " + "\n  ".join(missing))


def test_every_table_entry_is_a_rule(rulebook):
    assert [rule_id for rule_id in IDS if rule_id not in rulebook.by_id] == []


def _rule(rulebook, rule_id) -> engine.Rule:
    if rule_id not in rulebook.by_id:
        pytest.fail(f"{rule_id} is in tests/law/table/ but not in the rulebook")
    return rulebook.by_id[rule_id]


@pytest.mark.parametrize("rule_id", IDS)
def test_the_rule_is_in_force_exactly_from_its_first_day(rule_id, decided):
    law, seen = LAW[rule_id], decided[rule_id]
    assert not stands(rule_id, seen["starts-1"]), show(seen["starts-1"])
    assert_outcome(seen["starts-1"], law.get("before"))
    for label in ("starts", "starts+1"):
        assert_decides(rule_id, seen[label], law["in_force"])


@pytest.mark.parametrize("rule_id", [i for i in IDS if LAW[i].get("ends")])
def test_the_rule_is_in_force_exactly_to_its_last_day(rule_id, decided):
    law, seen = LAW[rule_id], decided[rule_id]
    for label in ("ends-1", "ends"):
        assert_decides(rule_id, seen[label], law.get("in_force_at_end") or law["in_force"])
    assert not stands(rule_id, seen["ends+1"]), show(seen["ends+1"])
    assert_outcome(seen["ends+1"], law.get("after"))


@pytest.mark.parametrize("rule_id", IDS)
def test_the_rule_has_the_laws_dates_citations_and_exceptions(rule_id, rulebook):
    law, rule = LAW[rule_id], _rule(rulebook, rule_id)
    assert (rule.effective, rule.until) == (law["starts"], law.get("ends"))
    assert list(rule.citations) == law["citations"]
    assert sorted(rule.overrides) == sorted(law.get("overrides") or [])


@pytest.mark.parametrize("rule_id", IDS)
def test_every_condition_of_the_rule_has_a_probe_that_misses_it(rule_id, rulebook):
    rule = _rule(rulebook, rule_id)
    conditions = [key for key, _ in rule.when] + [f"requires.{i}" for i in range(len(rule.requires))]
    assert sorted(conditions) == sorted(LAW[rule_id].get("misses") or {}), \
        "the table's conditions (misses) and the rule's `when` keys and `requires` items differ"


MISSES = [(rule_id, key) for rule_id in IDS for key, miss in (LAW[rule_id].get("misses") or {}).items()
          if "implied" not in miss]


@pytest.mark.parametrize("rule_id,condition", MISSES, ids=[f"{r}-{k}" for r, k in MISSES])
def test_a_task_missing_one_condition_is_not_decided_by_the_rule(rule_id, condition, decided):
    decision = decided[rule_id][f"miss:{condition}"]
    assert not stands(rule_id, decision), show(decision)
    assert_outcome(decision, LAW[rule_id]["misses"][condition].get("expect"))


@pytest.mark.parametrize("rule_id", REMEDIES)
def test_an_exception_not_invoked_is_offered_as_a_remedy_listing_each_requirement(rule_id, decided):
    """With none of its events, a permitting exception is a remedy lacking every requirement."""
    decision = decided[rule_id]["unmet"]
    assert not stands(rule_id, decision), show(decision)
    remedy = next((r for r in decision.remedies if r.rule == rule_id), None)
    assert remedy is not None, f"{rule_id} not offered: {[r.rule for r in decision.remedies]}"
    wanted = [key for key in LAW[rule_id]["misses"] if key.startswith("requires.")]
    assert len(remedy.requires) == len(wanted), remedy.requires


EDGES = [(rule_id, number) for rule_id in IDS for number, _ in enumerate(LAW[rule_id].get("edges") or ())]


@pytest.mark.parametrize("rule_id,edge", EDGES, ids=[f"{r}-edge{n}" for r, n in EDGES])
def test_a_window_counted_from_an_event_turns_exactly_at_its_edges(rule_id, edge, decided):
    """Inside the window (counted in days from the event's date) the rule decides as the table says;
    the day outside it does not stand, and what the law says decides there decides."""
    law, seen = LAW[rule_id], decided[rule_id]
    stated = law["edges"][edge]
    days = [stated[name] + step for name, step in (("first", -1), ("last", 1)) if name in stated]
    anchor = edge_anchor(rule_id, stated)
    assert law["starts"] <= anchor + datetime.timedelta(days=min(days)), f"{rule_id}: the edge's probes start before the rule"
    if law.get("ends"):
        assert anchor + datetime.timedelta(days=max(days)) <= law["ends"], f"{rule_id}: the edge's probes run past the rule's last day"
    inside = stated.get("decides") or law["in_force"]
    for name, outside, expected in (("first", "first-1", "before"), ("last", "last+1", "after")):
        if name not in stated:
            continue
        assert_decides(rule_id, seen[f"edge{edge}:{name}"], inside)
        assert not stands(rule_id, seen[f"edge{edge}:{outside}"]), show(seen[f"edge{edge}:{outside}"])
        assert_outcome(seen[f"edge{edge}:{outside}"], stated.get(expected))
