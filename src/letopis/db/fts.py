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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, column, literal_column, select, text
from sqlalchemy.orm import Session

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
]

logger = logging.getLogger(__name__)

TABLE = "incident_search"

SQLITE_DDL: tuple[str, ...] = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')",
)
SQLITE_DROP: tuple[str, ...] = (f"DROP TABLE IF EXISTS {TABLE}",)

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


def _fts5_query(groups: Sequence[QueryGroup]) -> str:
    parts = []
    for group in groups:
        alternatives = ["(" + " AND ".join(f'"{w}"*' for w in group.words) + ")"]
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
        if replace:
            for i in range(0, len(rows), 500):
                ids = [r["id"] for r in rows[i : i + 500]]
                connection.execute(
                    text(f"DELETE FROM {TABLE} WHERE rowid IN ({','.join(str(int(x)) for x in ids)})")
                )
        connection.execute(text(f"INSERT INTO {TABLE} (rowid, body) VALUES (:id, :body)"), rows)
    else:
        connection.execute(
            text(
                f"INSERT INTO {TABLE} (incident_id, body) VALUES (:id, :body) "
                "ON CONFLICT (incident_id) DO UPDATE SET body = EXCLUDED.body"
            ),
            rows,
        )


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
        if gone:
            column_name = "rowid" if sqlite else "incident_id"
            connection.execute(
                text(f"DELETE FROM {TABLE} WHERE {column_name} IN ({','.join(str(int(x)) for x in gone)})")
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
    Returns None when ``q`` has no words (no full-text condition).
    """
    groups = query_groups(q, names)
    if not groups:
        return None
    dialect = session.get_bind().dialect.name
    ids: Select[Any]
    if dialect == "sqlite":
        fts_query = _fts5_query(groups)
        ids = (
            select(literal_column("rowid"))
            .select_from(text(TABLE))
            .where(text(f"{TABLE} MATCH :fts_q").bindparams(fts_q=fts_query))
        )
    else:
        ts_query = _tsquery(groups)
        ids = (
            select(column("incident_id"))
            .select_from(text(TABLE))
            .where(text("tsv @@ to_tsquery('simple'::regconfig, :ts_q)").bindparams(ts_q=ts_query))
        )
    return Incident.id.in_(ids.scalar_subquery())
