"""How each task's answer changes with its date: exact segments from the breakpoints.

A task's facts compare its date with dates only by thresholds (`start <= day`, `day <= end`,
`value <= day`: see engine/facts.py), and a rule is in force from `effective` through
`until`. So between two consecutive breakpoints (every rule's `effective` and the day after
its `until`; every date the scenario states, and the day after it) nothing the rules see can
change, and one evaluation at each segment's first day decides the whole segment. No day
is sampled: the answer is exact for every day of the range.
"""
from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Iterable

from .facts import dates_in
from .model import Rulebook, Scenario, Task, Verdict

ONE_DAY = datetime.timedelta(days=1)


def breakpoints(rulebook: Rulebook, scenario: Scenario, start: datetime.date,
                end: datetime.date | None) -> list[datetime.date]:
    """Sorted days in [start, end] (end None: unbounded) on which some answer may change, start first.

    Extend this when a new date-bearing feature arrives (a rule or a fact compared with the
    task's date): a day it can change the answer on, and the day after, belong here.
    """
    days = {start}
    for rule in rulebook.rules:
        if rule.effective != datetime.date.min:
            days.add(rule.effective)
        if rule.until is not None:
            days.add(rule.until + ONE_DAY)
    stated: list[datetime.date] = []
    for event in scenario.events:
        stated.extend(dates_in(event.attrs))
    stated.extend(dates_in(scenario.circumstances or ()))
    for task in scenario.tasks:
        stated.extend(dates_in(task.facts))
    for day in stated:
        days.update((day, day + ONE_DAY))
    for event in scenario.events:                  # a period counted from an event's date ends
        for _, field, length in rulebook.vocabulary.event_kinds[event.kind].periods:
            if event.get(field) is not None:
                days.add(event.get(field) + datetime.timedelta(days=length))
    if rulebook.citations is not None:             # what a decision cites changes on these days
        days.update(rulebook.citations.edges)
    return sorted(day for day in days if day >= start and (end is None or day <= end))


@dataclass(frozen=True, slots=True)
class Segment:
    start: datetime.date
    end: datetime.date | None                 # inclusive; None: open to the end of the range
    verdict: Verdict
    rule: str | None
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TaskTimeline:
    task: Task
    segments: tuple[Segment, ...]


def timeline(rulebook: Rulebook, scenario: Scenario, start: datetime.date | None = None,
             end: datetime.date | None = None, tasks: Iterable[str] | None = None) -> tuple[TaskTimeline, ...]:
    """For each task (or those named), the runs of days over which its verdict and deciding
    rule stay the same, from `start` (default: the scenario's earliest date) to `end`."""
    from .evaluate import evaluate

    chosen = [task for task in scenario.tasks if tasks is None or task.id in set(tasks)]
    if start is None:
        start = min([scenario.as_of] + [task.date for task in scenario.tasks]
                    + [day for event in scenario.events for day in dates_in(event.attrs)])
    days = breakpoints(rulebook, scenario, start, end)
    moved = tuple(dataclasses.replace(task, date=day) for task in chosen for day in days)
    report = evaluate(dataclasses.replace(scenario, tasks=moved), rulebook)
    result = []
    for index, task in enumerate(chosen):
        decisions = report.decisions[index * len(days):(index + 1) * len(days)]
        segments: list[Segment] = []
        for number, (day, decision) in enumerate(zip(days, decisions)):
            assert decision.task == task.id and decision.date == day
            last = days[number + 1] - ONE_DAY if number + 1 < len(days) else end
            if segments and (segments[-1].verdict, segments[-1].rule) == (decision.verdict, decision.rule):
                segments[-1] = dataclasses.replace(segments[-1], end=last)
            else:
                segments.append(Segment(day, last, decision.verdict, decision.rule, decision.citations))
        result.append(TaskTimeline(task, tuple(segments)))
    return tuple(result)


def timeline_dict(scenario: Scenario, timelines: Iterable[TaskTimeline], start: datetime.date | None,
                  end: datetime.date | None) -> dict:
    return {"file": scenario.file, "scenario": scenario.title,
            "from": start.isoformat() if start else None, "to": end.isoformat() if end else None,
            "tasks": [{"task": line.task.id, "force": line.task.force, "activity": line.task.activity,
                       "location": line.task.location, "date": line.task.date.isoformat(),
                       "segments": [{"from": s.start.isoformat(), "to": s.end.isoformat() if s.end else None,
                                     "verdict": s.verdict.value, "rule": s.rule, "citations": list(s.citations)}
                                    for s in line.segments]}
                      for line in timelines]}


def timeline_text(scenario: Scenario, timelines: Iterable[TaskTimeline]) -> str:
    """One block per task: a line per segment, the task's own date marked."""
    lines = [f"{scenario.file}: {scenario.title}"]
    for line in timelines:
        task = line.task
        where = f" at {task.location}" if task.location else ""
        lines.append(f"  {task.id}: {task.force} {task.activity}{where} (task date {task.date.isoformat()})")
        for segment in line.segments:
            span = f"{segment.start.isoformat()}..{segment.end.isoformat()}" if segment.end else \
                f"from {segment.start.isoformat()}"
            if segment.end == segment.start:
                span = segment.start.isoformat()
            cited = f" ({'; '.join(segment.citations)})" if segment.citations else ""
            mark = "  <- task date" if segment.start <= task.date and (segment.end is None or task.date <= segment.end) \
                else ""
            lines.append(f"    {span:<24} {segment.verdict.value:<11} {segment.rule or '-'}{cited}{mark}")
    return "\n".join(lines) + "\n"


def timeline_summary(line: TaskTimeline) -> str:
    """The segments on one line: `2025-01-20..2025-04-30 prohibited (citation); 2025-05-01..  permitted (...)`."""
    parts = []
    for segment in line.segments:
        span = f"{segment.start.isoformat()}..{segment.end.isoformat()}" if segment.end else \
            f"from {segment.start.isoformat()}"
        parts.append(f"{span} {segment.verdict.value}" + (f" ({'; '.join(segment.citations)})"
                                                          if segment.citations else ""))
    return "; ".join(parts)
