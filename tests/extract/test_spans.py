"""DisjointSpans: the overlap test dates and numbers use instead of scanning every span."""

import random

from letopis.extract.spans import DisjointSpans


def _naive(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return start < end and any(start < e and s < end for s, e in spans)


def test_overlap_agrees_with_a_scan_of_every_span():
    rng = random.Random(7)
    for _ in range(200):
        spans = [(s, s + rng.randint(1, 9)) for s in (rng.randint(0, 200) for _ in range(rng.randint(0, 25)))]
        disjoint = DisjointSpans(spans)   # overlapping input spans are merged
        for _ in range(50):
            start = rng.randint(0, 210)
            end = start + rng.randint(0, 12)
            assert disjoint.overlaps(start, end) == _naive(spans, start, end), (spans, start, end)


def test_added_spans_are_seen_and_touching_is_not_overlapping():
    taken = DisjointSpans()
    assert not taken.overlaps(0, 5)
    taken.add(10, 20)
    taken.add(0, 5)
    taken.add(30, 31)
    assert taken.overlaps(19, 25) and taken.overlaps(4, 6) and taken.overlaps(30, 31)
    assert not taken.overlaps(5, 10) and not taken.overlaps(20, 30) and not taken.overlaps(31, 40)
