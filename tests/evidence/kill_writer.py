"""Helper process for test_kill: writes blobs until killed.

``batch`` mode plays an ingest run (``deferred``: as the ingest does, packed
objects made durable by one sync before the commit): each blob is put in a batch, then
"committed" by appending its SHA-256 to ``committed.txt`` (fsynced) — the
stand-in for the database transaction — before the batch ends.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from letopis.evidence.store import ObjectStore

if __name__ == "__main__":
    root = Path(sys.argv[1])
    mode = sys.argv[2]
    store = ObjectStore(root)
    committed = os.open(root / "committed.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    i = 0
    while True:
        data = os.urandom(4096 + (i % 7) * 300_000)
        if mode in ("batch", "deferred"):
            with store.batch(deferred=mode == "deferred") as batch:
                result = batch.put_bytes(data)
                extra = batch.put_bytes(os.urandom(2000)) if mode == "deferred" else None
                batch.sync()  # deferred: the packed objects durable and indexed before the "commit"
                shas = [result.sha256] + ([extra.sha256] if extra else [])
                os.write(committed, "".join(f"{sha}\n" for sha in shas).encode())
                os.fsync(committed)
        else:
            store.put_bytes(data)
        i += 1
        if i == 3:
            print("started", flush=True)
