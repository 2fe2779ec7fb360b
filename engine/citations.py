"""Matching citations as people write them, whatever their dots, spaces and section signs.

A scenario's citation matches a rule's when they are equal after normalisation, or when
the rule names the section and the scenario a subsection of it.
"""
from __future__ import annotations

import re

_NOISE = re.compile("[\\s.,\u00a7]+|" r"\bSECTIONS?\b|\bSECS?\b")


def normalize(text: str) -> str:
    return _NOISE.sub("", text.upper())


def prefixes(text: str) -> list[str]:
    """The citation and every enclosing section: 831(F)(2) -> 831, 831(F), 831(F)(2)."""
    full = normalize(text)
    cuts = [i for i, char in enumerate(full) if char == "("]
    return sorted({full[:i] for i in cuts} | {full})
