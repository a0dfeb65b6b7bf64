"""``letopis ingest``: sources → evidence → extraction → merged incidents.

The captures the ingest stage yields go through a pipeline, kept in order:

1. a reader thread runs the ingest stage (files, feeds, exports, URLs) and
   hands captures over through a bounded queue;
2. each capture's bytes go to the write-once object store from a small pool
   of writer threads, into the store batch of the capture's *group*;
3. its text goes to extraction, in a worker process (chunks of a few texts;
   the engine is pure), or on a Ray or Dask cluster (``--cluster``: texts
   out, records back, :mod:`letopis.services.backends`), unless its item is
   already done;
4. once every capture of the group is stored and extracted, the main thread
   writes them in input order in the group's one database transaction:
   capture, source (found or created), derived text, custody entries,
   incidents (new or merged into stored ones, including ones of earlier
   items of the same group) and the item marked done. The transaction opens
   only then, so it never waits on extraction: on SQLite it holds the
   database's one write lock, which other writers (and ``verify``'s custody
   entry) wait for, up to the busy timeout.

**Group commit.** A group is up to :data:`GROUP_ITEMS` captures or
:data:`GROUP_SECONDS` of input. Its objects are all written and fsynced
(journaled in its batch) before its transaction commits; the batch's journal
is removed after the commit. A kill at any point leaves the groups committed
so far, whole, and objects of the uncommitted group that recovery removes;
a re-run skips the done items and redoes exactly that group. Re-ingesting a
source adds one capture record and nothing else. Failures (a capture that
failed to read, a text extraction failed on, an item the database refused)
are recorded with their reason and the batch goes on; memory stays flat in
the size of the input (bounded queues, no per-item state kept).

Modules: :mod:`~letopis.services.ingest.ingestor` (the run, and
:func:`ingest_sources`, the entry point with a workspace's settings),
:mod:`~letopis.services.ingest.reader`, :mod:`letopis.services.backends` (where extraction runs: the
local process pool, or Ray or Dask with ``--cluster``),
:mod:`~letopis.services.ingest.pipeline`, :mod:`~letopis.services.ingest.state`.
What an item's records become is :mod:`letopis.services.attach`, the rule
testimony follows too.
"""

from letopis.services.backends import default_workers
from letopis.services.ingest.ingestor import GROUP_ITEMS, GROUP_SECONDS, Ingestor, ingest_sources

__all__ = ["GROUP_ITEMS", "GROUP_SECONDS", "Ingestor", "default_workers", "ingest_sources"]
