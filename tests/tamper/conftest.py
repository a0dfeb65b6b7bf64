"""A small filled store, made once through the real `letopis` command and copied for every tampering case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    made: dict[str, Store] = {}

    def get(kind: str) -> Store:
        if kind not in made:
            made[kind] = _make(tmp_path_factory.mktemp(f"template-{kind}"), encrypt=kind == "encrypted")
        return made[kind]

    yield get  # type: ignore[misc]


@pytest.fixture
def fresh(templates: Callable[[str], Store], tmp_path: Path) -> Callable[[str], Store]:
    """A private copy of a template store (SQLite files and evidence folder)."""

    def copy(kind: str) -> Store:
        template = templates(kind)
        shutil.copytree(template.data, tmp_path / "data", symlinks=True)
        shutil.copy(template.receipt, tmp_path / "anchor.json")
        env = {**template.env, "LETOPIS_DATA": str(tmp_path / "data")}
        return Store(tmp_path / "data", env, tmp_path / "anchor.json")

    return copy
