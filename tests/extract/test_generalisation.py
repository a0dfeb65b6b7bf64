"""Mechanisms that carry the engine beyond the reports it was tuned on (sentences written for these tests)."""

from datetime import date

import pytest

from letopis.extract.cues import find_cues, is_call_to_action, is_denial, is_generic
from letopis.extract.dates import find_dates, resolve_date
from letopis.extract.engine import Engine
from letopis.model import Report

PUB = date(2026, 3, 11)  # a Wednesday


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _run(engine, text, published=PUB):
    return engine.extract(Report(text=text, published=published))


def _resolve(text, lang, previous=None):
    (mention,) = find_dates(text, lang)
    return resolve_date(mention, published=PUB, previous=previous)


@pytest.mark.parametrize("text,lang", [
    ("At the weekend two men were seized in a park.", "en"),
    ("У минулі вихідні двох чоловіків схопили в парку.", "uk"),
    ("В минувшие выходные двоих мужчин схватили в парке.", "ru"),
])
def test_weekend_is_the_last_saturday_with_week_precision(text, lang):
    resolved = _resolve(text, lang)
    assert (resolved.date, resolved.precision) == ("2026-03-07", "week")


@pytest.mark.parametrize("text,lang", [
    ("A driver was stopped on the 4th and taken to the office.", "en"),
    ("Водія зупинили 4-го і відвезли до ТЦК.", "uk"),
    ("Водителя остановили 4-го числа и увезли.", "ru"),
])
def test_day_of_month_takes_the_known_month(text, lang):
    assert _resolve(text, lang).date == "2026-03-04"


def test_day_of_month_is_not_an_ordinal_before_a_noun():
    assert find_dates("the 4th brigade moved north", "en") == []


@pytest.mark.parametrize("text,lang", [
    ("At the beginning of the week a raid took place.", "en"),
    ("На початку тижня відбувся рейд.", "uk"),
    ("В начале недели прошёл рейд.", "ru"),
])
def test_start_of_week_is_this_monday(text, lang):
    resolved = _resolve(text, lang)
    assert (resolved.date, resolved.precision) == ("2026-03-09", "week")


@pytest.mark.parametrize("text", [
    "📩 Send us your videos, we keep sources anonymous",
    "Надсилайте нам фото та відео з місця подій",
    "Присылайте видео, анонимность гарантируем",
    "#облава #тцк #одеса",
])
def test_calls_to_action_and_tag_lines(text):
    assert is_call_to_action(text)


@pytest.mark.parametrize("text", [
    "The district office denies that anyone was beaten.",
    "У військкоматі побиття заперечують.",
    "В военкомате избиение отрицают.",
])
def test_denials(text):
    assert is_denial(text)


@pytest.mark.parametrize("text", [
    "Arson attacks on enlistment offices have become more frequent.",
    "Підпали автівок ТЦК почастішали.",
    "Поджоги машин военкомата участились.",
])
def test_trend_sentences_are_generic(text):
    assert is_generic(text)


def test_delay_is_not_a_detention():
    assert "detain" not in find_cues("данные публикуются с задержкой")


@pytest.mark.parametrize("text", [
    "they pushed him inside a grey van",
    "хлопця запакували в мікроавтобус",
    "парня затолкнули в машину",
])
def test_forced_into_a_vehicle_is_a_detention(text):
    assert "detain" in find_cues(text)


@pytest.mark.parametrize("text,count", [
    ("On 9 March 2026 a conscript was beaten by recruiters at the office in Sumy.\n\n"
     "The office denies that he was beaten.", 1),
    ("9 березня 2026 року в Сумах у ТЦК побили мобілізованого.\n\n"
     "У ТЦК побиття заперечують.", 1),
    ("9 марта 2026 года в Курске в военкомате избили призывника.\n\n"
     "В военкомате избиение отрицают.", 1),
])
def test_a_denial_adds_no_record(engine, text, count):
    assert len([r for r in _run(engine, text) if r.kind == "incident"]) == count


@pytest.mark.parametrize("text", [
    "9 березня 2026 року в Сумах мобілізованого побили у ТЦК. Чоловіка затримали напередодні ввечері на вокзалі.",
    "9 марта 2026 года в Курске мобилизованного избили в военкомате. Мужчину задержали накануне вечером на вокзале.",
    "On 9 March 2026 in Sumy a conscript was beaten at the TCC. "
    "The man had been detained the day before at the station.",
])
def test_an_earlier_step_told_of_the_same_person_stays_in_the_incident(engine, text):
    incidents = [r for r in _run(engine, text) if r.kind == "incident"]
    assert [r.event_type for r in incidents] == ["abuse_of_conscripts"]


@pytest.mark.parametrize("text", [
    "On 2 February 2026 a smuggler led four men towards the Moldovan border near Izmail. "
    "At dawn all five were detained by border guards.",
    "2 лютого 2026 року провідник повів чотирьох чоловіків до кордону з Молдовою біля Ізмаїла. "
    "На світанку всіх п'ятьох затримали прикордонники.",
    "2 февраля 2026 года проводник повёл четверых мужчин к границе с Молдовой у Измаила. "
    "На рассвете всех пятерых задержали пограничники.",
])
def test_paragraph_opening_date_carries_to_its_incident(engine, text):
    (record,) = [r for r in _run(engine, text) if r.kind == "incident"]
    assert record.date == "2026-02-02"


@pytest.mark.parametrize("text", [
    "On 5 March 2026, the Sumy District Court delivered its verdict "
    "against a man who ignored the recruitment office.\n\n"
    "The court found a 41-year-old man guilty and sentenced him to three years in prison.",
    "5 березня 2026 року Сумський районний суд ухвалив вирок у справі чоловіка, який не з'явився до ТЦК.\n\n"
    "Суд визнав винним 41-річного чоловіка та засудив його до трьох років позбавлення волі.",
    "5 марта 2026 года Курский районный суд вынес приговор по делу мужчины, который не явился в военкомат.\n\n"
    "Суд признал виновным 41-летнего мужчину и приговорил его к трём годам лишения свободы.",
])
def test_one_court_decision_is_one_record(engine, text):
    records = [r for r in _run(engine, text) if r.kind == "incident"]
    assert [(r.event_type, r.date) for r in records] == [("legal_action", "2026-03-05")]


@pytest.mark.parametrize("text,value", [
    ("In 2025 border guards detained 11,400 men trying to leave the country outside checkpoints.", 11400),
    ("За лютий 2026 року зареєстровано 15 210 кримінальних проваджень за статтею 407.", 15210),
    ("За январь–февраль 2026 года пограничники задержали 1 310 мужчин на границе.", 1310),
])
def test_a_figure_dated_by_a_whole_period_is_a_statistic(engine, text, value):
    records = _run(engine, text)
    assert [(r.kind, r.value) for r in records] == [("statistic", value)]
