"""Item 5: did-you-mean hints are capped per list and each one is bounded (no quadratic work)."""
from __future__ import annotations

import os
import random
import shutil
import string

import pytest
from hypothesis import given, settings, strategies as st

import engine
from engine.errors import CANDIDATES, HINTS, Hints, closest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _words(count: int, seed: int, length: int = 10) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(string.ascii_lowercase) for _ in range(length)) for _ in range(count)]


def test_a_375_kb_file_of_unknown_forces_makes_a_bounded_number_of_comparisons(tmp_path, rulebook, comparisons):
    declared = _words(3000, 1)
    lines = ["scenario: t", "as_of: 2025-01-22", "forces:"]
    lines += [f"  - {{id: {name}, component: army}}" for name in declared]
    lines.append("tasks:")
    for number, name in enumerate(_words(5000, 2)):
        lines.append(f"  - {{id: T{number}, force: {name}, activity: data_entry}}")
    path = tmp_path / "unknown.yaml"
    path.write_text("\n".join(lines) + "\n")
    assert path.stat().st_size > 375_000
    with pytest.raises(engine.Problems) as caught:
        engine.load_scenario(str(path), rulebook)
    assert caught.value.lines()[-1].startswith("... and ")
    # before: one difflib call per distinct unknown id against every declared id (15 million words)
    assert comparisons["calls"] <= HINTS
    assert comparisons["words"] <= HINTS * CANDIDATES


def test_unknown_overrides_in_a_rulebook_are_hinted_a_bounded_number_of_times(tmp_path, comparisons):
    shutil.copy(os.path.join(ROOT, "rules", "vocabulary.yaml"), tmp_path / "vocabulary.yaml")
    rules = []
    for number, (name, target) in enumerate(zip(_words(2000, 3), _words(2000, 4))):
        rules.append(f"  - {{id: r.{name}, title: t, effect: permit, citations: ['DoDM 5240.01'], source: x,"
                     f" effective: 2000-01-01, because: b, overrides: [x.{target}]}}")
    (tmp_path / "many.yaml").write_text("rules:\n" + "\n".join(rules) + "\n")
    with pytest.raises(engine.ComitatusError):
        engine.load_rulebook(str(tmp_path))
    assert comparisons["calls"] <= HINTS
    assert comparisons["words"] <= HINTS * 2000


def test_a_hint_is_still_found_among_many_words():
    known = _words(50_000, 5)
    target = known[12345]
    typo = target[:4] + target[5:]            # one letter dropped
    assert Hints(known)(typo) == target
    assert closest(target[:-1] + "q" if target[-1] != "q" else target[:-1] + "r", known) in (target, None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from("abcde_"), min_size=1, max_size=12), max_size=CANDIDATES // 4),
       st.text(st.sampled_from("abcde_"), min_size=1, max_size=12))
def test_on_a_short_list_the_hint_is_exactly_difflibs(known, word):
    import difflib
    expected = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.75)
    assert closest(word, known) == (expected[0] if expected else None)


def test_after_the_cap_there_are_no_more_hints():
    hints = Hints(["alpha", "bravo"], limit=2)
    assert hints("alpah") == "alpha"
    assert hints("bravp") == "bravo"
    assert hints("alphx") is None
    assert hints("alpah") == "alpha"          # said before: still said
