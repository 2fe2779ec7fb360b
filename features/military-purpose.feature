Feature: The military purpose doctrine needs a military purpose, not only a military place
  DoD policy treats as outside the Posse Comitatus Act actions taken "for the primary purpose
  of furthering a DoD or foreign affairs function of the United States, regardless of
  incidental benefits to civilian authorities", such as keeping law and order on an
  installation and protecting DoD people and property; it "does not include actions taken for
  the primary purpose of aiding civilian law enforcement officials or otherwise serving as a
  subterfuge to avoid the restrictions" of the Act (DoDD 5525.5 of 1986; DoDI 3025.21 of 2013,
  Encl. 3, published as 32 C.F.R. § 182.6(a)(1)(ii)(A) until April 5, 2018; United States v.
  Hitchcock, 9th Cir. 2002). So on a base a task is permitted when its purpose is protecting
  DoD people and property, conditional on that purpose when the task does not say, contested
  when it serves a civilian agency (primary purpose or subterfuge), and prohibited when its
  stated purpose is civilian law enforcement and nothing else is claimed for it.

  Scenario: On a base, the purpose decides
    Given the scenario:
      """
      scenario: Military police at Fort Bliss, June 2025
      as_of: 2025-06-05
      locations:
        - {id: bliss, kind: military_installation}
      forces:
        - {id: mps, component: army, status: title_10}
      tasks:
        - {id: FP, force: mps, activity: detention, location: bliss, purpose: force_protection}
        - {id: NONE, force: mps, activity: detention, location: bliss}
        - {id: ICE, force: mps, activity: detention, location: bliss, supports: ice}
        - {id: LE, force: mps, activity: detention, location: bliss, supports: ice, purpose: law_enforcement_support}
        - {id: LE2, force: mps, activity: search, location: bliss, purpose: law_enforcement_support}
      """
    Then the verdicts are:
      | task | verdict     | rule                                     | cites            |
      | FP   | permitted   | military-purpose.installation            | DoDI 3025.21     |
      | NONE | conditional | military-purpose.installation            | DoDI 3025.21     |
      | ICE  | contested   | military-purpose.civilian-primary-purpose | DoDI 3025.21    |
      | LE   | contested   | military-purpose.civilian-primary-purpose | DoDI 3025.21    |
      | LE2  | prohibited  | pca.army                                 | 18 U.S.C. § 1385 |
    And task "NONE" is conditional
    And the conditions include "not a subterfuge"
    And task "LE2" is prohibited
    And the reasons include the rule "pca.military-purpose-excluded"
    And the decision cites "DoDI 3025.21"

  Scenario: Before 2013 DoD Directive 5525.5 drew the same line
    Given the scenario:
      """
      scenario: Military police on a base, 2005
      as_of: 2005-06-05
      forces:
        - {id: mps, component: army, status: title_10}
      tasks:
        - {id: FP, force: mps, activity: apprehension, location: military_installation, purpose: force_protection}
        - {id: LE, force: mps, activity: apprehension, location: military_installation, purpose: law_enforcement_support}
      """
    Then the verdicts are:
      | task | verdict    | rule                                       | cites       |
      | FP   | permitted  | military-purpose.installation-dodd-5525-5  | DoDD 5525.5 |
      | LE   | prohibited | pca.army                                   | DoDD 5525.5 |
    And task "FP" is permitted
    And the decision does not cite "DoDI 3025.21"

  Scenario: An express statute still lifts the bar where the purpose is civilian
    Given the scenario:
      """
      scenario: Protecting the President's visit to a base
      as_of: 2025-06-05
      forces:
        - {id: mps, component: army, status: title_10}
      events:
        - {id: req, kind: statutory_request, statute: "18 U.S.C. § 1751", date: 2025-06-01, requested_by: fbi}
      tasks:
        - {id: S, force: mps, activity: search, location: military_installation, supports: fbi, purpose: law_enforcement_support}
      """
    Then task "S" is permitted
    And the deciding rule is "statute.18-usc-1751"
    And the decision overrides the rule "pca.military-purpose-excluded"

  Scenario: Before 2013 a base task for a civilian agency was contested under DoDD 5525.5, while guarding the base was not
    Given the scenario:
      """
      scenario: A base in 2005
      as_of: 2005-06-05
      forces:
        - {id: mps, component: army, status: title_10}
      tasks:
        - {id: ICE, force: mps, activity: detention, location: military_installation, supports: ice}
        - {id: GATE, force: mps, activity: installation_security, location: military_installation}
      """
    Then the verdicts are:
      | task | verdict   | rule                                                  | cites       |
      | ICE  | contested | military-purpose.civilian-primary-purpose-dodd-5525-5 | DoDD 5525.5 |
      | GATE | permitted | military-purpose.installation-security-dodd-5525-5    | DoDD 5525.5 |
