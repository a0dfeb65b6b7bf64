"""Keyset (seek) pages of a sorted list of incidents: the rows after (or before) a given row, not an offset.

A list is sorted by one column of :data:`ORDERS` (ascending or descending,
nulls last) with the incident's id breaking ties in the same direction, so
every row has one place in it, named by a :class:`Seek`: the order, the row's
value of the sort column and its id. The page after a row is read as "rows
beyond this (value, id)", a range of the indexes in that order: the
thousandth page costs what the first does, where an offset reads and throws
away every row before it.

The rows with a value sort before those without (nulls last), so a list is
two runs, each read with its own range: the valued rows by (value, id), then
the null ones by id. The page before a row reads the same runs backwards and
turns the rows round.

A :class:`Seek` travels in URLs as a page token (:func:`token`,
:func:`read_token`): the order, value and id as JSON in URL-safe base64. It
holds nothing secret and nothing the list's reader could not see.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, literal, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from letopis.db.models import Incident

__all__ = ["ORDERS", "Seek", "seek_of", "seek_page", "token", "read_token"]

# What lists may be sorted by ("-" first: descending); the id breaks ties in the same direction.
ORDERS: dict[str, InstrumentedAttribute[Any]] = {
    "date": Incident.date_start, "id": Incident.id, "type": Incident.event_type, "place": Incident.location_name,
    "region": Incident.admin1, "status": Incident.status, "updated": Incident.updated_at}


@dataclass(frozen=True)
class Seek:
    """A row's place in a list sorted by ``order``: its value of the sort column (None: null) and its id."""

    order: str
    value: Any
    id: int


def column_of(order: str) -> InstrumentedAttribute[Any]:
    """The column ``order`` sorts by (``-`` first: descending), or ValueError naming the orders."""
    column = ORDERS.get(order.lstrip("-"))
    if column is None:
        raise ValueError(f"cannot sort by {order!r}; by: {', '.join(ORDERS)} (- first: descending)")
    return column


def seek_of(order: str, incident: Incident) -> Seek:
    """The place of ``incident`` in the list sorted by ``order``."""
    return Seek(order, getattr(incident, column_of(order).key), incident.id)


@dataclass(frozen=True)
class _Run:
    """Rows of one kind (valued or null) read in one direction: their condition and sort columns."""

    valued: bool
    ascending: bool


def _runs(order: str, backward: bool) -> list[_Run]:
    descending = order.startswith("-")
    ascending = not descending if not backward else descending
    runs = [_Run(True, ascending), _Run(False, ascending)]
    if column_of(order) is Incident.id:  # never null: one run
        runs = runs[:1]
    return runs[::-1] if backward else runs


def _in_run(statement: Select[Any], column: Any, run: _Run, beyond: Seek | None) -> Select[Any]:
    """``statement`` narrowed to the run, past ``beyond`` (a row of the run), sorted in the run's direction."""
    if column is Incident.id:
        keys: list[Any] = [Incident.id]
    elif run.valued:
        keys = [column, Incident.id]
        if beyond is None:  # a row comparison leaves the nulls out by itself
            statement = statement.where(column.is_not(None))
    else:
        keys = [Incident.id]
        statement = statement.where(column.is_(None))
    if beyond is not None:
        values = [beyond.value, beyond.id] if len(keys) == 2 else [beyond.id]
        bound = [literal(value, type_=key.type) for key, value in zip(keys, values, strict=True)]
        left: ColumnElement[Any] = tuple_(*keys) if len(keys) == 2 else keys[0]
        right: ColumnElement[Any] = tuple_(*bound) if len(keys) == 2 else bound[0]
        statement = statement.where(left > right if run.ascending else left < right)
    # no null is read here, but the sort column's nulls must sit where the indexes keep them (PostgreSQL's DESC
    # NULLS LAST, SQLite's nulls lowest) for the planner to walk one: descending nulls last, ascending (the index
    # backwards) nulls first; the id, never null, as the indexes have it (PostgreSQL's defaults)
    return statement.order_by(*(
        (key.asc() if run.ascending else key.desc()) if key is Incident.id
        else (key.asc().nulls_first() if run.ascending else key.desc().nulls_last()) for key in keys))


def seek_page(session: Session, statement: Select[Any], seek: Seek, limit: int, *,
              backward: bool = False) -> list[Any]:
    """Up to ``limit`` rows of ``statement`` after the row ``seek`` names (``backward``: before it), in the list's
    order (nearest first when ``backward``: the caller turns them round); one range query per run read."""
    column = column_of(seek.order)
    runs = _runs(seek.order, backward)
    first = next(i for i, run in enumerate(runs) if run.valued == (seek.value is not None) or column is Incident.id)
    rows: list[Any] = []
    for i, run in enumerate(runs[first:]):
        wanted = limit - len(rows)
        if wanted <= 0:
            break
        ranged = _in_run(statement, column, run, seek if i == 0 else None)
        rows.extend(session.scalars(ranged.limit(wanted)))
    return rows


def token(seek: Seek) -> str:
    """A page token for URLs: ``seek`` as JSON in URL-safe base64 (no padding)."""
    value = seek.value.isoformat() if isinstance(seek.value, datetime) else seek.value
    data = json.dumps([seek.order, value, seek.id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")


def read_token(text: str, order: str) -> Seek:
    """The :class:`Seek` a page token names, for a list sorted by ``order``; ValueError when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        found = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError("not a page token of this list (follow the list's own next and previous links)") from None
    if not (isinstance(found, list) and len(found) == 3 and isinstance(found[0], str)
            and type(found[2]) is int and found[2] >= 1):
        raise ValueError("not a page token of this list (follow the list's own next and previous links)")
    if found[0] != order:
        raise ValueError(f"a page token of the list sorted by {found[0]!r}, not {order!r}")
    column = column_of(order)
    value = found[1]
    if value is not None and column is Incident.updated_at:
        try:
            value = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise ValueError("not a page token of this list (a time with its zone expected)")
    elif value is not None and not isinstance(value, str if column is not Incident.id else int):
        raise ValueError("not a page token of this list (a value of the wrong kind)")
    if column is Incident.id and value != found[2]:
        raise ValueError("not a page token of this list (the id twice, differently)")
    return Seek(order, value, found[2])
