Feature: Guard called into federal service is Title 10, and the Posse Comitatus Act binds it
  The President may call the Guard of any State into federal service when the United States is
  invaded or in danger of invasion, when there is "a rebellion or danger of a rebellion against
  the authority of the Government of the United States", or when he "is unable with the regular
  forces to execute the laws of the United States" (10 U.S.C. § 12406); orders "shall be issued
  through the governors". Reservists and Guard may also be ordered to active duty under 10 U.S.C.
  §§ 12301-12302. From the call's date to its end the force is in federal service, whatever it
  was before, and the Posse Comitatus Act (18 U.S.C. § 1385) binds it. The call is not an
  exception to the Act; in Trump v. Illinois (Dec. 23, 2025) the Supreme Court read "regular
  forces" as the regular military, so § 12406(3) presupposes a lawful use of the military.

  Background:
    Given the scenario:
      """
      scenario: A State's Guard called into federal service
      as_of: 2025-06-10
      forces:
        - {id: state-guard, component: national_guard, status: title_32}
        - {id: reserve-unit, component: national_guard, status: title_32}
      events:
        - {id: call, kind: federal_service, statute: "10 U.S.C. § 12406", ground: unable_with_regular_forces,
           date: 2025-06-07, forces: [state-guard], governor_consent: false, ends: 2025-08-31}
        - {id: mobilization, kind: federal_service, statute: "10 U.S.C. § 12302", date: 2025-06-01,
           forces: [reserve-unit]}
      tasks:
        - {id: before, force: state-guard, activity: arrest, location: interior, date: 2025-06-06}
        - {id: during, force: state-guard, activity: arrest, location: interior, date: 2025-06-08}
        - {id: after, force: state-guard, activity: arrest, location: interior, date: 2025-09-01}
        - {id: supply, force: state-guard, activity: logistics, location: interior, date: 2025-06-08}
        - {id: mobilized, force: reserve-unit, activity: search, location: interior, date: 2025-06-08}
      """

  Scenario: From the date of the call to its end the Guard is bound by the Posse Comitatus Act
    Then the verdicts are:
      | task   | verdict     | rule                                  |
      | before | conditional | status.guard-title-32-law-enforcement |
      | during | prohibited  | pca.national-guard-federalized        |
      | after  | conditional | status.guard-title-32-law-enforcement |

  Scenario: The call's duties travel with the force: orders through the governor, and its purpose
    Then task "supply" is permitted
    And the obligations include "federal-service.12406-orders-through-governors"
    And the obligations include "federal-service.12406-purpose"

  Scenario: A reserve mobilization under § 12302 puts the Guard in federal service too
    Then task "mobilized" is prohibited
    And the deciding rule is "pca.national-guard-federalized"
    And the decision cites "18 U.S.C. § 1385"

  Scenario: The governor's objection does not change the status
    Then task "during" is prohibited
    And the decision does not cite "32 U.S.C. § 502(f)"
