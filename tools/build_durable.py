"""Build durable-rules 2.0.28 into a local wheel, compiled the way Comitatus needs it.

    .venv/bin/python tools/build_durable.py [WHEEL_DIR]      (default: wheels/ in the checkout)
    .venv/bin/pip install --find-links wheels --only-binary durable-rules -e .

Run it with the interpreter you install into: the wheel is for that Python. durable-rules
2.0.28, the last release, is published only as C source. Built as released it has two faults:
- it calls PyEval_CallObject, which Python 3.13 removed: the module builds, then fails to
  import. The define below maps the name onto PyObject_CallObject, its replacement since 3.9
  (on 3.11 and 3.12 the headers' own macro takes over and nothing changes).
- its setup.py replaces CFLAGS with `-std=c99 -D_GNU_SOURCE`, so it compiles without
  optimisation; -O2 roughly halves the engine's time. CPPFLAGS is the one variable it leaves alone.

Why a wheel of our own rather than CPPFLAGS on `pip install`: pip keeps the wheels it builds
from source in its cache, keyed by the source's address and the Python tag, not by the
compiler flags. A durable-rules wheel built once without the flags is then reused silently,
and the flags never reach the compiler. Here pip builds with --no-cache-dir, this script
checks every compiler line carried both flags and that the module imports, and the install
takes durable-rules only as a wheel (--only-binary), so only this wheel can satisfy it.
Every other dependency still comes from pip's cache as usual.

A wheel already in WHEEL_DIR for this Python, stamped with these flags, is reused.

It also byte-compiles the checkout's own modules, as pip does for a package it installs: an
editable install leaves them as source, and where PYTHONDONTWRITEBYTECODE is set (as on the
project's machines) every `comitatus` run compiled some fifty modules again, 0.06 s of a
0.3 s cold check. A module edited later is recompiled as usual (its timestamp differs).
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

REQUIREMENT = "durable-rules==2.0.28"
FLAGS = ("-DPyEval_CallObject=PyObject_CallObject", "-O2")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG = f"cp{sys.version_info[0]}{sys.version_info[1]}"
WHEEL = f"durable_rules-2.0.28-{TAG}-{TAG}-*.whl"
COMPILE = re.compile(r"^\s*\S*(gcc|cc|clang)\S*\s.*\s-c\s+\S+\.c\b")
EXPORTS = ("create_ruleset", "assert_facts", "retract_facts", "start_action_for_state",
           "complete_and_start_action")


def fail(message: str) -> None:
    sys.stderr.write(f"build_durable: error: {message}\n")
    raise SystemExit(1)


def stamp(directory: str) -> str:
    return os.path.join(directory, f"durable_rules-2.0.28-{TAG}.flags")


def reusable(directory: str) -> str | None:
    wheels = glob.glob(os.path.join(glob.escape(directory), WHEEL))
    try:
        with open(stamp(directory), encoding="utf-8") as handle:
            flags = handle.read().split()
    except OSError:
        return None
    return wheels[0] if len(wheels) == 1 and tuple(flags) == FLAGS else None


def build(work: str) -> str:
    env = dict(os.environ)
    env["CPPFLAGS"] = " ".join(filter(None, (env.get("CPPFLAGS", ""),) + FLAGS))
    env["PIP_NO_CACHE_DIR"] = "1"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir",
               "--no-binary", "durable-rules", "--disable-pip-version-check", "-v",
               REQUIREMENT, "-w", work]
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    if done.returncode:
        sys.stderr.write(done.stdout[-6000:])
        fail(f"pip could not build {REQUIREMENT} (gcc and the Python headers are needed)")
    compiled = [line for line in done.stdout.splitlines() if COMPILE.search(line)]
    if not compiled:
        fail("pip's log shows no compiler line: cannot tell whether the flags were used")
    for line in compiled:
        if not all(flag in line.split() for flag in FLAGS):
            fail(f"a compiler line lacks {' '.join(FLAGS)}: {line.strip()}")
    wheels = glob.glob(os.path.join(glob.escape(work), WHEEL))
    if len(wheels) != 1:
        fail(f"expected one {WHEEL} in {work}, found {os.listdir(work)}")
    return wheels[0]


def check_imports(wheel: str, work: str) -> None:
    unpacked = os.path.join(work, "unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); import durable_rules_engine as d; "
             "missing = [n for n in sys.argv[2:] if not hasattr(d, n)]; "
             "sys.exit('missing: ' + ' '.join(missing) if missing else 0)")
    done = subprocess.run([sys.executable, "-c", probe, unpacked, *EXPORTS],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode:
        fail(f"the built durable_rules_engine does not import: {done.stdout.strip()}")


def byte_compile() -> None:
    """The checkout's own modules compiled into their __pycache__, for this Python."""
    import compileall
    sources = [os.path.join(ROOT, name) for name in ("engine", "cli_parts", "living_spec")]
    done = all(compileall.compile_dir(path, quiet=1) for path in sources)
    if not (done and compileall.compile_file(os.path.join(ROOT, "cli.py"), quiet=1)):
        fail("could not byte-compile the checkout's modules (see above)")


def main(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0].startswith("-")):
        sys.stderr.write(__doc__)
        return 2
    byte_compile()
    directory = os.path.abspath(argv[0] if argv else os.path.join(ROOT, "wheels"))
    found = reusable(directory)
    if found:
        print(f"build_durable: reusing {os.path.relpath(found)} (built with {' '.join(FLAGS)})")
        return 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="durable-wheel-") as work:
        wheel = build(work)
        check_imports(wheel, work)
        os.makedirs(directory, exist_ok=True)
        if os.path.exists(stamp(directory)):
            os.remove(stamp(directory))
        with open(os.path.join(directory, ".gitignore"), "w", encoding="utf-8") as handle:
            handle.write("# built by tools/build_durable.py\n*\n")
        for old in glob.glob(os.path.join(glob.escape(directory), WHEEL)):
            os.remove(old)
        target = os.path.join(directory, os.path.basename(wheel))
        shutil.move(wheel, target)
        with open(stamp(directory), "w", encoding="utf-8") as handle:
            handle.write(" ".join(FLAGS) + "\n")
    print(f"build_durable: built {os.path.relpath(target)} with {' '.join(FLAGS)} "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
