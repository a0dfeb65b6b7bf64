"""SQLite: the words of the search documents, so a query word typed as a prefix can be read as the words it begins.

FTS5 answers a prefix query (``"тцк"*``) by gathering the postings of every
word with that prefix into one list before it reads the first match: at a
million documents a common word costs 10-80 ms however few matches a page
needs. The same words asked as a list (``"тцк" OR "тцкашники"``) are read
lazily, newest first, and the query stops after a page (0.1 ms). So every
word of every document is also kept in ``incident_search_terms`` (a
B-tree, written with the document), and a query word is looked up there as
the range of words it begins (:func:`prefix_terms`); up to
:data:`MAX_EXPANSION` of them are asked for by name, more (a one- or
two-letter word) as the prefix query.

The words are FTS5's own: :func:`tokens` cuts a document where
``unicode61`` does and folds each character as it does, having asked SQLite
what it makes of each character (once per character and process: its
Unicode tables are not Python's). Words are never removed
(one no document holds any more finds nothing); the migration that made the
table filled it from the index itself (``fts5vocab``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import cache

from sqlalchemy import text
from sqlalchemy.engine import Connection

__all__ = ["TERMS", "SQLITE_DDL", "MAX_EXPANSION", "tokens", "put_terms", "prefix_terms", "term_lookup"]

TERMS = "incident_search_terms"
SQLITE_DDL = f"CREATE TABLE {TERMS} (term TEXT PRIMARY KEY) WITHOUT ROWID"
MAX_EXPANSION = 64  # a query word that begins more words than this is asked as a prefix query


_PROBE_LOCK = threading.Lock()
_probe: sqlite3.Connection | None = None


@cache
def _character(character: str) -> str | None:
    """What ``unicode61`` makes of one character inside a word: its folded form, or None when it cuts words.

    Asked of SQLite itself, once per character (an in-memory FTS5 table: ``a``, the character, ``b``), so the
    words kept are the index's whatever Unicode tables the library was built with.
    """
    global _probe
    with _PROBE_LOCK:
        if _probe is None:
            _probe = sqlite3.connect(":memory:", check_same_thread=False)
            _probe.execute("CREATE VIRTUAL TABLE probe USING fts5(body, tokenize = 'unicode61 remove_diacritics 0')")
            _probe.execute("CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, row)")
        _probe.execute("DELETE FROM probe")
        _probe.execute("INSERT INTO probe (body) VALUES (?)", ("a" + character + "b",))
        terms = [row[0] for row in _probe.execute("SELECT term FROM probe_terms")]
    return terms[0][1:-1] if len(terms) == 1 else None


def tokens(body: str) -> set[str]:
    """The words FTS5's ``unicode61`` tokenizer (``remove_diacritics 0``) makes of ``body``."""
    table: dict[int, str] = {}
    for character in set(body):
        folded = _character(character) if character != "\x00" else None
        table[ord(character)] = " " if folded is None else folded
    return {word for word in body.translate(table).split(" ") if word}


def put_terms(connection: Connection, bodies: Iterable[str]) -> None:
    """Keep the words of these documents (those already kept are left as they are)."""
    words: set[str] = set()
    for body in bodies:
        words |= tokens(body)
    if words:
        connection.execute(text(f"INSERT OR IGNORE INTO {TERMS} (term) VALUES (:term)"),
                           [{"term": word} for word in sorted(words)])


def prefix_terms(connection: Connection, prefix: str) -> list[str] | None:
    """The kept words that begin with ``prefix``, or None when there are more than :data:`MAX_EXPANSION`."""
    if not prefix:
        return None
    after = prefix[:-1] + chr(min(ord(prefix[-1]) + 1, 0x10FFFF))
    found = [row[0] for row in connection.execute(
        text(f"SELECT term FROM {TERMS} WHERE term >= :prefix AND term < :after ORDER BY term LIMIT :n"),
        {"prefix": prefix, "after": after, "n": MAX_EXPANSION + 1})]
    return None if len(found) > MAX_EXPANSION else found


def term_lookup(connection: Connection) -> Callable[[str], Sequence[str] | None]:
    """:func:`prefix_terms` over one connection, each word looked up once."""
    known: dict[str, Sequence[str] | None] = {}

    def lookup(prefix: str) -> Sequence[str] | None:
        if prefix not in known:
            known[prefix] = prefix_terms(connection, prefix)
        return known[prefix]

    return lookup
