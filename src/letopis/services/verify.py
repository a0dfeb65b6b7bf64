"""Checking a workspace: its evidence against its database (both ways), its rows against their seals,
its custody log's hash chain, and anchoring that log with a receipt kept elsewhere (time-stamped by an
RFC 3161 authority when the settings name one)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letopis.db.engine import damage_of
from letopis.errors import TimestampError, UsageError
from letopis.evidence import Problem, verify_log, verify_store
from letopis.evidence.anchor import Receipt, check_receipt, check_receipt_stamp, make_receipt, read_receipt
from letopis.evidence.timestamp import Stamp, load_certificate
from letopis.services.workspace import Workspace

__all__ = ["verify_evidence", "verify_custody_log", "check_log", "anchor_log", "Anchored", "LogCheck",
           "damage_of"]


@dataclass(frozen=True)
class LogCheck:
    problems: list[Problem]
    stamp: Stamp | None  # the receipt's RFC 3161 time-stamp, when it has one that verified


@dataclass(frozen=True)
class Anchored:
    receipt: Receipt
    path: Path
    stamp: Stamp | None  # the time-stamp the receipt holds
    warning: str | None  # why it holds none although ``tsa_url`` names an authority


def verify_evidence(workspace: Workspace) -> list[Problem]:
    """Re-hash every stored original and text; check rows against their seals, database and folder both ways."""
    return verify_store(workspace.db, workspace.store, actor=workspace.config.collector)


def verify_custody_log(workspace: Workspace, anchor: Path | None = None) -> list[Problem]:
    """Check the custody log's hash chain and, with ``anchor``, that it still holds the anchored entry."""
    return check_log(workspace, anchor).problems


def check_log(workspace: Workspace, anchor: Path | None = None) -> LogCheck:
    """The custody log's chain; with ``anchor``, the anchored entry, and the receipt's time-stamp (offline)."""
    receipt = read_receipt(anchor) if anchor is not None else None
    with workspace.db.session(readonly=True) as session:
        problems = verify_log(session)
        if receipt is not None:
            problems.extend(check_receipt(session, receipt))
    stamp = None
    if receipt is not None:
        found, stamp = check_receipt_stamp(receipt, _trusted_ca(workspace))
        problems.extend(found)
    return LogCheck(problems, stamp)


def anchor_log(workspace: Workspace, output: Path | None = None) -> Anchored:
    """Write the log's head to ``output`` (default ``letopis-anchor-SEQ.json``; never overwritten).

    With ``tsa_url`` set, the head's hash is time-stamped by that authority first (the only request made; through
    ``proxy``); when no checked token can be had, the receipt is written without one and ``warning`` says why."""
    config = workspace.config
    trusted = _trusted_ca(workspace) if config.tsa_url else None
    with workspace.db.session(readonly=True) as session:
        problems = verify_log(session)
        if problems:
            raise UsageError(f"the custody log does not verify ({problems[0]}): refusing to anchor it")
        receipt = make_receipt(session)
    output = output or Path(f"letopis-anchor-{receipt.seq}.json")
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise UsageError(f"{output} exists: choose another receipt file") from None
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    stamp, warning = None, None
    try:
        handle = os.fdopen(fd, "w", encoding="utf-8")
    except BaseException:
        os.close(fd)
        output.unlink(missing_ok=True)
        raise
    try:
        if config.tsa_url:
            from letopis.evidence.tsa import request_token

            try:
                token, stamp = request_token(config.tsa_url, bytes.fromhex(receipt.hash), proxy=config.proxy,
                                             timeout=config.timeout_s, trusted=trusted)
                receipt = receipt.stamped(token, stamp, config.tsa_url)
            except TimestampError as error:
                warning = f"no time-stamp from {config.tsa_url}: {error}; the receipt was written without one"
        with handle:
            handle.write(json.dumps(receipt.as_json(), indent=2, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        handle.close()
        output.unlink(missing_ok=True)  # no empty or half-written receipt left behind
        raise
    return Anchored(receipt, output, stamp, warning)


def _trusted_ca(workspace: Workspace) -> Any:
    path = workspace.config.tsa_ca
    return load_certificate(path) if path is not None else None
