Feature: Rules that decide only when nothing more specific applies
  Some authorities are the general rule behind more specific ones: 10 U.S.C. § 284(b)(6)
  detection and monitoring behind its border and interior readings, § 284(b)(3) transportation
  behind the border proclamation's and the FY2016 NDAA's support to CBP, the Coast Guard's own
  law-enforcement power under 14 U.S.C. § 522 behind its maritime and ashore readings, and the
  arrest bars of 10 U.S.C. § 282(d)(2)(A) and § 283(c)(2)(A) behind the Posse Comitatus Act
  (18 U.S.C. § 1385). Each scenario here is a task only the general rule governs, so the
  general rule itself decides it: the coverage test counts a rule as covered only when it
  decides some feature scenario.

  Scenario: The Coast Guard may arrest under its own statute when the place is not stated
    Given a force "cutter" of the Coast Guard
    When "cutter" is tasked with "arrest" on 2025-03-01
    Then the task is permitted
    And the deciding rule is "status.coast-guard-law-enforcement"
    And the decision cites "14 U.S.C. § 522"
    And the decision does not cite "18 U.S.C. § 1385"

  Scenario: Detection and monitoring with no place stated rests on § 284(b)(6) itself
    Given a force "jtf" of the Army
    When "jtf" is tasked with "detection and monitoring" on 2025-03-01
    And the task's purpose is counterdrug
    Then the task is permitted
    And the decision cites "10 U.S.C. § 284(b)(6)"

  Scenario: Transportation for an agency other than CBP rests on § 284(b)(3)
    Given a force "jtf" of the Army
    When "jtf" is tasked with "transportation" in the interior on 2025-03-01
    And the task supports FBI
    And the task's purpose is counterdrug
    Then the task is permitted
    And the deciding rule is "support.ch15.284b3-transportation"
    And the decision cites "10 U.S.C. § 284(b)(3)"

  Scenario: Base operations for a civilian agency rest on § 284(b)(4)
    Given a force "jtf" of the Army
    When "jtf" is tasked with "base operations" in the interior on 2025-03-01
    And the task supports DEA
    And the task's purpose is counterdrug
    Then the task is permitted
    And the deciding rule is "support.ch15.284b4-bases"
    And the decision cites "10 U.S.C. § 284(b)(4)"

  Scenario: Moving detainees for an agency other than CBP is conditional on civilian custody
    Given a force "jtf" of the Army
    When "jtf" is tasked with "transport detainees" in the interior on 2025-03-01
    And the task supports FBI
    Then the task is conditional
    And the deciding rule is "support.transport-detainees-civilian-custody"
    And the conditions include "civilian law-enforcement officers keep custody of the detainees"

  Scenario Outline: A Coast Guard cutter under the Navy arresting ashore under a § <section> request is <verdict>
    Whether the Coast Guard operating as a service in the Navy (14 U.S.C. § 103) is bound like
    the Navy is unsettled, but ashore it does not decide these tasks: the Coast Guard's own power
    (14 U.S.C. § 522(a)) is over the waters and reaches land only in pursuit of a violator
    escaping there, so on either reading an arrest in the interior needs another statute. Under
    10 U.S.C. § 282 without the joint emergency determination no help is authorised, and the
    statute bars arrest (§ 282(d)(2)(A)). Under 10 U.S.C. § 283 (bombings; the Attorney
    General's request) the regulations may not authorise arrest (§ 283(c)(2)(A)(i)) unless it is
    "necessary for the immediate protection of human life, and civilian law enforcement officials
    are not capable of taking the action" (§ 283(c)(2)(B)(i)) or is otherwise authorised by law
    (§ 283(c)(2)(B)(ii)): lawful only on that condition, whichever reading of the Coast Guard's
    status is right.
    Given a force "cutter" of the Coast Guard in Title 10 status
    And a request under "10 U.S.C. § <section>" on 2025-03-01 by the Attorney General
    And the request records no findings
    When "cutter" is tasked with "arrest" in the interior on 2025-03-02
    Then the task is <verdict>
    And the deciding rule is "<rule>"
    And the decision cites "<citation>"

    Examples:
      | section | verdict     | rule                          | citation                    |
      | 282     | prohibited  | statute.10-usc-282.arrest-bar | 10 U.S.C. § 282(d)(2)(A)    |
      | 283     | conditional | statute.10-usc-283.life       | 10 U.S.C. § 283(c)(2)(B)(i) |
