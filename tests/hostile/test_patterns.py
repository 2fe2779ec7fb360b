"""Item 6: a rulebook's citation patterns cannot hang loading or lint (engine/patterns.py)."""
from __future__ import annotations

import contextlib
import re
import signal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.patterns import unsafe

BOUND = 10          # seconds: a hang detector, not a timing assert (exponential cases take years)


@contextlib.contextmanager
def bounded(seconds: int = BOUND):
    def expired(*_):
        raise TimeoutError(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("pattern", [
    r"^((a)+)+$", r"^(a|a)*$", ".*.*.*.*.*.*.*.*.*.*x", r"^(\d+ ?)+ U\.S\.C\.$", r"(a)\1", r"(?P<n>a)(?P=n)",
    r"(?=a)a", r"(?<!b)a", r"(a?)+", r"(?:ab{2}){3}", r"\d+\d*", r"\d+[a-z]*\d*", r".*a.*a.*", r"(?i)a+A+",
    r"(?:a*|b)a*", r"(ab|a)*c", r"^(a+)+$", r"(\w+\s?)*$", "[",
])
def test_patterns_that_can_backtrack_badly_are_refused(pattern):
    assert unsafe(pattern) is not None


@pytest.mark.parametrize("pattern", [
    r"^\d+ U\.S\.C\. §§? [0-9A-Za-z]", r"^\d+ C\.F\.R\. §§? [0-9A-Za-z]", r"^(DoD[IDM]) \d+\.\d+$",
    r"^\d+[a-z]*$", r".*a.*", r"^Proclamation \d+( § \d+\([a-z]\))?$", r"\w+\s\w+", r"(x|y)?z+",
])
def test_ordinary_citation_patterns_pass(pattern):
    assert unsafe(pattern) is None


ATOMS = st.sampled_from(["a", "b", ".", r"\d", r"\w", r"\s", "[ab]", "[^a]", "1", " ", r"\.", "§"])
QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{1,3}", "{2}", "*?", "+?", "{0,5}"])


def _pieces(draw_atoms):
    return st.recursive(
        st.tuples(draw_atoms, QUANTIFIERS).map("".join),
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.tuples(st.lists(inner, min_size=1, max_size=3).map("".join), QUANTIFIERS).map(lambda p: f"({p[0]}){p[1]}"),
            st.tuples(inner, inner, QUANTIFIERS).map(lambda p: f"(?:{p[0]}|{p[1]}){p[2]}"),
        ),
        max_leaves=10)


PATTERNS = st.tuples(st.sampled_from(["", "^"]), _pieces(ATOMS), st.sampled_from(["", "$", "!"])).map("".join)
TEXTS = [c * 200 + "!" for c in ("a", "1", " ", "ab", "a1 ", "§")] + ["a" * 30 + "\n", "1" * 199 + "x"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PATTERNS)
def test_every_accepted_pattern_answers_on_adversarial_text(pattern):
    if unsafe(pattern) is not None:
        return
    compiled = re.compile(pattern)
    with bounded():
        for text in TEXTS:
            compiled.match(text)
            compiled.search(text[:60])
