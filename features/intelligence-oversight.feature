Feature: Intelligence oversight of military analysts supporting law enforcement
  Under Executive Order 12333, DoD intelligence components may collect, retain and
  disseminate information about US persons (citizens, lawful permanent residents, US
  corporations and associations of them) only for authorized purposes and under set
  procedures: DoD 5240.1-R from December 7, 1982, and DoD Manual 5240.01 from August 8, 2016.
  10 U.S.C. § 284(b)(9) allows "linguist and intelligence analysis services" for counterdrug
  and counter-transnational-crime agencies, still subject to 10 U.S.C. § 275. Analysis of
  aggregate flows and networks is allowed; compiling files on identifiable US persons for
  law enforcement is not; a task that does not say whether it touches US-person information
  is allowed only on that condition. These limits are not posse comitatus rules, so an
  exception to the Act does not lift them.

  Scenario Outline: An analyst's work that <touches> information about US persons is <verdict>
    Given a force "jitf-sb" of the Army in Title 10 status
    When "jitf-sb" is tasked with "intelligence analysis" in the border zone on 2025-03-01
    And the task <touches> information about US persons
    Then the task is <verdict>
    And the deciding rule is "<rule>"
    And the decision cites "DoDM 5240.01"

    Examples:
      | touches             | verdict    | rule                     |
      | does not collect    | permitted  | intel.aggregate-analysis |
      | collects            | prohibited | intel.us-person-analysis |

  Scenario: Analysis that does not say whether it touches US persons is conditional on it
    Given a force "jitf-sb" of the Army in Title 10 status
    When "jitf-sb" is tasked with "intelligence analysis" in the border zone on 2025-03-01
    Then the task is conditional
    And the deciding rule is "intel.aggregate-analysis"
    And the conditions include "no information about US persons"

  Scenario Outline: Before DoD Manual 5240.01, DoD 5240.1-R governed (<date>, <touches>)
    Given a force "analysts" of the Army in Title 10 status
    When "analysts" is tasked with "intelligence analysis" in the border zone on <date>
    And the task <touches> information about US persons
    Then the task is <verdict>
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"

    Examples:
      | date       | touches          | verdict    | rule                                    | cites           |
      | 2015-06-01 | does not collect | permitted  | intel.legacy-5240-1r-aggregate-analysis | DoD 5240.1-R    |
      | 2016-08-07 | collects         | prohibited | intel.legacy-5240-1r-us-person-analysis | DoD 5240.1-R    |
      | 2016-08-08 | collects         | prohibited | intel.us-person-analysis                | DoDM 5240.01    |
      | 2016-08-08 | does not collect | permitted  | intel.aggregate-analysis                | DoDM 5240.01    |

  Scenario Outline: Collecting intelligence on US persons for law enforcement is forbidden (<component>, <status>, <date>)
    Given a force "unit" of the <component> in <status> status
    When "unit" is tasked with "us person intelligence collection" in the interior on <date>
    Then the task is prohibited
    And the deciding rule is "<rule>"

    Examples:
      | component      | status   | date       | rule                                       |
      | Army           | Title 10 | 2025-03-01 | intel.us-person-collection                 |
      | Marine Corps   | Title 10 | 2020-03-01 | intel.us-person-collection                 |
      | National Guard | Title 32 | 2025-03-01 | intel.us-person-collection                 |
      | Army           | Title 10 | 2010-03-01 | intel.legacy-5240-1r-us-person-collection  |

  Scenario: Guard analysts in Title 32 status follow the same oversight rules
    Given a force "guard-analysts" of the National Guard in Title 32 status
    When "guard-analysts" is tasked with "intelligence analysis" in the border zone on 2025-03-01
    And the task does not collect information about US persons
    Then the task is permitted
    And the deciding rule is "intel.aggregate-analysis"

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

  Scenario: One cell, three answers
    Given a force "jitf-sb" of the Army in Title 10 status
    When these tasks are assigned:
      | task  | force   | activity              | place       | date       | us_persons |
      | flows | jitf-sb | intelligence_analysis | border zone | 2025-03-01 | no         |
      | files | jitf-sb | intelligence_analysis | border zone | 2025-03-01 | yes        |
      | maybe | jitf-sb | intelligence_analysis | border zone | 2025-03-01 | unstated   |
    Then the verdicts are:
      | task  | verdict     |
      | flows | permitted   |
      | files | prohibited  |
      | maybe | conditional |
