"""The living specification: Gherkin features in a lawyer's words, run against the real engine.

    phrases.py   the phrase language, and the step table read from rules/phrases.yaml
    world.py     the World a scenario builds: a scenario mapping, and the report it gives
    steps.py     the verbs each phrase runs (no legal word: those are in rules/phrases.yaml)
    runner.py    `comitatus verify`: runs .feature files through that table, no pytest needed
    coverage.py  `comitatus rules coverage`: which rules the features reach, and which they miss

tests/bdd/ binds the same table to pytest-bdd, so `pytest` and `comitatus verify` run one
library of steps and give the same verdicts.
"""
