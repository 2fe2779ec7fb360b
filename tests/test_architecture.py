"""The architecture is a test: the law lives in rules/, durable_rules in one package (engine/compile/)."""
import os
import re

import engine
from tests.conftest import ROOT

ENGINE = os.path.join(ROOT, "engine")
LIVING_SPEC = os.path.join(ROOT, "living_spec")
STATUTE = re.compile(r"U\.S\.C|C\.F\.R|§|1385|posse|insurrection", re.I)


def sources(package=ENGINE):
    """Every Python and data file of a package, subpackages included."""
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".json")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    yield os.path.relpath(path, package), handle.read()


def vocabulary_words(vocabulary):
    return set(vocabulary.activity_words) | set(vocabulary.components) | set(vocabulary.event_kinds) \
        | set(vocabulary.statuses)


def fact_names(vocabulary):
    """The names of the facts a scenario states beyond its shape: event fields, circumstances,
    task, force and location facts (the keys CONTRACT section 1 gives every scenario aside)."""
    from engine.model import flat_fields
    from engine.vocabulary import FORCE_OWN_KEYS, LOCATION_OWN_KEYS, TASK_OWN_KEYS
    specs = [spec for kind in vocabulary.event_kinds.values() for spec in kind.fields]
    specs += [*vocabulary.circumstances, *vocabulary.task_facts, *vocabulary.force_facts,
              *vocabulary.location_facts]
    names = {part for name in flat_fields(tuple(specs)) for part in name.split(".")}
    return names - set(TASK_OWN_KEYS) - set(FORCE_OWN_KEYS) - set(LOCATION_OWN_KEYS) - {"forces"}


def quoted(words, text):
    return {w for w in words if re.search(rf"['\"]{re.escape(w)}['\"]", text)}


def test_only_compile_imports_durable():
    users = [name for name, text in sources() if re.search(r"^\s*(from|import) durable", text, re.M)]
    assert users and all(name.startswith("compile" + os.sep) for name in users), users


def test_engine_holds_no_legal_fact(rulebook):
    words = vocabulary_words(rulebook.vocabulary)
    for name, text in sources():
        assert not STATUTE.search(text), name
        found = quoted(words, text)
        assert not found, (name, found)


def test_living_spec_holds_no_vocabulary(rulebook):
    """The step library's words live in rules/phrases.yaml: no statute, vocabulary word or fact
    name in living_spec/'s Python, only the verbs over a scenario's shape."""
    words = vocabulary_words(rulebook.vocabulary) | fact_names(rulebook.vocabulary)
    for name, text in sources(LIVING_SPEC):
        assert not STATUTE.search(text), name
        found = quoted(words, text)
        assert not found, (name, found)


def test_public_api_is_what_we_mean_to_export():
    assert engine.__all__ == sorted(engine.__all__)
    assert set(engine.__all__) == {"check", "load_rulebook", "Report", "Decision", "Verdict", "ComitatusError",
                                   "Problems", "SourceLocation"}
