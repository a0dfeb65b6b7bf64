"""Finding private persons' names and replacing them by a role (pymorphy3 for Cyrillic, back-transliteration
for Latin), and the ACLED mapping's coverage of the taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

from letopis.model import EVENT_TYPES
from letopis.publish.acled import ACLED_TYPES, NO_EQUIVALENT, acled_date
from letopis.publish.redact import Redactor

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    from letopis.services.publishing import public_profile

    return public_profile().redactor


@pytest.mark.parametrize(("text", "redacted"), [
    ("30 жовтня у Харкові працівники ТЦК затримали Івана Петренка на зупинці.",
     "30 жовтня у Харкові працівники ТЦК затримали чоловіка на зупинці."),
    ("Марія Коваленко розповіла, що її сина забрали.", "Жінка розповіла, що її сина забрали."),
    ("В Одессе задержали Анну Петрову, сообщила полиция.", "В Одессе задержали женщину, сообщила полиция."),
    ("У Сергея Кузнецова сломана рука.", "У мужчины сломана рука."),
    ("И. И. Петров задержан в Москве.", "Мужчина задержан в Москве."),
    ("Военком Иванов избил призывника.", "Военком избил призывника."),
    ("Police in Odesa detained Ivan Petrenko and Vera Kotova.", "Police in Odesa detained a man and a woman."),
    ("Recruitment officer Sokolov beat a man.", "Recruitment officer beat a man."),
])
def test_a_private_name_becomes_a_role_in_its_case(redactor: Redactor, text: str, redacted: str) -> None:
    assert redactor.redact(text) == redacted


def test_without_the_gazetteer_a_place_that_reads_as_a_surname_is_taken_for_one() -> None:
    """Why the service hands the redactor the gazetteer: "Харкові" is also a surname's dative."""
    assert Redactor().redact("у Харкові") == "у чоловікові"


def test_places_and_abbreviations_are_not_names() -> None:
    places = {"Харкові", "Pushkin"}
    redactor = Redactor(is_place=lambda word: word in places)
    for text in ("Kharkiv TCC officers stopped two men near a bakery in Poltava.", "у Харкові ТЦК і СБУ",
                 "A man was detained in Pushkin.", "Жителі Вінниці, Умані та Ужгорода."):
        assert redactor.names(text) == [], text


def test_names_marked_public_are_kept_in_any_case_form() -> None:
    redactor = Redactor(["Олександр Сирський", "Zelensky"])
    assert redactor.redact("Заяву Олександра Сирського прокоментував Тарас Шевчук.", "uk") == \
        "Заяву Олександра Сирського прокоментував чоловік."
    assert redactor.redact("President Zelensky met Oleksandr Petrenko.") == "President Zelensky met a man."


def test_every_type_of_the_taxonomy_has_an_acled_mapping_or_is_said_to_have_none() -> None:
    assert set(ACLED_TYPES) | set(NO_EQUIVALENT) == set(EVENT_TYPES)
    assert not set(ACLED_TYPES) & set(NO_EQUIVALENT)
    doc = (DOCS / "export.md").read_text(encoding="utf-8")
    for name, mapped in ACLED_TYPES.items():
        assert f"| `{name}` | {mapped.disorder_type} | {mapped.event_type} | {mapped.sub_event_type} |" in doc
    for name in NO_EQUIVALENT:
        assert f"| `{name}` | no ACLED equivalent |" in doc


def test_acled_dates_take_the_first_day_and_the_precision() -> None:
    assert acled_date("2025-10-30", "day") == ("2025-10-30", 1)
    assert acled_date("2025-10-27", "week") == ("2025-10-27", 2)
    assert acled_date("2025-10", "month") == ("2025-10-01", 3)
    assert acled_date("2025-06", "season") == ("2025-06-01", 3)
    assert acled_date("2025", "year") == ("2025-01-01", 3)
    assert acled_date(None, None) is None
