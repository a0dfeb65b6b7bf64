from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def assert_provenance(capture) -> None:
    """What every capture must carry, failed or not."""
    assert capture.started_at.tzinfo is not None and capture.started_at.utcoffset().total_seconds() == 0
    assert capture.finished_at.tzinfo is not None and capture.finished_at.utcoffset().total_seconds() == 0
    assert capture.finished_at >= capture.started_at
    assert capture.tool.startswith("letopis/0.1.0")
    assert capture.method
    assert capture.locator
    if capture.published is not None:
        assert capture.published.tzinfo is not None
        assert capture.published.utcoffset() == UTC.utcoffset(None)
    if capture.error is not None:
        assert "\n" not in capture.error
        assert not capture.text
