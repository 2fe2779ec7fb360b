Feature: A court order in force decides the tasks it covers, until it is stayed or ends
  A restraining order or injunction binds the parties and their officers and agents (Fed. R.
  Civ. P. 65(d)(2)); disobeying it is contempt (18 U.S.C. § 401(3)). So a task an order covers is
  prohibited while the order is in force, whatever the statutes would allow, and the decision
  names the case. A stay suspends the order from the stay's date (until the stay itself ends); a
  vacatur, reversal or expiry ends it. In 2025 such orders shaped the deployments: Newsom v.
  Trump (N.D. Cal.), Oregon v. Trump (D. Or.), Illinois v. Trump (N.D. Ill.).

  Background:
    Given the scenario:
      """
      scenario: Portland, October 2025
      as_of: 2025-10-10
      locations:
        - {id: ice-facility, kind: federal_property}
        - {id: streets, kind: interior}
      forces:
        - {id: or-guard, component: national_guard, status: title_10}
        - {id: ca-guard, component: national_guard, status: title_10}
      events:
        - {id: first-tro, kind: court_order, court: "D. Or.", order: temporary_restraining_order,
           case: "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 4, 2025)", date: 2025-10-04,
           forces: [or-guard], ends: 2025-11-01}
        - {id: second-tro, kind: court_order, court: "D. Or.", order: temporary_restraining_order,
           case: "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 5, 2025)", date: 2025-10-05,
           forces: [or-guard, ca-guard], areas: [ice-facility, streets], ends: 2025-11-02}
        - {id: panel-stay, kind: court_order, court: "9th Cir.", order: stay, stays: first-tro,
           case: "Oregon v. Trump (9th Cir. Oct. 20, 2025)", date: 2025-10-20, ends: 2025-10-27}
        - {id: narrow-order, kind: court_order, court: "N.D. Cal.", order: injunction,
           case: "Newsom v. Trump, No. 3:25-cv-04870-CRB (N.D. Cal. Sept. 2, 2025)", date: 2025-09-02,
           activities: [arrest, crowd_control, patrol], forces: [ca-guard]}
        - {id: narrow-stay, kind: court_order, court: "9th Cir.", order: stay, stays: narrow-order,
           case: "Newsom v. Trump (9th Cir. Sept. 2025)", date: 2025-09-10}
      tasks:
        - {id: before, force: or-guard, activity: federal_property_protection, location: ice-facility, date: 2025-10-03}
        - {id: enjoined, force: or-guard, activity: federal_property_protection, location: ice-facility, date: 2025-10-04}
        - {id: both, force: ca-guard, activity: logistics, location: streets, date: 2025-10-10}
        - {id: one-stayed, force: or-guard, activity: logistics, location: ice-facility, date: 2025-10-22}
        - {id: expired, force: ca-guard, activity: logistics, location: streets, date: 2025-11-03}
        - {id: stayed-injunction, force: ca-guard, activity: crowd_control, location: ice-facility, date: 2025-09-15}
      """

  Scenario: A task the order covers is prohibited from the order's date, citing the case
    Then task "enjoined" is prohibited
    And the deciding rule is "court-order.enjoined"
    And the decision cites "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 4, 2025)"

  Scenario: Before the order the statutes decide
    Then task "before" is conditional
    And the deciding rule is "protective.static-guard-conditions"

  Scenario: The order decides whatever the statutes say: support too
    Then task "both" is prohibited
    And the deciding rule is "court-order.enjoined"
    And the decision overrides the rule "support.passive.administrative-logistic"

  Scenario: A stay of one order leaves another in force
    Then task "one-stayed" is prohibited
    And the decision cites "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 5, 2025)"
    And the decision does not cite "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 4, 2025)"

  Scenario: An order that has ended decides nothing
    Then task "expired" is permitted

  Scenario: A stayed injunction does not decide; the contested question comes back
    Then task "stayed-injunction" is contested
    And the deciding rule is "protective.active-protection"

  Scenario: The remedy of an enjoined task names the order and what would lift it
    Then task "enjoined" is prohibited
    And the remedies include "court-order.enjoined"
    And the remedy "court-order.enjoined" still requires "stay"

  Scenario: Chicago: the restraining order forbids the deployment the Supreme Court left blocked
    Given the scenario:
      """
      scenario: Broadview, Illinois, October-December 2025
      as_of: 2025-10-10
      locations:
        - {id: broadview, kind: federal_property, name: "ICE processing facility, Broadview"}
      forces:
        - {id: tx-guard, component: national_guard, status: state_active_duty}
      events:
        - {id: tx-call, kind: federal_service, statute: "10 U.S.C. § 12406", date: 2025-10-05,
           forces: [tx-guard]}
        - {id: perry-tro, kind: court_order, court: "N.D. Ill.", order: temporary_restraining_order,
           case: "Illinois v. Trump, No. 1:25-cv-12174 (N.D. Ill. Oct. 9, 2025)", date: 2025-10-09,
           areas: [broadview]}
      tasks:
        - {id: guard-post, force: tx-guard, activity: federal_property_protection, location: broadview, date: 2025-10-08}
        - {id: deployed, force: tx-guard, activity: federal_property_protection, location: broadview, date: 2025-10-10}
        - {id: after-scotus, force: tx-guard, activity: crowd_control, location: broadview, date: 2025-12-24}
      """
    Then task "guard-post" is conditional
    And the deciding rule is "protective.static-guard-conditions"
    And task "deployed" is prohibited
    And the decision cites "Illinois v. Trump, No. 1:25-cv-12174 (N.D. Ill. Oct. 9, 2025)"
    And task "after-scotus" is prohibited
    And the remedies include "court-order.enjoined"

  Scenario: An order binds through its last day, and a stay from the stay's own date
    The first Oregon restraining order ran "through" November 1, 2025; the panel's stay of
    October 20 suspended it from that day.
    Given the scenario:
      """
      scenario: Portland, the days either side
      as_of: 2025-10-19
      locations:
        - {id: ice-facility, kind: federal_property}
      forces:
        - {id: or-guard, component: national_guard, status: title_10}
      events:
        - {id: tro, kind: court_order, court: "D. Or.", order: temporary_restraining_order,
           case: "Oregon v. Trump, No. 3:25-cv-1756-IM (D. Or. Oct. 4, 2025)", date: 2025-10-04,
           ends: 2025-11-01}
        - {id: stay, kind: court_order, court: "9th Cir.", order: stay, stays: tro,
           case: "Oregon v. Trump (9th Cir. Oct. 20, 2025)", date: 2025-10-20, ends: 2025-10-27}
      tasks:
        - {id: eve-of-stay, force: or-guard, activity: logistics, location: ice-facility, date: 2025-10-19}
        - {id: stay-day, force: or-guard, activity: logistics, location: ice-facility, date: 2025-10-20}
        - {id: last-day, force: or-guard, activity: logistics, location: ice-facility, date: 2025-11-01}
        - {id: day-after, force: or-guard, activity: logistics, location: ice-facility, date: 2025-11-02}
      """
    Then the verdicts are:
      | task        | verdict    | rule                 |
      | eve-of-stay | prohibited | court-order.enjoined |
      | stay-day    | permitted  |                      |
      | last-day    | prohibited | court-order.enjoined |
      | day-after   | permitted  |                      |
