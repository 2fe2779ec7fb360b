"""Reading scenarios: one clear line per defect, the words as written, never a dropped task."""
import datetime

import pytest

import engine
from engine.errors import ScenarioError
from engine.validate import read_scenario
from engine.read import parse_yaml

BASE = """\
scenario: t
as_of: 2025-01-22
locations:
  - {id: ep, kind: border_zone}
forces:
  - {id: jtf, component: army}
  - {id: tx, component: national_guard, status: title_32}
tasks:
  - {id: T1, force: jtf, activity: data_entry, location: ep}
  - {id: T2, force: tx, activity: arrest, location: ep}
  - {id: T3, force: jtf, activity: arrest}
"""


def read(text, rulebook):
    return read_scenario(parse_yaml(text, "s.yaml", ScenarioError), rulebook.vocabulary)


def lines(text, rulebook):
    with pytest.raises(engine.ComitatusError) as caught:
        read(text, rulebook)
    return caught.value.line().split("\n")


def test_the_base_scenario_is_valid(rulebook):
    scenario = read(BASE, rulebook)
    assert [t.id for t in scenario.tasks] == ["T1", "T2", "T3"]
    assert scenario.force("jtf").status == "title_10"            # the component's default


@pytest.mark.parametrize("old, new", [
    ("{id: jtf, component: army}", "{id: jtf, component: armee}"),          # unknown word
    ("{id: jtf, component: army}", "{id: JTF, component: army}"),           # unreadable id
    ("{id: jtf, component: army}", "{component: army}"),                    # no id at all
    ("{id: jtf, component: army}", "[jtf, army]"),                          # not a mapping
    ("{id: tx, component: national_guard, status: title_32}",
     "{id: jtf, component: national_guard, status: title_32}"),             # duplicate id
    ("{id: tx, component: national_guard, status: title_32}",
     "{id: tx, component: national_guard, status: no}"),                    # YAML 1.1 boolean
    ("{id: tx, component: national_guard, status: title_32}", "{id: tx, component: national_guard}"),
    ("{id: ep, kind: border_zone}", "{id: ep, kind: border}"),
    ("{id: ep, kind: border_zone}", "{id: e p, kind: border_zone}"),
    ("locations:\n  - {id: ep, kind: border_zone}\n", "locations: {ep: border_zone}\n"),
    ("as_of: 2025-01-22\n", "as_of: 2025-02-30\n"),
])
def test_one_defect_is_one_line_whatever_refers_to_it(old, new, rulebook):
    assert len(lines(BASE.replace(old, new), rulebook)) == 1


def test_references_to_one_missing_name_are_one_line_with_a_count(rulebook):
    (line,) = lines(BASE.replace("force: jtf,", "force: jtff,"), rulebook)
    assert line == ("s.yaml:9:21: error[unknown-reference]: task T1 names force 'jtff', which is not declared "
                    "(1 more reference to it) (did you mean 'jtf'?)")


def test_a_typo_in_a_required_key_is_reported_once_with_its_hint(rulebook):
    (line,) = lines(BASE.replace("{id: T3, force: jtf, activity: arrest}", "{id: T3, force: jtf, activty: arrest}"),
                    rulebook)
    assert "unknown key 'activty' in task" in line and line.endswith("(did you mean 'activity'?)")


def test_missing_keys_of_one_mapping_are_one_line(rulebook):
    (line,) = lines(BASE.replace("{id: T3, force: jtf, activity: arrest}", "{}"), rulebook)
    assert "task is missing required keys 'id', 'force', 'activity'" in line


def test_messages_show_what_was_written(rulebook):
    (line,) = lines(BASE.replace("status: title_32", "status: off"), rulebook)
    assert "status 'off' is not one of the known words" in line      # YAML 1.2: 'off' is text


def test_every_defect_in_a_file_is_listed_sorted(rulebook):
    text = BASE.replace("activity: arrest,", "activity: arest,").replace("component: army", "component: armee")
    found = lines(text, rulebook)
    assert [line.split(": error[")[1].split("]")[0] for line in found] == ["unknown-component", "unknown-activity"]
    assert found == sorted(found, key=lambda line: int(line.split(":")[1]))


@pytest.mark.parametrize("value", ["[ep, border_zone]", "{id: ep}", "7", "true"])
def test_a_location_that_is_not_a_word_is_an_error_not_a_crash(value, rulebook):
    (line,) = lines(BASE.replace("location: ep}", f"location: {value}}}", 1), rulebook)
    assert "error[wrong-type]: task T1 must name a location or location kind" in line


@pytest.mark.parametrize("day, ok", [("1000-01-01", True), ("8999-12-31", True), ("0999-12-31", False),
                                     ("9000-01-01", False)])
def test_dates_stay_where_no_deadline_can_overflow(day, ok, rulebook):
    text = BASE + f"events:\n  - {{id: w, kind: decision_window, authority: x, opened: {day}, days: 3650}}\n"
    if not ok:
        assert "is outside 1000-01-01..8999-12-31" in lines(text, rulebook)[0]
        return
    scenario = read(text.replace("as_of: 2025-01-22", f"as_of: {day}"), rulebook)
    (window,) = engine.evaluate(scenario, rulebook).windows
    assert window.deadline == datetime.date.fromisoformat(day) + datetime.timedelta(days=3650)


def test_a_long_citation_is_refused_before_it_reaches_the_network(rulebook):
    text = BASE + ("events:\n  - {id: r, kind: statutory_request, date: 2025-01-01, statute: '"
                   + "(" * 5000 + "'}\n")
    (line,) = lines(text, rulebook)
    assert "error[too-long]" in line


@pytest.mark.parametrize("task_id", ["T 1", "T1\u202e", "x" * 101, ""])
def test_task_ids_are_one_short_visible_token(task_id, rulebook):
    (line,) = lines(BASE.replace("{id: T1,", f"{{id: '{task_id}',"), rulebook)
    assert "error[bad-id]" in line


def test_a_mapping_given_to_the_library_is_checked_like_a_file(rulebook):
    data = {"scenario": "t", "as_of": datetime.date(2025, 1, 22), "forces": [{"id": "jtf", "component": "army"}],
            "tasks": [{"id": "T1", "force": "jtf", "activity": "data_entry", "personnel": 3}]}
    with pytest.raises(engine.ScenarioError) as caught:
        engine.load_scenario(data, rulebook)
    assert caught.value.code == "unknown-key" and caught.value.did_you_mean is None


def test_a_file_of_many_typos_is_counted_not_listed(rulebook):
    tasks = "".join(f"  - {{id: T{i}, force: jtf, activity: arest}}\n" for i in range(3000))
    text = BASE.split("tasks:")[0] + "tasks:\n" + tasks
    with pytest.raises(engine.Problems) as caught:
        read(text, rulebook)
    shown = caught.value.lines()
    assert len(shown) == 51 and shown[-1] == "... and 2950 more errors"
    assert shown[0].endswith("(did you mean 'arrest'?)")
    again = engine.Problems(list(caught.value.errors))         # as the CLI gathers several files
    assert again.lines() == shown


def test_a_near_miss_of_a_broken_force_still_gets_its_hint(rulebook):
    text = BASE.replace("status: title_32}", "status: no}").replace("force: tx,", "force: txx,")
    found = lines(text, rulebook)
    assert found[-1].endswith("names force 'txx', which is not declared (did you mean 'tx'?)")


def test_free_words_are_read_as_people_write_them(rulebook):
    """'CBP', 'Border Patrol' and 'HHS' are the rulebook's cbp, border_patrol and secretary_of_hhs."""
    scenario = engine.load_scenario({
        "scenario": "words", "as_of": "2025-06-01",
        "forces": [{"id": "a", "component": "army"}],
        "events": [{"id": "q", "kind": "statutory_request", "statute": "42 USC 97", "date": "2025-01-01",
                    "requested_by": "HHS", "findings": ["Joint Determination"]}],
        "tasks": [{"id": "t", "force": "a", "activity": "logistics", "supports": "Border Patrol"},
                  {"id": "u", "force": "a", "activity": "logistics", "supports": "CBP"}]}, rulebook)
    assert [task.supports for task in scenario.tasks] == ["border_patrol", "cbp"]
    request = dict(scenario.events[0].attrs)
    assert request["requested_by"] == "secretary_of_hhs"
    assert request["findings"] == ("joint_emergency_determination",)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_many_tasks_and_a_long_string_then_one_error_at_the_end(suffix, rulebook, tmp_path):
    """Large input takes the fast readers; the one bad task is still found at its own line."""
    import json
    tasks = [{"id": f"T{i}", "force": "jtf", "activity": "data_entry"} for i in range(10_000)]
    tasks.append({"id": "LAST", "force": "jtf", "activity": "arest", "description": "x" * 1_000_000})
    data = {"scenario": "t", "as_of": "2025-01-22", "forces": [{"id": "jtf", "component": "army"}], "tasks": tasks}
    if suffix == ".json":
        text = json.dumps(data, indent=1)
    else:
        text = ("scenario: t\nas_of: 2025-01-22\nforces:\n  - {id: jtf, component: army}\ntasks:\n"
                + "".join(f"  - {{id: T{i}, force: jtf, activity: data_entry}}\n" for i in range(10_000))
                + f"  - id: LAST\n    force: jtf\n    activity: arest\n    description: {'x' * 1_000_000}\n")
    path = tmp_path / f"big{suffix}"
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("arest")].count("\n") + 1
    with pytest.raises(engine.ScenarioError) as caught:
        engine.load_scenario(str(path), rulebook)
    assert (caught.value.code, caught.value.where.line) == ("unknown-activity", line)
