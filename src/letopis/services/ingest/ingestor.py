"""The ingest run: sources in, incidents stored and merged (see :mod:`letopis.services.ingest`).

What one item's records become is :mod:`letopis.services.attach`; the
writing loop is :mod:`~letopis.services.ingest.pipeline`, which sees the run
only through its :class:`~letopis.services.ingest.pipeline.Run` protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from letopis.db import Database
from letopis.evidence import ObjectStore, recover_store
from letopis.extract.engine import Engine
from letopis.model import Capture, IngestSummary
from letopis.services.backends import cluster_kind, open_backend
from letopis.services.backends.local import EXTRACT_LIMIT_S, EXTRACT_MEMORY_MB
from letopis.services.ingest.pipeline import Pipeline
from letopis.services.ingest.reader import Reader
from letopis.services.published import check_published
from letopis.services.workspace import Workspace
from letopis.sources import Fetcher

GROUP_ITEMS = 200  # captures per transaction at most
GROUP_SECONDS = 1.0  # and at most this long between a group's first capture and its commit (when input flows)
STORE_THREADS = 4  # object writes wait on fsync, not on the CPU: a few in parallel


@dataclass
class Ingestor:
    db: Database
    store: ObjectStore
    engine: Engine
    collector: str
    fetcher: Fetcher | None = None
    max_bytes: int | None = None
    progress: Callable[[IngestSummary, Capture], None] | None = None
    summary: IngestSummary = field(default_factory=IngestSummary)
    workers: int | None = None  # extraction processes (Ray actors); None: default_workers() (the cluster's CPUs)
    cluster: str | None = None  # None: the local process pool; auto, ray://HOST:PORT, tcp://HOST:PORT (Dask)
    group_items: int = GROUP_ITEMS
    group_seconds: float = GROUP_SECONDS
    extract_limit_s: float = EXTRACT_LIMIT_S   # per text; a longer extraction is a recorded failure
    extract_memory_mb: int = EXTRACT_MEMORY_MB  # per worker, beyond its size at start; past it, a recorded failure

    @property
    def engine_version(self) -> str:
        """The version of the engine the records are read with, stored with each of them."""
        return self.engine.version

    def run(self, sources: Iterable[str], *, published: date | None = None) -> IngestSummary:
        """Read ``sources`` into the store and database; ``published`` for sources that give no date.

        Raises :class:`~letopis.errors.UsageError` for a ``published`` outside 1900..2999
        (:func:`letopis.timespan.published_problem`) before anything is read.
        """
        check_published(published)
        recover_store(self.db, self.store)
        extraction = open_backend(self.cluster, self.engine, workers=self.workers, published=published,
                                  limit_s=self.extract_limit_s, memory_mb=self.extract_memory_mb)  # forks first
        reader = Reader(sources, self.fetcher, published, self.max_bytes)
        writers = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="letopis-store")
        pipeline = Pipeline(self, extraction, writers)
        ok = False
        try:
            reader.start()
            pipeline.run(reader)
            ok = True
        finally:
            reader.stop()
            writers.shutdown(wait=True, cancel_futures=True)  # no object write may outlive its batch
            pipeline.close(ok)
            extraction.close()
        return self.summary


def ingest_sources(workspace: Workspace, sources: Sequence[str], *, published: date | None = None,
                   progress: Callable[[IngestSummary, Capture], None] | None = None,
                   engine: Engine | None = None, cluster: str | None = None) -> IngestSummary:
    """``letopis ingest``: read SOURCES into the workspace with its settings (size cap, proxy, timeout).

    ``cluster``: where extraction runs (:func:`letopis.services.backends.open_backend`; None: this machine)."""
    from letopis.sources import HttpxFetcher, is_url

    cluster_kind(cluster)  # a bad address is refused before anything is read
    config = workspace.config
    max_bytes = config.max_file_mb * 1024 * 1024
    fetcher = None
    if any(is_url(source) for source in sources):  # no HTTP client at all unless a URL was asked for
        fetcher = HttpxFetcher(timeout=config.timeout_s, max_bytes=max_bytes, proxy=config.proxy)
    ingestor = Ingestor(db=workspace.db, store=workspace.store, engine=engine or Engine(judged=config.judge),
                        collector=config.collector, fetcher=fetcher, max_bytes=max_bytes, progress=progress,
                        extract_limit_s=config.extract_limit_s, extract_memory_mb=config.extract_memory_mb,
                        cluster=cluster)
    try:
        return ingestor.run(sources, published=published)
    finally:
        if fetcher is not None:
            fetcher.close()

