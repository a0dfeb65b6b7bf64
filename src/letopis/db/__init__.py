"""Case database: schema, migrations and queries (SQLite default, PostgreSQL by URL).

No business rules live here: the functions in :mod:`letopis.db.queries` read
and write rows; the ingest orchestration, merging and review build on them.
"""

from letopis.db.engine import Database, open_database

__all__ = ["Database", "open_database"]
