"""A small filled store, made once through the real `letopis` command and copied for every tampering case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPORTS = (
    "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці.\n",
    "2 листопада в Одесі співробітники ТЦК побили чоловіка біля супермаркету.\n",
    "5 листопада у Львові військовослужбовці ТЦК силоміць посадили трьох чоловіків у бус.\n",
)
PASSPHRASE = "tamper test passphrase"


@dataclass
class Store:
    """A copy of the filled store: run `letopis` on it, open its database as an outsider would."""

    data: Path
    env: dict[str, str]
    receipt: Path
    extra: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=self.env, capture_output=True,
                              timeout=600)

    @property
    def encrypted(self) -> bool:
        return (self.data / "keyring.json").exists()


def _make(root: Path, *, encrypt: bool, database_url: str | None = None) -> Store:
    env = {**os.environ, "LETOPIS_DATA": str(root / "data"), "LETOPIS_COLLECTOR": "tester",
           "LETOPIS_PASSPHRASE": PASSPHRASE}
    env.pop("LETOPIS_DATABASE_URL", None)
    if database_url:
        env["LETOPIS_DATABASE_URL"] = database_url
    store = Store(root / "data", env, root / "anchor.json")

    def run(*args: str) -> None:
        proc = store.run(*args)
        assert proc.returncode == 0, f"letopis {' '.join(args)}: {proc.stderr.decode()}"

    run("init", *(["--encrypt"] if encrypt else []))
    for i, text in enumerate(REPORTS):
        report = root / f"r{i}.txt"
        report.write_text(text, encoding="utf-8")
        run("ingest", str(report), "--published", f"2025-11-0{i + 1}")
    run("status", "1", "verified")
    run("edit", "2", "--detained", "1", "--reason", "second source: one man")
    anchored = store.run("log", "anchor", "-o", str(store.receipt))
    if anchored.returncode != 0:  # a Letopis without anchors (measuring the cases against an older version)
        store.receipt.write_text("{}")
    return store


def _admin(admin_url: Any, statement: str) -> None:
    import psycopg

    from tests.conftest import _psycopg_kwargs

    with psycopg.connect(**_psycopg_kwargs(admin_url), autocommit=True) as connection:
        connection.execute(statement)


def _database(admin_url: Any, name: str) -> str:
    return str(admin_url.set(database=name).render_as_string(hide_password=False))


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[dict[str, Store]]:
    """The filled stores, made once each: "plain", "encrypted" (SQLite), "postgresql" (the database is a template
    the cases' databases are copied from; ``amcheck`` installed, as verify.md advises)."""
    made: dict[str, Store] = {}
    databases: list[tuple[Any, str]] = []

    def get(kind: str) -> Store:
        if kind not in made:
            url = None
            if kind == "postgresql":
                admin = request.getfixturevalue("postgres_admin_url")
                name = f"tamper_tpl_{uuid.uuid4().hex[:12]}"
                _admin(admin, f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
                databases.append((admin, name))
                url = _database(admin, name)
                _admin(admin.set(database=name), "CREATE EXTENSION IF NOT EXISTS amcheck")
            made[kind] = _make(tmp_path_factory.mktemp(f"template-{kind}"), encrypt=kind == "encrypted",
                               database_url=url)
        return made[kind]

    yield get  # type: ignore[misc]
    for admin, name in databases:  # the server may be gone already (its fixture ends first): then so is the database
        try:
            _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception:  # noqa: BLE001, S110 - nothing left to drop
            pass


@pytest.fixture
def fresh(templates: Callable[[str], Store], tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[
        Callable[[str], Store]]:
    """A private copy of a template store (SQLite files and evidence folder; on PostgreSQL a database copied from
    the template's, file by file, so none of its pages is in the server's buffers yet)."""
    databases: list[str] = []

    def copy(kind: str) -> Store:
        template = templates(kind)
        shutil.copytree(template.data, tmp_path / "data", symlinks=True)
        shutil.copy(template.receipt, tmp_path / "anchor.json")
        env = {**template.env, "LETOPIS_DATA": str(tmp_path / "data")}
        if kind == "postgresql":
            from sqlalchemy.engine import make_url

            admin = request.getfixturevalue("postgres_admin_url")
            name = f"tamper_{uuid.uuid4().hex[:12]}"
            source = make_url(template.env["LETOPIS_DATABASE_URL"]).database
            _admin(admin, f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
            databases.append(name)
            env["LETOPIS_DATABASE_URL"] = _database(admin, name)
        return Store(tmp_path / "data", env, tmp_path / "anchor.json")

    yield copy
    if databases:
        admin = request.getfixturevalue("postgres_admin_url")
        for name in databases:
            _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
