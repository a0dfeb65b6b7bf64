"""The static site (`letopis publish`) through its use case, on both backends: what is published (verified
only by default), what is left out (names, testimonies, local paths), stable addresses across publishes, the
manifest and the custody entry, and failing closed: a leak the redactor cannot remove leaves OUTDIR untouched."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from letopis.db.models import CustodyEntry
from letopis.errors import PublicationRefused, UsageError
from letopis.publish.site.check import MANIFEST, check_site
from letopis.publish.vendor import assets_root
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import public_profile, publish_site
from tests.publish.conftest import PLANTED, Case, _source, fill, make_workspace

LANGS = ("en", "uk", "ru")


def site_entries(case: Case) -> list[tuple[int, dict[str, Any]]]:
    with case.ws.db.session(readonly=True) as session:
        entries = [(e.seq, json.loads(e.details)) for e in session.scalars(
            select(CustodyEntry).where(CustodyEntry.event == "export").order_by(CustodyEntry.seq))]
    return [(seq, details) for seq, details in entries if details.get("format") == "site"]


def page_ids(site: Path, lang: str = "en") -> set[int]:
    return {int(p.stem) for p in (site / lang / "incidents").glob("*.html")}


def all_text(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8-sig", errors="replace") for p in site.rglob("*") if p.is_file())


def plant_leak(case: Case, incident: int) -> None:
    """A source whose address names a person: addresses are evidence, no redaction rewrites them."""
    from letopis.db.incidents import add_incident_source
    from tests.db.test_queries import record_of

    text = "Ще одне повідомлення про затримання у Харкові."
    source = _source(case.ws, "https://t.me/s/Ivan_Petrenko", text)
    with case.ws.db.session() as session:
        add_incident_source(session, incident, source, record_of(text, text))


def test_only_verified_incidents_by_default_and_a_custody_entry_with_the_manifest(case: Case, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = publish_site(case.ws, IncidentFilters(), site)
    assert result.count == 1 and result.languages == LANGS
    for lang in LANGS:
        assert page_ids(site, lang) == {case.ids[0]}
        assert {p.name for p in (site / lang).iterdir()} == {"index.html", "timeline.html", "about.html", "incidents"}
    rows = (site / "data" / "markers.js").read_text(encoding="utf-8")
    assert rows.startswith("window.LETOPIS_ROWS = [") and json.loads(rows.split(" = ", 1)[1].rstrip(";\n"))[0][0] \
        == case.ids[0]
    lines = (site / "data" / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [case.ids[0]]
    # the manifest: every other file, as sha256sum writes it; its hash is in the custody entry
    manifest = (site / MANIFEST).read_bytes()
    listed = {}
    for line in manifest.decode().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {MANIFEST}
    assert set(listed) == files and result.files == len(files)
    assert all(hashlib.sha256((site / name).read_bytes()).hexdigest() == digest for name, digest in listed.items())
    [(seq, entry)] = site_entries(case)
    assert entry["sha256"] == hashlib.sha256(manifest).hexdigest() == result.manifest_sha256
    assert entry["count"] == 1 and entry["filters"] == {"status": "verified"}
    assert entry["languages"] == list(LANGS) and seq == result.custody_seq
    # what a static host serves: readable by all, like any file the user writes
    assert (site / "en" / "index.html").stat().st_mode & 0o044 == 0o044 and site.stat().st_mode & 0o055 == 0o055


def test_unverified_on_request_and_nothing_identifying_anywhere(case: Case, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = publish_site(case.ws, IncidentFilters(), site, include_unverified=True)
    assert result.count == 4 and page_ids(site) == set(case.ids)
    text = all_text(site)
    for planted in PLANTED:
        assert planted not in text, planted
    assert "/home/olena" not in text and "мого сусіда" not in text and "olena" not in text  # path, testimony, edits
    uk = (site / "uk" / "incidents" / f"{case.ids[0]}.html").read_text(encoding="utf-8")
    assert "у Харкові" in uk and "https://example.org/news/1" in uk and 'hreflang="ru" lang="ru" href="../../ru/' \
        "incidents/" in uk
    assert "Харків" in (site / "data" / "tables.uk.js").read_text(encoding="utf-8")
    geojson = json.loads((site / "data" / "incidents.geojson").read_text(encoding="utf-8"))
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 3  # one has no place


def test_an_incident_keeps_its_address_and_page_when_others_come_and_go(case: Case, tmp_path: Path) -> None:
    first, again = tmp_path / "first", tmp_path / "again"
    publish_site(case.ws, IncidentFilters(), first, include_unverified=True)
    publish_site(case.ws, IncidentFilters(), again, include_unverified=True)
    assert (first / MANIFEST).read_bytes() == (again / MANIFEST).read_bytes()  # the same data: the same site
    before = {p.relative_to(first): p.read_bytes() for p in (first / "uk" / "incidents").iterdir()}
    from letopis.db.incidents import add_incident
    from letopis.db.review import set_status
    from tests.db.test_queries import KHARKIV, record_of

    text = "Нове затримання у Харкові."
    source = _source(case.ws, "https://example.org/news/2", text)
    with case.ws.db.session() as session:  # a newer incident, and an old one rejected
        add_incident(session, record_of(text, text, date="2025-11-02", location=KHARKIV), source_id=source,
                     status="verified")
        set_status(session, case.ids[2], "rejected", actor="test")
    publish_site(case.ws, IncidentFilters(), first, include_unverified=True)  # over the published site
    after = {p.relative_to(first): p.read_bytes() for p in (first / "uk" / "incidents").iterdir()}
    assert len(after) == 4 and Path("uk/incidents") / f"{case.ids[2]}.html" not in after
    for path, content in after.items():
        if path in before:
            assert content == before[path], path
    assert len(site_entries(case)) == 3


def test_a_leak_the_redactor_cannot_remove_refuses_and_leaves_outdir_as_it_was(case: Case, tmp_path: Path) -> None:
    plant_leak(case, case.ids[0])
    site = tmp_path / "out" / "site"
    site.parent.mkdir()
    with pytest.raises(PublicationRefused) as refused:
        publish_site(case.ws, IncidentFilters(), site)
    message = str(refused.value)
    assert "nothing was written" in message and "Ivan" not in message and "\n" not in message
    assert list(site.parent.iterdir()) == [] and site_entries(case) == []


def test_a_leak_leaves_a_site_published_before_untouched(case: Case, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_site(case.ws, IncidentFilters(), site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    plant_leak(case, case.ids[0])
    with pytest.raises(PublicationRefused):
        publish_site(case.ws, IncidentFilters(), site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]  # no temporary folder left


def test_the_read_back_finds_a_name_a_foreign_file_and_a_changed_library(case: Case, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_site(case.ws, IncidentFilters(), site)
    profile, modules = public_profile(), assets_root(case.ws.config)

    def leak() -> str | None:
        with (tmp_path / "manifest").open("wb") as out:
            return check_site(site, profile.redactor.names, modules, out).leak

    (site / MANIFEST).unlink()
    assert leak() is None
    page = site / "ru" / "about.html"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("</main>", "<p>Задержали Ивана Петренко.</p></main>"), encoding="utf-8")
    assert leak() == "ru/about.html, about.html <p>"
    page.write_text(original, encoding="utf-8")
    (site / "en" / "notes.txt").write_text("x", encoding="utf-8")
    assert "a file the site does not make" in (leak() or "")
    (site / "en" / "notes.txt").unlink()
    library = site / "assets" / "leaflet" / "leaflet.js"
    library.write_bytes(library.read_bytes() + b"// Ivan Petrenko\n")
    assert "not the library file" in (leak() or "")


def test_bad_requests_are_one_line_usage_errors(case: Case, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown language"):
        publish_site(case.ws, IncidentFilters(), tmp_path / "a", langs=("en", "de"))
    with pytest.raises(UsageError, match="never published"):
        publish_site(case.ws, IncidentFilters(status="rejected"), tmp_path / "a")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.odt").write_bytes(b"x")
    with pytest.raises(UsageError, match="holds no published site"):
        publish_site(case.ws, IncidentFilters(), tmp_path / "mine")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["thesis.odt"]
    with pytest.raises(UsageError, match="not installed"):
        publish_site(case.ws, IncidentFilters(), tmp_path / "a", modules=tmp_path / "nothing")
    assert not (tmp_path / "a").exists()


def test_the_command_exits_non_zero_and_creates_no_folder_on_a_leak(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "data", "sqlite")
    try:
        ids = fill(ws)
        plant_leak(Case(ws, ids), ids[0])
    finally:
        ws.close()
    env = {"LETOPIS_DATA": str(tmp_path / "data"), "PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep.join(sys.path)}
    target = tmp_path / "out" / "site"
    target.parent.mkdir()
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", "publish", str(target), "--lang", "uk,en"],
                          env=env, capture_output=True, timeout=600)
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert err.startswith("letopis: error: publish refused") and len(err.strip().splitlines()) == 1
    assert list(target.parent.iterdir()) == []
    bad = subprocess.run([sys.executable, "-m", "letopis.cli", "publish", str(target), "--lang", "fr"],
                         env=env, capture_output=True, timeout=600)
    assert bad.returncode != 0 and "unknown language" in bad.stderr.decode() and not target.exists()


@pytest.mark.parametrize(("lang", "origins", "information", "role", "grade"), [
    ("en", "(channel 1, media 1)", "(confirmed)", "origin (<span data-field=\"origin_kind\">media</span>)",
     "source grade <span data-field=\"grade\">B2</span>"),
    ("uk", "(канал 1, медіа 1)", "(підтверджено)", "першоджерело (<span data-field=\"origin_kind\">медіа</span>)",
     "оцінка джерела <span data-field=\"grade\">B2</span>"),
    ("ru", "(канал 1, СМИ 1)", "(подтверждено)", "первоисточник (<span data-field=\"origin_kind\">СМИ</span>)",
     "оценка источника <span data-field=\"grade\">B2</span>"),
])
def test_an_incident_page_gives_its_origins_their_kinds_the_information_grade_and_the_source_grades(
        case: Case, tmp_path: Path, lang: str, origins: str, information: str, role: str, grade: str) -> None:
    from letopis.reliability.profiles import ProfileFields
    from letopis.services.origins import recompute_origins
    from letopis.services.profiles import set_profile

    recompute_origins(case.ws.db)
    set_profile(case.ws.db, "example.com", ProfileFields(), grade="B2", reason="a year of checks", actor="olena")
    site = tmp_path / "site"
    publish_site(case.ws, IncidentFilters(), site, include_unverified=True)
    page = (site / lang / "incidents" / f"{case.ids[1]}.html").read_text(encoding="utf-8")
    assert f'<span data-field="origins">2</span> {origins}' in page
    assert f'<span data-field="info_grade">1</span> {information}' in page
    assert role in page and grade in page
    # one origin, not graded: its digit too (3, possibly true)
    assert 'data-field="info_grade"' in (site / lang / "incidents" / f"{case.ids[0]}.html").read_text(encoding="utf-8")
