"""The living specification: Gherkin features in a lawyer's words, run against the real engine.

    steps.py     the step library: one table of phrases, each a plain function over a World
    runner.py    `comitatus verify`: runs .feature files through that table, no pytest needed
    coverage.py  `comitatus rules coverage`: which rules the features reach, and which they miss

tests/bdd/ binds the same table to pytest-bdd, so `pytest` and `comitatus verify` run one
library of steps and give the same verdicts.
"""
