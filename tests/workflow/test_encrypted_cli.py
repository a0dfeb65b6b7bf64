"""An encrypted store through the real command: canary, wrong passphrase, key change, recovery, testimony."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

CANARY = "The unique canary heron crossed seven amber bridges near Kharkiv on October 30."
REPORT = ("30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці. " + CANARY + "\n")


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_PASSPHRASE": "first passphrase"}
    env.pop("LETOPIS_DATABASE_URL", None)

    def letopis(*args: str, check: bool = True, **extra: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([sys.executable, "-m", "letopis.cli", *args], env={**env, **extra},
                              capture_output=True, timeout=600, stdin=subprocess.DEVNULL)
        if check and proc.returncode != 0:
            raise AssertionError(f"{args}: {proc.stderr.decode()}")
        return proc

    letopis.data = tmp_path / "data"  # type: ignore[attr-defined]
    return letopis


def _recovery_key(init_output: str) -> str:
    match = re.search(r"LR1-[A-Z0-9-]+", init_output)
    assert match, init_output
    return match.group(0)


def _files(data: Path) -> list[Path]:
    return [p for p in data.rglob("*") if p.is_file()]


def test_nothing_of_the_canary_reaches_the_disk(run, tmp_path):
    run("init", "--encrypt")
    report = tmp_path / "canary.txt"
    report.write_text(REPORT, encoding="utf-8")
    run("ingest", str(report), "--published", "2025-11-01")
    assert "Kharkiv" in run("incidents").stdout.decode()
    report.unlink()
    words = CANARY.split()
    needles = [CANARY.encode()] + [" ".join(words[i:i + 5]).encode() for i in range(len(words) - 4)]
    needles += [hashlib.sha256(REPORT.encode()).hexdigest().encode(),
                hashlib.sha256(CANARY.encode()).hexdigest().encode()]
    for path in _files(run.data):
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, (path, needle)


def test_wrong_or_missing_passphrase_is_one_clear_line(run):
    run("init", "--encrypt")
    for extra in ({"LETOPIS_PASSPHRASE": "not the passphrase"}, {"LETOPIS_PASSPHRASE": ""}):
        proc = run("incidents", check=False, **extra)
        err = proc.stderr.decode().strip()
        assert proc.returncode == 2 and len(err.splitlines()) == 1 and "Traceback" not in err, err


def test_key_change_and_recovery(run, tmp_path):
    recovery = _recovery_key(run("init", "--encrypt").stdout.decode())
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    run("ingest", str(report), "--published", "2025-11-01")
    run("key", "change", LETOPIS_NEW_PASSPHRASE="second passphrase")
    assert run("incidents", check=False).returncode == 2  # the old one no longer opens it
    assert "Kharkiv" in run("incidents", LETOPIS_PASSPHRASE="second passphrase").stdout.decode()
    run("key", "recover", LETOPIS_RECOVERY_KEY=recovery, LETOPIS_NEW_PASSPHRASE="third passphrase")
    assert "Kharkiv" in run("incidents", LETOPIS_PASSPHRASE="third passphrase").stdout.decode()
    assert "ok" in run("verify", LETOPIS_PASSPHRASE="third passphrase").stdout.decode()


def test_testimony_with_consent_and_withdrawal(run, tmp_path):
    run("init", "--encrypt")
    account = tmp_path / "account.txt"
    account.write_text("Я бачив, як 30 жовтня у Харкові працівники ТЦК затримали двох чоловіків. " + CANARY,
                       encoding="utf-8")
    witness = tmp_path / "witness.txt"
    witness.write_text("Real Name\n", encoding="utf-8")
    out = run("testimony", "add", str(account), "--consent", "restricted", "--pseudonym", "W-1",
              "--witness-file", str(witness), "--recorded-on", "2025-11-01").stdout.decode()
    assert "testimony 1 stored" in out and "incidents: 1 new, 0 merged" in out
    assert run("testimony", "show", "1", "--role", "lawyer", check=False).returncode == 2
    run("testimony", "grant", "1", "lawyer")
    assert CANARY in run("testimony", "show", "1", "--role", "lawyer").stdout.decode()
    run("testimony", "withdraw", "1", "--yes")
    gone = run("testimony", "show", "1", check=False)
    assert gone.returncode == 2 and "withdrawn" in gone.stderr.decode()
    assert "ok" in run("log", "verify").stdout.decode()
    assert "ok" in run("verify").stdout.decode()


def test_a_testimony_of_an_incident_already_documented_is_merged_into_it(run, tmp_path):
    run("init", "--encrypt")
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run("ingest", str(report), "--published", "2025-10-31")
    account = tmp_path / "account.txt"
    account.write_text("Я бачила, як 30 жовтня в Харкові працівники ТЦК затримали двох чоловіків біля зупинки.",
                       encoding="utf-8")
    out = run("testimony", "add", str(account), "--consent", "internal", "--recorded-on", "2025-11-02").stdout.decode()
    assert "incidents: 0 new, 1 merged" in out, out
    shown = run("show", "1").stdout.decode()
    assert shown.count("[source ") == 2 and "merged because" in shown
    assert "Я бачила" not in shown  # the account is linked without its words
    run("testimony", "withdraw", "1", "--yes")
    assert run("show", "1").stdout.decode().count("[source ") == 1  # the report stays
    assert "ok" in run("log", "verify").stdout.decode()
