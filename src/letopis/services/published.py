"""A caller's publication date, checked before anything is read."""

from __future__ import annotations

from datetime import date

from letopis.errors import UsageError
from letopis.timespan import published_problem


def check_published(published: date | None) -> None:
    """Refuse a caller's publication date that dates relative to it would carry out of the calendar."""
    problem = published_problem(published) if published is not None else None
    if problem is not None:
        raise UsageError(f"--published: {problem}")
