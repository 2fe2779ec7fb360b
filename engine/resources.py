"""Where the installed rulebook lives: rules/ ships as package data at engine/_rules/."""
from __future__ import annotations

import importlib.resources
import os

PACKAGE = "engine"
RULES = "_rules"


def installed_rules_dir() -> str | None:
    """The rulebook installed with the package, as a directory path, or None (a checkout)."""
    try:
        folder = importlib.resources.files(PACKAGE).joinpath(RULES)
    except (ModuleNotFoundError, TypeError):
        return None
    path = os.fspath(folder) if isinstance(folder, os.PathLike) else None
    return path if path and os.path.isdir(path) else None
