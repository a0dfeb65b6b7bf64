"""A small case database on each backend for the exporters (and the digest tests' fixture month, from
tests/publish/test_digest.py): four incidents that exercise every column of the exports.

1. Kharkiv, a day, a web source whose title and quote name private persons, one edit;
2. Odesa, a month, two sources (a web page and a Telegram message) naming private persons, marked as
   showing personal data (sensitive: public coordinates are the region's centre);
3. undated, no place, desertion (no ACLED equivalent), a local file as its source;
4. Kharkiv, supported by a testimony (sensitive): public coordinates are the region's centre.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from letopis.config import Config
from letopis.crypto.store import init_store
from letopis.db.captures import add_capture
from letopis.db.incidents import add_incident, add_incident_source
from letopis.db.review import record_edit
from letopis.services.workspace import Workspace
from tests.crypto.conftest import backend_url, encrypted  # noqa: F401 - fixtures, used by name
from tests.db.test_queries import KHARKIV, ODESA, capture_of, record_of, stored
from tests.publish.test_digest import month  # noqa: F401 - a fixture, used by name (digest tests)

UK = ("30 жовтня у Харкові працівники ТЦК затримали Івана Петренка на зупинці. "
      "Його дружина Марія Петренко розповіла про це журналістам.")
EN = ("On October 28 in Odesa, recruitment officers detained Oleksandr Sokolov near a market; "
      "locals led by Vera Kotova blocked the minibus.")
TG = "В Одессе у рынка задержали Олега Соколова, соседи во главе с Анной Кротовой перекрыли дорогу."
RU = "В ноябре из части ушли трое военнослужащих."
TESTIMONY = "мого сусіда схопили біля зупинки в Харкові"
TITLE = "ТЦК затримали Івана Петренка"
PLANTED = ("Петренк", "Petrenk", "Марія", "Sokolov", "Kotova", "Соколов", "Кротов", "Олега", "Анной")


@dataclass(frozen=True)
class Case:
    ws: Workspace
    ids: tuple[int, int, int, int]


def _source(ws: Workspace, locator: str, text: str, *, kind: str = "url", title: str | None = None) -> int:
    body = text.encode("utf-8")
    capture = replace(capture_of(locator, body, text, title), source_kind=kind)
    with ws.db.session() as session:
        result = add_capture(session, capture, stored(body), collector="test")
    assert result.source_id is not None
    return result.source_id


def make_workspace(data: Path, database_url: str, public_names: tuple[str, ...] = ()) -> Workspace:
    url = None if database_url.startswith("sqlite") else database_url
    opened = init_store(data, encrypt=False, database_url=url).store
    (data / "letopis.toml").write_text("", encoding="utf-8")
    config = Config(data=data, database_url=url, collector="tester", cache=None, proxy=None, max_file_mb=10,
                    timeout_s=5, public_names=public_names)
    return Workspace(config, opened)


def fill(ws: Workspace) -> tuple[int, int, int, int]:
    web = _source(ws, "https://example.org/news/1", UK, title=TITLE)
    page = _source(ws, "https://example.com/odesa", EN)
    telegram = _source(ws, "telegram:1001/77", TG, kind="telegram_message")
    local = _source(ws, "/home/olena/reports/part.txt", RU, kind="file")
    testimony = _source(ws, "testimony:1", TESTIMONY, kind="testimony")
    with ws.db.session() as session:
        one = add_incident(session, record_of(UK, UK, summary="Затримання Івана Петренка у Харкові.",
                                              date="2025-10-30", detained=1), source_id=web, status="verified")
        record_edit(session, one.id, "injured", 1, actor="olena")
        two = add_incident(session, record_of(EN, EN, summary="Locals led by Vera Kotova freed a man in Odesa.",
                                              date="2025-10", date_precision="month", location=ODESA,
                                              event_type="resistance", detained=1, fatalities=0, language="en",
                                              actors=("recruitment_officers", "civilians")), source_id=page)
        add_incident_source(session, two.id, telegram, record_of(TG, TG, language="ru"))
        record_edit(session, two.id, "sensitivity", ["personal_data"], actor="olena")
        three = add_incident(session, record_of(RU, RU, summary="Трое военнослужащих ушли из части.", date=None,
                                                date_precision=None, location=None, event_type="desertion",
                                                detained=None, actors=("military",), language="ru"),
                             source_id=local)
        four = add_incident(session, record_of(TESTIMONY, TESTIMONY, summary="Затримання у Харкові.",
                                               date="2025-10-29", location=KHARKIV), source_id=testimony)
        return one.id, two.id, three.id, four.id


@pytest.fixture
def case(database_url: str, tmp_path: Path) -> Iterator[Case]:
    ws = make_workspace(tmp_path / "data", database_url, public_names=("Олександр Сирський",))
    try:
        yield Case(ws, fill(ws))
    finally:
        ws.close()
