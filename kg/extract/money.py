"""Money: "$370 million", "€105m", "£120 million", "3 billion euros", "USD 1.2bn", "half a billion
dollars", "Yen 21.787 billion", "Rs. 1,165 crore", and fiscal
years ("from the 2018 budget", "FY2019", "fiscal year 2020")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NUMBER_WORDS", "MoneyMention", "find_fiscal_years", "find_money", "local_dollar"]

_SYMBOLS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "¥": "JPY", "JPY": "JPY", "CHF": "CHF", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "CNY": "CNY", "INR": "INR",
    "₹": "INR", "MXN": "MXN", "TRY": "TRY", "ZAR": "ZAR",
}
_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "swiss francs": "CHF", "australian dollars": "AUD", "canadian dollars": "CAD", "kroner": "DKK", "kronor": "SEK",
    "yuan": "CNY", "rupees": "INR", "mexican pesos": "MXN", "philippine pesos": "PHP", "lira": "TRY", "rand": "ZAR",
    "danish crowns": "DKK", "danish kroner": "DKK", "swedish crowns": "SEK", "swedish kronor": "SEK",
    "norwegian crowns": "NOK", "norwegian kroner": "NOK", "czech crowns": "CZK", "swiss franc": "CHF",
    "australian dollar": "AUD", "canadian dollar": "CAD", "japanese yen": "JPY", "turkish lira": "TRY",
}
_SCALE = {
    "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3, "million": Decimal(10) ** 6, "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "billion": Decimal(10) ** 9, "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9, "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12,
    "crore": Decimal(10) ** 7, "crores": Decimal(10) ** 7, "lakh": Decimal(10) ** 5, "lakhs": Decimal(10) ** 5,
}

#: numbers in words ("six million dollars", "two weeks later", "a year ago")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100, "a": 1, "an": 1,
}
_SYM = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCL = r"thousand|million|billion|trillion|crores?|lakhs?|mln|mn|bn|tn|m|k|b"
_WRD = "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))

_BEFORE = re.compile(rf"(?<![\w$])(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?\[?(?P<scale>{_SCL})\b\]?)?(?:\s+(?P<word>{_WRD})\b)?",
                     re.IGNORECASE)
# an amount in words: only before a scale word ("six million")
_NUMBER_WORD = "|".join(re.escape(w) for w in sorted(NUMBER_WORDS, key=len, reverse=True) if w not in ("a", "an"))
_IN_WORDS = re.compile(rf"(?<![\w.,-])(?P<num>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:{_NUMBER_WORD}))\s+"
                       rf"(?P<scale>million|billion|trillion)\s+(?P<word>{_WRD})\b", re.IGNORECASE)
# "half a billion dollars", "half a million euros"
_HALF = re.compile(rf"(?<![\w.,-])half\s+an?\s+(?P<scale>million|billion|trillion)\s+(?P<word>{_WRD})\b", re.IGNORECASE)
# "Yen 21.787 billion", "Rs. 1,165 crore": a currency word written before the number, as in Asian government releases
_WORD_BEFORE = re.compile(rf"(?<![\w.])(?P<word>Yen|Rs\.?|Rupees)\s?(?P<num>{_NUM})(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|crores?|lakhs?))\b)?")
_WORD_BEFORE_CURRENCY = {"yen": "JPY", "rs": "INR", "rs.": "INR", "rupees": "INR"}
_AFTER = re.compile(rf"(?<![\w.,])(?P<num>{_NUM})\s?(?:(?P<scale>{_SCL})\s+)?(?P<word>{_WRD}|{_SYM})\b", re.IGNORECASE)
_FISCAL = re.compile(
    r"\b(?:(?:FY|fiscal\s+year|fiscal|financial\s+year)\s*'?(?P<y1>(?:19|20)?\d{2})(?:[/-]\d{2,4})?"
    r"|(?:from|of|in|under)\s+(?:the\s+)?(?P<y2>(?:19|20)\d{2})(?:[/-]\d{2,4})?\s+(?:budget|funds|funding|appropriations?|fiscal\s+year|allocation)"
    r"|(?P<y3>(?:19|20)\d{2})[/-](?P<next>\d{2}))\b(?![/-]\d)",
    re.IGNORECASE,
)


_CONVERSION = re.compile(r"[(\[]\s*$|[(\[,]\s*(?:about|around|roughly|approximately|approx\.|some|or|equivalent\s+to|worth|nearly|almost)\s+$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class MoneyMention:
    start: int
    end: int
    amount: Decimal
    currency: str


def _amount(num: str, scale: str | None) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= _SCALE[scale.lower()]
    if value <= 0:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _words_value(num: str) -> str:
    """ "six" → "6", "twenty-five" → "25"."""
    total = sum(NUMBER_WORDS[part] for part in num.lower().split("-"))
    return str(total)


# "Government of Canada", "Prime Minister of Australia", "the Australian Government": a source whose
# own dollar is the one a bare "$" means
_LOCAL_DOLLAR = {"Canada": "CAD", "Canadian": "CAD", "Australia": "AUD", "Australian": "AUD",
                 "New Zealand": "NZD", "Hong Kong": "HKD", "Singapore": "SGD"}
_DOLLAR_SOURCE = re.compile(
    r"\b(?:(?:Government|Prime\s+Minister|Minister\s+of\s+[A-Z][\w ]{2,40}?|High\s+Commission|Embassy|Department\s+of\s+"
    r"[A-Z][\w ]{2,40}?)\s+of\s+(?P<c1>Canada|Australia|New\s+Zealand|Singapore|Hong\s+Kong)"
    r"|(?P<c2>Canadian|Australian|New\s+Zealand|Singapore)\s+Government)\b")


def local_dollar(text: str) -> str | None:
    """The currency a bare "$" stands for in ``text``: the source's own dollar when the text is
    issued by the government of a dollar country other than the United States ("Prime Minister
    of Canada" over a news release), else None (US dollars)."""
    found = {_LOCAL_DOLLAR[" ".join((m.group("c1") or m.group("c2")).split())] for m in _DOLLAR_SOURCE.finditer(text)}
    return found.pop() if len(found) == 1 else None


def find_money(text: str, start: int = 0, end: int | None = None) -> list[MoneyMention]:
    stop = len(text) if end is None else end
    out: list[MoneyMention] = []
    taken: list[tuple[int, int]] = []
    for rx in (_BEFORE, _AFTER, _IN_WORDS, _HALF, _WORD_BEFORE):
        for m in rx.finditer(text, start, stop):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if rx is _HALF or rx is _WORD_BEFORE:
                found = _special(text, start, m, rx is _HALF)
                if found is not None:
                    taken.append((m.start(), m.end()))
                    out.append(found)
                continue
            scale = m.group("scale")
            if scale and scale.lower() in {"m", "b", "k"} and scale != scale.lower() and scale not in {"M", "B", "K"}:
                continue
            sym = m.groupdict().get("sym")
            word = m.group("word")
            if sym:
                currency = _SYMBOLS.get(sym.upper()) or _SYMBOLS.get(sym)
            else:
                currency = _WORDS.get(word.lower()) or _SYMBOLS.get(word.upper())
            if word and sym and _WORDS.get(word.lower()):
                currency = _WORDS[word.lower()] if sym in {"$"} else currency
            num = m.group("num")
            value = _amount(num if rx is not _IN_WORDS else _words_value(num), scale)
            if value is None or currency is None:
                continue
            if _CONVERSION.search(text, max(start, m.start() - 25), m.start()):
                continue  # "600 million yen (about 235 million pesos)": a conversion, not a second amount
            taken.append((m.start(), m.end()))
            out.append(MoneyMention(m.start(), m.end(), value, currency))
    out.sort(key=lambda x: x.start)
    return out


def _special(text: str, start: int, m: re.Match[str], half: bool) -> MoneyMention | None:
    """ "half a billion dollars" and "Yen 21.787 billion": amounts the main patterns do not cover."""
    if half:
        currency = _WORDS.get(m.group("word").lower())
        value = _amount("0.5", m.group("scale"))
    else:
        currency = _WORD_BEFORE_CURRENCY.get(m.group("word").lower())
        if m.group("scale") is None and "," not in m.group("num"):
            return None  # "Yen 250,000,000" is money; "the Yen 2 index" is not
        value = _amount(m.group("num"), m.group("scale"))
    if value is None or currency is None or _CONVERSION.search(text, max(start, m.start() - 25), m.start()):
        return None
    return MoneyMention(m.start(), m.end(), value, currency)


def find_fiscal_years(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, year) of each fiscal-year expression."""
    stop = len(text) if end is None else end
    out = []
    for m in _FISCAL.finditer(text, start, stop):
        raw = m.group("y1") or m.group("y2") or m.group("y3")
        year = int(raw)
        if m.group("y3") and int(m.group("next")) != (year + 1) % 100:
            continue  # "2021/22" is a financial year; "2019-06" is a month
        if year < 100:
            year += 2000
        if 1950 <= year <= 2100:
            out.append((m.start(), m.end(), year))
    return out
