from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from letopis.evidence.store import ObjectStore

WRITER = Path(__file__).with_name("kill_writer.py")


@pytest.mark.parametrize("mode", ["plain", "batch", "deferred"])
@pytest.mark.parametrize("delay", [0.05, 0.3, 0.7])
def test_kill_9_leaves_no_partial_object(tmp_path: Path, mode: str, delay: float) -> None:
    root = tmp_path / "evidence"
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(root), mode], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "started"
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

    store = ObjectStore(root)
    files = list(store.iter_files())
    assert files, "the writer stored nothing before it was killed"
    for path in files:  # every file under a final name is complete
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name, f"partial object {path}"
        assert path.stat().st_mode & 0o777 == 0o444
    packed = [o.name for o in store.iter_objects() if o.packed]
    assert packed, "the writer packed nothing before it was killed"
    for name in packed:  # every packed object its index finds is complete (a torn tail is not indexed)
        assert store.hash_object(name)[0] == name, f"partial packed object {name}"

    committed = set((root / "committed.txt").read_text().split())
    report = store.recover(lambda shas: committed & set(shas))
    assert list(store.tmp_dir.iterdir()) == []
    assert list(store.journal_dir.iterdir()) == []
    if mode != "plain":  # exactly the committed objects remain: the killed batch's is collected
        assert {o.name for o in store.iter_objects()} == committed
        assert report.dead_journals <= 1
