"""How many distinct legal situations a scenario is, and where a fresh check spends its time.

    python bench/situations.py FILE        # e.g. a varied 100,000-task scenario (generate.py --varied)

A measurement, not part of the engine. The engine reduces each task to what the compiled
rules test (engine/memo.py) and decides each distinct situation once; this prints how many
tasks became how many situations and reasonings, how many calls reached durable_rules, and
the CPU time of each stage of a fresh check (read and validate, decide, render JSON).
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main() -> None:
    import engine
    from engine.compile import compiled
    from engine.evaluate import evaluate, gc_paused, load_scenario
    from engine.memo import memo_of

    path = sys.argv[1]
    rulebook = engine.load_rulebook()
    network = compiled(rulebook)
    clock = time.process_time
    with gc_paused():
        start = clock()
        scenario = load_scenario(path, rulebook)
        read = clock() - start
        calls = network.engine_calls
        start = clock()
        report = evaluate(scenario, rulebook)
        decide = clock() - start
        start = clock()
        engine.reports_json_bytes([report], rulebook)
        render = clock() - start
    memo = memo_of(network)
    print(f"{path}: {len(scenario.tasks):,} tasks")
    print(f"  distinct situations (tasks reduced to what the rules test): {len(memo.situations):,}")
    print(f"  distinct reasonings:                                       {len(memo.resolved):,}")
    print(f"  durable_rules calls:                                       {network.engine_calls - calls:,}")
    print(f"  cpu: read {read:.2f} s, decide {decide:.2f} s, render JSON {render:.2f} s")


if __name__ == "__main__":
    main()
