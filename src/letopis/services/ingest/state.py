"""What one item adds before its savepoint commits, and adding it to a run's count (``IngestSummary``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from letopis.db.later import Later
from letopis.model import IngestSummary


@dataclass
class ItemState:
    """What one item adds, applied to the group and the summary only if its savepoint commits."""

    session: Session
    chain: Any
    later: Later | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    documents: list[tuple[int, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


def add_summary(total: IngestSummary, part: IngestSummary) -> None:
    for name in ("sources_new", "sources_known", "failed", "incidents_new", "incidents_merged", "flagged",
                 "statistics", "needs_ocr"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failures.extend(part.failures)
    total.notices.extend(part.notices)
    total.skipped.extend(part.skipped)
