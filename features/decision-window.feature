Feature: The 90-day decision window of Proclamation 10886
  Proclamation 10886 (January 20, 2025) § 6(b) gave the Secretaries of Defense and Homeland
  Security 90 days, to Sunday, April 20, 2025, to report "whether to invoke the Insurrection
  Act of 1807". A decision window is a deadline to decide, not a decision: it authorises
  nothing, and the Posse Comitatus Act applied throughout. The window is pending before it
  opens, open until its deadline (opened plus its days), decided once a decision is recorded
  or the authority is invoked, and expired when the deadline passes with no decision.

  Scenario Outline: On <date> the window is <state> and the Posse Comitatus Act still applies
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    When "jtf-north" is tasked with "arrest" in the border zone on <date>
    Then the window is <state>
    And the deadline is 2025-04-20
    And the task is prohibited
    And the deciding rule is "pca.army"

    Examples:
      | date       | state   |
      | 2024-12-31 | pending |
      | 2025-01-19 | pending |
      | 2025-01-20 | open    |
      | 2025-03-01 | open    |
      | 2025-04-20 | open    |
      | 2025-04-21 | expired |
      | 2025-12-31 | expired |

  Scenario Outline: <date> leaves <days> days to decide
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    When "jtf-north" is tasked with "data entry" in the border zone on <date>
    Then the window is open with <days> days remaining
    And the task is permitted

    Examples:
      | date       | days |
      | 2025-01-20 | 90   |
      | 2025-01-22 | 88   |
      | 2025-02-19 | 60   |
      | 2025-04-19 | 1    |
      | 2025-04-20 | 0    |

  Scenario: The window is read on the date the scenario is checked
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    When "jtf-north" is tasked with "data entry" in the border zone on 2025-01-22
    And the window is checked on 2025-04-18
    Then the window is open with 2 days remaining
    And the task is permitted

  Scenario: A window of another length has its own deadline
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 30 days
    When "jtf-north" is tasked with "data entry" in the border zone on 2025-02-19
    Then the deadline is 2025-02-19
    And the window is open with 0 days remaining

  Scenario Outline: A recorded decision closes the window from its date (<date>)
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    And the window was decided on 2025-04-10 with the outcome declined
    When "jtf-north" is tasked with "search" in the border zone on <date>
    Then the window is <state>
    And the task is prohibited

    Examples:
      | date       | state   |
      | 2025-04-09 | open    |
      | 2025-04-10 | decided |
      | 2025-06-01 | decided |

  Scenario Outline: A decision recorded after the deadline: <state> on <date>
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    And the window was decided on 2025-04-25 with the outcome declined
    When "jtf-north" is tasked with "data entry" in the border zone on <date>
    Then the window is <state>

    Examples:
      | date       | state   |
      | 2025-04-24 | expired |
      | 2025-04-25 | decided |

  Scenario: Invoking the Act decides the window, and only the invocation permits the arrests
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    And the Insurrection Act is invoked under section 252 on 2025-04-15 with a proclamation to disperse
    When "jtf-north" is tasked with "arrest" in the border zone on 2025-04-16
    Then the window is decided
    And the task is permitted
    And the deciding rule is "insurrection-act.252"

  Scenario: An invocation announced for a later day leaves the window open until then
    Given a force "jtf-north" of the Army in Title 10 status
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    When "jtf-north" is tasked with "arrest" in the border zone on 2025-04-16
    Then the window is open with 4 days remaining
    And the task is prohibited
    And the remedies include "insurrection-act.252"
