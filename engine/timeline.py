"""Decision windows: deadlines to decide whether to use an authority. They authorise nothing."""
from __future__ import annotations

import datetime

from .model import Scenario, Vocabulary, Window


def windows(scenario: Scenario, vocabulary: Vocabulary, day: datetime.date) -> tuple[Window, ...]:
    result = []
    for event in scenario.events:
        spec = vocabulary.event_kinds[event.kind].window
        if not spec:
            continue
        authority = event.get(spec["authority"])
        opened = event.get(spec["opened"])
        deadline = opened + datetime.timedelta(days=event.get(spec["days"]))
        decided = event.get(spec["decided"]) if spec.get("decided") else None
        outcome = event.get("outcome")
        taken = _taken(scenario, vocabulary, authority, day)
        if day < opened:
            state, remaining = "pending", None
        elif (decided is not None and decided <= day) or taken is not None:
            state, remaining = "decided", None
            decided = decided if decided is not None and decided <= day else taken
        elif day > deadline:
            state, remaining = "expired", None
        else:
            state, remaining = "open", (deadline - day).days
        result.append(Window(event.id, authority, opened, deadline, state, remaining,
                             decided if state == "decided" else None, outcome if state == "decided" else None))
    return tuple(result)


def _taken(scenario: Scenario, vocabulary: Vocabulary, authority: str, day: datetime.date) -> datetime.date | None:
    """The earliest day an event exercising the authority took effect, on or before `day`."""
    days = []
    for event in scenario.events:
        kind = vocabulary.event_kinds[event.kind]
        if kind.invokes == authority and kind.in_effect_from:
            start = event.get(kind.in_effect_from)
            if start is not None and start <= day:
                days.append(start)
    return min(days) if days else None
