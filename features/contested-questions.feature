Feature: Contested questions: protective power and emergency authority
  Some questions the law has not settled, and Comitatus says so rather than guess: each
  reading is listed with its source and the date it holds from. The executive claims an
  inherent power to protect federal property, personnel and functions; DoD policy grounds
  it on the civil authorities being "unable or decline to provide adequate protection for
  Federal property or Federal governmental functions" (DoDD 3025.18; before its removal on
  April 17, 2018, 32 C.F.R. § 215.4(c)(1)(ii)). Standing guard at federal property
  is accepted on every view, on that condition. Perimeters, crowd and traffic control,
  checkpoints and patrols are not: the district court in Newsom v. Trump (N.D. Cal.
  Sept. 2, 2025) held that protective perimeters, traffic blockades and crowd control in Los
  Angeles violated the Posse Comitatus Act (18 U.S.C. § 1385), and in Trump v. Illinois (Dec. 23, 2025) the
  Supreme Court found no source of authority shown. Separately, DoD recognises a narrow
  emergency authority for "extraordinary emergency circumstances where prior authorization by
  the President is impossible and duly constituted local authorities are unable to control
  the situation" (DoDD 3025.18 ¶ 4.i, ¶ 4.k from 2018), to quell a large-scale, unexpected
  civil disturbance: not a hurricane, an attack or an epidemic. Other contested questions
  live with their topics: an Insurrection Act invocation without a proclamation, detention in
  National Defense Areas, the Coast Guard serving in the Navy, the D.C. National Guard.

  Scenario: Troops may stand guard at a federal building the civil authorities do not protect
    Given a force "task-force-51" of the Marine Corps
    And a civil disturbance emergency on 2025-06-07
    And local authorities do not protect federal property
    When "task-force-51" is tasked with "federal property protection" at the federal property on 2025-06-10
    Then the task is permitted
    And the deciding rule is "protective.static-guard"
    And the decision cites "DoDD 3025.18"
    And the decision does not cite "32 C.F.R. § 215.4(c)(1)(ii)"

  Scenario: A guard at a federal building with nothing said about the civil authorities is conditional
    Given a force "task-force-51" of the Marine Corps
    When "task-force-51" is tasked with "federal property protection" at the federal property on 2025-06-10
    Then the task is conditional
    And the deciding rule is "protective.static-guard-conditions"
    And the conditions include "unable or decline to provide adequate protection"

  Scenario: Before the civil-disturbance rule was removed in April 2018, it was cited too
    Given a force "guard-detail" of the Army
    When "guard-detail" is tasked with "federal property protection" at the federal property on 2015-06-10
    Then the task is conditional
    And the deciding rule is "protective.static-guard-conditions-part-215"
    And the decision cites "32 C.F.R. § 215.4(c)(1)(ii)"

  Scenario: A guard post that is not at federal property is no protection of federal property
    Given a force "task-force-51" of the Marine Corps
    When "task-force-51" is tasked with "federal property protection" in the interior on 2025-06-10
    Then the task is unknown

  Scenario: Before DoDD 3025.18, standing guard at federal property was passive support
    Given a force "guard-detail" of the Army
    When "guard-detail" is tasked with "federal property protection" at the federal property on 2005-06-10
    Then the task is permitted
    And the deciding rule is "protective.static-guard-passive"
    And the decision cites "United States v. McArthur, 419 F. Supp. 186 (D.N.D. 1975)"

  Scenario Outline: <activity> around a federal building is contested
    Given a force "task-force-51" of the Marine Corps
    When "task-force-51" is tasked with "<activity>" at the federal property on 2025-06-10
    Then the task is contested
    And the deciding rule is "protective.active-protection"
    And the decision overrides "18 U.S.C. § 1385"
    And the readings include one citing "Newsom v. Trump"
    And the readings include one citing "Trump v. Illinois"
    And the readings include one citing "32 C.F.R. § 215.4(c)(1)(ii)"
    And the readings include one citing "United States v. McArthur"

    Examples:
      | activity             |
      | perimeter security   |
      | crowd control        |
      | traffic control      |
      | checkpoint operation |
      | patrol               |

  Scenario: Holding a perimeter around immigration officers at work is a contested protective mission
    Given a force "marines" of the Marine Corps
    When "marines" is tasked with "perimeter security" in the interior on 2025-06-11
    And the task supports ICE
    Then the task is contested
    And the deciding rule is "pca.protective-functions"
    And the readings include one citing "Presidential Memorandum of June 7, 2025"
    And the readings include one citing "Newsom v. Trump"

  Scenario: The same perimeter under a proclaimed Insurrection Act invocation is an express exception
    Given a force "marines" of the Marine Corps
    And the Insurrection Act is invoked under section 252 on 2025-06-10 with a proclamation to disperse on 2025-06-10
    When "marines" is tasked with "perimeter security" in the interior on 2025-06-11
    And the task supports ICE
    Then the task is permitted
    And the decision overrides the rule "pca.protective-functions"

  Scenario Outline: <activity> on the city's streets is executing the laws
    Given a force "task-force-51" of the National Guard in Title 10 status
    When "task-force-51" is tasked with "<activity>" in the interior on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "pca.national-guard-federalized"

    Examples:
      | activity           |
      | perimeter security |
      | crowd control      |
      | traffic control    |

  Scenario: Protecting federal property does not extend to arrests
    Given a force "task-force-51" of the Marine Corps
    When "task-force-51" is tasked with "arrest" at the federal property on 2025-06-10
    Then the task is prohibited
    And the deciding rule is "pca.navy-marine-corps-space-force"

  Scenario: On a military installation the military purpose settles what the protective power leaves open
    Given a force "mps" of the Army
    When "mps" is tasked with "perimeter security" at the military installation on 2025-06-10
    Then the task is conditional
    And the deciding rule is "military-purpose.installation"
    And the conditions include "primary purpose is a military one"
    And the decision overrides the rule "protective.active-protection"

  Scenario: In an extraordinary emergency commanders may act, temporarily, to save lives
    Given a force "fort-garrison" of the Army
    And a civil disturbance emergency on 2025-06-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    When "fort-garrison" is tasked with "crowd control" in the interior on 2025-06-01
    Then the task is conditional
    And the deciding rule is "emergency.emergency-authority-4k"
    And the decision cites "DoDD 3025.18 ¶ 4.k"
    And the decision overrides "18 U.S.C. § 1385"
    And the conditions include "temporary"
    And the conditions include "significant loss of life"

  Scenario Outline: No emergency authority when <who> can act
    Given a force "fort-garrison" of the Army
    And a civil disturbance emergency on 2025-06-01
    And local authorities are <local> to control the situation
    And prior authorization by the President is <president>
    When "fort-garrison" is tasked with "crowd control" in the interior on 2025-06-01
    Then the task is prohibited
    And the deciding rule is "pca.army"

    Examples:
      | who                   | local  | president  |
      | the President         | unable | possible   |
      | the local authorities | able   | impossible |

  Scenario: An emergency that does not say whether the President could be asked is conditional on it
    Given a force "fort-garrison" of the Army
    And a civil disturbance emergency on 2025-06-01
    And local authorities are unable to control the situation
    When "fort-garrison" is tasked with "arrest" in the interior on 2025-06-02
    Then the task is conditional
    And the conditions include "prior authorization by the President is impossible"

  Scenario: The emergency authority ends with the emergency
    Given a force "fort-garrison" of the Army
    And a civil disturbance emergency on 2025-06-01
    And local authorities are unable to control the situation
    And prior authorization by the President is impossible
    And local authorities do not protect federal property
    And the emergency ends on 2025-06-03
    When these tasks are assigned:
      | task   | force         | activity      | place    | date       |
      | during | fort-garrison | search        | interior | 2025-06-03 |
      | after  | fort-garrison | search        | interior | 2025-06-04 |
    Then the verdicts are:
      | task   | verdict     | rule                         |
      | during | conditional | emergency.emergency-authority-4k |
      | after  | prohibited  | pca.army                         |

  Scenario: Contested questions at a glance
    Given the scenario:
      """
      scenario: Contested questions at a glance
      as_of: 2025-06-10
      locations:
        - {id: nm-nda, kind: border_zone}
        - {id: federal-building, kind: federal_property}
      forces:
        - {id: army, component: army, status: title_10}
        - {id: cutter, component: coast_guard, status: title_10}
      events:
        - {id: nda, kind: national_defense_area, location: nm-nda, designated: 2025-04-18}
        - {id: ia, kind: insurrection_act, section: 253, invoked: 2025-06-09, proclamation: null, areas: [interior]}
      tasks:
        - {id: C1, force: army, activity: detain_trespasser, location: nm-nda}
        - {id: C2, force: army, activity: crowd_control, location: federal-building}
        - {id: C3, force: army, activity: arrest, location: interior}
        - {id: C4, force: cutter, activity: seizure, location: high_seas}
      """
    Then every task is contested
    And the verdicts are:
      | task | rule                                 |
      | C1   | nda.detain-trespasser                |
      | C2   | protective.active-protection         |
      | C3   | insurrection-act.253-no-proclamation |
      | C4   | status.coast-guard-in-navy           |

  Scenario: Holding people on a base for ICE is contested: military purpose or subterfuge
    Given a force "mps" of the Army in Title 10 status
    When "mps" is tasked with "detention" in the military installation on 2025-06-01
    And the task supports ICE
    Then the task is contested
    And the deciding rule is "military-purpose.civilian-primary-purpose"
    And the decision overrides the rule "pca.army"
