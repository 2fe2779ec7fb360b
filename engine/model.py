"""The core types: frozen, so they can be cached, compared and shared across threads."""
from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import SourceLocation


def at() -> Any:
    """Where a value was written: kept for messages, ignored by == and repr."""
    return field(default=None, compare=False, repr=False)


class Verdict(str, enum.Enum):
    PERMITTED = "permitted"
    PROHIBITED = "prohibited"
    CONDITIONAL = "conditional"
    CONTESTED = "contested"
    UNKNOWN = "unknown"


EFFECTS = ("prohibit", "contested", "conditional", "permit", "oblige")
PERMISSIVE = frozenset({"permit", "conditional", "contested"})
EFFECT_VERDICT = {"prohibit": Verdict.PROHIBITED, "contested": Verdict.CONTESTED,
                  "conditional": Verdict.CONDITIONAL, "permit": Verdict.PERMITTED}
VERDICTS = tuple(Verdict)


# ---- the rulebook -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field a scenario may give an event, the circumstances or a task."""
    name: str
    type: str                                  # integer|boolean|date|word|text|words|forces|areas|location|mapping
    required: bool = False
    choices: tuple = ()
    minimum: int | None = None
    maximum: int | None = None
    fields: tuple["FieldSpec", ...] = ()       # for mapping


def flat_fields(specs: tuple[FieldSpec, ...], prefix: str = "") -> dict[str, FieldSpec]:
    """Fields by dotted name (`state_request.by`), as rules name them and the network reads them."""
    result: dict[str, FieldSpec] = {}
    for spec in specs:
        if spec.type == "mapping":
            result.update(flat_fields(spec.fields, prefix + spec.name + "."))
        else:
            result[prefix + spec.name] = spec
    return result


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    fields: tuple[FieldSpec, ...]
    in_effect_from: str | None = None          # date field that starts it
    in_effect_until: str | None = None         # date field that ends it (inclusive)
    scope_forces: str | None = None            # field listing the forces it covers
    scope_areas: str | None = None             # field listing the places it covers
    invokes: str | None = None                 # the authority it exercises (closes windows)
    window: Mapping[str, str] | None = None    # decision windows: authority/opened/days/decided
    marks_location: str | None = None          # field naming a location it re-classifies
    marks_kinds: tuple[str, ...] = ()
    scope_activities: str | None = None        # field listing the activities (or classes) it covers
    sets_status: tuple[str, str] | None = None  # (forces field, status) the forces have while in effect
    suspends: str | None = None                # field naming an event it suspends while in effect
    periods: tuple[tuple[str, str, int], ...] = ()   # (name, date field, days): true for `days` days from it

    def field(self, name: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def testable(self) -> dict[str, FieldSpec]:
        """The fields rules may test by dotted name, its periods (booleans) included."""
        found = flat_fields(self.fields)
        found.update({name: FieldSpec(name, "boolean") for name, _, _ in self.periods})
        return found


@dataclass(frozen=True, slots=True)
class Activity:
    name: str
    activity_class: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    statuses: tuple[str, ...]
    default_status: str | None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    statuses: Mapping[str, str]
    components: Mapping[str, Component]
    activity_classes: Mapping[str, str]
    activities: Mapping[str, Activity]
    activity_words: Mapping[str, str]          # every word and synonym -> canonical activity
    location_kinds: Mapping[str, tuple[str, ...]]   # kind -> itself plus every kind it implies
    location_words: Mapping[str, str]          # word or synonym -> canonical kind
    event_kinds: Mapping[str, EventKind]
    circumstances: tuple[FieldSpec, ...]
    task_facts: tuple[FieldSpec, ...]
    citation_forms: tuple[tuple[str, str, str], ...] = ()   # (contains, pattern, example)
    word_synonyms: Mapping[str, str] = field(default_factory=dict)   # free word -> rulebook spelling
    force_facts: tuple[FieldSpec, ...] = ()    # extra keys a force may state (e.g. whose it is)
    location_facts: tuple[FieldSpec, ...] = ()  # extra keys a location may state
    agencies: Mapping[str, str] | None = None  # the words `supports` may take; None: any word


@dataclass(frozen=True, slots=True)
class Test:
    """One pattern: an event of a kind, or the subject fact, whose fields take given values."""
    subject: str                               # "event" | "facts"
    event_kind: str | None
    fields: tuple[tuple[str, tuple], ...]      # (field, allowed values)


@dataclass(frozen=True, slots=True)
class Requirement:
    alternatives: tuple[Test, ...]             # met when any alternative is met
    says: str


@dataclass(frozen=True, slots=True)
class Reading:
    reading: str
    citation: str
    source: str


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    effect: str
    citations: tuple[str, ...]
    source: str
    effective: datetime.date
    until: datetime.date | None
    when: tuple[tuple[str, tuple[str, ...]], ...]
    requires: tuple[Requirement, ...]
    overrides: tuple[str, ...]                 # as written (ids or prefix globs)
    defeats: tuple[str, ...]                   # resolved rule ids
    because: str
    conditions: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    verified: bool = True
    note: str | None = None
    cites_event: tuple[str, str] | None = None  # (event kind, field): cite that field of the events met
    lifted_by: str | None = None               # when it decides: what would lift it (a remedy)
    where: SourceLocation | None = at()

    @property
    def citation(self) -> str:
        return "; ".join(self.citations)


@dataclass(frozen=True, slots=True)
class Authority:
    id: str
    authority: str
    section: Any
    citations: tuple[str, ...]
    source: str
    triggers: tuple[Requirement, ...]
    where: SourceLocation | None = at()


@dataclass(frozen=True, slots=True, eq=False)
class Rulebook:
    rules: tuple[Rule, ...]                    # sorted by id
    authorities: tuple[Authority, ...]
    vocabulary: Vocabulary
    digest: str                                # sha256 over the sorted (path, bytes) of rules/
    directory: str
    citations: Any = None                      # citations.Catalogue: in-force dates of every citation
    by_id: Mapping[str, Rule] = field(repr=False, default_factory=dict)
    depth: Mapping[str, int] = field(repr=False, default_factory=dict)   # length of the longest override chain


# ---- a scenario ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Location:
    id: str
    kind: str
    name: str | None = None
    facts: tuple[tuple[str, Any], ...] = ()    # location facts declared in the vocabulary
    where: SourceLocation | None = at()


@dataclass(frozen=True, slots=True)
class Force:
    id: str
    name: str | None
    component: str
    status: str
    basis: str | None = None
    personnel: int | None = None
    facts: tuple[tuple[str, Any], ...] = ()    # force facts declared in the vocabulary
    where: SourceLocation | None = at()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    kind: str
    attrs: tuple[tuple[str, Any], ...]         # sorted (field, value) as written; dates as date objects
    given: frozenset = frozenset()             # fields the scenario stated (null counts as stated)
    where: SourceLocation | None = at()

    def get(self, name: str, default: Any = None) -> Any:
        return dict(self.attrs).get(name, default)


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    force: str
    activity: str                              # canonical word
    date: datetime.date
    location: str | None = None                # a location id or a location kind
    supports: str | None = None
    authority: str | None = None
    description: str | None = None
    facts: tuple[tuple[str, Any], ...] = ()    # task facts declared in the vocabulary; absent = unstated
    where: SourceLocation | None = at()
    written: str | None = field(default=None, compare=False)   # the activity word as written, if a synonym


@dataclass(frozen=True, slots=True, eq=False)
class Scenario:
    file: str
    digest: str
    title: str
    as_of: datetime.date
    forces: tuple[Force, ...]
    events: tuple[Event, ...]
    tasks: tuple[Task, ...]
    locations: tuple[Location, ...] = ()
    circumstances: tuple[tuple[str, Any], ...] | None = None
    circumstances_given: frozenset = frozenset()
    description: str | None = None
    sources: tuple[str, ...] = ()
    _index: dict = field(init=False, repr=False, compare=False)   # id -> force or place, made below

    def __post_init__(self) -> None:
        """Forces and places by id: a varied scenario has hundreds, asked for per class of tasks.
        Made here, never passed in, so `dataclasses.replace` builds a copy its own."""
        index: dict[tuple[str, str], Any] = {("force", force.id): force for force in self.forces}
        index.update({("place", place.id): place for place in self.locations})
        object.__setattr__(self, "_index", index)

    def force(self, force_id: str) -> Force:
        return self._index[("force", force_id)]

    def location(self, location_id: str | None) -> Location | None:
        return self._index.get(("place", location_id))


# ---- answers ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Reason:
    rule: str
    effect: str
    citation: str
    because: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Overridden:
    rule: str
    citation: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class Remedy:
    rule: str
    requires: tuple[str, ...]
    citation: str = ""
    effect: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    task: str
    force: str
    activity: str
    date: datetime.date
    verdict: Verdict
    rule: str | None                           # the deciding rule; None exactly when UNKNOWN
    citations: tuple[str, ...]
    reasons: tuple[Reason, ...]
    overridden: tuple[Overridden, ...] = ()
    conditions: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    obligations: tuple[Reason, ...] = ()
    remedies: tuple[Remedy, ...] = ()
    # The (name, value) pairs the rules were matched against, for explain. Its leading
    # underscore keeps it out of the contract's JSON: the fields above are the contract's
    # decision, in its order, and orjson writes them straight from this object.
    _facts: Any = ()
    activity_as_written: str | None = None      # the task's word when it was a synonym

    @property
    def facts(self) -> Any:
        return self._facts


@dataclass(frozen=True, slots=True)
class Window:
    event: str
    authority: str
    opened: datetime.date
    deadline: datetime.date
    state: str                                 # pending | open | decided | expired
    days_remaining: int | None
    decided: datetime.date | None = None
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class AuthorityStatus:
    authority: str
    section: Any
    available: bool
    missing: tuple[str, ...]
    citations: tuple[str, ...]
    rule: str = ""
