"""The one seam to durable_rules: what it is given, the networks it runs, what they fire.

durable_rules keeps process-wide state, is not thread safe, loops forever on patterns the
session state can satisfy, and fails past 64 alpha siblings. So: every pattern anchored on a
positive `kind` test, at most CHUNK durable rules per ruleset, one lock around every call,
and facts retracted after each batch. Only this package imports durable_rules or knows the
encoding it is given; the rest of the engine imports the names below from `engine.compile`.

- encoding.py: a plain value as durable_rules is given it; a task's facts, built from parts
- patterns.py: a rulebook's rules and authorities as durable_rules definitions
- tested.py: what those definitions test, a value's signature, the groups of rules
- rulesets.py: the durable_rules rulesets (the only module that imports durable_rules)
- network.py: a compiled rulebook, its caches, and what it matched for a task
- columns.py: what the groups fired for many tasks at once, with numpy (optional)
"""
from __future__ import annotations

from .columns import BATCH_MIN, fired_rows, numpy_or_none
from .encoding import (CIRCUMSTANCES, EVENT, TASK, UNSTATED, activity_part, background_part, circumstance_fact,
                       encode, event_fact, fact_json, force_part, place_part, readable, stated_part,
                       supports_part, task_fact, task_facts)
from .network import (CACHE_LIMIT, COMPILED_LIMIT, CONTEXT_LIMIT, RESOLVED_LIMIT, CompiledRulebook, Match,
                      compiled)
from .patterns import MET, OPEN, UNMET
from .rulesets import BATCH, LOCK
from .tested import Events, Part

__all__ = [
    "BATCH", "BATCH_MIN", "CACHE_LIMIT", "CIRCUMSTANCES", "COMPILED_LIMIT", "CONTEXT_LIMIT", "CompiledRulebook", "EVENT",
    "Events", "LOCK", "MET", "Match", "OPEN", "Part", "RESOLVED_LIMIT", "TASK", "UNMET", "UNSTATED",
    "activity_part", "background_part", "circumstance_fact", "compiled", "encode", "event_fact", "fact_json", "fired_rows",
    "force_part", "numpy_or_none", "place_part", "readable", "stated_part", "supports_part", "task_fact", "task_facts",
]
