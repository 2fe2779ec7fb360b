"""The rulebook's own checks beyond loading: things that load but are likely mistakes."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .model import Rulebook

MAX_SCOPE_VALUES = 128       # durable_rules hangs past 512 sibling branches; stay far below
MAX_FACT_FIELDS = 200        # durable_rules refuses facts of 255 properties, nested ones counted


def _count(specs) -> int:
    return sum(_count(spec.fields) if spec.type == "mapping" else 1 for spec in specs)


@dataclass(frozen=True, slots=True)
class Warning_:
    rule: str
    code: str
    message: str
    where: str

    def line(self) -> str:
        return f"{self.where}: warning[{self.code}]: {self.message}"


def _relative(place: str) -> str:
    """Paths as the user typed them, relative to where they stand when that is shorter."""
    path, _, position = place.partition(":")
    try:
        shorter = os.path.relpath(path)
    except ValueError:
        return place
    shorter = shorter if len(shorter) < len(path) else path
    return f"{shorter}:{position}" if position else shorter


def lint(rulebook: Rulebook) -> list[Warning_]:
    found = []
    defeated_by: dict[str, list[str]] = {}
    for rule in rulebook.rules:
        for target in rule.defeats:
            defeated_by.setdefault(target, []).append(rule.id)
    for rule in rulebook.rules:
        where = _relative(str(rule.where)) if rule.where else rule.id
        if not rule.when:
            found.append(Warning_(rule.id, "unscoped", f"rule '{rule.id}' has no `when`: it applies to every task", where))
        for key, values in rule.when:
            if len(values) > MAX_SCOPE_VALUES:
                found.append(Warning_(rule.id, "engine-limit", f"when.{key} lists {len(values)} values "
                                      f"(keep under {MAX_SCOPE_VALUES})", where))
        if rule.effect in ("permit", "conditional", "contested") and rule.defeats and not rule.requires \
                and not rule.when:
            found.append(Warning_(rule.id, "unconditional-exception",
                                  f"exception '{rule.id}' needs nothing and has no scope", where))
        if not rule.verified:
            found.append(Warning_(rule.id, "unverified", f"rule '{rule.id}' rests on an unverified source"
                                  + (f": {rule.note}" if rule.note else ""), where))
        for requirement in rule.requires:
            if not requirement.says:
                found.append(Warning_(rule.id, "missing-says", f"a requirement of '{rule.id}' has no `says`", where))
    vocabulary = rulebook.vocabulary
    task_fields = 8 + len(vocabulary.location_kinds) + _count(vocabulary.task_facts)
    sizes = [("task facts", task_fields), ("circumstances", _count(vocabulary.circumstances) + 2)]
    sizes += [(f"event kind '{k}'", _count(kind.fields) + 4) for k, kind in vocabulary.event_kinds.items()]
    for what, size in sizes:
        if size > MAX_FACT_FIELDS:
            found.append(Warning_("vocabulary", "engine-limit", f"{what} would carry {size} fields "
                                  f"(the Rete engine takes at most {MAX_FACT_FIELDS} safely)", "vocabulary.yaml"))
    return sorted(found, key=lambda w: (w.where, w.code))
