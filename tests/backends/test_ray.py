"""Extraction on a Ray cluster gives exactly the records of local extraction (issue 12)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date

import pytest
import ray

from letopis.model import Report
from letopis.services.backends import open_backend
from tests.backends.conftest import LONG, SHORT, ingested, outcomes


@pytest.fixture(scope="module")
def local_ray() -> Iterator[str]:
    """A new local Ray of two CPUs for the module (it is slow to start; not any other one running); its address.

    Without authentication (``RAY_AUTH_MODE``, for this process and the commands it runs): a new local Ray
    would otherwise make a token in ``~/.ray/auth_token``, outside the test's files."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_AUTH_MODE", "disabled")
        context = ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level=logging.WARNING)
        try:
            yield context.address_info["gcs_address"]  # type: ignore[attr-defined]
        finally:
            ray.shutdown()


def test_ray_gives_the_records_of_local_extraction_on_the_gold_set(engine, gold_reports, local_records, local_ray):
    assert outcomes(open_backend("auto", engine, workers=2), gold_reports) == local_records


def test_letopis_ingest_on_ray_stores_what_a_local_ingest_stores(tmp_path, gold_folder, local_incidents, local_ray):
    """`--cluster auto` joins the Ray that RAY_ADDRESS names (here the test's, on loopback)."""
    assert ingested(tmp_path / "data", gold_folder, "--cluster", "auto",
                    env={"RAY_ADDRESS": local_ray}) == local_incidents


def test_the_per_text_limit_applies_inside_the_actor(engine, local_ray):
    """An actor runs in its process's main thread: the text past the limit fails alone, its chunk's others do not."""
    reports = [Report(text=LONG, published=date(2025, 10, 31)), Report(text=SHORT, published=date(2025, 10, 31))]
    (_, status, reason), (_, short_status, records) = outcomes(open_backend("auto", engine, workers=1, limit_s=1.0),
                                                               reports)
    assert status == "error" and "took longer than 1 s" in reason and "extract_limit_s" in reason
    assert short_status == "ok" and records, records
