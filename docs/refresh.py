"""Refill the README's and docs/cli.md's example outputs from real runs: `python docs/refresh.py`.

Every block between `<!-- run: COMMAND -->` and `<!-- end -->` is replaced by the command's
output (stdout and stderr, colours off, 100 columns), so the README shows what the tool prints.
`comitatus` is run as `python cli.py` from the checkout; `| head -N` and `| sed` work.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCK = re.compile(r"(<!-- run: (.+?) -->\n)(.*?)(<!-- end -->)", re.S)


def run(command: str) -> str:
    shell = re.sub(r"(^|\| |; )comitatus ", lambda m: f"{m.group(1)}{sys.executable} cli.py ", command)
    result = subprocess.run(["bash", "-c", "exec 2>&1; " + shell + "; echo \"[exit ${PIPESTATUS[0]}]\""], cwd=ROOT,
                            capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"})
    text = "\n".join(line.rstrip() for line in (result.stdout + result.stderr).rstrip().splitlines())
    return f"```console\n$ {command}\n{text}\n```\n"


DOCUMENTS = ("README.md", os.path.join("docs", "cli.md"))


def refreshed(text: str) -> str:
    """The document with every block refilled from a real run."""
    return BLOCK.sub(lambda m: m.group(1) + run(m.group(2)) + m.group(4), text)


def main() -> None:
    """Every document refilled, or none: a block that shows a Python traceback (run with a
    Python that lacks the dependencies, or a crash) is never written as documentation."""
    done = {}
    for name in DOCUMENTS:
        path = os.path.join(ROOT, name)
        with open(path, encoding="utf-8") as handle:
            done[path] = refreshed(handle.read())
        if "Traceback (most recent call last)" in done[path]:
            sys.exit(f"docs/refresh.py: a command in {name} printed a traceback; nothing was written "
                     f"(run it with the Python Comitatus is installed in: .venv/bin/python docs/refresh.py)")
    for path, text in done.items():
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    main()
