"""The compiled network of a rulebook: its groups, what they fired, and a task's Match.

A compiled rulebook is built once per rulebook digest and at most COMPILED_LIMIT are kept, so
reloading changed rulebooks keeps memory flat (a network no caller holds any more frees its
rulesets). Its caches are keyed by what the patterns test (tested.py): a task's parts are
numbered once, what a group fired for a projection is kept, and so is the Match composed from
what the groups and events fired.
"""
from __future__ import annotations

import bisect
import collections
import datetime
import operator
import types
from dataclasses import dataclass
from typing import Iterable

from ..model import Rule, Rulebook
from .encoding import CIRCUMSTANCES, EVENT, TASK, UNSTATED, fact_json
from .patterns import MET, authority_definitions, event_definitions, statuses, task_definitions, tests_kind
from .rulesets import LOCK, Ruleset, fire, register
from .tested import Events, Group, Part, split

CACHE_LIMIT = 20_000       # entries kept per cache (one 100,000-task year fits); then it starts afresh
CONTEXT_LIMIT = 16         # scenario contexts whose task classes are kept (a sweep, a re-check)
RESOLVED_LIMIT = 20_000     # distinct reasonings kept (a varied 100,000-task year has about 8,000)
COMPILED_LIMIT = 8         # compiled rulebooks kept per process (an editor reloading a changed one)
_COMPILED: "collections.OrderedDict[str, CompiledRulebook]" = collections.OrderedDict()


@dataclass(frozen=True, slots=True)
class Match:
    """What the network found for one task: rule id -> status of each requirement."""
    applies: tuple[tuple[str, tuple[str, ...]], ...]


def compiled(rulebook: Rulebook) -> "CompiledRulebook":
    """The compiled network for this rulebook; built once per digest, the last
    COMPILED_LIMIT kept (a network no caller holds any more frees its rulesets)."""
    with LOCK:
        found = _COMPILED.get(rulebook.digest)
        if found is None:
            found = CompiledRulebook(rulebook)
            _COMPILED[rulebook.digest] = found
            while len(_COMPILED) > COMPILED_LIMIT:
                _COMPILED.popitem(last=False)
        else:
            _COMPILED.move_to_end(rulebook.digest)
        return found


class CompiledRulebook:
    """The rulebook's network, and what it fired, keyed by what its patterns test.

    `engine_calls` counts calls into durable_rules (assert and retract), `cache_hits` the
    tasks answered without it.
    """

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        edges = {d.toordinal() for r in rulebook.rules for d in _edges(r)}
        if rulebook.citations is not None:      # a citation's dates change what a decision cites
            edges.update(day.toordinal() for day in rulebook.citations.edges)
        self.breakpoints = sorted(edges)
        # the dates on which what a rule cites changes: a decision's citations depend on no other
        self.citation_edges = sorted(day.toordinal() for day in rulebook.citations.edges) \
            if rulebook.citations is not None else []
        self.citing = {index: rule for index, rule in enumerate(rulebook.rules) if rule.cites_event}
        self.scope_names = [(f"r{index}.scope", f"r{index}", rule) for index, rule in enumerate(rulebook.rules)]
        self.fired: dict[str, frozenset[str]] = {}            # circumstances fact (JSON) -> names it fired
        self.composed: dict[tuple, tuple[Match, int]] = {}    # what the groups and events fired -> Match
        self.settled: dict[tuple, tuple[list, list]] = {}     # what the groups fired -> (the parts no event
                                                              # changes, the groups an event test reaches)
        self.match_numbers: dict[Match, int] = {}
        self.citing_rules: dict[int, tuple[int, ...]] = {}    # Match number -> its rules that cite events
        self.cited_texts: dict[tuple, tuple] = {}             # (those rules, events number) -> `cited`
        self.pairs: dict[tuple, tuple] = {}                   # (rule id, statuses), one object each
        self.numbers: dict[tuple, int] = {}                   # a part's projections -> its number
        self.parts: dict[str, Part] = {}                      # a part's fact (JSON) -> the part
        self.ids_by_number: list[tuple[int, ...]] = []        # a part's number -> its projections
        self.event_numbers: dict[tuple, int] = {}             # event facts (JSON) -> their number
        self.engine_calls = 0
        self.cache_hits = 0
        self.groups = split(task_definitions(rulebook, self.epoch))
        self.events = Group(-1, list(event_definitions(rulebook)))
        evented = {_rule_index(name) for name, _ in self.events.definitions}
        for group in self.groups:
            group.rules = sorted({_rule_index(name) for name, _ in group.definitions})
            group.evented = not evented.isdisjoint(group.rules)
            group.scopes = frozenset(self.scope_names[index][0] for index in group.rules)
        self.events_scope = any(name.endswith(".scope") for name, _ in self.events.definitions)
        for group in self.groups + [self.events]:
            group.handles = register(group.definitions)
        self.rulesets = {
            TASK: [handle for group in self.groups for handle in group.handles],
            EVENT: self.events.handles,
            CIRCUMSTANCES: register(list(authority_definitions(rulebook))),
        }

    def epoch(self, day: datetime.date) -> int:
        return bisect.bisect_right(self.breakpoints, day.toordinal())

    # ---- parts and projections -----------------------------------------------------------

    def part(self, fact: dict) -> Part:
        """A part of a task fact, projected onto every group once per process: 240 forces
        in a dozen statuses are a dozen force parts."""
        key = fact_json(fact)
        found = self.parts.get(key)
        if found is None:
            ids = tuple(group.number_of(fact) for group in self.groups)
            number = self.numbers.get(ids)
            if number is None:
                number = self.numbers[ids] = len(self.ids_by_number)
                self.ids_by_number.append(ids)
            found = self.parts[key] = Part(fact, ids, number)
        return found

    def event_items(self, facts: list[dict]) -> list[tuple[dict, str, frozenset]]:
        """Each event fact with its canonical json and what it fired alone (those not yet
        known go to durable_rules in one batch): what events_part joins, kept by the caller."""
        return list(zip(facts, [fact_json(fact) for fact in facts], self._known_events(facts)))

    def events_part(self, items: list[tuple[dict, str, frozenset]]) -> Events:
        """The events in effect for a task (event_items), numbered by their facts."""
        jsons = tuple(item[1] for item in items)
        return Events([item[0] for item in items], jsons, [item[2] for item in items],
                      self.event_numbers.setdefault(jsons, len(self.event_numbers)))

    def _known_events(self, facts: list[dict]) -> list[frozenset]:
        group = self.events
        keys = [group.signature(fact) for fact in facts]
        missing = {key: group.project(fact) for key, fact in zip(keys, facts) if key not in group.fired}
        if missing:
            with LOCK:
                for key, names in zip(missing, self._fire(group.handles, list(missing.values()))):
                    group.fired[key] = frozenset(names)
        return [group.fired[key] for key in keys]

    def fire_missing(self, wanted: Iterable[tuple[Part, ...]]) -> None:
        """Fill every group's answers these tasks' parts lack (`fire_projections`)."""
        missing: dict[int, dict[tuple, tuple[Part, ...]]] = {}
        for parts in wanted:
            for group, key in zip(self.groups, zip(*(part.ids for part in parts))):
                if key not in group.fired:
                    missing.setdefault(group.number, {}).setdefault(key, parts)
        self.fire_projections(missing)

    def fire_projections(self, missing: dict[int, dict[tuple, tuple[Part, ...]]]) -> None:
        """Fill the groups' answers for these projections (group number -> projection -> the
        parts of a task holding it): each goes through its group's rulesets once, in batches."""
        whole: dict[int, dict] = {}             # a task's fact, from its parts, once per task
        with LOCK:
            for number, holders in missing.items():
                group = self.groups[number]
                facts = []
                for parts in holders.values():
                    fact = whole.get(id(parts))
                    if fact is None:
                        fact = whole[id(parts)] = {}
                        for part in parts:
                            fact.update(part.fact)
                    facts.append(group.project(fact))
                for key, names in zip(holders, self._fire(group.handles, facts)):
                    group.fired[key] = frozenset(names)

    def match(self, fired: tuple[frozenset, ...], events: Events) -> tuple[Match, int]:
        """The Match for what the task's groups and events fired, and its number (equal
        Matches, equal numbers: a cheap key)."""
        key = (fired, events.fired)
        found = self.composed.get(key)
        if found is None:
            if len(self.composed) >= CACHE_LIMIT:
                self.composed.clear()
            match = self._compose_groups(fired, events.fired)
            found = self.composed[key] = (match, self.match_numbers.setdefault(match, len(self.match_numbers)))
        return found

    def trim(self) -> bool:
        """Caches that outgrew CACHE_LIMIT start afresh, between scenarios. True when the
        numbering of parts started afresh too: parts numbered before are then stale."""
        if len(self.fired) > CACHE_LIMIT:
            self.fired.clear()
        groups = self.groups + [self.events]
        if max(len(self.numbers), len(self.parts), len(self.event_numbers), len(self.match_numbers)) <= CACHE_LIMIT and all(max(len(g.fired), len(g.numbers), len(g.applies)) <= CACHE_LIMIT
                                                    for g in groups):
            return False
        self.numbers.clear()
        self.ids_by_number.clear()
        self.parts.clear()
        self.event_numbers.clear()
        self.match_numbers.clear()
        self.citing_rules.clear()
        self.cited_texts.clear()
        self.composed.clear()
        self.settled.clear()
        for group in groups:
            group.fired.clear()
            group.numbers.clear()
            group.applies.clear()
        return True

    # ---- matching ------------------------------------------------------------------------

    def _fire(self, handles: list[Ruleset] | str, facts: list[dict]) -> list[set[str]]:
        """The rule names each fact fires (`handles`: rulesets, or TASK, EVENT or CIRCUMSTANCES)."""
        return fire(self.rulesets[handles] if isinstance(handles, str) else handles, facts, self)

    def fresh_match(self, fact: dict, events: list[dict]) -> tuple[Match, list[set[str]]]:
        """The network's answer for one whole, unprojected task fact and its event facts,
        every cache bypassed (the reference); with what each event fired."""
        with LOCK:
            names = self._fire(TASK, [fact])[0]
            each = self._fire(EVENT, events) if events else []
            for found in each:
                names |= found
            return self._compose(names), each

    def _compose_groups(self, fired: tuple[frozenset, ...], events: frozenset) -> Match:
        """_compose's Match, from each group's part: a rule's statuses depend only on what
        its own group and the events fired, so each group's part is worked out once per
        (what it fired, what the events fired, when one of its rules tests an event). Per
        `fired`, the parts of the groups no event test reaches are gathered once, and the
        groups an event test reaches are kept only where one of their rules can be in scope
        (its scope fired; events fire no scope unless `events_scope`)."""
        settled = self.settled.get(fired)
        if settled is None:
            if len(self.settled) >= CACHE_LIMIT:
                self.settled.clear()
            fixed: list[tuple[int, tuple]] = []
            live = []
            for group, names in zip(self.groups, fired):
                if group.evented:
                    if self.events_scope or not group.scopes.isdisjoint(names):
                        live.append((group, names))
                    continue
                part = group.applies.get(names)
                if part is None:
                    part = group.applies[names] = self._applies(group.rules, names)
                fixed.extend(part)
            fixed.sort()
            settled = self.settled[fired] = (fixed, live)
        applies, live = settled
        if live:
            applies = applies.copy()
            for group, names in live:
                key = (names, events)
                part = group.applies.get(key)
                if part is None:
                    part = group.applies[key] = self._applies(group.rules, names | events)
                applies.extend(part)
            applies.sort()
        return Match(tuple(map(_second, applies)))

    def _applies(self, rules: Iterable[int], fired: set[str] | frozenset[str]) -> list[tuple[int, tuple]]:
        """(rule index, (rule id, statuses)) for each of these rules in scope; the pairs are
        shared between Matches, which caches keep by the thousand."""
        shared, found = self.pairs, []
        for index in rules:
            scope, prefix, rule = self.scope_names[index]
            if scope in fired:
                pair = (rule.id, statuses(prefix, rule.requires, fired))
                found.append((index, shared.setdefault(pair, pair)))
        return found

    def _compose(self, fired: set[str] | frozenset[str]) -> Match:
        """The Match for what fired, every rule at once (the unreduced reference)."""
        return Match(tuple(pair for _, pair in self._applies(range(len(self.scope_names)), fired)))

    def event_citations(self, match: Match, events: list[dict], fired: list) -> dict[str, tuple[str, ...]]:
        """Rule id -> the texts it cites of the events that met its tests (`cites_event`):
        which event met which test is the network's answer for that event alone (`fired`)."""
        if not self.citing or not events:
            return {}
        return self._texts(self._citing_in(match), events, fired)

    def cited(self, match: Match, number: int, events: Events) -> tuple[dict[str, tuple[str, ...]], tuple]:
        """event_citations for a numbered match and the events that reach a task, with the
        same as sorted pairs (a key): a function of which of the match's rules cite events
        (found once per match) and of the events, kept per both."""
        if not self.citing or not events.facts:
            return _NONE_CITED
        wanted = self.citing_rules.get(number)
        if wanted is None:
            wanted = self.citing_rules[number] = self._citing_in(match)
        if not wanted:
            return _NONE_CITED
        found = self.cited_texts.get((wanted, events.n))
        if found is None:
            texts = self._texts(wanted, events.facts, events.each)
            found = self.cited_texts[(wanted, events.n)] = (texts, tuple(sorted(texts.items())))
        return found

    def _citing_in(self, match: Match) -> tuple[int, ...]:
        """The indexes of the match's rules that cite events."""
        applied = {rule_id for rule_id, _ in match.applies}
        return tuple(index for index, rule in self.citing.items() if rule.id in applied)

    def _texts(self, wanted: tuple[int, ...], events: list[dict], fired: list) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for index in wanted:
            rule = self.citing[index]
            kind, name = rule.cites_event
            texts = []
            for event, names in zip(events, fired):
                value = event.get("f_" + name)
                if event.get("ekind") != kind or not isinstance(value, str) or value in (UNSTATED, "none"):
                    continue
                if any(n.startswith(f"r{index}.") and n.endswith(f".{MET}") for n in names) \
                        or not tests_kind(rule, kind):
                    texts.append(value)
            if texts:
                found[rule.id] = tuple(dict.fromkeys(texts))
        return found

    def triggers(self, fact: dict) -> list[tuple[str, ...]]:
        """Statuses of each authority's triggers against the scenario's circumstances."""
        key = fact_json(fact)
        with LOCK:
            fired = self.fired.get(key)
            if fired is None:
                fired = self.fired[key] = frozenset(self._fire(CIRCUMSTANCES, [fact])[0])
        return [statuses(f"x{index}", authority.triggers, fired)
                for index, authority in enumerate(self.rulebook.authorities)]


_second = operator.itemgetter(1)
_NONE_CITED: tuple = (types.MappingProxyType({}), ())      # no rule cites an event: nothing, and its key


def _rule_index(name: str) -> int:
    """The rule a definition belongs to: `r<index>.scope`, `r<index>.q<n>.a<m>.<mode>`."""
    return int(name.split(".", 1)[0][1:])


def _edges(rule: Rule) -> list[datetime.date]:
    edges = [rule.effective] if rule.effective != datetime.date.min else []
    if rule.until is not None:
        edges.append(rule.until + datetime.timedelta(days=1))
    return edges
