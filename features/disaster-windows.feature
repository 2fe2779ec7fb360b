Feature: Relief in the first hours and days: immediate response and DoD emergency work
  Before any declaration, a commander may answer a civil authority's request at once, "to save
  lives, prevent human suffering, or mitigate great property damage" (DoDD 3025.18, immediate
  response, reassessed within 72 hours), and the Governor may ask the President to direct DoD
  to do emergency work "essential for the preservation of life and property" for "a period not
  to exceed 10 days" (42 U.S.C. § 5170b(c)). Both are support: neither lets troops enforce the
  law, and neither cites the counterdrug or border statutes.

  Scenario: On a civil request a commander may send troops to rescue people, for 72 hours
    Given the scenario:
      """
      scenario: Immediate response
      as_of: 2024-09-27
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: flood, kind: emergency, nature: natural_disaster, date: 2024-09-27, civil_request: true}
      tasks:
        - {id: rescue, force: airborne, activity: search_and_rescue, location: interior, date: 2024-09-28}
        - {id: late, force: airborne, activity: search_and_rescue, location: interior, date: 2024-10-01}
        - {id: lift, force: airborne, activity: transportation, location: interior, date: 2024-09-28}
        - {id: looting, force: airborne, activity: patrol, location: interior, date: 2024-09-28}
      """
    Then the verdicts are:
      | task    | verdict     | rule                         |
      | rescue  | conditional | disaster.dod-emergency-work  |
      | late    | conditional | disaster.dod-emergency-work  |
      | lift    | conditional | disaster.dod-emergency-work  |
      | looting | prohibited  | pca.army                     |
    And task "rescue" is conditional
    And the reasons include the rule "disaster.immediate-response"
    And task "lift" is conditional
    And the decision does not cite "10 U.S.C. § 284(b)(3)"

  Scenario: Without a civil request and after ten days nothing but a declaration will do
    Given the scenario:
      """
      scenario: After the windows
      as_of: 2024-10-20
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: flood, kind: emergency, nature: natural_disaster, date: 2024-09-27}
      tasks:
        - {id: rescue, force: airborne, activity: search_and_rescue, location: interior, date: 2024-10-20}
      """
    Then task "rescue" is unknown

  Scenario: A riot is not an incident the Stafford Act answers; a civil request still may be
    Given the scenario:
      """
      scenario: Riot
      as_of: 2025-06-02
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: riot, kind: emergency, nature: civil_disturbance, date: 2025-06-01}
      tasks:
        - {id: clear, force: airborne, activity: debris_removal, location: interior}
      """
    Then task "clear" is conditional
    And the deciding rule is "disaster.immediate-response"
    And the conditions include "a request for assistance from a civil authority"

  Scenario: In the first days every support trade rests on the emergency work or immediate response, not on § 284
    Given the scenario:
      """
      scenario: Before any declaration
      as_of: 2024-09-28
      forces:
        - {id: airborne, component: army, status: title_10}
      events:
        - {id: flood, kind: emergency, nature: natural_disaster, date: 2024-09-27, civil_request: true}
      tasks:
        - {id: supply, force: airborne, activity: logistics, location: interior}
        - {id: helicopters, force: airborne, activity: aviation_support, location: border_zone}
        - {id: radios, force: airborne, activity: communications_support, location: interior}
        - {id: day-ten, force: airborne, activity: aviation_support, location: interior, date: 2024-10-06}
      """
    Then the verdicts are:
      | task        | verdict     | rule                        |
      | supply      | conditional | disaster.dod-emergency-work |
      | helicopters | conditional | disaster.dod-emergency-work |
      | radios      | conditional | disaster.dod-emergency-work |
      | day-ten     | conditional | disaster.dod-emergency-work |
    And task "helicopters" is conditional
    And the reasons include the rule "disaster.immediate-response"
    And the decision does not cite "10 U.S.C. § 284(b)(10)"
    And task "radios" is conditional
    And the decision does not cite "10 U.S.C. § 274(b)"
