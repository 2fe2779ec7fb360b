"""Issue 17 item 13: reloading changed rulebooks in one process keeps memory bounded.

durable_rules cannot replace a ruleset; engine/compile/ names each by the digest of what it
compiles to (rulebooks that compile alike share it), keeps at most COMPILED_LIMIT compiled
rulebooks, and deletes a ruleset, with its session state, when no compiled rulebook holds it.
Measured (2026-12-06, 162 rules): 500 rulebooks changed in their text only: RSS flat (every
ruleset shared); 500 changed in a rule's dates (every windowed pattern renumbered): about
0.35 MB a reload, down from about 1.8 MB (durable_rules keeps a little of each deleted
ruleset). Run in a child process so the figure is this test's own.
"""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CHILD = r"""
import dataclasses, datetime, sys
import engine
from engine.evaluate import evaluate, load_scenario
rulebook = engine.load_rulebook()
scenario = load_scenario("scenarios/jtf-north-2025.yaml", rulebook)
how, count = sys.argv[1], int(sys.argv[2])

def rss():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 1e6

marks = []
for i in range(count):
    rule = rulebook.rules[i % len(rulebook.rules)]
    if how == "text":
        changed = dataclasses.replace(rule, title=rule.title + f" ({i})")
    else:
        changed = dataclasses.replace(rule, effective=datetime.date(2001, 1, 1) + datetime.timedelta(days=i))
    rules = tuple(changed if r is rule else r for r in rulebook.rules)
    other = dataclasses.replace(rulebook, rules=rules, by_id={r.id: r for r in rules}, digest=f"sha256:{i:064x}")
    evaluate(scenario, other)
    if i in (count // 5, count - 1):
        marks.append(rss())
print(marks[0], marks[1])
"""


def _growth(how: str, count: int) -> float:
    done = subprocess.run([sys.executable, "-c", CHILD, how, str(count)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    first, last = map(float, done.stdout.split())
    return last - first


def test_500_rulebooks_changed_in_their_text_keep_memory_flat():
    assert _growth("text", 500) < 25          # MB over the last 400 reloads (was about 700)


def test_rulebooks_changed_in_their_patterns_free_their_rulesets():
    assert _growth("dates", 250) < 0.6 * 200   # MB over the last 200 reloads (was about 1.8 MB each)
