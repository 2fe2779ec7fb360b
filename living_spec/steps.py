"""The step library: the phrases of rules/phrases.yaml, each run by one verb over a `World`.

Given and When verbs write the scenario MAPPING (CONTRACT section 1) an entry's `fields` say;
the first Then verb hands it to `engine.check`, so a feature runs the real pipeline. Then verbs
read the report through the public engine API. `runner.py` (`comitatus verify`) and
tests/bdd/conftest.py (pytest-bdd) both drive the one table `STEPS`.

A verb knows the shape of a scenario file and of a report, never a legal word: the phrases,
event kinds, field names and choices of words are in rules/phrases.yaml, so another statute's
features need another phrases file, not other Python.
"""
from __future__ import annotations

import textwrap
from typing import Any, Callable

import engine
from engine.citations import cites
from engine.render.decision_lines import Layout, cited, lay_out

from .phrases import SpecError, Step, read_steps, shown, whole, word
from .world import DOCSTRING, World, error_lines, read_text, read_yaml, shaped

__all__ = ["DOCSTRING", "STEPS", "SpecError", "Step", "World", "explain", "matching", "read_text",
           "read_yaml", "shown", "whole", "word"]

VERBS: dict[str, Callable[[World, Step, dict], None]] = {}
TEXT_VERBS: set[str] = set()          # verbs that take a docstring
OMIT = object()                       # a field whose group was not written: its key is left out


def verb(function: Callable | None = None, *, text: bool = False) -> Callable:
    def register(function: Callable) -> Callable:
        VERBS[function.__name__] = function
        if text:
            TEXT_VERBS.add(function.__name__)
        return function
    return register(function) if function is not None else register


# ---- what an entry's `fields` say ---------------------------------------------------------------

def value(spec: Any, values: dict, world: World, current: Any = None) -> Any:
    """One field's value (rules/phrases.yaml lists the forms), or OMIT."""
    if isinstance(spec, str):
        return OMIT if values.get(spec) is None else values[spec]
    if "value" in spec:
        return spec["value"]
    if "first" in spec:
        return next((found for found in (value(s, values, world) for s in spec["first"]) if found is not OMIT), OMIT)
    if "if" in spec:
        return OMIT if values.get(spec["if"]) is None else value(spec["then"], values, world)
    if "mapping" in spec:
        return {key: found for key, inner in spec["mapping"].items()
                if (found := value(inner, values, world)) is not OMIT}
    found = value(spec.get("places", spec.get("append")), values, world)
    if found is OMIT:
        return OMIT
    if "append" in spec:
        return list(current or []) + found
    return [world.place(f) for f in found] if isinstance(found, list) else world.place(found)


def fields(step: Step, values: dict, world: World, target: dict | None = None) -> dict[str, Any]:
    """The entry's fields, in its order, without those left out."""
    written = {}
    for key, spec in step.entry.get("fields", {}).items():
        found = value(spec, values, world, (target or {}).get(key))
        if found is not OMIT:
            written[key] = found
    return written


# ---- Given and When: writing the scenario ----------------------------------------------------------

@verb
def add_force(world: World, step: Step, **values: Any) -> None:
    world.add("forces", fields(step, values, world))


@verb
def add_location(world: World, step: Step, **values: Any) -> None:
    world.add("locations", fields(step, values, world))


@verb
def as_of(world: World, step: Step, **values: Any) -> None:
    world.as_of = fields(step, values, world)["as_of"]
    world.changed()


@verb(text=True)
def scenario(world: World, step: Step, *, docstring: str) -> None:
    document = read_yaml(docstring)
    shaped(document)
    world.load(document.data)
    world.source = document               # errors about the mapping are located in the text


@verb
def add_event(world: World, step: Step, **values: Any) -> None:
    world.add_event(step.entry["event"], step.entry["kind"], fields(step, values, world))


@verb
def change_event(world: World, step: Step, **values: Any) -> None:
    event = world.event(values.get("noun") or step.entry["event"])
    event.update(fields(step, values, world, event))


@verb
def circumstances(world: World, step: Step, **values: Any) -> None:
    for name, found in fields(step, values, world).items():
        world.circumstance(name, found)


@verb
def add_task(world: World, step: Step, **values: Any) -> None:
    world.add_task(fields(step, values, world))


@verb
def change_task(world: World, step: Step, **values: Any) -> None:
    task = world.current_task()
    task.update(fields(step, values, world, task))


# ---- Then: what the law says ----------------------------------------------------------------------

FAILURE = Layout({
    "reasons": lambda r: f"  reason {r.rule} [{r.effect}] {r.citation}: {r.text}",
    "overridden": lambda o: f"  overridden {cited(o)} by {o.by}",
    "conditions": lambda c: f"  condition: {c.text}",
    "readings": lambda r: f"  reading ({r.citation}): {r.text}",
    "obligations": lambda o: f"  obligation {cited(o)}",
    "remedies": lambda r: f"  remedy {cited(r)} still needs: {'; '.join(r.requires) or '-'}",
})


def explain(decision: engine.Decision) -> str:
    """A decision as a reader needs it when an expectation fails: verdict, rule and every reason."""
    lines = [f"task {decision.task} ({decision.force}, {decision.activity}, {decision.date}): "
             f"{decision.verdict.value}, decided by {decision.rule or 'no rule'}"
             + (f" ({'; '.join(decision.citations)})" if decision.citations else "")]
    lines += lay_out(decision, FAILURE)
    if not decision.reasons:
        lines.append("  no rule decides this task")
    return "\n".join(textwrap.fill(line, 100, subsequent_indent=" " * (len(line) - len(line.lstrip()) + 4),
                                   break_on_hyphens=False) for line in lines)


def expect(ok: bool, message: str, decision: engine.Decision | None = None) -> None:
    __tracebackhide__ = True
    if not ok:
        raise AssertionError(message + ("\n" + explain(decision) if decision is not None else ""))


def _names(item: Any, wanted: str) -> bool:
    return item.rule == wanted or cites(item.citation, wanted)


@verb
def verdict(world: World, step: Step, *, verdict: str, task: str | None = None) -> None:
    task = task
    decision = world.decision(task)
    if task:
        world.task = task
    who = f"task {task}" if task else "the task"
    expect(decision.verdict.value == verdict, f"expected {who} to be {verdict}", decision)


@verb
def every_verdict(world: World, step: Step, *, verdict: str) -> None:
    for decision in world.report.decisions:
        expect(decision.verdict.value == verdict, f"expected every task to be {verdict}",
               decision)


@verb
def verdicts(world: World, step: Step, *, task: str | None = None, verdict: str | None = None, rule: str | None = None,
             citation: str | None = None) -> None:
    decision = world.decision(task)
    if verdict:
        expect(decision.verdict.value == word(verdict),
               f"expected task {decision.task} to be {verdict}", decision)
    if rule:
        expect(decision.rule == rule, f"expected task {decision.task} to be decided by {rule}",
               decision)
    if citation:
        expect(cites(decision.citations, citation), f"expected task {decision.task} to cite {citation}",
               decision)


def holds(world: World, found: Callable[[engine.Decision], bool], message: str) -> None:
    """An expectation about the current task's decision, explained when it fails."""
    __tracebackhide__ = True
    decision = world.decision()
    expect(found(decision), message, decision)


@verb
def deciding_rule(world: World, step: Step, *, rule: str) -> None:
    holds(world, lambda d: d.rule == rule, f"expected the deciding rule to be {rule}")


@verb
def decision_cites(world: World, step: Step, *, citation: str) -> None:
    holds(world, lambda d: cites(d.citations, citation), f"expected the decision to cite {citation}")


@verb
def does_not_cite(world: World, step: Step, *, citation: str) -> None:
    holds(world, lambda d: not cites(d.citations, citation), f"expected the decision not to cite {citation}")


@verb
def overrides_citation(world: World, step: Step, *, citation: str) -> None:
    holds(world, lambda d: any(cites(o.citation, citation) for o in d.overridden),
          f"expected the decision to override a rule citing {citation}")


@verb
def overrides_rule(world: World, step: Step, *, rule: str) -> None:
    holds(world, lambda d: any(o.rule == rule for o in d.overridden), f"expected the decision to override {rule}")


@verb
def overrides_nothing(world: World, step: Step) -> None:
    holds(world, lambda d: not d.overridden, "expected the decision to override no rule")


@verb
def reasons_include(world: World, step: Step, *, rule: str) -> None:
    holds(world, lambda d: any(r.rule == rule for r in d.reasons), f"expected {rule} among the reasons")


@verb
def remedies_include(world: World, step: Step, *, remedy: str) -> None:
    holds(world, lambda d: any(_names(r, remedy) for r in d.remedies),
          f"expected a remedy {remedy} (a rule id or a citation)")


@verb
def remedies_exclude(world: World, step: Step, *, remedy: str) -> None:
    holds(world, lambda d: not any(_names(r, remedy) for r in d.remedies), f"expected no remedy {remedy}")


@verb
def remedy_requires(world: World, step: Step, *, remedy: str, needs: str) -> None:
    holds(world, lambda d: any(needs in say for r in d.remedies if _names(r, remedy) for say in r.requires),
          f"expected the remedy {remedy} to still require '{needs}'")


@verb
def no_remedies(world: World, step: Step) -> None:
    holds(world, lambda d: not d.remedies, "expected no remedies")


@verb
def obligations_include(world: World, step: Step, *, obligation: str) -> None:
    holds(world, lambda d: any(_names(o, obligation) for o in d.obligations),
          f"expected an obligation {obligation} (a rule id or a citation)")


@verb
def no_obligations(world: World, step: Step) -> None:
    holds(world, lambda d: not d.obligations, "expected no obligations")


@verb
def conditions_include(world: World, step: Step, *, text: str) -> None:
    holds(world, lambda d: any(text in condition for condition in d.conditions),
          f"expected a condition mentioning '{text}'")


@verb
def readings_include(world: World, step: Step, *, citation: str) -> None:
    holds(world, lambda d: any(citation in reading.citation for reading in d.readings),
          f"expected a reading citing {citation}")


# Decision windows

def _the_window(world: World) -> engine.Window:
    windows = world.report.windows
    if len(windows) != 1:
        raise SpecError(f"'the window' needs exactly one decision window; the scenario has {len(windows)}")
    return windows[0]


def _window_text(window: engine.Window) -> str:
    left = f", {window.days_remaining} days remaining" if window.days_remaining is not None else ""
    return (f"window {window.event} on {window.authority}: opened {window.opened}, deadline {window.deadline}, "
            f"{window.state}{left}")


@verb
def window_state(world: World, step: Step, *, state: str, days: int | None = None) -> None:
    window, state, days = _the_window(world), state, days
    expect(window.state == state, f"expected the window to be {state}, as of {world.report.as_of}: "
           f"{_window_text(window)}")
    if days is not None:
        expect(window.days_remaining == days, f"expected {days} days remaining: {_window_text(window)}")


@verb
def deadline(world: World, step: Step, *, deadline: str) -> None:
    window = _the_window(world)
    expect(window.deadline.isoformat() == deadline,
           f"expected the deadline {deadline}: {_window_text(window)}")


# Statutory triggers

def _authority(world: World, section: int, authority: str) -> engine.AuthorityStatus:
    found = [a for a in world.report.authorities if a.authority == authority and a.section == section]
    if not found:
        known = ", ".join(f"{a.authority} {a.section}" for a in world.report.authorities) or "none"
        raise SpecError(f"the rulebook has no trigger for section {section} of {authority} (it has: {known})")
    return found[0]


@verb
def available(world: World, step: Step, *, section: int, authority: str, available: bool) -> None:
    section, authority = section, authority
    status = _authority(world, section, authority)
    expect(status.available == available,
           f"expected section {section} of {authority} to be {'' if available else 'not '}available; "
           f"missing: {'; '.join(status.missing) or 'nothing'}")


@verb
def still_needs(world: World, step: Step, *, section: int, authority: str, needs: str) -> None:
    section, authority, needs = section, authority, needs
    status = _authority(world, section, authority)
    expect(any(needs in say for say in status.missing),
           f"expected section {section} of {authority} to still need '{needs}'; missing: "
           f"{'; '.join(status.missing) or 'nothing'}")


# Bad scenarios

@verb
def rejected(world: World, step: Step, *, code: str) -> None:
    code = code
    error = world.rejection()
    expect(error is not None, f"expected the engine to reject the scenario with {code}, but it accepted it")
    codes = [e.code for e in error.errors] if isinstance(error, engine.Problems) else [error.code]
    expect(code in codes, f"expected the error {code}; the engine said: {error_lines(error)}")


# ---- the table ----------------------------------------------------------------------------------

STEPS: list[Step] = read_steps(VERBS, TEXT_VERBS)


def matching(kind: str | None, text: str) -> list[tuple[Step, dict]]:
    """Every step of this kind (any kind when None) whose phrase matches the whole text."""
    found = []
    for step in STEPS:
        if kind is None or step.kind == kind:
            groups = step.match(text)
            if groups is not None:
                found.append((step, groups))
    return found
