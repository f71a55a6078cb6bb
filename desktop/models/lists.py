"""Every record list's columns and searched text, derived from its kind's declaration.

A list shows the record's dates, then each field its declaration lists (``listed``),
with the record's legs or sessions as places where its first day stands, and other
child tables (local governments) last. Each cell shows its field by type (labels for
codes, counts with separators, ticks for yes/no) and sorts by the real value. The
filter box looks in the fields declared ``searched`` and in the places and names of
child rows. See :mod:`desktop.models.records` for the model itself.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from db.schema.countries import country_name, language_name
from db.schema.fields import Child, Field, FieldType
from db.schema.kinds import KindSpec, RecordKind
from db.schema.offices import office
from db.schema.words import listing
from desktop.models.records import Column, RecordTableModel


def day_text(day: Any, lang: str) -> str:
    """A day as a list shows it: the era in Japanese, ISO in English (sorted by the day)."""
    from exports.labels import format_range

    return format_range(day, None, lang)


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _place(stop: Any, lang: str) -> str:
    """A leg's or session's city (a row without one: its venue) and country."""
    where = stop.city if hasattr(stop, "city") else getattr(stop, "venue", "")
    country = country_name(getattr(stop, "country", None), lang)
    return f"{where} ({country})" if where and country else where or country


def _places(stops: Any, lang: str) -> str:
    return ", ".join(x for x in dict.fromkeys(_place(s, lang) for s in stops) if x)


def _dates(spec: KindSpec) -> Column:
    """The record's dates: the range of its legs or sessions, or its own."""
    from exports.labels import format_range

    day = spec.date_field
    ends = [f.name for f in spec.fields if f.after == day]
    if spec.children and not spec.children[0].scalar:
        end: Callable[[Any], Any] = lambda r: r.end_date  # noqa: E731 - derived from stops
    elif ends:
        end = lambda r: getattr(r, ends[0])  # noqa: E731
    else:
        end = lambda r: None  # noqa: E731

    def text(row: Any, lang: str) -> str:
        start = getattr(row, day)
        last = end(row)
        return format_range(start, last if last != start else None, lang)

    label = "dates" if ends or spec.children else spec.field(day).label
    return Column(label, text, lambda r: getattr(r, day).toordinal(), key="dates")


def _width(f: Field) -> int | None:
    """A first width in pixels from the field's declared workbook width (in characters)."""
    return None if f.excel is None else max(48, int(f.excel.width * 9))


def _field(f: Field) -> Column:
    column = _typed(f)
    width = _width(f)
    if f.type is FieldType.OFFICE:  # a name now (シンガポール), not a code
        width = max(width or 0, 110)
    return dataclasses.replace(column, width=width)


def _typed(f: Field) -> Column:
    name = f.name
    kind = f.type

    def get(row: Any) -> Any:
        return getattr(row, name)

    if kind is FieldType.CODE:
        return Column(f.label, lambda r, lang: get(r).label(lang), lambda r: get(r).value,
                      key=name)  # fmt: skip
    if kind is FieldType.CODES:
        return Column(f.label, lambda r, lang: listing((t.label(lang) for t in get(r)), lang),
                      key=name)  # fmt: skip
    if kind is FieldType.COUNT:
        return Column(f.label, lambda r, _l: _number(get(r)),
                      lambda r: -1 if get(r) is None else get(r), True, key=name)  # fmt: skip
    if kind is FieldType.BOOL:
        return Column(f.label, lambda r, _l: "", lambda r: int(get(r)), check=get, key=name)
    if kind is FieldType.TEXTS and f.languages:  # 日本語、韓国語 / Japanese, Korean
        return Column(f.label, lambda r, lang: listing((language_name(c, lang) for c in get(r)),
                                                       lang), key=name)  # fmt: skip
    if kind is FieldType.TEXTS:
        return Column(f.label, lambda r, lang: listing(get(r), lang), key=name)
    if kind is FieldType.OFFICE:  # パリ / Paris, not PAR
        return Column(f.label, lambda r, lang: office(get(r)).name(lang) if get(r) else "",
                      lambda r: office(get(r)).sort_order if get(r) else 0, key=name)  # fmt: skip
    if kind is FieldType.COUNTRY:
        return Column(f.label, lambda r, lang: country_name(get(r), lang), key=name)
    if kind is FieldType.DATE:  # 令和5年6月8日 in Japanese, 2023-06-08 in English
        return Column(f.label, lambda r, lang: "" if get(r) is None else day_text(get(r), lang),
                      lambda r: get(r).toordinal() if get(r) else 0, key=name)  # fmt: skip
    if kind is FieldType.NOTE:  # one line in a list; the tooltip shows it whole
        return Column(f.label, lambda r, _l: " ".join((get(r) or "").splitlines()), key=name)
    return Column(f.label, lambda r, _l: get(r) or "", key=name)


def _child(c: Child) -> Column:
    attr = c.attr
    if c.scalar:
        return Column(c.label, lambda r, _l: "、".join(getattr(r, attr)),
                      lambda r: len(getattr(r, attr)), key=attr)  # fmt: skip
    return Column("place", lambda r, lang: _places(getattr(r, attr), lang), key=attr)


def columns(spec: KindSpec) -> tuple[Column, ...]:
    """A record kind's list columns (see the module's docstring)."""
    out = [_dates(spec)]
    dated = {spec.date_field, *(f.name for f in spec.fields if f.after == spec.date_field)}
    stops = [c for c in spec.children if not c.scalar]
    for f in spec.fields:
        if f.derived and f.type is FieldType.DATE:
            out += [_child(c) for c in stops]
        elif f.listed and f.name not in dated:
            out.append(_field(f))
    out += [_child(c) for c in spec.children if c.scalar]
    return tuple(out)


def searched(spec: KindSpec) -> Callable[[Any], tuple[str, ...]]:
    """The texts the filter box looks in: searched fields, then child rows' places/names."""
    names = [f.name for f in spec.fields if f.searched]
    wordy = (FieldType.TEXT, FieldType.COUNTRY)  # a child row's words: its places, codes
    stops = [(c.attr, [f.name for f in c.fields if f.type in wordy])
             for c in spec.children if not c.scalar]  # fmt: skip
    lists = [c.attr for c in spec.children if c.scalar]

    def texts(row: Any) -> tuple[str, ...]:
        own = [getattr(row, n) or "" for n in names]
        for attr, parts in stops:
            own.append(" ".join(getattr(s, p) or "" for s in getattr(row, attr) for p in parts))
        for attr in lists:
            own.append(" ".join(getattr(row, attr)))
        return tuple(own)

    return texts


@functools.cache
def _declared(kind: RecordKind) -> tuple[tuple[Column, ...], Callable[[Any], tuple[str, ...]]]:
    """A kind's columns and searched text, made once per kind."""
    return columns(kind.spec), searched(kind.spec)


class KindTableModel(RecordTableModel):
    """The list of one record kind (any kind), its columns and searched text from the
    declaration."""

    def __init__(self, kind: str, lang: str = "ja", parent: Any = None) -> None:
        super().__init__(lang, parent)
        self.kind = RecordKind(kind)
        self.columns, self._texts = _declared(self.kind)

    def searched_fields(self, row: Any) -> tuple[str, ...]:
        return self._texts(row)
