"""Shapes of real pages and reports, on texts written for these tests: lists of links to other
articles, detentions at the border with no recruiter named, a group named in the lead and counted
by a pronoun later, and a destination country that is not the scene."""

from datetime import date

import pytest

from letopis.extract.engine import Engine
from letopis.extract.sentences import breadcrumb_lines, is_stamp_line, teaser_lines
from letopis.model import Report

PUB = date(2024, 11, 9)

TEASERS = (
    "Культура Виставка сучасного мистецтва відкрилася у Полтаві\n"
    "Пт 08.11.2024, 16:25\n"
    "Події У Кременчуці відремонтували міст через річку\n"
    "Пт 08.11.2024, 11:55\n"
    "Спорт Футбольний клуб з Луцька виграв у гостях\n"
    "Пт 08.11.2024, 10:40\n"
    "\n"
)
STORY = (
    "На кордоні з Угорщиною прикордонники зупинили чотирьох чоловіків, які хотіли перетнути кордон поза "
    "пунктом пропуску.\n"
    "Увечері 7 листопада наряд помітив групу біля річки. Чоловіки мали з собою надувний човен.\n\n"
    "Прикордонники наздогнали втікачів біля води. Їх затримали та доставили до відділу.\n"
)


@pytest.fixture(scope="module")
def engine():
    return Engine(judged=False)


@pytest.mark.parametrize("line,stamp", [
    ("Пт 08.11.2024, 16:25", True), ("- 19.01.2026 08:53", True), ("March 3, 2025 14:05", True),
    ("07:12  24 вересня", True), ("Четвер, 7 листопада, 2024", True),
    ("7 листопада у Полтаві затримали 2 чоловіків", False), ("Фото: прикордонна служба", False),
])
def test_a_stamp_line_is_a_date_or_time_alone(line, stamp):
    assert is_stamp_line(line) is stamp


def test_a_list_of_links_is_found_and_the_articles_own_header_is_not():
    text = TEASERS + "Прикордонники затримали чотирьох чоловіків\nПт 08.11.2024, 09:10\n\n" + STORY
    found = [text[a:b] for a, b in teaser_lines(text)]
    assert len(found) == 6 and all("Полтав" in t or "Пт" in t or "Кременч" in t or "Луцьк" in t for t in found)
    assert not any("чотирьох" in t for t in found)   # one title with its stamp is the article's own


def test_places_in_a_list_of_links_do_not_place_the_story(engine):
    records = engine.extract(Report(text=TEASERS + STORY, published=PUB))
    incidents = [r for r in records if r.kind == "incident"]
    assert incidents, records
    places = {r.location.name for r in incidents if r.location}
    assert not places & {"Poltava", "Kremenchuk", "Lutsk"}
    assert places == {"Zakarpattia Oblast"}   # the Hungarian border runs along one region only


def test_a_detention_at_the_border_with_no_recruiter_named_is_a_border_incident(engine):
    records = [r for r in engine.extract(Report(text=STORY, published=PUB)) if r.kind == "incident"]
    assert [r.event_type for r in records] == ["border_incident"]


def test_a_pronoun_far_from_its_group_counts_the_group_the_lead_names(engine):
    records = [r for r in engine.extract(Report(text=STORY, published=PUB)) if r.kind == "incident"]
    assert records[0].detained == 4


def test_the_country_men_were_heading_for_is_not_the_scene(engine):
    text = ("На Одещині затримали трьох чоловіків, які йшли до Молдови\n\n"
            "Прикордонники помітили групу вночі біля кордону. Троє чоловіків хотіли потрапити до Молдови "
            "через поле.\n\nЧоловіків затримали, на них склали протоколи. Один із них пояснив, що має "
            "знайомого провідника в телеграм-каналі.\n")
    records = [r for r in engine.extract(Report(text=text, published=PUB)) if r.kind == "incident"]
    assert records and records[0].location is not None
    assert records[0].location.name == "Odesa Oblast"
    text_there = ("У Молдові прикордонники затримали трьох громадян України, які перейшли кордон поза пунктом "
                  "пропуску.\n")
    there = [r for r in engine.extract(Report(text=text_there, published=PUB)) if r.kind == "incident"]
    assert there and there[0].location is not None and there[0].location.country == "MD"


@pytest.mark.parametrize("text,detained", [
    ("Двох громадян РФ, які незаконно намагались перетнути кордон з Румунією, затримали цими вихідними "
     "прикордонники.", 2),
    ("Трьох чоловіків, які ховалися в лісі біля кордону, затримали прикордонники.", 3),
    ("Двоих мужчин, которые пытались переплыть реку, задержали пограничники у Сокирян.", 2),
])
def test_a_number_before_a_relative_clause_counts_the_verbs_object(engine, text, detained):
    records = [r for r in engine.extract(Report(text=text, published=PUB)) if r.kind == "incident"]
    assert records and records[0].detained == detained


@pytest.mark.parametrize("text", [
    "Проте порушників продовжують затримувати щодня, каже речник прикордонної служби.",
    "Пограничники продолжают задерживать нарушителей каждый день.",
])
def test_what_goes_on_day_after_day_is_no_event(engine, text):
    assert not [r for r in engine.extract(Report(text=text, published=PUB)) if r.kind == "incident"]


def test_people_taken_at_a_memorial_are_one_protest_dated_by_the_report_not_by_the_strike(engine):
    text = ("Several people were detained in Moscow at a makeshift memorial to the victims of Saturday's missile "
            "strike on a block of flats, rights monitors reported late Tuesday.\n\n"
            "Residents had brought flowers and candles to the monument. The police removed them.\n\n"
            "Later another woman and a teenager were detained at the monument. A man who came with flowers was "
            "held at a police station overnight.\n")
    records = [r for r in engine.extract(Report(text=text, published=date(2023, 1, 18))) if r.kind == "incident"]
    assert [r.event_type for r in records] == ["protest"]
    assert records[0].date == "2023-01-17" and records[0].location.name == "Moscow"


def test_a_cue_inside_a_place_name_is_no_cue(engine):
    text = "В Хабаровске на акцию против мобилизации вышли 12 человек, сообщили участники 21 сентября 2022 года."
    records = [r for r in engine.extract(Report(text=text, published=date(2022, 9, 22))) if r.kind == "incident"]
    assert [r.event_type for r in records] == ["protest"]


@pytest.mark.parametrize("line,furniture", [
    ("- Обновлено 25 Июнь 2014", True), ("Оновлено 03.03.2025", True), ("Updated March 3, 2025", True),
    ("опубликовано решение суда 2024", False),
])
def test_an_update_line_is_furniture(line, furniture):
    from letopis.extract.sentences import is_furniture_line
    assert is_furniture_line(line) is furniture


@pytest.mark.parametrize("text", [
    "За сім місяців 2025 року в Україні відкрили 110 тисяч кримінальних проваджень за СЗЧ.",
    "За первые восемь месяцев 2024 года возбуждено не менее 247 дел о дезертирстве.",
    "In the first seven months of 2025 prosecutors opened 110,000 AWOL cases.",
])
def test_a_tally_of_the_first_months_of_a_year_starts_in_january(engine, text):
    stats = [r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic"]
    assert stats and stats[0].date.endswith("-01") and stats[0].date_precision == "month"


@pytest.mark.parametrize("text", [
    "Since the beginning of the full-scale Russian-Ukrainian war, border guards have stopped 21,000 men at the border.",
    "Border guards have stopped more than 13,000 men since the Russian invasion started, the service said.",
    "Від початку повномасштабного російського вторгнення прикордонники затримали 21 тисячу чоловіків на кордоні.",
    "С начала полномасштабного вторжения пограничники задержали на границе 21 тысячу мужчин.",
])
def test_a_tally_since_the_invasion_starts_in_february_2022(engine, text):
    stats = [r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic"]
    assert stats and (stats[0].date, stats[0].date_precision) == ("2022-02", "month")


def test_a_figure_with_no_period_of_its_own_counts_over_the_figure_before_it(engine):
    text = ("Від початку повномасштабного вторгнення прикордонники затримали 21 тисячу чоловіків, які намагалися "
            "незаконно перетнути кордон.\n\nЩодо 5 тисяч із них відкрито кримінальні провадження.")
    stats = [r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic"]
    assert len(stats) == 2 and {(s.date, s.date_precision) for s in stats} == {("2022-02", "month")}


def test_a_figure_after_a_day_s_figure_keeps_no_date(engine):
    from dataclasses import replace

    from letopis.extract.engine import _same_period

    text = ("Від початку року прикордонники затримали 21 тисячу чоловіків, які намагалися незаконно "
            "перетнути кордон.")
    figure = next(r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic")
    undated = replace(figure, date=None, date_precision=None)
    assert _same_period(undated, [replace(figure, date="2025-06-03", date_precision="day")]).date is None
    assert _same_period(undated, [replace(figure, date="2022-02", date_precision="month")]).date == "2022-02"


@pytest.mark.parametrize("text", [
    "Військовослужбовця, який самовільно залишив частину, затримали працівники ДБР у Києві 3 березня.",
    "Военнослужащего, сообщившего о своем самовольном оставлении части, задержали в Киеве 9 октября.",
])
def test_a_deserter_detained_is_the_legal_step(engine, text):
    records = [r for r in engine.extract(Report(text=text, published=date(2024, 10, 10))) if r.kind == "incident"]
    assert [r.event_type for r in records] == ["legal_action"]


def test_a_cue_inside_a_relative_clause_counts_the_number_before_it(engine):
    text = ("У ніч на 14 січня прикордонники виявили на кризі Дністра групу з шістьох чоловіків, які намагалися "
            "перейти до Молдови. Двоє з них провалилися під лід і загинули. Ще трьом, які травмувалися на кризі, "
            "надали медичну допомогу.\n")
    records = [r for r in engine.extract(Report(text=text, published=date(2026, 1, 15))) if r.kind == "incident"]
    assert records and records[0].event_type == "border_incident" and records[0].injured == 3


def test_a_pronoun_counts_the_group_not_a_part_of_it(engine):
    text = ("Суд вынес приговор троим военнослужащим по делу о самовольном оставлении части. Двоих из них "
            "приговорили к пяти годам колонии.\n\nВ январе военнослужащие ушли из части. В начале февраля их "
            "задержала военная полиция в Новосибирске.\n")
    records = [r for r in engine.extract(Report(text=text, published=date(2026, 3, 5))) if r.kind == "incident"]
    assert any(r.detained == 3 for r in records), [(r.event_type, r.detained) for r in records]


def test_where_people_live_is_not_the_scene(engine):
    text = "On June 5 border guards detained three Kyiv residents near Chop as they tried to cross into Hungary."
    records = [r for r in engine.extract(Report(text=text, published=date(2025, 6, 6))) if r.kind == "incident"]
    assert records and records[0].location is not None and records[0].location.name == "Chop"


@pytest.mark.parametrize("text", [
    "Лычаковский районный суд Львова вынес приговор пограничнику, который дважды не явился в воинскую часть. "
    "Мужчину мобилизовали 6 сентября 2024 года, а уже 8 сентября он самовольно покинул больницу.",
    "A district court in Lviv sentenced a border guard to three years of restricted liberty for desertion. "
    "He was mobilised on 6 September 2024 and left the hospital two days later.",
])
def test_a_verdict_is_not_dated_by_the_story_of_the_offence(engine, text):
    records = engine.extract(Report(text=text, published=date(2026, 3, 11)))
    verdicts = [r for r in records if r.event_type == "legal_action"]
    assert verdicts and verdicts[0].date == "2026-03-11"


def test_a_small_namesake_village_abroad_is_not_the_scene(engine):
    text = ("Мужчина бросил бутылку с зажигательной смесью в окно военкомата в районе Перово. "
            "Суд приговорил его к трём годам колонии, сообщили в Москве.")
    records = [r for r in engine.extract(Report(text=text, published=date(2024, 5, 6))) if r.kind == "incident"]
    assert records and all(r.location is None or r.location.country == "RU" for r in records)


@pytest.mark.parametrize("text,values", [
    ("Самовільне залишення частини у 2022 році зареєстровано у 6 988 провадженнях, у 2023 році – 17 658, "
     "у 2024-му – 67 840 проваджень.", {6988, 17658, 67840}),
    ("Unauthorized abandonment of a unit was registered in 6,988 cases in 2022 and 18,628 cases in 2023.",
     {6988, 18628}),
])
def test_every_period_of_a_series_gets_its_figure(engine, text, values):
    stats = [r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic"]
    assert {s.value for s in stats} == values


def test_the_next_period_of_a_series_counts_what_its_first_figure_counted(engine):
    text = ("За статтею про СЗЧ у 2023 році зареєстровано 17 658 справ, у 2024-му – 67 840 проваджень.")
    stats = [r for r in engine.extract(Report(text=text, published=date(2025, 9, 1))) if r.kind == "statistic"]
    assert len(stats) == 2 and {s.metric for s in stats} == {"szch_cases"}


@pytest.mark.parametrize("text,places", [
    ("СБУ та поліція викрили ще чотири схеми ухилення від мобілізації. Правоохоронці затримали п'ятьох "
     "організаторів.\n\nЩо викрили\n\nПолтавщина: хірург продавав фіктивні довідки для ухилянтів.\n\n"
     "Волинь: перевізник вивозив ухилянтів лісом до кордону.\n\n"
     "Дніпропетровська область: троє переправляли чоловіків призовного віку до кордону.\n",
     {"Poltava Oblast", "Volyn Oblast", "Dnipropetrovsk Oblast"}),
    ("Law enforcement officers detained five organisers of draft evasion schemes, the SBU said.\n\n"
     "Poltava region: a surgeon sold fake medical certificates to draft dodgers.\n\n"
     "Volyn: a driver took draft dodgers through the forest to the border.\n",
     {"Poltava Oblast", "Volyn Oblast"}),
])
def test_every_place_labelled_item_of_a_list_is_an_incident_of_the_lead_s_kind(engine, text, places):
    records = [r for r in engine.extract(Report(text=text, published=date(2025, 6, 20))) if r.kind == "incident"]
    labelled = {r.location.admin1 for r in records if r.location is not None and r.quote.split(":")[0] in text}
    assert places <= labelled
    assert {r.event_type for r in records if r.location is not None and r.location.admin1 in places} == {"legal_action"}


def test_a_region_labelled_shelling_round_up_makes_no_incidents(engine):
    text = ("Russian forces shelled the region 20 times overnight, officials said.\n\n"
            "Kharkiv region: drones hit a warehouse, no one was hurt.\n\n"
            "Sumy region: artillery damaged two houses in a village.\n")
    assert [r for r in engine.extract(Report(text=text, published=date(2025, 6, 20))) if r.kind == "incident"] == []


def test_a_wire_dateline_is_not_the_scene_of_an_unplaced_report(engine):
    text = ("MOSCOW, February 9. /TASS/. Ukrainian border guards have detained a large group of draft dodgers "
            "trying to flee the country, the Ukrainian State Border Service said.")
    records = [r for r in engine.extract(Report(text=text, published=date(2024, 2, 9))) if r.kind == "incident"]
    assert records and all(r.location is None or r.location.name != "Moscow" for r in records)


@pytest.mark.parametrize("text", [
    ("Border guards found the body of a man in the river near the Ukrainian border on Monday. He had tried "
     "to leave the country.\n\nSince the start of the war 19 men have died trying to cross the river in the "
     "area of responsibility of the Chop border detachment."),
    ("На кордоні прикордонники виявили у річці тіло чоловіка, який намагався незаконно перетнути кордон.\n\n"
     "Це вже десятий такий випадок на ділянці Мукачівського прикордонного загону."),
])
def test_a_border_detachment_places_an_unplaced_report_in_its_region(engine, text):
    """The seat of the detachment that names the stretch of border is not the scene: its region is."""
    records = [r for r in engine.extract(Report(text=text, published=date(2025, 3, 4))) if r.kind == "incident"]
    assert records
    assert records[0].location is not None
    assert (records[0].location.admin1, records[0].location.geo_precision) == ("Zakarpattia Oblast", 3)


@pytest.mark.parametrize("text, published, expected", [
    ("ТЦК\n03.06.2024 10:15\n\nВ сети появилось видео, как прохожие вмешались в проверку документов "
     "сотрудниками ТЦК.\n\nПо словам военных, у мужчины не было при себе документов и он хотел убежать.\n\n"
     "Инцидент произошел 1 июня, на видео видно, как военные на улице пытаются задержать мужчину.",
     date(2024, 6, 3), "2024-06-01"),
    ("У мережі поширили відео, як перехожі втрутилися у перевірку документів працівниками ТЦК.\n\n"
     "За словами військових, чоловік не мав при собі документів і хотів утекти.\n\n"
     "Інцидент стався 14 березня, на відео видно, як військові на вулиці намагаються затримати чоловіка.",
     date(2025, 3, 16), "2025-03-14"),
])
def test_a_sentence_opening_with_the_incident_s_date_dates_the_story_told_before(engine, text, published, expected):
    """"The incident happened on 1 June, the video shows officers trying to detain a man": the
    event words after the date retell the incident; they do not make a second one."""
    records = [r for r in engine.extract(Report(text=text, published=published)) if r.kind == "incident"]
    assert [r.date for r in records] == [expected]


@pytest.mark.parametrize("text, lang", [
    ("Over the past day, border guards stopped seven men near the Tisza who wanted to cross into Romania.\n\n"
     "First, a patrol detained two men from Lviv region a hundred metres from the border.\n\n"
     "Two hours later, three more men were stopped near the village of Solotvyno.", "en"),
    ("За минулу добу прикордонники зупинили сімох чоловіків біля Тиси, які хотіли потрапити до Румунії.\n\n"
     "Спершу наряд затримав двох чоловіків за сто метрів від кордону.\n\n"
     "Через дві години ще трьох чоловіків зупинили біля села Солотвино.", "uk"),
])
def test_undated_incidents_of_a_lead_told_as_of_the_day_before_take_that_day(engine, text, lang):
    """"Over the past day …" in the lead: what the next paragraphs tell happened then, not on the
    publication day."""
    records = [r for r in engine.extract(Report(text=text, published=date(2024, 7, 23), language=lang))
               if r.kind == "incident"]
    assert records and {r.date for r in records} == {"2024-07-22"}


@pytest.mark.parametrize("line,crumb", [
    ("Головна › Новини › ПОДІЇ", True), ("Home / News / Ukraine", True), ("Главная » Новости", True),
    ("Новини | Україна | Світ", True),
    ("Kyiv / 12:00", False), ("Суд у Львові / фото: поліція", False), ("Він сказав: так | ні", False),
    ("10 > 5 and 3 > 2 in the text here", False), ("Он сказал «нет» и ушёл", False),
])
def test_breadcrumb_lines(line, crumb):
    assert bool(breadcrumb_lines(line)) is crumb


def test_a_breadcrumb_s_section_names_are_not_places(engine):
    text = ("Головна › Новини › Події\n\nСутички студентів з міліцією\n\n"
            "Близько 80 студентів протестували сьогодні на Михайлівській площі Києва. Чотирьох активістів "
            "міліція затримала.")
    records = [r for r in engine.extract(Report(text=text, published=PUB, language="uk")) if r.kind == "incident"]
    assert [(r.event_type, r.location.name if r.location else None) for r in records] == [("protest", "Kyiv")]
