"""Extraction on a Dask cluster gives exactly the records of local extraction (issue 12)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from distributed import LocalCluster

from letopis.model import Report
from letopis.services.backends import open_backend
from letopis.services.backends.on_dask import DaskExtraction
from tests.backends.conftest import LONG, ingested, outcomes


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """A Dask scheduler on loopback with two in-process workers (one thread each)."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, host="127.0.0.1", protocol="tcp",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_records_of_local_extraction_on_the_gold_set(engine, gold_reports, local_records,
                                                                     dask_address):
    assert dask_address.startswith("tcp://127.0.0.1:")
    assert outcomes(open_backend(dask_address, engine), gold_reports) == local_records


def test_letopis_ingest_on_dask_stores_what_a_local_ingest_stores(tmp_path, gold_folder, local_incidents,
                                                                  dask_address):
    assert ingested(tmp_path / "data", gold_folder, "--cluster", dask_address) == local_incidents


def test_a_text_past_the_limit_is_a_failure_of_that_text(engine, dask_address):
    """Dask threads take no signal: the driver gives the task up at its deadline; its texts fail, the rest goes on."""
    backend = open_backend(dask_address, engine, limit_s=0.5)
    assert isinstance(backend, DaskExtraction)
    backend.grace_s = 0.0
    first = outcomes(backend, [Report(text=LONG, published=date(2025, 10, 31))])
    assert first[0][1] == "error" and "no answer from the cluster within 0.5 s" in first[0][2]
    assert "extract_limit_s" in first[0][2]
