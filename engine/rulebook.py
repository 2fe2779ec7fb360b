"""Loading rules/: every rule checked against the rule language and the vocabulary."""
from __future__ import annotations

import hashlib
import os
from typing import Any

from .errors import HINTS, ComitatusError, RulebookError, closest, raise_all
from .catalogue import CITATIONS_FILE, read_catalogue, undated
from .checker import Checker
from .limits import CHUNK, CONDITION_BUDGET
from .model import Authority, Rule, Rulebook, Test, Vocabulary
from .layers import PHRASES_FILE, VOCABULARY_FILE, merge_layers, read_documents, yaml_files
from .rule_reader import RuleReader
from .vocabulary import read_vocabulary

# What a rule may put in front of durable_rules: see engine/limits.py.


def default_rules_dir() -> str:
    """rules/ beside the package in a checkout, else the copy installed with it (package data)."""
    from .resources import installed_rules_dir
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "rules"), installed_rules_dir()):
        if candidate and os.path.isfile(os.path.join(candidate, VOCABULARY_FILE)):
            return candidate
    return os.path.join(here, "rules")


def phrases_path(directory: str | None = None) -> str:
    """The words the Gherkin steps accept (living_spec/), kept beside the rules they speak of."""
    return os.path.join(directory or default_rules_dir(), PHRASES_FILE)


def load_rulebook(directory: str | list[str | None] | None = None) -> Rulebook:
    """Read, validate and index a rulebook directory, or a list of directories laid over the
    first (None: the bundled rules/; engine/layers.py); raises RulebookError or Problems."""
    directory, *layers = [directory] if directory is None or isinstance(directory, str) else directory
    directory = directory or default_rules_dir()
    paths = yaml_files(directory)
    vocab_path = os.path.join(directory, VOCABULARY_FILE)
    if vocab_path not in paths:
        raise RulebookError("rules-not-found", f"{directory} has no {VOCABULARY_FILE}")
    digest = hashlib.sha256()
    docs = read_documents(paths, digest)
    errors: list[ComitatusError] = []
    if layers:
        paths, docs = merge_layers(paths, vocab_path, docs, digest, layers, directory)
    vocab_check = Checker(docs[vocab_path], RulebookError)
    vocabulary = read_vocabulary(vocab_check, docs[vocab_path].data)
    vocab_check.done()
    catalogue = None
    citations_path = os.path.join(directory, CITATIONS_FILE)
    if citations_path in docs:
        catalogue_check = Checker(docs[citations_path], RulebookError)
        catalogue = read_catalogue(catalogue_check, docs[citations_path].data)
        catalogue_check.done()
    rules, authorities = [], []
    for path in paths:
        if path in (vocab_path, citations_path):
            continue
        check = Checker(docs[path], RulebookError)
        reader = RuleReader(check, vocabulary)
        top = check.mapping(docs[path].data, (), "rule file", optional=("rules", "authorities"),
                            extensions=True) or {}
        for index, raw in enumerate(check.items(top.get("rules"), ("rules",), "rules")):
            rule = reader.rule(raw, ("rules", index))
            if rule:
                rules.append(rule)
        for index, raw in enumerate(check.items(top.get("authorities"), ("authorities",), "authorities")):
            authority = reader.authority(raw, ("authorities", index))
            if authority:
                authorities.append(authority)
        errors.extend(check.errors)
    if catalogue is not None:
        errors.extend(undated(rules, catalogue))
    raise_all(errors)
    return _link(rules, authorities, vocabulary, "sha256:" + digest.hexdigest(), directory, catalogue)


def _link(rules: list[Rule], authorities: list[Authority], vocabulary: Vocabulary, digest: str,
          directory: str, catalogue: Any = None) -> Rulebook:
    """Resolve ids and override globs, refuse duplicates and cycles."""
    errors: list[ComitatusError] = []
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            errors.append(RulebookError("duplicate-id", f"duplicate rule id '{rule.id}' "
                                        f"(first at {by_id[rule.id].where})", where=rule.where))
        else:
            by_id[rule.id] = rule
    ids = sorted(by_id)
    linked = {}
    every = {rule.id for rule in by_id.values() if "*" in rule.overrides}
    for rule in by_id.values():
        defeats: list[str] = []
        for pattern in rule.overrides:
            if pattern == "*":
                continue                    # resolved below, once every other override is known
            if pattern.endswith("*"):
                found = [i for i in ids if i.startswith(pattern[:-1]) and i != rule.id]
            else:
                found = [pattern] if pattern in by_id else []
            if not found:
                errors.append(RulebookError("unknown-reference", f"rule '{rule.id}' overrides "
                                            f"'{pattern}', which matches no rule", where=rule.where,
                                            did_you_mean=closest(pattern, ids) if len(errors) < HINTS else None))
            defeats.extend(i for i in found if i not in defeats)
        linked[rule.id] = _replace(rule, defeats=tuple(sorted(defeats)))
    for rule_id in sorted(every):
        spared = _defeaters(linked, rule_id) | every
        extra = [i for i in ids if i not in spared and i not in linked[rule_id].defeats]
        linked[rule_id] = _replace(linked[rule_id], defeats=tuple(sorted(linked[rule_id].defeats + tuple(extra))))
    depth = _depths(linked, errors)
    _budget(rules, authorities, errors)
    seen_authority: set[str] = set()
    for authority in authorities:
        if authority.id in seen_authority or authority.id in by_id:
            errors.append(RulebookError("duplicate-id", f"duplicate id '{authority.id}'", where=authority.where))
        seen_authority.add(authority.id)
    raise_all(errors)
    ordered = tuple(linked[i] for i in ids)
    return Rulebook(ordered, tuple(sorted(authorities, key=lambda a: a.id)), vocabulary, digest,
                    os.path.abspath(directory), catalogue, by_id={r.id: r for r in ordered}, depth=depth)


def _budget(rules: list[Rule], authorities: list[Authority], errors: list[ComitatusError]) -> None:
    """Refuse a rulebook whose tests on one kind of fact could hang durable_rules.

    Identical tests are shared in a network and distinct ones become siblings, so a node has
    no more children than its ruleset has distinct tests. Two bounds on that, whichever is
    lower: the distinct tests of the whole rulebook, and the sum of the CHUNK largest rules'
    own (a ruleset holds at most CHUNK durable rules, from at most CHUNK source rules).
    Reported at the rule where the first bound is passed, only when both are.
    """

    subjects = ("task", "event", "circumstances")
    seen: dict[str, set] = {subject: set() for subject in subjects}
    sizes: dict[str, list[int]] = {subject: [] for subject in subjects}
    passed: dict[str, Any] = {}

    def add(subject: str, tests: set, where: Any) -> None:
        if not tests:
            return
        sizes[subject].append(len(tests))
        seen[subject] |= tests
        if len(seen[subject]) > CONDITION_BUDGET and subject not in passed:
            passed[subject] = where

    def field_tests(test: Test) -> set:
        return {(test.subject, test.event_kind, name, value) for name, values in test.fields
                for value in values + ("unstated",)}

    for rule in rules:
        tests = [t for requirement in rule.requires for t in requirement.alternatives]
        window = {("from", rule.effective)} | ({("until", rule.until)} if rule.until else set())
        scope = {(key, value) for key, values in rule.when for value in values}
        add("task", window | scope | {t for test in tests if test.subject != "event" for t in field_tests(test)},
            rule.where)
        add("event", {t for test in tests if test.subject == "event"
                      for t in {("ekind", test.event_kind)} | field_tests(test)}, rule.where)
    for authority in authorities:
        add("circumstances", {t for requirement in authority.triggers for test in requirement.alternatives
                              for t in field_tests(test)}, authority.where)
    for subject in subjects:
        shared = sum(sorted(sizes[subject], reverse=True)[:CHUNK])
        if subject in passed and shared > CONDITION_BUDGET:
            errors.append(RulebookError("too-many", f"the rulebook tests {len(seen[subject])} distinct values on "
                                        f"{subject} facts, and {CHUNK} of its rules together up to {shared} (keep "
                                        f"either at most {CONDITION_BUDGET}: the matching engine hangs past 512 "
                                        "alternatives at one node)", where=passed[subject]))



def _replace(rule: Rule, **changes: Any) -> Rule:
    from dataclasses import replace
    return replace(rule, **changes)


def _defeaters(rules: dict[str, Rule], target: str) -> set[str]:
    """Every rule that defeats `target`, directly or through a chain: `*` spares them."""
    against: dict[str, list[str]] = {}
    for rule in rules.values():
        for beaten in rule.defeats:
            against.setdefault(beaten, []).append(rule.id)
    found: set[str] = set()
    stack = [target]
    while stack:
        for other in against.get(stack.pop(), ()):
            if other not in found:
                found.add(other)
                stack.append(other)
    return found


def _depths(rules: dict[str, Rule], errors: list[ComitatusError]) -> dict[str, int]:
    """Longest override chain below each rule; a cycle is an error. Iterative: a chain of
    thousands of rules is walked without recursion."""
    depth: dict[str, int] = {}
    for root in sorted(rules):
        if root in depth:
            continue
        trail, stack = [root], [(root, iter(rules[root].defeats))]
        while stack:
            rule_id, below = stack[-1]
            child = next((d for d in below if d not in depth), None)
            if child is None:
                depth[rule_id] = 1 + max((depth.get(d, 0) for d in rules[rule_id].defeats), default=-1)
                stack.pop()
                trail.pop()
            elif child in trail:
                cycle = " -> ".join(trail[trail.index(child):] + [child])
                errors.append(RulebookError("override-cycle", f"overrides form a cycle: {cycle}",
                                            where=rules[child].where))
                return {rule: depth.get(rule, 0) for rule in rules}
            else:
                trail.append(child)
                stack.append((child, iter(rules[child].defeats)))
    return depth
