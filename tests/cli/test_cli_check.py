"""`comitatus check`: every format, several files, --as-of, --output, and exit codes 0/1/2."""
import dataclasses
import json
import pathlib
import re
import xml.etree.ElementTree as ET

import engine
from engine.render.junit import check_junit
from tests.cli.conftest import TOY, one_error_line

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_text_is_a_plain_table_with_a_row_per_task_and_a_summary(invoke, toy_report):
    result = invoke("check", TOY)
    assert result.exit_code == 1
    out = result.stdout
    assert not ANSI.search(out)
    assert max(len(line) for line in out.splitlines()) <= 100
    for decision in toy_report.decisions:
        row = next(line for line in out.splitlines() if line.startswith(decision.task + " "))
        assert decision.verdict.value in row and (decision.rule or "no rule decides") in row
    counts = ", ".join(f"{n} {verdict}" for verdict, n in toy_report.summary.items())
    assert f"{len(toy_report.decisions)} tasks: {counts}" in out


def test_text_shows_windows_and_authorities(invoke):
    out = invoke("check", TOY).stdout
    assert re.search(r"^w\s+insurrection_act\s+2025-01-20\s+2025-04-20\s+open\s+88$", out, re.M)
    assert re.search(r"^insurrection_act\s+252\s+no\s+obstruction", out, re.M)


def test_colour_only_when_forced_and_never_with_no_color(invoke):
    assert ANSI.search(invoke("check", TOY, env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(invoke("check", TOY, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout)


def test_all_permitted_exits_zero(invoke, permitted):
    result = invoke("check", permitted)
    assert result.exit_code == 0, result.stderr
    assert "1 tasks: 1 permitted" in result.stdout


def test_json_is_the_library_contract_byte_for_byte(invoke, toy_rulebook, toy_report):
    result = invoke("check", TOY, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == engine.reports_json([toy_report], toy_rulebook)
    assert json.loads(result.stdout)["scenarios"][0]["summary"] == toy_report.summary


def test_every_format_is_byte_stable(invoke):
    for form in ("text", "json", "markdown", "junit"):
        assert invoke("check", TOY, "-f", form).stdout == invoke("check", TOY, "-f", form).stdout


def test_markdown_has_summary_table_and_details_of_every_task_not_permitted(invoke, toy_report):
    out = invoke("check", TOY, "--format", "markdown").stdout
    assert out.startswith("# Comitatus report\n")
    assert "**Summary:** " in out
    rows = [line for line in out.splitlines() if re.match(r"\| T\d+ \|", line)]
    assert len(rows) == len(toy_report.decisions)
    for decision in toy_report.decisions:
        heading = f"#### {decision.task}: {decision.verdict.value}"
        assert (heading in out) is (decision.verdict is not engine.Verdict.PERMITTED)
    prohibited = out.split("#### T2: prohibited")[1].split("####")[0]
    assert "`pca.army`" in prohibited and "Remedies:" in prohibited
    assert "  - an invocation with proclamation" in prohibited
    for decision in toy_report.decisions:
        if decision.verdict.value in ("conditional", "contested"):
            section = out.split(f"#### {decision.task}: ")[1].split("####")[0]
            for condition in decision.conditions:
                assert f"\n- {condition}\n" in section
            for reading in decision.readings:
                assert reading.citation in section


def test_junit_makes_each_task_a_test_case(invoke, toy_report):
    result = invoke("check", TOY, "--format", "junit")
    root = ET.fromstring(result.stdout)
    cases = {case.get("name").split(":")[0]: case for case in root.iter("testcase")}
    assert set(cases) == {d.task for d in toy_report.decisions}
    for decision in toy_report.decisions:
        case = cases[decision.task]
        verdict = decision.verdict.value
        assert (case.find("failure") is not None) is (verdict in ("prohibited", "unknown"))
        assert (case.find("skipped") is not None) is (verdict in ("conditional", "contested"))
        props = {p.get("name"): p.get("value") for p in case.iter("property")}
        assert props["verdict"] == verdict
    for decision in toy_report.decisions:
        for condition in decision.conditions:
            assert condition in cases[decision.task].find("skipped").get("message")
    summary = toy_report.summary
    assert root.get("tests") == str(len(toy_report.decisions))
    assert root.get("failures") == str(summary["prohibited"] + summary["unknown"])
    assert root.get("skipped") == str(summary["conditional"] + summary["contested"])


def test_junit_stays_well_formed_whatever_text_it_is_given(toy_report, toy_rulebook):
    """The loader refuses control characters in files; the renderer must not depend on that."""
    scenario = dataclasses.replace(toy_report.scenario, title="bell \x07 in the title")
    report = dataclasses.replace(toy_report, scenario=scenario)
    xml = check_junit([report], toy_rulebook, engine.VERSION)
    assert ET.fromstring(xml).find("testsuite").get("name") == "bell \\x07 in the title"   # escaped (#17)


def test_as_of_re_evaluates_every_task_and_the_windows(invoke):
    later = json.loads(invoke("check", TOY, "-f", "json", "--as-of", "2025-05-03").stdout)["scenarios"][0]
    assert later["as_of"] == "2025-05-03"
    assert {d["date"] for d in later["decisions"]} == {"2025-05-03"}
    assert later["windows"][0]["state"] == "decided"
    arrest = next(d for d in later["decisions"] if d["task"] == "T2")
    assert (arrest["verdict"], arrest["rule"]) == ("permitted", "ia.252")


def test_several_files_in_one_run(invoke, permitted):
    result = invoke("check", TOY, permitted, "-f", "json")
    assert result.exit_code == 1
    files = [s["file"] for s in json.loads(result.stdout)["scenarios"]]
    assert files == [TOY, permitted]


def test_a_bad_file_among_good_ones_stops_everything(invoke, write, permitted):
    bad = write("scenario: x\nas_of: 2025-01-22\nforces: [{id: a, component: army}]\n"
                "tasks: [{id: T1, force: a, activity: arest}]\n", "bad.yaml")
    result = invoke("check", permitted, bad)
    line = one_error_line(result)
    assert line.startswith(f"{bad}:4:38: error[unknown-activity]: ")
    assert line.endswith("(did you mean 'arrest'?)")
    assert result.stdout == ""


def test_problems_of_every_file_are_listed(invoke, write):
    first = write("scenario: x\n", "a.yaml")
    second = write("scenario: [\n", "b.yaml")
    result = invoke("check", first, second)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(first) for line in lines) and any(line.startswith(second) for line in lines)
    assert all("error[" in line for line in lines)


def test_output_is_written_whole_and_left_alone_on_failure(invoke, tmp_path, write):
    target = tmp_path / "report.json"
    result = invoke("check", TOY, "-f", "json", "--output", str(target))
    assert (result.exit_code, result.stdout) == (1, "")
    first = target.read_bytes()
    assert json.loads(first)["contract"] == "1.1"
    bad = write("scenario: [\n", "broken.yaml")
    assert invoke("check", bad, "-f", "json", "-o", str(target)).exit_code == 2
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".comitatus-")] == []


def test_output_keeps_the_permissions_of_the_file_it_replaces(invoke, tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    invoke("check", TOY, "-o", str(target))
    assert target.stat().st_mode & 0o777 == 0o640
    assert "tasks:" in target.read_text()


def test_output_into_a_missing_folder_is_one_clear_error(invoke, tmp_path):
    line = one_error_line(invoke("check", TOY, "-o", str(tmp_path / "no" / "such" / "r.txt")))
    assert "error[cannot-write]" in line


def test_output_never_overwrites_an_input(invoke, tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_bytes(pathlib.Path(TOY).read_bytes())
    line = one_error_line(invoke("check", str(scenario), "-o", str(scenario)))
    assert "error[output-is-input]" in line
    assert scenario.read_bytes() == pathlib.Path(TOY).read_bytes()


def test_max_bytes_is_passed_to_the_engine(invoke):
    line = one_error_line(invoke("check", TOY, "--max-bytes", "10"))
    assert line.startswith(f"{TOY}: error[too-large]")


def test_bad_as_of_is_one_line(invoke):
    assert one_error_line(invoke("check", TOY, "--as-of", "2025-02-30")) == \
        "error[bad-date]: --as-of must be a date YYYY-MM-DD, found '2025-02-30'"


def test_missing_rulebook_is_one_line(invoke, tmp_path):
    line = one_error_line(invoke("check", TOY, "--rules-only", str(tmp_path / "nowhere"), toy=False))
    assert "error[rules-not-found]" in line


def test_usage_errors_exit_two(invoke):
    for argv in (["check"], ["check", TOY, "--format", "xml"], ["check", TOY, "--bogus"],
                 ["check", TOY, "--max-bytes", "0"], ["chek", TOY], []):
        result = invoke(*argv, toy=False)
        assert result.exit_code == 2, argv
        assert "Traceback" not in result.stdout + result.stderr


def test_output_through_a_symlink_replaces_the_file_it_points_to(invoke, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    invoke("check", TOY, "-f", "json", "-o", str(link))
    assert link.is_symlink()
    assert json.loads(real.read_text())["contract"] == "1.1"
