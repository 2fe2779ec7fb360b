"""The engine on a toy rulebook: matching in the network, precedence, remedies, windows."""
import threading

import pytest

import engine
from engine.compile import compiled
from tests.conftest import FIXTURES

SCENARIO = f"{FIXTURES}/toy-scenario.yaml"


@pytest.fixture(scope="module")
def report(toy_rulebook):
    return engine.check(SCENARIO, rulebook=toy_rulebook)


def verdicts(report):
    return {d.task: (d.verdict.value, d.rule) for d in report.decisions}


def test_each_task_gets_its_verdict_and_deciding_rule(report):
    assert verdicts(report) == {
        "T1": ("permitted", "support.data"),
        "T2": ("prohibited", "pca.army"),
        "T3": ("permitted", "ia.252"),
        "T4": ("conditional", "intel.usp"),
        "T5": ("permitted", "intel.usp"),
        "T6": ("unknown", None),
        "T7": ("contested", "nda.detain"),
    }


def test_exception_overrides_the_bar_and_stays_traceable(report):
    arrest_after_invocation = report.decision("T3")
    assert [o.rule for o in arrest_after_invocation.overridden] == ["pca.army"]
    assert arrest_after_invocation.overridden[0].by == "ia.252"
    assert arrest_after_invocation.citations == ("10 U.S.C. § 252",)


def test_a_prohibited_task_names_the_exception_that_would_permit_it(report):
    remedy = report.decision("T2").remedies[0]
    assert remedy.rule == "ia.252"
    assert remedy.requires == ("an invocation with proclamation",)


def test_an_exception_that_would_not_permit_is_no_remedy(report):
    # ia.252 would only defeat the bar the contested rule already defeats
    detention = report.decision("T7")
    assert [o.rule for o in detention.overridden] == ["pca.army"]
    assert detention.remedies == ()
    assert len(detention.readings) == 2


def test_a_sure_permission_is_not_weakened_by_an_unsure_one(report):
    # the emergency rule's facts are unstated, but the invocation permits outright
    assert report.decision("T3").verdict is engine.Verdict.PERMITTED
    assert report.decision("T3").conditions == ()


def test_an_unstated_fact_makes_the_task_conditional_on_it(report):
    assert report.decision("T4").conditions == ("no US persons",)


def test_obligations_ride_along_without_changing_the_verdict(report):
    assert [o.rule for o in report.decision("T1").obligations] == ["obligation.277"]
    assert report.decision("T1").verdict is engine.Verdict.PERMITTED


def test_no_rule_means_unknown_never_permitted(report):
    assert report.decision("T6").verdict is engine.Verdict.UNKNOWN


def test_window_state_and_days_remaining(report):
    (window,) = report.windows
    assert (window.state, window.deadline.isoformat(), window.days_remaining) == ("open", "2025-04-20", 88)


@pytest.mark.parametrize("day, state, remaining", [
    ("2025-01-19", "pending", None), ("2025-01-20", "open", 90), ("2025-04-20", "open", 0),
    ("2025-04-21", "expired", None), ("2025-05-01", "decided", None)])
def test_window_over_time(toy_rulebook, day, state, remaining):
    (window,) = engine.check(SCENARIO, rulebook=toy_rulebook, as_of=day).windows
    assert (window.state, window.days_remaining) == (state, remaining)


def test_authorities_report_triggers_met_and_missing(report):
    by_section = {a.section: a for a in report.authorities}
    assert by_section[251].available is True and by_section[251].missing == ()
    assert by_section[252].available is False and by_section[252].missing == ("obstruction",)


def test_same_inputs_same_bytes(toy_rulebook):
    first = engine.check(SCENARIO, rulebook=toy_rulebook).to_json()
    again = engine.check(SCENARIO, rulebook=engine.load_rulebook(toy_rulebook.directory)).to_json()
    assert first == again


def test_a_mapping_is_checked_like_a_file(toy_rulebook):
    import yaml
    with open(SCENARIO, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    report = engine.check(data, rulebook=toy_rulebook)
    assert verdicts(report) == verdicts(engine.check(SCENARIO, rulebook=toy_rulebook))


def test_cache_answers_repeat_tasks_without_the_engine(toy_rulebook):
    network = compiled(toy_rulebook)
    engine.check(SCENARIO, rulebook=toy_rulebook)
    calls = network.engine_calls
    engine.check(SCENARIO, rulebook=toy_rulebook)
    assert network.engine_calls == calls


def test_threads_share_one_rulebook_safely(toy_rulebook):
    expected = engine.check(SCENARIO, rulebook=toy_rulebook).to_json()
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append(engine.check(SCENARIO, rulebook=toy_rulebook, as_of=None).to_json())
        except Exception as exc:  # noqa: BLE001 - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and set(results) == {expected}


def test_two_rulebooks_do_not_interfere(toy_rulebook, rulebook):
    toy = engine.check(SCENARIO, rulebook=toy_rulebook).to_json()
    engine.check(SCENARIO, rulebook=rulebook)
    assert engine.check(SCENARIO, rulebook=toy_rulebook).to_json() == toy


def test_fast_json_writes_the_same_bytes_as_the_standard_library(rulebook):
    import glob
    import json

    from engine.report import reports_dict
    from tests.conftest import ROOT
    reports = [engine.check(path, rulebook=rulebook) for path in sorted(glob.glob(f"{ROOT}/scenarios/*.yaml"))]
    plain = json.dumps(reports_dict(reports, rulebook), ensure_ascii=False, indent=2) + "\n"
    assert engine.reports_json_bytes(reports, rulebook) == plain.encode("utf-8")


def test_a_cyclic_or_odd_mapping_is_refused_not_crashed_on(toy_rulebook):
    cyclic = {"scenario": "x", "as_of": "2025-01-22", "forces": [], "tasks": []}
    cyclic["forces"].append(cyclic)
    with pytest.raises(engine.ScenarioError) as caught:
        engine.check(cyclic, rulebook=toy_rulebook)
    assert caught.value.code == "too-deep"
    with pytest.raises(engine.ScenarioError) as caught:
        engine.check({"scenario": "x", 1: "y"}, rulebook=toy_rulebook)
    assert caught.value.code == "bad-key"


def test_facts_reach_durable_rules_as_the_same_json_values():
    """orjson writes the batches when their text is ASCII; otherwise json.dumps, whose \\u
    escapes the rulesets' own JSON uses, so a non-ASCII value compares as it always did."""
    import json

    from engine.compile.rulesets import _payload
    plain = [{"kind": "task", "epoch": 3, "loc": {"interior": "yes"}, "fid": 0, "f_days": None}]
    assert json.loads(_payload(plain)) == plain
    accented = [{"kind": "event", "f_citation": "10 U.S.C. § 252", "fid": 1}]
    assert _payload(accented) == json.dumps(accented)
