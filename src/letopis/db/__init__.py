"""Case database: schema, migrations and repository functions (SQLite default, PostgreSQL by URL).

No business rules live here. The repository modules read and write rows, one
subject each: :mod:`~letopis.db.blobs` (stored objects, derived texts),
:mod:`~letopis.db.captures` (captures, sources), :mod:`~letopis.db.incidents`
(incident and statistic writes; search, count, stream, detail),
:mod:`~letopis.db.review` (edits, status, moving sources, merge flags),
:mod:`~letopis.db.statistics` (statistic records, incident counts, map points),
:mod:`~letopis.db.sources` (sources with their counts, failed captures and items) and
:mod:`~letopis.db.items` (the ingest's done and unfinished items), :mod:`~letopis.db.users`
(the web app's accounts), with
:mod:`~letopis.db.later` (rows written just before commit) and
:mod:`~letopis.db.statements` (shared insert forms). Every function takes an
open :class:`~sqlalchemy.orm.Session` (from ``Database.session()``) and
neither commits nor rolls back, so a caller can put a source, its captures,
texts, incidents, a custody event and the ingest bookkeeping in one
transaction. Records from the other stages come typed as :mod:`letopis.model`
defines them. The ingest orchestration, merging and review build on these.
"""

from letopis.db.engine import Database, open_database

__all__ = ["Database", "open_database"]
