Feature: Intelligence oversight: US-person information turns on the purpose of the work
  Under Executive Order 12333 (§ 2.3) an intelligence element may collect, retain and
  disseminate information about US persons (citizens, lawful permanent residents, US
  corporations and associations of them) only in listed categories, for its authorised
  mission, and by "the least intrusive collection techniques feasible" (§ 2.4). DoD's
  procedures were DoD 5240.1-R from December 7, 1982, and DoD Manual 5240.01 from August 8,
  2016: "DoD authorized intelligence activities are foreign intelligence and
  counterintelligence (CI) activities"; Procedure 2 lists what may be collected. DoD Directive
  5240.01 of September 27, 2024 incorporated and cancelled what was left of DoD 5240.1-R and
  governs intelligence assistance to law enforcement, which stays within the Posse Comitatus
  Act and 10 U.S.C. § 275. So collection about US persons is conditional on an authorised
  foreign-intelligence or counterintelligence purpose and on the procedures, and forbidden
  when its purpose is building civilian criminal cases. Analysis of aggregate flows that
  touches no US person is allowed. These limits are not posse comitatus rules: an exception to
  the Act does not lift them.

  Scenario: One cell, three answers, and the purpose decides the third
    Given the scenario:
      """
      scenario: Joint intelligence cell at the border, March 2025
      as_of: 2025-03-01
      forces:
        - {id: jitf-sb, component: army, status: title_10}
      tasks:
        - {id: flows, force: jitf-sb, activity: intelligence_analysis, location: border_zone, us_persons: false}
        - {id: maybe, force: jitf-sb, activity: intelligence_analysis, location: border_zone}
        - {id: files, force: jitf-sb, activity: intelligence_analysis, location: border_zone, us_persons: true}
        - {id: fi-files, force: jitf-sb, activity: intelligence_analysis, location: border_zone, us_persons: true, purpose: counterintelligence}
        - {id: le-files, force: jitf-sb, activity: intelligence_analysis, location: border_zone, us_persons: true, purpose: law_enforcement_support}
      """
    Then the verdicts are:
      | task     | verdict     | rule                                        | cites        |
      | flows    | permitted   | intel.aggregate-analysis                    | DoDM 5240.01 |
      | maybe    | conditional | intel.aggregate-analysis                    | DoDM 5240.01 |
      | files    | conditional | intel.us-person-analysis-authorised-purpose | DoDM 5240.01 |
      | fi-files | conditional | intel.us-person-analysis-authorised-purpose | DoDM 5240.01 |
      | le-files | prohibited  | intel.us-person-analysis-law-enforcement    | DoDM 5240.01 |
    And task "maybe" is conditional
    And the conditions include "no information about US persons"
    And task "files" is conditional
    And the conditions include "authorised foreign-intelligence or counterintelligence mission"

  Scenario Outline: Collecting intelligence about US persons for <purpose> is <verdict>
    Given the scenario:
      """
      scenario: US-person collection, <purpose>
      as_of: 2025-03-01
      forces:
        - {id: unit, component: army, status: title_10}
      tasks:
        - {id: C, force: unit, activity: us_person_intelligence_collection, location: interior, purpose: <purpose>}
      """
    Then task "C" is <verdict>
    And the deciding rule is "<rule>"
    And the decision cites "DoDM 5240.01"

    Examples:
      | purpose                 | verdict     | rule                                                 |
      | foreign_intelligence    | conditional | intel.us-person-collection-authorised-purpose        |
      | counterintelligence     | conditional | intel.us-person-collection-authorised-purpose        |
      | force_protection        | conditional | intel.us-person-collection-authorised-purpose        |
      | counterdrug             | conditional | intel.us-person-collection-authorised-purpose        |
      | law_enforcement_support | prohibited  | intel.us-person-collection-law-enforcement-dodd-2024 |
      | disaster_response       | prohibited  | intel.us-person-collection-unauthorised-purpose      |
      | training                | prohibited  | intel.us-person-collection-unauthorised-purpose      |

  Scenario: Foreign-intelligence collection about a US person is lawful only under the procedures
    Given the scenario:
      """
      scenario: Counterintelligence collection
      as_of: 2025-03-01
      forces:
        - {id: ci, component: army, status: title_10}
      tasks:
        - {id: C, force: ci, activity: us_person_intelligence_collection, location: interior, purpose: counterintelligence}
      """
    Then task "C" is conditional
    And the conditions include "Procedure 2"
    And the conditions include "least intrusive means"
    And the conditions include "First Amendment"
    And the conditions include "Posse Comitatus Act"
    And the decision overrides the rule "pca.army"

  Scenario: Collection whose purpose is not stated is conditional on an authorised purpose
    Given a force "unit" of the Army in Title 10 status
    When "unit" is tasked with "us person intelligence collection" in the interior on 2025-03-01
    Then the task is conditional
    And the deciding rule is "intel.us-person-collection-authorised-purpose"
    And the conditions include "not the building of a civilian criminal case"

  Scenario Outline: Collecting intelligence on US persons to build civilian cases is forbidden (<component>, <status>, <date>)
    Given the scenario:
      """
      scenario: Collection for the police
      as_of: <date>
      forces:
        - {id: unit, component: <component>, status: <status>}
      tasks:
        - {id: C, force: unit, activity: us_person_intelligence_collection, location: interior, purpose: law_enforcement_support}
      """
    Then task "C" is prohibited
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"

    Examples:
      | component      | status   | date       | rule                                                 | cites         |
      | army           | title_10 | 2025-03-01 | intel.us-person-collection-law-enforcement-dodd-2024 | DoDD 5240.01  |
      | marine_corps   | title_10 | 2020-03-01 | intel.us-person-collection-law-enforcement           | DoD 5240.1-R  |
      | national_guard | title_32 | 2025-03-01 | intel.us-person-collection-law-enforcement-dodd-2024 | DoDM 5240.01  |
      | army           | title_10 | 2010-03-01 | intel.legacy-5240-1r-us-person-collection            | DoD 5240.1-R  |

  Scenario Outline: Before DoD Manual 5240.01, DoD 5240.1-R governed (<date>, <purpose>, US persons: <us_persons>)
    Given the scenario:
      """
      scenario: Analysts before and after August 8, 2016
      as_of: <date>
      forces:
        - {id: analysts, component: army, status: title_10}
      tasks:
        - {id: A, force: analysts, activity: intelligence_analysis, location: border_zone, us_persons: <us_persons>, purpose: <purpose>}
      """
    Then task "A" is <verdict>
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"

    Examples:
      | date       | us_persons | purpose                 | verdict     | rule                                                          | cites        |
      | 2015-06-01 | false      | counterdrug             | permitted   | intel.legacy-5240-1r-aggregate-analysis                       | DoD 5240.1-R |
      | 2016-08-07 | true       | law_enforcement_support | prohibited  | intel.legacy-5240-1r-us-person-analysis-law-enforcement       | DoD 5240.1-R |
      | 2016-08-07 | true       | foreign_intelligence    | conditional | intel.legacy-5240-1r-us-person-analysis-authorised-purpose    | DoD 5240.1-R |
      | 2016-08-08 | true       | law_enforcement_support | prohibited  | intel.us-person-analysis-law-enforcement                      | DoDM 5240.01 |
      | 2016-08-08 | false      | law_enforcement_support | permitted   | intel.aggregate-analysis                                      | DoDM 5240.01 |

  Scenario: Before August 8, 2016, collection for an authorised purpose was conditional under DoD 5240.1-R
    Given the scenario:
      """
      scenario: Counterdrug collection, 2010
      as_of: 2010-03-01
      forces:
        - {id: unit, component: army, status: title_10}
      tasks:
        - {id: C, force: unit, activity: us_person_intelligence_collection, location: interior, purpose: counterdrug}
      """
    Then task "C" is conditional
    And the deciding rule is "intel.legacy-5240-1r-us-person-collection-authorised-purpose"
    And the conditions include "international narcotics activities"

  Scenario: Guard analysts in Title 32 status follow the same oversight rules
    Given a force "guard-analysts" of the National Guard in Title 32 status
    When "guard-analysts" is tasked with "intelligence analysis" in the border zone on 2025-03-01
    And the task does not collect information about US persons
    Then the task is permitted
    And the deciding rule is "intel.aggregate-analysis"

  Scenario: The Insurrection Act lifts the bar on law enforcement, not intelligence oversight
    Given the scenario:
      """
      scenario: Invocation and collection
      as_of: 2025-05-02
      forces:
        - {id: jtf, component: army, status: title_10}
      events:
        - {id: ia, kind: insurrection_act, section: 252, invoked: 2025-05-01, proclamation: 2025-05-01}
      tasks:
        - {id: C, force: jtf, activity: us_person_intelligence_collection, location: interior, purpose: law_enforcement_support}
      """
    Then task "C" is prohibited
    And the deciding rule is "intel.us-person-collection-law-enforcement-dodd-2024"

  Scenario: Analysts may pass on evidence of a federal crime they come across
    Given a force "jitf-sb" of the Army in Title 10 status
    When "jitf-sb" is tasked with "information sharing" in the border zone on 2025-03-01
    Then the task is permitted
    And the decision cites "10 U.S.C. § 271"

  Scenario: Analysts who question suspects have become interrogators
    Given a force "jitf-sb" of the Army in Title 10 status
    When "jitf-sb" is tasked with "interrogation" in the border zone on 2025-03-01
    Then the task is prohibited
    And the deciding rule is "pca.army"
