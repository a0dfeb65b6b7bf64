"""Single statements (pure): retellings of one police post in their own words are one origin; eyewitnesses,
stories with sources of their own, and retellings whose facts differ stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from letopis.reliability import Passage, group_copies
from letopis.reliability.copies import STATEMENT_ORIGIN
from letopis.reliability.statements import UNNAMED_OUTLET, attributions, rests_on, statement_of_site
from tests.reliability.texts import (
    COURT_FACTS,
    COURT_RETELLINGS,
    EYEWITNESS_ONE,
    EYEWITNESS_TWO,
    OWN_WITH_WITNESS,
    POLICE_FACTS,
    RETELLINGS,
    WITH_BACKGROUND,
)

T0 = datetime(2025, 11, 4, 12, tzinfo=UTC)


def _passages(texts: list[tuple[str, str]], facts: tuple[object, ...], first: int = 1) -> list[Passage]:
    return [Passage(first + i, text, language, T0 + timedelta(hours=i), facts)
            for i, (language, text) in enumerate(texts)]


def test_five_outlets_retelling_one_police_post_in_their_own_words_are_one_origin_of_kind_official():
    groups = group_copies(_passages(RETELLINGS, POLICE_FACTS))
    assert {copy.origin for copy in groups.values()} == {1}
    origin = groups[1]
    assert origin.is_origin and origin.kind == "official" and origin.reason.startswith(STATEMENT_ORIGIN)
    assert "the police" in origin.reason and "5 sources" in origin.reason
    for key in range(2, 6):
        assert groups[key].text_origin == key  # each wrote its own text: not copies
        assert "retells the same statement of the police as source 1" in groups[key].reason
    # copies only, as before: five origins
    assert all(copy.is_origin for copy in group_copies(_passages(RETELLINGS, POLICE_FACTS),
                                                       statements=False).values())


def test_two_eyewitness_accounts_are_still_two_origins():
    groups = group_copies(_passages([("uk", EYEWITNESS_ONE), ("uk", EYEWITNESS_TWO)], POLICE_FACTS))
    assert all(copy.is_origin and copy.kind is None for copy in groups.values())
    # and with the retellings of the police post, three: the police, and each eyewitness
    everything = _passages(RETELLINGS, POLICE_FACTS) + _passages(
        [("uk", EYEWITNESS_ONE), ("uk", EYEWITNESS_TWO)], POLICE_FACTS, first=10)
    assert len({copy.origin for copy in group_copies(everything).values()}) == 3


def test_a_story_with_a_source_of_its_own_is_independent_of_the_post_it_also_quotes():
    assert attributions(OWN_WITH_WITNESS)[1]  # "розповіла нашому виданню": the outlet's own material
    assert rests_on(OWN_WITH_WITNESS) is None
    groups = group_copies(_passages(RETELLINGS[:2] + [("uk", OWN_WITH_WITNESS)], POLICE_FACTS))
    assert groups[2].origin == 1 and groups[3].is_origin


def test_retellings_whose_facts_differ_are_not_joined():
    other = ("2025-11-04", "Poltava", None, 1, 3)  # three detained: another statement, or another incident
    passages = _passages(RETELLINGS[:2], POLICE_FACTS) + _passages(RETELLINGS[2:3], other, first=3)
    groups = group_copies(passages)
    assert groups[2].origin == 1 and groups[3].is_origin


def test_what_a_background_paragraph_names_is_not_the_source():
    assert {key for key, _ in attributions(WITH_BACKGROUND)[0]} == {"police"}
    assert rests_on(WITH_BACKGROUND).key == "police"


def test_who_was_told_and_who_relays_are_not_sources():
    told = "Про смерть чоловіка поліції повідомили сусіди, які викликали швидку."
    assert [key for key, _ in attributions(told)[0]] == ["people"]  # the neighbours told the police
    relayed = "Про це повідомляє поліція Київщини, передає Інтерфакс-Україна."
    assert rests_on(relayed).key == "police"
    relayed = "Об этом сообщает РБК-Украина со ссылкой на пресс-службу полиции."
    assert rests_on(relayed).key == "police"
    agency = "A man was detained at the border, the State Border Guard Service said, according to UNN."
    assert rests_on(agency).key == "border_guard"


def test_one_outlet_s_report_retold_is_one_origin_of_kind_media():
    first = "Полиция задержала несколько участниц акции на площади, сообщает издание SakhaDay."
    second = "Видання Sakhaday написало, що акцію провели у формі хороводу, після чого почалися затримання."
    assert rests_on(first).key == rests_on(second).key and rests_on(first).kind == "media"
    groups = group_copies([Passage(1, first, "ru", T0), Passage(2, second, "uk", T0 + timedelta(hours=1))])
    assert groups[2].origin == 1 and groups[1].kind == "media"


def test_a_court_s_release_retold_three_times_is_one_court_record():
    groups = group_copies(_passages(COURT_RETELLINGS, COURT_FACTS))
    assert {copy.origin for copy in groups.values()} == {1} and groups[1].kind == "court_record"


def test_the_official_site_itself_joins_its_retellings():
    assert statement_of_site("kharkiv.npu.gov.ua").key == "police" and statement_of_site("meduza.io") is None
    post = ("Поліцейські Полтави затримали 34-річного чоловіка, який під час перевірки документів зламав ніс "
            "військовослужбовцю. Розпочато кримінальне провадження.")
    passages = [Passage(1, post, "uk", T0, POLICE_FACTS, site="pl.npu.gov.ua"),
                *_passages(RETELLINGS[:2], POLICE_FACTS, first=2)]
    groups = group_copies(passages)
    assert {copy.origin for copy in groups.values()} == {1} and groups[1].kind == "official"


# An outlet's report (invented), retold by sites that name it, and by two that do not name it.
OUTLET_FACTS = ("2025-09-25", "Yakutsk", None, None, None)
NAMES_THE_OUTLET = [
    ("ru", "Полиция задержала несколько участниц женской акции на площади в Якутске, сообщает издание SakhaDay."),
    ("uk", "Видання Sakhaday написало, що жінки водили хоровод довкола поліцейських, після чого почалися затримання."),
]
UNNAMED_RU = ("В центре Якутска женщины провели хоровод в знак протеста против мобилизации, полиция начала "
              "задержания. Об этом пишут региональные СМИ.")
UNNAMED_EN = ("Women in Yakutsk danced around police officers in protest against the mobilization. The publication "
              "reported a bus of detainees and called the police's actions aggressive.")


def test_an_outlet_the_text_does_not_name_is_a_source():
    assert rests_on(UNNAMED_RU).key == rests_on(UNNAMED_EN).key == UNNAMED_OUTLET
    assert rests_on(UNNAMED_RU).kind == "media"
    # beside a named outlet "the publication" is that outlet; beside a body, a second source
    assert rests_on(NAMES_THE_OUTLET[0][1] + " Издание также сообщает, что задержаны десятки.").key == "outlet:skd"
    assert rests_on("Про затримання повідомили в поліції, також про це пишуть місцеві ЗМІ.") is None
    # "social media" are people, not an outlet
    assert {key for key, _ in attributions("Social media reported dozens of women detained.")[0]} == {"people"}


def test_retellings_naming_no_outlet_join_the_one_outlet_the_others_name():
    passages = _passages(NAMES_THE_OUTLET + [("ru", UNNAMED_RU), ("en", UNNAMED_EN)], OUTLET_FACTS)
    groups = group_copies(passages)
    assert {copy.origin for copy in groups.values()} == {1} and groups[1].kind == "media"
    assert "SakhaDay" in groups[1].reason and "4 sources" in groups[1].reason


def test_retellings_naming_no_outlet_stay_apart_when_two_outlets_are_named():
    other = ("ru", "Участниц акции в Якутске задерживали жестко, передает издание Ykt.Ru.")
    groups = group_copies(_passages([NAMES_THE_OUTLET[0], other, ("ru", UNNAMED_RU)], OUTLET_FACTS))
    assert len({copy.origin for copy in groups.values()}) == 3  # which outlet it retells cannot be told


def test_an_outlet_named_without_a_type_word_is_read_beside_its_verb():
    two = ("Жінки вийшли на площу в Якутську. Про це повідомляють «Вести Якутии». SakhaDay пише, що поліцейські "
           "спершу вмовляли протестувальниць розійтися.")
    assert {key for key, _ in attributions(two)[0]} == {"outlet:vstkt", "outlet:skd"}
    assert rests_on(two) is None  # two outlets: its own combination
    assert rests_on("Жінок затримали на площі, пише Meduza.").key == "outlet:mdz"


def test_a_single_retelling_of_a_post_is_an_origin_of_the_statement_s_kind():
    groups = group_copies(_passages(RETELLINGS[:1], POLICE_FACTS))
    assert groups[1].is_origin and groups[1].kind == "official" and groups[1].reason.startswith(STATEMENT_ORIGIN)
    assert "the police" in groups[1].reason and groups[1].statement is not None
    # beside an independent story it keeps that kind; the story has none (its site's kind applies)
    groups = group_copies(_passages(RETELLINGS[:1] + [("uk", OWN_WITH_WITNESS)], POLICE_FACTS))
    assert groups[1].kind == "official" and groups[2].is_origin and groups[2].kind is None


def test_the_land_forces_command_is_a_body_of_its_own():
    post = ("На АЗС у Пирятині невідомий застрелив військового ТЦК. Про це повідомили у пресслужбі Командування "
            "Сухопутних військ.")
    assert rests_on(post).key == "army_command" and rests_on(post).kind == "official"
    # the command and the oblast recruitment centre: two bodies, the page's own combination
    both = post + " Згодом Полтавський обласний ТЦК та СП повідомив, що обох чоловіків затримали."
    assert {key for key, _ in attributions(both)[0]} == {"army_command", "recruitment_centre"}
    assert rests_on(both) is None


def test_journalists_speak_for_their_outlet():
    named = ("СБУ затримала двох чоловіків біля відділку поліції, розповіла речниця СБУ. Журналісти «Радіо Трек» "
             "повідомили, що до будівлі пронесли вибухівку.")
    assert {key for key, _ in attributions(named)[0]} == {"sbu", "outlet:rdtrk"}
    assert rests_on(named) is None
    editor = ("Про стрілянину повідомив обласний ТЦК. Редактор «Кременчуцької газети» Олег Булашев написав у "
              "Telegram, що чоловіка затримали на вокзалі.")
    assert rests_on(editor) is None and "outlet:krmnktskzt" in {key for key, _ in attributions(editor)[0]}
    # the journalists of the one outlet the page names are that outlet
    unnamed = "Акцію провели на площі, пише видання SakhaDay. Журналісти повідомляють, що людей прийшло багато."
    assert rests_on(unnamed).key == "outlet:skd"


def test_the_border_police_of_a_neighbour_are_border_guards_not_the_police():
    text = "Тіло чоловіка знайшли на березі Тиси. Про це повідомили співробітники прикордонної поліції Угорщини."
    assert {key for key, _ in attributions(text)[0]} == {"border_guard"}
    assert rests_on(text).key == "border_guard"
    assert rests_on("The body was found by the Hungarian border police, Ukraine's border service said.").key == (
        "border_guard")


def test_who_told_the_author_of_a_quoted_statement_is_not_the_page_s_source():
    text = ("В реке Тисе нашли тело 23-летнего украинца, сообщает Госпогранслужба: «Вчера вечером сотрудники "
            "полиции Венгрии сообщили о том, что во время патрулирования обнаружили мужчину без признаков жизни. При "
            "нем был украинский загранпаспорт», – говорится в сообщении.")
    assert rests_on(text).key == "border_guard"
    # outside the quotation the same words are the page's own attribution
    unquoted = text.replace("«", "").replace("»", "")
    assert rests_on(unquoted) is None


def test_a_tally_since_some_start_is_context_not_the_source():
    text = ("Прикордонники затримали шістьох чоловіків на березі Тиси, повідомили в ДПСУ. Водночас рятувальники "
            "зазначають, що від початку повномасштабного вторгнення з річки вже дістали тіла 44 людей.")
    assert rests_on(text).key == "border_guard"


def test_attributions_without_a_usual_verb():
    assert rests_on("Біля ТЦК стався вибух, є постраждалий. Інформацію про це надала обласна поліція.").key == "police"
    assert rests_on("У Павлограді пролунав вибух. Про це пресслужба поліції Дніпропетровської області.").key == "police"
    assert rests_on("Вибух біля ТЦК у Кам'янці, пише КУРС з посиланням на Нацполіцію.").key == "police"


def test_a_site_named_by_a_number_beside_its_verb_is_an_outlet_a_second_source_beside_a_body():
    text = ("Патруль виявив у річці тіло чоловіка, повідомляє 12345.\n"
            "Як повідомили в Держприкордонслужбі, чоловік намагався перетнути кордон.\n"
            "За матеріалами 12345.")
    sources, _ = attributions(text)
    assert ("outlet:#12345", "12345") in sources
    assert rests_on(text) is None


def test_a_regional_fsb_directorate_is_the_fsb():
    one = "Суд оставил приговор без изменения, сообщает региональное УФСБ."
    two = "Как сообщили в пресс-службе УФСБ по области, мужчина поджег здание военкомата."
    assert rests_on(one) is not None and rests_on(one) == rests_on(two)
    assert rests_on(one).key == "fsb"
