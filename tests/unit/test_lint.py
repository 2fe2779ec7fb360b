"""The rulebook's own checks: the real rulebook stays within the Rete engine's limits."""
from engine.analysis import lint


def test_real_rulebook_has_no_engine_limit_or_shape_warnings(rulebook):
    codes = {warning.code for warning in lint(rulebook)}
    assert not codes & {"engine-limit", "unscoped", "missing-says", "unconditional-exception"}


def test_unverified_rules_are_flagged(rulebook):
    flagged = {w.rule for w in lint(rulebook) if w.code == "unverified"}
    assert flagged == {rule.id for rule in rulebook.rules if not rule.verified}
