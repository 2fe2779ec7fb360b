"""The rulebook's own checks beyond loading: things that load but are likely mistakes."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .model import FieldSpec, Rulebook, Vocabulary

MAX_SCOPE_VALUES = 128       # durable_rules hangs past 512 sibling branches; stay far below
# durable_rules 2.0.28 dies by SIGSEGV on a fact of 253 properties or more (252 pass; measured),
# counting every key at every depth (a mapping's own key too), a list as one, and the `fid`
# compile/ adds. A rulebook whose widest fact passes MAX_FACT_PROPERTIES is refused when it
# is loaded; lint warns from WARN_FACT_PROPERTIES on.
ENGINE_CRASHES_AT = 253
MAX_FACT_PROPERTIES = 240
WARN_FACT_PROPERTIES = 200
# The keys facts.py gives every fact of a kind besides its declared fields (a test compares
# these counts with real facts), and the one compile/ adds to each fact it asserts.
TASK_OWN_PROPERTIES = ("kind", "epoch", "component", "status", "activity", "activity_class", "supports", "loc")
EVENT_OWN_PROPERTIES = ("kind", "ekind", "covered")
CIRCUMSTANCE_OWN_PROPERTIES = ("kind",)
ENGINE_PROPERTIES = ("fid",)
_NOT_CARRIED = ("forces", "areas", "location", "activities", "event")     # event fields that scope an event, not carried on it


@dataclass(frozen=True, slots=True)
class Warning_:
    rule: str
    code: str
    message: str
    where: str

    def line(self) -> str:
        return f"{self.where}: warning[{self.code}]: {self.message}"


def _relative(place: str) -> str:
    """Paths as the user typed them, relative to where they stand when that is shorter."""
    path, _, position = place.partition(":")
    try:
        shorter = os.path.relpath(path)
    except ValueError:
        return place
    shorter = shorter if len(shorter) < len(path) else path
    return f"{shorter}:{position}" if position else shorter


def lint(rulebook: Rulebook) -> list[Warning_]:
    found = []
    defeated_by: dict[str, list[str]] = {}
    for rule in rulebook.rules:
        for target in rule.defeats:
            defeated_by.setdefault(target, []).append(rule.id)
    for rule in rulebook.rules:
        where = _relative(str(rule.where)) if rule.where else rule.id
        if not rule.when:
            found.append(Warning_(rule.id, "unscoped", f"rule '{rule.id}' has no `when`: it applies to every task", where))
        for key, values in rule.when:
            if len(values) > MAX_SCOPE_VALUES:
                found.append(Warning_(rule.id, "engine-limit", f"when.{key} lists {len(values)} values "
                                      f"(keep under {MAX_SCOPE_VALUES})", where))
        if rule.effect in ("permit", "conditional", "contested") and rule.defeats and not rule.requires \
                and not rule.when:
            found.append(Warning_(rule.id, "unconditional-exception",
                                  f"exception '{rule.id}' needs nothing and has no scope", where))
        if not rule.verified:
            found.append(Warning_(rule.id, "unverified", f"rule '{rule.id}' rests on an unverified source"
                                  + (f": {rule.note}" if rule.note else ""), where))
        for requirement in rule.requires:
            if not requirement.says:
                found.append(Warning_(rule.id, "missing-says", f"a requirement of '{rule.id}' has no `says`", where))
    for path, what, size in fact_widths(rulebook.vocabulary):
        if WARN_FACT_PROPERTIES < size <= MAX_FACT_PROPERTIES:
            found.append(Warning_("vocabulary", "engine-limit", f"{what} would carry {size} properties, close to "
                                  f"the {MAX_FACT_PROPERTIES} a rulebook may give one fact", "vocabulary.yaml"))
    found.extend(never_decides(rulebook))
    return sorted(found, key=lambda w: (w.where, w.code))


# ---- fact width: refused at load time ---------------------------------------------------

def _width(spec: FieldSpec) -> int:
    """Properties one field puts on a fact: 1, or for a mapping 1 plus its members'."""
    return 1 + sum(_width(sub) for sub in spec.fields) if spec.type == "mapping" else 1


def fact_widths(vocabulary: Vocabulary) -> list[tuple[tuple, str, int]]:
    """(vocabulary path to blame, what, properties) for the widest fact of each kind."""
    return _widths(vocabulary.location_kinds, vocabulary.event_kinds, vocabulary.circumstances,
                   vocabulary.task_facts, (vocabulary.force_facts, vocabulary.location_facts))


def _widths(location_kinds, event_kinds, circumstances, task_facts, owned=()) -> list[tuple[tuple, str, int]]:
    root = ("vocabulary",)
    engine = len(ENGINE_PROPERTIES)
    facts = sum(_width(spec) for spec in task_facts) + sum(1 + len(group) for group in owned if group)
    background = sum(_width(spec) for spec in circumstances)
    task = len(TASK_OWN_PROPERTIES) + len(location_kinds) + facts + background + engine
    blame = max((("task_facts", facts), ("circumstances", background), ("location_kinds", len(location_kinds))),
                key=lambda pair: pair[1])[0]
    result = [(root + (blame,), f"a task fact ({len(TASK_OWN_PROPERTIES)} own properties, {len(location_kinds)} "
               f"location kinds, {facts} from task_facts, {background} from circumstances, {engine} for the "
               "engine)", task),
              (root + ("circumstances",), "the circumstances fact",
               len(CIRCUMSTANCE_OWN_PROPERTIES) + background + engine)]
    for name, kind in event_kinds.items():
        size = len(EVENT_OWN_PROPERTIES) + sum(_width(s) for s in kind.fields if s.type not in _NOT_CARRIED) \
            + len(kind.periods) + engine
        result.append((root + ("event_kinds", name, "fields"), f"an event fact of kind '{name}'", size))
    return result


def refuse_wide_facts(check, location_kinds, event_kinds, circumstances, task_facts, owned=()) -> None:
    """At load time: a fact the matching engine would crash on is a located error, never a SIGSEGV."""
    for path, what, size in _widths(location_kinds, event_kinds, circumstances, task_facts, owned):
        if size > MAX_FACT_PROPERTIES:
            check.fail("too-wide", f"{what} would carry {size} properties; the matching engine crashes at "
                       f"{ENGINE_CRASHES_AT}, so a rulebook may give one fact at most {MAX_FACT_PROPERTIES}", path)


def never_decides(rulebook: Rulebook) -> list[Warning_]:
    """Rules that can decide no task at all: a lint error (code `never-decides`).

    A rule can never decide when its `when` scope admits no task the vocabulary allows (a
    component that takes none of the listed statuses, activities outside the listed classes),
    or when, wherever it applies, another rule that needs nothing more, is in force on every
    day it is, and is itself never defeated, overrides it (an exception always defeated by an
    always-firing rule, or shadowed by a rule it meant to override the other way round).
    Obligations are left out: they never decide, by design.
    """
    vocabulary = rulebook.vocabulary
    defeated_by: dict[str, list[str]] = {}
    for rule in rulebook.rules:
        for target in rule.defeats:
            defeated_by.setdefault(target, []).append(rule.id)
    found = []
    for rule in rulebook.rules:
        if rule.effect == "oblige":
            continue
        where = _relative(str(rule.where)) if rule.where else rule.id
        why = _unsatisfiable(rule, vocabulary)
        if why is None:
            shadow = next((other for other in defeated_by.get(rule.id, ())
                           if _always_defeats(rulebook.by_id[other], rule, vocabulary)
                           and not any(not rulebook.by_id[d].requires for d in defeated_by.get(other, ()))),
                          None)
            if shadow:
                why = f"'{shadow}' needs nothing more, applies wherever it does, and overrides it"
        if why:
            found.append(Warning_(rule.id, "never-decides", f"rule '{rule.id}' can never decide: {why}", where))
    return found


def _scope(rule, vocabulary) -> dict[str, set]:
    """The values each scope key can take for a task this rule applies to (activity class folded in)."""
    when = dict(rule.when)
    pairs = {(name, status) for name, spec in vocabulary.components.items() for status in spec.statuses}
    pairs = {(c, s) for c, s in pairs if c in when.get("component", (c,)) and s in when.get("status", (s,))}
    activities = {a for a, spec in vocabulary.activities.items()
                  if a in when.get("activity", (a,)) and spec.activity_class in when.get("activity_class",
                                                                                       (spec.activity_class,))}
    kinds = {k for k, implied in vocabulary.location_kinds.items()
             if "location" not in when or set(implied) & set(when["location"])}
    return {"pairs": pairs, "activities": activities, "kinds": kinds}


def _unsatisfiable(rule, vocabulary) -> str | None:
    scope = _scope(rule, vocabulary)
    when = dict(rule.when)
    if not scope["pairs"]:
        return "no component serves in any of the statuses its scope lists"
    if not scope["activities"]:
        return "no activity is both in its `activity` list and in its `activity_class`"
    if "location" in when and not scope["kinds"]:
        return "no location kind is, or implies, one its scope lists"
    if rule.until is not None and rule.until < rule.effective:
        return "it ends before it starts"
    return None


def _always_defeats(other, rule, vocabulary) -> bool:
    """`other` fires on every task `rule` applies to, on every day `rule` is in force."""
    if other.requires or other.effect == "oblige":
        return False
    if other.effective > rule.effective:
        return False
    if other.until is not None and (rule.until is None or other.until < rule.until):
        return False
    mine, theirs = _scope(rule, vocabulary), _scope(other, vocabulary)
    when = dict(other.when)
    if "supports" in when and set(dict(rule.when).get("supports", ("*",))) - set(when["supports"]):
        return False
    if any(key not in ("component", "status", "activity", "activity_class", "location", "supports") for key in when):
        return False
    if "location" in when and "location" not in dict(rule.when):
        return False                    # a task with no place escapes a place-bound rule
    return mine["pairs"] <= theirs["pairs"] and mine["activities"] <= theirs["activities"] \
        and mine["kinds"] <= theirs["kinds"]
