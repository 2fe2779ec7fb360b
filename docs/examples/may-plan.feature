Feature: Our May plan
  Checked against 18 U.S.C. § 1385 and the Insurrection Act (10 U.S.C. §§ 251-255).

  Scenario: Arrests under a hypothetical § 252 invocation
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    When "jtf" is tasked with "arrest" in the border zone on 2025-05-02
    Then the task is permitted
    And the decision cites "10 U.S.C. § 252"
    And the decision overrides "18 U.S.C. § 1385"

  Scenario: The decision window alone authorises nothing
    Given a force "jtf" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    When "jtf" is tasked with "search" in the border zone on 2025-01-22
    Then the task is prohibited
    And the window is open with 88 days remaining
