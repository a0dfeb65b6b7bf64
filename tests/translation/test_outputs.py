"""Machine translation where free text is shown: the static site's incident pages (summaries, sources' titles
and quotes) and the digest's quotes and sources' titles.
A real HTTP server on the loopback stands in for the translation server. Only redacted text is sent; each
translation is marked as machine-translated beside its original; off by default nothing is sent; a server
that fails leaves the output untranslated, published, with one warning."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from letopis.db.models import CustodyEntry
from letopis.gazetteer import load_gazetteer
from letopis.publish.digest import render_digest
from letopis.services.digest import build_digest, quoting_in
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import public_profile, publish_site
from letopis.services.translation import open_translator
from letopis.services.workspace import Workspace
from tests.publish.conftest import EN, PLANTED, UK, fill, make_workspace
from tests.translation.servers import Fake, fake_server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Workspace, tuple[int, int, int, int]]]:
    ws = make_workspace(tmp_path / "data", f"sqlite+pysqlite:///{tmp_path / 'letopis.sqlite3'}")
    try:
        yield ws, fill(ws)
    finally:
        ws.close()


def translating(ws: Workspace, fake: Fake | None) -> Workspace:
    return Workspace(replace(ws.config, translate_url=fake.url if fake else None), ws.opened)


def sent_texts(fake: Fake) -> str:
    return "\n".join(json.dumps(body, ensure_ascii=False) for _, _, body in fake.requests)


def site_entry(ws: Workspace) -> dict[str, object]:
    with ws.db.session(readonly=True) as session:
        entries = [json.loads(e.details) for e in session.scalars(
            select(CustodyEntry).where(CustodyEntry.event == "export").order_by(CustodyEntry.seq))]
    return entries[-1]


def test_incident_pages_show_marked_translations_under_the_originals(store: tuple[Workspace, tuple[int, ...]],
                                                                      tmp_path: Path) -> None:
    ws, ids = store
    with fake_server("libretranslate") as fake:
        result = publish_site(translating(ws, fake), IncidentFilters(), tmp_path / "site", include_unverified=True)
    site = tmp_path / "site"
    english = (site / "en" / "incidents" / f"{ids[0]}.html").read_text(encoding="utf-8")
    summary = "Затримання чоловіка у Харкові."  # the summary as redacted; in Ukrainian
    assert f'<p data-field="summary" lang="uk">{summary}</p>' in english  # the original stays
    assert (f'<p class="mt" data-field="summary_mt" lang="en"><span class="mt-mark">machine-translated</span> '
            f"[en] {summary}</p>") in english
    title = "ТЦК затримали чоловіка"  # the source's title as redacted (it named the man)
    assert f'<div class="title" data-field="title" lang="uk">{title}</div>' in english
    assert (f'<p class="mt" data-field="title_mt" lang="en"><span class="mt-mark">machine-translated</span> '
            f"[en] {title}</p>") in english
    ukrainian = (site / "uk" / "incidents" / f"{ids[0]}.html").read_text(encoding="utf-8")
    assert 'data-field="summary_mt"' not in ukrainian  # already in the page's language
    assert 'data-field="title_mt"' not in ukrainian
    russian = (site / "ru" / "incidents" / f"{ids[1]}.html").read_text(encoding="utf-8")
    assert '<span class="mt-mark">машинный перевод</span> [ru] On October 28 in Odesa' in russian
    assert "машинний переклад" in (site / "uk" / "incidents" / f"{ids[1]}.html").read_text(encoding="utf-8")
    sent = sent_texts(fake)
    assert fake.requests and not any(name in sent for name in PLANTED)  # only redacted text went out
    assert result.machine_translated == len(fake.requests) and result.translation_failure is None
    assert site_entry(ws)["machine_translation"] == {"backend": "libretranslate", "translated": len(fake.requests),
                                                     "from_earlier_runs": 0, "failure": None}


def test_off_by_default_nothing_is_sent_and_nothing_is_marked(store: tuple[Workspace, tuple[int, ...]],
                                                             tmp_path: Path) -> None:
    ws, _ = store
    with fake_server("libretranslate") as fake:
        result = publish_site(translating(ws, None), IncidentFilters(), tmp_path / "site", include_unverified=True)
    assert fake.requests == [] and result.machine_translated == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("incidents/*.html"))
    assert "mt-mark" not in pages and "machine_translation" not in site_entry(ws)


def test_a_failing_server_leaves_the_site_untranslated_with_one_warning(store: tuple[Workspace, tuple[int, ...]],
                                                                        tmp_path: Path,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    ws, _ = store
    with fake_server("libretranslate") as fake, caplog.at_level(logging.WARNING, logger="letopis.translation"):
        fake.mode = "error"
        result = publish_site(translating(ws, fake), IncidentFilters(), tmp_path / "site", include_unverified=True)
    assert result.count == 4 and len(fake.requests) == 1
    assert result.translation_failure is not None and "HTTP 500" in result.translation_failure
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("incidents/*.html"))
    assert "mt-mark" not in pages and 'data-field="summary"' in pages


@pytest.mark.parametrize("kind", ["libretranslate", "openai"])
def test_a_digest_holds_each_quote_redacted_and_machine_translated(store: tuple[Workspace, tuple[int, ...]],
                                                                  kind: str) -> None:
    ws, ids = store
    with fake_server(kind) as fake:
        settings = replace(ws.config, translate_url=fake.url, translate_api=kind,
                           translate_model="small-mt" if kind == "openai" else None)
        translator = open_translator(settings)
        assert translator is not None
        quoting = quoting_in("en", public_profile(ws.config.public_names).redactor, translator)
        digest = build_digest(ws.db, IncidentFilters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)),
                              quoting=quoting)
        translator.close()
    by_id = {e.id: e for e in digest.entries}
    one, two, four = by_id[ids[0]], by_id[ids[1]], by_id[ids[3]]
    assert one.quote is not None and one.quote.language == "uk" and "Петренк" not in one.quote.text
    assert one.quote.translated == "[en] " + one.quote.text
    assert two.quote is not None and two.quote.translated is None  # English already
    assert four.quote is None  # a testimony's words never leave
    text = render_digest(digest, load_gazetteer(), "en", "md")
    assert f"Quote (machine-translated): «\\[en\\] {one.quote.text}»" in text  # Markdown's brackets escaped
    assert f"Original (uk): «{one.quote.text}»" in text
    title = one.sources[0].shown_title
    assert title is not None and title.text == "ТЦК затримали чоловіка" and title.language == "uk"
    assert ("Sources: <https://example.org/news/1>: «ТЦК затримали чоловіка» (machine-translated: "
            "«\\[en\\] ТЦК затримали чоловіка»).") in text
    assert "each quote and title from a source has the names of private persons replaced" in text
    assert not any(name in text or name in sent_texts(fake) for name in PLANTED)
    assert EN not in sent_texts(fake) and re.search("Затримали|затримали", UK)


def test_a_digest_without_machine_translation_holds_no_quote(store: tuple[Workspace, tuple[int, ...]]) -> None:
    ws, _ = store
    digest = build_digest(ws.db, IncidentFilters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)))
    assert all(e.quote is None for e in digest.entries)
    text = render_digest(digest, load_gazetteer(), "uk", "html")
    assert "Цитата" not in text and "без цитат із джерел" in text
    assert "ТЦК затримали" not in text  # nor a source's title


def test_nothing_of_an_incident_a_digest_leaves_out_is_sent(store: tuple[Workspace, tuple[int, ...]]) -> None:
    """Odesa has one incident in October: with publish_min_count 2 it is left out, and its (English) quote is
    never sent to be translated into Ukrainian; without the rule it is."""
    ws, ids = store
    month = IncidentFilters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31))
    with fake_server("libretranslate") as fake:
        for min_count in (2, 0):
            translator = open_translator(replace(ws.config, translate_url=fake.url))
            assert translator is not None
            digest = build_digest(ws.db, month, min_count,
                                  quoting_in("uk", public_profile(()).redactor, translator))
            translator.close()
            assert (ids[1] in {e.id for e in digest.entries}) == (min_count == 0)
            assert len(fake.requests) == (0 if min_count == 2 else 1)
    assert fake.requests[0][2]["q"].startswith("On October 28 in Odesa")
