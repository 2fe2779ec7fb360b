"""The rule language's generic mechanisms, each on a toy rulebook whose rules say what to expect.

tests/fixtures/mechanisms/ holds a vocabulary and rules written for these tests: a call into
federal service that changes a force's status, a court order scoped by activity and area and
suspended by a stay, a prohibition that overrides everything, citations dated in force, a
period counted from an event's date, force and location facts, agencies, and synonyms.
"""
import os
import shutil

import pytest

import engine
from tests.conftest import ROOT

RULES = os.path.join(ROOT, "tests", "fixtures", "mechanisms")


@pytest.fixture(scope="module")
def book():
    return engine.load_rulebook(RULES)


def run(book, tasks, events=(), forces=None, locations=(), as_of="2025-06-10"):
    data = {"scenario": "mechanisms", "as_of": as_of,
            "forces": forces or [{"id": "guard", "component": "national_guard", "status": "title_32",
                                  "state": "CA"},
                                 {"id": "army", "component": "army"}],
            "locations": list(locations) or [{"id": "la", "kind": "interior", "state": "CA"},
                                             {"id": "pdx", "kind": "interior", "state": "OR"}],
            "events": list(events), "tasks": list(tasks)}
    return {d.task: d for d in engine.check(data, rulebook=book).decisions}


FEDERALIZED = {"id": "call", "kind": "federal_service", "statute": "10 U.S.C. § 12406",
               "date": "2025-06-07", "forces": ["guard"], "ends": "2025-06-30"}


def test_a_call_into_federal_service_makes_the_force_title_10_while_it_lasts(book):
    found = run(book, [{"id": "before", "force": "guard", "activity": "arrest", "date": "2025-06-06"},
                       {"id": "during", "force": "guard", "activity": "arrest", "date": "2025-06-07"},
                       {"id": "after", "force": "guard", "activity": "arrest", "date": "2025-07-01"}],
                [FEDERALIZED])
    assert (found["before"].rule, found["during"].rule, found["after"].rule) == \
        ("guard.title-32", "pca.army", "guard.title-32")
    assert found["during"].verdict is engine.Verdict.PROHIBITED


ORDER = {"id": "tro", "kind": "court_order", "case": "Newsom v. Trump, No. 3:25-cv-04870",
         "date": "2025-06-12", "order": "injunction", "activities": ["crowd_control"], "areas": ["CA"]}


def test_a_court_order_bars_the_activities_it_covers_in_its_area_and_cites_the_case(book):
    found = run(book, [{"id": "covered", "force": "guard", "activity": "crowd_control", "location": "la"},
                       {"id": "elsewhere", "force": "guard", "activity": "crowd_control", "location": "pdx"},
                       {"id": "other", "force": "guard", "activity": "data_entry", "location": "la"}],
                [FEDERALIZED, ORDER], as_of="2025-06-13")
    covered = found["covered"]
    assert covered.rule == "order.in-force" and covered.verdict is engine.Verdict.PROHIBITED
    assert "Newsom v. Trump, No. 3:25-cv-04870" in covered.citations
    assert [o.rule for o in covered.overridden] == ["pca.army"]
    assert covered.remedies[0].rule == "order.in-force"
    assert covered.remedies[0].requires == ("a stay of the order, its vacatur, or its end",)
    assert found["elsewhere"].rule == "pca.army"
    assert found["other"].rule != "order.in-force"


def test_a_stay_suspends_the_order_from_its_own_date(book):
    stay = {"id": "stay", "kind": "court_order", "case": "Newsom v. Trump, No. 25-3727 (9th Cir.)",
            "date": "2025-06-19", "order": "stay", "stays": "tro"}
    found = run(book, [{"id": "before", "force": "guard", "activity": "crowd_control", "location": "la",
                        "date": "2025-06-18"},
                       {"id": "stayed", "force": "guard", "activity": "crowd_control", "location": "la",
                        "date": "2025-06-19"}],
                [FEDERALIZED, ORDER, stay])
    assert found["before"].rule == "order.in-force"
    assert found["stayed"].rule == "pca.army"


def test_a_stay_must_name_a_declared_event(book):
    stay = {"id": "stay", "kind": "court_order", "case": "x", "date": "2025-06-19", "order": "stay",
            "stays": "tro2"}
    with pytest.raises(engine.ComitatusError) as caught:
        run(book, [{"id": "t", "force": "army", "activity": "data_entry"}], [ORDER, stay])
    assert caught.value.code == "unknown-reference" and caught.value.did_you_mean == "tro"


def test_force_facts_scope_rules_and_areas_name_states(book):
    forces = [{"id": "dc-guard", "component": "national_guard", "status": "title_32", "state": "DC"},
              {"id": "ca-guard", "component": "national_guard", "status": "title_32", "state": "CA"},
              {"id": "guard", "component": "national_guard", "status": "title_32"}]
    found = run(book, [{"id": "dc", "force": "dc-guard", "activity": "data_entry"},
                       {"id": "ca", "force": "ca-guard", "activity": "data_entry"},
                       {"id": "unstated", "force": "guard", "activity": "data_entry"}], forces=forces)
    assert found["dc"].verdict is engine.Verdict.CONTESTED and found["dc"].rule == "guard.dc"
    assert found["ca"].rule == "guard.title-32" and found["unstated"].rule == "guard.title-32"


def test_a_period_counted_from_an_event_date(book):
    emergency = {"id": "storm", "kind": "emergency", "date": "2025-06-01", "civil_request": True}
    found = run(book, [{"id": f"d{day}", "force": "army", "activity": "search_and_rescue",
                        "date": f"2025-06-0{day}"} for day in (1, 3, 4)], [emergency])
    assert [found[t].verdict.value for t in ("d1", "d3", "d4")] == ["permitted", "permitted", "unknown"]


def test_a_decision_cites_only_what_was_in_force_under_the_number_then(book):
    found = run(book, [{"id": "1990", "force": "army", "activity": "data_entry", "date": "1990-01-02"},
                       {"id": "2018", "force": "army", "activity": "data_entry", "date": "2018-12-03"},
                       {"id": "2019", "force": "army", "activity": "data_entry", "date": "2018-12-04"}])
    assert found["1990"].citations == ("14 U.S.C. § 89(a)", "DoDD 5525.5")
    assert found["2018"].citations == ("14 U.S.C. § 89(a)",)
    assert found["2019"].citations == ("14 U.S.C. § 522(a)",)
    assert found["2019"].reasons[0].citation == "14 U.S.C. § 522(a)"


def test_an_undated_citation_is_refused(tmp_path):
    for name in ("vocabulary.yaml", "rules.yaml"):
        shutil.copy(os.path.join(RULES, name), tmp_path / name)
    (tmp_path / "citations.yaml").write_text('citations:\n  - {cite: "18 U.S.C. § 1385", from: 1878-06-18}\n',
                                             encoding="utf-8")
    with pytest.raises(engine.ComitatusError) as caught:
        engine.load_rulebook(str(tmp_path))
    codes = {e.code for e in getattr(caught.value, "errors", (caught.value,))}
    assert codes == {"undated-citation"}


def test_supports_takes_only_a_known_agency_and_a_synonym_is_kept_as_written(book):
    found = run(book, [{"id": "t", "force": "army", "activity": "custodial_arrest", "supports": "CBP"}])
    assert found["t"].activity == "arrest" and found["t"].activity_as_written == "custodial_arrest"
    with pytest.raises(engine.ComitatusError) as caught:
        run(book, [{"id": "t", "force": "army", "activity": "arrest", "supports": "fbi"}])
    assert caught.value.code == "unknown-agency"


def test_a_designation_re_classifies_a_place_from_its_date_for_events_naming_that_kind(book):
    """An order limited to federal property reaches a place only once it is designated one."""
    order = dict(ORDER, date="2025-06-01", areas=["federal_property"])
    designation = {"id": "nda", "kind": "designation", "date": "2025-06-10", "location": "la"}
    found = run(book, [{"id": "before", "force": "guard", "activity": "crowd_control", "location": "la",
                        "date": "2025-06-09"},
                       {"id": "designated", "force": "guard", "activity": "crowd_control", "location": "la",
                        "date": "2025-06-10"},
                       {"id": "elsewhere", "force": "guard", "activity": "crowd_control", "location": "pdx",
                        "date": "2025-06-10"}],
                [FEDERALIZED, order, designation])
    assert (found["before"].rule, found["designated"].rule, found["elsewhere"].rule) == \
        ("pca.army", "order.in-force", "pca.army")
