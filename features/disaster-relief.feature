Feature: Disaster relief is support under the Stafford Act, never law enforcement
  When the President declares a major disaster, federal agencies "may on the direction of the
  President, provide assistance essential to meeting immediate threats to life and property"
  (42 U.S.C. § 5170b(a)): debris removal, search and rescue, emergency medical care, shelter,
  food and water, movement of supplies or persons, clearing roads. DoD gives it on a FEMA
  mission assignment (§ 5170a(1)); in a declared emergency the same runs through § 5192(a).
  That work is support and rests on the Stafford Act: it does not cite the counterdrug or
  border statutes (10 U.S.C. § 284, Proclamation 10886). The Stafford Act is no exception to
  the Posse Comitatus Act, so active-duty troops may not patrol against looting or enforce a
  curfew, whatever the storm (the Guard in state service answers to state law instead).

  Background:
    Given the scenario:
      """
      scenario: A hurricane's aftermath
      as_of: 2024-10-05
      locations:
        - {id: asheville, kind: interior, name: Asheville and Buncombe County}
        - {id: elsewhere, kind: interior, name: A county outside the declaration}
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: helene, kind: disaster_declaration, declaration: major_disaster,
           number: DR-4827-NC, date: 2024-09-28, areas: [asheville]}
      tasks:
        - {id: food, force: airborne, activity: relief_distribution, location: asheville, supports: fema}
        - {id: roads, force: airborne, activity: debris_removal, location: asheville, supports: fema}
        - {id: hoist, force: airborne, activity: search_and_rescue, location: asheville, supports: fema}
        - {id: lift, force: airborne, activity: transportation, location: asheville, supports: fema}
        - {id: untasked, force: airborne, activity: evacuation, location: asheville}
        - {id: outside, force: airborne, activity: evacuation, location: elsewhere, supports: fema}
        - {id: before, force: airborne, activity: search_and_rescue, location: asheville, supports: fema,
           date: 2024-09-27}
        - {id: looting, force: airborne, activity: patrol, location: asheville, supports: fema}
        - {id: curfew, force: airborne, activity: curfew_enforcement, location: asheville}
      """

  Scenario: Relief tasks on FEMA's mission assignment are permitted under the Stafford Act
    Then the verdicts are:
      | task  | verdict   | rule                         | cites                |
      | food  | permitted | disaster.major-disaster-fema | 42 U.S.C. § 5170b(a) |
      | roads | permitted | disaster.major-disaster-fema | 42 U.S.C. § 5170b(a) |
      | hoist | permitted | disaster.major-disaster-fema | 42 U.S.C. § 5170b(a) |
      | lift  | permitted | disaster.major-disaster-fema | 42 U.S.C. § 5170b(a) |

  Scenario: Moving relief supplies does not cite the counterdrug statute
    Then task "lift" is permitted
    And the decision does not cite "10 U.S.C. § 284(b)(3)"
    And the decision cites "42 U.S.C. § 5170b(a)"

  Scenario: Relief with no mission assignment stated is conditional on one
    Then task "untasked" is conditional
    And the deciding rule is "disaster.major-disaster"
    And the conditions include "mission assignment"

  Scenario: The declaration covers its own places and runs from its date
    Then the verdicts are:
      | task    | verdict |
      | outside | unknown |
      | before  | unknown |

  Scenario: Looting patrols and curfews by active-duty troops stay law enforcement
    Then the verdicts are:
      | task   | verdict    | rule     | cites            |
      | looting | prohibited | pca.army | 18 U.S.C. § 1385 |
      | curfew  | prohibited | pca.army | 18 U.S.C. § 1385 |

  Scenario: Moving supplies, logistics, medical care, aviation and communications rest on the Stafford Act too
    The federal resources § 5170b(a) puts at the State's disposal are not only the relief work it
    names: the soldiers who fly, drive, supply, treat and keep the radios working are giving the
    same essential assistance. Without FEMA's assignment stated they are conditional on it, under
    the Stafford Act, never permitted as counterdrug or law-enforcement support.
    Given the scenario:
      """
      scenario: Support trades under a declaration
      as_of: 2024-10-05
      locations:
        - {id: asheville, kind: interior}
        - {id: border-town, kind: border_zone}
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: helene, kind: disaster_declaration, declaration: major_disaster,
           number: DR-4827-NC, date: 2024-09-28, areas: [asheville, border-town]}
      tasks:
        - {id: trucks, force: airborne, activity: transportation, location: asheville}
        - {id: supply, force: airborne, activity: logistics, location: asheville}
        - {id: medics, force: airborne, activity: medical_support, location: asheville}
        - {id: helicopters, force: airborne, activity: aviation_support, location: border-town}
        - {id: radios, force: airborne, activity: communications_support, location: asheville}
      """
    Then the verdicts are:
      | task        | verdict     | rule                    | cites                |
      | trucks      | conditional | disaster.major-disaster | 42 U.S.C. § 5170b(a) |
      | supply      | conditional | disaster.major-disaster | 42 U.S.C. § 5170b(a) |
      | medics      | conditional | disaster.major-disaster | 42 U.S.C. § 5170b(a) |
      | helicopters | conditional | disaster.major-disaster | 42 U.S.C. § 5170b(a) |
      | radios      | conditional | disaster.major-disaster | 42 U.S.C. § 5170b(a) |
    And task "trucks" is conditional
    And the decision does not cite "10 U.S.C. § 284(b)(3)"
    And task "helicopters" is conditional
    And the decision does not cite "10 U.S.C. § 284(b)(10)"
    And task "radios" is conditional
    And the decision does not cite "10 U.S.C. § 274(b)"

  Scenario: An emergency declaration works the same way through 42 U.S.C. § 5192
    Given the scenario:
      """
      scenario: A declared emergency
      as_of: 2024-09-26
      forces:
        - {id: engineers, component: army, status: title_10}
      events:
        - {id: helene-em, kind: disaster_declaration, declaration: emergency, date: 2024-09-25}
      tasks:
        - {id: shelters, force: engineers, activity: engineering, location: interior, supports: fema}
        - {id: sandbags, force: engineers, activity: engineering, location: interior}
      """
    Then the verdicts are:
      | task     | verdict     | rule                     | cites                |
      | shelters | permitted   | disaster.emergency-fema  | 42 U.S.C. § 5192(a)  |
      | sandbags | conditional | disaster.emergency       | 42 U.S.C. § 5192(a)  |

  Scenario: General construction is engineering, not a border barrier under 10 U.S.C. § 284(b)(7)
    Given the scenario:
      """
      scenario: Words that name a broader thing
      as_of: 2025-01-22
      forces:
        - {id: engineers, component: army, status: title_10}
      tasks:
        - {id: build, force: engineers, activity: construction, location: border_zone, supports: cbp}
        - {id: fence, force: engineers, activity: fence_construction, location: border_zone, supports: cbp}
      """
    Then task "build" is unknown
    And the decision does not cite "10 U.S.C. § 284(b)(7)"
    And task "fence" is permitted
    And the decision cites "Proclamation 10886 § 2"

  Scenario: A word broader than any legal term is refused with suggestions, not guessed
    Given the scenario:
      """
      scenario: Too broad
      as_of: 2025-01-22
      forces:
        - {id: mechanics, component: army, status: title_10}
      tasks:
        - {id: fix, force: mechanics, activity: maintenance, location: border_zone}
      """
    Then the scenario is rejected with "unknown-activity"

  Scenario: A security patrol is a patrol among civilians, not a perimeter
    Given the scenario:
      """
      scenario: Patrols
      as_of: 2025-06-10
      forces:
        - {id: marines, component: marine_corps, status: title_10}
      tasks:
        - {id: walk, force: marines, activity: security_patrol, location: interior}
      """
    Then task "walk" is prohibited
    And the deciding rule is "pca.navy-marine-corps-space-force"
