"""The parts of the command line that are not its commands; `cli.py` holds the typer app.

    guard.py           the one catch site: every failure becomes one line and an exit code
    output.py          safe output: UTF-8 bytes to stdout, or --output replaced atomically
    options.py         the options the commands share, and what they become
    checking.py        how `check` gets its report: all at once, or streamed through a spool
    jobs.py            `check --jobs N`: one scenario file per task of a process pool
    rules_commands.py  the `rules` sub-app: list, show, lint, coverage

Like cli.py, nothing here imports engine, yaml or rich at load time, so that `--help` and
completion stay fast and a broken engine still ends in one error line.
"""
