"""Hostile input to the reader (issue #17): no crash by signal, no internal error, no huge line,
no allocation the file does not need. Each test failed before its fix."""
import os
import resource
import subprocess
import sys

import pytest

from engine.errors import ScenarioError
from engine.read import MAX_BYTES_LIMIT, load_file, parse_json, parse_yaml
from engine.read.yaml_fast import MIN_BYTES, fast_path, screened_out
from tests.conftest import ROOT

HEAD = "scenario: s\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\n"
LEVELS = 100_000


def _cli(*args: str, memory: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, timeout=120,
                          preexec_fn=limit if memory else None)


# ---- (1) deep block nesting never reaches native code that has no depth limit ----------------

LINES = 3_000      # levels written one a line (each line longer than the last)
DEEP = {
    "inline-sequences": "tasks:\n" + "- " * LEVELS + "x\n",
    "indented-sequences": "tasks:\n" + "".join(" " * i + "-\n" for i in range(LINES)),
    "indented-mappings": "tasks:\n- k:\n" + "".join(" " * i + "k:\n" for i in range(3, LINES)),
    "sequences-in-mappings": "tasks:\n- k:\n" + "".join(" " * (2 * i) + "- k:\n" for i in range(1, LINES)),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deeply_nested_block_collections_exit_2_not_by_a_signal(name, tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + DEEP[name], encoding="utf-8")
    assert path.stat().st_size >= MIN_BYTES            # large enough for the fast path to be considered
    result = _cli("validate", str(path))
    assert result.returncode == 2, (result.returncode, result.stderr[-300:])
    assert b"error[too-deep]" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("name", sorted(DEEP))
def test_the_fast_path_screens_deep_block_nesting_out_before_yaml_rs(name):
    assert screened_out(DEEP[name])
    assert fast_path(HEAD + DEEP[name], "f.yaml", ScenarioError, "sha256:x") is None


FLOW = {
    "flow-sequences": "tasks:\n- " + "[" * LEVELS + "]" * LEVELS + "\n",
    "flow-mappings": "tasks:\n- " + "{a: " * LEVELS + "1" + "}" * LEVELS + "\n",
    "flow-in-block": "tasks:\n" + "- " * 50 + "[" * LEVELS + "]" * LEVELS + "\n",
}


@pytest.mark.parametrize("name", sorted(FLOW))
def test_deep_flow_nesting_exits_2_and_yaml_rs_refuses_it_itself(name, tmp_path):
    """yaml-rs bounds flow nesting itself (256 levels): the fast path steps aside."""
    assert fast_path(HEAD + FLOW[name], "f.yaml", ScenarioError, "sha256:x") is None
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + FLOW[name], encoding="utf-8")
    result = _cli("validate", str(path))
    assert result.returncode == 2 and b"error[too-deep]" in result.stderr, result.stderr[-300:]


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_deep_json_nesting_exits_2(suffix, tmp_path):
    path = tmp_path / f"deep.{suffix}"
    path.write_text('{"scenario": ' + "[" * LEVELS + "]" * LEVELS + "}\n", encoding="utf-8")
    result = _cli("validate", str(path))
    assert result.returncode == 2 and b"error[too-deep]" in result.stderr, result.stderr[-300:]


def test_ordinary_task_lists_pass_the_screen():
    tasks = "tasks:\n" + "".join(f"  - id: T{n}\n    force: jtf\n    activity: arrest\n" for n in range(50))
    assert not screened_out(tasks)


# ---- (8) explicit tags PyYAML cannot construct, and collection tags on the wrong kind --------

@pytest.mark.parametrize("value", ["!!bool maybe", "!!int ''", "!!float ''", "!!int '_'", "!!null x",
                                   "!!bool ''", "!!int 1.5", "!!float abc", "!!map text", "!!seq {a: 1}",
                                   "!!map [a]", "!!str [a]", "!!int {a: 1}", "!!seq x", "!!binary aGk=",
                                   "!!timestamp 2025-01-22", "!!int 0b11", "!!int 1_0"])
@pytest.mark.parametrize("where", ["value", "key"])
def test_every_tag_value_mismatch_is_a_located_error(value, where):
    text = f"a: 1\nb: {value}\n" if where == "value" else f"a: 1\n? {value}\n: 1\n"
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(text, "f.yaml", ScenarioError)
    assert caught.value.code in ("yaml-tag", "bad-key"), caught.value.line()
    assert caught.value.where.line == 2


@pytest.mark.parametrize("value, data", [("!!bool true", True), ("!!int '12'", 12), ("!!int 0x1F", 31),
                                         ("!!float 1", 1.0), ("!!str 12", "12"), ("!!null ''", None),
                                         ("!!map {a: 1}", {"a": 1}), ("!!seq [1]", [1]), ("! 12", "12")])
def test_tags_that_fit_their_value_are_read(value, data):
    assert parse_yaml(f"b: {value}\n", "f.yaml", ScenarioError).data == {"b": data}


# ---- (10) --max-bytes: bounded, and never allocated up front ----------------------------------

@pytest.mark.parametrize("limit", [0, -1, 2 ** 63, 2 ** 64 + 1, MAX_BYTES_LIMIT + 1, True, 1.5, "64"])
def test_a_size_limit_out_of_bounds_is_refused_clearly(limit, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_file(str(path), ScenarioError, limit)
    assert caught.value.code == "bad-limit"


def test_a_limit_of_several_gigabytes_allocates_nothing_up_front(tmp_path):
    """In 512 MB of address space, a 16 GiB limit reads a small file (it used to read(limit + 1))."""
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20)); "
            "from engine.read import load_file; from engine.errors import ScenarioError; "
            f"print(load_file({str(path)!r}, ScenarioError, {MAX_BYTES_LIMIT}).data)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, b"{'a': 1}\n"), result.stderr[-300:]


def test_a_file_larger_than_a_chunk_is_read_whole_and_bounded(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("a: '" + "x" * (3 * 1024 * 1024) + "'\n", encoding="utf-8")
    assert len(load_file(str(path), ScenarioError).data["a"]) == 3 * 1024 * 1024
    with pytest.raises(ScenarioError) as caught:
        load_file(str(path), ScenarioError, 2 * 1024 * 1024)
    assert caught.value.code == "too-large"


# ---- (15) every value shown in an error is cut short -----------------------------------------

LONG = 100_000


@pytest.mark.parametrize("text, name", [
    (f"scenario: s\nas_of: 2025-01-22\nforces: []\ntasks: []\nx-n: 1\ndescription: 0.{'0' * LONG}1\n", "s.yaml"),
    (f"scenario: s\nas_of: 2025-01-22\nforces: []\ntasks: []\ndescription: {'9' * LONG}\n", "s.yaml"),
    (f"scenario: s\nas_of: 2025-01-22\nforces: []\ntasks: []\ndescription: 1{'0' * LONG}.5\n", "s.yaml"),
    ('{"scenario": "s", "as_of": "2025-01-22", "forces": [], "tasks": [], "description": 0.'
     + "0" * LONG + "1}", "s.json"),
    ('{"scenario": "s", "as_of": "2025-01-22", "forces": [], "tasks": [], "description": '
     + "9" * LONG + "}", "s.json"),
    ('{"scenario": "s", "as_of": "2025-01-22", "forces": [], "tasks": [], "description": [1, ' + "2" * LONG, "s.json"),
])
def test_a_long_number_gives_a_short_error_line(text, name, tmp_path):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = _cli("validate", str(path))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr and max(map(len, result.stderr.splitlines())) < 300, result.stderr[:400]


def test_json_numbers_of_thousands_of_digits_are_refused_without_converting_them():
    with pytest.raises(ScenarioError) as caught:
        parse_json('{"a": ' + "7" * LONG + "}", "f.json", ScenarioError)
    assert caught.value.code == "bad-number" and len(caught.value.line()) < 200


# ---- the dialect: YAML 1.2 core schema, with a hint where a boolean is expected ----------------

@pytest.mark.parametrize("written, meant", [("yes", "true"), ("No", "false"), ("on", "true"), ("OFF", "false")])
def test_yes_no_on_off_where_a_boolean_is_expected_say_what_to_write(written, meant, rulebook, tmp_path):
    import engine
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + f"tasks:\n  - {{id: T1, force: jtf, activity: arrest, us_persons: {written}}}\n",
                    encoding="utf-8")
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_scenario(str(path), rulebook)
    assert f"found text '{written}' (YAML 1.2 reads it as text): write {meant}" in caught.value.line()
