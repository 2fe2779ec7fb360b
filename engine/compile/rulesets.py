"""The durable_rules rulesets: registered, asserted into, drained and deleted here alone.

durable_rules keeps process-wide state, is not thread safe, and fails past 64 alpha siblings.
So: at most CHUNK durable rules per ruleset, one lock around every call, and facts retracted
after each batch. Rulesets are named by the digest of what they compile to and shared by every
rulebook that compiles to the same thing; a ruleset no compiled rulebook holds any more is
deleted (with its session state, or it leaks). durable_rules' C engine is driven directly
(assert, drain the fired actions, retract): its Python Host runs a Python callback with JSON
round trips for every firing and starts timer threads we do not need.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
import weakref
from typing import Any, Protocol

import orjson

from ..errors import CompileError
from ..limits import CHUNK

BATCH = 128                # facts asserted together: far below durable's identity-hash collision range
LOCK = threading.RLock()   # held around every use of durable_rules and of a network's numbering
_FID = re.compile(r'"fid":\s*(\d+)\s*[,}]')


class Ruleset:
    """A durable_rules ruleset, shared by every compiled rulebook with the same definitions;
    deleted with its session state when none holds it any more."""

    __slots__ = ("handle", "digest", "used", "__weakref__")

    def __init__(self, handle: Any, digest: str) -> None:
        self.handle, self.digest, self.used = handle, digest, False

    def __del__(self) -> None:
        try:
            with LOCK:
                durable = _durable()
                if self.used:
                    durable.delete_state(self.handle, "0")
                durable.delete_ruleset(self.handle)
        except Exception:  # interpreter shutting down, or never used: nothing to free
            pass


_RULESETS: "weakref.WeakValueDictionary[str, Ruleset]" = weakref.WeakValueDictionary()


def _durable() -> Any:
    import durable_rules_engine
    return durable_rules_engine


class Tally(Protocol):
    """What counts the calls into durable_rules (a compiled rulebook)."""
    engine_calls: int


def register(definitions: list[tuple[str, dict]]) -> list[Ruleset]:
    """Rulesets of at most CHUNK definitions, named by the digest of what they compile to:
    one already registered with the same definitions is shared."""
    durable = _durable()
    rulesets = []
    for start in range(0, len(definitions), CHUNK):
        text = json.dumps(dict(definitions[start:start + CHUNK]), sort_keys=True)
        digest = hashlib.sha256(text.encode()).hexdigest()[:32]
        with LOCK:
            found = _RULESETS.get(digest)
            if found is None:
                try:
                    found = Ruleset(durable.create_ruleset(f"comitatus_{digest}", text), digest)
                except Exception as exc:  # durable raises bare Exception with a numeric code
                    raise CompileError("compile-failed", f"durable_rules refused ruleset {digest}: {exc}") from exc
                _RULESETS[digest] = found
        rulesets.append(found)
    return rulesets


def fire(rulesets: list[Ruleset], facts: list[dict], tally: Tally) -> list[set[str]]:
    """The rule names each fact fires, asserting the facts in batches and retracting them;
    every call into durable_rules is counted on `tally`."""
    fired: list[set[str]] = [set() for _ in facts]
    with LOCK:
        for start in range(0, len(facts), BATCH):
            batch = [dict(fact, fid=start + i) for i, fact in enumerate(facts[start:start + BATCH])]
            for ruleset in rulesets:
                _run(ruleset, batch, fired, tally)
    return fired


def _run(ruleset: Ruleset, batch: list[dict], fired: list[set[str]], tally: Tally) -> None:
    durable = _durable()
    handle = ruleset.handle
    payload = _payload(batch)
    tally.engine_calls += 1
    try:
        code, state = durable.assert_facts(handle, payload)
        if code == 2 and len(batch) > 1:     # durable took two facts for one (hash identity)
            durable.retract_facts(handle, payload)
            for fact in batch:
                _run(ruleset, [fact], fired, tally)
            return
        if code not in (0, 1):               # 1: no rule wanted the fact
            raise CompileError("engine-failed", f"durable_rules refused a fact (code {code})")
        # a fact was taken (code 0): the session state exists, and is deleted with the ruleset.
        # delete_state on a ruleset that only ever answered 1 corrupts the heap (measured)
        ruleset.used = ruleset.used or code == 0
        action = durable.start_action_for_state(handle, state)
        message = action[1] if action else None
        while message:
            name = message[2:message.index('"', 2)]
            found = _FID.search(message)
            fid = int(found.group(1)) if found else -1
            if not batch[0]["fid"] <= fid < batch[0]["fid"] + len(batch):
                raise CompileError("engine-failed", f"durable_rules fired {name} on an unknown fact")
            fired[fid].add(name)
            message = durable.complete_and_start_action(handle, state)
    except CompileError:
        raise
    except Exception as exc:  # durable raises bare Exception with a numeric code
        raise CompileError("engine-failed", f"durable_rules failed while matching: {exc}") from exc
    finally:
        try:
            durable.retract_facts(handle, payload)
        except Exception:  # already gone: nothing to undo
            pass


def _payload(batch: list[dict]) -> str:
    """The batch as JSON for durable_rules: orjson when the text is ASCII (the same values,
    written compactly, several times faster), else json.dumps, whose escapes the rulesets'
    own JSON uses too."""
    try:
        text = orjson.dumps(batch).decode()
    except orjson.JSONEncodeError:      # a value orjson does not write (an integer past 64 bits)
        return json.dumps(batch)
    return text if text.isascii() else json.dumps(batch)
