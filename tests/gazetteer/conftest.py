"""The real gazetteer, built once per machine (cached in $LETOPIS_CACHE or ~/.cache/letopis)."""

from __future__ import annotations

import math

import pytest

from letopis.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def only(gaz: Gazetteer, text: str, surface: str):
    """The mention with this surface, resolved with the whole text as context."""
    mentions = gaz.find(text)
    hits = [m for m in mentions if m.surface == surface]
    assert hits, f"{surface!r} not found in {text!r}: {[m.surface for m in mentions]}"
    return hits[0], gaz.resolve(hits[0], mentions)
