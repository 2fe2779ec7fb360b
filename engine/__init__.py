"""Comitatus: may these troops do this task, here, on this date, and under what authority?

    import engine
    rulebook = engine.load_rulebook()
    report = engine.check("scenarios/jtf-north-2025.yaml", rulebook=rulebook)
    for decision in report.decisions:
        print(decision.task, decision.verdict.value, decision.rule, decision.citations)
"""
from .evaluate import check, evaluate, load_scenario
from .errors import (ComitatusError, CompileError, Problems, RulebookError, ScenarioError,
                     SourceLocation)
from .model import (Authority, AuthorityStatus, Decision, Event, Force, Location, Overridden,
                    Reading, Reason, Remedy, Rule, Rulebook, Scenario, Task, Verdict, Window)
from .report import VERSION, Report, reports_json, reports_json_bytes
from .rulebook import load_rulebook

__version__ = VERSION
# The public API. The other names above stay importable from `engine` for type hints and for
# the living spec, but they are the report's parts, reached through these.
__all__ = ["ComitatusError", "Decision", "Problems", "Report", "SourceLocation", "Verdict", "check",
           "load_rulebook"]
