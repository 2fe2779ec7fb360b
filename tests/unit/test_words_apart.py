"""Words the law names apart are words of their own, never synonyms (contract § 5: a synonym
names the same legal term only; a broader or narrower word is its own word).

Each is answered as the law answers it, which here is as it answers its neighbour:

- DoDI 3025.21 bars military personnel acting "as undercover agents, informants,
  investigators, or interrogators": informants and undercover agents are two items, both
  barred to Title 10 troops (18 U.S.C. § 1385).
- 10 U.S.C. § 274(a) lets DoD personnel maintain equipment for a federal law-enforcement
  agency: vehicles are one kind of equipment, so equipment maintenance is the broader word.
- Controlling access to a military installation is one part of guarding it, a military
  function whatever civilians it touches.
"""
from __future__ import annotations

import pytest

import engine

CASES = [   # (word, its neighbour, the task around it, the verdict the law gives)
    ("informant", "undercover",
     {"location": "interior", "supports": "fbi"}, "prohibited"),
    ("equipment_maintenance", "vehicle_maintenance",
     {"location": "border_zone", "supports": "cbp"}, "permitted"),
    ("installation_access_control", "installation_security",
     {"location": "military_installation"}, "permitted"),
]


def _decision(rulebook, activity, where):
    data = {"scenario": "words apart", "as_of": "2025-03-01",
            "forces": [{"id": "army-a", "component": "army"}],
            "tasks": [{"id": "T", "force": "army-a", "activity": activity, **where}]}
    return engine.check(data, rulebook=rulebook).decisions[0]


@pytest.mark.parametrize("word, neighbour, where, verdict", CASES, ids=[case[0] for case in CASES])
def test_a_word_the_law_names_apart_is_its_own_word_answered_as_the_law_answers_it(
        rulebook, word, neighbour, where, verdict):
    ours, theirs = _decision(rulebook, word, where), _decision(rulebook, neighbour, where)
    assert (ours.activity, ours.activity_as_written) == (word, None)
    assert word not in rulebook.vocabulary.activities[neighbour].synonyms
    assert ours.verdict.value == verdict
    assert (ours.rule, ours.citations) == (theirs.rule, theirs.citations)
