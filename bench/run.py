"""Comitatus benchmark: cold start, end to end, in-process throughput, rulebook load, peers.

    python bench/run.py            # the full run (about ten minutes on 2 cores)
    python bench/run.py --quick    # a smoke run: small sizes, fewer repeats
    python bench/run.py --engine /path/to/other/checkout   # the same run against another version

Every figure is the median of several runs; memory is each child process's peak resident
set (ru_maxrss), so one measurement never inherits another's heap. Scenarios are generated
deterministically by bench/generate.py from the rulebook's own words. This is a script, not
a test: nothing here asserts a time.
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


# ---- running children ----------------------------------------------------------------------

def run_child(argv: list[str], cwd: str, env: dict | None = None,
              stdout: str | None = None) -> tuple[float, float, str, int]:
    """(seconds, peak MB, stdout, exit code) of one child process, reaped with wait4 for its rusage.
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
        if code not in (0, 1):
            raise SystemExit(f"child failed ({code}): {' '.join(argv)}\n{err.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0, text, code


def repeat(argv: list[str], cwd: str, runs: int, env: dict | None = None, stdout: str | None = None) -> dict:
    times, peaks = [], []
    out = ""
    for _ in range(runs):
        elapsed, peak, out, _ = run_child(argv, cwd, env, stdout)
        times.append(elapsed)
        peaks.append(peak or 0.0)
    return {"seconds": statistics.median(times), "peak_mb": max(peaks), "runs": runs, "out": out}


def child_env(engine_root: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = engine_root + os.pathsep + HERE
    env.pop("PYTHONSTARTUP", None)
    return env


def cli(engine_root: str) -> list[str]:
    """`comitatus` if it is installed for this interpreter and this checkout, else `python cli.py`."""
    return [sys.executable, os.path.join(engine_root, "cli.py")]


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


def child_eval(path: str, runs: int) -> None:
    """In-process throughput: the scenario is read first (not timed), then evaluated with full
    explanations: the first run on a fresh process (cold caches), then warm runs."""
    import engine
    from engine.evaluate import evaluate, load_scenario
    from engine.compile import compiled
    rulebook = engine.load_rulebook()
    compiled(rulebook)
    scenario = load_scenario(path, rulebook)
    network = compiled(rulebook)
    calls = network.engine_calls
    start = time.perf_counter()
    report = evaluate(scenario, rulebook)
    cold = time.perf_counter() - start
    cold_calls = network.engine_calls - calls
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        report = evaluate(scenario, rulebook)
        warm.append(time.perf_counter() - start)
    explained = sum(1 for d in report.decisions if d.reasons or d.remedies or d.verdict.value == "unknown")
    print(json.dumps({"tasks": len(scenario.tasks), "cold": cold, "warm": statistics.median(warm),
                      "engine_calls": cold_calls, "explained": explained,
                      "summary": report.summary}))


def child_peers(path: str, runs: int) -> None:
    import peers
    import engine
    from engine.evaluate import evaluate, load_scenario
    from engine.compile import compiled
    from engine.facts import FactBuilder
    rulebook = engine.load_rulebook()
    scenario = load_scenario(path, rulebook)
    network = compiled(rulebook)
    builder = FactBuilder(scenario, rulebook.vocabulary, network.breakpoints)
    facts = [peers.peer_fact(builder.facts(task)) for task in scenario.tasks]
    requests = peers.cedar_requests(facts, [task.force for task in scenario.tasks])
    reference = [peers.core_decide(fact) for fact in facts]
    result: dict = {"tasks": len(facts), "policies": len(peers.CORE)}
    cedar, durable, ours = [], [], []
    start = time.perf_counter()
    evaluate(scenario, rulebook)                 # the first run: every cache cold
    first = time.perf_counter() - start
    for _ in range(runs):
        seconds, answers = peers.run_cedar(requests)
        assert answers == reference, "Cedar disagrees with the table it was built from"
        cedar.append(seconds)
        seconds, answers = peers.run_durable(facts)
        assert answers == reference, "durable_rules disagrees with the table it was built from"
        durable.append(seconds)
        start = time.perf_counter()
        report = evaluate(scenario, rulebook)
        ours.append(time.perf_counter() - start)
    permitted = [d.verdict.value == "permitted" for d in report.decisions]
    result.update(cedar=statistics.median(cedar), durable=statistics.median(durable),
                  comitatus=statistics.median(ours), comitatus_cold=first,
                  agreement=sum(a == b for a, b in zip(permitted, reference)) / len(reference))
    print(json.dumps(result))


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


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2 ** 20


# ---- the run -----------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description="Comitatus benchmark")
    parser.add_argument("--quick", action="store_true", help="smoke run: small sizes, fewer repeats")
    parser.add_argument("--engine", default=ROOT, help="checkout to measure (default: this one)")
    parser.add_argument("--runs", type=int, default=None, help="repeats per figure")
    parser.add_argument("--sizes", default=None, help="task counts, e.g. 1000,10000,100000")
    parser.add_argument("--formats", default="yaml,json,jsonl", help="scenario formats for end to end")
    parser.add_argument("--many", type=int, default=None, help="scenarios in the memory run")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the figures here")
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, rest = args.child[0], args.child[1:]
        {"generate": lambda: child_generate(rest[0], rest[1:]), "load": lambda: child_load(), "eval": lambda: child_eval(rest[0], int(rest[1])),
         "peers": lambda: child_peers(rest[0], int(rest[1])),
         "many": lambda: child_many(int(rest[0]), int(rest[1]))}[mode]()
        return
    runs = args.runs or (2 if args.quick else 5)
    sizes = [int(s) for s in (args.sizes or ("1000,10000" if args.quick else "1000,10000,100000")).split(",")]
    many = args.many or (200 if args.quick else 10000)
    formats = [f for f in args.formats.split(",") if f]
    engine_root = os.path.abspath(args.engine)
    env = child_env(engine_root)
    me = [sys.executable, os.path.abspath(__file__), "--child"]
    figures: dict = {"date": datetime.date.today().isoformat(), "machine": _machine(), "runs": runs}
    work = tempfile.mkdtemp(prefix="comitatus-bench-")
    try:
        print(f"# Comitatus benchmark ({'quick' if args.quick else 'full'}), {figures['machine']}", flush=True)
        files = _generate(work, sizes, formats, env)

        cold = COLD_SCENARIO if os.path.exists(os.path.join(engine_root, COLD_SCENARIO)) else COLD_FALLBACK
        figures["cold_start"] = _strip(repeat(cli(engine_root) + ["check", cold], engine_root, runs * 2, env))
        figures["cold_start"]["scenario"] = cold
        _line("a", f"cold start: check {cold}", figures["cold_start"])

        figures["load"] = _loads(me, engine_root, runs, env)
        print(f"(d) rulebook load {figures['load']['load'] * 1000:.0f} ms, compile "
              f"{figures['load']['compile'] * 1000:.0f} ms ({figures['load']['rules']} rules)", flush=True)

        figures["end_to_end"] = []
        output = os.path.join(work, "out.json")
        # `check ... --format json > out.json`: read, check and write it all. The file is on tmpfs
        # where there is one: this disk took 0.06 to 0.7 s to take the same 315 MB (freed blocks
        # of the previous run being discarded), noise that is the disk's, not the program's.
        shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else work
        figures["stdout_on"] = "tmpfs" if shm == "/dev/shm" else "disk"
        piped = os.path.join(shm, f"comitatus-bench-{os.getpid()}.json")
        for size in sizes:
            for fmt in formats:
                row = _strip(repeat(cli(engine_root) + ["check", files[(size, fmt)], "--format", "json"],
                                    engine_root, max(1, runs if size < 100_000 else min(runs, 3)), env,
                                    stdout=piped))
                row.update(tasks=size, format=fmt, mb=os.path.getsize(files[(size, fmt)]) / 2 ** 20,
                           output_mb=os.path.getsize(piped) / 2 ** 20, via="stdout")
                os.unlink(piped)
                figures["end_to_end"].append(row)
                _line("b", f"check --format json > out.json, {size:>7} tasks, {fmt:<5}", row)
        size, fmt = sizes[-1], formats[0]  # `--output` replaces the file atomically, after an fsync
        row = _strip(repeat(cli(engine_root) + ["check", files[(size, fmt)], "--format", "json", "--output",
                                                output], engine_root, max(1, min(runs, 3)), env))
        row.update(tasks=size, format=fmt, mb=os.path.getsize(files[(size, fmt)]) / 2 ** 20,
                   output_mb=os.path.getsize(output) / 2 ** 20, via="--output")
        figures["end_to_end"].append(row)
        _line("b", f"check --format json --output out.json, {size:>7} tasks, {fmt:<5}", row)

        figures["in_process"] = []
        for size in sizes:
            _, peak, out, _ = run_child(me + ["eval", files[(size, formats[0])], str(runs)], engine_root, env)
            row = json.loads(out)
            row.update(peak_mb=peak, cold_rate=row["tasks"] / row["cold"], warm_rate=row["tasks"] / row["warm"])
            figures["in_process"].append(row)
            print(f"(c) in-process {size:>7} tasks: cold {row['cold_rate']:>9,.0f}/s  warm {row['warm_rate']:>9,.0f}/s"
                  f"  ({row['engine_calls']} durable_rules calls, peak {peak:.0f} MB)", flush=True)

        figures["peers"] = []
        for size in sizes:
            _, _, out, _ = run_child(me + ["peers", files[(size, formats[0])], str(runs)], engine_root, env)
            row = json.loads(out)
            figures["peers"].append(row)
            n = row["tasks"]
            print(f"(e) peers {size:>7} tasks: comitatus {n / row['comitatus']:>9,.0f}/s (first run "
                  f"{n / row['comitatus_cold']:,.0f}/s)  cedar {n / row['cedar']:>9,.0f}/s"
                  f"  durable {n / row['durable']:>9,.0f}/s  ratio C/cedar {row['cedar'] / row['comitatus']:.1f}x"
                  f" (first run {row['cedar'] / row['comitatus_cold']:.1f}x)"
                  f"  C/durable {row['durable'] / row['comitatus']:.1f}x  agreement {row['agreement']:.0%}", flush=True)

        _, peak, out, _ = run_child(me + ["many", str(many), "10"], engine_root, env)
        figures["many"] = json.loads(out)
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


def _generate(work: str, sizes: list[int], formats: list[str], env: dict) -> dict:
    """Written by a child, so that this process stays small: a child's peak memory counts
    the memory of the process it was forked from."""
    files = {(size, fmt): os.path.join(work, f"bench-{size}.{fmt}") for size in sizes for fmt in formats}
    argv = [sys.executable, os.path.abspath(__file__), "--child", "generate", work]
    run_child(argv + [f"{size}:{fmt}" for size, fmt in files], ROOT, child_env(ROOT))
    return files


def child_generate(work: str, wanted: list[str]) -> None:
    import generate
    import engine
    rulebook = engine.load_rulebook()
    made: dict = {}
    for item in wanted:
        size, fmt = item.split(":")
        data = made.setdefault(size, generate.Generator(rulebook).scenario(int(size)))
        generate.write(data, os.path.join(work, f"bench-{size}.{fmt}"))


def _loads(me: list[str], cwd: str, runs: int, env: dict) -> dict:
    rows = [json.loads(run_child(me + ["load"], cwd, env)[2]) for _ in range(runs)]
    return {"load": statistics.median(r["load"] for r in rows),
            "compile": statistics.median(r["compile"] for r in rows), "rules": rows[0]["rules"]}


def _strip(row: dict) -> dict:
    row.pop("out", None)
    return row


def _line(tag: str, what: str, row: dict) -> None:
    print(f"({tag}) {what}: {row['seconds']:.3f} s, peak {row['peak_mb']:.0f} MB", flush=True)


def _machine() -> str:
    return f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}"


def table(figures: dict) -> str:
    """The figures as a Markdown table, with the ratios to the peers."""
    lines = ["| measure | size | format | median | peak memory | notes |",
             "| --- | ---: | --- | ---: | ---: | --- |"]
    cold = figures["cold_start"]
    lines.append(f"| (a) cold start `check {cold['scenario']}` | | yaml | {cold['seconds']:.3f} s "
                 f"| {cold['peak_mb']:.0f} MB | |")
    for row in figures["end_to_end"]:
        how = f"`check --format json > out.json` (on {figures.get('stdout_on', 'disk')})" \
            if row.get("via", "stdout") == "stdout" else "`check --format json --output out.json` (disk, fsync)"
        lines.append(f"| (b) end to end {how} | {row['tasks']:,} | {row['format']} "
                     f"| {row['seconds']:.2f} s | {row['peak_mb']:.0f} MB | input {row['mb']:.1f} MB, "
                     f"output {row['output_mb']:.0f} MB |")
    for row in figures["in_process"]:
        lines.append(f"| (c) in process, full explanations | {row['tasks']:,} | | "
                     f"{row['warm_rate']:,.0f} tasks/s | {row['peak_mb']:.0f} MB | first run (cold caches) "
                     f"{row['cold_rate']:,.0f} tasks/s, {row['engine_calls']} durable_rules calls |")
    load = figures["load"]
    lines.append(f"| (d) rulebook load + compile | {load['rules']} rules | | {load['load'] * 1000:.0f} ms"
                 f" + {load['compile'] * 1000:.0f} ms | | |")
    for row in figures["peers"]:
        n = row["tasks"]
        lines.append(f"| (e) peers, same tasks | {n:,} | | Comitatus {n / row['comitatus']:,.0f}/s "
                     f"(first run {n / row['comitatus_cold']:,.0f}/s); Cedar {n / row['cedar']:,.0f}/s; "
                     f"durable_rules {n / row['durable']:,.0f}/s | | "
                     f"Comitatus/Cedar **{row['cedar'] / row['comitatus']:.1f}x** "
                     f"(first run {row['cedar'] / row['comitatus_cold']:.1f}x), "
                     f"Comitatus/durable_rules **{row['durable'] / row['comitatus']:.1f}x**; "
                     f"yes/no agreement {row['agreement']:.0%} |")
    many = figures["many"]
    marks = many["rss"]
    lines.append(f"| (m) {many['count']:,} scenarios in one process | {many['tasks']} each | mapping "
                 f"| {many['seconds']:.1f} s | {many['peak']:.0f} MB | RSS "
                 + ", ".join(f"{mb:.0f} MB after {n:,}" for n, mb in marks[:2] + marks[-1:]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
