"""Hostile input (issue #17): shared helpers."""
from __future__ import annotations

import difflib

import pytest

import engine.errors


@pytest.fixture
def comparisons(monkeypatch):
    """How many words difflib compared for did-you-mean hints: a counter, not a clock."""
    seen = {"calls": 0, "words": 0}
    real = difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        possibilities = list(possibilities)
        seen["calls"] += 1
        seen["words"] += len(possibilities)
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(engine.errors.difflib, "get_close_matches", counting)
    return seen
