"""`letopis publish --files` and the setting publish_min_count, through the use case.

The sources' images and PDFs go out only as clean copies: GPS EXIF, an author, XMP, a comment, a text chunk
planted in the originals are found nowhere in the site; a PDF whose text names a private person is left out
and counted; a copy a cleaner left metadata in (a cleaner that fails) makes the publish refuse with nothing
written; a PDF's JPEG 2000 images go out without their metadata and comments, and its links not at all. Small
counts of a region and month are left out when the setting asks (both backends: one query)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from letopis.db.captures import add_capture
from letopis.db.incidents import add_incident
from letopis.errors import PublicationRefused
from letopis.evidence.capture import store_artefacts
from letopis.model import Artefact, Capture
from letopis.publish import media
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import export_incidents, publish_site
from letopis.services.workspace import Workspace
from tests.db.test_queries import KHARKIV, ODESA, record_of
from tests.publish.conftest import PLANTED, Case, _source, make_workspace
from tests.publish.media_files import AUTHOR, DEVICE, authored_pdf, gps_jpeg, jpeg2000_pdf, text_png

T0 = datetime(2025, 10, 30, 9, tzinfo=UTC)
MESSAGE = "У Харкові працівники ТЦК затримали чоловіка біля зупинки."


def _capture(ws: Workspace, locator: str, kind: str, artefacts: tuple[Artefact, ...], text: str) -> int:
    capture = Capture(source_kind=kind, locator=locator, started_at=T0, finished_at=T0, method="test",
                      tool="letopis/test", artefacts=artefacts, text=text, text_method="test", language_hint="uk")
    stored = store_artefacts(ws.store, capture)
    with ws.db.session() as session:
        result = add_capture(session, capture, stored, collector="test")
    assert result.source_id is not None
    return result.source_id


def fill_files(ws: Workspace) -> tuple[int, int]:
    """A verified incident whose Telegram message carries a GPS-tagged photo and a PNG with an author; another
    supported by a PDF with an author, XMP and an annotation, and by a PDF whose text names a person."""
    message = _capture(ws, "telegram:1001/90", "telegram_message",
                       (Artefact("original", "application/json", data=MESSAGE.encode()),
                        Artefact("media", "image/jpeg", data=gps_jpeg(), name=f"{AUTHOR}.jpg"),
                        Artefact("media", "image/png", data=text_png(), name="scan.png")), MESSAGE)
    report = _capture(ws, "https://example.org/report.pdf", "pdf",
                      (Artefact("original", "application/pdf", data=authored_pdf()),), MESSAGE)
    named = _capture(ws, "https://example.org/named.pdf", "pdf",
                     (Artefact("original", "application/pdf", data=authored_pdf("Detained: Ivan Petrenko")),),
                     MESSAGE + " ")
    with ws.db.session() as session:
        one = add_incident(session, record_of(MESSAGE, MESSAGE, date="2025-10-30"), source_id=message,
                           status="verified")
        two = add_incident(session, record_of(MESSAGE, MESSAGE, date="2025-10-12", location=ODESA),
                           source_id=report, status="verified")
        from letopis.db.incidents import add_incident_source

        add_incident_source(session, two.id, named, record_of(MESSAGE + " ", MESSAGE))
    return one.id, two.id


@pytest.fixture
def files_ws(tmp_path: Path) -> Workspace:
    ws = make_workspace(tmp_path / "data", "sqlite")
    fill_files(ws)
    return ws


def everything(site: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in site.rglob("*") if p.is_file())


def test_images_and_pdfs_go_out_only_as_clean_copies(files_ws: Workspace, tmp_path: Path) -> None:
    site = tmp_path / "site"
    try:
        result = publish_site(files_ws, IncidentFilters(), site, files=True)
    finally:
        files_ws.close()
    copies = sorted(p.name for p in (site / "files").iterdir())
    assert result.files_written == 3 and len(copies) == 3  # the photo, the PNG, the clean report
    assert sorted(name.rsplit(".", 1)[1] for name in copies) == ["jpg", "pdf", "png"]
    assert result.files_left_out == {"a PDF whose text names a private person": 1}
    data = everything(site)
    for planted in (AUTHOR, DEVICE, "Petrenko", "xmpmeta", "Exif\x00\x00", "/Annots"):
        assert planted.encode() not in data, planted
    for copy in (site / "files").iterdir():
        assert media.file_problem(copy.name, copy.read_bytes(), lambda text: "Petrenko" in text) is None
    pages = "".join(p.read_text(encoding="utf-8") for p in (site / "uk" / "incidents").iterdir())
    assert pages.count('href="../../files/') == 3 and "Копії без метаданих" in pages
    assert all(f"files/{name}" in (site / "SHA256SUMS").read_text() for name in copies)


def test_without_the_flag_no_file_goes_out(files_ws: Workspace, tmp_path: Path) -> None:
    try:
        result = publish_site(files_ws, IncidentFilters(), tmp_path / "site")
    finally:
        files_ws.close()
    assert not (tmp_path / "site" / "files").exists() and result.files_written == 0


def test_a_copy_that_still_holds_metadata_refuses_the_publish(files_ws: Workspace, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # a cleaner that fails to clean: the read-back is the last line and must catch it
    monkeypatch.setattr("letopis.services.site_files.clean_file",
                        lambda data, media_type: media.CleanCopy(data, ".pdf" if data.startswith(b"%PDF") else ".jpg"))
    monkeypatch.setattr("letopis.services.site_files.pdf_text", lambda data: "")
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    try:
        with pytest.raises(PublicationRefused) as refused:
            publish_site(files_ws, IncidentFilters(), site, files=True)
    finally:
        files_ws.close()
    assert "nothing was written" in str(refused.value) and "files/" in str(refused.value)
    assert list(site.parent.iterdir()) == []


def test_the_command_publishes_files_and_says_what_was_left_out(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "data", "sqlite")
    try:
        fill_files(ws)
    finally:
        ws.close()
    env = {"LETOPIS_DATA": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", "publish", str(tmp_path / "site"), "--lang", "en",
                           "--files"], env=env, capture_output=True, timeout=600)
    err = proc.stderr.decode()
    assert proc.returncode == 0, err
    assert "3 image(s) and PDF(s) published as clean copies; not published: 1 a PDF whose text names" in err
    assert AUTHOR.encode() not in everything(tmp_path / "site")


def test_a_pdf_with_jpeg2000_images_and_a_private_link_goes_out_without_either(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "data", "sqlite")
    try:
        scan = _capture(ws, "https://example.org/scan.pdf", "pdf",
                        (Artefact("original", "application/pdf", data=jpeg2000_pdf(link=True)),), MESSAGE)
        with ws.db.session() as session:
            add_incident(session, record_of(MESSAGE, MESSAGE, date="2025-10-30"), source_id=scan, status="verified")
        result = publish_site(ws, IncidentFilters(), tmp_path / "site", langs=("en",), files=True)
    finally:
        ws.close()
    assert result.files_written == 1 and not result.files_left_out
    (copy,) = (tmp_path / "site" / "files").iterdir()
    data = copy.read_bytes()
    assert media.file_problem(copy.name, data, lambda text: False) is None
    assert b"/JPXDecode" in data and b"/URI" not in data
    site = everything(tmp_path / "site")
    for planted in (AUTHOR, DEVICE, "petrenko", "xmpmeta", "OpenJPEG", "Exif\x00\x00"):
        assert planted.encode() not in site, planted


def _month_case(case: Case) -> None:
    """Two more verified incidents in Kharkiv in October 2025 (three there with the case's first), one in Odesa."""
    for day, location in (("2025-10-05", KHARKIV), ("2025-10-20", KHARKIV), ("2025-10-07", ODESA)):
        text = f"Затримання {day}."
        source = _source(case.ws, f"https://example.org/{day}", text)
        with case.ws.db.session() as session:
            add_incident(session, record_of(text, text, date=day, location=location), source_id=source,
                         status="verified")


def test_small_counts_of_a_region_and_month_are_left_out_when_the_setting_asks(case: Case, tmp_path: Path) -> None:
    _month_case(case)
    case.ws.config = replace(case.ws.config, publish_min_count=3)
    result = publish_site(case.ws, IncidentFilters(), tmp_path / "site")
    lines = (tmp_path / "site" / "data" / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    regions = sorted(str((json.loads(line)["location"] or {}).get("admin1")) for line in lines)
    assert regions == ["Kharkiv Oblast"] * 3 and result.small_counts_left_out == 1  # Odesa's one
    exported = export_incidents(case.ws, IncidentFilters(status="verified"), "jsonl", output=tmp_path / "x.jsonl")
    assert exported.count == 3 and exported.small_counts_left_out == 1
    case.ws.config = replace(case.ws.config, publish_min_count=4)  # Kharkiv's three go too
    assert publish_site(case.ws, IncidentFilters(), tmp_path / "site").count == 0
    case.ws.config = replace(case.ws.config, publish_min_count=0)
    assert publish_site(case.ws, IncidentFilters(), tmp_path / "site").count == 4
    text = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert not any(planted in text for planted in PLANTED)
