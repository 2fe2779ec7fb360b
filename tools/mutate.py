"""Rule mutation testing: how much of the law can change without a test noticing?

Applies one change at a time to `rules/*.yaml` (as text, so the file stays the file a person
wrote), keeps the mutants the engine can load and whose output differs from the original's on
a probe grid, runs the test suite against each in a private copy of the repository, and prints
the share killed per operator and every survivor.

    python tools/mutate.py                       # every mutant, 2 parallel suites
    python tools/mutate.py --sample 80 --seed 1 --jobs 2
    python tools/mutate.py --list                # the mutants and whether the grid sees them, no suite

Operators (one edit each): `effective` and `until` one day earlier or later; the effect flipped;
one `when` key (with its value list) dropped; one `requires` item dropped; one citation changed;
one `overrides` entry deleted. See docs/mutation.md.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import datetime
import glob
import hashlib
import json
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import engine  # noqa: E402

FLIP = {"permit": "prohibit", "prohibit": "permit", "conditional": "prohibit", "contested": "permit",
        "oblige": None}
FAST_TESTS = ["tests/law", "tests/golden", "tests/bdd"]     # run first: most mutants die here
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", ".hypothesis", "__pycache__", ".pytest_cache",
                                     "*.egg-info", "bench", "mutants")


@dataclasses.dataclass
class Mutant:
    operator: str
    file: str            # rules/x.yaml
    rule: str
    what: str            # human description
    start: int           # text span replaced
    end: int
    new: str

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new + text[self.end:]

    @property
    def name(self) -> str:
        return f"{self.operator}  {self.rule}  {self.what}"


# ---- finding the mutants ---------------------------------------------------------------------

def _get(node: yaml.MappingNode, key: str):
    for k, v in node.value:
        if k.value == key:
            return k, v
    return None, None


def _span_in_mapping(text: str, node: yaml.MappingNode, key_node, value_node) -> tuple[int, int]:
    """The text to delete to drop one key of a mapping (block or flow)."""
    start, end = key_node.start_mark.index, value_node.end_mark.index
    if node.flow_style:
        return _flow_cut(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    if text[end - 1:end] == "\n":          # a block value ends where the next key's line begins
        return line_start, end
    if not text[text.rfind("\n", 0, end) + 1:end].strip():
        return line_start, text.rfind("\n", 0, end) + 1
    line_end = text.find("\n", end)
    return line_start, (len(text) if line_end < 0 else line_end + 1)


def _flow_cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over one comma next to it, so `[a, b, c]` loses `b, ` cleanly."""
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] == ",":
        after += 1
        while after < len(text) and text[after] in " \t\n":
            after += 1
        return start, after
    before = start
    while before > 0 and text[before - 1] in " \t\n":
        before -= 1
    if before > 0 and text[before - 1] == ",":
        return before - 1, end
    return start, end


def _span_in_sequence(text: str, node: yaml.SequenceNode, item) -> tuple[int, int]:
    start, end = item.start_mark.index, item.end_mark.index
    if node.flow_style:
        return _flow_cut(text, start, end)
    dash = text.rfind("-", 0, start)
    line_start = text.rfind("\n", 0, dash) + 1
    stop = end
    if isinstance(item, yaml.ScalarNode) or item.flow_style:
        nl = text.find("\n", end)
        stop = len(text) if nl < 0 else nl + 1
    else:           # a block mapping ends where the next item's line begins
        stop = text.rfind("\n", 0, end) + 1 if text[end - 1:end] != "\n" else end
        if stop <= line_start:
            stop = end
    return line_start, stop


_NUMBER = re.compile(r"\d+")


def _changed_citation(value: str) -> str | None:
    """The same citation form with its section number changed (1385 -> 1386)."""
    at = value.find("§")
    search_from = at if at >= 0 else 0
    match = _NUMBER.search(value, search_from)
    if not match:
        match = _NUMBER.search(value)
    if not match:
        return None
    return value[:match.start()] + str(int(match.group()) + 1) + value[match.end():]


def mutants_of(path: str) -> list[Mutant]:
    text = open(path, encoding="utf-8").read()
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    relative = os.path.relpath(path, ROOT)
    found: list[Mutant] = []
    if not isinstance(root, yaml.MappingNode):
        return found
    _, rules = _get(root, "rules")
    if not isinstance(rules, yaml.SequenceNode):
        return found
    for rule in rules.value:
        _, ident = _get(rule, "id")
        rid = ident.value if ident is not None else "?"

        def add(operator, what, start, end, new):
            found.append(Mutant(operator, relative, rid, what, start, end, new))

        for field in ("effective", "until"):
            _, node = _get(rule, field)
            if node is None or node.value in ("null", "~", ""):
                continue
            day = datetime.date.fromisoformat(node.value.strip("'\""))
            for delta in (-1, 1):
                add(f"{field}{delta:+d}", f"{field} {day} -> {day + datetime.timedelta(delta)}",
                    node.start_mark.index, node.end_mark.index, (day + datetime.timedelta(delta)).isoformat())
        _, effect = _get(rule, "effect")
        if effect is not None and FLIP.get(effect.value):
            add("flip-effect", f"effect {effect.value} -> {FLIP[effect.value]}", effect.start_mark.index,
                effect.end_mark.index, FLIP[effect.value])
        _, when = _get(rule, "when")
        if isinstance(when, yaml.MappingNode):
            for key, value in when.value:
                start, end = _span_in_mapping(text, when, key, value)
                add("drop-when", f"when.{key.value} dropped", start, end, "")
        _, requires = _get(rule, "requires")
        if isinstance(requires, yaml.SequenceNode):
            for index, item in enumerate(requires.value):
                start, end = _span_in_sequence(text, requires, item)
                says = _get(item, "says")[1] if isinstance(item, yaml.MappingNode) else None
                label = (says.value[:50] if says is not None else str(index))
                new = "" if len(requires.value) > 1 or requires.flow_style else None
                if new is None:         # the only item: drop the whole `requires:` key
                    key, value = _get(rule, "requires")
                    start, end = _span_in_mapping(text, rule, key, value)
                    new = ""
                add("drop-requires", f"requires[{index}] dropped ({label})", start, end, new)
        _, citations = _get(rule, "citations")
        if isinstance(citations, yaml.SequenceNode):
            for item in citations.value:
                changed = _changed_citation(item.value)
                if changed:
                    raw = text[item.start_mark.index:item.end_mark.index]
                    add("change-citation", f"citation {item.value!r} -> {changed!r}", item.start_mark.index,
                        item.end_mark.index, raw.replace(item.value, changed) if item.value in raw
                        else json.dumps(changed, ensure_ascii=False))
        _, overrides = _get(rule, "overrides")
        if isinstance(overrides, yaml.SequenceNode):
            for item in overrides.value:
                if len(overrides.value) == 1:
                    key, value = _get(rule, "overrides")
                    start, end = _span_in_mapping(text, rule, key, value)
                else:
                    start, end = _span_in_sequence(text, overrides, item)
                add("drop-override", f"overrides {item.value!r} deleted", start, end, "")
    return found


def all_mutants(rules_dir: str) -> list[Mutant]:
    result = []
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.yaml"))):
        if os.path.basename(path) != "vocabulary.yaml":
            result.extend(mutants_of(path))
    return result


# ---- the probe grid --------------------------------------------------------------------------

def boundary_dates(rulebook: engine.Rulebook) -> list[datetime.date]:
    days = set()
    one = datetime.timedelta(days=1)
    for rule in rulebook.rules:
        days.update((rule.effective - one, rule.effective))
        if rule.until:
            days.update((rule.until, rule.until + one))
    return sorted(days)


@dataclasses.dataclass(frozen=True)
class Probe:
    id: str
    component: str
    status: str
    activity: str
    kind: str | None            # location kind, or None for a task with no place


def grid(vocabulary) -> list[Probe]:
    """Every component in every status it may take x every activity x every location kind (and none)."""
    probes = []
    for component in sorted(vocabulary.components):
        for status in vocabulary.components[component].statuses:
            for activity in sorted(vocabulary.activities):
                for kind in [None] + sorted(vocabulary.location_kinds):
                    probes.append(Probe(f"{component}-{status}/{activity}/{kind or '-'}", component, status,
                                        activity, kind))
    return probes


def in_scope(rule: engine.Rule, probe: Probe, vocabulary) -> bool:
    """Whether the rule's `when` can match the probe (requirements aside)."""
    for key, values in rule.when:
        if key == "component" and probe.component not in values:
            return False
        if key == "status" and probe.status not in values:
            return False
        if key == "activity" and probe.activity not in values:
            return False
        if key == "activity_class" and vocabulary.activities[probe.activity].activity_class not in values:
            return False
        if key == "location" and (probe.kind is None or not set(vocabulary.location_kinds[probe.kind]) & set(values)):
            return False
        if key not in ("component", "status", "activity", "activity_class", "location"):
            return False        # supports and anything newer: the grid never states it
    return True


def in_force(rule: engine.Rule, day: datetime.date) -> bool:
    return rule.effective <= day and (rule.until is None or day <= rule.until)


def grid_scenario(probes: list[Probe], day: datetime.date) -> dict:
    forces = sorted({(p.component, p.status) for p in probes})
    kinds = sorted({p.kind for p in probes if p.kind})
    tasks = []
    for probe in probes:
        task = {"id": probe.id, "force": f"{probe.component}-{probe.status}", "activity": probe.activity}
        if probe.kind:
            task["location"] = f"at-{probe.kind}"
        tasks.append(task)
    return {"scenario": f"grid {day}", "as_of": day.isoformat(),
            "forces": [{"id": f"{c}-{s}", "component": c, "status": s} for c, s in forces],
            "locations": [{"id": f"at-{k}", "kind": k} for k in kinds], "tasks": tasks}


def _decisions(report) -> dict[str, bytes]:
    """Task id -> a digest of its whole decision as the JSON report gives it."""
    data = json.loads(report.to_json())
    return {d["task"]: hashlib.blake2b(json.dumps(d, sort_keys=True, ensure_ascii=False).encode(),
                                       digest_size=16).digest()
            for scenario in data["scenarios"] for d in scenario["decisions"]}


def _scenario_outputs(rulebook) -> list[dict[str, bytes]]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return [_decisions(engine.check(path, rulebook=rulebook)) for path in sorted(glob.glob("scenarios/*.yaml"))]
    finally:
        os.chdir(cwd)


class Grid:
    """The original rulebook's answers on the whole grid, computed once.

    A mutant changes one rule, so it can change only tasks that rule (before or after the
    change) has in scope, on dates it is in force: only those are asked of the mutant, and
    compared with the original's answers to the same tasks (plus every scenarios/ file).
    """

    def __init__(self, rules_dir: str):
        self.rulebook = engine.load_rulebook(rules_dir)
        self.vocabulary = self.rulebook.vocabulary
        self.dates = boundary_dates(self.rulebook)
        self.probes = grid(self.vocabulary)
        self.answers = {day: _decisions(engine.check(grid_scenario(self.probes, day), rulebook=self.rulebook))
                        for day in self.dates}
        self.scenarios = _scenario_outputs(self.rulebook)

    def differs(self, mutant_book: engine.Rulebook, rule_id: str) -> bool:
        versions = [book.by_id[rule_id] for book in (self.rulebook, mutant_book) if rule_id in book.by_id]
        probes = [p for p in self.probes if any(in_scope(rule, p, self.vocabulary) for rule in versions)]
        for day in self.dates:
            if not probes or not any(in_force(rule, day) for rule in versions):
                continue
            answers = _decisions(engine.check(grid_scenario(probes, day), rulebook=mutant_book))
            if any(answers[p.id] != self.answers[day][p.id] for p in probes):
                return True
        return _scenario_outputs(mutant_book) != self.scenarios


def classify(mutant: Mutant, reference: Grid, scratch: str) -> str:
    """'observable', 'equivalent' (the grid sees no change) or 'unloadable'."""
    rules = os.path.join(scratch, "rules")
    if not os.path.isdir(rules):
        shutil.copytree(os.path.join(ROOT, "rules"), rules)
    target = os.path.join(rules, os.path.basename(mutant.file))
    pristine = open(os.path.join(ROOT, mutant.file), encoding="utf-8").read()
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(mutant.apply(pristine))
    try:
        book = engine.load_rulebook(rules)
        return "observable" if reference.differs(book, mutant.rule) else "equivalent"
    except engine.ComitatusError:
        return "unloadable"
    finally:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(pristine)


# ---- running the suite against a mutant ------------------------------------------------------

_WORKER_COPY: str | None = None


def _worker_copy() -> str:
    global _WORKER_COPY
    if _WORKER_COPY is None:
        _WORKER_COPY = tempfile.mkdtemp(prefix="comitatus-mutant-")
        shutil.copytree(ROOT, os.path.join(_WORKER_COPY, "repo"), ignore=COPY_IGNORE)
    return os.path.join(_WORKER_COPY, "repo")


def run_suite(mutant: Mutant, timeout: int) -> tuple[str, float, str]:
    """('killed' | 'survived' | 'timeout', seconds, the failing test or '')."""
    repo = _worker_copy()
    target = os.path.join(repo, mutant.file)
    pristine = open(os.path.join(ROOT, mutant.file), encoding="utf-8").read()
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(mutant.apply(pristine))
    env = dict(os.environ, PYTHONPATH=repo, PYTHONDONTWRITEBYTECODE="1")
    started = time.monotonic()
    try:
        stages = [[p for p in FAST_TESTS if os.path.isdir(os.path.join(repo, p))],
                  ["tests"] + [f"--ignore={p}" for p in FAST_TESTS]]
        for stage in stages:
            command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header",
                       "-o", "addopts=", *stage]
            done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                                  timeout=max(1, timeout - (time.monotonic() - started)))
            if done.returncode != 0:
                failed = re.findall(r"^FAILED (\S+)", done.stdout, re.M) or re.findall(r"^ERROR (\S+)", done.stdout,
                                                                                     re.M)
                return "killed", time.monotonic() - started, (failed[0] if failed else f"exit {done.returncode}")
        return "survived", time.monotonic() - started, ""
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - started, ""
    finally:
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(pristine)


# ---- the report ------------------------------------------------------------------------------

def report(results: list[tuple[Mutant, str, float, str]], skipped: dict[str, int], out=sys.stdout) -> float:
    operators = sorted({m.operator for m, *_ in results})
    print(f"\n{'operator':<16} {'mutants':>7} {'killed':>7} {'survived':>8} {'rate':>7}", file=out)
    killed_all = total_all = 0
    for operator in operators:
        mine = [r for r in results if r[0].operator == operator]
        killed = sum(1 for r in mine if r[1] in ("killed", "timeout"))
        total_all += len(mine)
        killed_all += killed
        rate = f"{100.0 * killed / len(mine):.1f}%" if mine else "-"
        print(f"{operator:<16} {len(mine):>7} {killed:>7} {len(mine) - killed:>8} {rate:>7}", file=out)
    rate = 100.0 * killed_all / total_all if total_all else 100.0
    print(f"{'all':<16} {total_all:>7} {killed_all:>7} {total_all - killed_all:>8} {rate:>6.1f}%", file=out)
    print("not run: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())), file=out)
    survivors = [r for r in results if r[1] == "survived"]
    if survivors:
        print("\nsurvivors:", file=out)
        for mutant, *_ in survivors:
            print(f"  {mutant.file}  {mutant.name}", file=out)
    return rate


_REFERENCE: Grid | None = None
_SCRATCH = ""


def _classify_here(mutant: Mutant) -> str:
    """classify() in a worker process, in a scratch folder of its own."""
    folder = os.path.join(_SCRATCH, f"w{os.getpid()}")
    os.makedirs(folder, exist_ok=True)
    return classify(mutant, _REFERENCE, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="suites run in parallel (default 2)")
    parser.add_argument("--sample", type=int, default=0,
                        help="run only N observable mutants, drawn at random (mutants are classified "
                             "in a seeded random order until N observable ones are found)")
    parser.add_argument("--seed", type=int, default=0, help="seed of --sample (default 0)")
    parser.add_argument("--operator", action="append", default=[],
                        help="only these operators (repeatable; 'effective' means effective-1 and +1)")
    parser.add_argument("--rule", default="", help="only rules whose id starts with this")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per mutant's suite (default 900)")
    parser.add_argument("--list", action="store_true", help="classify the mutants on the grid, run no suite")
    parser.add_argument("--json", default="", help="also write the results to this file")
    args = parser.parse_args(argv)

    rules_dir = os.path.join(ROOT, "rules")
    mutants = [m for m in all_mutants(rules_dir)
               if (not args.operator or m.operator in args.operator or m.operator[:-2] in args.operator)
               and m.rule.startswith(args.rule)]
    started = time.monotonic()
    reference = Grid(rules_dir)
    print(f"{len(mutants)} mutants; probe grid of {len(reference.probes)} tasks on {len(reference.dates)} "
          f"dates plus {len(reference.scenarios)} scenarios ({time.monotonic() - started:.0f} s)", flush=True)
    if args.sample:
        random.Random(args.seed).shuffle(mutants)
    global _REFERENCE, _SCRATCH
    _REFERENCE = reference              # inherited by the forked classifier processes
    _SCRATCH = tempfile.mkdtemp(prefix="comitatus-grid-")
    kinds: dict[int, str] = {}
    observable: list[Mutant] = []
    jobs = max(1, args.jobs)
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=jobs,
                                                    mp_context=multiprocessing.get_context("fork")) as pool:
            for at in range(0, len(mutants), jobs * 4):     # in order, a batch at a time
                batch = mutants[at:at + jobs * 4]
                for mutant, kind in zip(batch, pool.map(_classify_here, batch)):
                    kinds[id(mutant)] = kind
                    if kind == "observable" and not (args.sample and len(observable) >= args.sample):
                        observable.append(mutant)
                print(f"  classified {len(kinds)}: {len(observable)} observable so far "
                      f"({time.monotonic() - started:.0f} s)", flush=True)
                if args.sample and len(observable) >= args.sample:
                    break
    finally:
        shutil.rmtree(_SCRATCH, ignore_errors=True)
    for mutant in mutants:          # classified beyond the sample: counted as not sampled
        if kinds.get(id(mutant)) == "observable" and mutant not in observable:
            kinds[id(mutant)] = "not sampled"
    skipped: dict[str, int] = {}
    for mutant in mutants:
        kind = kinds.get(id(mutant), "not classified (sample full)")
        if kind != "observable":
            skipped[kind] = skipped.get(kind, 0) + 1
    print(f"{len(observable)} observable, " + ", ".join(f"{v} {k}" for k, v in sorted(skipped.items()))
          + f" ({time.monotonic() - started:.0f} s)", flush=True)
    if args.list:
        for mutant in mutants:
            if id(mutant) in kinds:
                print(f"{kinds[id(mutant)]:<11} {mutant.file}  {mutant.name}")
        return 0
    results = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(run_suite, m, args.timeout): m for m in observable}
        for number, future in enumerate(concurrent.futures.as_completed(futures), 1):
            mutant = futures[future]
            outcome, seconds, test = future.result()
            results.append((mutant, outcome, seconds, test))
            print(f"[{number}/{len(observable)}] {outcome:<8} {seconds:6.1f}s  {mutant.file}  {mutant.name}"
                  + (f"  <- {test}" if test else ""), flush=True)
    results.sort(key=lambda r: (r[0].file, r[0].start, r[0].operator))
    rate = report(results, skipped)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump([{"operator": m.operator, "file": m.file, "rule": m.rule, "what": m.what, "outcome": o,
                        "seconds": round(s, 1), "test": t} for m, o, s, t in results], handle, indent=1)
    print(f"\nkill rate {rate:.1f}% of {len(results)} observable mutants run "
          f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
