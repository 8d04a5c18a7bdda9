"""Dates: explicit ones ("Sept. 20, 2019", "16 July 2023", "2019-09-20") and relative ones
("last month", "on Friday", "this year", "in June") resolved against a reference date.

A date keeps the precision the text gives: :class:`PartialDate` is a year, a year and month,
or a full day. Nothing is guessed: an expression that cannot be resolved gives no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["MONTHS", "PartialDate", "find_dates", "parse_explicit_date", "resolve_relative"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    def compatible(self, other: PartialDate) -> bool:
        """True when one date is a coarser reading of the other (2019-09 and 2019-09-20)."""
        a, b = self.isoformat(), other.isoformat()
        return a.startswith(b) or b.startswith(a)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, with its offsets and the date it stands for."""

    start: int
    end: int
    text: str
    date: PartialDate
    relative: bool


def _valid(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not 1000 <= year <= 2999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?\s*$")
_MDY = re.compile(r"^\s*" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b")
_DMY = re.compile(r"^\s*" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b")


def parse_explicit_date(text: str) -> dt.date | None:
    """Parse a full date written out ("September 20, 2019", "20 Sept. 2019", "2019-09-20")."""
    m = _ISO.match(text)
    if m:
        pd = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return dt.date(pd.year, pd.month or 1, pd.day or 1) if pd else None
    for rx in (_MDY, _DMY):
        m = rx.match(text)
        if m:
            pd = _valid(int(m.group("year")), _month_key(m.group("month")), int(m.group("day")))
            if pd and pd.month and pd.day:
                return dt.date(pd.year, pd.month, pd.day)
    return None


def _month_key(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    return MONTHS[w[:3]]


# --------------------------------------------------------------------------- finding dates in text

_FULL_MDY = re.compile(r"\b" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b")
_FULL_DMY = re.compile(r"\b" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b")
_MONTH_YEAR = re.compile(r"\b(?:in\s+|since\s+|by\s+|from\s+|of\s+|during\s+|until\s+|early\s+|late\s+|mid-?)?" + _MONTH + r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b")
_ISO_IN_TEXT = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "in 2021/22", "in 2019-20": a financial year (money.find_fiscal_years), not a calendar date
_YEAR = re.compile(r"\b(?:in|since|by|during|until|of|for|from)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*(?:budget|fiscal))(?![/-]\d{2}\b)")
_RELATIVE = re.compile(
    r"\b(?P<expr>today|yesterday|this\s+(?:year|month|week)|last\s+(?:year|month|week)|earlier\s+this\s+(?:year|month|week)"
    r"|(?:on|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)))\b",
    re.IGNORECASE,
)


def find_dates(text: str, reference: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text`` that can be resolved (against ``reference`` if needed)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, date: PartialDate | None, relative: bool) -> None:
        if date is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, text[start:end], date, relative))

    for m in _ISO_IN_TEXT.finditer(text):
        add(m.start(), m.end(), _valid(int(m["year"]), int(m["month"]), int(m["day"])), False)
    for rx in (_FULL_MDY, _FULL_DMY):
        for m in rx.finditer(text):
            month = _month_key(m["month"])
            day = int(m["day"])
            if m["year"]:
                add(m.start(), m.end(), _valid(int(m["year"]), month, day), False)
            elif reference is not None:
                add(m.start(), m.end(), _year_for(month, day, m["weekday"], reference), True)
    for m in _MONTH_YEAR.finditer(text):
        word = m["month"]
        if word.lower() in {"may", "mar", "jan", "june"} and not _month_context(text, m):
            continue
        month = _month_key(word)
        if m["year"]:
            add(m.start(), m.end(), _valid(int(m["year"]), month, None), False)
        elif reference is not None:
            year = reference.year if month <= reference.month else reference.year - 1
            add(m.start(), m.end(), _valid(year, month, None), True)
    for m in _RELATIVE.finditer(text):
        if reference is not None:
            add(m.start(), m.end(), resolve_relative(m["expr"], reference), True)
    for m in _YEAR.finditer(text):
        add(m.start("year"), m.end("year"), _valid(int(m["year"]), None, None), False)
    found.sort(key=lambda d: d.start)
    return found


def _month_context(text: str, m: re.Match[str]) -> bool:
    """'May' and 'March' are also ordinary words: take them as months only in a date context."""
    before = text[max(0, m.start() - 12) : m.start()].lower()
    return bool(m["year"]) or before.rstrip().endswith(("in", "since", "by", "of", "early", "late", "during", "until"))


def _year_for(month: int, day: int, weekday: str | None, reference: dt.date) -> PartialDate | None:
    """A month and day with no year: the year of the reference date, or the one before when that
    would put the date far in the future; a weekday given with it must agree."""
    candidates = [reference.year, reference.year - 1]
    if weekday:
        want = WEEKDAYS[weekday.lower()]
        for year in [*candidates, reference.year + 1]:
            pd = _valid(year, month, day)
            if pd and dt.date(year, month, day).weekday() == want and abs((dt.date(year, month, day) - reference).days) < 370:
                return pd
        return None
    for year in candidates:
        pd = _valid(year, month, day)
        if pd and (dt.date(year, month, day) - reference).days <= 31:
            return pd
    return None


def resolve_relative(expr: str, reference: dt.date) -> PartialDate | None:
    """Resolve "today", "last month", "on Friday", … against the reference date (None when the
    result would fall outside the calendar Python can represent)."""
    try:
        return _resolve_relative(expr, reference)
    except OverflowError:
        return None


def _resolve_relative(expr: str, reference: dt.date) -> PartialDate | None:
    e = " ".join(expr.lower().split())
    if e == "today":
        return PartialDate.of(reference)
    if e == "yesterday":
        return PartialDate.of(reference - dt.timedelta(days=1))
    if e.endswith("this year") or e == "this year":
        return PartialDate(reference.year)
    if e == "last year":
        return PartialDate(reference.year - 1)
    if e.endswith("this month"):
        return PartialDate(reference.year, reference.month)
    if e == "last month":
        first = reference.replace(day=1) - dt.timedelta(days=1)
        return PartialDate(first.year, first.month)
    if "week" in e:
        return None  # a week is not a date precision the ontology has
    words = e.split()
    day_name = words[-1]
    if day_name in WEEKDAYS:
        target = WEEKDAYS[day_name]
        if words[0] == "next":
            delta = (target - reference.weekday()) % 7 or 7
            return PartialDate.of(reference + dt.timedelta(days=delta))
        # "on Friday", "Friday", "last Friday": the most recent such day, up to the reference date
        delta = (reference.weekday() - target) % 7
        if words[0] == "last" and delta == 0:
            delta = 7
        return PartialDate.of(reference - dt.timedelta(days=delta))
    return None
