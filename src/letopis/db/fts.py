"""Full-text search over incidents, the same behaviour on both backends.

One search document per incident: its summary, place (name, admin1), the
quotes of all supporting sources and those sources' titles. The document is
normalised in Python (:func:`normalise`: case-folded, ``ё``→``е``,
apostrophes inside words dropped) before either backend tokenises it, so
SQLite FTS5 (``unicode61``) and PostgreSQL (``to_tsvector('simple', …)`` in a
``tsvector`` column with a GIN index) see the same words, whatever the
server's locale. Query words match as prefixes (``затрим`` finds
``затримали``), all words must match.

A caller may name other spellings of the places a query names
(:func:`query_groups` ``names``: the search service passes the English names
the gazetteer gives for ``Харків``, ``Харькове``, ``Харківська область``):
such a word then also matches any of those names, written as a phrase. Since
every document holds its incident's place and admin1 under their English
names, a place is found in whatever language and case form it is typed.

The index is kept in sync by :func:`refresh_incident`, which every repository
function that changes an incident, its sources or a source title calls.

On SQLite each document's rowid is its incident's place in the newest-first
order (:func:`sort_key`) and a ``facets`` column holds the incident's type,
region, status, months and merged state as words no query word can match
(:func:`facets`): :func:`sqlite_match` lets FTS5 apply those filters and read
the matches newest first, stopping after a page (``docs/storage.md``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, Join, Select, column, literal_column, select, table, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from letopis.db import search_terms
from letopis.db.models import Incident, IncidentSource, Source

__all__ = [
    "SQLITE_DDL",
    "POSTGRESQL_DDL",
    "normalise",
    "query_terms",
    "QueryGroup",
    "query_groups",
    "document",
    "put_documents",
    "refresh_incident",
    "refresh_incidents",
    "match_incident_ids",
    "sort_key",
    "facets",
    "facet_token",
    "SqliteMatch",
    "sqlite_match",
    "CrossJoin",
]

logger = logging.getLogger(__name__)

TABLE = "incident_search"

KEYS = "incident_search_keys"  # SQLite: incident id → the rowid of its document (its sort key)

SQLITE_DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, facets, tokenize = 'unicode61 remove_diacritics 0')",
    f"CREATE TABLE {KEYS} (incident_id INTEGER PRIMARY KEY, key INTEGER NOT NULL)",
    search_terms.SQLITE_DDL,
)
SQLITE_DROP: tuple[str, ...] = (f"DROP TABLE IF EXISTS {TABLE}", f"DROP TABLE IF EXISTS {KEYS}",
                                f"DROP TABLE IF EXISTS {search_terms.TERMS}")

_ID_BITS = 32  # a document's rowid on SQLite: (day number of date_start, 0 when undated) << 32 | incident id
_ID_MASK = (1 << _ID_BITS) - 1

POSTGRESQL_DDL: tuple[str, ...] = (
    f"CREATE TABLE {TABLE} ("
    " incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,"
    " body TEXT NOT NULL,"
    " tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, body)) STORED)",
    f"CREATE INDEX ix_{TABLE}_tsv ON {TABLE} USING GIN (tsv)",
)
POSTGRESQL_DROP: tuple[str, ...] = (f"DROP TABLE IF EXISTS {TABLE}",)

_APOSTROPHES = re.compile(r"(?<=\w)['\u2019\u02bc`](?=\w)")
_WORD = re.compile(r"[^\W_]+")
# a word as typed: letters and digits, with apostrophes and hyphens inside (Кам'янець-Подільський)
_TYPED_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc`-][^\W_]+)*")
_LONGEST_NAME = 3  # words in the longest place name looked up as one (Кам'янець-Подільський is one)


def normalise(value: str) -> str:
    """Case-fold, ``ё``→``е``, join words split by an apostrophe (``п'ять``)."""
    value = _APOSTROPHES.sub("", value.casefold())
    return value.replace("ё", "е")


def query_terms(q: str) -> list[str]:
    """The normalised words of a user query (punctuation and operators dropped)."""
    return _WORD.findall(normalise(q))


@dataclass(frozen=True)
class QueryGroup:
    """Query words that must all match as prefixes, or instead any of ``names`` (each a phrase of words)."""

    words: tuple[str, ...]
    names: tuple[tuple[str, ...], ...] = ()


def query_groups(q: str, names: Callable[[str], Iterable[str]] | None = None) -> list[QueryGroup]:
    """The query as groups, all required.

    ``names(span)`` gives other names of the place that the typed words
    ``span`` name (nothing when they name no place); the longest span of up to
    three words that names a place makes one group.
    """
    typed = _TYPED_WORD.findall(q)
    groups: list[QueryGroup] = []
    i = 0
    while i < len(typed):
        size = 1
        phrases: tuple[tuple[str, ...], ...] = ()
        if names is not None:
            for n in range(min(_LONGEST_NAME, len(typed) - i), 0, -1):
                spelled = (tuple(query_terms(name)) for name in names(" ".join(typed[i : i + n])))
                found = tuple(dict.fromkeys(phrase for phrase in spelled if phrase))
                if found:
                    size, phrases = n, found
                    break
        words = tuple(word for token in typed[i : i + size] for word in query_terms(token))
        if words:
            groups.append(QueryGroup(words, tuple(p for p in phrases if p != words)))
        i += size
    return groups


def _fts5_word(word: str, expand: Callable[[str], Sequence[str] | None] | None) -> str:
    """A query word as FTS5 reads it fastest: the words it begins, named (read lazily), else as a prefix."""
    found = expand(word) if expand is not None else None
    if not found:
        return f'"{word}"*'
    return "(" + " OR ".join(f'"{term}"' for term in found) + ")" if len(found) > 1 else f'"{found[0]}"'


def _fts5_query(groups: Sequence[QueryGroup], expand: Callable[[str], Sequence[str] | None] | None = None) -> str:
    parts = []
    for group in groups:
        alternatives = ["(" + " AND ".join(_fts5_word(w, expand) for w in group.words) + ")"]
        alternatives += [f'"{" ".join(phrase)}"' for phrase in group.names]
        parts.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def _tsquery(groups: Sequence[QueryGroup]) -> str:
    parts = []
    for group in groups:
        alternatives = ["(" + " & ".join(f"{w}:*" for w in group.words) + ")"]
        alternatives += ["(" + " <-> ".join(phrase) + ")" for phrase in group.names]
        parts.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(parts)


def sort_key(date_start: str | None, incident_id: int) -> int:
    """SQLite: the rowid of an incident's document, in the order lists are read (newest first: descending).

    ``date_start DESC NULLS LAST, id DESC`` is this key descending, so FTS5,
    which reads matches in rowid order, gives the newest page of any query
    first and stops after it, however many documents match.
    """
    day = _day_number(date_start) if date_start else 0
    return (day << _ID_BITS) | incident_id


def _day_number(value: str | date) -> int:
    try:
        return (date.fromisoformat(value) if isinstance(value, str) else value).toordinal()
    except ValueError:
        return 0


_FACET = "\ue000"  # a private-use character: a word character to FTS5's unicode61, never in a query's words


def facet_token(kind: str, value: str) -> str:
    """The word of the ``facets`` column for one value of a filter: ``kind`` (``t`` type, ``r`` region,
    ``s`` status, ``m`` a month the date's span touches, ``live`` not merged) and the value's UTF-8 in hex.

    One value, one word, and no two values share one, so a facet matches
    exactly the incidents that have that value. Every facet starts with a
    private-use character, which :func:`query_terms` never keeps in a query
    word: no typed word can find a facet, even as a prefix.
    """
    return _FACET + kind + value.encode("utf-8").hex()


def _months(date_start: str | None, date_end: str | None, limit: int = 24) -> list[str]:
    """``YYYY-MM`` of every month a date span touches, the first ``limit`` (none when undated or garbled)."""
    if not date_start or not date_end:
        return []
    try:
        year, month = int(date_start[:4]), int(date_start[5:7])
        last = (int(date_end[:4]), int(date_end[5:7]))
    except ValueError:
        return []
    months: list[str] = []
    while (year, month) <= last and len(months) < limit:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def facets(event_type: str | None, admin1: str | None, status: str | None, date_start: str | None = None,
           date_end: str | None = None, merged_into: int | None = None) -> str:
    """The facets column of an incident's document: type, region, status, the months of its date, not merged."""
    values = [("t", event_type), ("r", admin1), ("s", status), *(("m", m) for m in _months(date_start, date_end))]
    words = [facet_token(kind, value) for kind, value in values if value]
    if merged_into is None:
        words.append(_FACET + "live")
    return " ".join(words)


def document(summary: str | None, place: str | None, admin1: str | None,
             sources: Iterable[tuple[str | None, str | None]]) -> str:
    """The search document: summary, place, admin1, then (quote, title) of each source in link order."""
    parts: list[str] = [summary or "", place or "", admin1 or ""]
    for quote, title in sources:
        parts.append(quote or "")
        parts.append(title or "")
    return normalise("\n".join(p for p in parts if p))


def _document(session: Session, incident: Incident) -> str:
    rows = session.execute(
        select(IncidentSource.quote, Source.title)
        .join(Source, Source.id == IncidentSource.source_id)
        .where(IncidentSource.incident_id == incident.id)
        .order_by(IncidentSource.id)
    ).all()
    return document(incident.summary, incident.location_name, incident.admin1, rows)


def put_documents(session: Session, documents: Iterable[tuple[int, str]], *, replace: bool = True) -> None:
    """Write search documents ``(incident_id, body)`` in bulk (a few statements per 500).

    ``replace=False`` when none of the incidents has a document yet (new ones):
    saves the delete on SQLite.
    """
    rows: list[dict[str, Any]] = [{"id": incident_id, "body": body} for incident_id, body in documents]
    if not rows:
        return
    connection = session.connection()
    if session.get_bind().dialect.name == "sqlite":
        _put_sqlite(session, rows, replace)
    else:
        connection.execute(
            text(
                f"INSERT INTO {TABLE} (incident_id, body) VALUES (:id, :body) "
                "ON CONFLICT (incident_id) DO UPDATE SET body = EXCLUDED.body"
            ),
            rows,
        )


def _put_sqlite(session: Session, rows: list[dict[str, Any]], replace: bool) -> None:
    """Each document under its sort key, with the incident's facets (read here, 500 incidents a query)."""
    connection = session.connection()
    table = Incident.__table__.c
    for i in range(0, len(rows), 500):
        chunk = rows[i : i + 500]
        ids = [int(r["id"]) for r in chunk]
        if replace:
            _delete_sqlite(session, ids)
        fields = {row.id: row for row in connection.execute(
            select(table.id, table.date_start, table.date_end, table.event_type, table.admin1, table.status,
                   table.merged_into).where(table.id.in_(ids)))}
        keyed = []
        for r in chunk:
            row = fields.get(r["id"])
            if row is None:  # no such incident (any more): nothing to find
                continue
            keyed.append({"id": row.id, "key": sort_key(row.date_start, row.id), "body": r["body"],
                          "facets": facets(row.event_type, row.admin1, row.status, row.date_start, row.date_end,
                                           row.merged_into)})
        if keyed:
            connection.execute(text(f"INSERT INTO {TABLE} (rowid, body, facets) VALUES (:key, :body, :facets)"), keyed)
            connection.execute(text(f"INSERT OR REPLACE INTO {KEYS} (incident_id, key) VALUES (:id, :key)"), keyed)
            search_terms.put_terms(connection, (r["body"] for r in keyed))


def _delete_sqlite(session: Session, ids: Sequence[int]) -> None:
    connection = session.connection()
    listed = ",".join(str(int(x)) for x in ids)
    connection.execute(
        text(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT key FROM {KEYS} WHERE incident_id IN ({listed}))"))
    connection.execute(text(f"DELETE FROM {KEYS} WHERE incident_id IN ({listed})"))


def refresh_incident(session: Session, incident_id: int) -> None:
    """Rebuild the search document of one incident (removes it when gone)."""
    refresh_incidents(session, [incident_id])


def refresh_incidents(session: Session, incident_ids: Iterable[int]) -> None:
    """Rebuild the search documents of these incidents in bulk (removes those gone)."""
    ids = sorted(set(incident_ids))
    if not ids:
        return
    session.flush()
    connection = session.connection()
    sqlite = session.get_bind().dialect.name == "sqlite"
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        table = Incident.__table__.c
        found = {
            row.id: row
            for row in connection.execute(
                select(table.id, table.summary, table.location_name, table.admin1).where(table.id.in_(chunk))
            )
        }
        sources: dict[int, list[tuple[str | None, str | None]]] = {incident_id: [] for incident_id in found}
        for incident_id, quote, title in connection.execute(
            select(IncidentSource.incident_id, IncidentSource.quote, Source.title)
            .join(Source, Source.id == IncidentSource.source_id)
            .where(IncidentSource.incident_id.in_(chunk))
            .order_by(IncidentSource.id)
        ):
            sources[incident_id].append((quote, title))
        gone = [incident_id for incident_id in chunk if incident_id not in found]
        if gone and sqlite:
            _delete_sqlite(session, gone)
        elif gone:
            connection.execute(
                text(f"DELETE FROM {TABLE} WHERE incident_id IN ({','.join(str(int(x)) for x in gone)})")
            )
        put_documents(
            session,
            [(row.id, document(row.summary, row.location_name, row.admin1, sources[row.id])) for row in found.values()],
        )


def match_incident_ids(
    session: Session, q: str, names: Callable[[str], Iterable[str]] | None = None
) -> ColumnElement[bool] | None:
    """A WHERE clause ``incidents.id IN (matching ids)`` for query ``q``.

    ``names``: other names of the places the query words name (:func:`query_groups`).
    Returns None when ``q`` has no words (no full-text condition). On SQLite
    :func:`sqlite_match` is the faster way to read a page.
    """
    groups = query_groups(q, names)
    if not groups:
        return None
    dialect = session.get_bind().dialect.name
    ids: Select[Any]
    if dialect == "sqlite":
        ids = (
            select(literal_column(f"rowid & {_ID_MASK}"))
            .select_from(text(TABLE))
            .where(text(f"{TABLE} MATCH :fts_q").bindparams(
                fts_q=_fts5_query(groups, search_terms.term_lookup(session.connection()))))
        )
    else:
        ts_query = _tsquery(groups)
        ids = (
            select(column("incident_id"))
            .select_from(text(TABLE))
            .where(text("tsv @@ to_tsquery('simple'::regconfig, :ts_q)").bindparams(ts_q=ts_query))
        )
    return Incident.id.in_(ids.scalar_subquery())


@dataclass(frozen=True)
class SqliteMatch:
    """SQLite: how to read the documents a query matches, joined to their incidents, newest first.

    ``table`` is joined on ``incident_id`` (the incident's id), ``conditions``
    go in the WHERE clause, ``newest`` sorts (descending: newest first).
    ``documents`` selects the matching documents alone: their count is the
    search's when ``exact`` (every filter was a facet).
    """

    table: Any
    incident_id: ColumnElement[int]
    conditions: tuple[ColumnElement[bool], ...]
    newest: ColumnElement[int]
    documents: Select[Any]
    exact: bool


SEARCH = table(TABLE, column("rowid", Integer))


class CrossJoin(Join):
    """SQLite's ``a CROSS JOIN b ON …``: an inner join whose left side is always the outer loop.

    A search must read the full-text matches first, newest first, and look
    each incident up by its id; with a plain JOIN SQLite's planner may take
    an incident index first and run the whole full-text query once per
    incident (seconds at a million incidents).
    """

    inherit_cache = True


@compiles(CrossJoin, "sqlite")
def _cross_join(element: CrossJoin, compiler: Any, **kw: Any) -> str:
    kw["asfrom"] = True
    return (f"{compiler.process(element.left, **kw)} CROSS JOIN {compiler.process(element.right, **kw)} "
            f"ON {compiler.process(element.onclause, **kw)}")
_MONTHS_ASKED = 24  # a date range over more months than this is not a facet (the rowid range still narrows)


def sqlite_match(
    q: str,
    names: Callable[[str], Iterable[str]] | None = None,
    *,
    types: Sequence[str] = (),
    regions: Sequence[str] = (),
    statuses: Sequence[str] = (),
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    live: bool = True,
    longest_span_days: int = 366,
    expand: Callable[[str], Sequence[str] | None] | None = None,
) -> SqliteMatch | None:
    """The full-text part of a search on SQLite, with the filters FTS5 can apply itself.

    The type, region and status filters, merged or not, and the months of a
    date range become words of the ``facets`` column, and the date range
    also a range of rowids (sort keys), so FTS5 reads only documents that may
    pass every filter, newest first, and the query stops once it has a page.
    The caller still applies every filter to the incidents themselves (a
    date range's months and keys only narrow what is read). ``live``: only
    incidents not merged into another. ``expand``: the stored words a query
    word begins (:func:`letopis.db.search_terms.term_lookup`), so FTS5 reads
    them lazily rather than gathering a prefix's postings first. None when
    ``q`` has no words.
    """
    groups = query_groups(q, names)
    if not groups:
        return None
    parts = [_fts5_query(groups, expand)]
    for kind, values in (("t", types), ("r", regions), ("s", statuses)):
        if values:
            parts.append("(" + " OR ".join(f'"{facet_token(kind, v)}"' for v in values) + ")")
    if live:
        parts.append(f'"{_FACET}live"')
    conditions: list[ColumnElement[bool]] = []
    first = _day_number(date_from) if date_from is not None else 0
    last = _day_number(date_to) if date_to is not None else 0
    if first and last:
        months = _months(date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat(),
                         _MONTHS_ASKED + 1)
        if 0 < len(months) <= _MONTHS_ASKED:
            parts.append("(" + " OR ".join(f'"{facet_token("m", m)}"' for m in months) + ")")
    if last:
        conditions.append(SEARCH.c.rowid < ((last + 1) << _ID_BITS))
    if first:
        conditions.append(SEARCH.c.rowid >= (max(1, first - longest_span_days) << _ID_BITS))
    matching = text(f"{TABLE} MATCH :fts_q").bindparams(fts_q=" AND ".join(parts))
    documents = select(SEARCH.c.rowid).where(matching, *conditions)
    return SqliteMatch(SEARCH, SEARCH.c.rowid.op("&")(_ID_MASK), (matching, *conditions),  # type: ignore[arg-type]
                       SEARCH.c.rowid, documents, exact=not (date_from or date_to))
