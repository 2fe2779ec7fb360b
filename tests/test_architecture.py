"""The architecture is a test: the law lives in rules/, durable_rules in one module."""
import os
import re

import engine
from tests.conftest import ROOT

ENGINE = os.path.join(ROOT, "engine")


def sources():
    """Every Python and data file of the engine package, subpackages included."""
    for folder, _, names in sorted(os.walk(ENGINE)):
        for name in sorted(names):
            if name.endswith((".py", ".json")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    yield os.path.relpath(path, ENGINE), handle.read()


def test_only_compile_imports_durable():
    users = [name for name, text in sources() if re.search(r"^\s*(from|import) durable", text, re.M)]
    assert users == ["compile.py"]


def test_engine_holds_no_legal_fact(rulebook):
    words = set(rulebook.vocabulary.activity_words) | set(rulebook.vocabulary.components) \
        | set(rulebook.vocabulary.event_kinds) | set(rulebook.vocabulary.statuses)
    statute = re.compile(r"U\.S\.C|C\.F\.R|§|1385|posse|insurrection", re.I)
    for name, text in sources():
        assert not statute.search(text), name
        found = {w for w in words if re.search(rf"['\"]{re.escape(w)}['\"]", text)}
        assert not found, (name, found)


def test_public_api_is_what_we_mean_to_export():
    assert engine.__all__ == sorted(engine.__all__)
    assert set(engine.__all__) == {"check", "load_rulebook", "Report", "Decision", "Verdict", "ComitatusError",
                                   "Problems", "SourceLocation"}
