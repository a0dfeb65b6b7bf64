"""`letopis testimony`: withdrawal asks first, and the witness's identity never travels as a flag."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ACCOUNT = "Я бачив, як 30 жовтня у Харкові працівники ТЦК затримали двох чоловіків біля зупинки."


@pytest.fixture
def run(database_url: str, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess]:
    """`letopis ARGS...` on a fresh encrypted data directory (SQLCipher, or PostgreSQL when parametrised so)."""
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_PASSPHRASE": "a passphrase for tests",
           "LETOPIS_COLLECTOR": "tester"}
    env.pop("LETOPIS_DATABASE_URL", None)
    if database_url.startswith("postgresql"):
        env["LETOPIS_DATABASE_URL"] = database_url

    def letopis(*args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env, input=stdin.encode(),
                              capture_output=True, timeout=600)
        if check and proc.returncode != 0:
            raise AssertionError(f"letopis {' '.join(args)} -> {proc.returncode}\n{proc.stderr.decode()}")
        return proc

    letopis.env = env  # type: ignore[attr-defined]
    letopis("init", "--encrypt")
    return letopis


def add(run: Callable[..., Any], tmp_path: Path, *extra: str, stdin: str = "") -> subprocess.CompletedProcess:
    account = tmp_path / "account.txt"
    account.write_text(ACCOUNT, encoding="utf-8")
    return run("testimony", "add", str(account), "--consent", "restricted", "--pseudonym", "W-1",
               "--recorded-on", "2025-11-01", *extra, stdin=stdin)


def readable(run: Callable[..., Any]) -> bool:
    """Whether testimony 1 is still there to read (not withdrawn)."""
    [line] = run("testimony", "list").stdout.decode().splitlines()
    return line.split()[1] != "withdrawn"


def test_withdraw_asks_before_destroying_the_account(run: Callable[..., Any], tmp_path: Path):
    add(run, tmp_path)
    for answer in ("", "n\n", "no\n"):
        proc = run("testimony", "withdraw", "1", stdin=answer, check=False)
        assert proc.returncode == 1, proc.stderr.decode()
        err = proc.stderr.decode()
        assert "Withdraw testimony 1 (W-1, recorded 2025-11-01)" in err and "not withdrawn" in err, err
        assert readable(run)
    proc = run("testimony", "withdraw", "1", stdin="y\n")
    assert "withdrawn" in proc.stdout.decode() and not readable(run)


def test_withdraw_yes_skips_the_question(run: Callable[..., Any], tmp_path: Path):
    add(run, tmp_path)
    proc = run("testimony", "withdraw", "1", "--yes")
    assert "Withdraw testimony" not in proc.stderr.decode() and not readable(run)
    missing = run("testimony", "withdraw", "7", check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr.decode()


def identity(run: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The stored witness of testimony 1, read in this process by a role granted it."""
    from letopis.config import load_config
    from letopis.services.workspace import open_workspace
    from letopis.testimony import read_witness

    run("testimony", "grant", "1", "lawyer", "--identity")
    with monkeypatch.context() as patch:
        for key in ("LETOPIS_DATA", "LETOPIS_DATABASE_URL", "LETOPIS_PASSPHRASE"):
            if key in run.env:
                patch.setenv(key, run.env[key])
            else:
                patch.delenv(key, raising=False)
        workspace = open_workspace(load_config())
    try:
        return read_witness(workspace.opened, 1, role="lawyer")
    finally:
        workspace.close()


@pytest.mark.parametrize(("name", "content"), [
    ("witness.toml", 'name = "Olena Kovalenko"\ncontact = "+380 00 000 0000"\n'),
    ("witness.json", json.dumps({"name": "Olena Kovalenko", "contact": "+380 00 000 0000"})),
    ("witness.txt", "Olena Kovalenko\n+380 00 000 0000\n"),
])
def test_the_witness_identity_comes_from_a_file(
    run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str
):
    witness = tmp_path / name
    witness.write_text(content, encoding="utf-8")
    assert "testimony 1 stored" in add(run, tmp_path, "--witness-file", str(witness)).stdout.decode()
    stored = identity(run, monkeypatch)
    assert (stored.name, stored.contact) == ("Olena Kovalenko", "+380 00 000 0000")


def test_the_witness_identity_from_standard_input(
    run: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    add(run, tmp_path, "--witness-file", "-", stdin="Olena Kovalenko\n")
    stored = identity(run, monkeypatch)
    assert (stored.name, stored.contact) == ("Olena Kovalenko", None)


def test_the_witness_identity_is_never_a_flag(run: Callable[..., Any], tmp_path: Path):
    for flag in ("--witness-name", "--witness-contact"):
        proc = run("testimony", "add", str(tmp_path), "--consent", "internal", flag, "Olena Kovalenko", check=False)
        assert proc.returncode == 2 and "No such option" in proc.stderr.decode(), proc.stderr.decode()
    help_text = run("testimony", "add", "--help").stdout.decode()
    assert "--witness-file" in help_text and "--witness-name" not in help_text
    bad = tmp_path / "witness.toml"
    bad.write_text('nom = "x"\n', encoding="utf-8")
    proc = run("testimony", "add", str(tmp_path), "--consent", "internal", "--witness-file", str(bad), check=False)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and "unknown key(s) nom" in err and len(err.splitlines()) == 1, err
    proc = run("testimony", "add", str(tmp_path), "--consent", "internal", "--ask-witness", check=False)
    assert proc.returncode == 2 and "needs a terminal" in proc.stderr.decode()


def test_revoke_takes_back_a_grant(run: Callable[..., Any], tmp_path: Path):
    add(run, tmp_path)
    run("testimony", "grant", "1", "lawyer")
    assert "Я бачив" in run("testimony", "show", "1", "--role", "lawyer").stdout.decode()
    assert run("testimony", "revoke", "1", "lawyer").stdout.decode().strip() == "revoked lawyer content of testimony 1"
    denied = run("testimony", "show", "1", "--role", "lawyer", check=False)
    assert denied.returncode == 2 and "Я бачив" not in denied.stdout.decode()
    again = run("testimony", "revoke", "1", "lawyer", check=False)
    assert again.returncode == 1 and "lawyer held no content grant on testimony 1" in again.stderr.decode()
    missing = run("testimony", "revoke", "7", "lawyer", check=False)
    assert missing.returncode == 2 and len(missing.stderr.decode().strip().splitlines()) == 1


def test_reextract_reads_testimonies_here_and_counts_the_withdrawn(run: Callable[..., Any], tmp_path: Path):
    add(run, tmp_path)
    run.env["LETOPIS_JUDGE"] = "false"  # type: ignore[attr-defined]  # another engine: the account is read again
    words = [w.encode() for w in ACCOUNT.split() if len(w) > 6]
    for args in (("reextract", "--dry-run"), ("reextract",)):
        proc = run(*args)
        out = proc.stdout.decode()
        assert " 1 source(s) read" in out and "1 of them testimony(ies), read in this process" in out, out
        assert not [w for w in words if w in proc.stdout + proc.stderr]
    assert " 0 source(s) read" in run("reextract", "--dry-run").stdout.decode()  # done for this engine
    run("testimony", "withdraw", "1", "--yes")
    run.env["LETOPIS_JUDGE"] = "true"  # type: ignore[attr-defined]
    proc = run("reextract", "--dry-run")
    out = proc.stdout.decode()
    assert " 0 source(s) read" in out and "dry run, nothing changed" in out, out
    assert "1 testimony(ies) not read: withdrawn: their content no longer exists" in out, out
    assert proc.returncode == 0 and not proc.stderr.decode().strip()
