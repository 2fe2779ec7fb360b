Feature: Express statutory exceptions to the Posse Comitatus Act
  The Act yields to "cases and circumstances expressly authorized by the Constitution or Act
  of Congress" (18 U.S.C. § 1385), and 10 U.S.C. § 275 to participation "otherwise
  authorized by law". Congress has written such exceptions, each with its own conditions:
  assistance requested in cases of crimes against the President (18 U.S.C. § 1751(i)),
  Members of Congress, Cabinet heads and Justices (§ 351(g)) and foreign officials (§ 112(f),
  § 1116(d)); arrests, searches and seizures in nuclear-materials emergencies after a joint
  determination (§ 831(f)); equipment against weapons of mass destruction, but no arrests
  unless life is at stake and civilians cannot act (10 U.S.C. § 282); bombing emergencies
  (10 U.S.C. § 283); Yellowstone trespassers (16 U.S.C. § 23); State quarantines
  (42 U.S.C. § 97); and DoD officers and agents designated to protect DoD property
  (10 U.S.C. § 2672). Each exception is met only when its request, approval and findings are,
  and each lifts the Act only for its own subject: a request under § 1751 authorises help with
  a crime against the President, not every task of the deployment. Whether life is in
  immediate danger under 10 U.S.C. § 282(d)(2)(B)(i) is a fact of the situation, not a finding
  a request can make in advance.

  Scenario Outline: A request under <statute> lets troops <activity> for the <agency>
    Given a force "troops" of the <component>
    And a request under "<statute>" on 2025-03-01 by the <requester>
    When "troops" is tasked with "<activity>" in the interior on 2025-03-02
    And the task supports <agency>
    Then the task is permitted
    And the deciding rule is "<rule>"
    And the decision cites "<statute>"
    And the decision overrides "18 U.S.C. § 1385"

    Examples:
      | statute           | requester        | component    | activity      | agency           | rule                |
      | 18 U.S.C. § 1751  | FBI              | Army         | search        | FBI              | statute.18-usc-1751 |
      | 18 U.S.C. § 1751  | Attorney General | Marine Corps | arrest        | Secret Service   | statute.18-usc-1751 |
      | 18 U.S.C. § 351   | FBI              | Army         | investigation | FBI              | statute.18-usc-351  |
      | 18 U.S.C. § 351   | FBI              | Navy         | pursuit       | FBI              | statute.18-usc-351  |
      | 18 U.S.C. § 112   | Attorney General | Army         | arrest        | Secret Service   | statute.18-usc-112  |
      | 18 U.S.C. § 1116  | Attorney General | Air Force    | search        | FBI              | statute.18-usc-1116 |

  Scenario Outline: A request under <statute> lifts the Act only for its own offence, not for a task for <agency>
    A request under 18 U.S.C. § 1751, § 351, § 112, § 1116 or § 831 authorises help in
    enforcing that section. A task of the same deployment that serves another agency, or that
    does not say whom it serves, is lawful only if it is help with that offence.
    Given a force "troops" of the Army
    And a request under "<statute>" on 2025-03-01 by the <requester>
    When "troops" is tasked with "arrest" in the interior on 2025-03-02
    And the task supports <agency>
    Then the task is conditional
    And the deciding rule is "<rule>"
    And the conditions include "only for that crime"

    Examples:
      | statute          | requester        | agency | rule                           |
      | 18 U.S.C. § 1751 | FBI              | CBP    | offence.18-usc-1751 |
      | 18 U.S.C. § 351  | FBI              | ICE    | offence.18-usc-351  |
      | 18 U.S.C. § 112  | Attorney General | DEA    | offence.18-usc-112  |
      | 18 U.S.C. § 1116 | Attorney General | CBP    | offence.18-usc-1116 |

  Scenario: A request under § 1751 does not make every task of the scenario lawful
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 1751" on 2025-03-01 by the FBI
    When "troops" is tasked with "crowd control" in the interior on 2025-03-02
    Then the task is conditional
    And the deciding rule is "offence.18-usc-1751"
    And the conditions include "against the President"

  Scenario: Under § 112(f) only the Attorney General may ask for the troops
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 112" on 2025-03-01 by the FBI
    When "troops" is tasked with "arrest" in the interior on 2025-03-02
    And the task supports FBI
    Then the task is prohibited
    And the remedy "statute.18-usc-112" still requires "Attorney General"

  Scenario: A request covers nothing done before it was made
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 1751" on 2025-03-01 by the FBI
    When "troops" is tasked with "search" in the interior on 2025-02-28
    Then the task is prohibited
    And the deciding rule is "pca.army"

  Scenario: Nuclear materials: with the joint emergency determination troops may arrest
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 831" on 2025-03-01 by the Attorney General
    And the request records the findings joint emergency determination and readiness unaffected
    When "troops" is tasked with "arrest" in the interior on 2025-03-02
    And the task supports FBI
    Then the task is permitted
    And the deciding rule is "statute.18-usc-831"
    And the decision overrides the rule "pca.army"

  Scenario: Nuclear materials: a request that does not say what was determined is conditional on it
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 831" on 2025-03-01 by the Attorney General
    When "troops" is tasked with "seizure" in the interior on 2025-03-02
    Then the task is conditional
    And the conditions include "joint determination by the Attorney General and the Secretary of Defense"

  Scenario: Nuclear materials: without the joint determination there is no arrest power
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 831" on 2025-03-01 by the Attorney General
    And the request records the finding readiness unaffected
    When "troops" is tasked with "arrest" in the interior on 2025-03-02
    And the task supports FBI
    Then the task is prohibited
    And the remedy "statute.18-usc-831" still requires "joint determination"

  Scenario: Nuclear materials: § 831(f) reaches arrests, searches and seizures, not interrogation
    Given a force "troops" of the Army
    And a request under "18 U.S.C. § 831" on 2025-03-01 by the Attorney General
    And the request records the findings joint emergency determination and readiness unaffected
    When "troops" is tasked with "interrogation" in the interior on 2025-03-02
    Then the task is prohibited

  Scenario: A WMD emergency: troops may operate equipment to disable or dispose of the weapon
    Given a force "cbrn-unit" of the Army
    And a request under "10 U.S.C. § 282" on 2025-03-01 by the Attorney General
    And the request records the findings joint emergency determination and readiness unaffected
    When "cbrn-unit" is tasked with "explosive ordnance disposal" in the interior on 2025-03-02
    Then the task is permitted
    And the deciding rule is "statute.10-usc-282.equipment"

  Scenario: A WMD request without the determinations leaves the equipment help undecided
    Given a force "cbrn-unit" of the Army
    And a request under "10 U.S.C. § 282" on 2025-03-01 by the Attorney General
    And the request records no findings
    When "cbrn-unit" is tasked with "explosive ordnance disposal" in the interior on 2025-03-02
    Then the task is unknown
    And the remedy "statute.10-usc-282.equipment" still requires "joint determination"

  Scenario Outline: A WMD request without the joint determination does not let troops <activity>
    Given a force "cbrn-unit" of the Army
    And a request under "10 U.S.C. § 282" on 2025-03-01 by the Attorney General
    And the request records the finding readiness unaffected
    When "cbrn-unit" is tasked with "<activity>" in the interior on 2025-03-02
    Then the task is prohibited
    And the reasons include the rule "statute.10-usc-282.arrest-bar"

    Examples:
      | activity            |
      | arrest              |
      | search              |
      | evidence collection |

  Scenario Outline: In a WMD emergency troops may <activity> only to protect life when civilians cannot act
    § 282(d)(2)(A) bars arrest, search and seizure of evidence; § 282(d)(2)(B)(i) lifts the
    bar for action "necessary for the immediate protection of human life" when civilian law
    enforcement "officials are not capable of taking the action". That is the situation at the
    moment of the action, so the task is conditional on it.
    Given a force "cbrn-unit" of the Army
    And a request under "10 U.S.C. § 282" on 2025-03-01 by the Attorney General
    And the request records the findings joint emergency determination and readiness unaffected
    When "cbrn-unit" is tasked with "<activity>" in the interior on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.10-usc-282.life"
    And the conditions include "immediate protection of human life"
    And the decision overrides the rule "statute.10-usc-282.arrest-bar"

    Examples:
      | activity            |
      | arrest              |
      | search              |
      | evidence collection |

  Scenario: A threat to life is a fact of the situation, not a finding the request can make
    Given a force "cbrn-unit" of the Army
    And a request under "10 U.S.C. § 282" on 2025-03-01 by the Attorney General
    And the request records the findings joint emergency determination, immediate protection of life and civilian law enforcement incapable
    When "cbrn-unit" is tasked with "arrest" in the interior on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.10-usc-282.life"
    And the conditions include "a fact about the situation"

  Scenario: A bombing emergency: on the Attorney General's request troops may render a bomb safe
    Given a force "eod-company" of the Army
    And a request under "10 U.S.C. § 283" on 2025-03-01 by the Attorney General
    And the request is approved by the Secretary of Defense
    When "eod-company" is tasked with "explosive ordnance disposal" in the interior on 2025-03-02
    Then the task is permitted
    And the decision cites "10 U.S.C. § 283"

  Scenario: A bombing request not made by the Attorney General does not let troops search for evidence
    Given a force "eod-company" of the Army
    And a request under "10 U.S.C. § 283" on 2025-03-01 by the FBI
    And the request is approved by the Secretary of Defense
    And the request records no findings
    When "eod-company" is tasked with "evidence collection" in the interior on 2025-03-02
    Then the task is prohibited
    And the reasons include the rule "statute.10-usc-283.arrest-bar"

  Scenario: A bombing emergency: troops may seize a suspect only to protect life when civilians cannot act
    Given a force "eod-company" of the Army
    And a request under "10 U.S.C. § 283" on 2025-03-01 by the Attorney General
    And the request records the findings immediate protection of life and civilian law enforcement incapable
    When "eod-company" is tasked with "seizure" in the interior on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.10-usc-283.life"
    And the conditions include "immediate protection of human life"

  Scenario: Yellowstone: at the Interior Secretary's request the Army may keep trespassers out
    Given a force "cavalry" of the Army
    And a request under "16 U.S.C. § 23" on 2025-03-01 by the Secretary of the Interior
    When "cavalry" is tasked with "detain trespasser" in the national park on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.16-usc-23"
    And the conditions include "Yellowstone"

  Scenario: Without the Interior Secretary's request the park is no exception
    Given a force "cavalry" of the Army
    When "cavalry" is tasked with "detain trespasser" in the national park on 2025-03-02
    Then the task is prohibited
    And the deciding rule is "pca.detention-at-a-stated-place"
    And the reasons include the rule "pca.army"

  Scenario: Seacoast commanders aid State quarantines as HHS directs
    Given a force "fort-garrison" of the Army
    And a request under "42 U.S.C. § 97" on 2025-03-01 by the Secretary of HHS
    When "fort-garrison" is tasked with "quarantine enforcement" at the port of entry on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.42-usc-97"
    And the conditions include "upon the seacoast"

  Scenario: Quarantine enforcement without the statute's direction is executing the laws
    Given a force "fort-garrison" of the Army
    When "fort-garrison" is tasked with "quarantine enforcement" at the port of entry on 2025-03-02
    Then the task is prohibited

  Scenario: Personnel designated under § 2672 may arrest on DoD property
    Given a force "mp-company" of the Army
    And a designation under "10 U.S.C. § 2672" on 2025-03-01 by the Secretary of Defense
    And the designation records the finding AG approved guidelines
    When "mp-company" is tasked with "arrest" at the military installation on 2025-03-02
    Then the task is permitted
    And the deciding rule is "statute.10-usc-2672"

  Scenario Outline: An express statute also settles the primary-purpose question on a base on <date>, under either directive
    On an installation, law enforcement done for a civilian agency is contested under the
    military purpose doctrine (DoDD 5525.5 until 2013-02-26, DoDI 3025.21 since): is the primary
    purpose military, or a subterfuge? An Act of Congress that authorises the help "any statute,
    rule, or regulation to the contrary notwithstanding" (18 U.S.C. § 1751(i)) leaves no such
    question, in 2010 as in 2025.
    Given a force "mps" of the Army
    And a request under "18 U.S.C. § 1751" on <requested> by the FBI
    When "mps" is tasked with "arrest" at the military installation on <date>
    And the task supports FBI
    Then the task is permitted
    And the deciding rule is "statute.18-usc-1751"

    Examples:
      | requested  | date       |
      | 2010-03-01 | 2010-03-02 |
      | 2025-03-01 | 2025-03-02 |

  Scenario: Before 2013 too, a § 2672 designation, not a military purpose, authorises the arrest on the base
    Given a force "mp-company" of the Army
    And a designation under "10 U.S.C. § 2672" on 2012-03-01 by the Secretary of Defense
    And the designation records the finding AG approved guidelines
    When "mp-company" is tasked with "arrest" at the military installation on 2012-03-02
    And the task supports FBI
    Then the task is permitted
    And the deciding rule is "statute.10-usc-2672"

  Scenario: A § 2672 designation gives no power off DoD property
    Given a force "mp-company" of the Army
    And a designation under "10 U.S.C. § 2672" on 2025-03-01 by the Secretary of Defense
    And the designation records the finding AG approved guidelines
    When "mp-company" is tasked with "arrest" in the interior on 2025-03-02
    Then the task is prohibited
    And the deciding rule is "pca.army"

  Scenario: DoD civilian police arrest on an installation under a § 2672 designation
    DoD policy bars DoD civilian employees from direct law enforcement (DoDI 3025.21), but the
    Secretary of Defense may designate DoD personnel as officers and agents to protect DoD
    property and the persons on it, with arrest powers, under Attorney General-approved
    guidelines (10 U.S.C. § 2672). A DoD police arrest on an installation is lawful where that
    designation applies.
    Given a force "dod-police" of the DoD civilian
    When "dod-police" is tasked with "arrest" at the military installation on 2025-03-02
    Then the task is conditional
    And the deciding rule is "statute.10-usc-2672.dod-civilian-police"
    And the decision cites "10 U.S.C. § 2672(b)"
    And the conditions include "Attorney General"

  Scenario: Designated DoD civilian police with AG guidelines may arrest on the installation
    Given a force "dod-police" of the DoD civilian
    And a designation under "10 U.S.C. § 2672" on 2025-03-01 by the Secretary of Defense
    And the designation records the finding AG approved guidelines
    When "dod-police" is tasked with "arrest" at the military installation on 2025-03-02
    Then the task is permitted
    And the deciding rule is "statute.10-usc-2672"

  Scenario: Off DoD property § 2672 gives DoD civilians no arrest power
    Given a force "dod-police" of the DoD civilian
    When "dod-police" is tasked with "arrest" in the interior on 2025-03-02
    Then the task is prohibited
    And the deciding rule is "dodi.dod-civilians"

  Scenario: A request for another offence neither helps nor hinders a task another exception allows
    Given the scenario:
      """
      scenario: A presidential visit during an invocation
      as_of: 2025-06-10
      forces:
        - {id: mps, component: army, status: title_10}
      events:
        - {id: r1751, kind: statutory_request, statute: "18 U.S.C. § 1751", date: 2025-06-01, requested_by: fbi}
        - {id: ia, kind: insurrection_act, section: 252, invoked: 2025-06-01, proclamation: 2025-06-01}
      tasks:
        - {id: BASE, force: mps, activity: arrest, location: military_installation, purpose: force_protection}
        - {id: CHASE, force: mps, activity: pursuit, location: interior}
        - {id: CROWD, force: mps, activity: crowd_control, location: interior, supports: cbp}
      """
    Then the verdicts are:
      | task  | verdict   | rule                          |
      | BASE  | permitted | insurrection-act.252          |
      | CHASE | permitted | insurrection-act.252          |
      | CROWD | permitted | insurrection-act.252          |
