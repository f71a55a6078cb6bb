"""Read one cell of an office's own sheet: dates and date ranges, counts, yes/no words.

Offices write dates every way a person can: Excel dates and serials, ISO or slashed
text, 令和 dates, English month names (``3 May 2025``, ``May 10–12, 2025``) and, in
countries that write the day first, ``03/11/2025`` for 3 November. A range's right
side may leave out what it shares with the left (``令和７年８月１日～３日``,
``2025/11/3～11/5``) and an English range's left side what it shares with the right
(``10–12 May 2025``). Counts come with separators, units, 約 or full-width digits
(``２４，０００``, ``15,230名``, ``約300名``). What cannot be read raises
:class:`Unreadable`, whose :class:`db.schema.words.Message` says why in either language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from db.schema.errors import ValidationError
from db.schema.words import Message

EXCEL_EPOCH = date(1899, 12, 30)

MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )  # fmt: skip
    for name in names
}
WEEKDAYS = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\b\.?,?")
# Where a number, a month name or a 4-digit year stands in an English or numeric date.
_TOKEN = re.compile(r"[a-z]+|\d+")
# Between a range's two dates: a wave dash, a tilde, a dash, or "to".
_RANGE = re.compile(r"\s*(?:[～〜~―–—－]|-|\bto\b|\buntil\b)\s*")
COUNT = re.compile(
    r"(?:約|およそ|概算|approx\.?|approximately|about|around|ca\.?|c\.|~|\+/-)?"
    r"(\d+)"
    r"(?:名|人|部|件|通|社|団体|組|people|persons|visitors|participants|pax|guests|copies"
    r"|recipients|subscribers|\+|程度|以上|余り|超)?"
)


class Unreadable(ValueError):
    """A cell that cannot be read; ``message`` says why (rendered in either language)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message


def _nfkc(raw: Any) -> str:
    return unicodedata.normalize("NFKC", str(raw)).strip()


def to_count(raw: Any, field: Any) -> int:
    """A whole number from ``8,500``, ``２４，０００``, ``15,230名``, ``約300名`` or 1200.0."""
    if isinstance(raw, float) and raw.is_integer() and raw >= 0:
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    text = re.sub(r"[,\s']", "", _nfkc(raw)).lower()
    found = COUNT.fullmatch(text)
    if not found:
        raise Unreadable(Message("legacy.not_count", {"field": field, "value": repr(raw)}))
    return int(found[1])


def to_dates(raw: Any, field: Any = "date", *, day_first: bool = False) -> tuple[date, date]:
    """A cell's date or date range as (start, end); equal for one day.

    ``day_first``: a numeric date without a leading year (``03/11/2025``) is read
    day/month/year, as the office's country writes it; otherwise month/day/year.
    """
    if isinstance(raw, datetime):
        return raw.date(), raw.date()
    if isinstance(raw, date):
        return raw, raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 20000 < raw < 80000:  # an Excel serial day (1954–2119)
            day = EXCEL_EPOCH + timedelta(days=int(raw))
            return day, day
        raise Unreadable(Message("legacy.not_date", {"field": field, "value": repr(raw)}))
    text = _nfkc(raw)
    if re.search(r"令和|平成|昭和|^[RH]\s*\d", text):
        from db.schema.fiscal import parse_era_range

        try:
            return parse_era_range(text)
        except ValidationError:
            raise Unreadable(
                Message("legacy.not_date", {"field": field, "value": repr(raw)})
            ) from None
    try:
        return _western(text, day_first)
    except (_Backwards, _NotReal, _NotDate) as exc:
        key = {_Backwards: "legacy.backwards", _NotReal: "legacy.not_real_date"}.get(
            type(exc), "legacy.not_date"
        )
        raise Unreadable(Message(key, {"field": field, "value": repr(raw)})) from None


class _NotDate(Exception):
    pass


class _NotReal(Exception):
    pass


class _Backwards(Exception):
    pass


Parts = dict[str, int]  # any of y, m, d


def _western(text: str, day_first: bool) -> tuple[date, date]:
    """A date or range written without an era: numeric, 2025年11月3日, or English."""
    whole = _parts(text, day_first, None)
    if whole is not None and len(whole) == 3:
        day = _date(whole)
        return day, day
    for sep in _RANGE.finditer(text):
        left_text, right_text = text[: sep.start()], text[sep.end() :]
        left = _parts(left_text, day_first, None)
        if left is None:
            continue
        right = _parts(right_text, day_first, "ymd" if "y" in left and _year_first(left_text)
                       else None)  # fmt: skip
        if right is None or "d" not in left or "d" not in right:
            continue
        for key in ("y", "m"):  # each side takes what it left out from the other
            if key not in left and key in right:
                left[key] = right[key]
            if key not in right and key in left:
                right[key] = left[key]
        if len(left) < 3 or len(right) < 3:
            continue
        start, end = _date(left), _date(right)
        if end < start:
            raise _Backwards
        return start, end
    raise _NotDate


def _year_first(text: str) -> bool:
    return bool(re.match(r"\s*\d{4}", text))


def _parts(text: str, day_first: bool, order: str | None) -> Parts | None:
    """The year, month and day one side of a range names, or None if it is no date."""
    text = text.strip().strip(",").strip()
    if not text:
        return None
    kanji = re.fullmatch(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日?", text)
    if kanji and ("日" in text or "月" in text):
        return _named(kanji[1], kanji[2], kanji[3])
    numeric = re.fullmatch(r"(\d{1,4})(?:\s*[-/.]\s*(\d{1,2}))?(?:\s*[-/.]\s*(\d{1,4}))?", text)
    if numeric:
        a, b, c = numeric.groups()
        if c is not None:
            if len(a) == 4:
                return _named(a, b, c)
            if len(c) not in (2, 4):
                return None
            year = c if len(c) == 4 else f"20{c}"
            return _named(year, b, a) if day_first else _named(year, a, b)
        if b is not None:
            if len(a) == 4:
                return None  # 2025/11: a month, not a day
            if order == "ymd" or not day_first:
                return _named(None, a, b)
            return _named(None, b, a)
        return _named(None, None, a) if len(a) <= 2 else None
    return _english(text)


def _named(y: str | None, m: str | None, d: str | None) -> Parts:
    out = {}
    for key, value in (("y", y), ("m", m), ("d", d)):
        if value is not None:
            out[key] = int(value)
    return out


def _english(text: str) -> Parts | None:
    """``3 May 2025``, ``May 3, 2025``, ``3rd of May``, ``Sat 3-May-25``, ``May``-less ``12``."""
    low = WEEKDAYS.sub(" ", text.lower())
    low = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", low)
    out: Parts = {}
    for token in _TOKEN.findall(low):
        if token.isdigit():
            if len(token) == 4 and "y" not in out:
                out["y"] = int(token)
            elif len(token) <= 2 and "d" not in out:
                out["d"] = int(token)
            elif len(token) == 2 and "m" in out and "y" not in out:
                out["y"] = 2000 + int(token)
            else:
                return None
        elif token in MONTHS and "m" not in out:
            out["m"] = MONTHS[token]
        elif token != "of":
            return None
    leftover = re.sub(r"[a-z0-9\s,./\-']", "", low)
    return out if out and not leftover else None


def _date(parts: Parts) -> date:
    try:
        return date(parts["y"], parts["m"], parts["d"])
    except ValueError:
        raise _NotReal from None


YES = ("true", "1", "yes", "y", "はい", "○", "〇", "◯", "✓", "✔")
NO = ("false", "0", "no", "n", "いいえ", "×", "-", "ー", "―")


def to_bool(raw: Any, field: Any, synonyms: tuple[tuple[str, str], ...], norm: Any) -> bool:
    """Yes or no, from the generic words or the field's own (``主催`` / ``参加``)."""
    text = norm(raw)
    for word, value in synonyms:
        if text == norm(word):
            return value == "true"
    if text in YES:
        return True
    if text in NO:
        return False
    raise Unreadable(Message("legacy.not_yes_no", {"field": field, "value": repr(raw)}))
