Feature: Who is bound: National Guard duty status and the Coast Guard
  The Posse Comitatus Act binds the National Guard only in federal service. Called into
  federal (Title 10) service, for example under 10 U.S.C. § 12406, the Guard is part of the
  Army or Air Force and bound like them (32 C.F.R. § 182.2(d); Newsom v. Trump, N.D. Cal.
  2025). On State Active Duty it serves the governor under state law and the Act does not
  apply (Gilbert v. United States, 6th Cir. 1999). In Title 32 status (32 U.S.C. § 502(f),
  § 112) it is federally funded but commanded by the governor: the Act does not apply, but
  the power to arrest must come from state law or a federal delegation, and federal agencies
  reimburse the support (10 U.S.C. § 277(b)). The Coast Guard is an armed force "at all
  times" (14 U.S.C. § 101) that the Act does not name; it has its own power to search, seize
  and arrest on the high seas and US waters (14 U.S.C. § 522). Whether it keeps that freedom
  when operating as a service in the Navy (14 U.S.C. § 103) is unsettled.

  Scenario Outline: A Guardsman's arrest at the border, in <status> status, is <verdict>
    Given a force "guard" of the National Guard in <status> status
    When "guard" is tasked with "arrest" in the border zone on 2025-03-01
    Then the task is <verdict>
    And the deciding rule is "<rule>"

    Examples: every Guard duty status
      | status            | verdict     | rule                                 |
      | State Active Duty | conditional | status.guard-state-active-duty       |
      | Title 32          | conditional | status.guard-title-32-law-enforcement |
      | Title 10          | prohibited  | pca.national-guard-federalized       |

  Scenario Outline: A Guard patrol among civilians in <status> status is <verdict>
    A patrol to deter or stop crime (a looting or curfew patrol, a presence patrol) is law
    enforcement. The Act does not reach the Guard in state service, but neither State Active Duty
    nor Title 32 gives its members police powers: they patrol with the powers state law gives
    them. Called into federal service, the Guard is bound like the Army.
    Given a force "guard" of the National Guard in <status> status
    When "guard" is tasked with "patrol" in the interior on 2024-10-01
    Then the task is <verdict>
    And the deciding rule is "<rule>"

    Examples:
      | status            | verdict     | rule                                  |
      | State Active Duty | conditional | status.guard-state-active-duty        |
      | Title 32          | conditional | status.guard-title-32-law-enforcement |
      | Title 10          | prohibited  | pca.national-guard-federalized        |

  Scenario Outline: Guard support in <status> status is allowed in every status
    Given a force "guard" of the National Guard in <status> status
    When "guard" is tasked with "logistics" in the border zone on 2025-03-01
    Then the task is permitted
    And the deciding rule is "<rule>"

    Examples:
      | status            | rule                                    |
      | State Active Duty | status.guard-state-active-duty-support  |
      | Title 32          | status.guard-title-32-support           |
      | Title 10          | support.passive.administrative-logistic |

  Scenario Outline: Operation Lone Star: Texas Guard on State Active Duty may <activity> with the powers Texas law gives it
    Given a force "tx-guard" of the National Guard in State Active Duty status
    When "tx-guard" is tasked with "<activity>" in the border zone on 2022-02-08
    Then the task is conditional
    And the decision cites "Gilbert v. United States, 165 F.3d 470 (6th Cir. 1999)"
    And the decision does not cite "18 U.S.C. § 1385"
    And the conditions include "state law"

    Examples:
      | activity             |
      | apprehension         |
      | detain trespasser    |
      | search               |
      | checkpoint operation |
      | crowd control        |
      | patrol               |

  Scenario: In Title 32 status the power to arrest must come from state law or a delegation
    Given a force "guard-502f" of the National Guard in Title 32 status
    When "guard-502f" is tasked with "detention" in the border zone on 2025-03-01
    Then the task is conditional
    And the conditions include "state law (or a lawful federal delegation"
    And the conditions include "governor's command"
    And the obligations include "10 U.S.C. § 277(b)"

  Scenario: Federal agencies reimburse support from Guard on § 502(f) duty
    Given a force "guard-502f" of the National Guard in Title 32 status
    When "guard-502f" is tasked with "aviation support" in the border zone on 2025-03-01
    Then the task is permitted
    And the deciding rule is "status.guard-title-32-support"
    And the obligations include "obligation.sec277b-guard-502f-reimbursement"

  Scenario: Los Angeles 2025: Guard federalized under § 12406 may not control traffic
    Given a force "task-force-51" of the National Guard in Title 10 status
    When "task-force-51" is tasked with "traffic control" in the interior on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "pca.national-guard-federalized"
    And the decision cites "18 U.S.C. § 1385"
    And the decision does not cite "32 C.F.R. § 182.2(d)"

  Scenario: A National Guard force must say what status it is in
    Given a force "guard" of the National Guard
    When "guard" is tasked with "logistics" in the interior on 2025-03-01
    Then the scenario is rejected with "missing-status"

  Scenario: The Army has no Title 32 status
    Given a force "soldiers" of the Army in Title 32 status
    When "soldiers" is tasked with "logistics" in the interior on 2025-03-01
    Then the scenario is rejected with "inconsistent-status"

  Scenario Outline: The Coast Guard may <activity> on the <place> under its own statute
    Given a force "cutter" of the Coast Guard
    When "cutter" is tasked with "<activity>" on the <place> on 2025-03-01
    Then the task is permitted
    And the deciding rule is "status.coast-guard-maritime-law-enforcement"
    And the decision cites "14 U.S.C. § 522"
    And the decision does not cite "18 U.S.C. § 1385"

    Examples:
      | activity     | place           |
      | seizure      | high seas       |
      | interdiction | high seas       |
      | arrest       | territorial sea |
      | search       | territorial sea |
      | patrol       | territorial sea |

  Scenario Outline: Ashore in the <place> the Coast Guard needs a power that reaches land
    Given a force "cg-team" of the Coast Guard in Title 14 status
    When "cg-team" is tasked with "arrest" in the <place> on 2025-03-01
    Then the task is conditional
    And the deciding rule is "status.coast-guard-ashore"
    And the conditions include "arrest on shore of a violator escaping from the water"

    Examples:
      | place       |
      | border zone |
      | interior    |

  Scenario: Coast Guard support to other agencies raises no posse comitatus question
    Given a force "cutter" of the Coast Guard
    When "cutter" is tasked with "transportation" on the territorial sea on 2025-03-01
    Then the task is permitted
    And the deciding rule is "status.coast-guard-support"

  Scenario: Whether the Coast Guard serving in the Navy may still arrest is contested
    Given a force "cutter" of the Coast Guard in Title 10 status
    When "cutter" is tasked with "arrest" on the high seas on 2025-03-01
    Then the task is contested
    And the deciding rule is "status.coast-guard-in-navy"
    And the readings include one citing "14 U.S.C. § 103"
    And the readings include one citing "14 U.S.C. § 522"

  Scenario: Ashore, the Coast Guard serving in the Navy needs another statute on either reading
    The Coast Guard's own power is over the waters; on land it reaches only a violator escaping
    there (14 U.S.C. § 522(a)). Whether it is bound like the Navy when serving in it is
    unsettled, but on land either reading sends the task to another statute, so an express
    exception decides it on its own terms: the Insurrection Act, invoked with its proclamation,
    lifts the question.
    Given the scenario:
      """
      scenario: A Coast Guard unit serving in the Navy, ashore
      as_of: 2025-06-10
      forces:
        - {id: cutter-crew, component: coast_guard, status: title_10}
        - {id: port-team, component: coast_guard, status: title_10}
      events:
        - {id: ia, kind: insurrection_act, section: 253, invoked: 2025-06-01, proclamation: 2025-06-01, forces: [port-team]}
      tasks:
        - {id: TOWN, force: cutter-crew, activity: arrest, location: interior}
        - {id: UNSAID, force: cutter-crew, activity: search}
        - {id: INVOKED, force: port-team, activity: arrest, location: interior}
      """
    Then the verdicts are:
      | task    | verdict   | rule                    |
      | TOWN    | contested | pca.coast-guard-in-navy |
      | UNSAID  | contested | pca.coast-guard-in-navy |
      | INVOKED | permitted | insurrection-act.253    |
    And task "TOWN" is contested
    And the readings include one citing "14 U.S.C. § 522"
    And the readings include one citing "14 U.S.C. § 103"

  Scenario: A Navy ship carries a Coast Guard law enforcement detachment
    Given these forces:
      | force     | component   | status   |
      | destroyer | navy        | title_10 |
      | ledet     | coast_guard | title_14 |
    When these tasks are assigned:
      | task     | force     | activity       | place     | date       |
      | platform | destroyer | transportation | high seas | 2025-03-01 |
      | boarding | ledet     | search         | high seas | 2025-03-01 |
      | navy-arr | destroyer | arrest         | high seas | 2025-03-01 |
    Then the verdicts are:
      | task     | verdict    | rule                                       | cites           |
      | platform | permitted  | support.ch15.279-ledet-platform            | 10 U.S.C. § 279 |
      | boarding | permitted  | status.coast-guard-maritime-law-enforcement | 14 U.S.C. § 522 |
      | navy-arr | prohibited | pca.navy-marine-corps-space-force          | 18 U.S.C. § 1385 |
