"""Independent corroboration through the real ingest and review, on SQLite and PostgreSQL: reposts and a
translation of one release are one origin, eyewitnesses in their own words are two, a court record
corroborates and is found by the filter; a profile's kind re-kinds stored origins."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from letopis.config import load_config
from letopis.extract.engine import Engine
from letopis.model import Location, Record
from letopis.reliability.profiles import ProfileFields
from letopis.services import review
from letopis.services.incidents import IncidentFilters, get_incident, iter_incidents, search_incidents
from letopis.services.ingest import Ingestor
from letopis.services.origins import recompute_origins
from letopis.services.profiles import set_profile
from letopis.services.workspace import init_workspace
from letopis.sources import HttpxFetcher
from tests.reliability.texts import RELEASE_EN, RELEASE_UK, REPOSTS_UK, WITNESS_ONE, WITNESS_TWO

PUBLISHED = date(2025, 10, 30)
POLICE = "https://kharkiv.npu.gov.ua/news/2025-10-30-zatrymannia"
TRANSLATION = "https://news.example.org/en/2025/10/31/kharkiv-stop"
COURT = "https://reyestr.court.gov.ua/Review/131313"


@pytest.fixture
def workspace(database_url: str, tmp_path: Path) -> Any:
    overrides: dict[str, Any] = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    ws, _, _ = init_workspace(load_config(overrides))
    yield ws
    ws.close()


def _fetcher(pages: dict[str, str]) -> HttpxFetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        body = pages[str(request.url)].encode("utf-8")
        return httpx.Response(200, headers={"Content-Type": "text/plain; charset=utf-8"},
                              stream=httpx.ByteStream(body))

    return HttpxFetcher(transport=httpx.MockTransport(handler))


def _channel(folder: Path, channel_id: int, name: str, text: str, hour: int, forwarded: str | None = None) -> str:
    folder.mkdir(parents=True)
    message: dict[str, Any] = {"id": 7, "type": "message", "date": f"2025-10-30T{hour:02d}:00:00",
                               "date_unixtime": str(1761782400 + hour * 3600), "text": text}
    if forwarded:
        message["forwarded_from"] = forwarded
    (folder / "result.json").write_text(json.dumps({"name": name, "type": "public_channel", "id": channel_id,
                                                    "messages": [message]}, ensure_ascii=False), encoding="utf-8")
    return str(folder)


def _ingest(ws: Any, sources: list[str], pages: dict[str, str] | None = None) -> Any:
    fetcher = _fetcher(pages) if pages else None
    return Ingestor(db=ws.db, store=ws.store, engine=Engine(), collector="tester", workers=0,
                    fetcher=fetcher).run(sources, published=PUBLISHED)


def _release_and_copies(ws: Any, tmp_path: Path) -> int:
    """The police release, five channels reposting it, one translation: the one incident's id."""
    summary = _ingest(ws, [POLICE], {POLICE: RELEASE_UK})
    assert summary.incidents_new == 1
    channels = [_channel(tmp_path / f"channel{i}", 100 + i, f"Канал {i}", text, 10 + i,
                         forwarded="Харків Онлайн" if i == 0 else None) for i, text in enumerate(REPOSTS_UK)]
    summary = _ingest(ws, [*channels, TRANSLATION], {TRANSLATION: RELEASE_EN})
    assert summary.failed == 0 and summary.incidents_new == 0 and summary.incidents_merged == 6
    [detail] = list(iter_incidents(ws.db, IncidentFilters()))
    return detail.incident.id


def test_a_release_forwarded_by_five_channels_and_translated_once_is_one_origin(workspace, tmp_path):
    incident_id = _release_and_copies(workspace, tmp_path)
    detail = get_incident(workspace.db, incident_id)
    assert detail is not None and len(detail.sources) == 7
    corroboration = detail.corroboration
    assert corroboration.computed and corroboration.origins == 1 and corroboration.by_kind == {"official": 1}
    [origin] = [s for s in detail.sources if s.is_origin]
    assert origin.locator == POLICE  # the first publication
    copies = [s for s in detail.sources if not s.is_origin]
    assert {s.origin_source_id for s in copies} == {origin.source_id}
    assert {s.origin_kind for s in copies} == {"channel", "media"}
    translation = next(s for s in copies if s.locator == TRANSLATION)
    assert "the same release in" in (translation.copy_reason or "")
    assert any("forward" in (s.copy_reason or "") for s in copies)
    # the filters: one origin is not two
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(min_origins=1))] == [incident_id]
    assert list(iter_incidents(workspace.db, IncidentFilters(min_origins=2))) == []
    [row] = search_incidents(workspace.db, IncidentFilters()).items
    assert (row.sources, row.origins) == (7, 1)


def _kharkiv(text: str, quote: str) -> Record:
    start = text.index(quote)
    return Record(kind="incident", date="2025-10-30", date_precision="day", event_type="mobilization_detention",
                  location=Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98, 36.25, 1), fatalities=None,
                  injured=None, detained=2, actors=(), summary=quote, quote=quote, start=start,
                  end=start + len(quote), language="uk", confidence=0.8)


def _incident_of(ws: Any, locator: str, text: str, *, with_text: bool = False) -> int:
    """An incident supported by a page holding ``text`` (``with_text``: its quote points into the stored text)."""
    import hashlib

    from letopis.db.incidents import add_incident
    from tests.db.test_queries import add_source, source_of

    source = source_of(add_source(ws.db, locator, text))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest() if with_text else None
    with ws.db.session() as session:
        return add_incident(session, _kharkiv(text, text[:60]), source_id=source, text_sha256=sha).id


def test_two_eyewitnesses_in_their_own_words_are_two_origins_and_a_court_record_corroborates(workspace):
    first = _incident_of(workspace, "https://t.me/s/kharkiv_witness/15", WITNESS_ONE)
    second = _incident_of(workspace, "https://t.me/s/saltivka_now/99", WITNESS_TWO)
    court = _incident_of(workspace, COURT, "Вирок у справі № 640/1313/25. " + RELEASE_UK)
    recompute_origins(workspace.db)
    review.merge(workspace.db, first, second, actor="olena", reason="the same stop, the same hour")
    detail = get_incident(workspace.db, first)
    assert detail is not None and detail.corroboration.origins == 2
    assert detail.corroboration.by_kind == {"channel": 2}
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(origin_kind="court_record"))] == [court]
    review.merge(workspace.db, first, court, actor="olena", reason="the verdict names the same detention")
    detail = get_incident(workspace.db, first)
    assert detail is not None
    assert detail.corroboration.origins == 3
    assert detail.corroboration.by_kind == {"channel": 2, "court_record": 1}
    found = [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(min_origins=3,
                                                                                 origin_kind="court_record"))]
    assert found == [first]
    # split takes the court record out again: the filters follow
    review.split(workspace.db, first, detail.sources[-1].source_id, actor="olena")
    assert get_incident(workspace.db, first).corroboration.origins == 2
    assert list(iter_incidents(workspace.db, IncidentFilters(min_origins=3))) == []


def test_a_profile_s_kind_rekinds_the_stored_origins(workspace):
    incident = _incident_of(workspace, "https://t.me/s/tsk_kharkiv/5", WITNESS_ONE)
    recompute_origins(workspace.db)
    assert get_incident(workspace.db, incident).corroboration.by_kind == {"channel": 1}
    set_profile(workspace.db, "@TSK_Kharkiv", ProfileFields(kind="official", stance="officials_channel"),
                grade="C3", reason="the regional recruitment centre's own channel", actor="olena")
    detail = get_incident(workspace.db, incident)
    assert detail is not None and detail.corroboration.by_kind == {"official": 1}
    profile = detail.sources[0].profile
    assert profile is not None and (profile.host, profile.stance, profile.grade) == \
        ("t.me/tsk_kharkiv", "officials_channel", "C3")
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(origin_kind="official"))] == [incident]


def test_five_outlets_retelling_one_police_post_count_once_and_keep_the_statement_s_kind(workspace):
    from tests.reliability.texts import EYEWITNESS_ONE, EYEWITNESS_TWO, RETELLINGS

    sites = ["https://poltava.example.org/news/1", "https://pl-today.example.com/2025/11/04/nis",
             "https://ru.example.net/poltava/777", "https://news.example.org/en/poltava-nose",
             "https://zmi.example.ua/a/5"]
    ids = [_incident_of(workspace, site, text, with_text=True)
           for site, (_, text) in zip(sites, RETELLINGS, strict=True)]
    for other in ids[1:]:
        review.merge(workspace.db, ids[0], other, actor="olena", reason="the same assault")
    detail = get_incident(workspace.db, ids[0])
    assert detail is not None and len(detail.sources) == 5
    assert detail.corroboration.origins == 1 and detail.corroboration.by_kind == {"official": 1}
    [origin] = [s for s in detail.sources if s.is_origin]
    assert origin.locator == sites[0] and "a statement of the police" in (origin.copy_reason or "")
    assert all("retells the same statement of the police" in (s.copy_reason or "")
               for s in detail.sources if not s.is_origin)
    assert detail.information is not None and detail.information.grade == "3"  # one origin, not confirmed
    # a profile's kind changes the other rows, not the statement's origin
    set_profile(workspace.db, "poltava.example.org", ProfileFields(kind="channel"), reason="a channel's mirror",
                actor="olena")
    assert get_incident(workspace.db, ids[0]).corroboration.by_kind == {"official": 1}
    # two eyewitnesses in their own words are two more origins
    for text, channel in ((EYEWITNESS_ONE, "https://t.me/s/poltava_witness/3"),
                          (EYEWITNESS_TWO, "https://t.me/s/poltava_now/8")):
        review.merge(workspace.db, ids[0], _incident_of(workspace, channel, text, with_text=True), actor="olena",
                     reason="the same assault, seen")
    detail = get_incident(workspace.db, ids[0])
    assert detail is not None and detail.corroboration.origins == 3
    assert detail.corroboration.by_kind == {"official": 1, "channel": 2}
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(min_origins=3))] == [ids[0]]


def test_a_single_site_retelling_a_police_post_is_an_official_origin(workspace):
    from tests.reliability.texts import EYEWITNESS_ONE, RETELLINGS

    retelling = _incident_of(workspace, "https://poltava.example.org/news/1", RETELLINGS[0][1], with_text=True)
    witness = _incident_of(workspace, "https://t.me/s/poltava_witness/3", EYEWITNESS_ONE, with_text=True)
    recompute_origins(workspace.db)
    detail = get_incident(workspace.db, retelling)
    assert detail is not None and detail.corroboration.by_kind == {"official": 1}
    assert "a statement of the police, told by this source alone" in (detail.sources[0].copy_reason or "")
    assert get_incident(workspace.db, witness).corroboration.by_kind == {"channel": 1}  # its own account
    # a profile's kind does not re-kind the statement's origin
    set_profile(workspace.db, "poltava.example.org", ProfileFields(kind="channel"), reason="a channel's mirror",
                actor="olena")
    assert get_incident(workspace.db, retelling).corroboration.by_kind == {"official": 1}


def _origin_rows(ws: Any, incident_id: int) -> dict[int, tuple[Any, ...]]:
    from sqlalchemy import select

    from letopis.db.models import IncidentOrigin

    with ws.db.session(readonly=True) as session:
        return {row.source_id: (row.id, row.origin_source_id, row.reason, row.computed_at)
                for row in session.scalars(select(IncidentOrigin).where(IncidentOrigin.incident_id == incident_id))}


def test_a_new_copy_rewrites_only_the_origin_rows_that_change(workspace, tmp_path):
    from letopis.services.verify import verify_evidence

    incident_id = _release_and_copies(workspace, tmp_path)
    before = _origin_rows(workspace, incident_id)
    assert len(before) == 7
    # one more channel reposts the release: its row is added, the copies' rows are left as they were
    repost = _channel(tmp_path / "channel9", 109, "Канал 9", REPOSTS_UK[2], 21)
    summary = _ingest(workspace, [repost])
    assert summary.incidents_merged == 1
    after = _origin_rows(workspace, incident_id)
    assert len(after) == 8
    [new] = set(after) - set(before)
    origin = next(source for source, row in after.items() if row[1] == source)
    assert after[new][1] == origin
    unchanged = [source for source in before if after[source] == before[source]]
    assert len(unchanged) >= 5 and new not in unchanged
    # a source split out loses its row; the others keep theirs; every row stays sealed
    review.split(workspace.db, incident_id, new, actor="olena")
    assert set(_origin_rows(workspace, incident_id)) == set(before)
    assert verify_evidence(workspace) == []
