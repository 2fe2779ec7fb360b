"""Two peers making the same call on the same tasks: raw durable_rules and Cedar.

Both peers answer the binary question "is this task permitted?" from the facts Comitatus
itself feeds its network (component, status, activity and its class, the kinds of the
place, the agency supported, the task's stated facts and the kinds of events in effect).
Their policy is one hand-written table, CORE, translated mechanically into a durable_rules
ruleset and a Cedar permit/forbid policy set, so the two peers are equivalent to each other
by construction. CORE covers the rulebook's main layer (the Posse Comitatus bar and its
analogues, chapter 15 support, duty statuses, intelligence oversight, the best-known
exceptions); Comitatus decides with the whole rulebook, explains every decision, and has
five verdicts where the peers have two. `agreement` reports how often the peers' yes/no
matches "Comitatus said permitted": a sanity check that they do comparable work, not a
claim of legal equivalence. This file is a benchmark fixture, not law: the law lives in rules/.
"""
from __future__ import annotations

import json
import time
from typing import Any

FEDERAL = ["army", "air_force", "navy", "marine_corps", "space_force", "national_guard", "dod_civilian"]
ON_INSTALLATION = ["arrest", "apprehension", "detention", "detain_trespasser", "stop_and_frisk", "search",
                   "seizure", "investigation", "interrogation", "evidence_collection", "pursuit",
                   "perimeter_security", "checkpoint_operation", "traffic_control", "crowd_control",
                   "guard_detainees", "installation_security"]

# (name, effect, conditions, exceptions): every condition must hold; a forbid row does not
# apply when all conditions of one of its exceptions hold. Values: one word or a list (any of);
# "loc" and "events" are lists on the fact side and test "contains any".
CORE: list[tuple[str, str, dict, list[dict]]] = [
    ("bar-federal-law-enforcement", "forbid",
     {"status": "title_10", "activity_class": "direct_law_enforcement", "component": FEDERAL},
     [{"events": ["insurrection_act"]},
      {"loc": ["military_installation"], "activity": ON_INSTALLATION}]),
    ("bar-civilian-law-enforcement", "forbid",
     {"component": "dod_civilian", "activity_class": "direct_law_enforcement"}, []),
    ("bar-us-person-collection", "forbid",
     {"status": ["title_10", "title_32"], "activity": "us_person_intelligence_collection"}, []),
    ("bar-us-person-analysis", "forbid",
     {"status": ["title_10", "title_32"], "activity": "intelligence_analysis", "f_us_persons": ["true", "unstated"]},
     []),
    ("federal-support", "permit", {"status": "title_10", "activity_class": "support"}, []),
    ("coast-guard", "permit", {"component": "coast_guard", "status": "title_14"}, []),
    ("guard-state-duty", "permit", {"component": "national_guard", "status": "state_active_duty"}, []),
    ("guard-title-32-support", "permit",
     {"component": "national_guard", "status": "title_32", "activity_class": "support"}, []),
    ("federal-property", "permit", {"activity": "federal_property_protection"}, []),
    ("installation", "permit",
     {"status": "title_10", "loc": ["military_installation"], "activity": ON_INSTALLATION}, []),
    ("invocation", "permit",
     {"status": "title_10", "activity_class": "direct_law_enforcement", "events": ["insurrection_act"]}, []),
]
LISTS = ("loc", "events")


def peer_fact(fact: dict, events: list[dict]) -> dict:
    """Comitatus's task fact and its event facts, flattened for the peers."""
    return {"component": fact["component"], "status": fact["status"], "activity": fact["activity"],
            "activity_class": fact["activity_class"], "supports": fact["supports"],
            "f_us_persons": fact.get("f_us_persons", "unstated"),
            "loc": sorted(fact["loc"]), "events": sorted({e["ekind"] for e in events})}


def _words(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def core_decide(fact: dict) -> bool:
    """The table read directly in Python: the peers' reference answer."""
    def holds(conditions: dict) -> bool:
        for key, value in conditions.items():
            if key in LISTS:
                if not set(_words(value)) & set(fact[key]):
                    return False
            elif fact[key] not in _words(value):
                return False
        return True
    permit = forbid = False
    for _, effect, conditions, exceptions in CORE:
        if holds(conditions) and not any(holds(e) for e in exceptions):
            permit |= effect == "permit"
            forbid |= effect == "forbid"
    return permit and not forbid


# ---- Cedar --------------------------------------------------------------------------------

def _cedar_test(key: str, value: Any) -> str:
    words = _words(value)
    if key in LISTS:
        return f"context.{key}.containsAny({json.dumps(words)})"
    if len(words) == 1:
        return f"context.{key} == {json.dumps(words[0])}"
    return f"{json.dumps(words)}.contains(context.{key})"


def cedar_policies() -> str:
    lines = []
    for name, effect, conditions, exceptions in CORE:
        when = " && ".join(_cedar_test(k, v) for k, v in conditions.items())
        unless = " || ".join("(" + " && ".join(_cedar_test(k, v) for k, v in e.items()) + ")" for e in exceptions)
        text = f'@id("{name}")\n{effect}(principal, action == Action::"task", resource)\n  when {{ {when} }}'
        lines.append(text + (f"\n  unless {{ {unless} }};" if unless else ";"))
    return "\n".join(lines) + "\n"


def cedar_requests(facts: list[dict], forces: list[str]) -> list[dict]:
    return [{"principal": f'Force::"{force}"', "action": 'Action::"task"',
             "resource": f'Activity::"{fact["activity"]}"', "context": fact} for fact, force in zip(facts, forces)]


def run_cedar(requests: list[dict]) -> tuple[tuple[float, float], list[bool]]:
    """(wall, cpu) seconds of one batch, and the answers."""
    import cedarpy
    policies = cedarpy.PolicySet.from_str(cedar_policies())     # parsed once, as a server would
    entities = cedarpy.Entities.from_json_str("[]")
    start, cpu = time.perf_counter(), time.process_time()
    results = cedarpy.is_authorized_batch(requests, policies, entities)
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    return elapsed, [r.allowed for r in results]


# ---- raw durable_rules --------------------------------------------------------------------

def _durable_test(key: str, value: Any) -> dict:
    words = _words(value)
    if key in LISTS:
        tests = [{"$iany": {key: {"$i": w}}} for w in words]
    else:
        tests = [{key: w} for w in words]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def durable_ruleset(sink: dict) -> dict:
    """One durable rule per row and per exception; the action notes what fired for which task."""
    rules: dict = {}

    def note(name: str):
        def action(c: Any) -> None:
            sink.setdefault(c.m.n, set()).add(name)
        return action

    for index, (name, effect, conditions, exceptions) in enumerate(CORE):
        tests = [{"kind": "task"}] + [_durable_test(k, v) for k, v in conditions.items()]
        rules[f"{effect}.{index}"] = {"all": [{"m": {"$and": tests}}], "run": note(f"{effect}.{index}")}
        for number, exception in enumerate(exceptions):
            tests = [{"kind": "task"}] + [_durable_test(k, v) for k, v in exception.items()]
            rules[f"unless.{index}.{number}"] = {"all": [{"m": {"$and": tests}}],
                                                 "run": note(f"unless.{index}.{number}")}
    rules["seen"] = {"all": [{"m": {"kind": "task"}}], "run": note("seen")}   # durable refuses unwanted facts
    return rules


def _durable_verdict(fired: set) -> bool:
    permit = forbid = False
    for index, (_, effect, _, exceptions) in enumerate(CORE):
        if f"{effect}.{index}" in fired and not any(f"unless.{index}.{n}" in fired for n in range(len(exceptions))):
            permit |= effect == "permit"
            forbid |= effect == "forbid"
    return permit and not forbid


def run_durable(facts: list[dict], batch: int = 100) -> tuple[tuple[float, float], list[bool]]:
    """durable_rules as its README shows it: a Host, a ruleset of dicts with Python actions,
    facts asserted and retracted in batches, every action run before assert_facts returns.

    The Host's own background threads are not started. `Host()` starts two timer threads
    that call into the engine every 0.2 s (`dispatch`, `dispatch_timers`) while this thread
    asserts and retracts; the C engine is not thread safe, and when a dispatch lands between
    an assert and its retract the batch's actions are lost. That was the "wrong answers from
    fact 66,900 on" of issue 18: the point moved from run to run (fact 6,300, 15,800, 35,300
    here), as a race does. Every fact must fire the catch-all `seen` rule; one that did not
    makes the run fail rather than report a wrong answer.
    """
    from durable import engine as durable_engine

    class Host(durable_engine.Host):
        def _run(self) -> None:          # no dispatch threads: nothing here is asynchronous
            pass

    sink: dict = {}
    host = Host()
    name = f"bench_peer_{id(sink)}"
    host.set_rulesets({name: durable_ruleset(sink)})      # built afresh: durable deletes its 'run' keys
    items = [dict(fact, kind="task", n=i) for i, fact in enumerate(facts)]
    start, cpu = time.perf_counter(), time.process_time()
    for first in range(0, len(items), batch):
        chunk = items[first:first + batch]
        host.assert_facts(name, chunk)
        host.retract_facts(name, chunk)
    answers = [_durable_verdict(sink.get(i, set())) for i in range(len(items))]
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    missed = [i for i in range(len(items)) if "seen" not in sink.get(i, ())]
    if missed:
        raise RuntimeError(f"durable_rules peer: {len(missed)} facts fired nothing, the first "
                           f"fact {missed[0]}: its answers cannot be trusted")
    return elapsed, answers
