Feature: Support to civilian law enforcement
  Indirect, passive support is not executing the laws (United States v. Red Feather, D.S.D.
  1975). Chapter 15 of title 10 (formerly chapter 18, §§ 371-382, renumbered on December 23,
  2016) lets DoD share information (10 U.S.C. § 271), lend equipment and facilities (§ 272),
  train and advise (§ 273), maintain and operate equipment (§ 274) and, for counterdrug and
  counter-transnational-crime agencies, give the support listed in 10 U.S.C. § 284(b);
  10 U.S.C. § 124 makes DoD the lead agency for detecting and monitoring aerial and maritime
  drug traffic. At the southern border, FY2016 NDAA § 1059 (Pub. L. 114-92) lets DoD assist
  CBP, and Proclamation 10886 (January 20, 2025) directs logistics, transportation, detention
  space and barriers. Support carries duties that never change the verdict: no direct
  participation (§ 275), no harm to readiness (§ 276), reimbursement (§ 277) and, for § 284
  support, 15 days' notice to Congress (§ 284(h)).

  Scenario Outline: Title 10 troops may give <activity> to Border Patrol
    Given a force "jtf-sb" of the Army in Title 10 status
    When "jtf-sb" is tasked with "<activity>" in the border zone on 2025-03-01
    And the task supports CBP
    Then the task is permitted
    And the decision cites "<authority>"
    And the obligations include "10 U.S.C. § 275"

    Examples: indirect support that needs no counterdrug purpose
      | activity                    | authority                   |
      | data entry                  | Proclamation 10886 § 1      |
      | administrative support      | Proclamation 10886 § 1      |
      | vehicle maintenance         | 10 U.S.C. § 274(a)          |
      | equipment loan              | 10 U.S.C. § 272             |
      | training                    | 10 U.S.C. § 273             |
      | expert advice               | 10 U.S.C. § 273             |
      | information sharing         | 10 U.S.C. § 271             |
      | detection and monitoring    | 10 U.S.C. § 274(b)          |
      | aircraft intercept          | 10 U.S.C. § 274(b)          |
      | aerial reconnaissance       | 10 U.S.C. § 274(b)          |
      | transportation              | Proclamation 10886 § 1      |
      | transport detainees         | Proclamation 10886 § 1      |
      | aviation support            | Proclamation 10886 § 1      |
      | communications support      | 10 U.S.C. § 274(b)          |
      | barrier construction        | Proclamation 10886 § 2      |
      | base operations             | Proclamation 10886 § 1      |
      | facility support            | 10 U.S.C. § 272             |
      | logistics                   | Proclamation 10886 § 1      |
      | medical support             | Proclamation 10886 § 1      |

  Scenario: Counterdrug support under § 284 is cited only for a counterdrug purpose
    10 U.S.C. § 284 is support "for the counterdrug activities or activities to counter
    transnational organized crime" of the supported agency; § 124 is DoD's counterdrug
    lead-agency mission. A lawyer cites them only where the task has that purpose.
    Given the scenario:
      """
      scenario: JTF-North counterdrug support, March 2025
      as_of: 2025-03-01
      locations:
        - {id: sector, kind: border_zone}
      forces:
        - {id: jtf, component: army, status: title_10}
      tasks:
        - {id: DM, force: jtf, activity: detection_and_monitoring, location: sector, supports: cbp, purpose: counterdrug}
        - {id: AI, force: jtf, activity: aircraft_intercept, location: sector, supports: cbp, purpose: counterdrug}
        - {id: GR, force: jtf, activity: ground_reconnaissance, location: sector, supports: cbp, purpose: counterdrug}
        - {id: LS, force: jtf, activity: linguist_services, location: sector, supports: dea, purpose: counterdrug}
        - {id: CC, force: jtf, activity: command_center_support, location: sector, supports: cbp, purpose: counterdrug}
        - {id: BC, force: jtf, activity: barrier_construction, location: sector, supports: cbp, purpose: counterdrug}
        - {id: TR, force: jtf, activity: training, location: sector, supports: cbp, purpose: counterdrug}
        - {id: BO, force: jtf, activity: base_operations, location: sector, supports: dea, purpose: counterdrug}
      """
    Then the verdicts are:
      | task | verdict   | cites                  |
      | DM   | permitted | 10 U.S.C. § 284(b)(6)  |
      | AI   | permitted | 10 U.S.C. § 124        |
      | GR   | permitted | 10 U.S.C. § 284(b)(10) |
      | LS   | permitted | 10 U.S.C. § 284(b)(9)  |
      | CC   | permitted | 10 U.S.C. § 284(b)(8)  |
      | BC   | permitted | 10 U.S.C. § 284(b)(7)  |
      | TR   | permitted | 10 U.S.C. § 284(b)(5)  |
      | BO   | permitted | 10 U.S.C. § 284(b)(4)  |

  Scenario: Hurricane relief is not counterdrug support and never cites § 284
    Given the scenario:
      """
      scenario: Relief flights after a hurricane
      as_of: 2024-10-01
      locations:
        - {id: asheville, kind: interior}
      forces:
        - {id: aviation, component: army, status: title_10}
      tasks:
        - {id: AIR, force: aviation, activity: aviation_support, location: asheville, purpose: disaster_response}
      """
    Then the decision does not cite "10 U.S.C. § 284(b)(3)"

  Scenario: Support whose purpose is not stated is conditional on the counterdrug purpose § 284 needs
    Given a force "crews" of the Army in Title 10 status
    When "crews" is tasked with "ground reconnaissance" in the border zone on 2025-03-01
    Then the task is conditional
    And the deciding rule is "support.ch15.284b10-reconnaissance"
    And the conditions include "counterdrug activities"

  Scenario: Proclamation 10886 concerns the southern border, not support far from it
    Given a force "marines" of the Marine Corps in Title 10 status
    When "marines" is tasked with "logistics" in the interior on 2025-06-10
    And the task supports ICE
    Then the task is permitted
    And the decision does not cite "Proclamation 10886 § 1"
    And the deciding rule is "support.passive.administrative-logistic"

  Scenario: Proclamation 10886 directs barrier construction at the southern border
    Given a force "pendleton-marines" of the Marine Corps
    When "pendleton-marines" is tasked with "barrier construction" in the border zone on 2025-01-22
    Then the task is permitted
    And the deciding rule is "support.border.proclamation-10886-barriers"
    And the decision cites "10 U.S.C. § 2808"

  Scenario: Before Proclamation 10886, § 1059 let DoD assist CBP in securing the southern border
    Given a force "faithful-patriot" of the Army in Title 10 status
    When "faithful-patriot" is tasked with "medical support" in the border zone on 2018-11-02
    And the task supports CBP
    Then the task is permitted
    And the deciding rule is "support.fy2016-ndaa-1059"
    And the decision cites "Pub. L. 114-92 § 1059"
    And the decision does not cite "Proclamation 10886 § 1"

  Scenario: Chapter 15 support before the 2016 renumbering cites the old chapter 18 sections
    Given a force "trainers" of the Army in Title 10 status
    When "trainers" is tasked with "training" in the interior on 2010-04-01
    Then the task is permitted
    And the deciding rule is "support.ch18.373-training-advice"
    And the decision cites "10 U.S.C. § 373"
    And the decision does not cite "10 U.S.C. § 273"
    And the decision does not cite "10 U.S.C. § 284(b)(5)"

  Scenario Outline: Detection and monitoring at the <place> lies within the 25-mile limits of § 274(b)(2)
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "detection and monitoring" <where> on 2025-01-22
    Then the task is permitted
    And the deciding rule is "support.ch15.274b-detection-monitoring-border"
    And the decision overrides the rule "support.ch15.274b-detection-monitoring"

    Examples:
      | place          | where                  |
      | border         | in the border zone     |
      | port of entry  | at the port of entry   |
      | territorial sea | on the territorial sea |
      | high seas      | on the high seas       |

  Scenario: Detection and monitoring deep inside the country is allowed only within the statutory limits
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "detection and monitoring" in the interior on 2025-01-22
    Then the task is conditional
    And the decision cites "10 U.S.C. § 274(b)"
    And the conditions include "not more than 25 miles"

  Scenario Outline: Before the 2016 renumbering, <activity> <where> in <date> rested on § 374(b)
    Given a force "jtf-6" of the Army in Title 10 status
    When "jtf-6" is tasked with "<activity>" <where> on <date>
    Then the task is <verdict>
    And the decision cites "10 U.S.C. § 374(b)"
    And the decision does not cite "10 U.S.C. § 284(b)(6)"

    Examples:
      | activity                 | where              | date       | verdict     |
      | detection and monitoring | in the border zone | 1985-06-01 | permitted   |
      | detection and monitoring | in the border zone | 2010-06-01 | permitted   |
      | detection and monitoring | in the interior    | 2010-06-01 | conditional |
      | aircraft intercept       | in the border zone | 2010-06-01 | permitted   |

  Scenario: From 1989 § 124 made DoD the lead agency for detecting drug traffic
    Given the scenario:
      """
      scenario: JTF-6 counterdrug detection, 1995
      as_of: 1995-06-01
      forces:
        - {id: jtf-6, component: army, status: title_10}
      tasks:
        - {id: CD, force: jtf-6, activity: detection_and_monitoring, location: territorial_sea, purpose: counterdrug}
        - {id: ANY, force: jtf-6, activity: detection_and_monitoring, location: territorial_sea}
      """
    Then the verdicts are:
      | task | verdict   | rule                                   | cites              |
      | CD   | permitted | support.ch18.124-detection-monitoring  | 10 U.S.C. § 124    |
      | ANY  | permitted | support.ch18.374b-detection-monitoring | 10 U.S.C. § 374(b) |
    And task "ANY" is permitted
    And the decision does not cite "10 U.S.C. § 124"

  Scenario: Support under § 284 carries every duty of chapter 15
    Given the scenario:
      """
      scenario: Counterdrug maintenance
      as_of: 2025-01-22
      forces:
        - {id: mechanics, component: army, status: title_10}
      tasks:
        - {id: M, force: mechanics, activity: vehicle_maintenance, location: border_zone, purpose: counterdrug}
      """
    Then task "M" is permitted
    And the obligations include "obligation.sec275-no-direct-participation"
    And the obligations include "10 U.S.C. § 276"
    And the obligations include "10 U.S.C. § 277"
    And the obligations include "10 U.S.C. § 284(h)"

  Scenario: Hurricane relief under the Stafford Act carries none of the duties of law-enforcement support
    Sections 275-277 of title 10 bind support "under this chapter" of civilian law enforcement:
    § 277(a) makes "a civilian law enforcement agency to which support is provided under this
    chapter" reimburse DoD, and § 284(h) notice covers support under § 284. Relief that FEMA
    assigns under a major disaster declaration rests on the Stafford Act (42 U.S.C. § 5170a,
    § 5170b), not on chapter 15: rescuing people, clearing debris, evacuating, carrying supplies
    and giving medical care for FEMA carry none of those duties.
    Given the scenario:
      """
      scenario: Title 10 relief after Hurricane Helene, October 2024
      as_of: 2024-10-05
      locations:
        - {id: valley, kind: interior}
      forces:
        - {id: xviii-airborne, component: army, status: title_10}
      events:
        - {id: dr-4827-nc, kind: disaster_declaration, declaration: major_disaster, date: 2024-09-28, areas: [valley]}
      tasks:
        - {id: SAR, force: xviii-airborne, activity: search_and_rescue, location: valley, supports: fema}
        - {id: DEB, force: xviii-airborne, activity: debris_removal, location: valley, supports: fema}
        - {id: EVAC, force: xviii-airborne, activity: evacuation, location: valley, supports: fema}
        - {id: MOVE, force: xviii-airborne, activity: transportation, location: valley, supports: fema}
        - {id: MED, force: xviii-airborne, activity: medical_support, location: valley, supports: fema}
      """
    Then the verdicts are:
      | task | verdict   | rule                          |
      | SAR  | permitted | disaster.major-disaster-fema  |
      | DEB  | permitted | disaster.major-disaster-fema  |
      | EVAC | permitted | disaster.major-disaster-fema  |
      | MOVE | permitted | disaster.major-disaster-fema  |
      | MED  | permitted | disaster.major-disaster-fema  |
    And task "SAR" is permitted
    And there are no obligations
    And task "DEB" is permitted
    And there are no obligations
    And task "EVAC" is permitted
    And there are no obligations
    And task "MOVE" is permitted
    And there are no obligations
    And task "MED" is permitted
    And there are no obligations

  Scenario: The same transport and medical care for Border Patrol is law-enforcement support and carries its duties
    Given the scenario:
      """
      scenario: Transport and medical support to CBP, March 2025
      as_of: 2025-03-01
      locations:
        - {id: sector, kind: border_zone}
      forces:
        - {id: jtf, component: army, status: title_10}
      tasks:
        - {id: MOVE, force: jtf, activity: transportation, location: sector, supports: cbp}
        - {id: MED, force: jtf, activity: medical_support, location: sector, supports: cbp}
      """
    Then task "MOVE" is permitted
    And the obligations include "obligation.sec275-no-direct-participation-agency"
    And the obligations include "10 U.S.C. § 276"
    And the obligations include "10 U.S.C. § 277"
    And task "MED" is permitted
    And the obligations include "obligation.sec277-reimbursement-agency"

  Scenario: Space Force operators of communications equipment for CBP are bound by DoD policy, not § 275
    Given a force "guardians" of the Space Force in Title 10 status
    When "guardians" is tasked with "communications support" in the border zone on 2025-03-01
    And the task supports CBP
    Then the task is permitted
    And the deciding rule is "support.ch15.274b-operate-equipment"
    And the obligations include "obligation.dodi-no-direct-participation-agency"

  Scenario: A Navy ship carrying a Coast Guard law enforcement detachment gives chapter 15 support and carries its duties
    10 U.S.C. § 279 assigns Coast Guard detachments to naval vessels; the detachment boards,
    searches and arrests with Coast Guard powers, and § 275 keeps the Navy crew out of it.
    Given a force "destroyer" of the Navy in Title 10 status
    When "destroyer" is tasked with "transportation" on the high seas on 2025-03-01
    Then the task is permitted
    And the deciding rule is "support.ch15.279-ledet-platform"
    And the obligations include "obligation.sec275-no-direct-participation-ledet"
    And the obligations include "obligation.sec276-readiness-ledet"
    And the obligations include "obligation.sec277-reimbursement-ledet"

  Scenario: Duties attach to allowed support, never to a forbidden task
    Given a force "mechanics" of the Army in Title 10 status
    When "mechanics" is tasked with "seizure" in the border zone on 2025-01-22
    Then the task is prohibited
    And there are no obligations

  Scenario: Military intelligence analysts may share what they find in the normal course of operations
    Given a force "analysts" of the Army in Title 10 status
    When "analysts" is tasked with "information sharing" in the border zone on 2025-02-15
    And the task supports CBP
    Then the task is permitted
    And the deciding rule is "support.ch15.271-information-sharing"

  Scenario: Support becomes forbidden the moment troops stop a vehicle themselves
    Given a force "jtf-north" of the Army in Title 10 status
    When these tasks are assigned:
      | task | force     | activity                 | place       | date       | supports |
      | D1   | jtf-north | detection_and_monitoring | border zone | 2025-01-22 | cbp      |
      | D2   | jtf-north | interdiction             | border zone | 2025-01-22 | cbp      |
      | D3   | jtf-north | stop_and_frisk           | border zone | 2025-01-22 | cbp      |
    Then the verdicts are:
      | task | verdict    | rule                                           |
      | D1   | permitted  | support.ch15.274b-detection-monitoring-border  |
      | D2   | prohibited | pca.army                                       |
      | D3   | prohibited | pca.army                                       |

  Scenario: An aircraft first detected outside the United States may be pursued over land to a handover
    10 U.S.C. § 124(b)(2): "In cases in which a vessel or an aircraft is detected outside the
    land area of the United States, Department of Defense personnel may begin or continue
    pursuit of that vessel or aircraft over the land area of the United States"; § 274(b)(3)
    says the same for equipment operated at a federal law-enforcement agency's request. That is
    an Act of Congress, so such a pursuit is not a prohibited pursuit of individuals, but it
    covers only craft first detected outside, up to the handover to civilian officers.
    Given the scenario:
      """
      scenario: Tracking a smuggling aircraft inland
      as_of: 2025-03-01
      locations:
        - {id: west-texas, kind: interior}
      forces:
        - {id: awacs, component: air_force, status: title_10}
      tasks:
        - {id: CD, force: awacs, activity: pursuit, location: west-texas, supports: cbp, purpose: counterdrug}
        - {id: LE, force: awacs, activity: pursuit, location: west-texas, supports: cbp, purpose: law_enforcement_support}
        - {id: NP, force: awacs, activity: pursuit, location: west-texas, supports: cbp}
        - {id: TR, force: awacs, activity: pursuit, location: west-texas, purpose: training}
      """
    Then the verdicts are:
      | task | verdict     | rule                         | cites                  |
      | CD   | conditional | pursuit.124     | 10 U.S.C. § 124(b)(2)  |
      | LE   | conditional | pursuit.274b3   | 10 U.S.C. § 274(b)(3)  |
      | NP   | conditional | pursuit.124     | 10 U.S.C. § 124(b)(2)  |
      | TR   | prohibited  | pca.air-force                | 18 U.S.C. § 1385       |
    And task "CD" is conditional
    And the conditions include "first detected outside the land area"
    And the conditions include "handover"

  Scenario: Before the 2016 renumbering the pursuit power was § 374(b)(3)
    Given the scenario:
      """
      scenario: Tracking a smuggling aircraft inland, 2010
      as_of: 2010-03-01
      forces:
        - {id: awacs, component: air_force, status: title_10}
      tasks:
        - {id: P, force: awacs, activity: pursuit, location: interior, purpose: law_enforcement_support}
      """
    Then task "P" is conditional
    And the decision cites "10 U.S.C. § 374(b)(3)"
    And the decision does not cite "10 U.S.C. § 274(b)(3)"

  Scenario: Troops may carry detainees for a counterdrug agency only while its officers keep custody
    Given the scenario:
      """
      scenario: Moving detainees for the DEA
      as_of: 2024-06-01
      forces:
        - {id: aviation, component: army, status: title_10}
      tasks:
        - {id: MOVE, force: aviation, activity: transport_detainees, location: interior, supports: dea, purpose: counterdrug}
      """
    Then task "MOVE" is conditional
    And the deciding rule is "support.transport-detainees-civilian-custody"
    And the conditions include "keep custody"

  Scenario: After the 2016 renumbering support is cited by its chapter 15 number only
    Given a force "mechanics" of the Army in Title 10 status
    When "mechanics" is tasked with "vehicle maintenance" in the interior on 2025-01-22
    Then the task is permitted
    And the decision cites "10 U.S.C. § 274(a)"
    And the decision does not cite "10 U.S.C. § 374"
    And the obligations include "10 U.S.C. § 275"

  Scenario Outline: Before the 2016 renumbering chapter 18 is cited: <activity> in 2010
    Given a force "jtf-6" of the Army in Title 10 status
    When "jtf-6" is tasked with "<activity>" in the border zone on 2010-06-01
    And the task supports CBP
    Then the task is permitted
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"
    And the obligations include "10 U.S.C. § 375"
    And the obligations include "10 U.S.C. § 376"
    And the obligations include "10 U.S.C. § 377"

    Examples:
      | activity              | rule                                  | cites           |
      | information sharing   | support.ch18.371-information-sharing  | 10 U.S.C. § 371 |
      | equipment loan        | support.ch18.372-equipment-facilities | 10 U.S.C. § 372 |
      | vehicle maintenance   | support.ch18.374a-maintenance         | 10 U.S.C. § 374 |
      | communications support | support.ch18.374b-operate-equipment  | 10 U.S.C. § 374 |
