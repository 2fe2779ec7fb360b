"""A quick reader for plainly valid tasks: the large files' hot path, never its own judge.

Anything it is not sure of goes to the careful reader in validate.py, which has the messages.
"""
from __future__ import annotations

import datetime
import re
from typing import Any

from .checker import known_word
from .dates import as_date
from .frozen import builder
from .model import Task

TASK_KEYS = ("force", "activity", "date", "location", "supports", "authority", "description")
TASK_ID = re.compile("[^\\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]{1,100}")
TEXT_LIMIT = 10_000         # free text that reaches the matching engine
_TASK = builder(Task)       # a Task, every field in order, four times faster than its __init__ (frozen.py)


class QuickTasks:
    """Tasks whose every value is plainly valid, read without the Checker's messages.

    A year of task orders repeats a few hundred dates, forces and places, so each value's
    check is remembered. Anything unusual (an unknown key, a value of another type, a
    task fact that is neither a boolean nor a word, a word never seen) returns None and the careful
    reader takes the task, with its messages: this path never reports and never accepts
    what the careful one would refuse.
    """

    def __init__(self, reader: Any, day: datetime.date | None,
                 override: datetime.date | None) -> None:
        vocab = reader.vocab
        self.reader, self.day, self.override = reader, day, override
        self.doc = reader.check.doc
        self.forces = reader.forces
        self.activities = vocab.activity_words
        self.places = {**dict(vocab.location_words), **{ident: ident for ident in reader.locations}}
        self.facts = frozenset(spec.name for spec in vocab.task_facts if spec.type == "boolean")
        self.word_facts = {spec.name: spec.choices or None for spec in vocab.task_facts if spec.type == "word"}
        self.other_facts = frozenset(spec.name for spec in vocab.task_facts) - self.facts - set(self.word_facts)
        self.keys = frozenset(("id", "force", "activity") + TASK_KEYS[2:]
                              + tuple(spec.name for spec in vocab.task_facts))
        self.dates: dict = {}
        self.words: dict = {}
        self.fact_words: dict = {}

    def task(self, raw: Any, path: tuple, seen: dict) -> Task | None:
        if type(raw) is not dict or not raw.keys() <= self.keys:
            return None
        ident, force, activity = raw.get("id"), raw.get("force"), raw.get("activity")
        if type(ident) is not str or type(force) is not str or type(activity) is not str \
                or ident in seen or force not in self.forces or not TASK_ID.fullmatch(ident) \
                or not ident.isascii():         # compared after NFC by the careful reader
            return None
        written = activity
        activity = self.activities.get(activity)
        if activity is None:
            return None
        written = written if written != activity else None
        date = raw.get("date")
        if date is not None:
            if type(date) is not str and type(date) is not datetime.date:
                return None
            date = self.dates.get(date) or self.dates.setdefault(date, as_date(date))
            if date is None:
                return None
        elif self.day is None:
            return None
        location = raw.get("location")
        if location is not None:
            location = self.places.get(location) if type(location) is str else None
            if location is None:
                return None
        supports = raw.get("supports")
        if supports is not None:
            supports = self.word(supports)
            if supports is None:
                return None
        authority, description = raw.get("authority"), raw.get("description")
        if (authority is not None and (type(authority) is not str or len(authority) > TEXT_LIMIT)) \
                or (description is not None and type(description) is not str):
            return None
        if not self.other_facts.isdisjoint(raw):
            return None
        extra = []
        for name in self.facts:                   # a few names: asked of the task, not intersected
            value = raw.get(name)
            if value is not None:
                if type(value) is not bool:
                    return None
                extra.append((name, value))
        for name in self.word_facts:
            value = raw.get(name)
            if value is not None:
                value = self.fact_word(name, value)
                if value is None:
                    return None
                extra.append((name, value))
        seen[ident] = path + ("id",)
        return _TASK(ident, force, activity, self.override or date or self.day, location, supports, authority,
                     description, tuple(sorted(extra)), self.doc.where(path), written)

    def fact_word(self, name: str, raw: Any) -> str | None:
        """A word-valued task fact (`purpose`), as the careful reader's `value` reads it (its
        plain spelling, then checker.known_word). Remembered per (fact, spelling)."""
        if type(raw) is not str:
            return None
        key = (name, raw)
        word = self.fact_words.get(key)
        if word is None:
            plain = self.reader.plain(raw)
            word = known_word(plain, self.word_facts[name]) if isinstance(plain, str) else None
            word = self.fact_words[key] = word or ""
        return word or None

    def word(self, raw: Any) -> str | None:
        """The agency a task supports, by the careful reader's own check (remembered per spelling)."""
        if type(raw) is not str:
            return None
        word = self.words.get(raw)
        if word is None:
            word = self.words[raw] = self.reader.agency(raw) or ""
        return word or None
