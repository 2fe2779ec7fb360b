"""The `rules` sub-app: list, show and lint the rulebook, and measure what the features cover.

cli.py adds it to the app as `comitatus rules ...`.
"""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from cli_parts.guard import guarded
from cli_parts.options import DataFormat, Rules, RulesOnly, colour, rulebook_from
from cli_parts.output import emit

rules_app = typer.Typer(no_args_is_help=True, help="Read and check the rulebook.\n\n"
                                                   "Example: `comitatus rules list --activity arrest`")


@rules_app.command("list")
@guarded
def rules_list(citation: Annotated[Optional[str], typer.Option("--citation", "-c", metavar="TEXT",
                                                               help="Only rules citing this (case, dots "
                                                                    "and section signs ignored).")] = None,
               activity: Annotated[Optional[str], typer.Option("--activity", "-a", metavar="WORD",
                                                               help="Only rules whose scope can take "
                                                                    "this activity.")] = None,
               format: Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")] = DataFormat.text,
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """List the rules, optionally those citing TEXT or able to apply to an activity WORD.

    Example: `comitatus rules list --citation "10 USC 284" --activity data_entry`
    """
    import json

    import engine
    from engine.errors import closest
    from engine.render.rules import matches_activity, matches_citation, rules_data, rules_text
    rulebook = rulebook_from(rules, rules_only)
    chosen = list(rulebook.rules)
    if citation is not None:
        chosen = [rule for rule in chosen if matches_citation(rule, citation)]
    if activity is not None:
        words = rulebook.vocabulary.activity_words
        if activity not in words:
            raise engine.ComitatusError("unknown-activity", f"'{activity}' is not an activity in this rulebook",
                                        did_you_mean=closest(activity, words))
        word = words[activity]
        kind = rulebook.vocabulary.activities[word].activity_class
        chosen = [rule for rule in chosen if matches_activity(rule, word, kind)]
    if format is DataFormat.json:
        emit(json.dumps({"rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules)},
                         "rules": rules_data(chosen)}, ensure_ascii=False, indent=2) + "\n")
        return
    color, width = colour(None)
    emit(rules_text(chosen, color=color, width=width))


@rules_app.command("show")
@guarded
def rules_show(rule_id: Annotated[str, typer.Argument(metavar="ID", help="A rule or authority id.",
                                                      show_default=False)],
               rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Show one rule (or authority) as written in its file, with file:line.

    Example: `comitatus rules show pca.army`
    """
    import engine
    from engine.errors import closest
    from engine.render.rules import rule_source
    rulebook = rulebook_from(rules, rules_only)
    found = rulebook.by_id.get(rule_id) or next((a for a in rulebook.authorities if a.id == rule_id), None)
    if found is None:
        known = list(rulebook.by_id) + [a.id for a in rulebook.authorities]
        raise engine.ComitatusError("unknown-rule", f"no rule or authority '{rule_id}' in {rulebook.directory}",
                                    did_you_mean=closest(rule_id, known))
    emit(rule_source(found))


@rules_app.command("lint")
@guarded
def rules_lint(rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Check the rulebook: loading errors first (exit 2), then warnings (exit 0).

    Example: `comitatus rules lint --rules my-rules/`
    """
    from engine.analysis import lint
    rulebook = rulebook_from(rules, rules_only)
    warnings = lint(rulebook)
    emit("".join(warning.line() + "\n" for warning in warnings)
         + f"{len(rulebook.rules)} rules, {len(rulebook.authorities)} authorities, "
           f"{len(warnings)} warnings\n")



@rules_app.command("coverage")
@guarded
def rules_coverage(features: Annotated[Optional[List[str]], typer.Option(
                       "--features", "-f", metavar="PATH", help="Feature files or folders (default: features/).")] = None,
                   rules: Rules = None, rules_only: RulesOnly = None) -> None:
    """Which rules the features reach, per rules file; exit 1 naming any rule no feature reaches.

    Example: `comitatus rules coverage --features features/`
    """
    from living_spec import coverage
    report = coverage.measure(features or ["features"], rulebook_from(rules, rules_only))
    emit(coverage.render(report))
    raise typer.Exit(report.exit_code)

