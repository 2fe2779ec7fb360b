"""The reader's limits and the characters it refuses, shared by every format."""
from __future__ import annotations

import re

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_BYTES_LIMIT = 2 ** 34  # 16 GiB: the largest --max-bytes; files are read in chunks, never at once
MAX_DEPTH = 64
MAX_INT = 2 ** 53 - 1      # beyond this, JSON readers (durable_rules among them) disagree
MAX_DIGITS = 40            # a number written longer is refused before it is converted

# What the YAML reader refuses in a file, refused too when it arrives through an escape
# ("\x07", "\u0000") or JSON: controls other than tab and line breaks, and lone surrogates.
BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_text_message(char: str) -> str:
    """Why a refused character is refused."""
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"text contains {kind} (U+{ord(char):04X}), which is not allowed"


def too_deep() -> str:
    return f"nesting deeper than {MAX_DEPTH} levels"
