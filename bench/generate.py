"""Deterministic benchmark scenarios, built from the rulebook's own words.

Every component (in every status it allows), activity (canonical words and synonyms),
location kind, supported agency, event kind and task fact the rulebook knows appears; the
values given to events are the ones the rules test, so exceptions really fire. Nothing here
names a legal word: it is all read from rules/.

A year of task orders repeats itself: the same units do the same jobs at the same places
day after day. Tasks are drawn from a pool of recurring orders (`templates`) spread over
`days` consecutive dates; `templates=0` draws every task afresh (the worst case for caching).

`Generator.varied` is the other kind of data, the kind a cache cannot flatter: 240 forces of
every component in every status it allows, 60 places of every kind, every activity word,
tasks drawn afresh over four years of dates, and events that change answers (an Insurrection
Act invocation scoped to some forces and places, a National Defense Area, an emergency, a
statutory request and a decision window).

    python bench/generate.py 10000 --format yaml > /tmp/s.yaml
    python bench/generate.py 100000 --varied --format jsonl > /tmp/v.jsonl
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import sys
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

AS_OF = datetime.date(2025, 1, 1)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _harvest(rulebook: Any) -> tuple[dict, list]:
    """(event kind, field) -> values the rules test; and the `supports` words rules name."""
    tested: dict[tuple[str, str], list] = {}
    supports: list[str] = []
    for rule in rulebook.rules:
        for key, values in rule.when:
            if key == "supports":
                supports.extend(v for v in values if v not in supports)
        for requirement in rule.requires:
            for test in requirement.alternatives:
                if test.subject != "event":
                    continue
                for name, values in test.fields:
                    bucket = tested.setdefault((test.event_kind, name), [])
                    bucket.extend(v for v in values if v not in bucket)
    return tested, supports


class Generator:
    def __init__(self, rulebook: Any, seed: int = 7) -> None:
        self.vocab = rulebook.vocabulary
        self.rng = random.Random(seed)
        self.tested, self.supports = _harvest(rulebook)
        self.supports = self.supports + ["local_police", "fema"][: 2]
        self.authorities = sorted({a.authority for a in rulebook.authorities})

    # ---- the cast ------------------------------------------------------------------------

    def locations(self) -> list[dict]:
        result = []
        for kind in sorted(self.vocab.location_kinds):
            for n in (1, 2):
                result.append({"id": f"{kind.replace('_', '-')}-{n}", "kind": kind})
        return result

    def forces(self) -> list[dict]:
        result = []
        for name in sorted(self.vocab.components):
            spec = self.vocab.components[name]
            for status in spec.statuses:
                for n in (1, 2):
                    force = {"id": f"{name.replace('_', '-')}-{status.replace('_', '-')}-{n}",
                             "name": f"{name} unit {n}", "component": name, "personnel": 100 * n}
                    if status != spec.default_status or n == 2:
                        force["status"] = status
                    result.append(force)
        return result

    def _value(self, kind: str, spec: Any, day: datetime.date, forces: list, places: list) -> Any:
        rng = self.rng
        tested = self.tested.get((kind, spec.name))
        if spec.type == "date":
            return (day + datetime.timedelta(days=rng.choice((-30, 0, 20, 60)))).isoformat()
        if spec.type == "integer":
            if spec.choices:
                return rng.choice(list(spec.choices))
            low = spec.minimum if spec.minimum is not None else 0
            return rng.randint(low, min(spec.maximum or low + 100, low + 100))
        if spec.type == "boolean":
            return rng.choice((True, False))
        if spec.type == "activities":
            pool = [v for v in (tested or []) if isinstance(v, str)] or sorted(self.vocab.activities)
            return sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 2)))))
        if spec.type == "words":
            pool = [v for v in (tested or []) if isinstance(v, str)] or ["bench"]
            return sorted(set(rng.sample(pool, min(len(pool), rng.randint(1, 2)))))
        if spec.type == "forces":
            return sorted(rng.sample([f["id"] for f in forces], 3))
        if spec.type == "areas":
            return sorted(rng.sample([p["id"] for p in places], 2))
        if spec.type == "location":
            return rng.choice(places)["id"]
        if spec.type == "mapping":
            return {sub.name: self._value(kind, sub, day, forces, places) for sub in spec.fields}
        pool = [v for v in (tested or []) if isinstance(v, str)] or list(spec.choices) or ["bench"]
        return rng.choice(pool)           # words, text and any newer textual type

    def events(self, forces: list, places: list, days: int) -> list[dict]:
        """Two to four events of every kind, starting at spread dates, some scoped, some ending."""
        rng = self.rng
        result = []
        for kind_name in sorted(self.vocab.event_kinds):
            kind = self.vocab.event_kinds[kind_name]
            for n in range(1, 4):
                day = AS_OF + datetime.timedelta(days=rng.randrange(0, max(days, 1)))
                event: dict[str, Any] = {"id": f"{kind_name.replace('_', '-')}-{n}", "kind": kind_name}
                for spec in kind.fields:
                    scoping = spec.name in (kind.scope_forces, kind.scope_areas)
                    ending = spec.name == kind.in_effect_until
                    if not spec.required and (scoping or ending) and n != 2:
                        continue          # most events cover every force and place, open-ended
                    if not spec.required and rng.random() < 0.25:
                        continue          # some optional facts left unstated
                    if spec.type == "event":
                        if spec.required or n == 1:
                            continue      # names another event: left unstated (a stay of nothing)
                        event[spec.name] = f"{kind_name.replace('_', '-')}-1"
                        continue
                    value = self._value(kind_name, spec, day, forces, places)
                    if spec.name == kind.in_effect_from:
                        value = day.isoformat()
                    if ending:
                        value = (day + datetime.timedelta(days=rng.randint(10, 60))).isoformat()
                    event[spec.name] = value
                result.append(event)
        return result

    def circumstances(self) -> dict:
        return {spec.name: self._value("", spec, AS_OF, [], [{"id": "x"}]) for spec in self.vocab.circumstances
                if spec.type not in ("forces", "areas", "location")}

    # ---- tasks ---------------------------------------------------------------------------

    def _order(self, forces: list, places: list) -> dict:
        rng = self.rng
        activity = rng.choice(sorted(self.vocab.activities))
        words = (activity,) + self.vocab.activities[activity].synonyms
        task: dict[str, Any] = {"force": rng.choice(forces)["id"],
                                "activity": words[0] if rng.random() < 0.7 else rng.choice(words)}
        where = rng.random()
        if where < 0.6:
            task["location"] = rng.choice(places)["id"]
        elif where < 0.85:
            task["location"] = rng.choice(sorted(self.vocab.location_words))
        if rng.random() < 0.5:
            task["supports"] = rng.choice(self.supports)
        for spec in self.vocab.task_facts:
            if rng.random() < 0.6:
                task[spec.name] = self._value("", spec, AS_OF, forces, places)
        return task

    def scenario(self, tasks: int, *, days: int = 365, templates: int = 2000) -> dict:
        places, forces = self.locations(), self.forces()
        events = self.events(forces, places, days)
        pool = [self._order(forces, places) for _ in range(templates)]
        rng = self.rng
        items = []
        for number in range(1, tasks + 1):
            order = dict(rng.choice(pool) if pool else self._order(forces, places))
            day = AS_OF + datetime.timedelta(days=rng.randrange(0, max(days, 1)))
            task = {"id": f"T{number}", **order}
            if day != AS_OF:
                task["date"] = day.isoformat()
            if number % 10 == 0:
                task["description"] = f"Recurring order {number % 997} for {order['force']}"
            items.append(task)
        return {"scenario": f"Benchmark: {tasks} tasks over {days} days", "as_of": AS_OF.isoformat(),
                "description": "Generated by bench/generate.py", "locations": places, "forces": forces,
                "events": events, "circumstances": self.circumstances(), "tasks": items}


    # ---- varied data ---------------------------------------------------------------------

    def varied(self, tasks: int, *, forces: int = 240, places: int = 60, years: int = 4, per_kind: int = 2) -> dict:
        """Every task drawn afresh: force, activity word, place, agency, facts and a date in
        `years` years around as_of (the middle of the span); `per_kind` events of each kind."""
        rng = self.rng
        vocab = self.vocab
        pairs = [(name, status) for name in sorted(vocab.components) for status in vocab.components[name].statuses]
        kinds = sorted(vocab.location_kinds)
        cast = []
        for number in range(forces):
            name, status = pairs[number % len(pairs)]
            cast.append({"id": f"f{number:03d}-{name.replace('_', '-')}-{status.replace('_', '-')}",
                         "name": f"{name} unit {number}", "component": name, "status": status,
                         "personnel": rng.randint(10, 5000)})
        spots = [{"id": f"p{number:02d}-{kinds[number % len(kinds)].replace('_', '-')}",
                  "kind": kinds[number % len(kinds)]} for number in range(places)]
        start = AS_OF - datetime.timedelta(days=365 * years // 2)
        span = 365 * years
        items = []
        words = sorted(w for a in vocab.activities for w in (a,) + vocab.activities[a].synonyms)
        location_words = sorted(vocab.location_words)
        for number in range(1, tasks + 1):
            task: dict[str, Any] = {"id": f"V{number}", "force": rng.choice(cast)["id"],
                                    "activity": rng.choice(words)}
            where = rng.random()
            if where < 0.75:
                task["location"] = rng.choice(spots)["id"]
            elif where < 0.9:
                task["location"] = rng.choice(location_words)
            if rng.random() < 0.5:
                task["supports"] = rng.choice(self.supports)
            for spec in vocab.task_facts:
                if rng.random() < 0.6:
                    task[spec.name] = self._value("", spec, AS_OF, cast, spots)
            if rng.random() < 0.95:
                task["date"] = (start + datetime.timedelta(days=rng.randrange(span))).isoformat()
            items.append(task)
        return {"scenario": f"Varied benchmark: {tasks} tasks, {forces} forces, {places} places, {years} years",
                "as_of": AS_OF.isoformat(), "description": "Generated by bench/generate.py (varied)",
                "locations": spots, "forces": cast, "events": self._varied_events(cast, spots, start, span, per_kind),
                "circumstances": self.circumstances(), "tasks": items}

    def of_kind(self, kind: str, tasks: int, *, days: int = 365, templates: int = 2000) -> dict:
        """`tasks` of the bench's kind of data: "varied", "wide", else the repetitive scenario
        (`days` and `templates` are its own)."""
        if kind in ("varied", "wide"):
            return getattr(self, kind)(tasks)
        return self.scenario(tasks, days=days, templates=templates)

    def wide(self, tasks: int) -> dict:
        """Varied data over a wider cast: 2,000 forces, 500 places, ten years, six events of
        each kind (what scales with the cast, the dates and the events, not with the tasks)."""
        return self.varied(tasks, forces=2000, places=500, years=10, per_kind=6)

    def _varied_events(self, cast: list, spots: list, start: datetime.date, span: int,
                       per_kind: int = 2) -> list[dict]:
        """`per_kind` events of every kind the rulebook declares, at spread dates: the first
        open-ended and covering everyone, the others each scoped to a third of the forces and
        places and ending."""
        rng = self.rng
        result = []
        for kind_name in sorted(self.vocab.event_kinds):
            kind = self.vocab.event_kinds[kind_name]
            for n in range(1, per_kind + 1):
                day = start + datetime.timedelta(days=rng.randrange(span))
                event: dict[str, Any] = {"id": f"{kind_name.replace('_', '-')}-{n}", "kind": kind_name}
                for spec in kind.fields:
                    if spec.name in (kind.scope_forces, kind.scope_areas, kind.in_effect_until) and n == 1 \
                            and not spec.required:
                        continue
                    if spec.type == "event":           # a stay names the first event of its kind
                        if n == 1 or spec.required:
                            continue
                        value = f"{kind_name.replace('_', '-')}-1"
                    elif spec.name == kind.scope_forces:
                        value: Any = sorted(f["id"] for f in rng.sample(cast, len(cast) // 3))
                    elif spec.name == kind.scope_areas:
                        value = sorted(p["id"] for p in rng.sample(spots, len(spots) // 3))
                    elif spec.name == kind.in_effect_from:
                        value = day.isoformat()
                    elif spec.name == kind.in_effect_until:
                        value = (day + datetime.timedelta(days=rng.randint(60, 400))).isoformat()
                    elif not spec.required and rng.random() < 0.2:
                        continue
                    elif spec.type == "location":      # a place of the event's own kind if there is one
                        value = rng.choice([p for p in spots if p["kind"] == kind_name] or spots)["id"]
                    elif spec.name == "authority" and self.authorities and not self.tested.get((kind_name, "authority")):
                        value = rng.choice(self.authorities)
                    else:
                        value = self._value(kind_name, spec, day, cast, spots)
                    event[spec.name] = value
                result.append(event)
        return result


# ---- writers ------------------------------------------------------------------------------

def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if DATE.match(text):
        return text               # written bare, as people write dates
    if text.replace("-", "").replace("_", "").isalnum() and not text[0].isdigit() and \
            text.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value)


def to_yaml(data: dict) -> str:
    """Block style, one block mapping per item; tasks one flow mapping a line, as exports write them."""
    lines = []
    for key, value in data.items():
        if key == "tasks":
            lines.append(f"{key}:")
            lines.extend(f"  - {_flow(item)}" for item in value)
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {_flow(v)}")
                    first = False
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {_flow(v)}" for k, v in value.items())
        else:
            lines.append(f"{key}: {_flow(value)}")
    return "\n".join(lines) + "\n"


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_jsonl(data: dict) -> str:
    header = {k: v for k, v in data.items() if k != "tasks"}
    return "\n".join([json.dumps(header, ensure_ascii=False)] +
                     [json.dumps(task, ensure_ascii=False) for task in data["tasks"]]) + "\n"


WRITERS = {"yaml": to_yaml, "json": to_json, "jsonl": to_jsonl}


def write(data: dict, path: str) -> str:
    fmt = path.rsplit(".", 1)[-1].replace("yml", "yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(WRITERS[fmt](data))
    return path


def main() -> None:
    import engine
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", type=int)
    parser.add_argument("--format", choices=sorted(WRITERS), default="yaml")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--templates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--varied", action="store_true", help="every task drawn afresh (see Generator.varied)")
    parser.add_argument("--wide", action="store_true", help="varied over a wider cast (see Generator.wide)")
    args = parser.parse_args()
    kind = "wide" if args.wide else "varied" if args.varied else "scenario"
    data = Generator(engine.load_rulebook(), args.seed).of_kind(kind, args.tasks, days=args.days,
                                                               templates=args.templates)
    sys.stdout.write(WRITERS[args.format](data))


if __name__ == "__main__":
    main()
