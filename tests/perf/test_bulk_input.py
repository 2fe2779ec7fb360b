"""JSON and JSON Lines scenarios: the same decisions as YAML, errors located by line."""
import pytest

import engine
from engine.read import FastDocument
from engine.read.json_index import read_json
from engine.errors import ScenarioError
from engine.read import load_file, parse_json


def decisions(report):
    return [d.__class__.__name__ and (d.task, d.verdict, d.rule, d.reasons, d.remedies) for d in report.decisions]


@pytest.fixture(scope="module")
def files(generate, generated, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    return {fmt: generate.write(generated, str(folder / f"s.{fmt}")) for fmt in ("yaml", "json", "jsonl")}


def test_the_three_formats_give_the_same_decisions(files, rulebook):
    reports = {fmt: engine.check(path, rulebook) for fmt, path in files.items()}
    assert decisions(reports["json"]) == decisions(reports["yaml"]) == decisions(reports["jsonl"])


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
def test_a_clean_bulk_file_is_read_without_the_careful_reader(files, fmt, rulebook):
    """Every position a clean read asks for is in the fast index: the careful reader (a
    full token scan, several times slower) is built only when an error needs it."""
    from engine.validate import read_scenario
    doc = load_file(files[fmt], ScenarioError)
    assert isinstance(doc, FastDocument)
    scenario = read_scenario(doc, rulebook.vocabulary)
    assert scenario.tasks and all(task.where.line for task in scenario.tasks)
    assert doc.read_carefully is False


def test_jsonl_is_the_header_then_one_task_a_line(files):
    doc = load_file(files["jsonl"], ScenarioError)
    assert isinstance(doc, FastDocument)
    assert doc.data == load_file(files["yaml"], ScenarioError).data
    assert str(doc.where(("tasks", 0))) == f"{files['jsonl']}:2:1"
    assert doc.where(("tasks", 9, "id")).line == 11
    assert doc.where(("tasks", 9, "force")).line == 11


def test_json_positions_are_the_careful_readers(files):
    with open(files["json"], encoding="utf-8") as handle:
        text = handle.read()
    fast = read_json(text, "s.json", ScenarioError, "sha256:x")
    careful = parse_json(text, "s.json", ScenarioError)
    careful.where(())
    assert isinstance(fast, FastDocument)
    for path in careful.positions:
        assert fast.where(path) == careful.where(path), path
    for path in list(careful.key_positions)[:200]:
        assert fast.where(path, key=True) == careful.where(path, key=True), path


HEADER = ('{"scenario": "bulk", "as_of": "2025-01-22", '
          '"forces": [{"id": "jtf", "component": "army"}]}')


@pytest.mark.parametrize("lines, code, line, at", [
    ([HEADER, '{"id": "T1", "force": "jtf", "activity": "data_entry"}',
      '{"id": "T2", "force": "jtf", "activity": "arest"}'], "unknown-activity", 3, '"arest"'),
    ([HEADER, '{"id": "T1", "force": "jtf", "activity": "data_entry"}', "", "",
      '{"id": "T2", "force": "jtf" "activity": "arrest"}'], "json-syntax", 5, '"activity"'),
    ([HEADER, '{"id": "T1", "force": "jtf", "force": "jtf", "activity": "arrest"}'], "duplicate-key", 2,
     '"force": "jtf", "act'),
    ([HEADER[:-1] + ', "tasks": []}', '{"id": "T1", "force": "jtf", "activity": "arrest"}'],
     "jsonl-header", 1, '"tasks"'),
    ([HEADER, '{"id": "T1", "force": "jtf", "activity": "arrest"}, {"id": "T2"}'], "jsonl-line", 2, "{"),
    (['{"scenario": "bulk", "as_of": "2025-01-22", "forces": [{"id": "jtf", "component": "ary"}]}',
      '{"id": "T1", "force": "jtf", "activity": "arrest"}'], "unknown-component", 1, '"ary"'),
    (["[1, 2]", '{"id": "T1"}'], "jsonl-header", 1, "["),
])
def test_jsonl_errors_are_located_by_line(write, rulebook, lines, code, line, at):
    column = lines[line - 1].index(at) + 1
    path = write("\n".join(lines) + "\n", "bad.jsonl")
    with pytest.raises(engine.ComitatusError) as caught:
        engine.check(path, rulebook)
    errors = getattr(caught.value, "errors", (caught.value,))
    found = [(e.code, e.where.line, e.where.column) for e in errors]
    assert (code, line, column) in found


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_errors_in_a_bulk_file_are_the_careful_readers_without_scanning_it_all(generate, generated, mistyped,
                                                                               tmp_path, rulebook, fmt):
    """A task's (or a force's) own text read carefully locates its errors exactly: the same
    lines, columns and messages as the whole file's careful reader, which is never built."""
    from engine.errors import ComitatusError
    from engine.validate import read_scenario
    bad = mistyped
    bad["forces"] = [dict(f) for f in generated["forces"]]
    bad["forces"][1]["component"] = 5
    bad["forces"][2]["statuss"] = bad["forces"][2].pop("status", "title_10")
    bad["circumstancez"] = {}
    path = generate.write(bad, str(tmp_path / f"bad.{fmt}"))
    fast = load_file(path, ScenarioError)
    assert isinstance(fast, FastDocument)
    with pytest.raises(ComitatusError) as quick:
        read_scenario(fast, rulebook.vocabulary)
    assert fast.read_carefully is False
    with pytest.raises(ComitatusError) as slow:
        read_scenario(fast.careful(), rulebook.vocabulary)
    lines = quick.value.line().splitlines()
    assert lines == slow.value.line().splitlines()
    assert len(lines) >= 9, lines


def test_jsonl_positions_inside_tasks_are_the_careful_readers(files):
    fast = load_file(files["jsonl"], ScenarioError)
    careful = fast.careful()
    for path in careful.positions:
        assert fast.where(path) == careful.where(path), path
    for path in careful.key_positions:
        assert fast.where(path, key=True) == careful.where(path, key=True), path


def test_compact_json_positions_inside_tasks_are_the_careful_readers(generated):
    """One line holding every task: positions inside a task are shifted by its column."""
    import json
    text = json.dumps(generated)
    fast = read_json(text, "s.json", ScenarioError, "sha256:x")
    careful = parse_json(text, "s.json", ScenarioError)
    careful.where(())
    assert isinstance(fast, FastDocument) and text.count("\n") == 0
    for path in careful.positions:
        assert fast.where(path) == careful.where(path), path
    for path in careful.key_positions:
        assert fast.where(path, key=True) == careful.where(path, key=True), path
