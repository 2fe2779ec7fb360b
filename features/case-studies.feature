Feature: Case studies: whole deployments, written as scenario files
  A whole scenario file can be pasted into a feature as a text block and checked as it
  stands, then read task by task. These cases come from the record in the legal brief:
  Joint Task Force-North at the southern border in January 2025, Operation Faithful Patriot
  in November 2018, and Joint Task Force Los Angeles under the Insurrection Act in May 1992.
  Each shows the same line: support is allowed (10 U.S.C. §§ 271-274; § 284 where the purpose
  is counterdrug; FY2016 NDAA § 1059; Proclamation 10886 at the border), direct law enforcement
  is not (18 U.S.C. § 1385), unless an exception such as a properly invoked Insurrection Act
  (then 10 U.S.C. § 331) lifts the bar. The Texas Guard on State Active Duty is outside the Act
  but may arrest only with the powers Texas law gives it.

  Scenario: JTF-North and the January 2025 border surge
    Given the scenario:
      """
      scenario: JTF-North support to CBP, January 2025
      as_of: 2025-01-22
      locations:
        - {id: el-paso-sector, kind: border_zone}
      forces:
        - {id: jtf-north, component: army, status: title_10, personnel: 2200}
        - {id: pendleton-marines, component: marine_corps, status: title_10, personnel: 500}
        - {id: tx-guard-lone-star, component: national_guard, status: state_active_duty}
      events:
        - {id: procl-10886, kind: decision_window, authority: insurrection_act,
           opened: 2025-01-20, days: 90, decided: null, outcome: null}
      tasks:
        - {id: T1, force: jtf-north, activity: data_entry, location: el-paso-sector, supports: cbp}
        - {id: T2, force: jtf-north, activity: detection_and_monitoring, location: el-paso-sector}
        - {id: T3, force: jtf-north, activity: vehicle_maintenance, location: el-paso-sector}
        - {id: T4, force: pendleton-marines, activity: barrier_construction, location: el-paso-sector}
        - {id: T5, force: jtf-north, activity: intelligence_analysis, location: el-paso-sector, us_persons: false}
        - {id: T9, force: jtf-north, activity: arrest, location: el-paso-sector, supports: cbp}
        - {id: T10, force: pendleton-marines, activity: search, location: el-paso-sector}
        - {id: T11, force: jtf-north, activity: intelligence_analysis, location: el-paso-sector, us_persons: true}
        - {id: T13, force: jtf-north, activity: intelligence_analysis, location: el-paso-sector, us_persons: true, purpose: law_enforcement_support}
        - {id: T12, force: tx-guard-lone-star, activity: arrest, location: el-paso-sector}
      """
    Then the verdicts are:
      | task | verdict    | cites                                                  |
      | T1   | permitted  | Proclamation 10886 § 1                                 |
      | T2   | permitted  | 10 U.S.C. § 274(b)                                     |
      | T3   | permitted  | 10 U.S.C. § 274(a)                                     |
      | T4   | permitted  | Proclamation 10886 § 2                                 |
      | T5   | permitted  | DoDM 5240.01                                           |
      | T9   | prohibited | 18 U.S.C. § 1385                                       |
      | T10  | prohibited | 18 U.S.C. § 1385                                       |
      | T11  | conditional | DoDM 5240.01                                          |
      | T13  | prohibited | DoDM 5240.01                                           |
      | T12  | conditional | Gilbert v. United States, 165 F.3d 470 (6th Cir. 1999) |
    And the window is open with 88 days remaining

  Scenario: Operation Faithful Patriot, November 2018
    Given the scenario:
      """
      scenario: Operation Faithful Patriot
      as_of: 2018-11-02
      forces:
        - {id: engineers, component: army, status: title_10}
        - {id: aviation, component: army, status: title_10}
        - {id: mps, component: army, status: title_10}
      tasks:
        - {id: wire, force: engineers, activity: barrier_construction, location: border_zone, supports: cbp}
        - {id: lift, force: aviation, activity: aviation_support, location: border_zone, supports: cbp}
        - {id: medics, force: mps, activity: medical_support, location: border_zone, supports: cbp}
        - {id: stop, force: mps, activity: apprehension, location: border_zone, supports: cbp}
      """
    Then the verdicts are:
      | task   | verdict    | cites                 |
      | wire   | conditional | 10 U.S.C. § 284(b)(7) |
      | lift   | permitted  | Pub. L. 114-92 § 1059 |
      | medics | permitted  | Pub. L. 114-92 § 1059 |
      | stop   | prohibited | 18 U.S.C. § 1385      |
    And task "medics" is permitted
    And the decision does not cite "Proclamation 10886 § 1"
    And task "wire" is conditional
    And the conditions include "counterdrug"

  Scenario: Joint Task Force Los Angeles, May 1992
    Given the scenario:
      """
      scenario: Los Angeles riots, May 1992
      as_of: 1992-05-02
      locations:
        - {id: los-angeles, kind: interior}
      forces:
        - {id: ca-guard, component: national_guard, status: title_10}
        - {id: army-7id, component: army, status: title_10}
        - {id: marines-1mardiv, component: marine_corps, status: title_10}
      events:
        - id: ia-1992
          kind: insurrection_act
          section: 251
          invoked: 1992-05-01
          proclamation: 1992-05-01
          request: {by: governor, date: 1992-05-01}
          areas: [los-angeles]
      circumstances:
        insurrection_against_state: true
        state_request: {by: governor}
      tasks:
        - {id: LA1, force: ca-guard, activity: arrest, location: los-angeles}
        - {id: LA2, force: ca-guard, activity: curfew_enforcement, location: los-angeles}
        - {id: LA3, force: army-7id, activity: checkpoint_operation, location: los-angeles, date: 1992-05-03}
        - {id: LA4, force: marines-1mardiv, activity: crowd_control, location: los-angeles, date: 1992-05-03}
        - {id: LA6, force: army-7id, activity: arrest, location: los-angeles, date: 1992-04-30}
      """
    Then the verdicts are:
      | task | verdict    | rule                                 | cites           |
      | LA1  | permitted  | insurrection-act.331                 | 10 U.S.C. § 331 |
      | LA2  | permitted  | insurrection-act.331                 | 10 U.S.C. § 334 |
      | LA3  | permitted  | insurrection-act.331                 | 10 U.S.C. § 331 |
      | LA4  | permitted  | insurrection-act.331                 | 10 U.S.C. § 331 |
      | LA6  | prohibited | pca.army                             | 18 U.S.C. § 1385 |
    And section 251 of the Insurrection Act still needs "legislature cannot be convened"

  Scenario: A scenario written in a feature may be extended with further steps
    Given the scenario:
      """
      scenario: Border support with a later task
      as_of: 2025-02-01
      forces:
        - {id: jtf-north, component: army, status: title_10}
      tasks:
        - {id: T1, force: jtf-north, activity: logistics, location: border_zone}
      """
    When "jtf-north" is tasked with "stop and frisk" in the border zone on 2025-02-01
    Then task "T1" is permitted
    And task "T2" is prohibited

  Scenario: A scenario with a word the rulebook does not know is rejected
    Given the scenario:
      """
      scenario: A typing mistake
      as_of: 2025-02-01
      forces:
        - {id: jtf-north, component: army, status: title_10}
      tasks:
        - {id: T1, force: jtf-north, activity: arest, location: border_zone}
      """
    Then the scenario is rejected with "unknown-activity"
