Feature: The D.C. National Guard, and the States' Guard serving in the District
  The President is commander-in-chief of the District of Columbia National Guard at all times
  (D.C. Code § 49-409); its militia is subject to duty "to aid the civil authorities in the
  execution of the laws or suppression of riots" (D.C. Code § 49-404). Whether the Posse Comitatus
  Act (18 U.S.C. § 1385) reaches it in militia status is contested, and its members have no
  power of arrest of their own. The Guard of a State may serve in the District on "other duty"
  under 32 U.S.C. § 502(f) at the President's request; whether that reaches law enforcement there
  is contested too: District of Columbia v. Trump (D.D.C. Nov. 20, 2025) held it beyond the
  statute, and the D.C. Circuit stayed that ruling on Dec. 17, 2025.

  Background:
    Given the scenario:
      """
      scenario: Washington, August 2025
      as_of: 2025-08-20
      locations:
        - {id: mall, kind: federal_property, state: DC}
        - {id: union-station, kind: interior, state: DC}
        - {id: charleston, kind: interior, state: WV}
      forces:
        - {id: dc-guard, component: national_guard, status: title_32, state: DC}
        - {id: wv-guard, component: national_guard, status: title_32, state: WV}
        - {id: md-guard, component: national_guard, status: title_32}
      tasks:
        - {id: dc-patrol, force: dc-guard, activity: patrol, location: mall}
        - {id: dc-arrest, force: dc-guard, activity: arrest, location: union-station}
        - {id: dc-support, force: dc-guard, activity: logistics, location: union-station}
        - {id: wv-patrol, force: wv-guard, activity: patrol, location: union-station}
        - {id: wv-at-home, force: wv-guard, activity: arrest, location: charleston}
        - {id: unstated, force: md-guard, activity: arrest, location: union-station}
      """

  Scenario: A presence patrol by the D.C. Guard is contested, each reading dated
    Then task "dc-patrol" is contested
    And the deciding rule is "dc-guard.militia-law-enforcement"
    And the readings include one citing "D.C. Code § 49-409"
    And the readings include one citing "District of Columbia v. Trump (D.D.C. Nov. 20, 2025)"
    And the readings include one citing "District of Columbia v. Trump (D.C. Cir. Dec. 17, 2025)"

  Scenario: An arrest by the D.C. Guard also needs a source of arrest power
    Then task "dc-arrest" is contested
    And the reasons include the rule "dc-guard.arrest-power"

  Scenario: Support by the D.C. Guard is support
    Then task "dc-support" is permitted

  Scenario: Another State's Guard policing the District under § 502(f) is contested
    Then task "wv-patrol" is contested
    And the deciding rule is "dc-guard.out-of-state-502f"
    And the readings include one citing "32 U.S.C. § 502(f)(2)(A)"

  Scenario: The same Guard at home answers to its own State's law
    Then task "wv-at-home" is conditional
    And the deciding rule is "status.guard-title-32-law-enforcement"

  Scenario: A Guard whose State is not stated is not taken for the D.C. Guard or for an out-of-state one
    Then task "unstated" is conditional
    And the deciding rule is "status.guard-title-32-law-enforcement"
