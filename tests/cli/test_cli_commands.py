"""validate, window, rules list/show/lint, --version and --help."""
import json
import os
import pathlib
import re

import cli
import engine
from tests.cli.conftest import TOY, one_error_line


# ---- validate -----------------------------------------------------------------------------

def test_validate_checks_format_only(invoke, permitted, toy_rulebook):
    result = invoke("validate", TOY, permitted)
    assert result.exit_code == 0, result.stderr          # though TOY has prohibited tasks
    toy = engine.load_scenario(TOY, toy_rulebook)
    assert result.stdout.splitlines() == [
        f"{TOY}: ok: {len(toy.tasks)} tasks, {len(toy.forces)} forces, {len(toy.events)} events",
        f"{permitted}: ok: 1 task, 1 force, 0 events"]


def test_validate_lists_every_bad_file_and_still_reports_the_good(invoke, write, permitted):
    bad = write("scenario: x\nas_of: 2025-01-22\nforces: [{id: a, component: army}]\n"
                "tasks: [{id: T1, force: b, activity: arrest}]\n", "bad.yaml")
    result = invoke("validate", permitted, bad)
    line = one_error_line(result)
    assert line.startswith(f"{bad}:4:") and "error[unknown-reference]" in line
    assert result.stdout == f"{permitted}: ok: 1 task, 1 force, 0 events\n"


# ---- window -------------------------------------------------------------------------------

def test_window_shows_windows_and_authorities_alone(invoke):
    result = invoke("window", TOY)
    assert result.exit_code == 0
    assert "Decision windows" in result.stdout and "Authorities as of 2025-01-22" in result.stdout
    assert "Deciding rule" not in result.stdout


def test_window_states_follow_as_of(invoke):
    def state(day):
        data = json.loads(invoke("window", TOY, "-f", "json", "--as-of", day).stdout)
        window = data["scenarios"][0]["windows"][0]
        return window["state"], window["days_remaining"]
    assert [state(d) for d in ("2025-01-19", "2025-01-22", "2025-04-21", "2025-05-01")] == \
        [("pending", None), ("open", 88), ("expired", None), ("decided", None)]


# ---- rules --------------------------------------------------------------------------------

def test_rules_list_shows_every_rule(invoke, toy_rulebook):
    result = invoke("rules", "list")
    assert result.exit_code == 0
    for rule in toy_rulebook.rules:
        assert re.search(rf"^{re.escape(rule.id)}\s+{rule.effect}\s", result.stdout, re.M)
    assert result.stdout.rstrip().endswith(f"{len(toy_rulebook.rules)} rules")


def listed(invoke, *options):
    data = json.loads(invoke("rules", "list", "-f", "json", *options).stdout)
    return [rule["rule"] for rule in data["rules"]]


def test_rules_list_by_citation_ignores_case_dots_and_section_signs(invoke, toy_rulebook):
    assert listed(invoke, "--citation", "10 usc 252") == ["ia.252"]
    assert listed(invoke, "--citation", "10 U.S.C. § 27") == []          # not a prefix of 271 or 277
    assert listed(invoke, "--citation", "dodm") == \
        [r.id for r in toy_rulebook.rules if any(c.startswith("DoDM ") for c in r.citations)]


def test_rules_list_by_activity_uses_scope_and_class(invoke):
    arrest = listed(invoke, "--activity", "arrest")
    assert {"ia.252", "pca.army"} <= set(arrest)                 # by activity class
    assert not {"support.data", "intel.usp", "obligation.277"} & set(arrest)
    paperwork = listed(invoke, "--activity", "data_entry")
    assert {"obligation.277", "support.data"} <= set(paperwork)  # by class, by word
    assert not {"pca.army", "intel.usp"} & set(paperwork)


def test_rules_list_unknown_activity_hints(invoke):
    line = one_error_line(invoke("rules", "list", "--activity", "arest"))
    assert line == "error[unknown-activity]: 'arest' is not an activity in this rulebook (did you mean 'arrest'?)"


def test_rules_show_prints_the_rule_as_written_with_file_and_line(invoke, toy_rules_dir):
    result = invoke("rules", "show", "ia.252")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] in (f"{toy_rules_dir}/toy.yaml:10:", f"{os.path.relpath(toy_rules_dir)}/toy.yaml:10:")
    assert lines[1] == "  - id: ia.252"
    assert '    overrides: ["pca.*"]' in lines and lines[-1] == "    because: allowed"


def test_rules_show_an_authority(invoke):
    result = invoke("rules", "show", "ia.251.triggers")
    assert "  - id: ia.251.triggers" in result.stdout and "says: request" in result.stdout


def test_rules_show_unknown_id_hints(invoke):
    line = one_error_line(invoke("rules", "show", "pca.arm"))
    assert line.startswith("error[unknown-rule]: no rule or authority 'pca.arm'")
    assert line.endswith("(did you mean 'pca.army'?)")


def test_rules_lint_passes_the_toy_rulebook(invoke, toy_rulebook):
    result = invoke("rules", "lint")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].startswith(
        f"{len(toy_rulebook.rules)} rules, {len(toy_rulebook.authorities)} authorities, ")


def test_rules_lint_reports_loading_errors_with_their_place(invoke, tmp_path, toy_rules_dir):
    (tmp_path / "vocabulary.yaml").write_bytes(pathlib.Path(toy_rules_dir, "vocabulary.yaml").read_bytes())
    (tmp_path / "bad.yaml").write_text("rules:\n  - id: x\n    effect: forbid\n")
    result = invoke("rules", "lint", "--rules-only", str(tmp_path))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert all(line.startswith(f"{tmp_path}/bad.yaml:") for line in result.stderr.splitlines())
    assert "error[" in result.stderr


# ---- the app itself -----------------------------------------------------------------------

def test_version(invoke):
    result = invoke("--version", toy=False)
    assert result.exit_code == 0
    assert re.fullmatch(r"comitatus \d+\.\d+\.\d+ \(contract 1\.1\)\n", result.stdout)


def test_every_command_has_help_with_an_example(invoke):
    for argv in (["--help"], ["check", "--help"], ["explain", "--help"], ["validate", "--help"],
                 ["window", "--help"], ["rules", "--help"], ["rules", "list", "--help"], ["rules", "show", "--help"],
                 ["rules", "lint", "--help"]):
        result = invoke(*argv, toy=False)
        assert result.exit_code == 0, argv
        assert "Example: comitatus " in result.stdout, argv


def test_cli_default_size_limit_is_the_engines():
    from engine.read import DEFAULT_MAX_BYTES, MAX_BYTES_LIMIT
    assert cli.MAX_BYTES == DEFAULT_MAX_BYTES and cli.MAX_BYTES_LIMIT == MAX_BYTES_LIMIT


def test_living_spec_marker_stays_before_main():
    text = pathlib.Path(cli.__file__).read_text(encoding="utf-8")
    assert text.index("# --- living-spec commands ---") < text.index("def main(")


def test_paths_beneath_the_working_directory_are_shown_relative(monkeypatch, tmp_path):
    from engine.render import shown_file
    monkeypatch.chdir(tmp_path)
    assert shown_file(str(tmp_path / "rules" / "pca.yaml")) == "rules/pca.yaml"
    assert shown_file(str(tmp_path.parent / "x.yaml")) == str(tmp_path.parent / "x.yaml")
    assert shown_file("given/as/is.yaml") == "given/as/is.yaml"
