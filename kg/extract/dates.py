"""Dates: explicit ones ("Sept. 20, 2019", "16 July 2023", "2019-09-20"); deictic ones ("last
month", "on Friday", "this year", "in June", "a year ago") resolved against a reference date, the
report's; anaphoric ones ("a month later", "the day before", "the following year", "in June of
that year", "on that visit") resolved against the date the text stated just before them.

A date keeps the precision the text gives: :class:`PartialDate` is a year, a year and month,
or a full day. Nothing is guessed: an expression that cannot be resolved gives no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.money import NUMBER_WORDS

__all__ = ["MONTHS", "PartialDate", "dates_by_sentence", "find_dates", "parse_explicit_date", "resolve_relative"]

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


# anaphoric expressions: they name a time relative to another event the text has dated ("a month
# later", "the day before", "the following year", "in June of that year"), not to the report's date
_UNIT = r"(?:day|week|month|year)"
# "the day before, in Rome": "before"/"after" with no object of their own ("the day before the vote"
# is anchored on the vote, whose date the expression does not give)
_NO_OBJECT = r"(?=\s*(?:[,.;:)!?—–]|--|$)|\s+(?:in|at|on|and|but)\b)"
_ANAPHORIC = re.compile(
    r"\b(?:(?:later|earlier)\s+)?(?:(?:in|on|by|during)\s+)?(?P<same>that\s+same|that|the\s+same)\s+(?P<unit1>" + _UNIT + r")\b"
    r"|\bthe\s+(?P<dir2>following|next|previous|preceding|subsequent)\s+(?P<unit2>" + _UNIT + r")\b"
    r"|\bthe\s+(?P<unit3>" + _UNIT + r")\s+(?P<dir3>before|after)\b" + _NO_OBJECT +
    # "on that visit", "during the same trip": the occasion the text has just dated, at the precision it gave
    r"|\b(?:on|during|at)\s+(?:that|the\s+same)\s+(?P<event>visit|trip|tour|occasion|meeting|summit|ceremony)\b"
    r"|\b(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<unit4>" + _UNIT
    + r")s?\s+(?:(?P<dir4>later|earlier|afterwards?)\b|(?P<dir5>before|after)\b" + _NO_OBJECT + ")",
    re.IGNORECASE,
)
# "a year ago", "two weeks ago": before the report, at the precision of the unit
_AGO = re.compile(r"\b(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                  r"(?P<unit>" + _UNIT + r")s?\s+ago\b", re.IGNORECASE)
# "in June of that year", "on 3 June the following year"
_OF_YEAR = r",?\s+(?:of\s+)?(?P<which>that|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding)\s+year\b"
_MONTH_OF_THAT_YEAR = [
    re.compile(r"\b" + _MONTH + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?" + _OF_YEAR),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _OF_YEAR),
]


@dataclass(frozen=True)
class _Found:
    """A date expression before it is resolved: ``explicit`` (a year given), ``deictic`` (resolved
    against the reference date), ``anaphoric`` (against the date stated just before it) or ``yearless``
    (a month or a day with no year: the year of a date stated just before it in the sentence, else
    the reference's reading, ``fixed``)."""

    start: int
    end: int
    kind: str
    fixed: PartialDate | None = None
    shift: tuple[str, int] | None = None  # anaphoric: (unit, offset), "that day" is ("day", 0)
    month: int | None = None
    day: int | None = None
    year_offset: int | None = None  # "June of that year" (0), "of the following year" (1)


# a future clause before a weekday ("will meet … on Friday"), with no past verb after it ("will go
# ahead, officials said on Monday")
_FUTURE = re.compile(r"\b(?:will|(?:is|are)\s+(?:due|expected|scheduled|set)\s+to)\b(?![^.;]*\b(?:said|told|\w+ed)\b)[^.;]*$",
                     re.IGNORECASE)


def find_dates(text: str, reference: dt.date | None, anchor: PartialDate | None = None) -> list[DateMention]:
    """Every date expression in ``text`` that can be resolved. Deictic ones ("last month", "on
    Friday", "in March") resolve against ``reference``, the report's date; anaphoric ones ("a month
    later", "the day before", "that year") against the nearest date stated before them: in
    ``text`` first, else ``anchor`` (the last date of the text before); with neither, no date."""
    raw: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(f: _Found) -> None:
        if f.kind in ("explicit", "deictic") and f.fixed is None:
            return
        if any(s < f.end and f.start < e for s, e in taken):
            return
        taken.append((f.start, f.end))
        raw.append(f)

    for m in _ISO_IN_TEXT.finditer(text):
        add(_Found(m.start(), m.end(), "explicit", _valid(int(m["year"]), int(m["month"]), int(m["day"]))))
    for rx in _MONTH_OF_THAT_YEAR:
        for m in rx.finditer(text):
            offset = {"that": 0, "the same": 0, "the following": 1, "the next": 1}.get(" ".join(m["which"].split()), -1)
            add(_Found(m.start(), m.end(), "anaphoric", month=_month_key(m["month"]),
                       day=int(m["day"]) if m["day"] else None, year_offset=offset))
    for rx in (_FULL_MDY, _FULL_DMY):
        for m in rx.finditer(text):
            month = _month_key(m["month"])
            day = int(m["day"])
            if m["year"]:
                add(_Found(m.start(), m.end(), "explicit", _valid(int(m["year"]), month, day)))
            elif m["weekday"]:  # "Friday 24 September": the weekday fixes the year
                add(_Found(m.start(), m.end(), "deictic", _year_for(month, day, m["weekday"], reference) if reference else None))
            else:
                fixed = _year_for(month, day, None, reference) if reference else None
                add(_Found(m.start(), m.end(), "yearless", fixed, month=month, day=day))
    for m in _MONTH_YEAR.finditer(text):
        word = m["month"]
        if word.lower() in {"may", "mar", "jan", "june"} and not _month_context(text, m):
            continue
        month = _month_key(word)
        if m["year"]:
            add(_Found(m.start(), m.end(), "explicit", _valid(int(m["year"]), month, None)))
        else:
            fixed = None
            if reference is not None:
                fixed = _valid(reference.year if month <= reference.month else reference.year - 1, month, None)
            add(_Found(m.start(), m.end(), "yearless", fixed, month=month))
    for m in _RELATIVE.finditer(text):
        if reference is not None:
            expr = m["expr"]
            if _FUTURE.search(text[max(0, m.start() - 80) : m.start()]) and expr.split()[0].lower() in ("on", *WEEKDAYS):
                expr = "next " + expr.split()[-1]  # "is due to address Congress on Saturday": the coming one
                when = resolve_relative(expr, reference - dt.timedelta(days=1))
            else:
                when = resolve_relative(expr, reference)
            add(_Found(m.start(), m.end(), "deictic", when))
    for m in _AGO.finditer(text):
        if reference is not None:
            n = NUMBER_WORDS.get(m["num"].lower()) or int(m["num"])
            add(_Found(m.start(), m.end(), "deictic", _shifted(PartialDate.of(reference), m["unit"].lower(), -n)))
    for m in _ANAPHORIC.finditer(text):
        add(_Found(m.start(), m.end(), "anaphoric", shift=_anaphoric_shift(m)))
    for m in _YEAR.finditer(text):
        add(_Found(m.start("year"), m.end("year"), "explicit", _valid(int(m["year"]), None, None)))

    found: list[DateMention] = []
    stated: list[bool] = []  # whether each found date is stated by the text, not read off the reference
    for f in sorted(raw, key=lambda f: f.start):
        date: PartialDate | None = f.fixed
        is_stated = f.kind == "explicit"
        if f.kind == "anaphoric":
            base = found[-1].date if found else anchor
            date = _from_anchor(f, base) if base is not None else None
            is_stated = True
        elif f.kind == "yearless" and found and stated[-1]:
            # "signed in 2012: one with Nauru, on 29 August": the year just stated, unless it is the
            # report's own year (then the reference's reading, which keeps past months in the past)
            base = found[-1].date
            if reference is None or base.year != reference.year:
                later = f.day is None or base.day is None or (f.month, f.day) >= (base.month, base.day)
                if base.month is None or (f.month is not None and f.month >= base.month and later):
                    date, is_stated = _valid(base.year, f.month, f.day), True
        if date is None:
            continue
        found.append(DateMention(f.start, f.end, text[f.start : f.end], date, f.kind != "explicit"))
        stated.append(is_stated)
    return found


def dates_by_sentence(text: str, spans: list[tuple[int, int]], reference: dt.date | None) -> list[list[DateMention]]:
    """The dates of each sentence (offsets in ``text``); an anaphoric expression with no date before
    it in its own sentence resolves against the last date of the sentences before."""
    out: list[list[DateMention]] = []
    anchor: PartialDate | None = None
    for s, e in spans:
        found = [DateMention(d.start + s, d.end + s, d.text, d.date, d.relative) for d in find_dates(text[s:e], reference, anchor)]
        if found:
            anchor = found[-1].date
        out.append(found)
    return out


def _anaphoric_shift(m: re.Match[str]) -> tuple[str, int]:
    """(unit, offset): "a month later" is ("month", 1); "the following week" is a whole week, ("the week", 1)."""
    if m["event"]:
        return "event", 0
    if m["same"]:
        unit = m["unit1"].lower()
        return ("the week" if unit == "week" else unit), 0
    if m["dir2"]:
        unit = m["unit2"].lower()
        return ("the week" if unit == "week" else unit), -1 if m["dir2"].lower() in ("previous", "preceding") else 1
    if m["dir3"]:
        unit = m["unit3"].lower()
        return ("the week" if unit == "week" else unit), -1 if m["dir3"].lower() == "before" else 1
    n = NUMBER_WORDS.get(m["num"].lower()) or int(m["num"])
    back = (m["dir4"] or m["dir5"] or "").lower() in ("earlier", "before")
    return m["unit4"].lower(), -n if back else n


def _from_anchor(f: _Found, base: PartialDate) -> PartialDate | None:
    """An anaphoric expression resolved against the date before it, at the precision both allow."""
    if f.year_offset is not None:  # "in June of that year"
        return _valid(base.year + f.year_offset, f.month, f.day)
    assert f.shift is not None
    unit, n = f.shift
    if unit == "event":
        return base
    return _shifted(base, unit, n)


def _shifted(base: PartialDate, unit: str, n: int) -> PartialDate | None:
    """``base`` moved by ``n`` days, weeks, months or years, at the precision of the unit (None when
    ``base`` is coarser than the unit)."""
    try:
        if unit == "year":
            return _valid(base.year + n, None, None)
        if unit == "month":
            if base.month is None:
                return None
            index = base.year * 12 + base.month - 1 + n
            return _valid(index // 12, index % 12 + 1, None)
        if unit == "the week":
            return None  # "the following week", "that week": a week is not a precision the ontology has
        if base.month is None or base.day is None:
            return None
        days = n * 7 if unit == "week" else n
        return PartialDate.of(dt.date(base.year, base.month, base.day) + dt.timedelta(days=days))
    except (OverflowError, ValueError):
        return None


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
