"""A parsed file: plain data, and a way back from a path to where it was written.

`Document` holds its positions, or finds them all on first need (`locate`). `FastDocument`
is what a fast path gives: the positions a clean read asks for come from a cheap index;
any other position (for an error message) comes from the careful reader run over the one
value that holds it (`Parts`), or else over the whole file, read once and then kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import ComitatusError, SourceLocation
from ..frozen import builder

Path = tuple  # of str keys and int indexes
Part = tuple[tuple, str, int, int]     # (path of a value, its text, the line and column it starts at)
_LOCATION = builder(SourceLocation)    # every task's position is one: made at the speed of a plain object


@dataclass(slots=True)
class Document:
    """A parsed file: plain data plus a way back from a path to its position."""

    file: str
    data: Any
    digest: str
    positions: dict = field(default_factory=dict)       # path -> (line, col) of the value
    key_positions: dict = field(default_factory=dict)   # path -> (line, col) of its key
    texts: dict = field(default_factory=dict)           # path -> source text of a non-text scalar
    locate: Callable[[], tuple[dict, dict]] | None = None   # the positions, found on first need

    def where(self, path: Path, *, key: bool = False) -> SourceLocation:
        """The position of `path` (or its key), falling back to the nearest ancestor."""
        if self.locate is not None:
            self.positions, self.key_positions = self.locate()
            self.locate = None
        path = tuple(path)
        known = None if key else dict.get(self.positions, path)     # the common case, without a lookup chain
        if known is not None:
            return _LOCATION(self.file, *known)
        if key and path in self.key_positions:
            return SourceLocation(self.file, *self.key_positions[path])
        while path:
            if path in self.positions:
                return SourceLocation(self.file, *self.positions[path])
            path = path[:-1]
        return SourceLocation(self.file, *self.positions.get((), (1, 1)))

    def text_of(self, path: Path) -> str | None:
        """How a number, boolean or null at `path` was written, for messages."""
        return self.texts.get(tuple(path))


Local = Callable[[str, Any], "dict | None"]


class FastDocument(Document):
    """A Document whose positions come from an index, else from `local` (a value's positions
    from the careful reader run over that value's own text), else from the careful reader of
    the whole file. Every position and written form is the careful reader's, so errors found
    on this document are final.

    No reference cycle: the positions share the careful reader with the document rather than
    pointing back at it, so a document is freed by reference counting as soon as it is
    dropped, even with the cyclic collector paused (as it is while checking).
    """

    __slots__ = ("reader",)

    def __init__(self, file: str, data: Any, digest: str, index: dict,
                 careful: Callable[[], Document], local: Local,
                 keys: dict | None = None, texts: dict | None = None) -> None:
        super().__init__(file, data, digest)
        self.reader = CarefulReading(careful, local)
        self.positions = Positions(index, self.reader, "positions")
        self.key_positions = Positions(keys or {}, self.reader, "key_positions")
        self.texts = Positions(texts or {}, self.reader, "texts")

    @property
    def read_carefully(self) -> bool:
        """Whether the whole file has been read by the careful reader."""
        return self.reader.made is not None

    def careful(self) -> Document:
        """The same file through the careful reader: every position, every check."""
        return self.reader()


class CarefulReading:
    """The careful reader's document, read on first need and then kept."""

    __slots__ = ("read", "made", "local")

    def __init__(self, read: Callable[[], Document], local: Local) -> None:
        self.read, self.made, self.local = read, None, local

    def __call__(self) -> Document:
        if self.made is None:
            made = self.read()
            made.where(())                  # a lazy reader finds its positions now
            self.made = made
        return self.made

    def source(self, which: str, path: Any) -> dict:
        """The mapping that knows `path`'s entry of kind `which`, if the document has it."""
        found = self.local(which, path)
        return found if found is not None else getattr(self(), which)


class Positions(dict):
    """Known positions first; anything else is asked of the careful reader."""

    def __init__(self, known: dict, careful: CarefulReading, which: str) -> None:
        super().__init__(known)
        self.careful, self.which = careful, which

    def __contains__(self, path: object) -> bool:
        return dict.__contains__(self, path) or path in self.careful.source(self.which, path)

    def __getitem__(self, path: Any) -> Any:
        if dict.__contains__(self, path):
            return dict.__getitem__(self, path)
        return self.careful.source(self.which, path)[path]

    def get(self, path: Any, default: Any = None) -> Any:
        return self[path] if path in self else default


def whole_file(which: str, path: Any) -> None:
    """A `local` that sends every question to the whole file's careful reader."""
    return None


class Parts:
    """Positions inside one indexed value (a task, a force, the circumstances...), from the
    careful reader run over that value's text alone and shifted to where it starts: an error
    in a 400,000-task file is located without a careful reading of the whole file.

    `part(path)` finds the value holding a path; the index holds every position outside
    those values, so a path no value holds is absent. `parse(text)` is the careful reader,
    its root being the value (None, or a refusal, sends the question to the whole file's).
    """

    def __init__(self, part: Callable[[tuple], Part | None], parse: Callable[[str], Document | None]) -> None:
        self.part, self.parse = part, parse
        self.read: dict[tuple, Document | None] = {}

    def __call__(self, which: str, path: Any) -> dict | None:
        found = self.part(path) if isinstance(path, tuple) else None
        if found is None:
            return {}
        prefix = found[0]
        if prefix not in self.read:
            self.read[prefix] = self.alone(*found)
        alone = self.read[prefix]
        return getattr(alone, which) if alone is not None else None     # None: the whole file's

    def alone(self, prefix: tuple, text: str, line: int, column: int) -> Document | None:
        """The careful reading of one value's text, its positions moved to where it stands."""
        try:
            alone = self.parse(text)
        except ComitatusError:
            return None
        if alone is None:
            return None

        def moved(table: dict) -> dict:
            return {prefix + path: (at + line - 1, col + column - 1 if at == 1 else col)
                    for path, (at, col) in table.items()}
        return Document(alone.file, None, "", moved(alone.positions), moved(alone.key_positions),
                        texts={prefix + path: text for path, text in alone.texts.items()})
