"""A source's preserved original, read back for download: the exact bytes, decrypted when the store is, refused
when they no longer hash to the recorded SHA-256; paging and filters of the sources read service."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from letopis.config import load_config
from letopis.errors import CorruptObject, UsageError
from letopis.services.ingest import ingest_sources
from letopis.services.sources import count_failures, count_sources, failures, list_sources, original, source_facets
from letopis.services.workspace import Workspace, init_workspace
from tests.crypto.support import make_encrypted
from tests.evidence.on_disk import flip, remove_object, stored_at

HOSTILE = ("<html><head><title>Zvit</title><script>window.pwned = 1</script></head><body>"
           "<p>12 березня 2025 року в Одесі працівники ТЦК затримали чоловіка.</p>"
           "<img src=https://tracker.example/x.png onerror=alert(1)></body></html>").encode()


def plain(tmp_path: Path) -> Workspace:
    config = load_config({"data": str(tmp_path / "data"), "collector": "monitor"})
    workspace, _, _ = init_workspace(config)
    return workspace


def encrypted(tmp_path: Path) -> Workspace:
    store, _ = make_encrypted(tmp_path / "data", None)
    return Workspace(load_config({"data": str(tmp_path / "data"), "collector": "monitor"}), store)


def ingest_file(workspace: Workspace, tmp_path: Path, name: str, data: bytes) -> int:
    path = tmp_path / name
    path.write_bytes(data)
    summary = ingest_sources(workspace, [str(path)])
    assert summary.failed == 0, summary.failures
    [source] = [s for s in list_sources(workspace.db) if s.locator.endswith(name)]
    return source.id


@pytest.mark.parametrize("make", [plain, encrypted], ids=["plain", "encrypted"])
def test_the_original_comes_back_byte_for_byte_and_a_changed_one_is_refused(make: Any, tmp_path: Path) -> None:
    workspace = make(tmp_path)
    try:
        source = ingest_file(workspace, tmp_path, "zvit.html", HOSTILE)
        kept = original(workspace.db, workspace.store, source)
        assert kept is not None
        assert kept.data == HOSTILE and kept.sha256 == hashlib.sha256(HOSTILE).hexdigest()
        assert kept.file_name == f"source-{source}-zvit.html" and (kept.media_type or "").startswith("text/html")
        assert original(workspace.db, workspace.store, 9999) is None

        on_disk, offset, length = stored_at(workspace.store, kept.sha256)
        stored = on_disk.read_bytes()[offset : offset + length]
        if make is encrypted:  # encrypted at rest, decrypted on the way out
            assert b"pwned" not in stored and b"<html>" not in stored
        flip(on_disk, offset + length - 1)
        with pytest.raises(CorruptObject, match=f"^the original of source {source} "):
            original(workspace.db, workspace.store, source)
        remove_object(workspace.store, kept.sha256)
        with pytest.raises(CorruptObject, match="missing from the evidence store"):
            original(workspace.db, workspace.store, source)
    finally:
        workspace.close()


def test_a_testimony_s_original_is_not_served_as_a_source(tmp_path: Path) -> None:
    from letopis.services.testimony import add_and_extract

    workspace = encrypted(tmp_path)
    try:
        account = tmp_path / "account.txt"
        account.write_text("Мого сусіда забрали до ТЦК.", encoding="utf-8")
        result = add_and_extract(workspace, [account], consent="public", until=None, pseudonym="A",
                                 recorded_by="olena", recorded_on=None, witness=None, language="uk")
        source = next(s.id for s in list_sources(workspace.db) if s.locator == f"testimony:{result.testimony_id}")
        with pytest.raises(UsageError, match=f"^source {source} is a testimony"):
            original(workspace.db, workspace.store, source)
    finally:
        workspace.close()


def test_sources_page_by_page_by_kind_and_language_and_failures_counted(tmp_path: Path) -> None:
    workspace = plain(tmp_path)
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        for number in range(5):
            (folder / f"uk{number}.txt").write_text(f"Вчора у Харкові працівники ТЦК затримали чоловіка біля станції "
                                                    f"метро номер {number}.", encoding="utf-8")
        (folder / "ru.txt").write_text("В Одессе сотрудники военкомата задержали мужчину на рынке, прохожие пытались "
                                       "его отбить.", encoding="utf-8")
        (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        ingest_sources(workspace, [str(folder)])
        everything = list_sources(workspace.db)
        assert [s.id for s in list_sources(workspace.db, limit=2, offset=2)] == [s.id for s in everything[2:4]]
        kinds, languages = source_facets(workspace.db)
        assert "file" in kinds and {"ru", "uk"} <= set(languages)
        assert count_sources(workspace.db, language="uk") == 5 == len(list_sources(workspace.db, language="uk"))
        assert count_sources(workspace.db, language="ru", kind="file") == 1
        assert count_failures(workspace.db) == len(failures(workspace.db)) >= 1
        assert failures(workspace.db, limit=1, offset=0) == failures(workspace.db)[:1]
        assert failures(workspace.db, limit=5, offset=1) == failures(workspace.db)[1:6]
    finally:
        workspace.close()


def test_a_source_s_language_is_its_own_or_that_of_its_incidents_on_both_backends(database: Any) -> None:
    from letopis.db.incidents import add_incident
    from letopis.db.models import Source
    from tests.db.test_queries import add_source, record_of, source_of

    text = "В Одессе сотрудники военкомата задержали мужчину."
    read = source_of(add_source(database, "https://example.org/ru", text))
    own = source_of(add_source(database, "https://example.org/uk", "без інцидентів"))
    with database.session() as session:
        session.get(Source, read).language = None
        session.get(Source, own).language = "uk"
        add_incident(session, record_of(text, "задержали мужчину", language="ru"), source_id=read)
    assert source_facets(database) == (["url"], ["ru", "uk"])
    assert [s.id for s in list_sources(database, language="ru")] == [read]
    assert [s.id for s in list_sources(database, language="uk")] == [own]
    assert count_sources(database, language="ru") == 1 and count_sources(database, language="en") == 0
