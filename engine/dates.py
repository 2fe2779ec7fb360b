"""The one reading of a date: YYYY-MM-DD, a real calendar day, inside the engine's calendar."""
from __future__ import annotations

import datetime
import re
from typing import Any

from .errors import ComitatusError, shown

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MIN_DATE = datetime.date(1000, 1, 1)       # far enough from both ends of Python's dates that
MAX_DATE = datetime.date(8999, 12, 31)     # adding a deadline or a day can never overflow


def as_date(value: Any) -> datetime.date | None:
    """The date a valid value means, or None for anything Checker.date would refuse
    (fromisoformat alone also takes 20250101 and week dates)."""
    if type(value) is datetime.date:
        day = value
    elif isinstance(value, str) and DATE.fullmatch(value.strip()):
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return day if MIN_DATE <= day <= MAX_DATE else None


def parse_date(text: str, what: str) -> datetime.date:
    """A date given on the command line or to the library, or one error saying what is wrong."""
    day = as_date(text)
    if day is not None:
        return day
    if isinstance(text, str) and DATE.fullmatch(text.strip()):
        try:
            datetime.date.fromisoformat(text.strip())
        except ValueError:
            pass
        else:
            raise ComitatusError("bad-date", f"{what} must be between {MIN_DATE} and {MAX_DATE}, found {shown(text)}")
    raise ComitatusError("bad-date", f"{what} must be a date YYYY-MM-DD, found {shown(text)}")
