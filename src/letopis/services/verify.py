"""Checking a workspace: its evidence against its database (both ways), its rows against their seals,
its custody log's hash chain, and anchoring that log with a receipt kept elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path

from letopis.db.engine import damage_of
from letopis.errors import UsageError
from letopis.evidence import Problem, verify_log, verify_store
from letopis.evidence.anchor import Receipt, check_receipt, make_receipt, read_receipt
from letopis.services.workspace import Workspace

__all__ = ["verify_evidence", "verify_custody_log", "anchor_log", "damage_of"]


def verify_evidence(workspace: Workspace) -> list[Problem]:
    """Re-hash every stored original and text; check rows against their seals, database and folder both ways."""
    return verify_store(workspace.db, workspace.store, actor=workspace.config.collector)


def verify_custody_log(workspace: Workspace, anchor: Path | None = None) -> list[Problem]:
    """Check the custody log's hash chain and, with ``anchor``, that it still holds the anchored entry."""
    receipt = read_receipt(anchor) if anchor is not None else None
    with workspace.db.session(readonly=True) as session:
        problems = verify_log(session)
        if receipt is not None:
            problems.extend(check_receipt(session, receipt))
    return problems


def anchor_log(workspace: Workspace, output: Path | None = None) -> tuple[Receipt, Path]:
    """Write the log's head to ``output`` (default ``letopis-anchor-SEQ.json``; never overwritten)."""
    with workspace.db.session(readonly=True) as session:
        problems = verify_log(session)
        if problems:
            raise UsageError(f"the custody log does not verify ({problems[0]}): refusing to anchor it")
        receipt = make_receipt(session)
    output = output or Path(f"letopis-anchor-{receipt.seq}.json")
    text = json.dumps(receipt.as_json(), indent=2, sort_keys=True) + "\n"
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise UsageError(f"{output} exists: choose another receipt file") from None
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return receipt, output
