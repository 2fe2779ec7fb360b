"""The full reasoning for one task, as data and as a tree a reader can follow.

`explain_data` gathers it once (the task, the facts the rules were matched against, every
rule that applied and why, what overrode what, open conditions, readings, remedies);
`explain_text` only draws that dict, so `--format json` and the tree never disagree.
"""
from __future__ import annotations

from typing import Any

from ..errors import for_people
from . import WIDTH, captured, console, place, plain
from .decision_lines import cited, sections

# The decision's sections the tree shows after the rules that applied, and how.
TREE = {"overridden": "Overridden", "conditions": "Conditions still open", "readings": "Competing readings",
        "remedies": "Remedies", "obligations": "Obligations"}
TREE_LINES = {
    "overridden": lambda o: cited(o) + (f" by {o.by}" if o.by else ""),
    "conditions": lambda c: c.text,
    "readings": lambda r: f"{r.text} ({r.citation}; {r.source})",
    "remedies": lambda r: r.rule + (f" ({r.citation})" if r.citation else "") + f" {r.would}"
                          + (", given:" if r.requires else ""),
    "obligations": cited,
}
ROLE_TEXT = {"decides": "decides", "concurs": "also applies", "overridden": "overridden",
             "obligation": "obligation"}


def explain_data(report: Any, decision: Any, rulebook: Any, version: str) -> dict:
    from ..compile import readable

    from ..report import decision_dict

    scenario = report.scenario
    task = next(t for t in scenario.tasks if t.id == decision.task)
    return {
        "contract": "1.1", "engine": {"version": version},
        "rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules)},
        "file": scenario.file, "digest": scenario.digest, "scenario": scenario.title,
        "as_of": report.as_of.isoformat(),
        "task": {"id": task.id, "force": task.force, "activity": task.activity, "date": task.date.isoformat(),
                 "location": task.location, "supports": task.supports, "authority": task.authority,
                 "description": task.description, "stated": {k: _json(v) for k, v in task.facts},
                 "where": place(task.where)},
        "facts": _json(readable(decision.facts)),
        "rules": _applied(decision, rulebook),
        "decision": decision_dict(decision),
    }


def _applied(decision: Any, rulebook: Any) -> list[dict]:
    """Every rule that fired for the task, with its scope and the state of each requirement."""
    entries = [(r.rule, "decides" if r.rule == decision.rule else "concurs", "") for r in decision.reasons]
    entries += [(o.rule, "overridden", o.by) for o in decision.overridden]
    entries += [(o.rule, "obligation", "") for o in decision.obligations]
    still_open = set(decision.conditions)
    result = []
    for rule_id, role, by in entries:
        rule = rulebook.by_id.get(rule_id)
        if rule is None:
            result.append({"rule": rule_id, "role": role, "overridden_by": by or None})
            continue
        result.append({
            "rule": rule.id, "role": role, "effect": rule.effect, "title": rule.title,
            "citations": list(rule.citations), "because": rule.because, "source": rule.source,
            "where": place(rule.where),
            "scope": {key: list(values) for key, values in rule.when},
            "requires": [{"says": req.says, "status": "open" if req.says in still_open else "met"}
                         for req in rule.requires],
            "overridden_by": by or None,
            "verified": rule.verified,
        })
    return result


def explain_text(data: dict, *, color: bool = False, width: int = WIDTH) -> str:
    from rich.text import Text
    from rich.tree import Tree

    from .text import verdict_text

    data = _for_people(data)              # a scenario's text cannot reorder or hide what is shown
    d, task = data["decision"], data["task"]
    head = Text(f"{task['id']}  ", style="bold")
    head.append(verdict_text(d["verdict"], color))
    head.append(f"  {task['activity']} by {task['force']} on {task['date']}")
    tree = Tree(head, guide_style="dim")
    tree.add(f"{data['file']}: {data['scenario']}, as of {data['as_of']}")
    about = tree.add(Text("Task", style="bold"))
    for key in ("location", "supports", "authority", "description"):
        if task.get(key):
            about.add(f"{key}: {task[key]}")
    for key, value in task["stated"].items():
        about.add(f"{key}: {plain(value)}")
    if task.get("where"):
        about.add(f"written at {task['where']}")
    facts = tree.add(Text("Facts the rules were matched against", style="bold"))
    for key, value in data["facts"].items():
        if key == "events_in_effect":
            events = facts.add(f"events in effect: {'none' if not value else len(value)}")
            for event in value:
                fields = ", ".join(f"{k} {plain(v)}" for k, v in event.items() if k != "kind")
                events.add(f"{event['kind']}: {fields}" if fields else str(event["kind"]))
        else:
            facts.add(f"{key}: {plain(value)}")
    if d["rule"]:
        tree.add(Text(f"Decided by {d['rule']}: {'; '.join(d['citations'])}", style="bold"))
    else:
        tree.add(Text("No rule decides this task: legal review needed", style="bold"))
    applied = tree.add(Text("Rules that applied", style="bold"))
    if not data["rules"]:
        applied.add("none")
    for rule in data["rules"]:
        _rule_node(applied, rule)
    for section, items in sections(d, TREE):
        branch = tree.add(Text(TREE[section], style="bold"))
        for entry in items:
            node = branch.add(TREE_LINES[section](entry))
            for need in entry.requires if section == "remedies" else ():
                node.add(need)
    out = console(color, width)
    out.print(tree)
    return captured(out)


def _for_people(value: Any) -> Any:
    """Every text in the explanation escaped (controls, bidi overrides), keys included."""
    if isinstance(value, str):
        return for_people(value)
    if isinstance(value, dict):
        return {_for_people(key): _for_people(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_for_people(item) for item in value)
    return value


def _rule_node(parent: Any, rule: dict) -> None:
    from rich.text import Text

    label = Text(rule["rule"], style="bold")
    role = ROLE_TEXT[rule["role"]] + (f" by {rule['overridden_by']}" if rule.get("overridden_by") else "")
    label.append(f"  {rule.get('effect', '?')}, {role}")
    node = parent.add(label)
    if "title" not in rule:
        return
    node.add(rule["title"])
    node.add(f"citations: {'; '.join(rule['citations'])}")
    node.add(f"because: {rule['because']}")
    if rule["scope"]:
        scope = node.add("scope met")
        for key, values in rule["scope"].items():
            scope.add(f"{key}: {', '.join(values)}")
    else:
        node.add("scope: every task")
    if rule["requires"]:
        needs = node.add("requires")
        for item in rule["requires"]:
            needs.add(f"[{item['status']}] {item['says']}")
    node.add(f"source: {rule['source']}" + ("" if rule["verified"] else " (unverified)"))
    if rule["where"]:
        node.add(f"written at {rule['where']}")


def _json(value: Any) -> Any:
    """Frozen tuples back to lists and mappings, dates to ISO text: ready for json.dumps."""
    import datetime

    if isinstance(value, tuple):
        if value and all(isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str)
                         for item in value):
            return {k: _json(v) for k, v in value}
        return [_json(item) for item in value]
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value
