"""Segmentation, statistics, counts and places on whole short reports (sentences written for these tests)."""

from datetime import date

import pytest

from letopis.extract.counts import count_people
from letopis.extract.cues import find_cues
from letopis.extract.dates import find_dates, resolve_date
from letopis.extract.engine import Engine
from letopis.extract.events import classify
from letopis.extract.language import detect_paragraph_language
from letopis.model import Report

PUB = date(2025, 6, 20)


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _run(engine, text, published=PUB):
    return engine.extract(Report(text=text, published=published))


def _incidents(records):
    return [r for r in records if r.kind == "incident"]


# --- follow-up sentences attach to the open incident -------------------------------------

@pytest.mark.parametrize("text", [
    "On June 12 a man stabbed a TCC officer in Poltava. The officer was hospitalised. "
    "Police opened a criminal case.\n\nThe suspect faces up to ten years in prison.",
    "12 червня в Полтаві чоловік вдарив ножем працівника ТЦК. Поліція відкрила кримінальне провадження."
    "\n\nЙому загрожує до десяти років позбавлення волі.",
    "12 июня в Полтаве мужчина ранил ножом сотрудника ТЦК. Полиция возбудила уголовное дело."
    "\n\nЕму грозит до десяти лет лишения свободы.",
])
def test_follow_ups_do_not_make_records_of_their_own(engine, text):
    records = _incidents(_run(engine, text))
    assert [r.event_type for r in records] == ["attack_on_officials"]


@pytest.mark.parametrize("text,day", [
    ("In Sumy a man attacked a recruitment officer with a knife. It happened on Tuesday evening.", "2025-06-17"),
    ("У Сумах чоловік напав з ножем на працівника ТЦК. Це сталося у вівторок увечері.", "2025-06-17"),
    ("В Сумах мужчина напал с ножом на сотрудника ТЦК. Это произошло во вторник вечером.", "2025-06-17"),
])
def test_an_undated_incident_takes_the_date_of_the_next_sentence(engine, text, day):
    records = _incidents(_run(engine, text))
    assert len(records) == 1 and records[0].date == day


@pytest.mark.parametrize("text", [
    "On June 3 recruiters detained a man in Uman. Another man was detained by recruiters near the station.",
    "3 червня в Умані працівники ТЦК затримали чоловіка. Ще одного чоловіка затримали біля вокзалу.",
    "3 июня в Умани сотрудники ТЦК задержали мужчину. Ещё одного мужчину задержали у вокзала.",
])
def test_another_marks_a_new_incident(engine, text):
    assert len(_incidents(_run(engine, text))) == 2


@pytest.mark.parametrize("text", [
    "Recruiters detain a man in Uman",
    "Якщо вас затримали працівники ТЦК, напишіть нам.",
    "Если вас задержали сотрудники военкомата, пишите нам.",
    "If recruiters detain you, call our hotline.",
    "Адвокат у справах СЗЧ та оскарження дій ТЦК.",
])
def test_headlines_calls_and_adverts_are_not_incidents(engine, text):
    assert _incidents(_run(engine, text)) == []


def test_an_undated_unplaced_statement_is_no_incident(engine):
    assert _run(engine, "The law obliges officers to show documents, and some detentions are filmed.") == []


def test_local_news_without_the_field_is_out_of_scope(engine):
    text = "Police in Springfield detained three teenagers after a fight at a concert on Friday."
    assert _run(engine, text) == []


# --- statistics ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,country", [
    ("About 8,000 SZCh cases were registered in March, prosecutors said.", "UA"),
    ("У березні зареєстровано близько 8 тисяч випадків СЗЧ.", "UA"),
    ("За март российские военные суды вынесли более 900 приговоров за самовольное оставление части.", "RU"),
])
def test_national_statistics_take_the_country(engine, text, country):
    stats = [r for r in _run(engine, text) if r.kind == "statistic"]
    assert len(stats) == 1 and stats[0].location and stats[0].location.country == country
    assert stats[0].location.geo_precision == 3


@pytest.mark.parametrize("text,value", [
    ("In the first half of 2025 border guards detained 960 men trying to reach Poland.", 960),
    ("У першому півріччі 2025 року прикордонники затримали 960 чоловіків на кордоні з Польщею.", 960),
    ("С 2 по 28 февраля пограничники задержали 310 человек на границе с Молдовой.", 310),
])
def test_border_detentions_over_a_period_are_statistics(engine, text, value):
    records = _run(engine, text, date(2025, 7, 10))
    assert [(r.kind, r.metric, r.value) for r in records] == [("statistic", "detentions", value)]


def test_a_half_year_dates_a_statistic_by_its_first_month(engine):
    record = _run(engine, "In the first half of 2025 border guards detained 960 men.", date(2025, 7, 10))[0]
    assert (record.date, record.date_precision, record.period) == ("2025-01", "month", "2025-01/2025-06")


def test_one_operation_over_a_period_is_an_incident(engine):
    text = "Between 2 and 20 May a police and TCC operation in Rivne ended with 140 men taken to the TCC."
    records = _run(engine, text)
    assert [(r.kind, r.event_type, r.detained) for r in records] == [("incident", "mobilization_detention", 140)]


@pytest.mark.parametrize("text,values", [
    ("About 8,000 SZCh cases were registered in March, compared with about 7,100 in February.", [8000, 7100]),
    ("У березні зареєстровано 8 тисяч випадків СЗЧ. Для порівняння, у лютому їх було 7,1 тисячі.",
     [8000, 7100]),
])
def test_a_second_period_of_the_same_metric_is_a_second_statistic(engine, text, values):
    stats = [r for r in _run(engine, text) if r.kind == "statistic"]
    assert [s.value for s in stats] == values and {s.metric for s in stats} == {"szch_cases"}


def test_vague_quantities_are_not_statistics(engine):
    text = "Десятки військових однієї з бригад на Сумщині у травні самовільно залишили позиції."
    assert [r.kind for r in _run(engine, text)] == ["incident"]


def test_the_counted_noun_names_the_metric(engine):
    text = "За 2024 год военные суды вынесли более 5 000 приговоров по статье 337 УК РФ."
    assert [r.metric for r in _run(engine, text)] == ["convictions"]


@pytest.mark.parametrize("text,metric,value", [
    # a period in any grammatical gender of "full-scale" ("повномасштабної війни", "полномасштабного вторжения")
    ("З початку повномасштабної війни майже 5 тисяч чоловіків намагалися незаконно виїхати з України.",
     "border_crossings", 5000),
    ("С начала полномасштабной войны более 4 тысяч мужчин пытались незаконно выехать из Украины.",
     "border_crossings", 4000),
    # a large bounded estimate is a tally without a counting noun or a period
    ("Border guards say more than 13,000 men were stopped while trying to leave the country illegally.",
     "border_crossings", 13000),
    # a count of people for an act no metric names takes the generic metric
    ("In 2023 at least 21,000 people were prosecuted by the authorities for anti-war statements.", "people", 21000),
])
def test_bounded_and_full_scale_tallies_are_statistics(engine, text, metric, value):
    stats = [r for r in _run(engine, text) if r.kind == "statistic"]
    assert [(s.metric, s.value) for s in stats] == [(metric, value)]


@pytest.mark.parametrize("text", [
    "The ministry plans to call up about 50,000 more men in 2026, its spokesman said.",
    "Міністерство планує призвати ще близько 50 тисяч чоловіків у 2026 році.",
    "Since March 2022 more than 5,000 citizens have come home through exchanges.",
    "Для республики с населением меньше миллиона человек с начала войны это много.",
])
def test_plans_populations_and_counts_outside_our_acts_are_not_statistics(engine, text):
    assert [r for r in _run(engine, text) if r.kind == "statistic"] == []


@pytest.mark.parametrize("text,value", [
    ("Від початку повномасштабного вторгнення це вже 31-й випадок загибелі людини на кордоні з Румунією.", 31),
    ("С начала полномасштабного вторжения это уже 17-й случай гибели человека на границе.", 17),
    ("Since the start of the full-scale invasion, this is already 26 cases of death at the border.", 26),
])
def test_a_running_count_of_cases_is_a_statistic(engine, text, value):
    records = _run(engine, text)
    assert [(r.kind, r.metric, r.value) for r in records] == [("statistic", "deaths", value)]


@pytest.mark.parametrize("text", [
    "Генпрокуратура 3 июня признала нежелательной работу двух иностранных фондов.",
    "On 3 June Russia declared two more journalists \"foreign agents\", the latest in a series of such moves.",
])
def test_a_listing_is_censorship(engine, text):
    assert [(r.kind, r.event_type) for r in _run(engine, text)] == [("incident", "censorship")]


# --- event types ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("A mobilized man died at a training ground near Rivne.", "abuse_of_conscripts"),
    ("На полігоні помер мобілізований чоловік.", "abuse_of_conscripts"),
    ("В учебном центре умер срочник.", "abuse_of_conscripts"),
    ("Villagers blocked the road to stop a TCC minibus carrying two men.", "resistance"),
    ("Жителі перекрили дорогу автобусу ТЦК з затриманими.", "resistance"),
    ("Жители перекрыли дорогу машине военкомата.", "resistance"),
    ("Officers of the TCC handed out summonses at a factory gate.", "other"),
    ("Працівники ТЦК роздали повістки на заводі.", "other"),
    ("Сотрудники военкомата раздали повестки на заводе.", "other"),
    ("Police detained the administrator of a local Telegram channel.", "censorship"),
    ("СБУ затримала адміністратора телеграм-каналу.", "censorship"),
    ("Полиция задержала администратора паблика.", "censorship"),
    ("Two soldiers walked away from their unit near Izium.", "desertion"),
    ("Двоє солдатів самовільно пішли з частини.", "desertion"),
    ("Трое солдат самовольно ушли из части.", "desertion"),
    ("The court remanded a man who had thrown a bottle at a recruitment office.", "legal_action"),
    ("Суд арештував чоловіка, який підпалив двері ТЦК.", "legal_action"),
    ("Суд арестовал мужчину, который пытался поджечь военкомат.", "legal_action"),
])
def test_event_types(sentence, expected):
    cues = find_cues(sentence)
    assert classify(cues, cues) == expected


@pytest.mark.parametrize("sentence", [
    "Адвокат у справах СЗЧ.",
    "Юридическая помощь мобилизованным.",
])
def test_a_category_noun_is_no_trigger(sentence):
    cues = find_cues(sentence)
    assert classify(cues, cues) is None


# --- counts --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,expected", [
    ("Police detained the administrator of the channel.", "en", (None, None, 1)),
    ("СБУ затримала адміністратора каналу.", "uk", (None, None, 1)),
    ("Полиция задержала учительницу.", "ru", (None, None, 1)),
    ("Border guards caught him in the forest.", "en", (None, None, 1)),
    ("Його затримали прикордонники.", "uk", (None, None, 1)),
    ("The office door burned; nobody was injured.", "en", (None, 0, None)),
    ("Двері згоріли; постраждалих немає.", "uk", (None, 0, None)),
    ("Дверь сгорела; пострадавших нет.", "ru", (None, 0, None)),
    ("Residents freed the man from the minibus.", "en", (None, None, 1)),
    ("Сусіди відбили чоловіка.", "uk", (None, None, 1)),
    ("He was detained after a three-hour standoff.", "en", (None, None, 1)),
    ("Поліція затримала двох із них.", "uk", (None, None, 2)),
    ("Полиция задержала одного из участников.", "ru", (None, None, 1)),
    ("Стояли з плакатами четверо жінок, чиїх синів забрали.", "uk", (None, None, None)),
    ("An officer beat him with a baton.", "en", (None, 1, None)),
    ("Офицер избил срочника.", "ru", (None, 1, None)),
])
def test_counts(text, lang, expected):
    counts = count_people(text, lang)
    assert (counts.fatalities, counts.injured, counts.detained) == expected


def test_a_plural_pronoun_takes_the_people_named_before():
    counts = count_people("Наступного дня їх затримала поліція.", "uk",
                          antecedent="Троє солдатів самовільно залишили частину.")
    assert counts.detained == 3


def test_a_beating_behind_a_charge_is_not_counted_on_the_court_record():
    counts = count_people("Prosecutors charged two officers with beating a conscript.", "en",
                          event_type="legal_action")
    assert (counts.injured, counts.detained) == (None, None)


# --- places --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "On June 3 recruiters detained two men in Uman. The next day, at the same place, residents "
    "surrounded a TCC minibus and freed a man.",
    "3 червня в Умані працівники ТЦК затримали двох чоловіків. Наступного дня там само мешканці "
    "оточили бус ТЦК і відбили чоловіка.",
    "3 июня в Умани сотрудники ТЦК задержали двоих мужчин. На следующий день там же жители "
    "окружили бус ТЦК и отбили мужчину.",
])
def test_there_means_the_place_of_the_previous_incident(engine, text):
    records = _incidents(_run(engine, text))
    assert [r.location.name for r in records] == ["Uman", "Uman"]


def test_a_name_inside_another_name_is_not_the_scene(engine):
    text = "On June 3 unknown persons threw a Molotov cocktail at the TCC building in Uman."
    assert _incidents(_run(engine, text))[0].location.name == "Uman"


# --- dates and language --------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,expected", [
    ("Звіт за листопад", "uk", "2024-11"),
    ("Отчёт за ноябрь", "ru", "2024-11"),
    ("In the second quarter of 2024", "en", "2024-04"),
    ("за друге півріччя 2024 року", "uk", "2024-07"),
])
def test_tally_periods(text, lang, expected):
    mention = find_dates(text, lang)[0]
    assert resolve_date(mention, published=date(2025, 2, 1), previous=None).date == expected


def test_long_cyrillic_without_ukrainian_letters_is_russian():
    paragraph = "Суд приговорил местного жителя к штрафу за пост о дискредитации армии и его друга тоже."
    assert detect_paragraph_language(paragraph, "uk") == "ru"


def test_a_dateline_is_where_the_report_was_filed_not_the_scene(engine):
    text = "LVIV — On June 3 border guards found the body of a man near Solotvyno."
    assert _incidents(_run(engine, text))[0].location.name == "Solotvyno"


@pytest.mark.parametrize("text, place", [
    ("Four men detained near the Tisza\nKyiv • UNN\nIn Zakarpattia, border guards detained four men "
     "who planned to swim across the river.", "Zakarpattia Oblast"),
    ("Чотирьох чоловіків затримали біля Тиси\nКиїв • УНН\nНа Закарпатті прикордонники затримали чотирьох "
     "чоловіків, які планували перепливти річку.", "Zakarpattia Oblast"),
])
def test_an_outlets_mark_on_its_own_line_is_not_the_scene(engine, text, place):
    assert _incidents(_run(engine, text))[0].location.admin1 == place


@pytest.mark.parametrize("text, place", [
    ("On June 3 border guards of the Solotvyno department stopped a car near Solotvyno.\n\n"
     "Later a patrol detained three men, residents of Lviv, Odesa and Poltava regions, near the river.",
     "Solotvyno"),
])
def test_where_detainees_live_yields_to_the_scene_named_before(engine, text, place):
    records = _incidents(_run(engine, text))
    assert records and all(r.location.name == place for r in records)


@pytest.mark.parametrize("text", [
    "On June 3 a court sentenced the blogger to five years in prison for spreading false information "
    "about the army's actions in Ukraine.",
    "3 июня суд приговорил местного жителя к шести годам колонии: он выступал против специальной военной "
    "операции на территории Украины.",
])
def test_the_war_named_as_background_is_not_the_scene_of_a_trial(engine, text):
    location = _incidents(_run(engine, text))[0].location
    assert location is None or location.country != "UA"


def test_in_a_country_is_where_not_whither(engine):
    text = ("Во вторник в Краснодаре полиция задержала администратора канала.\n\n"
            "В тот же день Роскомнадзор ограничил доступ в России к сайту издания о мобилизации.")
    places = [r.location.name for r in _incidents(_run(engine, text))]
    assert places[-1] == "Russia"


@pytest.mark.parametrize("text, kind", [
    ("On June 12 in Uman a man approached a TCC patrol and stabbed one serviceman; he was struck in the neck "
     "and taken to hospital.", "attack_on_officials"),
    ("Мікроавтобус ТЦК обстріляли у Львівській області 14 червня: водій легковика кілька разів вистрілив "
     "по автомобілю.", "attack_on_officials"),
    ("12 червня у Черкасах чоловік, що перебував у розшуку, накинувся на військовослужбовців ТЦК.",
     "attack_on_officials"),
])
def test_shots_and_blows_at_recruiters_are_not_war_news(engine, text, kind):
    assert [r.event_type for r in _incidents(_run(engine, text))] == [kind]


def test_shelling_is_still_war_news(engine):
    text = "12 червня росіяни обстріляли Нікополь з артилерії, поранено двох людей."
    assert _incidents(_run(engine, text)) == []


@pytest.mark.parametrize("text", [
    "12 червня в Одесі розлючений натовп перевернув бус ТЦК, щоб звільнити затриманого.",
    "12 июня в Одессе толпа перевернула микроавтобус ТЦК на рынке.",
    "On June 12 in Odesa an angry crowd overturned the TCC minibus at the market.",
])
def test_a_crowd_overturning_the_recruiters_van_is_resistance(engine, text):
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["resistance"]


def test_a_reports_first_incident_needs_neither_date_nor_place_of_its_own(engine):
    text = ("Правоохранители задержали двух мужчин, которые готовились переплывать реку, и их проводника.\n\n"
            "Проводнику объявили о подозрении, ему грозит до девяти лет тюрьмы.")
    records = _incidents(_run(engine, text))
    assert [(r.event_type, r.date, r.date_source) for r in records][:1] == [
        ("border_incident", PUB.isoformat(), "publication")]


@pytest.mark.parametrize("text", [
    "On June 12 six men wearing life jackets were unable to cross the Tisza River to get to Romania.",
    "12 червня на Вінниччині прикордонники зупинили спробу трьох чоловіків потрапити до Молдови на матрацах.",
    "12 июня на Закарпатье украинец, пытаясь сбежать в Румынию через горы, обморозил ноги.",
    "12 июня женщина в Одесской области попыталась вывезти сына за границу, переодев его в бабушку.",
])
def test_an_attempt_to_cross_the_border_is_a_border_incident(engine, text):
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["border_incident"]


@pytest.mark.parametrize("text", [
    "12 июня ночью в селе пытались вручить 20 повесток мужчинам.",
    "12 червня в Броварах вручили понад сто повісток чоловікам у торговому центрі.",
])
def test_handing_out_call_up_papers_is_an_event_whoever_hands_them(engine, text):
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["other"]


def test_a_region_named_later_is_finer_than_the_country_of_the_headline(engine):
    text = ("Уклонист пытался покинуть Украину, переодевшись в бабушку\n\n"
            "Женщина в Одесской области попыталась вывезти на автомобиле в Молдавию мужчину призывного возраста.")
    records = _incidents(_run(engine, text))
    assert [(r.event_type, r.location.name) for r in records] == [("border_incident", "Odesa Oblast")]


def test_an_undated_lead_does_not_swallow_a_dated_incident_in_another_town(engine):
    text = ("In Shatsk, Volyn, a conscript attacked an officer of the territorial recruitment center on duty.\n"
            "This is not the first case of an attack on the military. On June 16, in Lutsk, TRC soldiers were "
            "attacked with a gas canister.")
    records = _incidents(_run(engine, text))
    assert [(r.location.name, r.date) for r in records] == [("Shatsk", PUB.isoformat()), ("Lutsk", "2025-06-16")]


def test_a_case_opened_about_an_event_takes_the_events_type(engine):
    text = ("Прокурори Тернопільщини розпочали кримінальне провадження за фактом перешкоджання діяльності ЗСУ.\n\n"
            "17 червня поблизу села Плебанівка водій силоміць витягнув із службового авто військовозобов'язаного, "
            "якого везли до навчального центру.")
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["resistance"]


def test_an_incident_abroad_in_a_report_about_abroad_is_out_of_scope(engine):
    text = ("12 июня в Тбилиси полиция задержала около 20 участников акции протеста у здания парламента Грузии.\n\n"
            "Акции в Грузии продолжаются, сообщают грузинские СМИ из Батуми и Кутаиси.")
    assert _incidents(_run(engine, text)) == []


def test_forced_mobilisation_reported_from_abroad_stays(engine):
    text = ("Hungary summoned the Ukrainian ambassador on June 12 over allegations that a dual citizen died "
            "after beatings during forced mobilisation. Budapest and Hungarian officials demanded answers.")
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["abuse_of_conscripts"]


@pytest.mark.parametrize("text", [
    "New York, September 8, 2023—Russian authorities fined a journalist in Perm for a post about the army.",
])
def test_a_title_case_dateline_is_not_the_scene(engine, text):
    assert _incidents(_run(engine, text))[0].location.name == "Perm"


def test_a_verdict_for_speech_is_censorship(engine):
    text = ("A prominent opposition politician was sentenced to 8 1/2 years in prison in Moscow on June 12, after "
            "being convicted on charges stemming from his criticism of the war.\n\n"
            "Yashin was charged with spreading false information about the military.")
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["censorship"]


@pytest.mark.parametrize("text", [
    "12 июня Бобровицкий районный суд Черниговской области признал его виновным в самовольном оставлении "
    "воинской части в условиях военного положения.",
    "12 червня Бобровицький районний суд визнав його винним у самовільному залишенні військової частини.",
])
def test_a_court_finding_a_deserter_guilty_is_a_legal_step(engine, text):
    assert [r.event_type for r in _incidents(_run(engine, text))] == ["legal_action"]


@pytest.mark.parametrize("text", [
    "Суд вынес обвинительный приговор несовершеннолетнему гражданину России, 2011 года рождения, "
    "за подготовку поджога.",
    "Згодом чоловіка 1989 року народження затримали працівники ТЦК у Києві.",
])
def test_a_birth_year_never_dates_the_event(engine, text):
    assert not any((r.date or "").startswith(("2011", "1989")) for r in _incidents(_run(engine, text)))


def test_a_verdict_is_the_news_and_the_dated_arrest_a_record_of_its_own(engine):
    text = ("Второй Западный окружной военный суд приговорил подростка из Тверской области к семи годам колонии "
            "за подготовку поджога военкомата.\n\n"
            "История началась в мае 2024 года в Вышнем Волочке, когда ФСБ задержала двоих несовершеннолетних.")
    assert [(r.event_type, r.date) for r in _incidents(_run(engine, text))] == [
        ("legal_action", PUB.isoformat()), ("legal_action", "2024-05")]


def test_also_reported_is_more_of_the_same_story(engine):
    text = ("12 червня на Мінській у Києві працівники ТЦК жорстко затримали чоловіка біля метро.\n\n"
            "Також повідомляється, що начебто було побиття та кайданки.")
    assert len(_incidents(_run(engine, text))) == 1


@pytest.mark.parametrize("text", [
    "On June 12 the bodies of two men who tried to swim across the Tisza River were found, "
    "Ukraine's border guards said.",
    "12 червня прикордонники знайшли тіло чоловіка, який намагався перепливти Тису.",
])
def test_a_border_river_places_its_crossing_in_its_region(engine, text):
    assert [r.location.name for r in _incidents(_run(engine, text))] == ["Zakarpattia Oblast"]


def test_the_border_river_places_only_crossings_and_deaths(engine):
    text = ("12 червня працівники ТЦК побили чоловіка на вулиці.\n\n"
            "За словами родини, торік його брат виїхав через Тису.")
    beaten = [r for r in _incidents(_run(engine, text)) if r.event_type == "abuse_of_conscripts"]
    assert beaten and all(r.location is None or r.location.admin1 != "Zakarpattia Oblast" for r in beaten)


@pytest.mark.parametrize("text,place", [
    ("За эфир про события в украинской Буче блогера 3 июня оштрафовали за «дискредитацию армии» в Москве.", "Moscow"),
    ("For posts about the Bucha massacre a Moscow court on 3 June fined a blogger for discrediting the army.",
     "Moscow"),
])
def test_the_place_a_person_spoke_about_is_not_the_scene(engine, text, place):
    [record] = _run(engine, text)
    assert (record.location.name if record.location and record.location.geo_precision < 3 else None) == place


def test_the_sentence_that_sets_the_scene_dates_the_event_it_leads_to(engine):
    text = ("January 8, 2024\nThree men from Dnipro arrived in Rakhiv on December 22, 2023, to buy a car for the army."
            "\nUpon arrival, border guards detained them near the border with Romania.")
    [record] = _run(engine, text, date(2024, 1, 8))
    assert (record.event_type, record.date) == ("border_incident", "2023-12-22")


def test_an_arrest_of_suspects_leads_the_event_the_text_dates_next(engine):
    text = ("Неділя, 8 Лютого, 2026\n\nУ Дніпрі поліція затримала трьох працівників ТЦК, яких підозрюють у побитті "
            "чоловіка.\n\nПро смерть чоловіка поліції повідомили вночі 7 лютого.\n\nУ ході розшукових заходів "
            "встановили, що працівники ТЦК побили чоловіка у Дніпрі.")
    [record] = _run(engine, text, date(2026, 2, 8))
    assert (record.event_type, record.date, record.detained) == ("abuse_of_conscripts", "2026-02-07", 3)


@pytest.mark.parametrize("text,value", [
    ("Since the beginning of the war, border guards say they have found the bodies of 27 men who drowned "
     "trying to cross the Tisza.", 27),
    ("З початку повномасштабного вторгнення прикордонники знайшли тіла 27 чоловіків, які потонули в Тисі.", 27),
])
def test_a_small_count_since_a_start_is_a_tally_of_deaths(engine, text, value):
    records = _run(engine, text)
    assert [(r.kind, r.metric, r.value) for r in records] == [("statistic", "deaths", value)]


def test_a_decree_told_as_background_does_not_date_the_news(engine):
    text = ("A Kharkiv recruitment officer was found guilty of punching a teacher.\n\n"
            "KHARKIV — On Feb. 24, 2022, the president issued Decree No. 69/2022, which announced a general "
            "mobilization.")
    [record] = _run(engine, text, date(2025, 10, 17))
    assert (record.event_type, record.date) == ("legal_action", "2025-10-17")


def test_the_act_a_verdict_judged_does_not_date_the_verdict(engine):
    text = ("A Kharkiv recruitment officer was found guilty of punching a teacher.\n\n"
            "The court examined what happened on May 11, 2025, in Kharkiv.")
    [record] = _run(engine, text, date(2025, 10, 17))
    assert (record.event_type, record.date) == ("legal_action", "2025-10-17")


@pytest.mark.parametrize("text,metric,value", [
    # a calendar year as the span a figure below the bounded size counts over
    ("У 2024 році суди ухвалили 640 рішень щодо військових, які самовільно залишили частини.", "szch_cases", 640),
    ("В 2024 году суды вынесли 140 решений по делам о дискредитации армии.", "fakes_criminal_cases", 140),
    ("This year border guards have detained 370 men who tried to cross the river.", "detentions", 370),
])
def test_a_calendar_year_is_a_period_of_a_tally(engine, text, metric, value):
    stats = [r for r in _run(engine, text) if r.kind == "statistic"]
    assert [(s.metric, s.value) for s in stats] == [(metric, value)]
