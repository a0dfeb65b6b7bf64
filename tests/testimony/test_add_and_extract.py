"""`add_and_extract` (the `testimony add` service) on SQLite and PostgreSQL.

The account's records follow the attaching rule of ingest, redacted; the
whole add is one transaction; the files are read through the source readers.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from sqlalchemy import func, select

from letopis.config import Config
from letopis.crypto.store import OpenStore
from letopis.db.incidents import add_incident
from letopis.db.models import CustodyEntry, Incident, IncidentSource, Source, Statistic, Testimony as _Row
from letopis.extract.engine import Engine
from letopis.model import Record, Report
from letopis.services import testimony as service
from letopis.services.incidents import IncidentFilters, iter_incidents
from letopis.services.workspace import Workspace
from letopis.testimony import read_testimony
from tests.crypto.support import python_dump
from tests.db.test_queries import add_source, record_of, source_of

STORED = "30 жовтня у Харкові працівники ТЦК затримали чоловіка біля зупинки.\n"
ACCOUNT = ("30 жовтня мого сусіда схопили біля зупинки в Харкові й повезли до ТЦК. "
           "Того ж тижня в Одесі забрали ще двох чоловіків із ринку. Від початку місяця затримано 40 осіб.")


class Scripted(Engine):
    """An engine that returns the records it is given (and keeps the reports it saw), or raises."""

    def __init__(self, make: Any = None, *, fails: bool = False) -> None:  # no gazetteer needed
        self.make = make
        self.fails = fails
        self.reports: list[Report] = []

    def extract(self, report: Report) -> list[Record]:
        self.reports.append(report)
        if self.fails:
            raise RuntimeError("extraction broke")
        return self.make(report.text) if self.make else []


def account_records(text: str) -> list[Record]:
    from tests.db.test_queries import ODESA

    def quoted(quote: str, summary: str, **overrides: Any) -> Record:
        return record_of(text, quote, summary=summary, **overrides)

    return [
        quoted("мого сусіда схопили біля зупинки в Харкові", "Detention in Kharkiv", date="2025-10-30"),
        quoted("в Одесі забрали ще двох чоловіків із ринку", "Detention in Odesa", date="2025-10-31",
               location=ODESA, detained=2),
        quoted("затримано 40 осіб", "Detentions this month", kind="statistic", metric="detained", value=40,
               period="month", date="2025-10", date_precision="month"),
    ]


@pytest.fixture
def workspace(encrypted: tuple[OpenStore, str], tmp_path: Path) -> Iterator[Workspace]:
    store, _ = encrypted
    config = Config(data=tmp_path / "data", database_url=None, collector="test", cache=None, proxy=None,
                    max_file_mb=10, timeout_s=5)
    yield Workspace(config, store)


def add(ws: Workspace, files: list[Path], engine: Engine) -> Any:
    return service.add_and_extract(ws, files, consent="internal", until=None, pseudonym=None,
                                   recorded_by="olena", recorded_on=None, witness=None, language="uk",
                                   engine=engine)


def custody(ws: Workspace) -> list[tuple[str, str, dict[str, Any]]]:
    with ws.db.session(readonly=True) as session:
        return [(e.event, e.subject, json.loads(e.details))
                for e in session.scalars(select(CustodyEntry).order_by(CustodyEntry.seq))
                if e.event != "seal"]  # seals: one per write, see docs/verify.md


def count(ws: Workspace, model: Any) -> int:
    with ws.db.session(readonly=True) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def stored_incident(ws: Workspace) -> int:
    source = source_of(add_source(ws.db, "https://example.org/1", STORED))
    with ws.db.session() as session:
        return add_incident(session, record_of(STORED, STORED.strip(), date="2025-10-30"), source_id=source).id


def test_the_account_joins_starts_and_counts_like_ingest_and_quotes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    known = stored_incident(workspace)
    account = tmp_path / "account.txt"
    account.write_text(ACCOUNT, encoding="utf-8")
    before = len(custody(workspace))
    result = add(workspace, [account], Scripted(account_records))
    assert (result.merged, result.incidents, result.statistics) == (1, 1, 1)

    entries = custody(workspace)[before:]
    testimony = {"testimony": result.testimony_id}
    assert [(event, subject.split(":")[0]) for event, subject, _ in entries] == [
        ("collect", "testimony"), ("merge", "incident"), ("derive", "incident"), ("derive", "statistic")]
    assert entries[1][1] == f"incident:{known}" and entries[1][2].items() >= testimony.items()
    assert all(details.items() >= testimony.items() for _, _, details in entries[2:])

    with workspace.db.session(readonly=True) as session:
        source_id = session.scalar(select(Source.id).where(Source.locator == f"testimony:{result.testimony_id}"))
        links = session.execute(select(IncidentSource.incident_id, IncidentSource.quote, IncidentSource.start)
                                .where(IncidentSource.source_id == source_id)).all()
        assert {quote for _, quote, _ in links} == {""} and all((start or 0) > 0 for _, _, start in links)
        assert known in {incident for incident, _, _ in links}
        [statistic] = session.scalars(select(Statistic).where(Statistic.source_id == source_id))
        assert (statistic.value, statistic.quote, statistic.record["testimony_quote"]) == (40, "", "redacted")
    # the account's words are in no clear column and not in the search index; the stored source's still are
    for word in ("сусіда", "ринку"):
        assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(q=word))] == []
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(q="Odesa"))] != []
    assert [d.incident.id for d in iter_incidents(workspace.db, IncidentFilters(q="затримали"))] == [known]
    dump = python_dump(workspace.db.engine)
    for words in ("мого сусіда", "із ринку", "затримано 40"):
        assert words.encode("utf-8") not in dump, words


@pytest.mark.parametrize("where", ["extraction", "search"])
def test_a_failure_after_the_testimony_is_stored_writes_nothing(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    stored_incident(workspace)
    account = tmp_path / "account.txt"
    account.write_text(ACCOUNT, encoding="utf-8")
    before = (custody(workspace), count(workspace, Incident), count(workspace, IncidentSource),
              count(workspace, Source))
    engine = Scripted(account_records, fails=where == "extraction")
    if where == "search":  # the records are attached, then the last step before commit fails
        def broken(*args: Any) -> None:
            raise RuntimeError("search index broke")
        monkeypatch.setattr(service, "write_search", broken)
    with pytest.raises(RuntimeError, match="broke"):
        add(workspace, [account], engine)
    assert engine.reports, "the failure came after the testimony was read and stored"
    assert count(workspace, _Row) == 0 and count(workspace, Statistic) == 0
    after = (custody(workspace), count(workspace, Incident), count(workspace, IncidentSource),
             count(workspace, Source))
    assert after == before
    # the sealed file the batch stored is left to recovery, which removes it (no row references it)
    assert len(workspace.store.recover(lambda shas: set()).removed_orphans) == 1


def text_pdf(line: str) -> bytes:
    """A one-page PDF with a text layer, made with pypdf."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_files_are_read_through_the_source_readers(workspace: Workspace, tmp_path: Path) -> None:
    russian = "Его задержали 3 марта у военкомата в Харькове."
    english = "On 5 March officers detained my brother in Odesa."
    cp1251 = tmp_path / "account.txt"
    cp1251.write_bytes(russian.encode("cp1251"))
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(text_pdf(english))
    engine = Scripted()
    result = add(workspace, [cp1251, pdf], engine)
    [report] = engine.reports
    assert russian in report.text and english in report.text
    testimony = read_testimony(workspace.opened, result.testimony_id, role="analyst")
    assert testimony.text == report.text
    assert [f.media_type for f in testimony.files] == ["text/plain; charset=windows-1251", "application/pdf"]
