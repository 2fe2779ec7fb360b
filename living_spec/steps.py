"""The step library: phrases a lawyer would write, each a plain function over a `World`.

Every step is registered once, with its phrase, in `STEPS`. Given and When steps build a
scenario MAPPING shaped like a scenario file (CONTRACT section 1); the first Then step hands it
to `engine.check`, so a feature runs the real pipeline. `runner.py` (`comitatus verify`) and
tests/bdd/conftest.py (pytest-bdd) both drive this one table.

A phrase is literal text with placeholders `{name}` or `{name:type}`, optional parts in
`[...]` and alternatives in `(a|b)`:

    id       text inside double quotes, verbatim: a force id, a rule id, a citation
    term     words naming a vocabulary term: "National Guard" -> national_guard, "Title 32" -> title_32
    qterm    the same, inside double quotes: "stop and frisk" -> stop_and_frisk
    ids      one or more quoted texts: "a", "b" and "c"
    terms    one or more terms: joint emergency determination and readiness unaffected
    date     YYYY-MM-DD
    int      a whole number
    a|b|c    one of these literal words, kept as written (a single word works too)
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import engine

# ---- the phrase language --------------------------------------------------------------------

_TYPES = {
    "id": (r'[^"]+', lambda text: text),
    "qterm": (r'[^"]+', lambda text: word(text)),
    "term": (r"[A-Za-z0-9][A-Za-z0-9_ .'-]*?", lambda text: word(text)),
    "ids": (r'"[^"]+"(?:(?:, and |, | and )"[^"]+")*', lambda text: re.findall(r'"([^"]+)"', text)),
    "terms": (r"[A-Za-z0-9][A-Za-z0-9_ ,.'-]*?", lambda text: [word(t) for t in _split(text)]),
    "date": (r"\d{4}-\d{2}-\d{2}", lambda text: text),
    "int": (r"\d+", lambda text: whole(text)),
}
MAX_DIGITS = 15          # a step's whole number: beyond 2**53 no reader agrees on it anyway


def whole(text: str) -> int:
    """A step's whole number; thousands of digits are refused, not converted (int() has a limit)."""
    if len(text.lstrip("0")) > MAX_DIGITS:
        raise SpecError(f"the number {text[:20]}... has {len(text)} digits (at most {MAX_DIGITS})")
    return int(text)
_TOKEN = re.compile(r"\{(\w+)(?::([^}]+))?\}|\[|\]|\(|\)|\|")


def word(text: str) -> str:
    """A term as the vocabulary spells it: lower case, spaces as underscores."""
    return re.sub(r"\s+", "_", text.strip()).lower()


def _split(text: str) -> list[str]:
    return [part for part in re.split(r", and |, | and ", text.strip()) if part]


def _compile(phrase: str) -> tuple[re.Pattern, dict[str, Callable]]:
    """A phrase as a regular expression with one named group per placeholder."""
    pattern, converters, position = [], {}, 0
    for token in _TOKEN.finditer(phrase):
        pattern.append(re.escape(phrase[position:token.start()]))
        position = token.end()
        name, kind = token.group(1), token.group(2) or "term"
        if name is None:
            pattern.append({"[": "(?:", "]": ")?", "(": "(?:", ")": ")", "|": "|"}[token.group(0)])
        elif kind not in _TYPES:               # literal words: "a|b|c" (or one word)
            pattern.append(f"(?P<{name}>{'|'.join(re.escape(c) for c in kind.split('|'))})")
            converters[name] = str
        else:
            regex, convert = _TYPES[kind]
            pattern.append(f"(?P<{name}>{regex})")
            converters[name] = convert
    pattern.append(re.escape(phrase[position:]))
    return re.compile("".join(pattern)), converters


def shown(phrase: str) -> str:
    """The phrase as a reader sees it: `{name}` placeholders, `{a|b}` choices, `[optional]` parts."""
    def placeholder(found: re.Match) -> str:
        name, kind = found.group(1), found.group(2)
        if kind is None or kind in _TYPES:
            return "{" + name + "}"
        return kind if "|" not in kind else "{" + kind + "}"
    text = re.sub(r"\{(\w+)(?::([^}]+))?\}", placeholder, phrase)
    text = re.sub(r"\((\w+)(?:\|\w+)*\)", r"\1", text)
    return text.replace("[ ", " [")


@dataclass(frozen=True)
class Step:
    """One phrase of the step library and the function it runs."""
    kind: str                                  # given | when | then
    phrase: str
    function: Callable[..., None]
    regex: re.Pattern = field(compare=False)
    converters: dict = field(compare=False)
    table: bool = False                        # takes a data table
    text: bool = False                         # takes a docstring

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(self.regex.groupindex)

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {shown(self.phrase)}"

    def match(self, text: str) -> dict[str, str] | None:
        found = self.regex.fullmatch(text)
        return found.groupdict() if found else None

    def run(self, world: "World", groups: dict[str, str | None], datatable: list[list[str]] | None = None,
            docstring: str | None = None) -> None:
        """Convert the matched text and call the step function."""
        __tracebackhide__ = True
        values = {name: (self.converters[name](value) if value is not None else None)
                  for name, value in groups.items() if name in self.converters}
        if self.table:
            if datatable is None:
                raise SpecError(f"the step '{shown(self.phrase)}' needs a data table below it")
            values["datatable"] = datatable
        elif datatable is not None:
            raise SpecError(f"the step '{shown(self.phrase)}' takes no data table")
        if self.text:
            if docstring is None:
                raise SpecError(f'the step \'{shown(self.phrase)}\' needs a """ text block below it')
            values["docstring"] = docstring
        elif docstring is not None:
            raise SpecError(f"the step '{shown(self.phrase)}' takes no text block")
        self.function(world, **values)


STEPS: list[Step] = []


def _register(kind: str, *phrases: str, table: bool = False, text: bool = False):
    def decorate(function: Callable) -> Callable:
        for phrase in phrases:
            regex, converters = _compile(phrase)
            STEPS.append(Step(kind, phrase, function, regex, converters, table, text))
        return function
    return decorate


def given(*phrases: str, **options: bool):
    return _register("given", *phrases, **options)


def when(*phrases: str, **options: bool):
    return _register("when", *phrases, **options)


def then(*phrases: str, **options: bool):
    return _register("then", *phrases, **options)


def matching(kind: str | None, text: str) -> list[tuple[Step, dict]]:
    """Every step of this kind (any kind when None) whose phrase matches the whole text."""
    found = []
    for step in STEPS:
        if kind is None or step.kind == kind:
            groups = step.match(text)
            if groups is not None:
                found.append((step, groups))
    return found


# ---- the world a scenario builds ------------------------------------------------------------

class SpecError(Exception):
    """A feature asks for something the steps cannot do (not a legal disagreement)."""


class World:
    """One Gherkin scenario: the scenario mapping being written, and the report it gives."""

    def __init__(self, rulebook: engine.Rulebook, observe: Callable[[engine.Report], None] | None = None,
                 title: str = "living specification") -> None:
        self.rulebook = rulebook
        self.observe = observe
        self.data: dict[str, Any] = {"scenario": title, "forces": [], "events": [], "tasks": []}
        self.as_of: str | None = None
        self.latest: dict[str, dict] = {}      # "invocation", "request", ... -> the event last written
        self.task: str | None = None           # the task "the task" and "the decision" mean
        self._report: engine.Report | None = None
        self._error: engine.ComitatusError | None = None

    # -- writing the scenario --

    def changed(self) -> None:
        self._report, self._error = None, None

    def add_force(self, ident: str, component: str, status: str | None = None, name: str | None = None) -> None:
        force = {"id": ident, "component": component}
        if status:
            force["status"] = status
        if name:
            force["name"] = name
        self.data.setdefault("forces", []).append(force)
        self.changed()

    def add_location(self, ident: str, kind: str) -> None:
        self.data.setdefault("locations", []).append({"id": ident, "kind": kind})
        self.changed()

    def add_event(self, noun: str, kind: str, **fields: Any) -> dict:
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

    def add_task(self, force: str, activity: str, date: str | None = None, place: str | None = None,
                 ident: str | None = None, **facts: Any) -> dict:
        tasks = self.data.setdefault("tasks", [])
        if ident is None:
            taken = {task.get("id") for task in tasks}
            number = len(tasks) + 1
            while f"T{number}" in taken:
                number += 1
            ident = f"T{number}"
        task: dict[str, Any] = {"id": ident, "force": force, "activity": activity}
        if date:
            task["date"] = date
        if place:
            task["location"] = self.place(place)
        task.update({k: v for k, v in facts.items() if v is not None})
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
                raise SpecError(f"the engine rejected the scenario: {_error_lines(self._error)}")
            try:
                self._report = engine.check(self.mapping(), rulebook=self.rulebook)
            except engine.ComitatusError as error:
                self._error = error
                raise SpecError(f"the engine rejected the scenario: {_error_lines(error)}") from None
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


def _error_lines(error: engine.ComitatusError) -> str:
    """The engine's messages without their place: the scenario was written by steps, not a file."""
    errors = error.errors if isinstance(error, engine.Problems) else (error,)
    return "; ".join(f"error[{e.code}]: {e.message}" + (f" (did you mean '{e.did_you_mean}'?)" if e.did_you_mean else "")
                     for e in errors)


def explain(decision: engine.Decision) -> str:
    """A decision as a reader needs it when an expectation fails: verdict, rule and every reason."""
    lines = [f"task {decision.task} ({decision.force}, {decision.activity}, {decision.date}): "
             f"{decision.verdict.value}, decided by {decision.rule or 'no rule'}"
             + (f" ({'; '.join(decision.citations)})" if decision.citations else "")]
    for reason in decision.reasons:
        lines.append(f"  reason {reason.rule} [{reason.effect}] {reason.citation}: {reason.because}")
    for overridden in decision.overridden:
        lines.append(f"  overridden {overridden.rule} ({overridden.citation}) by {overridden.by}")
    for condition in decision.conditions:
        lines.append(f"  condition: {condition}")
    for reading in decision.readings:
        lines.append(f"  reading ({reading.citation}): {reading.reading}")
    for obligation in decision.obligations:
        lines.append(f"  obligation {obligation.rule} ({obligation.citation})")
    for remedy in decision.remedies:
        lines.append(f"  remedy {remedy.rule} ({remedy.citation}) still needs: {'; '.join(remedy.requires) or '-'}")
    if not decision.reasons:
        lines.append("  no rule decides this task")
    return "\n".join(textwrap.fill(line, 100, subsequent_indent=" " * (len(line) - len(line.lstrip()) + 4),
                                   break_on_hyphens=False) for line in lines)


def expect(ok: bool, message: str, decision: engine.Decision | None = None) -> None:
    __tracebackhide__ = True
    if not ok:
        raise AssertionError(message + ("\n" + explain(decision) if decision is not None else ""))


def _cites(citations: str | Iterable[str], wanted: str) -> bool:
    items = citations.split("; ") if isinstance(citations, str) else list(citations)
    return any(item == wanted or item.startswith(wanted + "(") for item in items)


def _table(datatable: list[list[str]]) -> list[dict[str, str]]:
    if not datatable:
        raise SpecError("the data table is empty: give a header row and at least one row")
    header = [word(cell) for cell in datatable[0]]
    return [dict(zip(header, (cell.strip() for cell in row))) for row in datatable[1:]]


def _truth(text: str) -> bool | None:
    value = word(text)
    if value in ("", "unstated", "-"):
        return None
    if value in ("true", "yes"):
        return True
    if value in ("false", "no"):
        return False
    raise SpecError(f"'{text}' is not yes, no or unstated")


# ---- Given: who is acting, where, and what legal acts are in force -------------------------

@given('a force "{force:id}" of the {component}[ in {status} status]')
def _force(world: World, force: str, component: str, status: str | None) -> None:
    world.add_force(force, component, status)


@given("these forces:", table=True)
def _forces(world: World, datatable: list[list[str]]) -> None:
    for row in _table(datatable):
        ident = row.get("force") or row.get("id")
        if not ident or not row.get("component"):
            raise SpecError("each force needs a 'force' and a 'component' column")
        world.add_force(ident, word(row["component"]), word(row["status"]) if row.get("status") else None,
                        row.get("name") or None)


@given('a location "{location:id}" (in|on|at) the {kind}')
def _location(world: World, location: str, kind: str) -> None:
    world.add_location(location, kind)


@given("the date is {date:date}")
@when("the scenario is checked on {date:date}", "the window is checked on {date:date}")
def _as_of(world: World, date: str) -> None:
    world.as_of = date
    world.changed()


DOCSTRING = "<scenario text>"     # the file name errors in a `Given the scenario:` text carry


def read_yaml(text: str, file: str = DOCSTRING) -> Any:
    """YAML a feature brings, through the engine's hardened reader: the same limits as a
    scenario file (no aliases, bounded depth and numbers, no duplicate keys or controls).
    The one place that names the reader, so a move of it changes one line."""
    from engine.read import parse_yaml
    return parse_yaml(text, file, engine.ScenarioError)


def read_text(path: str) -> str:
    """A feature file's text, refused as a scenario file would be: too large, a device, not
    UTF-8, NUL bytes. With read_yaml, the one place that names the engine's reader."""
    from engine.read import DEFAULT_MAX_BYTES, decode, read_bytes
    return decode(read_bytes(path, engine.ScenarioError, DEFAULT_MAX_BYTES), path, engine.ScenarioError)


def _shaped(document: Any) -> None:
    """Enough shape for the World to hold it; everything else is the engine's to judge."""
    data = document.data
    if not isinstance(data, dict):
        raise engine.ScenarioError("wrong-type", "the scenario text must be a mapping shaped like a scenario file",
                                   where=document.where(()))
    for key in ("forces", "locations", "events", "tasks"):
        items = data.get(key)
        if items is not None and (not isinstance(items, list) or not all(isinstance(i, dict) for i in items)):
            raise engine.ScenarioError("wrong-type", f"{key} must be a list of mappings", where=document.where((key,)))


@given("the scenario:", text=True)
def _scenario(world: World, docstring: str) -> None:
    document = read_yaml(docstring)
    _shaped(document)
    world.load(document.data)
    world.source = document               # errors about the mapping are located in the text


# The Insurrection Act (10 U.S.C. §§ 251-254)

@given("the Insurrection Act is invoked under section {section:int} on {invoked:date}"
       "[ {proclaimed:with} a proclamation to disperse[ on {proclamation:date}]]")
def _invocation(world: World, section: int, invoked: str, proclaimed: str | None, proclamation: str | None) -> None:
    fields: dict[str, Any] = {"section": section, "invoked": invoked}
    if proclaimed:                             # a proclamation without a date: issued the same day
        fields["proclamation"] = proclamation or invoked
    world.add_event("invocation", "insurrection_act", **fields)


@given("the Insurrection Act is invoked under section {section:int} on {invoked:date} "
       "without a proclamation to disperse")
def _invocation_without(world: World, section: int, invoked: str) -> None:
    world.add_event("invocation", "insurrection_act", section=section, invoked=invoked, proclamation=None)


@given("the invocation was requested by the {by:legislature|governor}[ on {date:date}]")
def _request_for_aid(world: World, by: str, date: str | None) -> None:
    request = {"by": by}
    if date:
        request["date"] = date
    world.event("invocation")["request"] = request


@given("the invocation was made without a request from the State")
def _no_request_for_aid(world: World) -> None:
    world.event("invocation")["request"] = None


@given("a decision window on the {authority} opened {opened:date} for {days:int} days")
def _window(world: World, authority: str, opened: str, days: int) -> None:
    world.add_event("window", "decision_window", authority=authority, opened=opened, days=days)


@given("the window was decided on {decided:date}[ with the outcome {outcome:invoked|declined}]")
def _window_decided(world: World, decided: str, outcome: str | None) -> None:
    window = world.event("window")
    window["decided"] = decided
    if outcome:
        window["outcome"] = outcome


# National defense areas

@given('"{location:id}" is designated a national defense area on {date:date}')
def _nda(world: World, location: str, date: str) -> None:
    world.add_event("designation", "national_defense_area", location=location, designated=date)


# Requests a statute makes a condition (10 U.S.C. § 282, 18 U.S.C. § 1751, ...)

@given('a request under "{statute:id}" on {date:date}[ by the {requested_by}]')
def _request(world: World, statute: str, date: str, requested_by: str | None) -> None:
    fields: dict[str, Any] = {"statute": statute, "date": date}
    if requested_by:
        fields["requested_by"] = requested_by
    world.add_event("request", "statutory_request", **fields)


@given('a designation under "{statute:id}" on {date:date} by the {approved_by}')
def _designation(world: World, statute: str, date: str, approved_by: str) -> None:
    world.add_event("designation", "statutory_request", statute=statute, date=date, approved_by=approved_by)


@given("the {noun:request|designation} is approved by the {approved_by}")
def _approved(world: World, noun: str, approved_by: str) -> None:
    world.event(noun)["approved_by"] = approved_by


@given("the {noun:request|designation} records the finding[s] {findings:terms}")
def _findings(world: World, noun: str, findings: list[str]) -> None:
    event = world.event(noun)
    event["findings"] = list(event.get("findings") or []) + findings


@given("the {noun:request|designation} records no findings")
def _no_findings(world: World, noun: str) -> None:
    world.event(noun)["findings"] = []


# What an event covers, and when it ends

@given("the {noun:invocation|request|designation|emergency} covers only {forces:ids}")
def _covers_forces(world: World, noun: str, forces: list[str]) -> None:
    world.event(noun)["forces"] = forces


@given("the {noun:invocation|request|designation|emergency} covers only the places {areas:ids}")
def _covers_areas(world: World, noun: str, areas: list[str]) -> None:
    world.event(noun)["areas"] = [world.place(area) for area in areas]


@given("the {noun:invocation|request|designation|emergency} ends on {ends:date}")
def _ends(world: World, noun: str, ends: str) -> None:
    world.event(noun)["ends"] = ends


# Emergencies (the emergency authority of DoDD 3025.18)

@given("a {nature} emergency on {date:date}")
def _emergency(world: World, nature: str, date: str) -> None:
    world.add_event("emergency", "emergency", date=date, nature=nature)


@given("local authorities are {able:unable|able} to control the situation")
def _local_authorities(world: World, able: str) -> None:
    world.event("emergency")["local_authorities_unable"] = able == "unable"


@given("prior authorization by the President is {possible:impossible|possible}")
def _president(world: World, possible: str) -> None:
    world.event("emergency")["presidential_authorization_impracticable"] = possible == "impossible"


@given("local authorities {protect:do not|do} protect federal property")
def _federal_property(world: World, protect: str) -> None:
    world.event("emergency")["federal_property_unprotected"] = protect == "do not"


# Circumstances: the facts the Insurrection Act's triggers look at

@given("there is {is_:an|no} insurrection in the State against its government")
def _insurrection(world: World, is_: str) -> None:
    world.circumstance("insurrection_against_state", is_ == "an")


@given("the {by:legislature|governor} of the State requests federal aid"
       "[ and the legislature {can:can|cannot} be convened]")
def _state_request(world: World, by: str, can: str | None) -> None:
    request: dict[str, Any] = {"by": by}
    if can:
        request["legislature_can_convene"] = can == "can"
    world.circumstance("state_request", request)


@given("unlawful obstructions {make:make|do not make} it impracticable to enforce federal law "
       "by the ordinary course of judicial proceedings")
def _obstruction(world: World, make: str) -> None:
    world.circumstance("unlawful_obstruction_of_federal_law", make == "make")


@given("a conspiracy {does:deprives|does not deprive} people of a constitutional right "
       "the State is unable to protect")
def _rights(world: World, does: str) -> None:
    world.circumstance("rights_deprivation_state_unable", does == "deprives")


@given("a conspiracy {does:obstructs|does not obstruct} the execution of federal law")
def _obstructs(world: World, does: str) -> None:
    world.circumstance("obstruction_of_federal_law_execution", does == "obstructs")


# ---- When: the tasks --------------------------------------------------------------------------

@when('"{force:id}" is tasked with "{activity:qterm}"[ (in|on|at) the {kind}][ at "{location:id}"]'
      "[ on {date:date}]")
def _task(world: World, force: str, activity: str, kind: str | None, location: str | None,
          date: str | None) -> None:
    world.add_task(force, activity, date, location or kind)


@when("these tasks are assigned:", table=True)
def _tasks(world: World, datatable: list[list[str]]) -> None:
    for row in _table(datatable):
        if not row.get("force") or not row.get("activity"):
            raise SpecError("each task needs a 'force' and an 'activity' column")
        place = row.get("place") or row.get("location")
        world.add_task(row["force"], word(row["activity"]), row.get("date") or None, place or None,
                       ident=row.get("task") or None, supports=word(row["supports"]) if row.get("supports") else None,
                       us_persons=_truth(row["us_persons"]) if "us_persons" in row else None)


@when("the task supports {agency}")
def _supports(world: World, agency: str) -> None:
    world.current_task()["supports"] = agency


@when('the task claims the authority "{authority:id}"')
def _claims(world: World, authority: str) -> None:
    world.current_task()["authority"] = authority


@when("the task's purpose is {purpose}")
def _purpose(world: World, purpose: str) -> None:
    world.current_task()["purpose"] = purpose


@when("the task {does:collects|does not collect} information about US persons")
def _us_persons(world: World, does: str) -> None:
    world.current_task()["us_persons"] = does == "collects"


# ---- Then: what the law says ------------------------------------------------------------------

_VERDICT = "{verdict:permitted|prohibited|conditional|contested|unknown}"


@then(f"the task is {_VERDICT}")
def _verdict(world: World, verdict: str) -> None:
    decision = world.decision()
    expect(decision.verdict.value == verdict, f"expected the task to be {verdict}", decision)


@then(f'task "{{task:id}}" is {_VERDICT}')
def _task_verdict(world: World, task: str, verdict: str) -> None:
    decision = world.decision(task)
    world.task = task
    expect(decision.verdict.value == verdict, f"expected task {task} to be {verdict}", decision)


@then(f"every task is {_VERDICT}")
def _every_verdict(world: World, verdict: str) -> None:
    for decision in world.report.decisions:
        expect(decision.verdict.value == verdict, f"expected every task to be {verdict}", decision)


@then("the verdicts are:", table=True)
def _verdicts(world: World, datatable: list[list[str]]) -> None:
    for row in _table(datatable):
        decision = world.decision(row.get("task"))
        if row.get("verdict"):
            expect(decision.verdict.value == word(row["verdict"]),
                   f"expected task {decision.task} to be {row['verdict']}", decision)
        if row.get("rule"):
            expect(decision.rule == row["rule"], f"expected task {decision.task} to be decided by {row['rule']}",
                   decision)
        if row.get("cites"):
            expect(_cites(decision.citations, row["cites"]), f"expected task {decision.task} to cite {row['cites']}",
                   decision)


@then('the deciding rule is "{rule:id}"')
def _rule(world: World, rule: str) -> None:
    decision = world.decision()
    expect(decision.rule == rule, f"expected the deciding rule to be {rule}", decision)


@then('the decision cites "{citation:id}"')
def _decision_cites(world: World, citation: str) -> None:
    decision = world.decision()
    expect(_cites(decision.citations, citation), f"expected the decision to cite {citation}", decision)


@then('the decision does not cite "{citation:id}"')
def _decision_does_not_cite(world: World, citation: str) -> None:
    decision = world.decision()
    expect(not _cites(decision.citations, citation), f"expected the decision not to cite {citation}", decision)


@then('the decision overrides "{citation:id}"')
def _overrides(world: World, citation: str) -> None:
    decision = world.decision()
    expect(any(_cites(o.citation, citation) for o in decision.overridden),
           f"expected the decision to override a rule citing {citation}", decision)


@then('the decision overrides the rule "{rule:id}"')
def _overrides_rule(world: World, rule: str) -> None:
    decision = world.decision()
    expect(any(o.rule == rule for o in decision.overridden), f"expected the decision to override {rule}",
           decision)


@then("the decision overrides nothing")
def _overrides_nothing(world: World) -> None:
    decision = world.decision()
    expect(not decision.overridden, "expected the decision to override no rule", decision)


@then('the reasons include the rule "{rule:id}"')
def _reasons(world: World, rule: str) -> None:
    decision = world.decision()
    expect(any(r.rule == rule for r in decision.reasons), f"expected {rule} among the reasons", decision)


def _names(item: Any, wanted: str) -> bool:
    return item.rule == wanted or _cites(item.citation, wanted)


@then('the remedies include "{remedy:id}"')
def _remedies(world: World, remedy: str) -> None:
    decision = world.decision()
    expect(any(_names(r, remedy) for r in decision.remedies),
           f"expected a remedy {remedy} (a rule id or a citation)", decision)


@then('the remedies do not include "{remedy:id}"')
def _no_such_remedy(world: World, remedy: str) -> None:
    decision = world.decision()
    expect(not any(_names(r, remedy) for r in decision.remedies), f"expected no remedy {remedy}", decision)


@then('the remedy "{remedy:id}" still requires "{needs:id}"')
def _remedy_requires(world: World, remedy: str, needs: str) -> None:
    decision = world.decision()
    found = [r for r in decision.remedies if _names(r, remedy)]
    expect(any(needs in say for r in found for say in r.requires),
           f"expected the remedy {remedy} to still require '{needs}'", decision)


@then("there are no remedies")
def _no_remedies(world: World) -> None:
    decision = world.decision()
    expect(not decision.remedies, "expected no remedies", decision)


@then('the obligations include "{obligation:id}"')
def _obligations(world: World, obligation: str) -> None:
    decision = world.decision()
    expect(any(_names(o, obligation) for o in decision.obligations),
           f"expected an obligation {obligation} (a rule id or a citation)", decision)


@then("there are no obligations")
def _no_obligations(world: World) -> None:
    decision = world.decision()
    expect(not decision.obligations, "expected no obligations", decision)


@then('the conditions include "{text:id}"')
def _conditions(world: World, text: str) -> None:
    decision = world.decision()
    expect(any(text in condition for condition in decision.conditions),
           f"expected a condition mentioning '{text}'", decision)


@then('the readings include one citing "{citation:id}"')
def _readings(world: World, citation: str) -> None:
    decision = world.decision()
    expect(any(citation in reading.citation for reading in decision.readings),
           f"expected a reading citing {citation}", decision)


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


@then("the window is {state:pending|open|decided|expired}[ with {days:int} days remaining]")
def _window_state(world: World, state: str, days: int | None) -> None:
    window = _the_window(world)
    expect(window.state == state, f"expected the window to be {state}, as of {world.report.as_of}: "
           f"{_window_text(window)}")
    if days is not None:
        expect(window.days_remaining == days, f"expected {days} days remaining: {_window_text(window)}")


@then("the deadline is {deadline:date}")
def _deadline(world: World, deadline: str) -> None:
    window = _the_window(world)
    expect(window.deadline.isoformat() == deadline, f"expected the deadline {deadline}: {_window_text(window)}")


# Statutory triggers

def _authority(world: World, section: int, authority: str) -> engine.AuthorityStatus:
    found = [a for a in world.report.authorities if a.authority == authority and a.section == section]
    if not found:
        known = ", ".join(f"{a.authority} {a.section}" for a in world.report.authorities) or "none"
        raise SpecError(f"the rulebook has no trigger for section {section} of {authority} (it has: {known})")
    return found[0]


@then("section {section:int} of the {authority} is {available:available|not available}")
def _available(world: World, section: int, authority: str, available: str) -> None:
    status = _authority(world, section, authority)
    expect(status.available == (available == "available"),
           f"expected section {section} of {authority} to be {available}; missing: "
           f"{'; '.join(status.missing) or 'nothing'}")


@then('section {section:int} of the {authority} still needs "{needs:id}"')
def _still_needs(world: World, section: int, authority: str, needs: str) -> None:
    status = _authority(world, section, authority)
    expect(any(needs in say for say in status.missing),
           f"expected section {section} of {authority} to still need '{needs}'; missing: "
           f"{'; '.join(status.missing) or 'nothing'}")


# Bad scenarios

@then('the scenario is rejected with "{code:id}"')
def _rejected(world: World, code: str) -> None:
    error = world.rejection()
    expect(error is not None, f"expected the engine to reject the scenario with {code}, but it accepted it")
    codes = [e.code for e in error.errors] if isinstance(error, engine.Problems) else [error.code]
    expect(code in codes, f"expected the error {code}; the engine said: {_error_lines(error)}")
