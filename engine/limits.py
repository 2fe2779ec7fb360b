"""Limits of the matching engine that more than one stage must respect (measured in deps-notes).

durable_rules fails past 64 sibling alpha nodes matching one fact (error 303) and hangs for
good in C past 512 distinct tests under one node; the compiler chunks rulesets to stay far
below the first, and the rulebook loader refuses rulebooks that could reach the second.
"""
CHUNK = 40                 # durable rules per ruleset: well under the 64-sibling stack limit
CONDITION_BUDGET = 400     # distinct tests on one kind of fact: well under the 512 that hang
