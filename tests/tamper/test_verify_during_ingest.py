"""`letopis verify` run again and again while another process ingests: no false alarm, none logged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLACES = ("Харкові", "Одесі", "Львові", "Дніпрі", "Полтаві", "Києві")


def _reports(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        text = (f"{1 + i % 28} жовтня у {PLACES[i % len(PLACES)]} працівники ТЦК затримали {2 + i % 5} "
                f"чоловіків біля зупинки № {i}. Свідки розповіли про це виданню {i}.\n") * 3
        (folder / f"r{i:05d}.txt").write_text(text, encoding="utf-8")


def test_verify_during_ingest_raises_no_false_alarm(tmp_path: Path) -> None:
    env = {**os.environ, "LETOPIS_DATA": str(tmp_path / "data"), "LETOPIS_COLLECTOR": "tester"}
    env.pop("LETOPIS_DATABASE_URL", None)

    def letopis(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "letopis.cli", *args], env=env, capture_output=True,
                              timeout=900)

    assert letopis("init").returncode == 0
    _reports(tmp_path / "in", 1500)
    ingest = subprocess.Popen([sys.executable, "-m", "letopis.cli", "ingest", str(tmp_path / "in"),
                               "--published", "2025-11-01"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    runs: list[subprocess.CompletedProcess] = []
    overlapped = 0
    try:
        while ingest.poll() is None or len(runs) < 3:
            proc = letopis("verify")
            runs.append(proc)
            overlapped += ingest.poll() is None
    finally:
        _, ingest_err = ingest.communicate(timeout=900)
    assert ingest.returncode == 0, ingest_err.decode()
    alarms = [line for p in runs for line in p.stdout.decode().splitlines() if line != "verify: ok"]
    assert alarms == [], alarms[:5]
    assert all(p.returncode == 0 for p in runs)
    assert overlapped >= 1  # at least one verify ran to its end while the ingest was still writing
    final = letopis("verify")
    assert final.returncode == 0, final.stdout.decode()
    log = letopis("log", "verify")
    assert log.returncode == 0
