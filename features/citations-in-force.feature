Feature: A decision cites the law by the number in force on the task's date
  Statutes are renumbered and regulations removed, and a lawyer cites what was law on the day.
  Title 14 was reorganised by the Frank LoBiondo Coast Guard Authorization Act of 2018
  (Pub. L. 115-282, approved December 4, 2018): the Coast Guard's law-enforcement power,
  14 U.S.C. § 89, became § 522; its status as an armed force "at all times", § 1, became
  § 101; its operation as a service in the Navy, § 3, became § 103. Title 10's chapter 18
  (§§ 371-382) became chapter 15 (§§ 271-284) on December 23, 2016 (Pub. L. 114-328).
  32 C.F.R. part 182 (defense support of civilian law enforcement) was removed with effect
  from April 5, 2018 (83 Fed. Reg. 14588); DoDI 3025.21 carries its text. DoD Directive
  5525.5 was cancelled by DoDI 3025.21 on February 27, 2013.

  Scenario: The Coast Guard's power is § 89 before December 4, 2018 and § 522 from that day
    Given the scenario:
      """
      scenario: Coast Guard boardings either side of the renumbering
      as_of: 2018-12-04
      forces:
        - {id: cutter, component: coast_guard, status: title_14}
      tasks:
        - {id: SEA-OLD, force: cutter, activity: search, location: high_seas, date: 2018-12-03}
        - {id: SEA-NEW, force: cutter, activity: search, location: high_seas, date: 2018-12-04}
        - {id: ANY-OLD, force: cutter, activity: arrest, date: 2010-06-01}
        - {id: LAND-OLD, force: cutter, activity: arrest, location: interior, date: 2010-06-01}
        - {id: HELP-OLD, force: cutter, activity: logistics, location: interior, date: 2010-06-01}
      """
    Then the verdicts are:
      | task     | verdict     | rule                                                 | cites           |
      | SEA-OLD  | permitted   | status.coast-guard-maritime-law-enforcement-pre-2018 | 14 U.S.C. § 89  |
      | SEA-NEW  | permitted   | status.coast-guard-maritime-law-enforcement          | 14 U.S.C. § 522 |
      | ANY-OLD  | permitted   | status.coast-guard-law-enforcement-pre-2018          | 14 U.S.C. § 1   |
      | LAND-OLD | conditional | status.coast-guard-ashore-pre-2018                   | 14 U.S.C. § 89  |
      | HELP-OLD | permitted   | status.coast-guard-support-pre-2018                  | 14 U.S.C. § 89  |
    And task "SEA-OLD" is permitted
    And the decision does not cite "14 U.S.C. § 522"
    And task "SEA-NEW" is permitted
    And the decision does not cite "14 U.S.C. § 89"

  Scenario: The Coast Guard serving in the Navy in 2010 is read under former § 3
    Given a force "cutter" of the Coast Guard in Title 10 status
    When "cutter" is tasked with "arrest" at the port of entry on 2010-06-01
    Then the task is contested
    And the deciding rule is "status.coast-guard-in-navy-pre-2018"
    And the readings include one citing "14 U.S.C. § 3"
    And the decision does not cite "14 U.S.C. § 103"

  Scenario: The Coast Guard serving in the Navy ashore in 2010 is read under former §§ 3 and 89
    Given a force "cutter" of the Coast Guard in Title 10 status
    When "cutter" is tasked with "arrest" in the interior on 2010-06-01
    Then the task is contested
    And the deciding rule is "pca.coast-guard-in-navy-pre-2018"
    And the readings include one citing "14 U.S.C. § 89"
    And the decision does not cite "14 U.S.C. § 522"
    And the decision does not cite "14 U.S.C. § 103"

  Scenario Outline: DoD policy is cited as DoDD 5525.5 until February 26, 2013 and as DoDI 3025.21 after (<date>)
    Given a force "ncis" of the DoD civilian
    When "ncis" is tasked with "investigation" in the interior on <date>
    Then the task is prohibited
    And the decision cites "<cites>"
    And the decision does not cite "<not>"

    Examples:
      | date       | cites        | not          |
      | 2013-02-26 | DoDD 5525.5  | DoDI 3025.21 |
      | 2013-02-27 | DoDI 3025.21 | DoDD 5525.5  |

  Scenario: A WMD request before 2016 is read under former 10 U.S.C. § 382
    Given the scenario:
      """
      scenario: WMD emergency, 2005
      as_of: 2005-06-02
      forces:
        - {id: cbrn, component: army, status: title_10}
        - {id: mps, component: army, status: title_10}
      events:
        - {id: req, kind: statutory_request, statute: "10 U.S.C. § 382", date: 2005-06-01,
           requested_by: attorney_general, findings: [joint_emergency_determination], forces: [cbrn]}
        - {id: req2, kind: statutory_request, statute: "10 U.S.C. § 382", date: 2005-06-01,
           requested_by: attorney_general, findings: [readiness_unaffected], forces: [mps]}
      tasks:
        - {id: EOD, force: cbrn, activity: explosive_ordnance_disposal, location: interior}
        - {id: ARR, force: cbrn, activity: arrest, location: interior}
        - {id: NOD, force: mps, activity: arrest, location: interior}
      """
    Then the verdicts are:
      | task | verdict     | rule                                 | cites                            |
      | EOD  | permitted   | statute.10-usc-282.equipment-sec-382 | 10 U.S.C. § 382(a)               |
      | ARR  | conditional | statute.10-usc-282.life-sec-382      | 10 U.S.C. § 382(d)(2)(B)(i)      |
      | NOD  | prohibited  | pca.army                              | 10 U.S.C. § 382(d)(2)(A)        |
    And task "EOD" is permitted
    And the decision does not cite "10 U.S.C. § 282(a)"
