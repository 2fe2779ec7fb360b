"""`comitatus verify`: run .feature files through the step library, without pytest.

Each Gherkin scenario (each row of a Scenario Outline's Examples) is compiled to a "pickle"
by the official `gherkin` parser, then its steps are matched against `steps.STEPS` and run
over a fresh `World`. Every scenario ends in one status:

    passed     every step ran and every expectation held
    failed     an expectation did not hold: the rulebook and the feature disagree
    error      the scenario could not be decided: the engine rejected it, or a step went wrong
    undefined  a step matches no phrase of the library (or more than one)

Exit codes (`Run.exit_code`): 0 every scenario passed; 1 at least one failed and everything
else passed; 2 the input is at fault: a path that is missing or not Gherkin, no scenario at
all, an undefined step, or a scenario in error. A feature with one bad step is not a
specification anyone can rely on, so it outranks a failure.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import engine
from engine.errors import for_people

from .steps import DOCSTRING, STEPS, SpecError, Step, World, matching, read_text, shown

MAPPING = "<mapping>"            # engine.check's name for a scenario given as a mapping

PASSED, FAILED, ERROR, UNDEFINED = "passed", "failed", "error", "undefined"
STATUSES = (PASSED, FAILED, ERROR, UNDEFINED)
_KINDS = {"Context": "given", "Action": "when", "Outcome": "then"}


@dataclass(frozen=True)
class ScenarioResult:
    """What happened to one scenario (one Examples row of an outline)."""
    file: str
    line: int
    name: str
    status: str
    step: str = ""                     # "file:line: Keyword text" of the step that stopped it
    message: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Run:
    results: list[ScenarioResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)     # files that could not be read or parsed
    reports: list[engine.Report] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def exit_code(self) -> int:
        if self.problems or not self.results or self.count(UNDEFINED) or self.count(ERROR):
            return 2
        return 1 if self.count(FAILED) else 0

    @property
    def decisions(self) -> Iterator[engine.Decision]:
        for report in self.reports:
            yield from report.decisions


def feature_files(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """The .feature files under the given files and folders (sorted), and the paths that are not."""
    found, problems = [], []
    for path in paths:
        if os.path.isdir(path):
            for folder, _, names in sorted(os.walk(path)):
                found.extend(os.path.join(folder, name) for name in sorted(names) if name.endswith(".feature"))
        elif os.path.isfile(path):
            found.append(path)
        else:
            problems.append(f"{path}: error[missing-file]: no such file or folder")
    return found, problems


def run(paths: Iterable[str], rulebook: engine.Rulebook | None = None,
        observe: Callable[[engine.Report], None] | None = None, tags: str | None = None) -> Run:
    """Run every scenario of every feature file under `paths` (those `tags` selects, if given)."""
    from .tags import parse
    selected = parse(tags) if tags else None
    rulebook = rulebook or engine.load_rulebook()
    files, problems = feature_files(paths)
    result = Run(problems=problems)

    def keep(report: engine.Report) -> None:
        result.reports.append(report)
        if observe is not None:
            observe(report)

    for path in files:
        try:
            pickles, nodes = _compile(path)
        except _Unreadable as problem:
            result.problems.append(str(problem))
            continue
        for pickle in pickles:
            if selected is not None and not selected(frozenset(t["name"] for t in pickle.get("tags", ()))):
                continue
            result.results.append(_run_pickle(path, pickle, nodes, rulebook, keep))
    return result


class _Unreadable(Exception):
    pass


def _compile(path: str) -> tuple[list[dict], dict[str, dict]]:
    from gherkin.errors import CompositeParserException, ParserError
    from gherkin.parser import Parser
    from gherkin.pickles.compiler import Compiler

    try:
        text = read_text(path)          # the engine's limits: size, devices, UTF-8, NUL bytes
    except engine.ComitatusError as error:
        raise _Unreadable(error.line()) from None
    try:
        document = Parser().parse(text)
    except CompositeParserException as error:
        raise _Unreadable("\n".join(_parse_error(path, e) for e in error.errors)) from None
    except ParserError as error:
        raise _Unreadable(_parse_error(path, error)) from None
    if not document.get("feature"):
        raise _Unreadable(f"{path}: error[not-gherkin]: no 'Feature:' line")
    document["uri"] = path
    nodes: dict[str, dict] = {}
    _index(document, nodes)
    _plain_headers(document, path)
    return Compiler().compile(document), nodes


_REGEX_SPECIAL = re.compile(r"[\\.^$*+?{}\[\]|()]")


def _plain_headers(node: Any, path: str) -> None:
    """gherkin's compiler turns each Examples header into a regular expression unescaped: a
    header `[a` is an internal error and `(a+)+` can backtrack for ever. Refuse them, located."""
    if isinstance(node, dict):
        for cell in (node.get("tableHeader") or {}).get("cells", ()):
            found = _REGEX_SPECIAL.search(cell.get("value", ""))
            if found:
                place = cell.get("location", {})
                raise _Unreadable(f"{path}:{place.get('line', 0)}:{place.get('column', 0)}: error[bad-header]: "
                                  f"an Examples header may not contain {found.group()!r}: use letters, "
                                  "digits, spaces, '_' and '-'")
        for value in node.values():
            _plain_headers(value, path)
    elif isinstance(node, list):
        for value in node:
            _plain_headers(value, path)


def _parse_error(path: str, error: Exception) -> str:
    location = getattr(error, "location", None) or {}
    message = re.sub(r"^\(\d+:\d+\): ", "", str(error))
    return f"{path}:{location.get('line', 0)}:{location.get('column', 0)}: error[gherkin-syntax]: {message}"


def _index(node: Any, nodes: dict[str, dict]) -> None:
    """Every AST node that has an id, so pickle steps can be traced back to their lines."""
    if isinstance(node, dict):
        if "id" in node and "location" in node:
            nodes[node["id"]] = node
        for value in node.values():
            _index(value, nodes)
    elif isinstance(node, list):
        for value in node:
            _index(value, nodes)


def _run_pickle(path: str, pickle: dict, nodes: dict[str, dict], rulebook: engine.Rulebook,
                keep: Callable[[engine.Report], None]) -> ScenarioResult:
    line = pickle.get("location", {}).get("line") or nodes.get(pickle["astNodeIds"][0], {}).get("location", {}).get("line", 0)
    name = pickle.get("name", "")
    planned = []
    for pickle_step in pickle["steps"]:
        node = nodes.get(pickle_step["astNodeIds"][0], {})
        where = f"{path}:{node.get('location', {}).get('line', 0)}: {node.get('keyword', '').strip()} {_cut(pickle_step['text'])}"
        kind = _KINDS.get(pickle_step.get("type", ""))
        found = matching(kind, pickle_step["text"])
        if len(found) != 1:
            if found:
                message = "ambiguous step: it matches " + " and ".join(f"'{step}'" for step, _ in found)
            else:
                message = "undefined step: no phrase of the step library matches it"
            return ScenarioResult(path, line, name, UNDEFINED, where, message,
                                  () if found else suggestions(kind, pickle_step["text"]))
        planned.append((where, found[0], pickle_step.get("argument") or {}, node))
    world = World(rulebook, observe=keep, title=name or "living specification")
    text: dict | None = None                   # where the last `Given the scenario:` text stands
    for where, (step, groups), argument, node in planned:
        table = argument.get("dataTable")
        datatable = [[cell["value"] for cell in row["cells"]] for row in table["rows"]] if table else None
        docstring = argument.get("docString", {}).get("content") if "docString" in argument else None
        if docstring is not None:
            text = (node.get("docString") or {}).get("location")
        try:
            step.run(world, groups, datatable=datatable, docstring=docstring)
        except AssertionError as failure:
            return ScenarioResult(path, line, name, FAILED, where, for_people(str(failure), lines=True))
        except SpecError as problem:
            rejected = getattr(world, "_error", None)         # the engine's own errors, located
            message = str(problem) if rejected is None else \
                "the engine rejected the scenario:\n" + _located(rejected, path, node, text, world)
            return ScenarioResult(path, line, name, ERROR, where, for_people(message, lines=True))
        except engine.ComitatusError as problem:
            return ScenarioResult(path, line, name, ERROR, where, _located(problem, path, node, text, world))
    return ScenarioResult(path, line, name, PASSED)


def _located(problem: engine.ComitatusError, path: str, node: dict, text: dict | None, world: World) -> str:
    """The engine's error lines, each located in the feature file: inside the step's
    `Given the scenario:` text where it came from there, else at the step itself."""
    from engine.errors import SourceLocation
    errors = [e for e in getattr(problem, "errors", (problem,)) if e.code != "uncounted"]
    step = node.get("location", {})
    source = getattr(world, "source", None)
    lines = []
    for error in errors:
        where = error.where
        if where is not None and where.file.startswith(MAPPING):
            where = source.where(_path(where.file)) if source is not None else None
        if where is not None and where.file == DOCSTRING and text:
            where = SourceLocation(path, text["line"] + where.line, where.column + text.get("column", 1) - 1)
        elif where is None or where.file in (DOCSTRING, "<as_of>"):
            where = SourceLocation(path, step.get("line", 0), step.get("column", 0))
        error.where = where
        lines.append(error.line())
    hidden = max(0, len(lines) - engine.Problems.CAP) + getattr(problem, "uncounted", 0)
    return "\n".join(lines[:engine.Problems.CAP] + ([f"... and {hidden} more errors"] if hidden else []))


def _path(place: str) -> tuple:
    """`<mapping>:tasks[3].activity` -> ("tasks", 3, "activity")."""
    return tuple(int(index) if index else key
                 for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", place[len(MAPPING) + 1:]))


STEP_SHOWN = 200                 # characters of a step or scenario name shown in a report line


def _cut(text: str) -> str:
    """A feature's own text in a report line: one line, escaped, cut short."""
    text = for_people(text)
    return text if len(text) <= STEP_SHOWN else text[:STEP_SHOWN - 3] + "..."


def _skeleton(text: str) -> str:
    text = re.sub(r'"[^"]*"', '""', text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "D", text)
    return re.sub(r"\d+", "N", text).lower()


def _phrase_skeleton(step: Step) -> str:
    text = re.sub(r"\{\w+:date\}", "D", step.phrase)
    text = re.sub(r"\{\w+:int\}", "N", text)
    text = re.sub(r'"\{\w+(:[^}]+)?\}"', '""', text)
    text = re.sub(r"\{\w+:([a-z ]+)(\|[^}]*)?\}", r"\1", text)     # literal choices: the first one
    text = re.sub(r"\((\w+)(\|[^)]*)?\)", r"\1", text)
    text = re.sub(r"\{\w+(:[^}]+)?\}", "", text)
    return text.replace("[", "").replace("]", "").lower()


def suggestions(kind: str | None, text: str, limit: int = 3) -> tuple[str, ...]:
    """The known phrases closest to an undefined step, best first."""
    wanted = _skeleton(text)
    scored = []
    for step in STEPS:
        score = difflib.SequenceMatcher(None, wanted, _phrase_skeleton(step)).ratio()
        scored.append((score - (0.1 if kind and step.kind != kind else 0.0), str(step)))
    best = sorted(scored, key=lambda item: -item[0])
    chosen: list[str] = []
    for score, phrase in best:
        if score < 0.45 or len(chosen) == limit:
            break
        if phrase not in chosen:
            chosen.append(phrase)
    return tuple(chosen)


def render(result: Run, *, verbose: bool = False) -> str:
    """The text report `comitatus verify` prints: one line per scenario, then the totals."""
    lines = [for_people(line) for problem in result.problems for line in problem.split("\n")]
    for item in result.results:
        if item.status == PASSED and not verbose:
            continue
        lines.append(f"{item.where}: {item.status.upper()}: {_cut(item.name)}")
        if item.step:
            lines.append(f"  {item.step}")
        for text in item.message.splitlines():
            lines.append(f"    {text}")
        if item.suggestions:
            lines.append("    closest known steps:")
            lines.extend(f"      {phrase}" for phrase in item.suggestions)
    counts = ", ".join(f"{result.count(status)} {status}" for status in STATUSES if result.count(status))
    total = len(result.results)
    lines.append(f"{total} scenario{'s' if total != 1 else ''}: {counts or 'none found'}")
    return "\n".join(lines) + "\n"


def phrases() -> list[str]:
    """Every phrase of the step library, as a reader writes it: Given, then When, then Then."""
    order = {"given": 0, "when": 1, "then": 2}
    return [f"{step.kind.capitalize()} {shown(step.phrase)}" for step in sorted(STEPS, key=lambda s: order[s.kind])]
