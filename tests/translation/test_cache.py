"""Machine translations kept in the store across runs (table machine_translations, both backends): publishing
the same site again sends nothing and writes the same pages, a digest finds what the site already had
translated, and a translation is kept per backend, model and pair of languages, by the SHA-256 of the
redacted text only (the text itself is not kept; a name never reaches the table)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from letopis.db.models import MachineTranslation
from letopis.services.digest import build_digest, quoting_in
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import public_profile, publish_site
from letopis.services.translation import open_translator
from letopis.services.workspace import Workspace
from tests.publish.conftest import PLANTED, TITLE, fill, make_workspace
from tests.translation.servers import fake_server
from tests.translation.test_outputs import sent_texts, site_entry, translating

TEXT = "Чоловіка затримали біля ринку."


@pytest.fixture
def ws(database_url: str, tmp_path: Path) -> Iterator[Workspace]:
    workspace = make_workspace(tmp_path / "data", database_url)
    try:
        yield workspace
    finally:
        workspace.close()


def kept(ws: Workspace) -> list[MachineTranslation]:
    with ws.db.session(readonly=True) as session:
        return list(session.scalars(select(MachineTranslation)))


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("incidents/*.html")}


def test_publishing_again_sends_nothing_and_writes_the_same_pages(ws: Workspace, tmp_path: Path) -> None:
    ids = fill(ws)
    with fake_server("libretranslate") as fake:
        first = publish_site(translating(ws, fake), IncidentFilters(), tmp_path / "one", include_unverified=True)
        sent = len(fake.requests)
        assert sent > 0 and first.machine_translated == sent and first.machine_translated_before == 0
        fake.mode = "error"  # the server is down now: nothing it would be asked is needed
        again = publish_site(translating(ws, fake), IncidentFilters(), tmp_path / "two", include_unverified=True)
        assert len(fake.requests) == sent  # the second publish sent nothing
        assert again.machine_translated == 0 and again.machine_translated_before == sent
        assert again.translation_failure is None
        assert site_entry(ws)["machine_translation"] == {"backend": "libretranslate", "translated": 0,
                                                         "from_earlier_runs": sent, "failure": None}
        assert pages(tmp_path / "one") == pages(tmp_path / "two")
        english = (tmp_path / "two" / "en" / "incidents" / f"{ids[0]}.html").read_text(encoding="utf-8")
        assert '<span class="mt-mark">machine-translated</span> [en] Затримання чоловіка у Харкові.' in english
        # a digest in English asks for quotes and titles the site had translated: none is sent either
        translator = open_translator(replace(ws.config, translate_url=fake.url), ws.db)
        assert translator is not None
        digest = build_digest(ws.db, IncidentFilters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)),
                              quoting=quoting_in("en", public_profile(ws.config.public_names).redactor, translator))
        translator.close()
        assert len(fake.requests) == sent and translator.cached > 0 and translator.failure is None
        entry = next(e for e in digest.entries if e.id == ids[0])
        assert entry.quote is not None and entry.quote.translated == "[en] " + entry.quote.text
    rows = kept(ws)
    asked = [body["q"] for _, _, body in fake.requests]
    assert len(rows) == sent
    assert {r.text_sha256 for r in rows} == {hashlib.sha256(q.encode()).hexdigest() for q in asked}
    everything = json.dumps([[r.backend, r.model, r.source_lang, r.target_lang, r.translation] for r in rows],
                            ensure_ascii=False)
    assert not any(name in everything or name in sent_texts(fake) for name in PLANTED)
    assert hashlib.sha256(TITLE.encode()).hexdigest() not in {r.text_sha256 for r in rows}  # only redacted text


def test_a_translation_is_kept_per_backend_model_and_languages(ws: Workspace) -> None:
    with fake_server("libretranslate") as libre, fake_server("openai") as chat:
        def translate(server: str, target: str, model: str | None = None) -> str | None:
            fake = libre if server == "libretranslate" else chat
            settings = replace(ws.config, translate_url=fake.url, translate_api=server, translate_model=model)
            translator = open_translator(settings, ws.db)
            assert translator is not None
            try:
                return translator.translate(TEXT, "uk", target)
            finally:
                translator.close()

        assert translate("libretranslate", "en") == "[en] " + TEXT
        assert translate("libretranslate", "en") == "[en] " + TEXT  # a new run: from the store
        assert translate("libretranslate", "ru") == "[ru] " + TEXT
        assert len(libre.requests) == 2
        assert translate("openai", "en", "small-mt") == "[en] " + TEXT  # another backend
        assert translate("openai", "en", "large-mt") == "[en] " + TEXT  # another model
        assert translate("openai", "en", "small-mt") == "[en] " + TEXT
        assert [body["model"] for _, _, body in chat.requests] == ["small-mt", "large-mt"]
    keys = sorted((r.backend, r.model, r.source_lang, r.target_lang) for r in kept(ws))
    assert keys == [("libretranslate", "", "uk", "en"), ("libretranslate", "", "uk", "ru"),
                    ("openai", "large-mt", "uk", "en"), ("openai", "small-mt", "uk", "en")]
    assert {r.text_sha256 for r in kept(ws)} == {hashlib.sha256(TEXT.encode()).hexdigest()}


def test_without_the_store_nothing_is_kept(ws: Workspace) -> None:
    with fake_server("libretranslate") as fake:
        for _ in range(2):
            translator = open_translator(replace(ws.config, translate_url=fake.url))
            assert translator is not None
            assert translator.translate(TEXT, "uk", "en") == "[en] " + TEXT
            translator.close()
    assert len(fake.requests) == 2 and kept(ws) == []
