"""A data directory filled by a real ingest of the bundled samples, and the web app over it.

``client`` is logged in as the editor ``monitor``, and sends its session's
CSRF token in the ``X-CSRF-Token`` header as the page's script does;
``client_of(workspace, name, role)`` logs another account in (made when missing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytest.importorskip("fastapi", reason="the web tests need the 'web' extra: pip install -e '.[dev]'")


def filled_workspace(data: Path, database_url: str | None = None) -> Any:
    """An initialised data directory with the three sample digests ingested (published 2025-11-03)."""
    from letopis.config import load_config
    from letopis.services.ingest import ingest_sources
    from letopis.services.workspace import init_workspace

    config = load_config({"data": str(data), "database_url": database_url, "collector": "monitor"})
    workspace, _, _ = init_workspace(config)
    summary = ingest_sources(workspace, [str(SAMPLES)], published=date(2025, 11, 3))
    assert summary.failed == 0 and summary.incidents_new >= 10, summary.line()
    return workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Any]:
    """The samples ingested into SQLite."""
    opened = filled_workspace(tmp_path / "data")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def any_workspace(tmp_path: Path, database_url: str) -> Iterator[Any]:
    """The samples ingested into SQLite, then PostgreSQL (the test runs on both)."""
    opened = filled_workspace(tmp_path / "data", None if database_url.startswith("sqlite") else database_url)
    try:
        yield opened
    finally:
        opened.close()


PASSWORD = "a long enough password"


def anonymous_client(workspace: Any) -> Any:
    from fastapi.testclient import TestClient

    from letopis.web import create_app

    return TestClient(create_app(workspace))


def log_in(client: Any, name: str, password: str = PASSWORD) -> str:
    """Log ``client`` in through the login form; its CSRF token (also set as the client's X-CSRF-Token header)."""
    response = client.post("/login", data={"name": name, "password": password, "next": "/incidents"},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: Any) -> str:
    page = client.get("/incidents")
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page.text)
    assert found, "no CSRF token on the page: not logged in?"
    client.headers["X-CSRF-Token"] = found.group(1)
    return found.group(1)


def client_of(workspace: Any, name: str = "monitor", role: str = "editor") -> Any:
    """A client logged in as ``name`` (an account with ``role`` is added when there is none by that name)."""
    from letopis.services import accounts

    if name not in {account.name for account in accounts.list_users(workspace)}:
        accounts.add_user(workspace, name, role, PASSWORD)
    client = anonymous_client(workspace)
    log_in(client, name)
    return client


@pytest.fixture
def client(workspace: Any) -> Any:
    return client_of(workspace)


def incident_ids(client: Any, **query: str) -> list[int]:
    response = client.get("/api/incidents", params={"per_page": "500", **query})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


Find = Callable[..., list[int]]
