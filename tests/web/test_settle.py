"""``settle()``, which ``letopis serve`` calls once: what a serving process keeps for its life is loaded first, then
left out of the garbage collector's full collections (``gc.freeze``)."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from letopis.web import settle


class _Node:
    other: Any = None


def test_settle_loads_what_requests_read_and_freezes_it() -> None:
    gc.unfreeze()
    try:
        settle()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000   # the modules, the summary writer, the catalogs
        # what is made afterwards (a response's objects) is still collected; what was loaded is not walked again
        cycle = _Node()
        cycle.other = cycle   # only a collection frees it
        gone = weakref.ref(cycle)
        del cycle
        gc.collect()
        assert gone() is None and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
