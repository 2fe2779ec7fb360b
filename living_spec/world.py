"""The world one Gherkin scenario builds: a scenario mapping shaped like a scenario file
(CONTRACT section 1), and the report `engine.check` gives for it.

The World knows the shape of a scenario file (forces, locations, events, circumstances,
tasks, each with an id), never a legal word: the steps of rules/phrases.yaml say what to write.
"""
from __future__ import annotations

from typing import Any, Callable

import engine

from .phrases import SpecError, word

class World:
    """One Gherkin scenario: the scenario mapping being written, and the report it gives."""

    def __init__(self, rulebook: engine.Rulebook, observe: Callable[[engine.Report], None] | None = None,
                 title: str = "living specification") -> None:
        self.rulebook = rulebook
        self.observe = observe
        self.data: dict[str, Any] = {"scenario": title, "forces": [], "events": [], "tasks": []}
        self.as_of: str | None = None
        self.latest: dict[str, dict] = {}      # what steps call an event -> the event last written
        self.task: str | None = None           # the task "the task" and "the decision" mean
        self._report: engine.Report | None = None
        self._error: engine.ComitatusError | None = None

    # -- writing the scenario --

    def changed(self) -> None:
        self._report, self._error = None, None

    def add(self, part: str, item: dict[str, Any]) -> None:
        """A force or a location: `item` as written, its empty values left out."""
        self.data.setdefault(part, []).append({key: value for key, value in item.items() if value})
        self.changed()

    def add_event(self, noun: str, kind: str, fields: dict[str, Any]) -> dict:
        """An event of this kind with a fresh id; `noun` is what later steps call it."""
        events = self.data.setdefault("events", [])
        taken = {event.get("id") for event in events}
        number = 1 + sum(1 for event in events if event.get("kind") == kind)
        while f"{kind}-{number}" in taken:
            number += 1
        event = {"id": f"{kind}-{number}", "kind": kind, **fields}
        events.append(event)
        self.latest[noun] = event
        self.changed()
        return event

    def event(self, noun: str) -> dict:
        if noun not in self.latest:
            raise SpecError(f"no {noun} has been described yet: describe it before saying what it covers")
        self.changed()
        return self.latest[noun]

    def circumstance(self, name: str, value: Any) -> None:
        circumstances = self.data.get("circumstances") or {}
        circumstances[name] = value
        self.data["circumstances"] = circumstances
        self.changed()

    def add_task(self, fields: dict[str, Any]) -> dict:
        """A task with the id given, or the next free `T<n>`; it becomes "the task"."""
        tasks = self.data.setdefault("tasks", [])
        ident = fields.pop("id", None)
        if ident is None:
            taken = {task.get("id") for task in tasks}
            number = len(tasks) + 1
            while f"T{number}" in taken:
                number += 1
            ident = f"T{number}"
        task: dict[str, Any] = {"id": ident, **{k: v for k, v in fields.items() if v is not None}}
        tasks.append(task)
        self.task = ident
        self.changed()
        return task

    def place(self, text: str) -> str:
        """A declared location id as written, or else a location kind."""
        declared = {place.get("id") for place in self.data.get("locations") or ()}
        return text if text in declared else word(text)

    def current_task(self) -> dict:
        tasks = self.data.get("tasks") or []
        found = next((task for task in tasks if task.get("id") == self.task), None)
        if found is None:
            raise SpecError("no task has been described yet: add a When step giving a force a task")
        self.changed()
        return found

    def load(self, mapping: Any) -> None:
        if not isinstance(mapping, dict):
            raise SpecError("the scenario text must be a YAML mapping shaped like a scenario file")
        self.data = {key: value for key, value in mapping.items()}
        if mapping.get("as_of") is not None:
            self.as_of = str(mapping["as_of"])
        tasks = self.data.get("tasks") or []
        self.task = tasks[-1].get("id") if tasks and isinstance(tasks[-1], dict) else None
        self.changed()

    def mapping(self) -> dict[str, Any]:
        """The scenario as written so far, with `as_of` settled."""
        data = dict(self.data)
        as_of = self.as_of or data.get("as_of")
        if as_of is None:
            dates = [task.get("date") for task in data.get("tasks") or () if task.get("date")]
            if not dates:
                raise SpecError("no date is given: date a task ('... on 2025-01-22') or say 'the date is ...'")
            current = next((task.get("date") for task in data["tasks"] if task.get("id") == self.task), None)
            as_of = current or dates[-1]
        data["as_of"] = str(as_of)
        for key in ("locations", "events"):
            if not data.get(key):
                data.pop(key, None)
        return data

    # -- reading the answer --

    @property
    def report(self) -> engine.Report:
        if self._report is None:
            if self._error is not None:
                raise SpecError(f"the engine rejected the scenario: {error_lines(self._error)}")
            try:
                self._report = engine.check(self.mapping(), rulebook=self.rulebook)
            except engine.ComitatusError as error:
                self._error = error
                raise SpecError(f"the engine rejected the scenario: {error_lines(error)}") from None
            if self.observe is not None:
                self.observe(self._report)
        return self._report

    def rejection(self) -> engine.ComitatusError | None:
        """The engine's error for the scenario, or None when it is accepted."""
        try:
            self.report
        except SpecError:
            return self._error
        return None

    def decision(self, task: str | None = None) -> engine.Decision:
        wanted = task or self.task
        if wanted is None:
            raise SpecError("no task has been described yet: add a When step giving a force a task")
        found = next((d for d in self.report.decisions if d.task == wanted), None)
        if found is None:
            known = ", ".join(d.task for d in self.report.decisions)
            raise SpecError(f"there is no task '{wanted}' (tasks: {known})")
        return found


def error_lines(error: engine.ComitatusError) -> str:
    """The engine's messages without their place: the scenario was written by steps, not a file."""
    errors = error.errors if isinstance(error, engine.Problems) else (error,)
    return "; ".join(f"error[{e.code}]: {e.message}" + (f" (did you mean '{e.did_you_mean}'?)" if e.did_you_mean else "")
                     for e in errors)




DOCSTRING = "<scenario text>"     # the file name errors in a `Given the scenario:` text carry


def read_yaml(text: str, file: str = DOCSTRING, error: type[engine.ComitatusError] = engine.ScenarioError) -> Any:
    """YAML a feature brings, through the engine's hardened reader: the same limits as a
    scenario file (no aliases, bounded depth and numbers, no duplicate keys or controls).
    The one place that names the reader, so a move of it changes one line."""
    from engine.read import parse_yaml
    return parse_yaml(text, file, error)


def read_text(path: str, error: type[engine.ComitatusError] = engine.ScenarioError) -> str:
    """A feature file's text, refused as a scenario file would be: too large, a device, not
    UTF-8, NUL bytes. With read_yaml, the one place that names the engine's reader."""
    from engine.read import DEFAULT_MAX_BYTES, decode, read_bytes
    return decode(read_bytes(path, error, DEFAULT_MAX_BYTES), path, error)


def shaped(document: Any) -> None:
    """Enough shape for the World to hold it; everything else is the engine's to judge."""
    data = document.data
    if not isinstance(data, dict):
        raise engine.ScenarioError("wrong-type", "the scenario text must be a mapping shaped like a scenario file",
                                   where=document.where(()))
    for key in ("forces", "locations", "events", "tasks"):
        items = data.get(key)
        if items is not None and (not isinstance(items, list) or not all(isinstance(i, dict) for i in items)):
            raise engine.ScenarioError("wrong-type", f"{key} must be a list of mappings", where=document.where((key,)))


