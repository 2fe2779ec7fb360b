Feature: The Insurrection Act: invocation, proclamation and triggers
  The Insurrection Act (10 U.S.C. §§ 251-255; §§ 331-335 until renumbered on December 23,
  2016) is the leading express exception to the Posse Comitatus Act. The President may use
  the armed forces against an insurrection in a State at the request of its legislature, or of
  its governor if the legislature cannot be convened (§ 251); when unlawful obstructions or
  rebellion make it impracticable to enforce federal law by the ordinary course of judicial
  proceedings (§ 252); or to suppress violence or conspiracies that deprive people of
  constitutional rights the State cannot or will not protect, or that obstruct federal law
  (§ 253). Whenever he does, he "shall, by proclamation, immediately order the insurgents to
  disperse" (§ 254). Whether acting without that proclamation voids the invocation has never
  been decided, so such a use is contested. The invocation covers only the forces, places and
  days it names.

  Scenario: Active-duty troops at the border may arrest once § 252 is invoked with a proclamation
    Given a force "jtf-north" of the army in title_10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And a decision window on the Insurrection Act opened 2025-01-20 for 90 days
    When "jtf-north" is tasked with "arrest" in the border_zone on 2025-05-02
    Then the task is permitted
    And the decision cites "10 U.S.C. § 252"
    And the decision overrides "18 U.S.C. § 1385"
    And there are no remedies
    And the window is decided

  Scenario Outline: Troops covered by a § <section> invocation with a proclamation may <activity>
    Given a force "jtf" of the <component> in Title 10 status
    And the Insurrection Act is invoked under section <section> on 2025-05-01 with a proclamation to disperse
    When "jtf" is tasked with "<activity>" in the interior on 2025-05-02
    Then the task is permitted
    And the deciding rule is "insurrection-act.<section>"
    And the decision cites "10 U.S.C. § <section>"
    And the decision cites "10 U.S.C. § 254"
    And the decision overrides "18 U.S.C. § 1385"

    Examples:
      | section | component      | activity             |
      | 252     | Army           | arrest               |
      | 252     | Army           | search               |
      | 252     | Marine Corps   | checkpoint operation |
      | 252     | Air Force      | seizure              |
      | 253     | Army           | curfew enforcement   |
      | 253     | National Guard | crowd control        |
      | 253     | Navy           | detention            |
      | 253     | Space Force    | traffic control      |

  Scenario: At the governor's request, § 251 lets federal troops suppress an insurrection against the State
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 251 on 2025-05-01 with a proclamation to disperse
    And the invocation was requested by the governor on 2025-04-30
    When "jtf" is tasked with "arrest" in the interior on 2025-05-02
    Then the task is permitted
    And the deciding rule is "insurrection-act.251"
    And the decision overrides the rule "pca.army"

  Scenario: § 251 may also be invoked at the request of the State legislature
    Given a force "guard" of the National Guard in Title 10 status
    And the Insurrection Act is invoked under section 251 on 2025-05-01 with a proclamation to disperse
    And the invocation was requested by the legislature
    When "guard" is tasked with "detention" in the interior on 2025-05-03
    Then the task is permitted
    And the decision overrides the rule "pca.national-guard-federalized"

  Scenario: Without a State request § 251 authorises nothing
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 251 on 2025-05-01 with a proclamation to disperse
    And the invocation was made without a request from the State
    When "jtf" is tasked with "arrest" in the interior on 2025-05-02
    Then the task is prohibited
    And the deciding rule is "pca.army"
    And the remedy "insurrection-act.251" still requires "request"

  Scenario: A § 251 invocation that does not say whether the State asked is allowed only if it did
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 251 on 2025-05-01 with a proclamation to disperse
    When "jtf" is tasked with "arrest" in the interior on 2025-05-02
    Then the task is conditional
    And the conditions include "at the request of the State's legislature"

  Scenario Outline: A § <section> invocation without the § 254 proclamation is contested
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section <section> on 2025-05-01 without a proclamation to disperse
    And the invocation was requested by the governor
    When "jtf" is tasked with "arrest" in the interior on 2025-05-02
    Then the task is contested
    And the deciding rule is "insurrection-act.<section>-no-proclamation"
    And the readings include one citing "10 U.S.C. § 254"
    And the readings include one citing "Martin v. Mott"
    And the remedies include "insurrection-act.<section>"

    Examples:
      | section |
      | 251     |
      | 252     |
      | 253     |

  Scenario: A proclamation issued after the task does not cover it
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse on 2025-05-03
    When these tasks are assigned:
      | task   | force | activity | place    | date       |
      | before | jtf   | arrest   | interior | 2025-05-02 |
      | after  | jtf   | arrest   | interior | 2025-05-03 |
    Then the verdicts are:
      | task   | verdict   | rule                                 |
      | before | contested | insurrection-act.252-no-proclamation |
      | after  | permitted | insurrection-act.252                 |

  Scenario Outline: An invocation covers only its own days: <when>
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And the invocation ends on 2025-05-31
    When "jtf" is tasked with "arrest" in the border zone on <date>
    Then the task is <verdict>
    And the deciding rule is "<rule>"

    Examples:
      | when                   | date       | verdict    | rule                 |
      | the day before         | 2025-04-30 | prohibited | pca.army             |
      | the day it is invoked  | 2025-05-01 | permitted  | insurrection-act.252 |
      | its last day           | 2025-05-31 | permitted  | insurrection-act.252 |
      | the day after it ends  | 2025-06-01 | prohibited | pca.army             |

  Scenario: An invocation covers only the forces it names
    Given these forces:
      | force  | component | status   |
      | army-a | army      | title_10 |
      | army-b | army      | title_10 |
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And the invocation covers only "army-a"
    When these tasks are assigned:
      | task | force  | activity | place       | date       |
      | A    | army-a | arrest   | border zone | 2025-05-05 |
      | B    | army-b | arrest   | border zone | 2025-05-05 |
    Then the verdicts are:
      | task | verdict    | rule                 |
      | A    | permitted  | insurrection-act.252 |
      | B    | prohibited | pca.army             |

  Scenario: An invocation covers only the places it names
    Given a force "army-a" of the Army in Title 10 status
    And a location "el-paso-sector" in the border zone
    And a location "tucson-sector" in the border zone
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And the invocation covers only the places "el-paso-sector"
    When these tasks are assigned:
      | task | force  | activity | place          | date       |
      | EP   | army-a | search   | el-paso-sector | 2025-05-05 |
      | TU   | army-a | search   | tucson-sector  | 2025-05-05 |
    Then the verdicts are:
      | task | verdict    |
      | EP   | permitted  |
      | TU   | prohibited |

  Scenario Outline: An invocation under § <section> made in 2016, for a task on <date>, rests on § <rule>
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section <section> on 2016-12-01 with a proclamation to disperse
    And the invocation was requested by the governor
    When "jtf" is tasked with "arrest" in the interior on <date>
    Then the task is permitted
    And the deciding rule is "insurrection-act.<rule>"
    And the decision cites "10 U.S.C. § <rule>"

    Examples:
      | section | old | date       | rule |
      | 251     | 331 | 2016-12-22 | 331  |
      | 251     | 331 | 2016-12-23 | 251  |
      | 252     | 332 | 2016-12-22 | 332  |
      | 252     | 332 | 2016-12-23 | 252  |
      | 253     | 333 | 2016-12-22 | 333  |
      | 253     | 333 | 2016-12-23 | 253  |

  Scenario Outline: Before the renumbering an invocation without the § 334 proclamation was contested too (§ <section>)
    Given a force "jtf" of the Army in Title 10 status
    And the Insurrection Act is invoked under section <section> on 2010-05-01 without a proclamation to disperse
    And the invocation was requested by the legislature
    When "jtf" is tasked with "arrest" in the interior on 2010-05-02
    Then the task is contested
    And the deciding rule is "insurrection-act.<old>-no-proclamation"
    And the decision cites "10 U.S.C. § 334"

    Examples:
      | section | old |
      | 251     | 331 |
      | 252     | 332 |
      | 253     | 333 |

  Scenario: Los Angeles 1992: Marines federalized under former § 331 may make arrests
    Given a force "jtf-la-marines" of the Marine Corps
    And the Insurrection Act is invoked under section 251 on 1992-05-01 with a proclamation to disperse
    And the invocation was requested by the governor on 1992-05-01
    When "jtf-la-marines" is tasked with "arrest" in the interior on 1992-05-03
    Then the task is permitted
    And the deciding rule is "insurrection-act.331"
    And the decision overrides "10 U.S.C. § 375"

  Scenario: The Coast Guard serving in the Navy may enforce the laws under an invocation
    Given a force "cg-cutters" of the Coast Guard in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    When "cg-cutters" is tasked with "arrest" at the port of entry on 2025-05-02
    Then the task is permitted
    And the deciding rule is "insurrection-act.252"

  Scenario: Invoking § 252 for ordinary border crossing is contested
    Given a force "jtf-sb" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And unlawful obstructions do not make it impracticable to enforce federal law by the ordinary course of judicial proceedings
    When "jtf-sb" is tasked with "apprehension" in the border zone on 2025-05-02
    Then section 252 of the Insurrection Act is not available
    And the task is contested
    And the deciding rule is "insurrection-act.252-predicate-disputed"
    And the decision overrides the rule "insurrection-act.252"

  Scenario: Invoking § 253 with no deprivation of rights and no obstruction is contested
    Given a force "jtf-sb" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 253 on 2025-05-01 with a proclamation to disperse
    And a conspiracy does not deprive people of a constitutional right the State is unable to protect
    And a conspiracy does not obstruct the execution of federal law
    When "jtf-sb" is tasked with "arrest" in the border zone on 2025-05-02
    Then section 253 of the Insurrection Act is not available
    And the task is contested
    And the deciding rule is "insurrection-act.253-predicate-disputed"

  Scenario: Invoking § 251 where there is no insurrection against the State is contested
    Given a force "jtf-sb" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 251 on 2025-05-01 with a proclamation to disperse
    And the legislature of the State requests federal aid
    And there is no insurrection in the State against its government
    When "jtf-sb" is tasked with "search" in the interior on 2025-05-02
    Then the task is contested
    And the deciding rule is "insurrection-act.251-predicate-disputed"

  Scenario: A § 252 invocation stays permitted when the scenario is silent on its predicate
    Given a force "jtf-sb" of the Army in Title 10 status
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    When "jtf-sb" is tasked with "apprehension" in the border zone on 2025-05-02
    Then the task is permitted
    And the deciding rule is "insurrection-act.252"

  Scenario Outline: The statutory triggers of § 251: <case>
    Given a force "jtf" of the Army in Title 10 status
    And there is <insurrection> insurrection in the State against its government
    And the <by> of the State requests federal aid and the legislature <can> be convened
    When "jtf" is tasked with "logistics" in the interior on 2025-05-01
    Then section 251 of the Insurrection Act is <available>

    Examples:
      | case                                                        | insurrection | by          | can    | available     |
      | the legislature asks                                        | an           | legislature | can    | available     |
      | the governor asks and the legislature cannot meet           | an           | governor    | cannot | available     |
      | the governor asks though the legislature could meet         | an           | governor    | can    | not available |
      | the legislature asks but there is no insurrection           | no           | legislature | can    | not available |

  Scenario: § 251 needs a request from the State, whatever the disorder
    Given a force "jtf" of the Army in Title 10 status
    And there is an insurrection in the State against its government
    When "jtf" is tasked with "logistics" in the interior on 2025-05-01
    Then section 251 of the Insurrection Act is not available
    And section 251 of the Insurrection Act still needs "request for federal aid"

  Scenario: § 252 needs obstructions that defeat the ordinary course of judicial proceedings
    Given a force "jtf" of the Army in Title 10 status
    And unlawful obstructions make it impracticable to enforce federal law by the ordinary course of judicial proceedings
    When "jtf" is tasked with "logistics" in the interior on 2025-05-01
    Then section 252 of the Insurrection Act is available
    And section 251 of the Insurrection Act is not available
    And section 253 of the Insurrection Act is not available

  Scenario Outline: § 253 reaches deprivations of rights and obstruction of federal law: <case>
    Given a force "jtf" of the Army in Title 10 status
    And a conspiracy <deprives> people of a constitutional right the State is unable to protect
    And a conspiracy <obstructs> the execution of federal law
    When "jtf" is tasked with "logistics" in the interior on 2025-05-01
    Then section 253 of the Insurrection Act is <available>

    Examples:
      | case                    | deprives             | obstructs           | available     |
      | rights denied           | deprives             | does not obstruct   | available     |
      | federal law obstructed  | does not deprive     | obstructs           | available     |
      | neither                 | does not deprive     | does not obstruct   | not available |

  Scenario: A trigger being met invokes nothing: the troops still need an invocation
    Given a force "jtf" of the Army in Title 10 status
    And unlawful obstructions make it impracticable to enforce federal law by the ordinary course of judicial proceedings
    When "jtf" is tasked with "arrest" in the interior on 2025-05-01
    Then section 252 of the Insurrection Act is available
    And the task is prohibited
    And the remedies include "insurrection-act.252"

  Scenario: An invocation limited to some places makes a task that does not say where conditional
    Given a force "jtf" of the Army in Title 10 status
    And a location "el-paso" in the border zone
    And the Insurrection Act is invoked under section 252 on 2025-05-01 with a proclamation to disperse
    And the invocation covers only the places "el-paso"
    When "jtf" is tasked with "arrest" on 2025-05-02
    Then the task is conditional
    And the deciding rule is "insurrection-act.252"

  Scenario: An invocation limited to a State makes a task at a place that does not say its State conditional
    An invocation may name its areas by State (`areas: [CA]`). A place that does not say which
    State it is in may or may not be covered: the task is conditional on the invocation
    covering it, as for a task that does not say where it happens; never prohibited as if the
    place were known to be elsewhere. A place in another State is not covered.
    Given the scenario:
      """
      scenario: An invocation limited to California
      as_of: 2025-07-10
      locations:
        - {id: los-angeles, kind: interior, state: CA}
        - {id: somewhere, kind: interior}
        - {id: phoenix, kind: interior, state: AZ}
      forces:
        - {id: army-a, component: army}
      events:
        - {id: ia, kind: insurrection_act, section: 252, invoked: 2025-07-01, proclamation: 2025-07-01,
           areas: [CA]}
      tasks:
        - {id: in-state, force: army-a, activity: arrest, location: los-angeles}
        - {id: unsaid-state, force: army-a, activity: arrest, location: somewhere}
        - {id: kind-only, force: army-a, activity: arrest, location: interior}
        - {id: other-state, force: army-a, activity: arrest, location: phoenix}
      """
    Then the verdicts are:
      | task         | verdict     |
      | in-state     | permitted   |
      | unsaid-state | conditional |
      | kind-only    | conditional |
      | other-state  | prohibited  |
    And task "unsaid-state" is conditional
    And the deciding rule is "insurrection-act.252"
    And the conditions include "an invocation of 10 U.S.C. § 252 covering this force, place and date"

  Scenario: A § 251 invocation on the governor's request while the legislature could meet is contested
    Given the scenario:
      """
      scenario: A governor's request though the legislature could be convened
      as_of: 2025-05-02
      forces:
        - {id: jtf, component: army}
      events:
        - id: ia-251
          kind: insurrection_act
          section: 251
          invoked: 2025-05-01
          proclamation: 2025-05-01
          request: {by: governor, date: 2025-04-30}
      circumstances:
        state_request: {by: governor, legislature_can_convene: true}
        insurrection_against_state: true
      tasks:
        - {id: T1, force: jtf, activity: arrest, location: interior}
      """
    Then task "T1" is contested
    And the deciding rule is "insurrection-act.251-request-disputed"
    And section 251 of the Insurrection Act is not available
