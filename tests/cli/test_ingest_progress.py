"""`letopis ingest` shows its progress with click's progress display on a terminal, and nothing otherwise."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

UK = "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці та посадили їх у бус.\n"
OTHER = "28 жовтня в Одесі місцеві мешканці заблокували бус ТЦК і не дали вивезти затриманого чоловіка.\n"
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, text in enumerate((UK, OTHER, UK.replace("30", "29"))):
        (folder / f"r{n}.txt").write_text(text, encoding="utf-8")
    return folder


def read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_progress_on_a_terminal_is_one_line_redrawn_in_place(letopis: Any, tmp_path: Path):
    folder = reports(tmp_path)
    main, other = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "letopis.cli", "ingest", str(folder), "--published", "2025-10-31"],
                            env=letopis.env, stdout=subprocess.PIPE, stderr=other, stdin=subprocess.DEVNULL)
    os.close(other)
    err = read_all(main).decode()
    os.close(main)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait(timeout=600) == 0, err
    assert "sources: 3 new" in out
    assert "\\r" not in err  # no literal backslash-r
    frames = [ESCAPES.sub("", frame).strip() for frame in re.split(r"[\r\n]+", err)]
    frames = [frame for frame in frames if frame]
    assert frames and all(frame.startswith("ingest [") for frame in frames), frames
    assert "3 items" in frames[-1] and all(len(frame) < 80 for frame in frames), frames


def test_no_progress_when_stderr_is_not_a_terminal(letopis: Callable[..., Any], tmp_path: Path):
    proc = letopis("ingest", str(reports(tmp_path)), "--published", "2025-10-31")
    assert proc.stderr.decode() == ""
    assert "sources: 3 new" in proc.stdout.decode()
