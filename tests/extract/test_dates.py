"""Date finding and resolution in English, Ukrainian and Russian."""

from __future__ import annotations

import datetime

import pytest

from letopis.extract.dates import DateMention, ResolvedDate, find_dates, resolve_date

PUB = datetime.date(2025, 11, 5)  # a Wednesday
PREV = ResolvedDate("2025-10-20", "day", datetime.date(2025, 10, 20), datetime.date(2025, 10, 20))


def _only(text: str, lang: str) -> DateMention:
    found = find_dates(text, lang)
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


def _check(lang: str, text: str, surface: str, date: str, precision: str, *,
           published: datetime.date = PUB, previous: ResolvedDate | None = None) -> None:
    m = _only(text, lang)
    assert m.surface == surface
    assert text[m.start:m.end] == surface
    r = resolve_date(m, published=published, previous=previous)
    assert r is not None
    assert (r.date, r.precision) == (date, precision)


# --------------------------------------------------------------------------- absolute, no previous

ABSOLUTE = [
    # English
    ("en", "On October 18, 2025, police detained him.", "October 18, 2025", "2025-10-18", "day"),
    ("en", "Police came on 18 October.", "18 October", "2025-10-18", "day"),
    ("en", "He was seized on Oct. 18 near Lviv.", "Oct. 18", "2025-10-18", "day"),
    ("en", "On 18.10.2025 the court ruled.", "18.10.2025", "2025-10-18", "day"),
    ("en", "On 18.10 the court ruled.", "18.10", "2025-10-18", "day"),
    ("en", "Filed 2025-10-18 in Kyiv.", "2025-10-18", "2025-10-18", "day"),
    ("en", "It happened on the 18th of October 2024.", "the 18th of October 2024", "2024-10-18", "day"),
    ("en", "On Monday, October 20, a raid took place.", "Monday, October 20", "2025-10-20", "day"),
    ("en", "Sentenced on 5 May.", "5 May", "2025-05-05", "day"),
    ("en", "On May 5 police came.", "May 5", "2025-05-05", "day"),
    ("en", "Raids continued in October 2025.", "in October 2025", "2025-10", "month"),
    ("en", "Raids continued in October.", "in October", "2025-10", "month"),
    ("en", "Raids continued in December.", "in December", "2024-12", "month"),
    ("en", "in May 2024 the law changed", "in May 2024", "2024-05", "month"),
    ("en", "Raids began in March last year.", "in March last year", "2024-03", "month"),
    ("en", "Desertions rose in 2024.", "in 2024", "2024", "year"),
    ("en", "Raids in the summer of 2024 were frequent.", "in the summer of 2024", "2024-06", "season"),
    ("en", "It began in the winter of 2023/24.", "in the winter of 2023/24", "2023-12", "season"),
    ("en", "It began in the winter of 2024.", "in the winter of 2024", "2023-12", "season"),
    ("en", "Raids in early November.", "in early November", "2025-11", "month"),
    ("en", "A raid in mid-March.", "in mid-March", "2025-03", "month"),
    ("en", "Detained at the end of December.", "at the end of December", "2024-12", "month"),
    ("en", "Detained in late September 2025.", "in late September 2025", "2025-09", "month"),
    ("en", "Raids took place from 3 to 5 October.", "from 3 to 5 October", "2025-10-03", "week"),
    ("en", "Raids took place October 3-5.", "October 3-5", "2025-10-03", "week"),
    ("en", "Raids took place between October 1 and 20.", "between October 1 and 20", "2025-10", "month"),
    ("en", "Raids from October 29 to November 2.", "from October 29 to November 2", "2025-10-29", "week"),
    ("en", "Drones hit on the night of October 29 to 30.", "on the night of October 29 to 30", "2025-10-30", "day"),
    ("en", "Drones hit overnight into October 30.", "overnight into October 30", "2025-10-30", "day"),
    ("en", "Arrests in the first days of November.", "in the first days of November", "2025-11-01", "week"),
    ("en", "Arrests in the last week of October.", "in the last week of October", "2025-10-25", "week"),
    # Ukrainian
    ("uk", "18 жовтня 2025 року патруль зупинив авто.", "18 жовтня 2025 року", "2025-10-18", "day"),
    ("uk", "Це сталося 18-го жовтня.", "18-го жовтня", "2025-10-18", "day"),
    ("uk", "Це сталося в понеділок, 20 жовтня.", "в понеділок, 20 жовтня", "2025-10-20", "day"),
    ("uk", "Його затримали 18 травня.", "18 травня", "2025-05-18", "day"),
    ("uk", "Суд відбувся 18.10.2025 р. у Києві.", "18.10.2025 р.", "2025-10-18", "day"),
    ("uk", "Облави тривали у жовтні.", "у жовтні", "2025-10", "month"),
    ("uk", "Облави тривали у жовтні 2024 року.", "у жовтні 2024 року", "2024-10", "month"),
    ("uk", "Звіт за жовтень 2024 року.", "жовтень 2024 року", "2024-10", "month"),
    ("uk", "Облави тривають з травня 2024 року.", "з травня 2024 року", "2024-05", "month"),
    ("uk", "Це сталося у березні минулого року.", "у березні минулого року", "2024-03", "month"),
    ("uk", "Дезертирство зросло у 2024 році.", "у 2024 році", "2024", "year"),
    ("uk", "Дезертирство зросло 2023 року.", "2023 року", "2023", "year"),
    ("uk", "Дезертирство зросло у 2024-му.", "у 2024-му", "2024", "year"),
    ("uk", "Влітку облав побільшало.", "Влітку", "2025-06", "season"),
    ("uk", "Навесні облав побільшало.", "Навесні", "2025-03", "season"),
    ("uk", "Восени 2024 року облав побільшало.", "Восени 2024 року", "2024-09", "season"),
    ("uk", "Восени минулого року облав побільшало.", "Восени минулого року", "2024-09", "season"),
    ("uk", "Взимку 2023/24 облав побільшало.", "Взимку 2023/24", "2023-12", "season"),
    ("uk", "Облави почалися на початку листопада.", "на початку листопада", "2025-11", "month"),
    ("uk", "Облави почалися наприкінці грудня.", "наприкінці грудня", "2024-12", "month"),
    ("uk", "Облави почалися в середині березня.", "в середині березня", "2025-03", "month"),
    ("uk", "Облави почалися в перші дні листопада.", "в перші дні листопада", "2025-11-01", "week"),
    ("uk", "Облави тривали 3–5 жовтня.", "3–5 жовтня", "2025-10-03", "week"),
    ("uk", "Облави тривали з 3 по 5 жовтня.", "з 3 по 5 жовтня", "2025-10-03", "week"),
    ("uk", "Облави тривали з 1 по 20 жовтня.", "з 1 по 20 жовтня", "2025-10", "month"),
    ("uk", "Облави тривали з 29 жовтня по 2 листопада.", "з 29 жовтня по 2 листопада", "2025-10-29", "week"),
    ("uk", "У ніч на 30 жовтня дрони атакували.", "У ніч на 30 жовтня", "2025-10-30", "day"),
    ("uk", "В ніч з 29 на 30 жовтня дрони атакували.", "В ніч з 29 на 30 жовтня", "2025-10-30", "day"),
    # Russian
    ("ru", "18 октября задержали двоих.", "18 октября", "2025-10-18", "day"),
    ("ru", "18-го октября 2025 года задержали двоих.", "18-го октября 2025 года", "2025-10-18", "day"),
    ("ru", "Праздник 8 Марта прошёл спокойно.", "8 Марта", "2025-03-08", "day"),
    ("ru", "Облавы шли в октябре.", "в октябре", "2025-10", "month"),
    ("ru", "Облавы шли в октябре 2024 года.", "в октябре 2024 года", "2024-10", "month"),
    ("ru", "Облавы идут с мая.", "с мая", "2025-05", "month"),
    ("ru", "Это было в марте прошлого года.", "в марте прошлого года", "2024-03", "month"),
    ("ru", "Дезертирство выросло в 2024 году.", "в 2024 году", "2024", "year"),
    ("ru", "Дезертирство выросло в 2024 г.", "в 2024 г.", "2024", "year"),
    ("ru", "Летом облав стало больше.", "Летом", "2025-06", "season"),
    ("ru", "Зимой облав стало больше.", "Зимой", "2024-12", "season"),
    ("ru", "Летом 2024 года облав стало больше.", "Летом 2024 года", "2024-06", "season"),
    ("ru", "Осенью прошлого года облав стало больше.", "Осенью прошлого года", "2024-09", "season"),
    ("ru", "Облавы начались в начале ноября.", "в начале ноября", "2025-11", "month"),
    ("ru", "Облавы начались в середине марта.", "в середине марта", "2025-03", "month"),
    ("ru", "Облавы начались в конце декабря.", "в конце декабря", "2024-12", "month"),
    ("ru", "Облавы начались в первых числах ноября.", "в первых числах ноября", "2025-11-01", "week"),
    ("ru", "Облавы шли с 3 по 5 октября.", "с 3 по 5 октября", "2025-10-03", "week"),
    ("ru", "Облавы шли 3-5 октября.", "3-5 октября", "2025-10-03", "week"),
    ("ru", "В ночь на 30 октября дроны атаковали.", "В ночь на 30 октября", "2025-10-30", "day"),
    ("ru", "В ночь с 29 на 30 октября дроны атаковали.", "В ночь с 29 на 30 октября", "2025-10-30", "day"),
]


@pytest.mark.parametrize("lang,text,surface,date,precision", ABSOLUTE)
def test_absolute(lang: str, text: str, surface: str, date: str, precision: str) -> None:
    _check(lang, text, surface, date, precision)
    assert _only(text, lang).anchor in {"absolute", "report"}


# --------------------------------------------------------------------------- relative to the report

REPORT = [
    ("en", "He was detained yesterday.", "yesterday", "2025-11-04", "day"),
    ("en", "He was detained the day before yesterday.", "the day before yesterday", "2025-11-03", "day"),
    ("en", "He was detained today.", "today", "2025-11-05", "day"),
    ("en", "He was detained this morning.", "this morning", "2025-11-05", "day"),
    ("en", "Explosions were heard tonight.", "tonight", "2025-11-05", "day"),
    ("en", "He was detained 3 days ago.", "3 days ago", "2025-11-02", "day"),
    ("en", "He was detained two weeks ago.", "two weeks ago", "2025-10-20", "week"),
    ("en", "He was detained on Monday.", "on Monday", "2025-11-03", "day"),
    ("en", "He was detained on Wednesday.", "on Wednesday", "2025-11-05", "day"),
    ("en", "He was detained last week.", "last week", "2025-10-27", "week"),
    ("en", "He was detained this week.", "this week", "2025-11-03", "week"),
    ("en", "He was detained last month.", "last month", "2025-10", "month"),
    ("en", "He was detained last year.", "last year", "2024", "year"),
    ("en", "He was detained last summer.", "last summer", "2025-06", "season"),
    ("uk", "Його затримали вчора.", "вчора", "2025-11-04", "day"),
    ("uk", "Його затримали учора ввечері.", "учора ввечері", "2025-11-04", "day"),
    ("uk", "Його затримали позавчора.", "позавчора", "2025-11-03", "day"),
    ("en", "Over the past day, border guards stopped nine men.", "Over the past day", "2025-11-04", "day"),
    ("uk", "Впродовж останньої доби прикордонники затримали двох.", "Впродовж останньої доби", "2025-11-04", "day"),
    ("uk", "За минулу добу прикордонники затримали двох.", "За минулу добу", "2025-11-04", "day"),
    ("ru", "За прошедшие сутки пограничники задержали двоих.", "За прошедшие сутки", "2025-11-04", "day"),
    ("uk", "Його затримали сьогодні вранці.", "сьогодні вранці", "2025-11-05", "day"),
    ("uk", "Його затримали 5 днів тому.", "5 днів тому", "2025-10-31", "day"),
    ("uk", "Його затримали два дні тому.", "два дні тому", "2025-11-03", "day"),
    ("uk", "Його затримали тиждень тому.", "тиждень тому", "2025-10-27", "week"),
    ("uk", "Його затримали у понеділок.", "у понеділок", "2025-11-03", "day"),
    ("uk", "Його затримали минулої п'ятниці.", "минулої п'ятниці", "2025-10-31", "day"),
    ("uk", "У ніч на неділю дрони атакували.", "У ніч на неділю", "2025-11-02", "day"),
    ("uk", "Його затримали минулого тижня.", "минулого тижня", "2025-10-27", "week"),
    ("uk", "Його затримали цього тижня.", "цього тижня", "2025-11-03", "week"),
    ("uk", "Його затримали минулого місяця.", "минулого місяця", "2025-10", "month"),
    ("uk", "Його затримали торік.", "торік", "2024", "year"),
    ("uk", "Його затримали минулого року.", "минулого року", "2024", "year"),
    ("uk", "Облави тривали минулого літа.", "минулого літа", "2025-06", "season"),
    ("ru", "Его задержали вчера.", "вчера", "2025-11-04", "day"),
    ("ru", "Его задержали позавчера.", "позавчера", "2025-11-03", "day"),
    ("ru", "Его задержали сегодня утром.", "сегодня утром", "2025-11-05", "day"),
    ("ru", "Его задержали 3 дня назад.", "3 дня назад", "2025-11-02", "day"),
    ("ru", "Его задержали неделю назад.", "неделю назад", "2025-10-27", "week"),
    ("ru", "Его задержали в понедельник.", "в понедельник", "2025-11-03", "day"),
    ("ru", "Его задержали в прошлую пятницу.", "в прошлую пятницу", "2025-10-31", "day"),
    ("ru", "В ночь на воскресенье дроны атаковали.", "В ночь на воскресенье", "2025-11-02", "day"),
    ("ru", "Его задержали на прошлой неделе.", "на прошлой неделе", "2025-10-27", "week"),
    ("ru", "Его задержали в прошлом месяце.", "в прошлом месяце", "2025-10", "month"),
    ("ru", "Его задержали в прошлом году.", "в прошлом году", "2024", "year"),
    ("ru", "Облавы шли прошлым летом.", "прошлым летом", "2025-06", "season"),
]


@pytest.mark.parametrize("lang,text,surface,date,precision", REPORT)
def test_report_relative(lang: str, text: str, surface: str, date: str, precision: str) -> None:
    _check(lang, text, surface, date, precision, previous=PREV)
    assert _only(text, lang).anchor == "report"


def test_last_weekday_is_strictly_before() -> None:
    monday = datetime.date(2025, 11, 3)
    m = _only("He was detained last Monday.", "en")
    assert resolve_date(m, published=monday, previous=None).date == "2025-10-27"  # type: ignore[union-attr]
    m = _only("He was detained on Monday.", "en")
    assert resolve_date(m, published=monday, previous=None).date == "2025-11-03"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- chained to the previous date

CHAIN = [
    ("en", "Two days earlier, a patrol stopped him.", "Two days earlier", "2025-10-18", "day"),
    ("en", "2 days later he escaped.", "2 days later", "2025-10-22", "day"),
    ("en", "A day later he escaped.", "A day later", "2025-10-21", "day"),
    ("en", "The next day he escaped.", "The next day", "2025-10-21", "day"),
    ("en", "The following day he escaped.", "The following day", "2025-10-21", "day"),
    ("en", "He escaped the same day.", "the same day", "2025-10-20", "day"),
    ("en", "He escaped on the same day.", "on the same day", "2025-10-20", "day"),
    ("en", "He escaped that day.", "that day", "2025-10-20", "day"),
    ("en", "He was caught the day before.", "the day before", "2025-10-19", "day"),
    ("en", "A week later he was caught.", "A week later", "2025-10-27", "day"),
    ("en", "Three days before that, he fled.", "Three days before that", "2025-10-17", "day"),
    ("en", "Raids intensified later that month.", "later that month", "2025-10", "month"),
    ("en", "Raids intensified that summer.", "that summer", "2025-06", "season"),
    ("en", "Raids intensified a month later.", "a month later", "2025-11", "month"),
    ("en", "A few days later he fled.", "A few days later", "2025-10-21", "week"),
    ("uk", "Наступного дня його звільнили.", "Наступного дня", "2025-10-21", "day"),
    ("uk", "На наступний день його звільнили.", "На наступний день", "2025-10-21", "day"),
    ("uk", "Наступного ранку його звільнили.", "Наступного ранку", "2025-10-21", "day"),
    ("uk", "Напередодні його затримали.", "Напередодні", "2025-10-19", "day"),
    ("uk", "Того ж дня його звільнили.", "Того ж дня", "2025-10-20", "day"),
    ("uk", "Того самого дня його звільнили.", "Того самого дня", "2025-10-20", "day"),
    ("uk", "За два дні до того його затримали.", "За два дні до того", "2025-10-18", "day"),
    ("uk", "Через тиждень його звільнили.", "Через тиждень", "2025-10-27", "day"),
    ("uk", "Через три дні його звільнили.", "Через три дні", "2025-10-23", "day"),
    ("uk", "Тоді ж затримали ще одного.", "Тоді ж", "2025-10-20", "day"),
    ("uk", "Двома днями раніше його затримали.", "Двома днями раніше", "2025-10-18", "day"),
    ("uk", "Того ж місяця облави посилились.", "Того ж місяця", "2025-10", "month"),
    ("uk", "Того літа облави посилились.", "Того літа", "2025-06", "season"),
    ("ru", "На следующий день его отпустили.", "На следующий день", "2025-10-21", "day"),
    ("ru", "На другой день его отпустили.", "На другой день", "2025-10-21", "day"),
    ("ru", "Накануне его задержали.", "Накануне", "2025-10-19", "day"),
    ("ru", "В тот же день его отпустили.", "В тот же день", "2025-10-20", "day"),
    ("ru", "За два дня до этого его задержали.", "За два дня до этого", "2025-10-18", "day"),
    ("ru", "Через неделю его отпустили.", "Через неделю", "2025-10-27", "day"),
    ("ru", "Днем ранее его задержали.", "Днем ранее", "2025-10-19", "day"),
    ("ru", "Двумя днями ранее его задержали.", "Двумя днями ранее", "2025-10-18", "day"),
    ("ru", "Спустя три дня его отпустили.", "Спустя три дня", "2025-10-23", "day"),
    ("ru", "Тогда же задержали ещё одного.", "Тогда же", "2025-10-20", "day"),
    ("ru", "Тем же летом облавы усилились.", "Тем же летом", "2025-06", "season"),
    ("ru", "В том же месяце облавы усилились.", "В том же месяце", "2025-10", "month"),
]


@pytest.mark.parametrize("lang,text,surface,date,precision", CHAIN)
def test_chained(lang: str, text: str, surface: str, date: str, precision: str) -> None:
    _check(lang, text, surface, date, precision, previous=PREV)
    assert _only(text, lang).anchor == "chain"


@pytest.mark.parametrize("lang,text", [
    ("en", "The next day he escaped."), ("uk", "Наступного дня його звільнили."),
    ("ru", "На следующий день его отпустили."),
])
def test_chain_without_previous_counts_from_publication(lang: str, text: str) -> None:
    r = resolve_date(_only(text, lang), published=PUB, previous=None)
    assert r is not None and r.date == "2025-11-06"


@pytest.mark.parametrize("lang,text", [
    ("en", "The next day he escaped."), ("uk", "Наступного дня його звільнили."),
    ("ru", "На следующий день его отпустили."), ("en", "Two days earlier he fled."),
])
def test_chain_keeps_coarse_precision(lang: str, text: str) -> None:
    month = ResolvedDate("2025-10", "month", datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
    r = resolve_date(_only(text, lang), published=PUB, previous=month)
    assert r == month  # never invent a day


# --------------------------------------------------------------------------- traps

TRAPS = [
    ("en", "May 5 people were detained in Odesa."),
    ("en", "They march to the square every week."),
    ("en", "He was charged under art. 336 of the code."),
    ("en", "The raid began at 14:30."),
    ("en", "2025 people were detained."),
    ("en", "Two days before the vote, nothing happened"),
    ("uk", "Його обвинувачують за ст. 336 ККУ."),
    ("uk", "Облава почалася о 14:30."),
    ("uk", "Напередодні Дня Незалежності все було тихо."),
    ("ru", "Марта пришла домой поздно."),
    ("ru", "Мая Петрова дала показания."),
    ("ru", "Его осудили по ст. 328 УК РФ."),
    ("ru", "Выплата составила 1.5 млн рублей."),
]


@pytest.mark.parametrize("lang,text", TRAPS)
def test_traps_are_not_dates(lang: str, text: str) -> None:
    assert find_dates(text, lang) == []


# --------------------------------------------------------------------------- year-less dates

NEW_YEAR = datetime.date(2026, 1, 5)


@pytest.mark.parametrize("lang,text,date", [
    ("uk", "Його затримали 28 грудня.", "2025-12-28"),
    ("ru", "Его задержали 28 декабря.", "2025-12-28"),
    ("en", "He was detained on December 28.", "2025-12-28"),
    ("uk", "Його затримали 3 січня.", "2026-01-03"),
    ("uk", "Його затримали 6 січня.", "2026-01-06"),   # a day after publication: time zones
    ("uk", "Його затримали 7 січня.", "2025-01-07"),
    ("uk", "Облави тривали в грудні.", "2025-12"),
    ("ru", "Облавы начались в начале января.", "2026-01"),
])
def test_year_less_dates_around_new_year(lang: str, text: str, date: str) -> None:
    r = resolve_date(_only(text, lang), published=NEW_YEAR, previous=None)
    assert r is not None and r.date == date


def test_year_less_date_prefers_the_previous_incidents_year() -> None:
    published = datetime.date(2026, 3, 1)
    m = _only("Його затримали 20 лютого.", "uk")
    assert resolve_date(m, published=published, previous=None).date == "2026-02-20"  # type: ignore[union-attr]
    june = ResolvedDate("2025-06-10", "day", datetime.date(2025, 6, 10), datetime.date(2025, 6, 10))
    assert resolve_date(m, published=published, previous=june).date == "2025-02-20"  # type: ignore[union-attr]


def test_year_less_date_never_after_publication_even_near_previous() -> None:
    published = datetime.date(2025, 11, 5)
    prev = ResolvedDate("2025-10-30", "day", datetime.date(2025, 10, 30), datetime.date(2025, 10, 30))
    m = _only("On November 10 he was released.", "en")
    assert resolve_date(m, published=published, previous=prev).date == "2024-11-10"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- digests

def _digest(text: str, lang: str, published: datetime.date) -> list[tuple[str, str, str]]:
    out, previous = [], None
    for m in find_dates(text, lang):
        r = resolve_date(m, published=published, previous=previous)
        assert r is not None, m
        out.append((m.surface, r.date, r.precision))
        previous = r
    return out


def test_digest_en() -> None:
    text = ("On October 20 police detained two men in Lviv. Two days earlier, on October 18, a patrol "
            "stopped a car. The next day a conscript escaped. That summer, similar raids were reported. "
            "Yesterday another man was detained.")
    assert _digest(text, "en", PUB) == [
        ("October 20", "2025-10-20", "day"), ("Two days earlier", "2025-10-18", "day"),
        ("October 18", "2025-10-18", "day"), ("The next day", "2025-10-19", "day"),
        ("That summer", "2025-06", "season"), ("Yesterday", "2025-11-04", "day"),
    ]


def test_digest_uk() -> None:
    text = ("20 жовтня в Одесі затримали двох чоловіків. За два дні до того, 18 жовтня, ТЦК зупинили "
            "автобус. Наступного дня чоловік утік. Того ж дня у Києві затримали ще одного. "
            "Наприкінці вересня були схожі випадки. Позавчора затримали ще трьох.")
    assert _digest(text, "uk", PUB) == [
        ("20 жовтня", "2025-10-20", "day"), ("За два дні до того", "2025-10-18", "day"),
        ("18 жовтня", "2025-10-18", "day"), ("Наступного дня", "2025-10-19", "day"),
        ("Того ж дня", "2025-10-19", "day"), ("Наприкінці вересня", "2025-09", "month"),
        ("Позавчора", "2025-11-03", "day"),
    ]


def test_digest_ru_across_new_year() -> None:
    text = ("3 января в Москве задержали двоих. Накануне полиция проводила рейды. 28 декабря "
            "задержали пятерых, на следующий день отпустили. Через неделю рейды возобновились.")
    assert _digest(text, "ru", NEW_YEAR) == [
        ("3 января", "2026-01-03", "day"), ("Накануне", "2026-01-02", "day"),
        ("28 декабря", "2025-12-28", "day"), ("на следующий день", "2025-12-29", "day"),
        ("Через неделю", "2026-01-05", "day"),
    ]


# --------------------------------------------------------------------------- offsets and ordering

def test_offsets_are_exact_and_sorted() -> None:
    text = "Police said that on 18 October 2025 two men were taken; the next day, one more."
    found = find_dates(text, "en")
    assert [m.surface for m in found] == ["18 October 2025", "the next day"]
    for m in found:
        assert text[m.start:m.end] == m.surface
    assert found[0].start == text.index("18 October")
    assert found[0].end < found[1].start


def test_unknown_language_falls_back_to_english() -> None:
    assert [m.surface for m in find_dates("on 18 October", "de")] == ["18 October"]


def test_resolved_spans() -> None:
    r = resolve_date(_only("in the winter of 2023/24", "en"), published=PUB, previous=None)
    assert r is not None
    assert (r.first, r.last) == (datetime.date(2023, 12, 1), datetime.date(2024, 2, 29))
    r = resolve_date(_only("last week", "en"), published=PUB, previous=None)
    assert r is not None and (r.first, r.last) == (datetime.date(2025, 10, 27), datetime.date(2025, 11, 2))


EXTRA = [
    ("en", "Filed on 10/18/2025.", "10/18/2025", "2025-10-18", "day", "absolute"),
    ("en", "Raids grew this summer.", "this summer", "2025-06", "season", "report"),
    ("en", "Drones hit overnight into Sunday.", "overnight into Sunday", "2025-11-02", "day", "report"),
    ("en", "A year later he was released.", "A year later", "2026", "year", "chain"),
    ("en", "He was caught in March that year.", "in March that year", "2025-03", "month", "chain"),
    ("uk", "Його затримали у березні того ж року.", "у березні того ж року", "2025-03", "month", "chain"),
    ("uk", "Його затримали 18 жовтня минулого року.", "18 жовтня минулого року", "2024-10-18", "day", "report"),
    ("uk", "Його затримали кілька днів тому.", "кілька днів тому", "2025-10-29", "week", "report"),
    ("uk", "Через місяць його звільнили.", "Через місяць", "2025-11", "month", "chain"),
    ("uk", "Облави тривали у 2022–2023 роках.", "у 2022–2023 роках", "2022", "year", "absolute"),
    ("ru", "Облавы шли в последние дни октября.", "в последние дни октября", "2025-10-25", "week", "absolute"),
    ("ru", "Через несколько дней его отпустили.", "Через несколько дней", "2025-10-21", "week", "chain"),
    ("ru", "Облавы шли на этой неделе.", "на этой неделе", "2025-11-03", "week", "report"),
    ("ru", "В том же году облавы усилились.", "В том же году", "2025", "year", "chain"),
]


@pytest.mark.parametrize("lang,text,surface,date,precision,anchor", EXTRA)
def test_more_forms(lang: str, text: str, surface: str, date: str, precision: str, anchor: str) -> None:
    _check(lang, text, surface, date, precision, previous=PREV)
    assert _only(text, lang).anchor == anchor


def test_a_background_season_does_not_pull_later_dates_into_its_year():
    from datetime import date

    from letopis.extract.dates import ResolvedDate, find_dates, resolve_date

    published = date(2026, 11, 5)
    since = ResolvedDate("2022-03", "season", date(2022, 3, 1), date(2022, 5, 31))
    for text, lang in (("1 октября в Одессе", "ru"), ("1 жовтня в Одесі", "uk"), ("On October 1 in Odesa", "en")):
        mention = find_dates(text, lang)[0]
        assert resolve_date(mention, published=published, previous=since).date == "2026-10-01"


def test_a_digest_reading_back_in_time_keeps_the_year_of_its_dates():
    from datetime import date

    from letopis.extract.dates import ResolvedDate, find_dates, resolve_date

    published = date(2025, 11, 20)
    march = ResolvedDate("2024-03-14", "day", date(2024, 3, 14), date(2024, 3, 14))
    for text, lang in (("5 квітня", "uk"), ("5 апреля", "ru"), ("April 5", "en")):
        mention = find_dates(text, lang)[0]
        assert resolve_date(mention, published=published, previous=march).date == "2024-04-05"
    recent = ResolvedDate("2025-10-30", "day", date(2025, 10, 30), date(2025, 10, 30))
    mention = find_dates("28 жовтня", "uk")[0]
    assert resolve_date(mention, published=published, previous=recent).date == "2025-10-28"


def test_a_day_after_publication_is_the_same_year_but_a_month_is_not() -> None:
    """A page dated 8 February (UTC) whose dateline says 9 February (local time) is this year's
    9 February, not last year's; "in February" on 31 January is still last February."""
    _check("en", "MOSCOW, February 9. Border guards said.", "February 9", "2024-02-09", "day",
           published=datetime.date(2024, 2, 8))
    _check("en", "On February 10 the court ruled.", "February 10", "2023-02-10", "day",
           published=datetime.date(2024, 2, 8))
    _check("en", "In February, 9,100 people were stopped.", "In February", "2022-02", "month",
           published=datetime.date(2023, 1, 31))
