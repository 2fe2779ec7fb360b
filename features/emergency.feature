Feature: The emergency authority answers a civil disturbance, and only while it lasts
  DoD recognises that federal military commanders may act without the President's prior
  authorization "in extraordinary emergency circumstances where prior authorization by the
  President is impossible and duly constituted local authorities are unable to control the
  situation", temporarily, to quell a large-scale, unexpected civil disturbance (DoDD 3025.18
  ¶ 4.i from December 29, 2010; ¶ 4.k from Change 2 of March 19, 2018; before that, and until
  its removal with effect from April 17, 2018, 32 C.F.R. § 215.4(c)(1)(i)). It is narrow. A
  hurricane, an attack or an epidemic does not engage it: the troops give relief under the
  Stafford Act and immediate response, and they do not enforce the law. Both facts must be
  stated, and the authority ends when the emergency does.

  Background:
    Given a force "garrison" of the Army

  Scenario: A riot the police cannot control, with no time to ask the President
    Given a civil disturbance emergency on 2025-06-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    When "garrison" is tasked with "crowd control" in the interior on 2025-06-01
    Then the task is conditional
    And the deciding rule is "emergency.emergency-authority-4k"
    And the decision cites "DoDD 3025.18 ¶ 4.k"
    And the decision overrides "18 U.S.C. § 1385"
    And the conditions include "temporary"

  Scenario Outline: A <nature> emergency does not make <activity> lawful
    Given a <nature> emergency on 2025-06-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    When "garrison" is tasked with "<activity>" in the interior on 2025-06-02
    Then the task is prohibited
    And the deciding rule is "pca.army"
    And the decision does not cite "DoDD 3025.18 ¶ 4.k"

    Examples:
      | nature           | activity           |
      | natural disaster | curfew enforcement |
      | natural disaster | patrol             |
      | attack           | arrest             |
      | public health    | quarantine enforcement |
      | other            | search             |

  Scenario: A civil disturbance that leaves one condition unstated is conditional on it
    Given a civil disturbance emergency on 2025-06-01
    And prior authorization by the President is impossible
    When "garrison" is tasked with "arrest" in the interior on 2025-06-02
    Then the task is conditional
    And the conditions include "local authorities are unable to control the situation"

  Scenario: Once the disturbance is over the authority is gone
    Given a civil disturbance emergency on 2025-06-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    And the emergency ends on 2025-06-03
    When these tasks are assigned:
      | task   | force   | activity      | place    | date       |
      | during | garrison | crowd control | interior | 2025-06-03 |
      | after  | garrison | crowd control | interior | 2025-06-04 |
    Then the verdicts are:
      | task   | verdict     | rule                             |
      | during | conditional | emergency.emergency-authority-4k |
      | after  | prohibited  | pca.army                         |

  Scenario Outline: The text cited is the one in force on the day: <date>
    Given a civil disturbance emergency on <date>
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    When "garrison" is tasked with "crowd control" in the interior on <date>
    Then the task is conditional
    And the deciding rule is "<rule>"
    And the decision cites "<cites>"

    Examples:
      | date       | rule                                   | cites                      |
      | 2005-06-01 | emergency.emergency-authority-part-215 | 32 C.F.R. § 215.4(c)(1)(i) |
      | 2012-06-01 | emergency.emergency-authority          | DoDD 3025.18 ¶ 4.i         |
      | 2019-06-01 | emergency.emergency-authority-4k       | DoDD 3025.18 ¶ 4.k         |

  Scenario: After April 16, 2018 the removed civil-disturbance rule is no longer cited
    Given a civil disturbance emergency on 2018-05-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    When "garrison" is tasked with "crowd control" in the interior on 2018-05-01
    Then the task is conditional
    And the decision does not cite "32 C.F.R. § 215.4(c)(1)(i)"
