"""The fast YAML path gives the careful reader's data and positions exactly, or steps aside."""
import glob
import os

import pytest

import engine
from engine.read import FastDocument
from engine.errors import ComitatusError, ScenarioError
from engine.read.yaml_fast import MIN_BYTES, fast_path
from engine.read import load_file, parse_yaml
from tests.conftest import ROOT

SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.yaml")))


def both(text):
    fast = fast_path(text, "f.yaml", ScenarioError, "sha256:x")
    try:
        careful = parse_yaml(text, "f.yaml", ScenarioError, "sha256:x")
    except ComitatusError:
        careful = None
    return fast, careful


def agree(fast, careful):
    assert careful is not None, "the fast path read what the careful reader refuses"
    assert fast.data == careful.data
    for path in careful.positions:
        assert fast.where(path) == careful.where(path), path
    for path in careful.key_positions:
        assert fast.where(path, key=True) == careful.where(path, key=True), path
    for path in careful.texts:
        assert fast.text_of(path) == careful.text_of(path), path


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_bundled_scenarios_read_the_same_both_ways(path):
    with open(path, encoding="utf-8") as handle:
        fast, careful = both(handle.read())
    if fast is not None:
        agree(fast, careful)


def test_bundled_scenarios_take_the_fast_path_where_it_applies():
    taken = []
    for path in SCENARIOS:
        with open(path, encoding="utf-8") as handle:
            taken.append(both(handle.read())[0] is not None)
    assert any(taken)


HEAD = "scenario: s\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\n"
TRICKY = [
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}\n",
    "tasks:\n- id: T1\n  force: jtf\n  activity: arrest\n- id: 'T2'\n  force: jtf\n  activity: \"search\"\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, us_persons: yes}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, us_persons: 'yes'}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, us_persons: Off}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, us_persons: true}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, date: 2025-02-01}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, date: '2025-02-01'}\n",
    "tasks:\n  - {id: 012, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 0o12, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 1e3, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 12:30, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 1_000, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: .5, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 7, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: 99999999999999999999, force: jtf, activity: arrest}\n",
    "tasks:\n  - &a {id: T1, force: jtf, activity: arrest}\n  - *a\n",
    "tasks:\n  - {id: T1, force: !!str jtf, activity: arrest}\n",
    "tasks:\n  - {<<: {id: T1}, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}\n---\nb: 1\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}\n...\n",
    "tasks:\n\t- {id: T1, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: \"a\\x07b\"}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: caf\u00e9 \u2028 x}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: a\u0085b}\n",
    "tasks:\n  - id: T1\n    force: jtf\n    activity: arrest\n    description: |\n      - not an item\n      text\n",
    "tasks:\n  - id: T1\n    description: \"two\n  - lines\"\n    force: jtf\n    activity: arrest\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}\n  - {id: T1, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: T1, force: jtf, force: jtf, activity: arrest}\n",
    "tasks:\n  - {force: jtf, id: T1, activity: arrest}\n",
    "tasks:\n  - # a comment\n    {id: T1, force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}   # trailing comment\n  # between\n\n"
    "  - {id: T2, force: jtf, activity: search}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, x-note: {a: [1, 2, {b: null}]}}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: ~}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: '~'}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: \"null\"}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: '='}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: 'a: b, c'}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: Search & rescue}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, yes: 1}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, 1: a}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest}\nlocations: []\n",
    "tasks:\n  - [T1, jtf]\n",
    "tasks:\n  - T1\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest\n",
    "tasks: []\n",
    "tasks:\n",
    "tasks:\n  - {id: \"T\\u00e9\", force: jtf, activity: arrest}\n",
    "tasks:\n  - {id: T1, force: jtf, activity: arrest, description: >-\n      folded\n      text}\n",
]


@pytest.mark.parametrize("tail", TRICKY)
def test_tricky_task_lists_read_the_same_or_step_aside(tail):
    fast, careful = both(HEAD + tail)
    if fast is not None:
        agree(fast, careful)


@pytest.mark.parametrize("head", [HEAD, "", "scenario: s\ntasks_done: 1\n", "a: &x 1\nb: *x\n",
                                  "# only a comment\n", "- a list\n"])
def test_unusual_headers_read_the_same_or_step_aside(head):
    fast, careful = both(head + "tasks:\n  - {id: T1, force: jtf, activity: arrest}\n")
    if fast is not None:
        agree(fast, careful)


def test_the_plain_cases_do_take_the_fast_path():
    for tail in TRICKY[:2] + TRICKY[5:8]:
        assert both(HEAD + tail)[0] is not None, tail


def test_a_large_generated_scenario_reads_fast_and_the_same(generate, generated, tmp_path):
    path = generate.write(generated, str(tmp_path / "big.yaml"))
    assert os.path.getsize(path) >= MIN_BYTES
    fast = load_file(path, ScenarioError)
    assert isinstance(fast, FastDocument)
    with open(path, encoding="utf-8") as handle:
        agree(fast, parse_yaml(handle.read(), path, ScenarioError))


def test_an_error_in_a_large_file_is_located_by_the_careful_reader(generate, generated, tmp_path, rulebook):
    bad = dict(generated, tasks=[dict(t) for t in generated["tasks"]])
    bad["tasks"][400]["activity"] = "arest"
    path = generate.write(bad, str(tmp_path / "bad.yaml"))
    assert isinstance(load_file(path, ScenarioError), FastDocument)
    with pytest.raises(ComitatusError) as caught:
        engine.check(path, rulebook)
    with open(path, encoding="utf-8") as handle:
        line = next(n for n, text in enumerate(handle, 1) if "arest" in text)
    assert (caught.value.code, caught.value.where.line) == ("unknown-activity", line)


def test_errors_in_a_large_file_are_the_careful_readers_without_reading_it_all(generate, mistyped, tmp_path,
                                                                               rulebook):
    """One task's lines read carefully on their own locate its errors exactly: the same
    lines, columns and messages as reading the whole file carefully, which is never built."""
    from engine.validate import read_scenario
    bad = mistyped
    bad["tasks"][250]["supports"] = "Customs and Border Patrol!"
    path = generate.write(bad, str(tmp_path / "bad.yaml"))
    fast = load_file(path, ScenarioError)
    assert isinstance(fast, FastDocument)
    with pytest.raises(ComitatusError) as quick:
        read_scenario(fast, rulebook.vocabulary)
    assert fast.read_carefully is False
    with open(path, encoding="utf-8") as handle:
        careful = parse_yaml(handle.read(), path, ScenarioError)
    with pytest.raises(ComitatusError) as slow:
        read_scenario(careful, rulebook.vocabulary)
    lines = quick.value.line().splitlines()
    assert lines == slow.value.line().splitlines()
    assert len(lines) >= 6, lines


def test_a_large_block_style_file_reads_fast_and_every_position_is_the_careful_readers(generated, tmp_path):
    import yaml
    path = tmp_path / "block.yaml"
    path.write_text(yaml.safe_dump(generated, default_flow_style=False, sort_keys=True, width=60),
                    encoding="utf-8")
    fast = load_file(str(path), ScenarioError)
    assert isinstance(fast, FastDocument)
    agree(fast, parse_yaml(path.read_text(encoding="utf-8"), str(path), ScenarioError))
    assert fast.read_carefully is False
