"""What an ingest run counts, and what one item adds before its savepoint commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from letopis.db import queries


@dataclass
class IngestSummary:
    sources_new: int = 0
    sources_known: int = 0
    failed: int = 0
    incidents_new: int = 0
    incidents_merged: int = 0
    flagged: int = 0
    statistics: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (f"sources: {self.sources_new} new, {self.sources_known} already known, "
                f"{self.failed} failed; incidents: {self.incidents_new} new, "
                f"{self.incidents_merged} merged, {self.flagged} flagged for review; "
                f"statistics: {self.statistics}")


@dataclass
class ItemState:
    """What one item adds, applied to the group and the summary only if its savepoint commits."""

    session: Session
    chain: Any
    later: queries.Later | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    documents: list[tuple[int, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


def add_summary(total: IngestSummary, part: IngestSummary) -> None:
    for name in ("sources_new", "sources_known", "failed", "incidents_new", "incidents_merged", "flagged",
                 "statistics"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.failures.extend(part.failures)
