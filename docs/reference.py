"""Write docs/reference.md, the CLI reference, from the typer application itself.

`python docs/reference.py` rewrites it; `tests/tools/test_docs.py` fails while it is stale.
Every command, its one-line summary, usage, arguments and options come from `cli.app`.
"""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "docs", "reference.md")


def _commands(group, prefix):
    for name in sorted(group.commands):
        command = group.commands[name]
        if getattr(command, "hidden", False):
            continue
        path = prefix + [name]
        if hasattr(command, "commands"):       # a group: typer keeps its own copy of click
            yield from _commands(command, path)
        else:
            yield path, command


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def generate() -> str:
    sys.path.insert(0, ROOT)
    import typer.main

    import cli
    root = typer.main.get_command(cli.app)
    lines = ["# CLI reference", "",
             "Generated from the command line itself by `python docs/reference.py`; do not edit by hand.",
             "Worked examples with real output are in [cli.md](cli.md).", "",
             "| command | what it does |", "| --- | --- |"]
    commands = list(_commands(root, ["comitatus"]))
    for path, command in commands:
        summary = _cell((command.help or "").strip().split("\n\n")[0])
        anchor = "-".join(path)
        lines.append(f"| [`{' '.join(path)}`](#{anchor}) | {summary} |")
    for path, command in commands:
        context = command.context_class(command, info_name=" ".join(path))
        lines += ["", f'<a id="{"-".join(path)}"></a>', f"## `{' '.join(path)}`", "", "```",
                  command.get_usage(context), "```", ""]
        text = (command.help or "").strip()
        for block in text.split("\n\n"):
            lines += [" ".join(block.split()), ""]
        rows = []
        for parameter in command.get_params(context):
            if parameter.name == "help":
                continue
            record = parameter.get_help_record(context)
            if record is None:
                continue
            names, meaning = record
            rows.append(f"| `{_cell(names)}` | {_cell(meaning)} |")
        if rows:
            lines += ["", "| argument / option | meaning |", "| --- | --- |", *rows]
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def main() -> None:
    with open(TARGET, "w", encoding="utf-8") as handle:
        handle.write(generate())


if __name__ == "__main__":
    main()
