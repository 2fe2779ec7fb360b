"""Siblings of item 9 on the command line: every option value is checked, never crashed on."""
from __future__ import annotations

import pytest

from tests.cli.conftest import TOY, invoke  # noqa: F401 - a fixture


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "20250101", "2025-W01-1", "2025-01-01\u202e", "2025-02-30"])
def test_a_bad_as_of_is_one_clear_line(invoke, day):
    result = invoke("check", TOY, "--as-of", day)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error[bad-date]: --as-of must be")
    assert "\u202e" not in result.stderr


def test_explain_finds_a_task_written_decomposed(invoke, write):
    path = write("""
        scenario: t
        as_of: 2025-01-22
        forces:
          - {id: jtf, component: army}
        tasks:
          - {id: "T\u00e9", force: jtf, activity: data_entry}
        """)
    assert invoke("explain", path, "--task", "Te\u0301").exit_code == 0
