"""Extraction on a Ray cluster reached through its Ray Client server (``ray://HOST:PORT``, issue 12).

The module starts one real Ray head as a separate process group on loopback
(tests/backends/ray_head.py), with one CPU and its client server on a free
port, and ends that group when done; the tests reach it only through
``ray://127.0.0.1:PORT``, as a person on another machine would.
"""

from __future__ import annotations

import secrets
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray

from letopis.services.backends import open_backend
from tests.backends.conftest import GOLD, ingested, letopis, outcomes
from tests.backends.ray_head import ray_head, token_env

UNJUDGED = {"LETOPIS_JUDGE": "false"}  # the rules alone: an engine of another version, which reads every text again


@pytest.fixture(scope="module")
def ray_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The ``ray://`` address of a Ray head started for the module (its files in a short temporary path)."""
    with ray_head(tmp_path_factory.mktemp("rc")) as address:
        yield address


def test_letopis_ingest_through_ray_client_stores_what_a_local_ingest_stores(tmp_path, gold_folder, local_incidents,
                                                                              ray_client):
    """And writes nothing to standard error (the client server's notice that its ``ray.init`` runs outside a
    main thread reaches the command on some connections, depending on timing: the command drops it)."""
    assert ingested(tmp_path / "data", gold_folder, "--cluster", ray_client, quiet=True) == local_incidents


def test_ray_client_gives_the_records_of_local_extraction_on_the_gold_set(engine, gold_reports, local_records,
                                                                           ray_client):
    assert not ray.is_initialized()
    backend = open_backend(ray_client, engine)
    assert ray.util.client.ray.is_connected()  # through the client server, not a Ray of this process
    assert ray.cluster_resources().get("CPU") == 1  # the head's one CPU: one actor
    assert outcomes(backend, gold_reports) == local_records
    assert not ray.is_initialized()  # closing the backend disconnected from the cluster


@pytest.fixture(scope="module")
def read_unjudged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory of a few gold texts ingested here (with the judge; read again without it: another engine)."""
    data = tmp_path_factory.mktemp("reread") / "data"
    folder = tmp_path_factory.mktemp("few")
    for path in sorted((GOLD / "uk").glob("*.txt"))[:12]:
        shutil.copy(path, folder / path.name)
    assert letopis(data, "init").returncode == 0
    assert letopis(data, "ingest", str(folder), "--published", "2025-11-03").returncode == 0
    return data


def reextracted(data: Path, *cluster: str) -> tuple[list[str], list[str]]:
    """`letopis reextract [--cluster ADDR]` without the judge: its summary, and the incidents after it."""
    run = letopis(data, "reextract", *cluster, env=UNJUDGED)
    assert run.returncode == 0, run.stderr
    listed = letopis(data, "incidents", "--format", "jsonl", env=UNJUDGED)
    assert listed.returncode == 0, listed.stderr
    return run.stdout.splitlines(), listed.stdout.splitlines()


def test_letopis_reextract_through_ray_client_changes_what_a_local_reextract_changes(tmp_path, read_unjudged,
                                                                                       ray_client):
    shutil.copytree(read_unjudged, tmp_path / "local")
    shutil.copytree(read_unjudged, tmp_path / "ray")
    here = reextracted(tmp_path / "local")
    there = reextracted(tmp_path / "ray", "--cluster", ray_client)
    assert " 12 source(s) read" in here[0][0]
    assert there == here


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port bound and not listening: a connection to it is refused (and nothing else can take it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def test_an_unreachable_ray_client_address_is_one_line_and_exit_status_2(tmp_path, gold_folder, closed_port):
    data = tmp_path / "data"
    assert letopis(data, "init").returncode == 0
    run = letopis(data, "ingest", str(gold_folder), "--cluster", f"ray://127.0.0.1:{closed_port}")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"letopis: error: --cluster ray://127.0.0.1:{closed_port}: could not connect to Ray: nothing answers at "
        f"127.0.0.1:{closed_port} (connection refused)"]
    assert letopis(data, "sources", "--format", "jsonl").stdout.strip() == ""


def test_a_cluster_with_token_authentication_needs_its_token_and_says_so(tmp_path, tmp_path_factory):
    """A head that requires a token (as Ray does when it finds ``~/.ray/auth_token``): without the token the
    command fails in one line that says what to give; with it (``RAY_AUTH_MODE``, ``RAY_AUTH_TOKEN_PATH``) it runs."""
    head, token = tmp_path_factory.mktemp("rt"), secrets.token_hex(32)  # short: Ray's socket paths
    folder = tmp_path / "three"
    folder.mkdir()
    for path in sorted((GOLD / "uk").glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    with ray_head(head, token=token) as address:
        data = tmp_path / "data"
        assert letopis(data, "init").returncode == 0
        refused = letopis(data, "ingest", str(folder), "--cluster", address,
                          env={"RAY_AUTH_MODE": "disabled", "RAY_CLIENT_INITIAL_CONNECTION_TIMEOUT_S": "1"})
        assert refused.returncode == 2
        port = address.rsplit(":", 1)[1]
        assert refused.stderr.strip().splitlines() == [
            f"letopis: error: --cluster {address}: could not connect to Ray: ray client connection timeout "
            f"(127.0.0.1:{port} accepts connections, but no Ray Client server there let this command in; a cluster "
            "with token authentication needs RAY_AUTH_MODE=token and its token in RAY_AUTH_TOKEN or "
            "RAY_AUTH_TOKEN_PATH)"]
        assert letopis(data, "sources", "--format", "jsonl").stdout.strip() == ""
        run = letopis(data, "ingest", str(folder), "--published", "2025-11-03", "--cluster", address,
                      env=token_env(head, token))
        assert run.returncode == 0, run.stderr
        assert "3 new, 0 already known, 0 failed" in run.stdout
