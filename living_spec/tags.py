"""Cucumber tag expressions: `@pca and not @slow`, `(@a or @b) and not @wip`.

Precedence as in Cucumber: `not` binds tightest, then `and`, then `or`; parentheses group.
A scenario's tags are its own plus its feature's and its Examples' (the pickle's tags).
"""
from __future__ import annotations

import re
from typing import Callable

import engine

_TOKEN = re.compile(r"\s*(\(|\)|\band\b|\bor\b|\bnot\b|@[^\s()]+|\S+)")
Predicate = Callable[[frozenset], bool]


def parse(expression: str) -> Predicate:
    """A predicate over a set of tag names (with their '@'); a bad expression is a ComitatusError."""
    tokens = [match.group(1) for match in _TOKEN.finditer(expression)]
    if not tokens:
        return lambda tags: True
    position = 0

    def fail(message: str) -> engine.ComitatusError:
        return engine.ComitatusError("bad-tags", f"tag expression {expression!r}: {message}")

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise fail("ends too early")
        position += 1
        return tokens[position - 1]

    def either() -> Predicate:
        left = both()
        while peek() == "or":
            take()
            left = (lambda a, b: lambda tags: a(tags) or b(tags))(left, both())
        return left

    def both() -> Predicate:
        left = negated()
        while peek() == "and":
            take()
            left = (lambda a, b: lambda tags: a(tags) and b(tags))(left, negated())
        return left

    def negated() -> Predicate:
        token = take()
        if token == "not":
            inner = negated()
            return lambda tags: not inner(tags)
        if token == "(":
            inner = either()
            if take() != ")":
                raise fail("a '(' is not closed")
            return inner
        if token.startswith("@") and len(token) > 1:
            return lambda tags: token in tags
        raise fail(f"expected a tag like @name, 'not' or '(', found {token!r}")

    predicate = either()
    if position != len(tokens):
        raise fail(f"unexpected {tokens[position]!r}")
    return predicate
