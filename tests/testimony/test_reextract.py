"""Re-extraction of testimonies (issue 12) on SQLCipher and PostgreSQL: an encrypted store, a testimony read by
one engine, a person's edit, then ``reextract`` with an engine that reads differently.

The account is decrypted in memory only: after the run no word of it is in a file of the data directory, a
temporary file, the database (every row, and on SQLite every page and WAL frame decrypted with the database
key), a log line or the report. A withdrawn testimony, and one whose consent has ended, are skipped and counted;
without the store's key every testimony is skipped, and the run goes on.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from letopis.config import Config
from letopis.crypto.store import OpenStore, sqlcipher_key
from letopis.db.models import CustodyEntry, Incident, IncidentSource, ReadingFlag, Source, Statistic
from letopis.extract.engine import Engine
from letopis.model import Record, Report
from letopis.services import review, testimony as service
from letopis.services.ingest import Ingestor
from letopis.services.reextract import ReextractFilters, SourceReading, reconcile, reextract, reextract_workspace
from letopis.services.verify import verify_custody_log
from letopis.services.workspace import Workspace
from letopis.testimony import withdraw
from tests.crypto.support import grep_tree, needles, python_dump, sqlcipher_plain_pages, sqlcipher_wal_pages

BASE = date(2025, 6, 1)
LINE = re.compile(r"^@(\+?)(\w+)((?: \w+=\S+)*) (.*)$", re.MULTILINE)

# the testimony read again; the words after the tags are what must never be stored in clear
ACCOUNT = ("@a type=mobilization_detention detained=2 My neighbour Taras was grabbed near the tram depot on "
           "Lisova street at dawn\n"
           "@b type=mobilization_detention detained=1 Двоє у формі схопили мого брата Остапа біля старого млина "
           "на світанку\n"
           "@+c type=abuse_of_conscripts In the cellar of the enlistment office they kept him three days without "
           "water\n"
           "@m kind=statistic value=40 Forty men were taken from our village of Verkhni Mlyny since the first "
           "of the month")
WITHDRAWN = "@w type=protest Our street blocked the green minibus with bicycles and garden chairs for an hour"
ENDED = "@e type=resistance The miller's sons hid the deserter under the hay in the old barn near the pond"
PLAIN = "@p type=protest Мітинг біля адміністрації."  # an ordinary source: its words are stored in clear
NEW_READING = {"a": {"type": "abuse_of_conscripts", "detained": "3"}, "b": {"detained": "4"},
               "m": {"value": "41"}}


class Scripted(Engine):
    """Reads ``@ID`` lines (``@+ID`` ones only when ``new``), the new engine as :data:`NEW_READING` says; its
    summaries are its own words (as the real engine's), its quotes the account's."""

    def __init__(self, name: str, *, new: bool) -> None:  # no gazetteer needed
        self.name, self.new = name, new
        self.texts: list[str] = []

    @property
    def version(self) -> str:
        return self.name

    def extract(self, report: Report) -> list[Record]:
        self.texts.append(report.text)
        records = []
        for match in LINE.finditer(report.text):
            extra, ident, pairs, _words = match.groups()
            if extra and not self.new:
                continue
            values = dict(pair.split("=", 1) for pair in pairs.split())
            if self.new:
                values.update(NEW_READING.get(ident, {}))
            day = BASE + timedelta(days=10 * (ord(ident) - ord("a")))
            statistic = values.get("kind") == "statistic"
            records.append(Record(
                kind="statistic" if statistic else "incident", date=day.isoformat(), date_precision="day",
                event_type=values.get("type", "other"), location=None, fatalities=None, injured=None,
                detained=int(values["detained"]) if "detained" in values else None, actors=(),
                summary=f"record {ident}", quote=match.group(0), start=match.start(), end=match.end(),
                language="uk", confidence=0.8, metric="desertion_cases" if statistic else None,
                value=int(values["value"]) if "value" in values else None))
        return records


def _secrets() -> dict[str, bytes]:
    """Every line's words of the three testimonies: the line, each run of five words, in UTF-8 and JSON-escaped."""
    found: dict[str, bytes] = {}
    for text in (ACCOUNT, WITHDRAWN, ENDED):
        for match in LINE.finditer(text):
            words = match.group(4)
            for label, pattern in needles(words).items():
                found[f"{words[:20]}… {label}"] = pattern
            found[f"{words[:20]}… json"] = json.dumps(words)[1:-1].encode("ascii")
    return found


def _found(data: bytes, patterns: dict[str, bytes]) -> list[str]:
    return [label for label, pattern in patterns.items() if pattern in data or pattern.lower() in data.lower()]


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where this process's temporary files go during the test (to be searched afterwards)."""
    path = tmp_path / "tmp"
    path.mkdir()
    monkeypatch.setenv("TMPDIR", str(path))
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


@pytest.fixture
def stored(encrypted: tuple[OpenStore, str], tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, int]]]:
    """A plain source and three testimonies read by ``old-1`` (one withdrawn, one whose consent ended), and a
    person's edit of a record of the one read again."""
    store, _ = encrypted
    config = Config(data=tmp_path / "data", database_url=None, collector="tester", cache=None, proxy=None,
                    max_file_mb=10, timeout_s=5)
    workspace = Workspace(config, store)
    old = Scripted("old-1", new=False)
    plain = tmp_path / "in" / "plain.txt"
    plain.parent.mkdir()
    plain.write_text(PLAIN + "\n", encoding="utf-8")
    Ingestor(db=workspace.db, store=workspace.store, engine=old, collector="tester",
             workers=0).run([str(plain)], published=date(2025, 12, 1))
    ids: dict[str, int] = {}
    for name, text, until in (("account", ACCOUNT, None), ("withdrawn", WITHDRAWN, None),
                              ("ended", ENDED, "2025-01-31")):
        path = tmp_path / "in" / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        result = service.add_and_extract(workspace, [path], consent="restricted", until=until, pseudonym=None,
                                         recorded_by="olena", recorded_on=date(2025, 11, 1), witness=None,
                                         language="uk", engine=old)
        ids[f"testimony:{name}"] = result.testimony_id
    with workspace.db.session(readonly=True) as session:
        for source in session.scalars(select(Source)):
            ids[f"source:{source.locator.split(':')[-1] if source.kind == 'testimony' else 'plain'}"] = source.id
        for link in session.scalars(select(IncidentSource).order_by(IncidentSource.id)):
            ids.setdefault(f"link:{link.source_id}:{link.start}", link.incident_id)
    ids["a"] = ids[f"link:{ids['source:' + str(ids['testimony:account'])]}:0"]
    ids["b"] = ids[f"link:{ids['source:' + str(ids['testimony:account'])]}:{ACCOUNT.index('@b')}"]
    review.edit_incident(workspace.db, ids["b"], {"detained": 2}, reason="the witness said two later",
                         actor="editor")
    withdraw(store, ids["testimony:withdrawn"], actor="olena")
    yield workspace, ids


def _links(workspace: Workspace, source_id: int) -> list[IncidentSource]:
    with workspace.db.session(readonly=True) as session:
        return list(session.scalars(select(IncidentSource).where(IncidentSource.source_id == source_id)
                                    .order_by(IncidentSource.start)))


def _incident(workspace: Workspace, incident_id: int) -> Incident:
    with workspace.db.session(readonly=True) as session:
        incident = session.get(Incident, incident_id)
        assert incident is not None
        return incident


def _custody(workspace: Workspace) -> list[tuple[str, str, str]]:
    with workspace.db.session(readonly=True) as session:
        return [(e.event, e.subject, e.details) for e in session.scalars(select(CustodyEntry)
                                                                          .order_by(CustodyEntry.seq))
                if e.event != "seal"]


def test_a_testimony_is_read_again_in_memory_and_reconciled_like_any_source(
    stored: tuple[Workspace, dict[str, int]], temp_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    workspace, ids = stored
    source = ids[f"source:{ids['testimony:account']}"]
    new = Scripted("new-1", new=True)

    # without the store's key: every testimony skipped, with the reason; the plain source read; nothing of them
    locked = reextract(workspace.db, new, dry_run=True)
    assert (locked.sources_read, locked.testimonies_read, locked.failures) == (1, 0, [])
    assert locked.skipped == {"locked": 2, "withdrawn": 1}
    assert PLAIN + "\n" in new.texts and not [t for t in new.texts if t.startswith(("@a", "@w", "@e"))]

    before = _custody(workspace)
    dry = reextract_workspace(workspace, dry_run=True, engine=new, workers=0)
    assert _custody(workspace) == before and _links(workspace, source)[0].engine == "old-1"
    assert (dry.sources_read, dry.testimonies_read) == (2, 1)
    assert dry.skipped == {"withdrawn": 1, "consent_ended": 1}
    # changed: a (type, count), b's row (its count flagged: a person's), m; added: c; the plain source: same
    assert dry.counts() == {"changed": 3, "flagged": 1, "added": 1}
    assert new.texts[-1] == ACCOUNT  # the account was decrypted and read (so the searches below could find it)

    report = reextract_workspace(workspace, engine=new, workers=0)
    assert (report.counts(), report.skipped, report.failures) == (dry.counts(), dry.skipped, [])
    untouched = _incident(workspace, ids["a"])
    assert (untouched.event_type, untouched.detained, untouched.engine) == ("abuse_of_conscripts", 3, "new-1")
    edited = _incident(workspace, ids["b"])
    assert edited.detained == 2  # the person's edit stays ...
    with workspace.db.session(readonly=True) as session:
        [flag] = session.scalars(select(ReadingFlag).where(ReadingFlag.source_id == source))
        assert (flag.incident_id, flag.field, flag.kept, flag.proposed) == (ids["b"], "detained", 2, 4)  # ... flagged
        [statistic] = session.scalars(select(Statistic).where(Statistic.source_id == source))
        assert (statistic.value, statistic.quote, statistic.engine) == (41, "", "new-1")
        assert statistic.record["testimony_quote"] == "redacted"
    links = _links(workspace, source)
    assert [(link.start, link.engine) for link in links] == [
        (0, "new-1"), (ACCOUNT.index("@b"), "new-1"), (ACCOUNT.index("@+c"), "new-1")]
    assert {link.quote for link in links} == {""}  # redacted, offsets kept: the new record too
    assert all(link.record is None or link.record.get("testimony_quote") == "redacted" for link in links)
    assert _incident(workspace, links[2].incident_id).status == "candidate"
    # the testimony whose consent ended keeps its first reading; the withdrawn one has no records
    ended = _links(workspace, ids[f"source:{ids['testimony:ended']}"])
    assert [link.engine for link in ended] == ["old-1"]
    assert _links(workspace, ids[f"source:{ids['testimony:withdrawn']}"]) == []
    assert verify_custody_log(workspace) == []

    # done for this engine: nothing read again, the skipped still counted
    again = reextract_workspace(workspace, engine=new, workers=0)
    assert (again.sources_read, again.changes, again.skipped) == (0, [], report.skipped)

    # no word of any account anywhere: files, temporary files, rows, SQLite pages and WAL, logs, reports
    secrets = _secrets()
    assert grep_tree(workspace.opened.data_dir, secrets) == []
    assert grep_tree(temp_dir, secrets) == []
    dump = python_dump(workspace.db.engine)
    assert _found(dump, secrets) == []
    assert _found(dump, needles("Мітинг біля адміністрації.")) != []  # the search finds clear text where it is
    if workspace.db.dialect == "sqlite":
        assert workspace.master is not None
        key = sqlcipher_key(workspace.master)
        pages = sqlcipher_plain_pages(workspace.opened.data_dir / "letopis.sqlite3", key)
        assert b"CREATE TABLE" in pages
        assert _found(pages, secrets) == []
        assert _found(sqlcipher_wal_pages(workspace.opened.data_dir / "letopis.sqlite3-wal", key), secrets) == []
    told = "\n".join([caplog.text, repr(locked), repr(dry), repr(report), repr(again)]).encode("utf-8")
    assert _found(told, secrets) == []


def test_a_testimony_withdrawn_before_its_reading_is_applied_is_left_alone_and_any_reading_is_redacted(
    stored: tuple[Workspace, dict[str, int]]
) -> None:
    workspace, ids = stored
    account = ids[f"source:{ids['testimony:account']}"]
    new = Scripted("other-2", new=True)
    readings = [SourceReading(account, None, tuple(new.extract(Report(ACCOUNT, date(2025, 11, 1)))), testimony=True)]
    withdrawn_source = ids[f"source:{ids['testimony:withdrawn']}"]
    late = SourceReading(withdrawn_source, None, tuple(new.extract(Report(WITHDRAWN, date(2025, 11, 1)))),
                         testimony=True)
    # readings made elsewhere, quotes and all (as a cluster backend would return them)
    report = reconcile(workspace.db, [*readings, late], engine="other-2")
    assert (report.sources_read, report.testimonies_read, report.skipped) == (1, 1, {"withdrawn": 1})
    assert _links(workspace, withdrawn_source) == []
    assert {link.quote for link in _links(workspace, account)} == {""}
    assert _found(python_dump(workspace.db.engine), _secrets()) == []
    assert verify_custody_log(workspace) == []


class Broken(Scripted):
    """Fails on an account with a message that quotes it, as a careless rule might (reads the warm-up)."""

    def extract(self, report: Report) -> list[Record]:
        if report.text.startswith("@"):
            raise ValueError(f"cannot read {report.text[:120]!r}")
        return []


def test_an_extraction_that_fails_on_a_testimony_is_a_failure_that_quotes_nothing(
    stored: tuple[Workspace, dict[str, int]], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    workspace, ids = stored
    source = ids[f"source:{ids['testimony:account']}"]
    report = reextract_workspace(workspace, engine=Broken("new-1", new=True), workers=0,
                                 filters=ReextractFilters(kind="testimony"))
    assert (report.sources_read, report.testimonies_read, report.changes) == (1, 1, [])
    assert report.failures == [(source, "extraction failed: ValueError (the message is not shown: it may quote "
                                        "the account)")]
    told = "\n".join([caplog.text, repr(report)]).encode("utf-8")
    assert _found(told, _secrets()) == [] and b"ValueError" in told
    assert _found(python_dump(workspace.db.engine), _secrets()) == []
    assert [link.engine for link in _links(workspace, source)] == ["old-1"] * 2  # the first reading stays
