"""Disjoint character spans with an overlap test in logarithmic time.

Dates, numbers and places each keep a set of spans and ask, for every
candidate, whether it overlaps one of them. A linear scan of the set makes
reading grow with the square of a text's length (a 1 MB line holds thousands of
candidates); these keep the spans sorted and disjoint and bisect instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class DisjointSpans:
    """Sorted, pairwise disjoint ``(start, end)`` spans (end exclusive)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start < self._ends[-1]:   # overlaps the last one: merge
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span (an empty one never does)."""
        i = bisect_left(self._starts, end)   # spans before i start before ``end``
        return i > 0 and self._ends[i - 1] > start and start < end

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none (callers test ``overlaps`` first)."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


__all__ = ["DisjointSpans"]
