"""The backend interface without a cluster: the address, the optional extras, the local pool through it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from letopis.errors import UsageError
from letopis.services.backends import cluster_kind, open_backend
from tests.backends.conftest import letopis, outcomes


def test_the_local_pool_through_the_interface_gives_the_in_process_records(engine, gold_reports, local_records):
    assert outcomes(open_backend(None, engine, workers=1), gold_reports) == local_records


@pytest.mark.parametrize(("address", "kind"), [(None, "local"), ("local", "local"), ("auto", "ray"),
                                               ("ray://10.0.0.5:10001", "ray"), ("tcp://10.0.0.5:8786", "dask"),
                                               ("inproc://10.0.0.5/1/2", "dask")])
def test_an_address_names_its_backend(address, kind):
    assert cluster_kind(address) == kind


def test_an_address_of_nothing_known_is_refused_in_one_line():
    with pytest.raises(UsageError, match=r"--cluster http://x: not a cluster address; give auto"):
        cluster_kind("http://x")


@pytest.mark.parametrize(("address", "module", "name"), [("auto", "ray", "Ray"),
                                                         ("tcp://127.0.0.1:8786", "distributed", "Dask")])
def test_a_cluster_without_its_extra_says_how_to_install_it(monkeypatch, engine, address, module, name):
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it raises ImportError
    expected = rf"{name}.* is not installed; install the extra: pip install 'letopis\[cluster\]'"
    with pytest.raises(UsageError, match=expected):
        open_backend(address, engine)


def test_letopis_imports_no_cluster_library_unless_asked():
    code = ("import sys, letopis, letopis.cli, letopis.services.ingest, letopis.services.backends;"
            "from letopis.cli import main;"
            "print(sorted(m for m in ('ray', 'dask', 'distributed') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_ingest_refuses_an_unknown_cluster_address_before_reading_anything(tmp_path, gold_folder):
    data = tmp_path / "data"
    assert letopis(data, "init").returncode == 0
    run = letopis(data, "ingest", str(gold_folder), "--cluster", "http://head:8786")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "letopis: error: --cluster http://head:8786: not a cluster address; give auto or ray://HOST:PORT (Ray), "
        "or tcp://HOST:PORT (a Dask scheduler)"]
    assert letopis(data, "sources", "--format", "jsonl").stdout.strip() == ""


class FlakyClientServer:
    """Stands in for the ``ray`` module: its client server fails to start its per-connection server ``fails``
    times (Ray's issue 63202), then connects."""

    def __init__(self, fails: int) -> None:
        self.fails, self.calls = fails, 0

    def init(self, address: str | None, **_kwargs: object) -> None:
        self.calls += 1
        if self.calls <= self.fails:
            raise ConnectionAbortedError("Initialization failure from server:\nTraceback (most recent call last):\n"
                                         "  ...\nRuntimeError: Starting Ray client server failed.")


@pytest.mark.parametrize(("address", "fails", "calls", "connected"), [
    ("ray://127.0.0.1:10001", 2, 3, True), ("ray://127.0.0.1:10001", 3, 3, False), ("auto", 1, 1, False)])
def test_a_client_server_that_fails_to_start_its_connection_is_asked_again_twice(address, fails, calls, connected):
    from letopis.services.backends.on_ray import _connect, _one_line

    ray = FlakyClientServer(fails)
    if connected:
        _connect(ray, address)
    else:
        with pytest.raises(ConnectionAbortedError) as failure:
            _connect(ray, address)
        assert _one_line(failure.value) == ("Initialization failure from server: RuntimeError: Starting Ray client "
                                            "server failed.")
    assert ray.calls == calls
