"""The test suite changes no system configuration: its PostgreSQL is private and throwaway."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Touching the system cluster: its configuration, or starting/stopping it.
SYSTEM_POSTGRES = re.compile(r"/etc/postgresql|pg_ctlcluster|systemctl\s+\S*\s*postgresql|service\s+postgresql")


def _set_up_files() -> list[Path]:
    files = [ROOT / "Makefile", *sorted((ROOT / ".ci").rglob("*"))]
    for folder in ("tests", "scripts"):
        files += sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".sh", ""})
    return [p for p in files if p.is_file() and p.resolve() != Path(__file__).resolve()]


def test_no_test_or_script_touches_the_system_postgresql() -> None:
    hits = []
    for path in _set_up_files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if SYSTEM_POSTGRES.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert hits == [], "the tests must not configure or start the system PostgreSQL:\n" + "\n".join(hits)


def test_the_guard_sees_a_write_to_etc_postgresql() -> None:
    edit = "sudo sed -i '1i host all all 127.0.0.1/32 trust' /etc/postgresql/15/main/pg_hba.conf"
    assert SYSTEM_POSTGRES.search(edit)
    assert SYSTEM_POSTGRES.search("pg_ctlcluster --skip-systemctl-redirect 15 main start")


def test_the_private_server_keeps_its_configuration_to_itself(postgres_admin_url: Any) -> None:
    if os.environ.get("LETOPIS_TEST_POSTGRES_URL"):
        pytest.skip("LETOPIS_TEST_POSTGRES_URL names an existing server; no private one was started")
    import psycopg

    from tests.conftest import _psycopg_kwargs

    socket_dir = postgres_admin_url.query["host"]
    with psycopg.connect(**_psycopg_kwargs(postgres_admin_url)) as connection:
        settings = {
            name: connection.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
            for name in ("config_file", "hba_file", "data_directory", "listen_addresses", "unix_socket_directories")
        }
    for name in ("config_file", "hba_file", "data_directory"):
        assert settings[name].startswith(socket_dir + "/"), settings
        assert not settings[name].startswith("/etc/"), settings
    assert settings["listen_addresses"] == "", "no TCP listener: the Unix socket in a 0700 directory is the only way in"
    assert settings["unix_socket_directories"] == socket_dir
    assert Path(socket_dir).stat().st_mode & 0o077 == 0
