"""Re-extraction (issue 12) on SQLite and PostgreSQL: a store read by one engine, worked on by people (edits,
a merge, a split, verified and rejected decisions), then read again by an engine that reads differently.

The engines are test doubles: each line ``@ID key=value … words`` of a text is one record, and the new
engine reads some lines differently, misses some and finds others (lines ``@+ID``, which the old one skips).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from letopis.config import load_config
from letopis.db.models import CustodyEntry, Edit, Incident, IncidentSource, ReadingFlag, Source, Statistic
from letopis.db.readings import ENGINE_ACTOR
from letopis.extract.engine import Engine
from letopis.model import Record, Report
from letopis.services import review
from letopis.services.ingest import Ingestor
from letopis.services.reextract import ReextractFilters, SourceReading, reconcile, reextract
from letopis.services.verify import verify_custody_log
from letopis.services.workspace import init_workspace

BASE = date(2025, 6, 1)
LINE = re.compile(r"^@(\+?)(\w+)((?: \w+=\S+)*) (.*)$", re.MULTILINE)

# one source each; the days are far apart, so that the ingest merges none of them by itself
TEXTS = {
    "untouched": "@a type=mobilization_detention detained=2 Затримали двох на зупинці.",
    "edited": "@b type=mobilization_detention detained=1 Затримали одного біля ринку.",
    "verified": "@c type=protest Мітинг біля адміністрації.",
    "rejected": "@d type=protest Збори мешканців.",
    "keep": "@e type=resistance Люди відбили затриманого.",
    "drop": "@f type=resistance Перехожі відбили чоловіка.",
    "whole": "@g type=legal_action Суд призначив покарання.",
    "part": "@h type=legal_action Вирок за ухилення.",
    "missed": "@i type=censorship Канал заблоковано.",
    "missed_verified": "@j type=censorship Адміна каналу затримано.",
    "grows": "@k type=desertion Двоє залишили частину.\n@+l type=desertion Ще троє пішли з позицій.",
    "statistic": "@m kind=statistic value=19000 Близько 19 тисяч справ СЗЧ за місяць.",
}
# what the new engine reads differently, and what it no longer finds
NEW_READING = {
    "a": {"type": "abuse_of_conscripts", "detained": "3"},
    "b": {"detained": "4", "summary": "new-summary"},
    "c": {"day": "40"},
    "d": {"type": "labor_dispute"},
    "e": {"type": "attack_on_officials"},
    "f": {"detained": "5"},
    "m": {"value": "21000"},
}
MISSED = {"i", "j"}


class Scripted(Engine):
    """Reads ``@ID`` lines (and ``@+ID`` lines when ``new``), as the new or the old engine."""

    def __init__(self, name: str, *, new: bool) -> None:  # no gazetteer needed
        self.name, self.new = name, new

    @property
    def version(self) -> str:
        return self.name

    def extract(self, report: Report) -> list[Record]:
        records = []
        for match in LINE.finditer(report.text):
            extra, ident, pairs, words = match.groups()
            if (extra and not self.new) or (self.new and ident in MISSED):
                continue
            values = dict(pair.split("=", 1) for pair in pairs.split())
            if self.new:
                values.update(NEW_READING.get(ident, {}))
            day = BASE + timedelta(days=10 * (ord(ident) - ord("a")) + int(values.get("day", 0)))
            statistic = values.get("kind") == "statistic"
            records.append(Record(
                kind="statistic" if statistic else "incident", date=day.isoformat(), date_precision="day",
                event_type=values.get("type", "other"), location=None, fatalities=None, injured=None,
                detained=int(values["detained"]) if "detained" in values else None, actors=(),
                summary=values.get("summary", words), quote=match.group(0), start=match.start(), end=match.end(),
                language="uk", confidence=0.8, metric="desertion_cases" if statistic else None,
                value=int(values["value"]) if "value" in values else None))
        return records


def _workspace(database_url: str, tmp_path: Path) -> Any:
    overrides: dict[str, Any] = {"data": tmp_path / "data", "collector": "tester"}
    if database_url.startswith("postgresql"):
        overrides["database_url"] = database_url
    workspace, _, _ = init_workspace(load_config(overrides))
    return workspace


def _ingested(workspace: Any, tmp_path: Path) -> dict[str, int]:
    """Every text ingested by the old engine; the incident (or statistic) id of each source's first record."""
    paths = []
    for name, text in TEXTS.items():
        path = tmp_path / "in" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(str(path))
    Ingestor(db=workspace.db, store=workspace.store, engine=Scripted("old-1", new=False), collector="tester",
             workers=0).run(paths, published=date(2025, 12, 1))
    ids: dict[str, int] = {}
    with workspace.db.session(readonly=True) as session:
        for source in session.scalars(select(Source)):
            name = Path(source.locator).stem
            link = session.scalar(select(IncidentSource).where(IncidentSource.source_id == source.id)
                                  .order_by(IncidentSource.id))
            if link is not None:
                ids[name] = link.incident_id
            statistic = session.scalar(select(Statistic.id).where(Statistic.source_id == source.id))
            if statistic is not None:
                ids[name] = statistic
            ids[f"source:{name}"] = source.id
    return ids


def _people_work(db: Any, ids: dict[str, int]) -> dict[str, int]:
    """The decisions people make: an edit, a verification, a rejection, a merge, a split."""
    review.edit_incident(db, ids["edited"], {"summary": "Затримали одного чоловіка біля ринку."},
                         reason="the source says a man", actor="editor")
    review.set_status(db, ids["verified"], "verified", actor="editor")
    review.set_status(db, ids["missed_verified"], "verified", actor="editor")
    review.set_status(db, ids["rejected"], "rejected", actor="editor", reason="a meeting, not a protest")
    review.merge(db, ids["keep"], ids["drop"], actor="editor", reason="the same rescue")
    review.merge(db, ids["whole"], ids["part"], actor="editor", reason="looked alike")
    split = review.split(db, ids["whole"], ids["source:part"], actor="editor")
    return {**ids, "split": split}


def _custody(db: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    with db.session(readonly=True) as session:
        return [(e.event, e.subject, e.actor, json.loads(e.details))
                for e in session.scalars(select(CustodyEntry).order_by(CustodyEntry.seq))
                if e.event != "seal"]  # seals: one per write transaction, see docs/verify.md


def _incident(db: Any, incident_id: int) -> Incident:
    with db.session(readonly=True) as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        return incident


def _flags(db: Any) -> dict[tuple[int | None, str], ReadingFlag]:
    with db.session(readonly=True) as session:
        return {(f.incident_id or f.statistic_id, f.field): f for f in session.scalars(select(ReadingFlag))}


@pytest.fixture
def worked(database_url: str, tmp_path: Path) -> Iterator[tuple[Any, dict[str, int]]]:
    workspace = _workspace(database_url, tmp_path)
    ids = _people_work(workspace.db, _ingested(workspace, tmp_path))
    yield workspace, ids
    workspace.close()


def test_every_record_and_derive_entry_carries_the_engine_that_read_it(worked: Any) -> None:
    workspace, ids = worked
    with workspace.db.session(readonly=True) as session:
        assert set(session.scalars(select(IncidentSource.engine))) == {"old-1"}
        assert set(session.scalars(select(Statistic.engine))) == {"old-1"}
        assert session.scalar(select(Incident.engine).where(Incident.id == ids["untouched"])) == "old-1"
    derives = [details for event, _, _, details in _custody(workspace.db) if event == "derive"]
    assert derives and all(details.get("engine") == "old-1" for details in derives)


def test_reextract_keeps_every_human_decision_and_flags_disagreements(worked: Any) -> None:
    workspace, ids = worked
    db = workspace.db
    before = _custody(db)
    new = Scripted("new-1", new=True)

    dry = reextract(db, new, dry_run=True)
    assert _custody(db) == before and not _flags(db)  # a dry run changes nothing
    assert _incident(db, ids["untouched"]).event_type == "mobilization_detention"
    # changed: a, b, c, d (its row: the source's reading), e, f (its row on e's incident), m; flagged: b, c, e, j
    assert dry.counts() == {"added": 1, "changed": 7, "removed": 1, "flagged": 4}
    assert dry.by(lambda c: c.region or "-") == {"-": dry.counts()}

    report = reextract(db, new)
    assert report.counts() == dry.counts()
    assert report.sources_read == len(TEXTS)

    # untouched: the new reading, in place (same id), as edits by the engine
    untouched = _incident(db, ids["untouched"])
    assert (untouched.event_type, untouched.detained, untouched.engine) == ("abuse_of_conscripts", 3, "new-1")
    # a person's edit is kept and the disagreement flagged; what the person left alone takes the reading
    edited = _incident(db, ids["edited"])
    assert (edited.summary, edited.detained) == ("Затримали одного чоловіка біля ринку.", 4)
    flags = _flags(db)
    assert flags[(ids["edited"], "summary")].proposed == "new-summary"
    # verified: nothing applied, the new date flagged
    verified = _incident(db, ids["verified"])
    assert (verified.status, verified.date) == ("verified", "2025-06-21")
    assert flags[(ids["verified"], "date")].proposed == {"date": "2025-07-31", "date_precision": "day"}
    # rejected by a person: stays as it was
    rejected = _incident(db, ids["rejected"])
    assert (rejected.status, rejected.event_type) == ("rejected", "protest")
    # the merge stands: the dropped incident stays merged, its source's row on the kept one takes the reading
    kept, dropped = _incident(db, ids["keep"]), _incident(db, ids["drop"])
    assert dropped.merged_into == kept.id and kept.event_type == "resistance"
    assert flags[(ids["keep"], "event_type")].proposed == "attack_on_officials"
    with db.session(readonly=True) as session:
        drop_row = session.scalar(select(IncidentSource).where(IncidentSource.source_id == ids["source:drop"]))
        assert drop_row is not None and drop_row.incident_id == kept.id and drop_row.record["detained"] == 5
        # the split stands: the split source supports its own incident only
        part_rows = list(session.scalars(select(IncidentSource.incident_id)
                                         .where(IncidentSource.source_id == ids["source:part"])))
        assert part_rows == [ids["split"]]
    # a record the new engine misses: withdrawn when untouched, flagged when a person verified it
    assert _incident(db, ids["missed"]).status == "rejected"
    assert _incident(db, ids["missed_verified"]).status == "verified"
    assert flags[(ids["missed_verified"], "record")].proposed is None
    # a record only the new engine finds is a new candidate, read by it
    with db.session(readonly=True) as session:
        grown = list(session.scalars(select(Incident).join(IncidentSource)
                                     .where(IncidentSource.source_id == ids["source:grows"]).order_by(Incident.id)))
        assert [(i.status, i.engine) for i in grown] == [("candidate", "new-1")] * 2  # the same reading, now by new-1
        statistic = session.get(Statistic, ids["statistic"])
        assert statistic is not None and (statistic.value, statistic.engine) == (21000, "new-1")
        engine_edits = session.scalar(select(func.count()).select_from(Edit).where(Edit.actor == ENGINE_ACTOR))
        assert engine_edits and engine_edits > 0
    assert len(flags) == 4
    assert verify_custody_log(workspace) == []
    after = _custody(db)
    changes = after[len(before):]
    assert changes and all(actor == ENGINE_ACTOR and details["engine"] == "new-1"
                           for _, _, actor, details in changes)

    # the same engine again: nothing read, nothing changed, nothing appended
    again = reextract(db, new)
    assert (again.sources_read, again.changes) == (0, [])
    # and even when made to read every source again, the readings change nothing
    readings = [SourceReading(source_id, sha, tuple(new.extract(Report(text, date(2025, 12, 1)))))
                for source_id, sha, text in _texts(db)]
    forced = reconcile(db, readings, engine="new-1")
    assert forced.changes == [] and _custody(db) == after and len(_flags(db)) == 4


def test_filters_choose_the_sources_read_again(worked: Any) -> None:
    workspace, ids = worked
    report = reextract(workspace.db, Scripted("new-1", new=True),
                       ReextractFilters(source_ids=(ids["source:untouched"],)))
    assert report.sources_read == 1
    assert _incident(workspace.db, ids["edited"]).detained == 1  # not read again


def _texts(db: Any) -> list[tuple[int, str, str]]:
    from letopis.db.models import DerivedText, SourceText

    with db.session(readonly=True) as session:
        rows = session.execute(select(SourceText.source_id, DerivedText.sha256, DerivedText.content)
                               .join(DerivedText, DerivedText.sha256 == SourceText.text_sha256)
                               .order_by(SourceText.source_id))
        return [(int(a), str(b), str(c)) for a, b, c in rows]


def test_a_person_applies_or_dismisses_a_reading_flag(worked: Any) -> None:
    from letopis.errors import ReviewError
    from letopis.services.reextract import open_reading_flags, resolve_reading_flag

    workspace, ids = worked
    db = workspace.db
    reextract(db, Scripted("new-1", new=True))
    flags = {(f.incident_id, f.field): f for f in open_reading_flags(db)}
    resolve_reading_flag(db, flags[(ids["edited"], "summary")].id, "apply", reason="the new one reads better",
                         actor="editor")
    resolve_reading_flag(db, flags[(ids["verified"], "date")].id, "dismiss", reason="the source says the 21st",
                         actor="editor")
    assert _incident(db, ids["edited"]).summary == "new-summary"
    assert _incident(db, ids["verified"]).date == "2025-06-21"
    assert len(open_reading_flags(db)) == len(flags) - 2
    with pytest.raises(ReviewError):
        resolve_reading_flag(db, flags[(ids["edited"], "summary")].id, "apply", reason="again", actor="editor")
    assert verify_custody_log(workspace) == []
