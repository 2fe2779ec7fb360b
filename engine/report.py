"""Reports and the contract's JSON: the same inputs always give the same bytes."""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Iterable

from .layers import layers_dict
from .model import (VERDICTS, AuthorityStatus, Decision, Reading, Reason, Remedy, Rulebook,
                    Scenario, Verdict, Window)

CONTRACT = "1.1"
VERSION = "0.1.0"


@dataclass(frozen=True, slots=True, eq=False)
class Report:
    """One scenario checked against one rulebook."""
    scenario: Scenario
    rulebook: Rulebook
    as_of: datetime.date
    decisions: tuple[Decision, ...]
    windows: tuple[Window, ...]
    authorities: tuple[AuthorityStatus, ...]

    @property
    def summary(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in VERDICTS}
        for decision in self.decisions:
            counts[decision.verdict.value] += 1
        return counts

    @property
    def all_permitted(self) -> bool:
        return all(d.verdict is Verdict.PERMITTED for d in self.decisions)

    def decision(self, task_id: str) -> Decision:
        """The decision on one task; a ComitatusError (unknown-task) names an id the scenario lacks."""
        for decision in self.decisions:
            if decision.task == task_id:
                return decision
        from .errors import ComitatusError, SourceLocation, closest, shown
        known = [d.task for d in self.decisions]
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        raise ComitatusError("unknown-task", f"no task {shown(task_id)} in this scenario (it has {listed or 'none'})",
                             where=SourceLocation(self.scenario.file),
                             did_you_mean=next((k for k in known if k.lower() == str(task_id).lower()), None)
                             or closest(task_id, known))

    def to_dict(self) -> dict:
        return scenario_dict(self)

    def to_json(self) -> str:
        return reports_json([self], self.rulebook)


def reports_json(reports: Iterable[Report], rulebook: Rulebook, *, indent: int | None = 2) -> str:
    return reports_json_bytes(reports, rulebook, indent=indent).decode("utf-8")


def reports_json_bytes(reports: Iterable[Report], rulebook: Rulebook, *, indent: int | None = 2) -> bytes:
    """The contract's JSON as UTF-8: orjson where installed (same bytes, several times faster;
    tested byte for byte against json.dumps). Tasks of one class share one explanation dict,
    so a task costs one small dict: orjson writes dicts twice as fast as dataclasses."""
    data = reports_dict(reports, rulebook, share=True)
    try:
        import orjson
    except ImportError:
        orjson = None  # type: ignore[assignment]
    if orjson is not None and indent in (2, None):
        try:
            option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent == 2 else 0)
            return orjson.dumps(data, option=option)     # no copy of a large result to add "\n"
        except orjson.JSONEncodeError:   # a file name that is not UTF-8: keep its bytes below
            pass
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
    return (text + "\n").encode("utf-8", "surrogateescape")


def reports_dict(reports: Iterable[Report], rulebook: Rulebook, *, share: bool = False) -> dict:
    """The contract's document; `share` lets tasks of one class share their explanation's
    lists (only for serialising at once: a caller mutating one would change them all)."""
    return {"contract": CONTRACT, "engine": {"version": VERSION},
            "rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules), **layers_dict(rulebook)},
            "scenarios": [scenario_dict(report, share=share) for report in reports]}


def scenario_dict(report: Report, *, share: bool = False) -> dict:
    shared: dict | None = {} if share else None
    return {**scenario_head(report, report.summary),
            "decisions": [decision_dict(d, shared) for d in report.decisions]}


def scenario_head(report: Report, summary: dict[str, int]) -> dict:
    """A scenario's entry without its decisions (the summary given: a streamed report
    knows it only at the end)."""
    scenario = report.scenario
    return {
        "file": scenario.file, "digest": scenario.digest, "scenario": scenario.title,
        "as_of": report.as_of.isoformat(), "summary": summary,
        "windows": [window_dict(w) for w in report.windows],
        "authorities": [authority_dict(a) for a in report.authorities],
    }


def window_dict(window: Window) -> dict:
    return {"event": window.event, "authority": window.authority, "opened": window.opened.isoformat(),
            "deadline": window.deadline.isoformat(), "state": window.state,
            "days_remaining": window.days_remaining,
            "decided": window.decided.isoformat() if window.decided else None}


def authority_dict(status: AuthorityStatus) -> dict:
    return {"authority": status.authority, "section": status.section, "available": status.available,
            "missing": list(status.missing), "citations": list(status.citations)}


def _reason(reason: Reason) -> dict:
    return {"rule": reason.rule, "effect": reason.effect, "citation": reason.citation,
            "because": reason.because, "title": reason.title}


def _reading(reading: Reading) -> dict:
    return {"reading": reading.reading, "citation": reading.citation, "source": reading.source}


def _remedy(remedy: Remedy) -> dict:
    return {"rule": remedy.rule, "requires": list(remedy.requires), "citation": remedy.citation,
            "effect": remedy.effect}


def decision_dict(decision: Decision, shared: dict | None = None) -> dict:
    """One decision; tasks of one class share their explanation, so it is built once per class."""
    explained = explained_dict(decision, shared) if shared is not None else _explanation(decision)
    return {**decision_head(decision), **explained}


def decision_head(decision: Decision) -> dict:
    """What is a task's own in its decision: the keys before the explanation."""
    if decision.activity_as_written is not None:
        return {"task": decision.task, "force": decision.force, "activity": decision.activity,
                "activity_as_written": decision.activity_as_written, "date": decision.date.isoformat()}
    return {"task": decision.task, "force": decision.force, "activity": decision.activity,
            "date": decision.date.isoformat()}


def explained_dict(decision: Decision, shared: dict) -> dict:
    """The decision's explanation from `shared`, or built and kept there.

    Decisions of one class share one facts object (check.MatchedFacts): its identity is the
    cheap key, tried first; classes with the same reasoning share its parts, the second key.
    """
    facts = decision._facts
    by_facts = not isinstance(facts, tuple)
    found = shared.get(id(facts)) if by_facts else None
    if found is not None:
        return found[0]
    parts = (decision.verdict, decision.rule, decision.citations, decision.reasons, decision.overridden,
             decision.conditions, decision.readings, decision.obligations, decision.remedies)
    key = tuple(map(id, parts))
    found = shared.get(key)
    if found is None:
        found = shared[key] = (_explanation(decision), parts)     # kept alive so their ids stay unique
    if by_facts:
        shared[id(facts)] = (found[0], facts)
    return found[0]


def _explanation(decision: Decision) -> dict:
    return {
        "verdict": decision.verdict.value, "rule": decision.rule,
        "citations": list(decision.citations),
        "reasons": [_reason(r) for r in decision.reasons],
        "overridden": [{"rule": o.rule, "citation": o.citation, "by": o.by} for o in decision.overridden],
        "conditions": list(decision.conditions),
        "readings": [_reading(r) for r in decision.readings],
        "obligations": [_reason(r) for r in decision.obligations],
        "remedies": [_remedy(r) for r in decision.remedies],
    }
