Feature: National Defense Areas and the military purpose doctrine
  Actions taken "for the primary purpose of furthering a DoD or foreign affairs function",
  such as a commander keeping law and order on a DoD installation, are not executing the laws
  for civilians, but the doctrine excludes actions whose primary purpose is aiding civilian
  law enforcement or that serve "as a subterfuge" (DoDD 5525.5 from 1986; DoDI 3025.21 from
  2013, also published as 32 C.F.R. § 182.6(a)(1)(ii)(A) from 2013 to 2018; United States v.
  Hitchcock, 9th Cir. 2002). The place alone does not make a purpose military. NSPM-4 (April 11, 2025) had
  border land transferred to the Army and designated National Defense Areas, so that activity
  there occurs "on a military installation". Troops may control access to them, as to any
  installation (50 U.S.C. § 797; 18 U.S.C. § 1382). Their temporary detention of trespassers
  until Border Patrol arrives is contested; custodial arrest and interrogation for prosecution
  fall outside the military purpose claimed; a designation under 10 U.S.C. § 2672 with
  Attorney General guidelines would give real arrest power.

  Background:
    Given a force "jtf-sb" of the Army in Title 10 status
    And a location "nm-nda" in the border zone
    And "nm-nda" is designated a national defense area on 2025-04-18

  Scenario Outline: Holding trespassers in the area: <state> on <date>
    When "jtf-sb" is tasked with "detain trespasser" at "nm-nda" on <date>
    Then the task is <verdict>
    And the deciding rule is "<rule>"

    Examples:
      | state                     | date       | verdict    | rule                  |
      | before the designation    | 2025-04-17 | prohibited | pca.detention-at-a-stated-place |
      | the day it is designated  | 2025-04-18 | contested  | nda.detain-trespasser |
      | the first detentions      | 2025-06-05 | contested  | nda.detain-trespasser |

  Scenario: Why detaining trespassers is contested: military purpose or subterfuge
    When "jtf-sb" is tasked with "detain trespasser" at "nm-nda" on 2025-06-05
    And the task supports CBP
    Then the task is contested
    And the decision overrides "18 U.S.C. § 1385"
    And the readings include one citing "NSPM-4 § 1(c)"
    And the readings include one citing "10 U.S.C. § 2672(b)"
    And the remedies include "statute.10-usc-2672"

  Scenario Outline: The same dispute covers <activity> of trespassers in the area
    When "jtf-sb" is tasked with "<activity>" at "nm-nda" on 2025-06-05
    Then the task is contested
    And the deciding rule is "nda.detain-trespasser"

    Examples:
      | activity      |
      | detention     |
      | stop and frisk |
      | search        |
      | seizure       |

  Scenario: Chasing crossers through the area to detain them is as contested as holding them
    When "jtf-sb" is tasked with "pursuit" at "nm-nda" on 2025-06-05
    Then the task is contested

  Scenario Outline: Every force in federal service shares the dispute: <component>
    Given a force "unit" of the <component> in Title 10 status
    When "unit" is tasked with "detain trespasser" at "nm-nda" on 2025-06-05
    Then the task is contested

    Examples:
      | component      |
      | Marine Corps   |
      | National Guard |

  Scenario: Troops may control access to a National Defense Area
    When "jtf-sb" is tasked with "installation security" at "nm-nda" on 2025-06-05
    Then the task is permitted
    And the deciding rule is "nda.access-control"
    And the decision cites "50 U.S.C. § 797"

  Scenario: Troops may not take trespassers into custody for prosecution
    When "jtf-sb" is tasked with "arrest" at "nm-nda" on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "nda.custodial-arrest"
    And the decision does not cite "32 C.F.R. § 182.6(a)(1)(ii)(A)"
    And the remedies include "statute.10-usc-2672"

  Scenario Outline: Troops may not <activity> trespassers for their prosecution
    When "jtf-sb" is tasked with "<activity>" at "nm-nda" on 2025-06-05
    Then the task is prohibited
    And the deciding rule is "nda.interrogation"

    Examples:
      | activity            |
      | interrogation       |
      | investigation       |
      | evidence collection |
      | forensic testing    |

  Scenario: A § 2672 designation with Attorney General guidelines gives real arrest power in the area
    Given a designation under "10 U.S.C. § 2672" on 2025-05-01 by the Secretary of Defense
    And the designation records the finding AG approved guidelines
    And the designation covers only "jtf-sb"
    When "jtf-sb" is tasked with "arrest" at "nm-nda" on 2025-06-10
    Then the task is permitted
    And the deciding rule is "statute.10-usc-2672"
    And the decision overrides the rule "nda.custodial-arrest"

  Scenario: A designation that does not say whether AG guidelines exist is conditional on them
    Given a designation under "10 U.S.C. § 2672" on 2025-05-01 by the Secretary of Defense
    When "jtf-sb" is tasked with "arrest" at "nm-nda" on 2025-06-10
    Then the task is conditional
    And the conditions include "guidelines approved by the Attorney General"

  Scenario: Only the Secretary or Deputy Secretary of Defense may designate
    Given a designation under "10 U.S.C. § 2672" on 2025-05-01 by the Secretary of the Army
    And the designation records the finding AG approved guidelines
    When "jtf-sb" is tasked with "arrest" at "nm-nda" on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "nda.custodial-arrest"

  Scenario: When the designation ends the land is an ordinary border zone again
    Given the designation ends on 2028-04-17
    When "jtf-sb" is tasked with "detain trespasser" at "nm-nda" on 2028-04-18
    Then the task is prohibited
    And the deciding rule is "pca.detention-at-a-stated-place"
    And the reasons include the rule "pca.army"

  Scenario Outline: On a regular installation military police may <activity> only for a military purpose
    When "jtf-sb" is tasked with "<activity>" at the military installation on 2025-06-05
    Then the task is conditional
    And the deciding rule is "military-purpose.installation"
    And the decision cites "DoDI 3025.21"
    And the decision does not cite "32 C.F.R. § 182.6(a)(1)(ii)(A)"
    And the conditions include "primary purpose is a military one"

    Examples:
      | activity           |
      | arrest             |
      | search             |
      | checkpoint operation |
      | traffic control    |

  Scenario: Before 1986 guarding an installation rested on the commander's power to exclude
    When "jtf-sb" is tasked with "installation security" at the military installation on 1980-06-01
    Then the task is permitted
    And the deciding rule is "military-purpose.commander-exclusion"
    And the decision cites "18 U.S.C. § 1382"

  Scenario Outline: Rendering ordnance safe on an installation protects DoD people and property (<date>)
    When "jtf-sb" is tasked with "explosive ordnance disposal" at the military installation on <date>
    Then the task is permitted
    And the deciding rule is "<rule>"

    Examples:
      | date       | rule                                         |
      | 2000-06-01 | military-purpose.installation-eod-dodd-5525-5 |
      | 2020-06-01 | military-purpose.installation-eod             |

  Scenario: Off an installation, with no request, nothing says troops may render a device safe
    When "jtf-sb" is tasked with "explosive ordnance disposal" in the interior on 2020-06-01
    Then the task is unknown
    And the remedies include "statute.10-usc-283.rendering-safe"

  Scenario: DoD Directive 5525.5 of January 15, 1986 states the military purpose doctrine
    When "jtf-sb" is tasked with "search" at the military installation on 1986-01-15
    Then the task is conditional
    And the deciding rule is "military-purpose.installation-dodd-5525-5"
    And the decision cites "DoDD 5525.5"

  Scenario: Guarding the installation itself is a military function whatever the task says
    When "jtf-sb" is tasked with "installation security" at the military installation on 2025-06-05
    Then the task is permitted
    And the deciding rule is "military-purpose.installation-security"
