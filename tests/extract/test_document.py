"""Reading a report as a whole: fragments join one incident, undated news takes its publication
date, military action and attributions are no incidents (texts written for these tests)."""

from datetime import date

import pytest

from letopis.extract.document import read_whole
from letopis.extract.engine import Engine
from letopis.model import Location, Record, Report

PUB = date(2026, 3, 12)


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _incidents(engine, text, published=PUB):
    return [r for r in engine.extract(Report(text=text, published=published)) if r.kind == "incident"]


# --- one incident told over several sentences and paragraphs is one record ---------------------

@pytest.mark.parametrize("text", [
    "У Житомирі працівники ТЦК затримали чоловіка біля супермаркету. Очевидці кажуть, що його "
    "повалили на асфальт і били ногами.\n\nУ ТЦК заявили, що чоловік сам чинив опір. Потерпілого "
    "госпіталізували з переломом руки.",
    "В Житомире сотрудники ТЦК задержали мужчину у супермаркета. По словам очевидцев, его повалили "
    "на асфальт и избили.\n\nВ ТЦК заявили, что мужчина сам оказал сопротивление. Пострадавшего "
    "госпитализировали с переломом руки.",
    "In Zhytomyr, TCC officers detained a man outside a supermarket. Witnesses say he was beaten "
    "on the pavement.\n\nThe TCC said the man had resisted. The victim was taken to hospital "
    "with a broken arm.",
])
def test_a_news_item_tells_one_incident(engine, text):
    records = _incidents(engine, text)
    assert len(records) == 1
    assert records[0].location is not None and records[0].location.name == "Zhytomyr"
    assert records[0].event_type == "abuse_of_conscripts"


def test_the_attackers_arrest_and_custody_belong_to_the_attack(engine):
    text = ("On Sunday night a man threw a bottle with a flammable mixture at a TCC building in Uman. "
            "Police detained the suspect the next morning.\n\n"
            "On Tuesday a court remanded him in custody for 60 days.")
    records = _incidents(engine, text, date(2026, 3, 11))
    assert len(records) == 1
    assert records[0].event_type == "attack_on_officials"
    assert records[0].date == "2026-03-08"   # the attack's night, not the court's day


@pytest.mark.parametrize("text", [
    # two days, two incidents
    "5 березня в Черкасах група оповіщення затримала двох чоловіків. Наступного дня там само "
    "перехожі не дали посадити в бус третього.",
    # 'the same day' marks a second event
    "Во вторник в Краснодаре полиция задержала администратора телеграм-канала за посты. "
    "В тот же день Роскомнадзор ограничил доступ к сайту местного издания.",
])
def test_marked_or_differently_dated_events_stay_apart(engine, text):
    assert len(_incidents(engine, text)) == 2


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "У Хмельницькому працівники ТЦК силоміць посадили в бус двох чоловіків.",
    "В Хмельницком сотрудники ТЦК силой затолкали в бус двоих мужчин.",
    "In Khmelnytskyi, TCC officers forced two men into a minibus.",
])
def test_undated_news_takes_its_publication_date(engine, text):
    (record,) = _incidents(engine, text)
    assert (record.date, record.date_precision, record.date_source) == ("2026-03-12", "day", "publication")


def test_a_date_from_the_text_says_so(engine):
    (record,) = _incidents(engine, "On 9 March TCC officers in Khmelnytskyi forced two men into a minibus.")
    assert (record.date, record.date_source) == ("2026-03-09", "text")


# --- what is not an incident ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Overnight Russian drones struck an energy facility in Sumy region; two workers were injured.",
    "Вночі росіяни атакували дронами Запоріжжя: загинула жінка, ще троє людей поранені.",
    "Ночью беспилотники атаковали Белгород, пострадали двое мирных жителей.",
])
def test_military_action_is_out_of_scope(engine, text):
    assert _incidents(engine, text) == []


def test_police_catching_a_robber_is_no_attack_on_officials(engine):
    text = "В Москве полиция задержала мужчину, который напал с ножом на продавщицу магазина."
    assert all(r.event_type != "attack_on_officials" for r in _incidents(engine, text))


@pytest.mark.parametrize("text, expected", [
    ("У Вінниці натовп напав на працівників ТЦК і відбив затриманого чоловіка.", "resistance"),
    ("У Вінниці чоловік напав з ножем на працівника ТЦК.", "attack_on_officials"),
])
def test_many_attackers_resist_one_attacks(engine, text, expected):
    (record,) = _incidents(engine, text)
    assert record.event_type == expected


def test_an_attribution_sentence_is_no_second_record(engine):
    text = ("У Луцьку чоловік вдарив ножем військовослужбовця ТЦК під час перевірки документів.\n\n"
            "Про це повідомляє пресслужба обласної поліції.")
    assert len(_incidents(engine, text)) == 1


# --- the joining rule itself ----------------------------------------------------------------------

def _record(start, end, event_type, date_=None, place=None, quote="x"):
    return Record(kind="incident", date=date_, date_precision="day" if date_ else None, event_type=event_type,
                  location=place, fatalities=None, injured=None, detained=None, actors=(), summary="",
                  quote=quote, start=start, end=end, language="en", confidence=0.5)


KYIV = Location("Kyiv", "Kyiv", "UA", 50.45, 30.52, 1)
LVIV = Location("Lviv", "Lviv Oblast", "UA", 49.84, 24.03, 1)
UKRAINE = Location("Ukraine", None, "UA", 50.45, 30.52, 3)


def test_far_apart_towns_are_two_incidents():
    text = "a" * 40
    out = read_whole([_record(0, 10, "resistance", place=KYIV), _record(20, 30, "resistance", place=LVIV)],
                     text, PUB)
    assert len(out) == 2


def test_a_country_contains_its_towns_and_the_finer_place_wins():
    text = "a" * 40
    out = read_whole([_record(0, 10, "resistance", "2026-03-10", UKRAINE),
                      _record(11, 30, "resistance", None, LVIV)], text, PUB)
    assert len(out) == 1 and out[0].location == LVIV and (out[0].start, out[0].end) == (0, 30)


@pytest.mark.parametrize("text", [
    "On Tuesday the State Duma adopted a bill that raises fines for failing to register at the military office.",
    "Законопроєкт про посилення відповідальності ухилянтів зареєстрували у Верховній Раді 10 березня.",
    "A law regulating the activities of foreign agents came into force in Russia on 1 December.",
    "On Monday the regional police chief accused Russia of orchestrating the blasts at recruitment offices.",
    "There have been multiple cases of suspected abuse by recruitment officers in the region this year.",
    "On Friday Ukraine and Russia carried out a prisoner exchange; 390 people returned home.",
])
def test_laws_accusations_many_cases_and_exchanges_are_no_incidents(engine, text):
    assert _incidents(engine, text) == []


def test_a_short_report_is_one_incident_across_its_region():
    # the district TCC office and the hospital are in the incident's region, not new incidents
    text = ("У Бердичеві працівники ТЦК затримали чоловіка та побили його.\n\n"
            "Потерпілого доставили до лікарні в Житомирі, де йому наклали шви.")
    assert len(_incidents(engine=Engine(), text=text)) == 1


def test_a_reminder_of_an_earlier_incident_is_a_second_one(engine):
    text = ("Сьогодні в Харкові на Салтівці працівники ТЦК запакували в бус двох чоловіків.\n\n"
            "Нагадаємо, в минулу п'ятницю в Харкові сусіди відбили хлопця у групи оповіщення.")
    assert len(_incidents(engine, text)) == 2


def test_a_passage_naming_only_the_country_takes_the_town_named_next(engine):
    text = ("On Sunday a crowd attacked a conscription facility in Ukraine and freed three recruits. "
            "The raid took place in Kalush, police said.")
    (record,) = _incidents(engine, text)
    assert record.location is not None and record.location.name == "Kalush"


def test_an_undated_case_file_sentence_is_background_of_the_court_news(engine):
    text = ("Суд у Полтаві засудив чоловіка до п'яти років позбавлення волі за державну зраду.\n\n"
            "За матеріалами справи, обвинувачений передавав окупантам координати позицій ЗСУ.")
    assert len(_incidents(engine, text)) == 1


def test_an_author_line_is_no_part_of_the_lead(engine):
    text = "Денис Молотов\nВ Уманському районі чоловік ударив ножем працівника ТЦК."
    (record,) = _incidents(engine, text)
    assert record.quote.startswith("В Уманському")


@pytest.mark.parametrize("text", [
    "У Дніпрі поліція викрила схему: трьох керівників медзакладів затримали за продаж довідок ухилянтам.",
    "В Самаре следователи задержали двух мужчин, которые продавали поддельные справки уклонистам.",
])
def test_a_detention_in_a_report_of_the_police_only_is_court_news(engine, text):
    assert [r.event_type for r in _incidents(engine, text)] == ["legal_action"]


def test_the_casualties_of_a_strike_are_war_news(engine):
    text = ("Вночі росіяни атакували Київщину дронами та ракетами.\n\n"
            "У Фастівському районі постраждали п'ятеро працівників хлібозаводу, їх госпіталізували.")
    assert _incidents(engine, text) == []


def test_a_bill_gives_no_statistic(engine):
    text = "Согласно законопроекту, штраф для 12 тысяч водителей вырастет до 5 тысяч рублей в 2026 году."
    assert engine.extract(Report(text=text, published=PUB)) == []


def test_an_institution_of_another_country_is_no_place_of_the_incident(engine):
    text = ("В Одессе сотрудники ТЦК задержали мужчину и избили его. "
            "После доставки в Приморский районный ТЦК избиение продолжилось.")
    places = {r.location.country for r in _incidents(engine, text) if r.location}
    assert places == {"UA"}


def test_an_undated_item_of_a_digest_is_not_news_of_its_publication_day(engine):
    text = ("Огляд тижня.\n\n"
            "3 березня у Полтаві працівники ТЦК затримали двох чоловіків.\n\n"
            "5 березня у Сумах мешканці заблокували бус ТЦК.\n\n"
            "7 березня у Черкасах чоловік напав з ножем на працівника ТЦК.\n\n"
            "У Чернігові перехожі відбили чоловіка у групи оповіщення.")
    undated = [r for r in _incidents(engine, text) if r.location and r.location.name == "Chernihiv"]
    assert undated and all(r.date_source != "publication" for r in undated)
