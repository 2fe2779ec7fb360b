"""The contract's JSON and JSON Lines written a stretch of decisions at a time (engine/stream.py).

The bytes are exactly those of `reports_json_bytes` and `check_jsonl` (tested byte for byte):
a decision is its task's own keys followed by its explanation, and tasks that share an
explanation share its bytes, serialised once per stretch and joined to each task's keys.
The document around the decisions (contract, rulebook, each scenario's summary and windows)
is serialised once, at the end, when the summaries are known: `document_pieces` cuts it
where each scenario's decisions go.
"""
from __future__ import annotations

import json
from operator import attrgetter
from typing import Any

import orjson

from ..layers import layers_dict
from ..report import CONTRACT, VERSION, explained_dict

_INDENT = orjson.OPT_INDENT_2
_EXPLAINING = attrgetter("verdict", "rule", "citations", "reasons", "overridden", "conditions", "readings",
                         "obligations", "remedies")     # what report.explained_dict writes
KEPT_BYTES = 256 << 20           # distinct explanations kept for `expand` (100,000 varied tasks: 5 MB)
_DEPTH = 4                       # a decision's depth in the document: {scenarios: [{decisions: [here


class DecisionBytes:
    """Decisions as bytes for the spool: compact lines led by their scenario's file (JSON
    Lines), or indented at their depth in the document (JSON).

    An explanation is spooled as a mark (`\\x00<n>\\n`, bytes no JSON text holds) and its
    bytes kept once, up to KEPT_BYTES; `expand` writes them back in place of their marks. A
    million-task spool is then 150 MB, not 1.9 GB written twice (the spool, then the output).
    Past `limit` bytes of distinct explanations, new ones are spooled whole. Call `stretch()`
    before each stretch: which decisions share an explanation is found anew each stretch.

    Another process's marks (stream_jobs.py) carry its `tag`; it hands over each explanation
    it keeps (`fresh`) with the stretch that first marks it, and this process `adopt`s them."""

    def __init__(self, lines: bool, tag: bytes = b"", limit: int = KEPT_BYTES) -> None:
        self.lines, self.tag, self.limit = lines, tag, limit
        self.newline = b"\n" + b" " * (2 * _DEPTH)
        self.bodies: dict[tuple, tuple[bytes, Any]] = {}
        self.marks: dict[bytes, bytes] = {}            # an explanation's bytes -> its mark
        self.kept: dict[bytes, bytes] = {}             # a mark's name (tag and number) -> the explanation's bytes
        self.fresh: list[tuple[bytes, bytes]] = []     # kept since the last `handed()` (another process's)
        self.kept_bytes = 0
        self.close = b"," if lines else b""           # after the task's own keys
        key = self.newline + b"  "                     # a key of the decision, indented (JSON)
        self.keys = (b'"task":', b',"force":', b',"activity":', b',"activity_as_written":', b',"date":') \
            if lines else (b"{" + key + b'"task": ', b"," + key + b'"force": ', b"," + key + b'"activity": ',
                           b"," + key + b'"activity_as_written": ', b"," + key + b'"date": ')

    def stretch(self) -> None:
        self.bodies = {}

    def lead(self, file: str) -> bytes:
        """`{"file":"...",` for a line of this scenario (a file name that is not UTF-8 kept as bytes)."""
        return b'{"file":' + _dumps(file) + b","

    def __call__(self, decision: Any, lead: bytes = b"") -> bytes:
        """The decision's bytes: its task's own keys (report.decision_head, written here
        key by key), then its explanation, made once per stretch for the decisions sharing
        it (the memo gives them the very same objects: their ids are the key)."""
        explaining = _EXPLAINING(decision)
        key = tuple(map(id, explaining))
        body = self.bodies.get(key)
        if body is None:
            explained = explained_dict(decision, {})
            if self.lines:
                made = orjson.dumps(explained)[1:] + b"\n"
            else:
                made = b"," + self.newline + orjson.dumps(explained, option=_INDENT)[2:].replace(b"\n", self.newline)
            body = self.bodies[key] = (self._mark(made), explaining)   # kept alive: the ids stay unique
        try:
            return self._own(decision, lead, orjson.dumps) + body[0]
        except orjson.JSONEncodeError:       # text that is not UTF-8: json's way (_dumps)
            return self._own(decision, lead, _dumps) + body[0]

    def _own(self, decision: Any, lead: bytes, dumps: Any) -> bytes:
        """`lead`, then the decision's own keys (report.decision_head), each value by `dumps`."""
        task, force, activity, written, date = self.keys
        as_written = decision.activity_as_written
        return b"%s%s%s%s%s%s%s%s%s%s%s" % (lead, task, dumps(decision.task), force, dumps(decision.force),
                                            activity, dumps(decision.activity),
                                            written + dumps(as_written) if as_written is not None else b"",
                                            date, orjson.dumps(decision.date), self.close)

    def _mark(self, made: bytes) -> bytes:
        found = self.marks.get(made)
        if found is None:
            if self.kept_bytes + len(made) > self.limit:
                return made
            name = b"%s%d" % (self.tag, len(self.marks))
            found = self.marks[made] = b"\x00%s\n" % name
            self.kept[name] = made
            self.kept_bytes += len(made)
            if self.tag:
                self.fresh.append((name, made))
        return found

    def handed(self) -> list[tuple[bytes, bytes]]:
        """The explanations kept since the last call, to go with the bytes that mark them."""
        fresh, self.fresh = self.fresh, []
        return fresh

    def forget(self, fresh: list[tuple[bytes, bytes]]) -> None:
        """Explanations kept but never handed over (their stretch failed): no later mark names them."""
        for name, made in fresh:
            del self.marks[made], self.kept[name]
            self.kept_bytes -= len(made)

    def adopt(self, fresh: list[tuple[bytes, bytes]]) -> None:
        """Another process's kept explanations, for `expand`."""
        self.kept.update(fresh)

    def expand(self, block: bytes) -> bytes:
        """Spooled bytes (whole lines) with each mark replaced by its explanation."""
        pieces = block.split(b"\x00")
        out = [pieces[0]]
        kept = self.kept
        for piece in pieces[1:]:
            name, rest = piece.split(b"\n", 1)
            out += (kept[name], rest)
        return b"".join(out)

    @property
    def separator(self) -> bytes:
        """Between two decisions of one scenario."""
        return b"" if self.lines else b"," + self.newline


def document_pieces(heads: list[dict], counts: list[int], rulebook: Any) -> list[bytes]:
    """The JSON document cut where each scenario's decisions go: len(heads) + 1 pieces.

    A scenario with no decision keeps its `[]` in place (its cut is empty)."""
    marks = [f"\x00decisions {n}\x00" for n in range(len(heads))]    # text no scenario can hold
    data = {"contract": CONTRACT, "engine": {"version": VERSION},
            "rulebook": {"digest": rulebook.digest, "rules": len(rulebook.rules), **layers_dict(rulebook)},
            "scenarios": [{**head, "decisions": [mark] if count else []}
                          for head, mark, count in zip(heads, marks, counts)]}
    try:
        text = orjson.dumps(data, option=_INDENT | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:       # a file name that is not UTF-8: keep its bytes
        text = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "surrogateescape")
    pieces = []
    for mark, count in zip(marks, counts):
        if count:
            before, text = text.split(_dumps(mark), 1)
            pieces.append(before)
        else:
            pieces.append(b"")
    pieces.append(text)
    return pieces


def _dumps(text: str) -> bytes:
    try:
        return orjson.dumps(text)
    except orjson.JSONEncodeError:
        return json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogateescape")
