"""A store of three incidents whose corroboration differs, for the web tests (pages, API, browser).

- ``claim``: one origin, a state outlet (profiled: RU, state media, grade D4) on a detention in Kharkiv:
  "reported by RIA Example"; high impact (two detained), so first in the review queue;
- ``witnessed``: two eyewitness posts in their own words (two origins, channels) and a repost of the first
  (a copy);
- ``court``: a court record, alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from letopis.model import Location, Record
from tests.reliability.texts import RELEASE_UK, WITNESS_ONE, WITNESS_TWO

STATE = "https://ria.example.ru/20251030/kharkiv-tck.html"
COURT = "https://reyestr.court.gov.ua/Review/131313"
WITNESS = "https://t.me/s/kharkiv_witness/15"
REPOST = "https://t.me/s/kharkiv_reposts/7"
SECOND = "https://t.me/s/saltivka_now/99"
STATE_TEXT = ("Как сообщают источники, 30 октября в Харькове сотрудники ТЦК насильно задержали двоих мужчин и "
              "увезли их в неизвестном направлении. Местные жители возмущены произволом.")


@dataclass(frozen=True)
class Store:
    workspace: Any
    claim: int
    witnessed: int
    court: int


def _record(text: str, detained: int | None, event_type: str = "mobilization_detention") -> Record:
    quote = text[:60]
    return Record(kind="incident", date="2025-10-30", date_precision="day", event_type=event_type,
                  location=Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98, 36.25, 1), fatalities=None,
                  injured=None, detained=detained, actors=(), summary=quote, quote=quote, start=0, end=len(quote),
                  language="uk", confidence=0.8)


def _incident(ws: Any, locator: str, text: str, detained: int | None = None, event_type: str = "mobilization_"
              "detention") -> int:
    from letopis.db.incidents import add_incident
    from tests.db.test_queries import add_source, source_of

    added = add_source(ws.db, locator, text)
    with ws.db.session() as session:  # with the text's hash: the grouping compares the texts
        return add_incident(session, _record(text, detained, event_type), source_id=source_of(added),
                            text_sha256=added.text_sha256).id


def corroboration_store(data: Path, database_url: str | None = None) -> Store:
    from letopis.config import load_config
    from letopis.reliability.profiles import ProfileFields
    from letopis.services import review
    from letopis.services.origins import recompute_origins
    from letopis.services.profiles import set_profile
    from letopis.services.workspace import init_workspace

    ws, _, _ = init_workspace(load_config({"data": str(data), "database_url": database_url, "collector": "monitor"}))
    claim = _incident(ws, STATE, STATE_TEXT, detained=2)
    witnessed = _incident(ws, WITNESS, WITNESS_ONE)
    repost = _incident(ws, REPOST, "Переслано з каналу Харків свідок\n" + WITNESS_ONE)
    second = _incident(ws, SECOND, WITNESS_TWO)
    court = _incident(ws, COURT, "Вирок у справі № 640/1313/25. " + RELEASE_UK, event_type="legal_action")
    recompute_origins(ws.db)
    review.merge(ws.db, witnessed, repost, actor="olena", reason="a repost")
    review.merge(ws.db, witnessed, second, actor="olena", reason="the same stop")
    set_profile(ws.db, "ria.example.ru", ProfileFields(name="RIA Example", stance="state_media", country="RU"),
                grade="D4", reason="owned by the Russian state", actor="olena")
    return Store(ws, claim, witnessed, court)
