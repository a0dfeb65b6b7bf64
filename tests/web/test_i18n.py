"""The interface's catalogs: the template holds every word the templates and code use, and Ukrainian and
Russian translate every one of them, with the same placeholders."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from letopis.web.i18n import LABELS, LANGUAGES, LOCALE_DIR, choose_language, translator

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = parse_keywords(["t", "tc:1c,2", "N_"])   # as `make messages` passes them to pybabel extract


def _key(message_id: object, context: str | None) -> tuple[str | None, str]:
    """A message's identity: its context and id (this interface has no plural messages)."""
    assert isinstance(message_id, str), message_id
    return (context, message_id)


def _extracted() -> set[tuple[str | None, str]]:
    """What pybabel extract finds in the sources today (babel.cfg's mapping, the Makefile's keywords)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {_key(message, context) for _, _, message, _, context
            in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)}


def _read(path: Path, language: str | None = None) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale=language)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def untranslated(po: Catalog, template: Catalog) -> list[str]:
    """The template's messages that ``po`` lacks, leaves empty, marks fuzzy or gives other placeholders."""
    problems = []
    for message in template:
        if not message.id:
            continue
        found = po.get(message.id, context=message.context)
        if found is None or not found.string or not str(found.string).strip():
            problems.append(f"missing: {message.id!r}")
        elif found.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif _fields(str(found.string)) != _fields(str(message.id)):
            problems.append(f"placeholders differ: {message.id!r}")
    return problems


def test_the_template_holds_exactly_what_the_sources_use() -> None:
    template = {_key(m.id, m.context) for m in _read(LOCALE_DIR / "messages.pot") if m.id}
    extracted = _extracted()
    assert len(extracted) > 250
    assert extracted - template == set(), "run `make messages`: the sources use words the template lacks"
    assert template - extracted == set(), "run `make messages`: the template holds words nothing uses"


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_every_message_is_translated(language: str) -> None:
    template = _read(LOCALE_DIR / "messages.pot")
    po = _read(LOCALE_DIR / language / "LC_MESSAGES" / "messages.po", language)
    assert untranslated(po, template) == []
    assert {_key(m.id, m.context) for m in po if m.id} == {_key(m.id, m.context) for m in template if m.id}


def test_the_english_catalog_has_every_message() -> None:
    template = _read(LOCALE_DIR / "messages.pot")
    po = _read(LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po", "en")
    assert {_key(m.id, m.context) for m in po if m.id} == {_key(m.id, m.context) for m in template if m.id}


def test_the_check_finds_a_missing_or_wrong_translation(tmp_path: Path) -> None:
    template = _read(LOCALE_DIR / "messages.pot")
    po = _read(LOCALE_DIR / "uk" / "LC_MESSAGES" / "messages.po", "uk")
    po["Incidents"].string = ""
    po["{total} incidents found"].string = "Знайдено інцидентів: {count}"
    po.delete("Review queue")
    path = tmp_path / "messages.po"
    with open(path, "wb") as fh:
        write_po(fh, po)
    assert sorted(untranslated(_read(path, "uk"), template)) == [
        "missing: 'Incidents'", "missing: 'Review queue'", "placeholders differ: '{total} incidents found'"]


def test_every_stored_value_has_a_name() -> None:
    from letopis.db.models import CONSENT_LEVELS, TESTIMONY_STATUSES
    from letopis.extract.dates.model import PRECISIONS
    from letopis.extract.statistics import _NOUN_METRICS, METRICS
    from letopis.model import ACTOR_ROLES, EVENT_TYPES, SENSITIVITY_MARKS
    from letopis.publish.writer.words import METRICS as WRITER_METRICS
    from letopis.services.uploads import JOB_STATES
    from letopis.web.pages import EDIT_FIELDS

    assert set(LABELS["type"]) == set(EVENT_TYPES)
    assert set(LABELS["precision"]) == set(PRECISIONS)
    assert set(EDIT_FIELDS) <= set(LABELS["field"])
    assert set(LABELS["sensitivity"]) == {*SENSITIVITY_MARKS, "none"}
    assert set(LABELS["job.state"]) == set(JOB_STATES)
    assert set(LABELS["upload.kind"]) == {"file", "url", "feed", "telegram"}
    assert set(LABELS["testimony.consent"]) == set(CONSENT_LEVELS)
    assert set(LABELS["testimony.status"]) == set(TESTIMONY_STATUSES)
    assert set(LABELS["role"]) == {"viewer", "editor", "admin"}
    assert set(LABELS["actor"]) == set(ACTOR_ROLES)
    assert set(LABELS["geo_precision"]) == {"1", "2", "3"}
    assert set(LABELS["source.kind"]) == {"file", "url", "stdin", "feed", "feed_item", "telegram_export",
                                          "telegram_message", "pdf", "testimony"}
    # every metric the engine may store (and the digest's writer names)
    stored_metrics = {name for name, _ in (*METRICS, *_NOUN_METRICS)} | {"people"}
    assert set(LABELS["metric"]) == stored_metrics == set(WRITER_METRICS["en"])


def test_the_translator() -> None:
    uk, ru, en = translator("uk"), translator("ru"), translator("en")
    assert (uk("Incidents"), ru("Incidents"), en("Incidents")) == ("Інциденти", "Инциденты", "Incidents")
    assert uk("{total} incidents found", total=3) == "Знайдено інцидентів: 3"
    assert (uk.context("testimony", "Status"), uk("Status")) == ("Стан", "Статус")
    assert (uk.context("title", "Log in"), uk("Log in")) == ("Вхід", "Увійти")
    assert ru.name_of("type", "resistance") == "Сопротивление задержанию"
    assert ru.name_of("type", "not_a_type") == "not_a_type"
    assert set(LANGUAGES) == {"en", "uk", "ru"}


def test_choose_language() -> None:
    assert choose_language("uk", "ru", "en") == "uk"
    assert choose_language("xx", "ru", "en") == "ru"
    assert choose_language(None, None, "de-DE,uk;q=0.8") == "uk"
    assert choose_language(None, None, None) == "en"
