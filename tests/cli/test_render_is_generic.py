"""engine/render/ draws reports; like the rest of engine/ it holds no legal fact."""
import os
import re

from tests.conftest import ROOT

RENDER = os.path.join(ROOT, "engine", "render")


def test_renderers_hold_no_legal_fact(rulebook):
    vocabulary = rulebook.vocabulary
    words = set(vocabulary.activity_words) | set(vocabulary.components) | set(vocabulary.event_kinds) \
        | set(vocabulary.statuses) | set(vocabulary.location_words)
    statute = re.compile(r"U\.S\.C|C\.F\.R|§|1385|posse|insurrection", re.I)
    names = sorted(name for name in os.listdir(RENDER) if name.endswith(".py"))
    assert {"text.py", "markdown.py", "junit.py", "explain.py"} <= set(names)
    for name in names:
        with open(os.path.join(RENDER, name), encoding="utf-8") as handle:
            text = handle.read()
        assert not statute.search(text), name
        found = {w for w in words if re.search(rf"['\"]{re.escape(w)}['\"]", text)}
        assert not found, (name, found)


def test_renderers_never_print():
    for name in os.listdir(RENDER):
        if name.endswith(".py"):
            with open(os.path.join(RENDER, name), encoding="utf-8") as handle:
                assert not re.search(r"(?<![.\w])print\(|sys\.std(out|err)", handle.read()), name
