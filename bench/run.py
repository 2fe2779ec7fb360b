"""Comitatus benchmark: fresh-process and warm figures, varied and repetitive data, peers.

    python bench/run.py            # the full run (tens of minutes on 2 shared cores)
    python bench/run.py --quick    # a smoke run: small sizes, one repeat
    python bench/run.py --million  # also 1,000,000 varied tasks, JSON Lines in and out
    python bench/run.py --engine /path/to/other/checkout   # the same run against another version

Two kinds of data (bench/generate.py), side by side at every size:
- varied: 240 forces of every component and status, 60 places of every kind, every activity
  word, four years of dates, events of every kind (an Insurrection Act invocation, a National
  Defense Area, an emergency among them). Almost every task is a situation of its own.
- repetitive: a year of 2,000 recurring orders, the same units doing the same jobs.

Headline figures are a fresh process's: the rulebook loaded and compiled first (untimed), then
ONE check. "Warm" is the same scenario checked again in the same process, answered from the
caches: shown beside, never as the headline. The 1,000,000-task run is JSON Lines in and out,
streamed (engine/stream.py) within the default --max-bytes. Each figure is the median of several runs; memory
is each child's peak resident set (ru_maxrss); CPU is the child's user + system time, which a
busy machine disturbs less than the wall clock. Every child's exit code is checked against what
its command means (`check` exits 1 when some task is not permitted, so 1 is expected exactly
then). Peers (Cedar, raw durable_rules) answer the same tasks and must agree with their
reference table on every task, or they are dropped from the figures with the reason printed.
This is a script, not a test: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
COLD_SCENARIO = "scenarios/jtf-north-2025.yaml"
COLD_FALLBACK = "tests/fixtures/toy-scenario.yaml"
KINDS = ("varied", "wide", "repetitive")


class ChildFailed(SystemExit):
    pass


# ---- running children ----------------------------------------------------------------------

def run_child(argv: list[str], cwd: str, env: dict | None = None, *, expect: tuple[int, ...] = (0,),
              stdout: str | None = None) -> dict:
    """One child process, reaped with wait4 for its rusage: seconds, cpu, peak MB, stdout, code.

    `expect` is the exit codes that mean the command did what was asked; anything else (a
    crash, a refusal, `check` saying "all permitted" of tasks that are not) fails the run.
    With `stdout`, the child's output goes to that file (as `> file` would) and is not read back."""
    with (open(stdout, "wb") if stdout else tempfile.TemporaryFile()) as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = "" if stdout else out.read().decode()
        if code not in expect:
            raise ChildFailed(f"child exited {code}, expected {' or '.join(map(str, expect))}: "
                              f"{' '.join(argv)}\n{err.read().decode()[-2000:]}")
    return {"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024.0,
            "out": text, "code": code}


def repeat(argv: list[str], cwd: str, runs: int, env: dict | None = None, *, expect: tuple[int, ...] = (0,),
           stdout: str | None = None) -> dict:
    rows = [run_child(argv, cwd, env, expect=expect, stdout=stdout) for _ in range(runs)]
    return {"seconds": statistics.median(r["seconds"] for r in rows),
            "cpu": statistics.median(r["cpu"] for r in rows),
            "peak_mb": max(r["peak_mb"] for r in rows), "runs": runs}


def child_env(engine_root: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = engine_root + os.pathsep + HERE
    env.pop("PYTHONSTARTUP", None)
    return env


def cli(engine_root: str) -> list[str]:
    return [sys.executable, os.path.join(engine_root, "cli.py")]


def check_code(summary: dict) -> tuple[int, ...]:
    """The exit code `comitatus check` must give for a scenario with this summary."""
    return (0,) if sum(summary.values()) == summary.get("permitted", 0) else (1,)


# ---- child modes: each prints one JSON line ---------------------------------------------

def child_load() -> None:
    import engine
    from engine.compile import compiled
    start = time.perf_counter()
    rulebook = engine.load_rulebook()
    loaded = time.perf_counter()
    compiled(rulebook)
    done = time.perf_counter()
    print(json.dumps({"load": loaded - start, "compile": done - loaded, "rules": len(rulebook.rules)}))


def _timed(work) -> tuple:
    """work()'s result and its (wall, cpu) seconds: this process's CPU, threads included."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (time.perf_counter() - start, time.process_time() - cpu)


def _median(pairs: list) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def child_eval(path: str, runs: int) -> None:
    """A fresh process: rulebook loaded and compiled, scenario read (untimed); then the first
    check (timed: `fresh`), then the same scenario again (`warm`, answered from the caches).
    `read` is reading and validating the file, timed apart. Times are (wall, cpu) pairs."""
    import engine
    from engine.evaluate import evaluate, gc_paused, load_scenario
    from engine.compile import compiled
    from engine.memo import memo_of
    rulebook = engine.load_rulebook()
    network = compiled(rulebook)
    with gc_paused():
        scenario, read = _timed(lambda: load_scenario(path, rulebook))
    calls = network.engine_calls
    report, fresh = _timed(lambda: evaluate(scenario, rulebook))
    fresh_calls = network.engine_calls - calls
    warm = [_timed(lambda: evaluate(scenario, rulebook))[1] for _ in range(runs)]
    print(json.dumps({"tasks": len(scenario.tasks), "read": read, "fresh": fresh, "warm": _median(warm),
                      "engine_calls": fresh_calls, "situations": len(memo_of(network).situations),
                      "reasonings": len(memo_of(network).resolved),
                      "summary": report.summary}))


def child_peers(path: str, runs: int, durable: bool) -> None:
    """Comitatus's first check in a fresh process against Cedar's and raw durable_rules' batch
    on the same tasks; then both again (Comitatus warm, from its caches). (wall, cpu) pairs."""
    import peers
    import engine
    from engine.evaluate import evaluate, load_scenario
    from engine.compile import compiled
    from engine.compile import task_facts
    rulebook = engine.load_rulebook()
    scenario = load_scenario(path, rulebook)
    network = compiled(rulebook)
    facts = [peers.peer_fact(*task_facts(scenario, task, rulebook.vocabulary, network.epoch(task.date)))
             for task in scenario.tasks]      # built apart: they fill no memo of the network
    requests = peers.cedar_requests(facts, [task.force for task in scenario.tasks])
    reference = [peers.core_decide(fact) for fact in facts]
    result: dict = {"tasks": len(facts), "policies": len(peers.CORE)}
    report, result["comitatus_fresh"] = _timed(lambda: evaluate(scenario, rulebook))
    cedar, durable_times, warm = [], [], []
    dropped: dict[str, str] = {}        # a peer that gives a wrong answer is dropped, with the reason
    try:
        import cedarpy  # noqa: F401
    except ImportError:
        dropped["cedar"] = "cedarpy is not installed (pip install -e '.[bench]')"
    for run in range(runs):
        if "cedar" not in dropped:
            seconds, answers = peers.run_cedar(requests)
            wrong = _first_wrong(answers, reference)
            if wrong is None:
                cedar.append(seconds)
            else:
                dropped["cedar"] = f"Cedar disagrees with its reference table from task {wrong} on"
        if durable and run == 0:        # slow, and it has no cache to warm: once is enough
            try:
                seconds, answers = peers.run_durable(facts)
                wrong = _first_wrong(answers, reference)
            except RuntimeError as error:
                wrong, reason = -1, str(error)
            if wrong is None:
                durable_times.append(seconds)
            else:
                dropped["durable_rules"] = reason if wrong == -1 else \
                    f"raw durable_rules disagrees with its reference table from task {wrong} on"
        warm.append(_timed(lambda: evaluate(scenario, rulebook))[1])
    permitted = [d.verdict.value == "permitted" for d in report.decisions]
    result.update(cedar_first=cedar[0] if cedar else None, cedar=_median(cedar) if cedar else None,
                  comitatus_warm=_median(warm), durable=durable_times[0] if durable_times else None,
                  dropped=dropped, agreement=sum(a == b for a, b in zip(permitted, reference)) / len(reference))
    print(json.dumps(result))


def _median_process(rows: list[dict]) -> dict:
    """The peers figures of the fresh process whose CPU ratio against Cedar is the median one
    (each process's figures kept together: Cedar and Comitatus measured side by side), with
    every process's ratio in `ratios`. A process that dropped a peer is reported as it is."""
    if any(row["cedar"] is None for row in rows):
        return dict(next(row for row in rows if row["cedar"] is None), ratios=[])
    ratios = [row["cedar"][1] / row["comitatus_fresh"][1] for row in rows]
    middle = sorted(range(len(rows)), key=ratios.__getitem__)[len(rows) // 2]
    durable = next((row["durable"] for row in rows if row["durable"]), None)
    dropped = {peer: reason for row in rows for peer, reason in row["dropped"].items()}
    return dict(rows[middle], ratios=ratios, durable=durable, dropped=dropped)


def _first_wrong(answers: list, reference: list) -> int | None:
    """The first task a peer answers differently from the reference table, or None."""
    if len(answers) != len(reference):
        return min(len(answers), len(reference))
    return next((n for n, (a, b) in enumerate(zip(answers, reference)) if a != b), None)


def child_many(count: int, tasks: int) -> None:
    """Memory over many scenarios in one process: RSS after each tenth of the run."""
    import resource

    import engine
    from generate import Generator
    rulebook = engine.load_rulebook()
    marks = []
    start = time.perf_counter()
    for number in range(1, count + 1):
        data = Generator(rulebook, seed=number).scenario(tasks, days=30 + number % 300, templates=tasks)
        engine.check(data, rulebook)
        if number % max(count // 10, 1) == 0:
            marks.append((number, _rss_mb()))
    print(json.dumps({"count": count, "tasks": tasks, "seconds": time.perf_counter() - start, "rss": marks,
                      "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


def child_generate(work: str, wanted: list[str]) -> None:
    import generate
    import engine
    rulebook = engine.load_rulebook()
    made: dict = {}
    for item in wanted:
        kind, size, fmt = item.split(":")
        if (kind, size) not in made:
            made[(kind, size)] = generate.Generator(rulebook).of_kind(kind, int(size))
        generate.write(made[(kind, size)], os.path.join(work, f"{kind}-{size}.{fmt}"))
    print(json.dumps({"made": len(wanted)}))


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


# ---- the run -----------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description="Comitatus benchmark")
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, one repeat")
    parser.add_argument("--engine", default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=None, help="repeats per figure")
    parser.add_argument("--sizes", default=None, help="task counts, e.g. 1000,10000,100000")
    parser.add_argument("--formats", default="yaml,jsonl", help="scenario formats for end to end")
    parser.add_argument("--many", type=int, default=None, help="scenarios in the memory run (0: skip)")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 varied tasks, JSON Lines")
    parser.add_argument("--no-durable", action="store_true", help="skip the raw durable_rules peer (slow)")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures here")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, rest = args.child[0], args.child[1:]
        {"generate": lambda: child_generate(rest[0], rest[1:]), "load": child_load,
         "eval": lambda: child_eval(rest[0], int(rest[1])),
         "peers": lambda: child_peers(rest[0], int(rest[1]), rest[2] == "1"),
         "many": lambda: child_many(int(rest[0]), int(rest[1]))}[mode]()
        return
    runs = args.runs or (1 if args.quick else 3)
    sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000,100000")).split(",")]
    many = args.many if args.many is not None else (100 if args.quick else 2000)
    formats = [f for f in args.formats.split(",") if f]
    engine_root = os.path.abspath(args.engine)
    env = child_env(engine_root)
    me = [sys.executable, os.path.abspath(__file__), "--child"]
    figures: dict = {"date": datetime.date.today().isoformat(), "machine": _machine(), "runs": runs}
    work = tempfile.mkdtemp(prefix="comitatus-bench-")
    # Reports go to tmpfs where there is one: a disk's discard of the previous 300 MB is its noise.
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else work
    piped = os.path.join(shm, f"comitatus-bench-{os.getpid()}.out")
    try:
        print(f"# Comitatus benchmark ({'quick' if args.quick else 'full'}), {figures['machine']}", flush=True)
        files = _generate(work, sizes, formats, env, million=args.million)

        cold = COLD_SCENARIO if os.path.exists(os.path.join(engine_root, COLD_SCENARIO)) else COLD_FALLBACK
        row = repeat(cli(engine_root) + ["check", cold], engine_root, max(3, runs * 2), env, expect=(0, 1))
        figures["cold_start"] = dict(row, scenario=cold)
        _line("a", f"cold start: check {cold}", row)

        figures["load"] = _loads(me, engine_root, runs, env)
        print(f"(d) rulebook load {figures['load']['load'] * 1000:.0f} ms, compile "
              f"{figures['load']['compile'] * 1000:.0f} ms ({figures['load']['rules']} rules)", flush=True)

        figures["in_process"] = []
        summaries = {}
        for size in sizes:
            for kind in KINDS:
                out = run_child(me + ["eval", files[(kind, size, formats[0])], str(max(runs, 2))], engine_root, env)
                row = json.loads(out["out"])
                row.update(kind=kind, peak_mb=out["peak_mb"])
                summaries[(kind, size)] = row["summary"]
                figures["in_process"].append(row)
                n = row["tasks"]
                print(f"(c) in process {kind:<10} {size:>7}: fresh {_rate(n, row['fresh'])} tasks/s  "
                      f"(warm {_rate(n, row['warm'])}/s)  read {row['read'][1]:.2f} s  "
                      f"{row['situations']} situations -> {row['reasonings']} "
                      f"reasonings, peak {out['peak_mb']:.0f} MB", flush=True)

        figures["end_to_end"] = []
        for size in sizes:
            for kind in KINDS:
                expect = check_code(summaries[(kind, size)])
                for fmt in formats:
                    for out_fmt in ("json", "text") if fmt == formats[0] else ("json",):
                        path = files[(kind, size, fmt)]
                        # the default (a large file in one process per core) and, for JSON at
                        # 100,000 tasks and more, --jobs 1 beside it
                        for jobs in ([], ["--jobs", "1"]) if out_fmt == "json" and size >= 100_000 else ([],):
                            row = repeat(cli(engine_root) + ["check", path, "--format", out_fmt] + jobs, engine_root,
                                         runs if size < 100_000 else min(runs, 2), env, expect=expect, stdout=piped)
                            row.update(kind=kind, tasks=size, format=fmt, output=out_fmt,
                                       mb=os.path.getsize(path) / 2 ** 20, output_mb=os.path.getsize(piped) / 2 ** 20)
                            if jobs:
                                row["target"] = "> tmpfs, --jobs 1"
                            os.unlink(piped)
                            figures["end_to_end"].append(row)
                            _line("b", f"check {kind:<10} {size:>7} {fmt:<5} --format {out_fmt:<5} {' '.join(jobs)}",
                                  row)
        for size in sizes:
            for kind in KINDS:
                pair = {row["output"]: row for row in figures["end_to_end"] if row["tasks"] == size
                        and row["kind"] == kind and row["format"] == formats[0]}
                if "json" in pair and "text" in pair:
                    print(f"(t) text vs json, {kind} {size}: {pair['text']['cpu'] / pair['json']['cpu']:.2f}x cpu, "
                          f"{pair['text']['peak_mb']:.0f} vs {pair['json']['peak_mb']:.0f} MB", flush=True)
        if args.million:
            path = files[("varied", 1_000_000, "jsonl")]
            report = os.path.join(work, "varied-1000000.out.jsonl")     # 2 GB: a disk, not tmpfs
            for jobs in ([], ["--jobs", "1"]):
                row = repeat(cli(engine_root) + ["check", path, "--format", "jsonl", "--output", report] + jobs,
                             engine_root, 1, env, expect=(0, 1))
                row.update(kind="varied", tasks=1_000_000, format="jsonl", output="jsonl",
                           target="--output on disk" + (", --jobs 1" if jobs else ""),
                           mb=os.path.getsize(path) / 2 ** 20, output_mb=os.path.getsize(report) / 2 ** 20)
                os.unlink(report)
                figures["end_to_end"].append(row)
                _line("b", f"check varied 1000000 jsonl --format jsonl {' '.join(jobs)}", row)

        figures["peers"] = []
        for size in sizes:
            use_durable = not args.no_durable
            rows = [json.loads(run_child(me + ["peers", files[("varied", size, formats[0])], str(max(runs, 2)),
                                               "1" if use_durable and n == 0 else "0"], engine_root, env)["out"])
                    for n in range(max(runs, 3))]      # a single fresh process moves by 10-15% on a shared host
            row = _median_process(rows)
            figures["peers"].append(row)
            n = row["tasks"]
            durable = f"  durable_rules {_rate(n, row['durable'])}/s" if row["durable"] else ""
            for peer, reason in row["dropped"].items():
                print(f"(e) peers, varied {size:>7}: {peer} DROPPED: {reason}", flush=True)
            if row["cedar"] is None:
                continue
            print(f"(e) peers, varied {size:>7}: comitatus fresh {_rate(n, row['comitatus_fresh'])}/s  "
                  f"cedar {_rate(n, row['cedar'])}/s{durable}  fresh ratio {_ratio(row['cedar'], row['comitatus_fresh'])}"
                  f" (the median of {_ratios(row)})"
                  f" (warm {_ratio(row['cedar'], row['comitatus_warm'])})  agreement {row['agreement']:.0%}",
                  flush=True)

        if many:
            out = run_child(me + ["many", str(many), "10"], engine_root, env)
            figures["many"] = json.loads(out["out"])
            marks = figures["many"]["rss"]
            print(f"(m) {many} scenarios of 10 tasks in one process: {figures['many']['seconds']:.1f} s, RSS "
                  + " ".join(f"{n}:{mb:.0f}MB" for n, mb in marks), flush=True)
        print()
        print(table(figures))
        if args.json_out:
            with open(args.json_out, "w", encoding="utf-8") as handle:
                json.dump(figures, handle, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if os.path.exists(piped):
            os.unlink(piped)


def _generate(work: str, sizes: list[int], formats: list[str], env: dict, *, million: bool) -> dict:
    """Written by a child, so that this process stays small: a child's peak memory counts
    the memory of the process it was forked from."""
    files = {(kind, size, fmt): os.path.join(work, f"{kind}-{size}.{fmt}")
             for size in sizes for kind in KINDS for fmt in formats}
    argv = [sys.executable, os.path.abspath(__file__), "--child", "generate", work]
    run_child(argv + [f"{kind}:{size}:{fmt}" for kind, size, fmt in files], ROOT, child_env(ROOT))
    if million:
        path = files[("varied", 1_000_000, "jsonl")] = os.path.join(work, "varied-1000000.jsonl")
        run_child([sys.executable, os.path.join(HERE, "generate.py"), "1000000", "--varied", "--format", "jsonl"],
                  ROOT, child_env(ROOT), stdout=path)
    return files


def _loads(me: list[str], cwd: str, runs: int, env: dict) -> dict:
    rows = [json.loads(run_child(me + ["load"], cwd, env)["out"]) for _ in range(runs)]
    return {"load": statistics.median(r["load"] for r in rows),
            "compile": statistics.median(r["compile"] for r in rows), "rules": rows[0]["rules"]}


def _line(tag: str, what: str, row: dict) -> None:
    print(f"({tag}) {what}: {row['seconds']:.3f} s (cpu {row['cpu']:.3f} s), peak {row['peak_mb']:.0f} MB",
          flush=True)


def _rate(n: int, pair: list) -> str:
    """Tasks per CPU second (wall in brackets): the machine may be shared, the CPU is not."""
    return f"{n / pair[1]:,.0f} (wall {n / pair[0]:,.0f})"


def _ratios(row: dict) -> str:
    """`3 fresh processes: 11.13x, 11.12x, 11.18x`, each process's own CPU ratio."""
    return f"{len(row['ratios'])} fresh processes: {', '.join(f'{r:.2f}x' for r in row['ratios'])}"


def _ratio(theirs: list, ours: list) -> str:
    return f"{theirs[1] / ours[1]:.2f}x (wall {theirs[0] / ours[0]:.2f}x)"


def _machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} cores{' (' + model + ')' if model else ''}, load average {load:.1f} at start")


def table(figures: dict) -> str:
    """The figures as Markdown tables: fresh process first, warm beside it, never alone."""
    lines = [f"Machine: {figures['machine']}; median of {figures['runs']} runs. Rates are tasks per CPU "
             "second of the process (wall clock in brackets).", "",
             "| measure | data | tasks | fresh process | warm (cache hits) | notes |",
             "| --- | --- | ---: | ---: | ---: | --- |"]
    for row in figures["peers"]:
        n = row["tasks"]
        if row["cedar"] is None:
            lines.append(f"| throughput vs Cedar | varied | {n:,} | Cedar dropped: {row['dropped']['cedar']} | | |")
            continue
        durable = f"; raw durable_rules {_rate(n, row['durable'])}/s" if row.get("durable") else \
            "; raw durable_rules not run"
        lines.append(f"| throughput vs Cedar (same tasks, same process) | varied | {n:,} | "
                     f"**{_ratio(row['cedar'], row['comitatus_fresh'])}**: {_rate(n, row['comitatus_fresh'])}/s "
                     f"vs {_rate(n, row['cedar'])}/s | {_ratio(row['cedar'], row['comitatus_warm'])} | "
                     f"the median (CPU) of {_ratios(row)}; "
                     f"Cedar's first batch {_rate(n, row['cedar_first'])}/s{durable}; yes/no agreement "
                     f"{row['agreement']:.0%} |")
    for row in figures["in_process"]:
        n = row["tasks"]
        lines.append(f"| decide, in process (reading the file apart: {row['read'][1]:.2f} s) | {row['kind']} | "
                     f"{n:,} | {_rate(n, row['fresh'])} tasks/s | {_rate(n, row['warm'])} tasks/s | "
                     f"{row['situations']:,} situations, {row['reasonings']:,} "
                     f"reasonings; {row['engine_calls']} durable_rules calls; peak {row['peak_mb']:.0f} MB |")
    lines += ["", "End to end, the command as a user runs it: a file of more than 25,000 tasks is checked in "
              "one process per core (here up to 4); cpu is every process's, peak memory the largest one's.", "",
              "| end to end, fresh process | data | tasks | input | output | wall | cpu | peak memory |",
              "| --- | --- | ---: | --- | --- | ---: | ---: | ---: |"]
    cold = figures["cold_start"]
    lines.append(f"| `check {cold['scenario']}` (cold start) | bundled | 12 | yaml | text | {cold['seconds']:.3f} s | "
                 f"{cold['cpu']:.3f} s | {cold['peak_mb']:.0f} MB |")
    for row in figures["end_to_end"]:
        lines.append(f"| `check --format {row['output']}` {row.get('target', '> tmpfs')} | {row['kind']} | {row['tasks']:,} | "
                     f"{row['format']} {row['mb']:.0f} MB | {row['output_mb']:.0f} MB | {row['seconds']:.2f} s | "
                     f"{row['cpu']:.2f} s | {row['peak_mb']:.0f} MB |")
    load = figures["load"]
    lines.append(f"| rulebook load + compile | | {load['rules']} rules | | | {load['load'] * 1000:.0f} ms + "
                 f"{load['compile'] * 1000:.0f} ms | | |")
    many = figures.get("many")
    if many:
        marks = many["rss"]
        lines.append(f"| {many['count']:,} scenarios of {many['tasks']} tasks, one process | repetitive | | "
                     f"mapping | | {many['seconds']:.1f} s | | {many['peak']:.0f} MB (RSS "
                     + ", ".join(f"{mb:.0f} MB after {n:,}" for n, mb in marks[:1] + marks[-1:]) + ") |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
