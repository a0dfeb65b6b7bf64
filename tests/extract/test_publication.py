"""A report's publication date from its own evidence when the source gives none (texts written for these tests)."""

from datetime import date

import pytest

from letopis.extract.engine import Engine
from letopis.extract.publication import infer_publication, report_of

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("text, address, expected, source", [
    ("У Львові затримали чоловіка.", "https://example.org/news/2025/08/07/lviv", date(2025, 8, 7), "address"),
    ("Lviv man detained", "https://example.org/lviv-man-detained-2024-11-30.html", date(2024, 11, 30), "address"),
    ("Київ, 14:05, 3 березня 2025\n\nУ неділю в Одесі затримали чоловіка.", None, date(2025, 3, 3), "byline"),
    ("News Desk | Updated: 05-02-2025 19:48 IST\nA man was detained.", None, date(2025, 2, 5), "byline"),
    # 1 April fell on a Tuesday in 2025 (and in 2031, after today; 2020 is older)
    ("On Tuesday, 1 April, TCC officers in Odesa detained two men.", None, date(2025, 4, 1), "weekday"),
    ("Во вторник, 1 апреля, в Одессе задержали двоих мужчин.", None, date(2025, 4, 1), "weekday"),
])
def test_a_day_the_report_gives_away(text, address, expected, source):
    found = infer_publication(text, address, TODAY)
    assert found is not None and (found.date, found.precision) == (expected, "day")
    assert source in found.source


def test_only_a_year_gives_year_precision():
    found = infer_publication("У 2024 році таких випадків було багато.", None, TODAY)
    assert found is not None and (found.date, found.precision) == (date(2024, 12, 31), "year")


def test_nothing_to_go_on():
    assert infer_publication("В Одесі затримали двох чоловіків.", None, TODAY) is None
    report = report_of("В Одесі затримали двох чоловіків.", None, None, None, None, today=TODAY)
    assert report.published == TODAY and report.metadata["published_from"].startswith("today")


def test_the_callers_date_and_the_pages_come_first():
    text = "Київ, 14:05, 3 березня 2025\n\nУ неділю в Одесі затримали чоловіка."
    assert report_of(text, None, None, date(2025, 3, 4), None, today=TODAY).metadata["published_from"] == "--published"
    page = report_of(text, date(2025, 3, 5), "meta article:published_time", None, None, today=TODAY)
    assert page.published == date(2025, 3, 5) and "meta" in page.metadata["published_from"]


def test_undated_news_of_a_year_only_report_is_dated_to_the_year():
    engine = Engine()
    text = "В Одесі працівники ТЦК затримали двох чоловіків. Таких випадків у 2024 році було чимало."
    (record,) = engine.extract(report_of(text, None, None, None, None, today=TODAY))
    assert (record.date, record.date_precision, record.date_source) == ("2024", "year", "publication")
