"""The summary extraction writes for each record: the writer's paragraph in the report's language,
from the record's fields, with no name or word of the source (texts written for these tests)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from letopis.extract.engine import Engine
from letopis.model import Report

PUB = date(2025, 3, 14)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _only(engine: Engine, text: str, kind: str = "incident") -> Any:
    [record] = [r for r in engine.extract(Report(text=text, published=PUB)) if r.kind == kind]
    return record


def test_a_ukrainian_report_gets_a_ukrainian_summary_without_the_names(engine: Engine) -> None:
    record = _only(engine, "12 березня у Харкові працівники ТЦК затримали трьох чоловіків, серед них Івана "
                           "Петренка, біля станції метро «Героїв праці».")
    assert record.summary == ("12 березня 2025 р. у Харкові зафіксовано затримання з метою мобілізації. "
                              "Затримано 3 особи. Учасники: працівники ТЦК.")
    assert "Петренк" not in record.summary and "метро" not in record.summary


def test_a_russian_report_gets_a_russian_summary(engine: Engine) -> None:
    record = _only(engine, "11 марта во Львове сотрудники ТЦК задержали мужчину, прохожие пытались его отбить.")
    assert record.event_type == "resistance" and record.detained == 1
    assert record.summary.startswith("11 марта 2025 г. во Львове зафиксировано сопротивление задержанию. "
                                     "Задержан 1 человек.")


def test_an_english_report_gets_an_english_summary(engine: Engine) -> None:
    record = _only(engine, "On March 10, border guards detained five men trying to cross the Tysa river "
                           "into Romania near Solotvyno.")
    assert record.event_type == "border_incident"
    assert record.summary.startswith("On March 10, 2025, ")
    assert "a border incident was reported. 5 people were detained." in record.summary


def test_a_statistic_summary(engine: Engine) -> None:
    record = _only(engine, "За лютий 2025 року в Україні відкрито 19000 справ про СЗЧ.", kind="statistic")
    assert record.summary == "У лютому 2025 р. в Україні: випадки СЗЧ — 19 000."
