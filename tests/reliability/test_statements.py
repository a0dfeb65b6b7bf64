"""Single statements (pure): retellings of one police post in their own words are one origin; eyewitnesses,
stories with sources of their own, and retellings whose facts differ stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from letopis.reliability import Passage, group_copies
from letopis.reliability.copies import STATEMENT_ORIGIN
from letopis.reliability.statements import attributions, rests_on, statement_of_site
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
