"""Checking a workspace: its evidence against its database (both ways), and its custody log's hash chain."""

from __future__ import annotations

from letopis.evidence import Problem, verify_log, verify_store
from letopis.services.workspace import Workspace


def verify_evidence(workspace: Workspace) -> list[Problem]:
    """Re-hash every stored original and text; check the database and the evidence folder both ways."""
    return verify_store(workspace.db, workspace.store, actor=workspace.config.collector)


def verify_custody_log(workspace: Workspace) -> list[Problem]:
    """Check the custody log's hash chain."""
    with workspace.db.session(readonly=True) as session:
        return verify_log(session)
