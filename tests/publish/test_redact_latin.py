"""Names in Latin script: English reports and transliterated Ukrainian and Russian names, found and replaced by
a role, while places, outlets, organisations and the names marked public stay; an English source exported in
the public profile keeps none of them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from letopis.db.captures import add_capture
from letopis.db.incidents import add_incident
from letopis.publish.latin_names import given_name, uk_forms, uk_person
from letopis.publish.redact import Redactor
from letopis.services.incidents import IncidentFilters
from letopis.services.publishing import export_incidents
from tests.db.test_queries import ODESA, capture_of, record_of, stored
from tests.publish.conftest import make_workspace


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    from letopis.services.publishing import public_profile

    return public_profile(("Vitali Klitschko", "Dmytro Lubinets")).redactor


@pytest.mark.parametrize(("text", "redacted"), [
    # transliterated Ukrainian names: read back in Ukrainian by the dictionary
    ("Mykola Hrytsenko, 41, told reporters that officers pushed him into a van.",
     "A man, 41, told reporters that officers pushed him into a van."),
    ("Yuliia Melnyk and Serhii Tkachenko waited outside the recruitment office in Poltava.",
     "A woman and a man waited outside the recruitment office in Poltava."),
    ("The officers stopped Olha Kuzmenko's son at a bus stop in Sumy.",
     "The officers stopped a woman's son at a bus stop in Sumy."),
    # English and other given names from the lexicon, with a surname no dictionary knows
    ("On Friday, Maria Lopez and John Whitfield drove the men to the border.",
     "On Friday, a woman and a man drove the men to the border."),
    ("Grace Kelleher, a volunteer, filmed the detention.", "A woman, a volunteer, filmed the detention."),
    # titles, role nouns, and what is said after a name
    ("Mr Whitfield said the men wore no insignia.", "A man said the men wore no insignia."),
    ("Ms. Kowalska was questioned for three hours.", "A woman was questioned for three hours."),
    ("Lawyer Ostapchuk filed a complaint.", "Lawyer filed a complaint."),
    ("Neighbours said Wozniak, 52, was beaten.", "Neighbours said a person, 52, was beaten."),
    ("A man named Hnatiuk was released the next day.", "A man was released the next day."),
    # a name's word again on its own, with the full name's gender
    ("Oleksandr Shevchenko was detained on Monday. Shevchenko's wife said he has a heart condition.",
     "A man was detained on Monday. A man's wife said he has a heart condition."),
    ("Lawyer Anna Bilyk appealed. Bilyk said the court ignored the video.",
     "Lawyer appealed. A woman said the court ignored the video."),
    ("His wife, Natalia, called the police.", "His wife, a woman, called the police."),
])
def test_latin_names_become_a_role(redactor: Redactor, text: str, redacted: str) -> None:
    assert redactor.redact(text, "en") == redacted
    assert redactor.names(redacted) == []  # what the read-back would find: nothing


@pytest.mark.parametrize("text", [
    "Recruitment officers detained two men near the railway station in Kryvyi Rih on Tuesday.",
    "The Kyiv Independent and Radio Free Europe reported the raid in Bila Tserkva.",
    "According to Ukrainska Pravda, the men were released in Ivano-Frankivsk.",
    "Human Rights Watch documented the case in Zaporizhzhia Oblast.",
    "The protest began in Taras Shevchenko Park and moved to Shevchenko Street.",
    "Hromadske and Suspilne said the Bohdan Khmelnytsky monument was damaged.",
    "The Territorial Recruitment Centre in Odesa denied it; Reuters could not confirm.",
    "Will Russia mobilise more men in June?",
    "Men from Lviv, Rivne and Lutsk were taken to a training ground near Yavoriv.",
    "The United Nations said the Black Sea port was shelled on Sunday.",
])
def test_places_outlets_and_organisations_are_not_names(redactor: Redactor, text: str) -> None:
    assert redactor.names(text) == []
    assert redactor.redact(text, "en") == text


def test_names_marked_public_are_kept_and_private_ones_beside_them_are_not(redactor: Redactor) -> None:
    text = ("Kyiv mayor Vitali Klitschko and ombudsman Dmytro Lubinets condemned the detention of Taras Hnatiuk. "
            "Mr Klitschko said Hnatiuk was beaten.")
    assert redactor.redact(text, "en") == (
        "Kyiv mayor Vitali Klitschko and ombudsman Dmytro Lubinets condemned the detention of a man. "
        "Mr Klitschko said a man was beaten.")


def test_the_lexicons_a_given_name_a_ukrainian_spelling_an_everyday_word() -> None:
    assert given_name("maria") == (True, True, "femn") and given_name("grace")[:2] == (True, False)
    assert given_name("kharkiv") == (False, False, None)
    assert {"марія", "ольга"} <= uk_forms("mariia") | uk_forms("olha")
    assert uk_person("mykola") == (True, True, "masc") and uk_person("yuliia")[2] == "femn"
    assert uk_person("poltava")[0] is False and uk_person("odesa")[0] is False


def test_cyrillic_text_is_redacted_as_before(redactor: Redactor) -> None:
    assert redactor.redact("30 жовтня у Харкові працівники ТЦК затримали Івана Петренка. Його дружина "
                           "Марія Петренко розповіла про це.") == \
        "30 жовтня у Харкові працівники ТЦК затримали чоловіка. Його дружина розповіла про це."
    assert redactor.redact("В Одессе задержали Анну Петрову.") == "В Одессе задержали женщину."


def test_an_english_source_exported_for_the_public_names_no_private_person(tmp_path: Path) -> None:
    text = ("On October 28 in Odesa, recruitment officers detained Mykola Hrytsenko outside a market. "
            "His neighbour, Mr Whitfield, told the Kyiv Independent that Hrytsenko was pushed into a van.")
    ws = make_workspace(tmp_path / "data", f"sqlite+pysqlite:///{tmp_path / 'letopis.sqlite3'}")
    try:
        body = text.encode()
        capture = replace(capture_of("https://example.com/odesa-market", body, text,
                                     "Odesa: Mykola Hrytsenko detained"), source_kind="url")
        with ws.db.session() as session:
            source = add_capture(session, capture, stored(body), collector="test").source_id
            assert source is not None
            add_incident(session, record_of(text, text, summary="Officers detained Mykola Hrytsenko in Odesa.",
                                            location=ODESA, language="en"), source_id=source, status="verified")
        out = tmp_path / "public.jsonl"
        export_incidents(ws, IncidentFilters(), "jsonl", profile="public", output=out)
    finally:
        ws.close()
    written = out.read_text(encoding="utf-8")
    for name in ("Mykola", "Hrytsenko", "Whitfield"):
        assert name not in written
    row = json.loads(written)
    assert row["summary"] == "Officers detained a man in Odesa."
    assert "Kyiv Independent" in row["quote"] and "Odesa" in row["sources"][0]["title"]
