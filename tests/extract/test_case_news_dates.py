"""Court and case news, on texts written for these tests: the case step told as the news is dated by
its own day (the publication day when the text gives none), not by the case file's story of the
offence told after it; an act judged long before is a record of its own when it is an event; the
day a law or penalty began is background; a reminder of an earlier incident does not date the news;
a country named as a party of the war is not the scene of a state's act, which is placed in the state
whose institutions act."""

from datetime import date

import pytest

from letopis.extract.engine import Engine
from letopis.model import Report


@pytest.fixture(scope="module")
def engine():
    return Engine(judged=False)


def _incidents(engine, text, published, lang):
    return [r for r in engine.extract(Report(text=text, published=published, language=lang))
            if r.kind == "incident"]


@pytest.mark.parametrize("text,lang,published", [
    ("Невский районный суд Санкт-Петербурга приговорил бывшего охранника школы к пяти годам колонии по делу "
     "о «фейках» об армии.\n\nСогласно материалам дела, 3 апреля 2022 года мужчина опубликовал во «ВКонтакте» "
     "пост с заведомо ложными сведениями о действиях армии.", "ru", date(2025, 9, 18)),
    ("У Гадячі суд призначив покарання у вигляді позбавлення волі чоловіку, який ухилявся від мобілізації.\n\n"
     "Під час засідання стало відомо, що чоловік пройшов військово-лікарську комісію ще у липні 2024 року та "
     "отримав повістку.", "uk", date(2026, 2, 25)),
    ("Правоохоронці оголосили підозру колишньому начальнику районного ТЦК на Київщині.\n\n"
     "Слідчі з'ясували, що у березні 2022 року посадовець без законних підстав забрав вісім автомобілів у "
     "двох компаній.", "uk", date(2026, 2, 2)),
])
def test_a_case_step_told_as_the_news_is_dated_by_its_own_day(engine, text, lang, published):
    records = _incidents(engine, text, published, lang)
    assert records
    lead = records[0]
    assert (lead.date, lead.date_precision, lead.date_source) == (published.isoformat(), "day", "publication")


def test_a_recent_dated_act_still_dates_its_follow_up(engine):
    """The custody order two days after the attack belongs to the attack and takes its day."""
    text = ("Суд арештував чоловіка, який напав на працівника ТЦК у Полтаві.\n\n"
            "За даними поліції, 5 березня він ударив військовослужбовця ножем під час перевірки документів.")
    records = _incidents(engine, text, date(2025, 3, 7), "uk")
    assert [(r.date, r.date_source) for r in records] == [("2025-03-05", "text")]


def test_an_event_judged_long_ago_is_a_record_of_its_own(engine):
    text = ("Верховный суд РФ отклонил жалобу жителя Йошкар-Олы, осужденного за попытку поджечь военкомат.\n\n"
            "Согласно материалам дела, в январе 2024 года мужчина облил крыльцо военкомата бензином и попытался "
            "поджечь здание.")
    records = _incidents(engine, text, date(2025, 10, 1), "ru")
    assert [(r.date, r.date_precision) for r in records] == [("2025-10-01", "day"), ("2024-01", "month")]


@pytest.mark.parametrize("text,lang", [
    ("Эльбрусский районный суд оштрафовал местную жительницу на 30 тысяч рублей за дискредитацию армии.\n"
     "Ответственность за дискредитацию вооруженных сил была введена 4 марта 2022 года.", "ru"),
    ("A district court in Perm fined a local woman 30,000 roubles for 'discrediting' the army.\n"
     "The law on discrediting the armed forces came into force on 4 March 2022.", "en"),
])
def test_the_day_a_law_began_does_not_date_the_case(engine, text, lang):
    records = _incidents(engine, text, date(2026, 3, 13), lang)
    assert records and all(r.date != "2022-03-04" for r in records)
    assert records[0].date == "2026-03-13"


def test_a_reminder_of_an_earlier_incident_does_not_date_the_news(engine):
    text = ("Правоохранители задержали 14-летнего подростка за поджог релейного шкафа в Московской области.\n\n"
            "13 ноября другой школьник устроил поджог в кинотеатре в Москве. Ранее кураторы, с которыми он "
            "познакомился в сети, обвинили его в поддержке Украины.")
    records = _incidents(engine, text, date(2025, 11, 24), "ru")
    assert records[0].date == "2025-11-24"


@pytest.mark.parametrize("text,lang", [
    ("A Russian court has sentenced a man to 13 years in prison for treason after he donated $54 to "
     "Ukraine's military.", "en"),
    ("A Russian court on Wednesday sentenced a journalist to seven years in prison for criticising the Ukraine "
     "offensive in social media posts.\n\nThe journalist was found guilty of spreading \"false information\" "
     "about the armed forces.", "en"),
    ("Роскомнадзор заблокировал сайт независимого издания за публикации о потерях армии в Украине.\n\n"
     "Ведомство сообщило, что материалы сайта содержали недостоверную информацию.", "ru"),
])
def test_a_country_named_as_a_party_of_the_war_is_not_the_scene(engine, text, lang):
    records = _incidents(engine, text, date(2024, 11, 8), lang)
    assert records
    assert all(r.location is None or r.location.country == "RU" for r in records)


def test_an_unplaced_censorship_act_takes_the_state_whose_institution_acts(engine):
    text = ("On March 21, 2025, the Russian Ministry of Justice added two journalists to its register of foreign "
            "agents. Both had criticised the invasion of Ukraine.")
    records = _incidents(engine, text, date(2025, 3, 22), "en")
    assert [(r.event_type, r.location.name if r.location else None) for r in records] == [("censorship", "Russia")]


@pytest.mark.parametrize("text,lang,expected", [
    ("Затриманому в Києві іноземцю, який з ножем напав на двох перехожих, повідомили про підозру. Під час "
     "затримання зловмисник з ножем кидався на правоохоронців.", "uk", []),
    ("У Києві чоловік з ножем напав на працівників ТЦК під час перевірки документів. Під час затримання "
     "зловмисник кидався на правоохоронців.", "uk", ["attack_on_officials"]),
])
def test_an_attack_on_the_police_is_in_scope_only_in_a_report_about_the_field(engine, text, lang, expected):
    records = _incidents(engine, text, date(2018, 7, 23), lang)
    assert [r.event_type for r in records] == expected


def test_a_tally_in_a_report_naming_nothing_of_the_field_is_no_statistic(engine):
    text = ("Rescuers raced on Tuesday to find survivors in the rubble of thousands of buildings brought down by a "
            "magnitude 7.8 earthquake that struck eastern Turkey, with the discovery of more bodies raising the "
            "death toll to more than 5,000.")
    assert engine.extract(Report(text=text, published=date(2023, 2, 7), language="en")) == []


def test_a_tally_of_detentions_is_a_statistic_without_naming_recruiters(engine):
    text = ("Правозахисники зафіксували понад 700 випадків затримань цивільних в окупованому Криму з початку "
            "2024 року.")
    records = engine.extract(Report(text=text, published=date(2024, 12, 10), language="uk"))
    assert [r.kind for r in records] == ["statistic"]


def test_a_war_report_s_tally_of_strikes_is_no_statistic(engine):
    text = ("Гладков: Белгородскую область за сутки атаковали 150 БПЛА, погибли три человека\n"
            "За минувшие сутки Белгородская область подверглась атакам 150 беспилотников, в результате обстрелов "
            "погибли три мирных жителя, еще 12 получили ранения.")
    records = engine.extract(Report(text=text, published=date(2024, 12, 10), language="ru"))
    assert [r for r in records if r.kind == "statistic"] == []


def test_the_war_s_country_named_far_away_does_not_pick_a_namesake(engine):
    """"Прохладненский районный суд" is Prokhladnyy in Russia (60,000 people), not the Ukrainian village
    Prokhladne: the Ukraine the report names is the war's country, no evidence for its places."""
    text = ("Прохладненский районный суд оштрафовал глухонемого мужчину на 15 тысяч рублей по обвинению в "
            "дискредитации армии из-за слова «война» в видеоролике.\n\n"
            "Мужчина объяснил в суде, что видео ему прислали в мессенджере. В ролике говорилось о вторжении "
            "в Украину.")
    records = _incidents(engine, text, date(2025, 8, 12), "ru")
    assert [r.location.name if r.location else None for r in records] == ["Prokhladnyy"]


@pytest.mark.parametrize("text,lang,expected", [
    ("Police are looking for a man who threw a firebomb at the enlistment office last night.", "en", "2009-05-05"),
    ("Милиция ищет мужчину, который минувшей ночью бросил бутылку в окно военкомата.", "ru", "2009-05-05"),
    ("Минулої ночі невідомі підпалили автомобіль ТЦК у Львові.", "uk", "2009-05-05"),
    ("Этой ночью неизвестные подожгли дверь военкомата.", "ru", "2009-05-06"),
])
def test_last_night_is_the_day_before_publication(text, lang, expected):
    """docs/records.md: "last night", "минулої ночі" → the day before; "этой ночью" stays the day."""
    from letopis.extract.dates import find_dates, resolve_date

    found = find_dates(text, lang)
    assert [resolve_date(m, published=date(2009, 5, 6), previous=None).date for m in found] == [expected]


def test_a_verdict_delivered_on_a_day_is_dated_by_it_though_an_article_is_named_before():
    """"за ч.1 статті 336 … ухвалив вирок 5 березня": the verdict's day, not a law's start."""
    from letopis.extract.dates import find_dates
    from letopis.extract.engine import _not_the_event

    text = "Суд визнав чоловіка винним за ч.1 статті 336 ККУ та ухвалив вирок 5 березня."
    (mention,) = find_dates(text, "uk")
    assert not _not_the_event(text, mention)


@pytest.mark.parametrize("text", [
    "Житомирський окружний адміністративний суд визнав протиправною мобілізацію чоловіка, який мав відстрочку.",
    "Суд признал незаконным призыв мужчины, у которого была отсрочка, и отменил приказ военкомата.",
    "A district court ruled unlawful the call-up of a man who cared for his disabled mother.",
])
def test_a_court_annulling_a_call_up_is_a_legal_action(text):
    records = Engine(judged=False).extract(Report(text=text, published=date(2025, 11, 11)))
    assert [r.event_type for r in records] == ["legal_action"]
    assert records[0].date == "2025-11-11"
