Feature: The Posse Comitatus Act and the bar on direct law enforcement
  Whoever, except where the Constitution or an Act of Congress expressly authorizes it,
  willfully uses any part of the Army, the Navy, the Marine Corps, the Air Force or the Space
  Force "as a posse comitatus or otherwise to execute the laws" commits a crime
  (18 U.S.C. § 1385). The Act named the Army from 1878 and the Air Force from 1956; the
  National Defense Authorization Act for FY2022 (Pub. L. 117-81) added the Navy, the Marine
  Corps and the Space Force on December 27, 2021. Before that date the Navy and Marine Corps
  were barred by 10 U.S.C. § 275 (formerly § 375) and DoD policy, and the Space Force by DoD
  policy alone (DoDI 3025.21, published as 32 C.F.R. part 182 from 2013 until its removal on
  April 5, 2018), which also binds DoD civilian employees. 10 U.S.C. § 275 names the Army,
  Navy, Air Force and Marine Corps, not the Space Force. Direct law enforcement is searching, seizing, arresting, stopping,
  interrogating, surveilling or pursuing civilians, and military power that is "regulatory,
  proscriptive, or compulsory" over them (Red Feather; McArthur; Bissonette v. Haig).

  Scenario Outline: The Army may not <activity> for civilian law enforcement
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "<activity>" in the border zone on 2025-01-22
    Then the task is prohibited
    And the decision cites "18 U.S.C. § 1385"
    And the reasons include the rule "pca.army"
    And there are no obligations

    Examples: every activity of direct law enforcement
      | activity                         |
      | arrest                           |
      | apprehension                     |
      | detention                        |
      | stop_and_frisk                   |
      | search                           |
      | seizure                          |
      | interdiction                     |
      | interrogation                    |
      | investigation                    |
      | surveillance_of_individuals      |
      | undercover                       |
      | evidence_collection              |
      | forensic_testing                 |
      | crowd_control                    |
      | traffic_control                  |
      | checkpoint_operation             |
      | perimeter_security               |
      | use_of_force_to_compel           |
      | guard_detainees                  |
      | detain_trespasser                |
      | curfew_enforcement               |
      | quarantine_enforcement           |

  Scenario: Pursuing people and collecting intelligence on them for the police is executing the laws
    A pursuit is lawful only of a vessel or aircraft first detected outside the United States
    (10 U.S.C. § 124(b)(2)), and intelligence collection only for an authorised foreign
    intelligence or counterintelligence purpose (Executive Order 12333); done to support
    civilian law enforcement against people on the ground, both are barred.
    Given the scenario:
      """
      scenario: Pursuit and collection for the police
      as_of: 2025-01-22
      forces:
        - {id: jtf-north, component: army, status: title_10}
      tasks:
        - {id: P, force: jtf-north, activity: pursuit, location: border_zone, purpose: training}
        - {id: I, force: jtf-north, activity: us_person_intelligence_collection, location: border_zone, purpose: law_enforcement_support}
      """
    Then the verdicts are:
      | task | verdict    | cites            |
      | P    | prohibited | 18 U.S.C. § 1385 |
      | I    | prohibited | 18 U.S.C. § 1385 |

  Scenario Outline: The Act binds every armed force in federal service: <component>
    Given a force "unit" of the <component> in Title 10 status
    When "unit" is tasked with "arrest" in the interior on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "<rule>"
    And the decision cites "18 U.S.C. § 1385"

    Examples:
      | component      | rule                              |
      | Army           | pca.army                          |
      | Air Force      | pca.air-force                     |
      | Navy           | pca.navy-marine-corps-space-force |
      | Marine Corps   | pca.navy-marine-corps-space-force |
      | Space Force    | pca.navy-marine-corps-space-force |
      | National Guard | pca.national-guard-federalized    |

  Scenario: The Air Force is named in the Act from 1956
    Given a force "wing" of the Air Force
    When "wing" is tasked with "search" in the interior on 1956-08-10
    Then the task is prohibited
    And the deciding rule is "pca.air-force"

  Scenario Outline: Before December 27, 2021 the <component> was barred from <activity> by statute and policy, not by the Act (<date>)
    Given a force "unit" of the <component>
    When "unit" is tasked with "<activity>" at the port of entry on <date>
    Then the task is prohibited
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"
    And the decision does not cite "18 U.S.C. § 1385"

    Examples: the Navy and Marine Corps under 10 U.S.C. § 275 and DoD policy
      | component    | activity | date       | rule                                | cites           |
      | Navy         | arrest   | 1983-06-01 | sec275.navy-marine-corps-1981        | 10 U.S.C. § 375 |
      | Navy         | arrest   | 1990-06-01 | sec275.navy-marine-corps-dodd-5525-5 | 10 U.S.C. § 375 |
      | Marine Corps | search   | 1992-05-02 | sec275.navy-marine-corps-dodd-5525-5 | DoDD 5525.5     |
      | Navy         | search   | 2015-03-01 | sec275.navy-marine-corps-sec-375    | 10 U.S.C. § 375 |
      | Navy         | seizure  | 2021-12-26 | sec275.navy-marine-corps            | 10 U.S.C. § 275 |
      | Marine Corps | arrest   | 2018-11-02 | sec275.navy-marine-corps            | 10 U.S.C. § 275 |
      | Marine Corps | stop_and_frisk | 2021-12-26 | sec275.navy-marine-corps      | DoDI 3025.21    |

    Examples: the Space Force under DoD policy alone
      | component    | activity      | date       | rule                          | cites                          |
      | Space Force  | arrest        | 2020-06-01 | dodi.space-force              | DoDI 3025.21                   |
      | Space Force  | investigation | 2021-12-26 | dodi.space-force              | DoDI 3025.21                   |
      | Space Force  | crowd_control | 2021-06-01 | dodi.space-force-expanded-list | DoDI 3025.21                  |
      | Space Force  | checkpoint_operation | 2021-12-26 | dodi.space-force-expanded-list | DoDI 3025.21          |

  Scenario Outline: From December 27, 2021 the Act itself bars the <component> from <activity> (<date>)
    Given a force "unit" of the <component>
    When "unit" is tasked with "<activity>" at the port of entry on <date>
    Then the task is prohibited
    And the deciding rule is "pca.navy-marine-corps-space-force"
    And the decision cites "18 U.S.C. § 1385"

    Examples:
      | component    | activity      | date       |
      | Navy         | seizure       | 2021-12-27 |
      | Marine Corps | stop_and_frisk | 2021-12-27 |
      | Marine Corps | search        | 2025-01-22 |
      | Space Force  | arrest        | 2021-12-27 |
      | Space Force  | crowd_control | 2021-12-27 |

  Scenario Outline: DoD policy binds DoD civilian employees: <activity> on <date>
    Given a force "civilians" of the DoD civilian
    When "civilians" is tasked with "<activity>" in the interior on <date>
    Then the task is prohibited
    And the deciding rule is "<rule>"
    And the decision cites "DoDI 3025.21"
    And the decision does not cite "18 U.S.C. § 1385"

    Examples:
      | activity        | date       | rule                             |
      | arrest          | 2014-05-01 | dodi.dod-civilians               |
      | interrogation   | 2025-01-22 | dodi.dod-civilians               |
      | surveillance_of_individuals | 2025-01-22 | dodi.dod-civilians        |
      | crowd_control   | 2019-02-08 | dodi.dod-civilians-expanded-list |
      | forensic_testing | 2025-01-22 | dodi.dod-civilians-expanded-list |

  Scenario Outline: "<word>" is refused, not read as a narrower or different task
    DoD policy bars "surveillance or pursuit of individuals" (DoDI 3025.21, Encl. 3); watching an
    area or a crossing is detection and monitoring or reconnaissance, support that 10 U.S.C.
    §§ 274 and 284 allow. Interviewing or canvassing witnesses is listed apart from acting as
    interrogators or investigators (DoDI 3025.21 as changed in 2019). A word that could mean
    either is refused, so that the planner says which task is meant.
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "<word>" in the border zone on 2025-01-22
    Then the scenario is rejected with "unknown-activity"

    Examples:
      | word         |
      | surveillance |
      | interview    |
      | canvassing   |

  Scenario: The specific words are decided as the law decides them
    Given a force "jtf-north" of the Army in Title 10 status
    When these tasks are assigned:
      | task     | force     | activity                    | place       | date       |
      | PEOPLE   | jtf-north | surveillance_of_individuals | border zone | 2025-01-22 |
      | QUESTION | jtf-north | interrogation               | border zone | 2025-01-22 |
      | INQUIRY  | jtf-north | investigation               | border zone | 2025-01-22 |
    Then the verdicts are:
      | task     | verdict    | rule     |
      | PEOPLE   | prohibited | pca.army |
      | QUESTION | prohibited | pca.army |
      | INQUIRY  | prohibited | pca.army |

  Scenario Outline: Nothing cites 32 C.F.R. part 182 after its removal on April 5, 2018 (<component>, <date>)
    Given a force "unit" of the <component>
    When "unit" is tasked with "arrest" in the interior on <date>
    Then the task is prohibited
    And the decision cites "<cites>"
    And the decision does not cite "32 C.F.R. § 182.6(a)(1)(iii)"
    And the decision does not cite "32 C.F.R. § 182.2(e)"
    And the decision does not cite "32 C.F.R. § 182.4(c)"

    Examples:
      | component    | date       | cites           |
      | Space Force  | 2020-06-01 | DoDI 3025.21    |
      | DoD civilian | 2025-01-22 | DoDI 3025.21    |
      | Navy         | 2019-06-01 | 10 U.S.C. § 275 |

  Scenario Outline: 10 U.S.C. § 275 does not name the Space Force, so it is not cited for it (<date>)
    Given a force "guardians" of the Space Force
    When "guardians" is tasked with "search" in the interior on <date>
    Then the task is prohibited
    And the decision cites "<cites>"
    And the decision does not cite "10 U.S.C. § 275"

    Examples:
      | date       | cites            |
      | 2020-06-01 | DoDI 3025.21     |
      | 2025-06-01 | 18 U.S.C. § 1385 |

  Scenario: The Navy's bar before the 2016 renumbering is cited as § 375, after it as § 275
    Given a force "ncis" of the Navy
    When these tasks are assigned:
      | task | force | activity | place    | date       |
      | OLD  | ncis  | search   | interior | 2015-03-01 |
      | NEW  | ncis  | search   | interior | 2017-03-01 |
    Then the verdicts are:
      | task | verdict    | rule                             | cites           |
      | OLD  | prohibited | sec275.navy-marine-corps-sec-375 | 10 U.S.C. § 375 |
      | NEW  | prohibited | sec275.navy-marine-corps         | 10 U.S.C. § 275 |
    And task "OLD" is prohibited
    And the decision does not cite "10 U.S.C. § 275"

  Scenario: From 1986 to 2013 DoD Directive 5525.5 bound DoD civilian employees
    Given a force "ncis-agents" of the DoD civilian
    When "ncis-agents" is tasked with "investigation" in the interior on 2000-06-01
    Then the task is prohibited
    And the deciding rule is "dodi.dod-civilians-dodd-5525-5"
    And the decision cites "DoDD 5525.5"

  Scenario: DoD civilian employees may do the paperwork
    Given a force "civilians" of the DoD civilian
    When "civilians" is tasked with "data entry" in the border zone on 2025-01-22
    Then the task is permitted

  Scenario: Passive support is not executing the laws
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "medical support" in the interior on 2010-06-01
    Then the task is permitted
    And the deciding rule is "support.passive.administrative-logistic"
    And the decision cites "United States v. Red Feather, 392 F. Supp. 916 (D.S.D. 1975)"

  Scenario: A forbidden task names the exceptions that would permit it
    Given a force "jtf-north" of the Army in Title 10 status
    When "jtf-north" is tasked with "arrest" in the border zone on 2025-01-22
    And the task supports FBI
    Then the task is prohibited
    And the remedies include "insurrection-act.252"
    And the remedy "insurrection-act.252" still requires "§ 254 proclamation"
    And the remedies include "18 U.S.C. § 1751(i)"

  Scenario: The same troops, one task allowed and one forbidden
    Given a force "jtf-north" of the Army in Title 10 status
    When these tasks are assigned:
      | task | force     | activity            | place      | date       |
      | T1   | jtf-north | vehicle_maintenance | border zone | 2025-01-22 |
      | T2   | jtf-north | arrest              | border zone | 2025-01-22 |
    Then the verdicts are:
      | task | verdict    | rule     |
      | T1   | permitted  |          |
      | T2   | prohibited | pca.army |

  Scenario: A detention whose place is not stated is conditional on where it happens
    Detaining a person is direct law enforcement, but some places bring an exception: a
    military installation or National Defense Area for a military purpose, DoD property for
    personnel designated under 10 U.S.C. § 2672, Yellowstone on the Interior Secretary's request
    (16 U.S.C. § 23). A task that does not say where the detention happens is lawful only if
    that place brings one; a task that says where is decided by that place's rules.
    Given a force "mps" of the Army in Title 10 status
    When these tasks are assigned:
      | task    | force | activity          | place    | date       |
      | NOWHERE | mps   | detention         |          | 2025-06-05 |
      | TOWN    | mps   | detention         | interior | 2025-06-05 |
      | HOLD    | mps   | detain_trespasser |          | 2025-06-05 |
    Then the verdicts are:
      | task    | verdict     | rule                             |
      | NOWHERE | conditional | pca.detention-place-unstated     |
      | TOWN    | prohibited  | pca.detention-at-a-stated-place  |
      | HOLD    | conditional | pca.detention-place-unstated     |
    And task "NOWHERE" is conditional
    And the conditions include "military installation"
    And task "TOWN" is prohibited
    And the reasons include the rule "pca.army"
    And the decision cites "18 U.S.C. § 1385"

  Scenario: The duty not to take part directly rests on § 275 for the Marine Corps, on DoD policy for the Space Force
    Given these forces:
      | force     | component    | status   |
      | guardians | space_force  | title_10 |
      | marines   | marine_corps | title_10 |
    When these tasks are assigned:
      | task | force     | activity  | place    | date       |
      | SF   | guardians | logistics | interior | 2025-03-01 |
      | MC   | marines   | logistics | interior | 2025-03-01 |
    Then task "SF" is permitted
    And the obligations include "obligation.dodi-no-direct-participation"
    And task "MC" is permitted
    And the obligations include "obligation.sec275-no-direct-participation"
