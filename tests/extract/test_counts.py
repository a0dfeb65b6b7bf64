"""Counts per incident: groups, "all of them", additions, body parts; number phrases."""

from __future__ import annotations

import pytest

from letopis.extract.counts import count_people
from letopis.extract.numbers import find_numbers

PHRASES = [
    # fractions and pairs of a scale word
    ("en", "Border guards detained half a dozen men.", 6),
    ("en", "Police detained about half a dozen men.", 6),
    ("en", "A patrol detained a dozen and a half men.", 18),
    ("en", "They detained a pair of men at the market.", 2),
    ("uk", "Поліція затримала півтора десятка учасників.", 15),
    ("uk", "Затримали півтори сотні людей.", 150),
    ("uk", "Затримали пів десятка чоловіків.", 5),
    ("uk", "Затримали півсотні людей.", 50),
    ("uk", "Затримали пару чоловіків.", 2),
    ("ru", "Военная полиция задержала полтора десятка военнослужащих.", 15),
    ("ru", "Задержали около полутора десятков человек.", 15),
    ("ru", "Задержали полторы сотни человек.", 150),
    ("ru", "Задержали полдюжины мужчин.", 6),
    ("ru", "Задержали полсотни человек.", 50),
    ("ru", "Задержали полтораста человек.", 150),
    ("ru", "Задержали два десятка человек.", 20),
    ("ru", "Задержали пару человек.", 2),
    # collective numerals above ten, in several cases
    ("uk", "Одинадцятеро чоловіків затримали.", 11),
    ("uk", "Затримали одинадцятьох чоловіків.", 11),
    ("uk", "Дванадцятьом чоловікам повідомили.", 12),
    ("uk", "Двадцятеро людей вийшли.", 20),
    ("ru", "Задержали одиннадцатерых мужчин.", 11),
    ("ru", "Двадцатеро человек вышли.", 20),
    ("ru", "Семеро жён вышли.", 7),
    ("ru", "Задержали семерых.", 7),
    ("ru", "Семерым из них.", 7),
]


@pytest.mark.parametrize("lang,text,value", PHRASES)
def test_number_phrases(lang: str, text: str, value: int) -> None:
    assert [n.value for n in find_numbers(text, lang) if not n.is_age] == [value]


def test_place_named_like_a_chapter_is_no_blocker() -> None:
    # "Роздільна" is not "розділ" (a chapter number)
    assert [n.value for n in find_numbers("поблизу Роздільної одинадцятеро чоловіків", "uk")] == [11]


@pytest.mark.parametrize("lang,text", [
    ("en", "the man, 29, was detained on the spot"),
    ("en", "A driver (52) was stopped."),
    ("uk", "чоловік, 45, був затриманий"),
    ("ru", "мужчина, 33, был задержан"),
])
def test_age_in_apposition(lang: str, text: str) -> None:
    assert all(n.is_age for n in find_numbers(text, lang))


@pytest.mark.parametrize("lang,text,detained", [
    ("ru", "К зданию вышли с плакатами семеро жён мобилизованных. Всех задержала полиция, "
           "троих продержали в отделе до утра.", 7),
    ("uk", "Одинадцятеро чоловіків натрапили на прикордонний наряд; усіх затримали. "
           "Двоє з них травмувалися.", 11),
    ("uk", "Біля ринку п'ятеро чоловіків стояли; усіх затримали, двох відпустили.", 5),
    ("en", "Four men were stopped at the border. All of them were detained, one was released.", 4),
])
def test_all_of_them_takes_the_group_named_before(lang: str, text: str, detained: int) -> None:
    assert count_people(text, lang).detained == detained


@pytest.mark.parametrize("lang,text,field,value", [
    ("uk", "Двоє військовослужбовців отримали травми голови, ще один — перелом руки.", "injured", 3),
    ("uk", "Прикордонники затримали трьох чоловіків, ще двох — на іншій ділянці.", "detained", 5),
    ("ru", "Двое военных ранены, ещё трое получили ушибы.", "injured", 5),
    ("ru", "Пострадали двое военных, ещё один — перелом руки.", "injured", 3),
    ("en", "Two officers were wounded, and another one was hit by a stray bullet.", "injured", 3),
])
def test_another_adds_to_the_figure(lang: str, text: str, field: str, value: int) -> None:
    assert getattr(count_people(text, lang), field) == value


def test_another_of_another_family_is_not_added() -> None:
    assert count_people("Two officers were wounded, and another one was killed.", "en").injured == 2


@pytest.mark.parametrize("lang,text", [
    ("en", "He was beaten and suffered two broken ribs."),
    ("uk", "Його побили, зламали два ребра."),
    ("ru", "Его избили, сломали два ребра."),
])
def test_body_parts_are_not_people(lang: str, text: str) -> None:
    assert count_people(text, lang).injured == 1


def test_subgroup_of_them_is_not_added() -> None:
    text = "Police detained more than twenty workers. Nine of them were released the same evening."
    assert count_people(text, "en").detained == 20


def test_a_count_at_the_end_of_a_long_line_is_still_read():
    """A 240 KB line with no sentence end (hostile input): the cue still finds its number."""
    from datetime import date

    from letopis.extract.engine import Engine
    from letopis.model import Report

    text = "слово " * 40000 + "3 березня у Львові працівники ТЦК затримали двох чоловіків"
    records = Engine(judged=False).extract(Report(text=text, published=date(2025, 3, 5)))
    detentions = [r for r in records if r.event_type == "mobilization_detention"]
    assert detentions and detentions[-1].detained == 2 and detentions[-1].date == "2025-03-03"


def test_men_stopped_trying_to_cross_were_detained():
    from letopis.extract.counts import count_people
    from letopis.extract.cues import find_cues

    text = "Прикордонники зупинили спробу трьох чоловіків потрапити до Молдови на матрацах."
    assert count_people(text, "uk", cues=find_cues(text)).detained == 3
    drowned = "The bodies of two men who tried to cross the Tisza were found."
    assert count_people(drowned, "en", cues=find_cues(drowned)).detained is None


def test_the_people_of_a_crossing_and_those_detained_with_them():
    from letopis.extract.counts import count_people
    from letopis.extract.cues import find_cues

    text = ("Пограничники остановили микроавтобус, в котором пятеро мужчин пытались добраться до границы с Румынией. "
            "Вместе с ними задержали и водителя.")
    assert count_people(text, "ru", cues=find_cues(text)).detained == 6


@pytest.mark.parametrize("lang,text", [
    ("uk", "Один із працівників здійснив декілька пострілів у повітря, щоб затримати нападника."),
    ("uk", "Працівники ТЦК намагалися затримати чоловіка, але перехожі завадили."),
    ("ru", "Сотрудники полиции пытались задержать мужчину, но прохожие вмешались."),
    ("en", "An officer fired warning shots in order to detain the attacker."),
    ("en", "Recruiters tried to detain a man, but passers-by intervened."),
])
def test_an_arrest_only_meant_or_tried_counts_no_one(lang: str, text: str) -> None:
    assert count_people(text, lang).detained is None


@pytest.mark.parametrize("lang,text", [
    ("en", "A woman was detained at a makeshift memorial following the death of the opposition leader."),
    ("uk", "Люди принесли квіти після смерті полоненого, поліція затримала двох."),
    ("ru", "Жители пришли к мемориалу в память о погибшем, полиция задержала двоих."),
])
def test_a_death_that_is_the_reason_people_gathered_is_not_counted(lang: str, text: str) -> None:
    assert count_people(text, lang).fatalities is None


# One person told by the form of the person noun at the cue (pymorphy3), not by a listed word.
@pytest.mark.parametrize("lang, text, family, expected", [
    ("uk", "Внаслідок наїзду травмувався співробітник ТЦК, його госпіталізували.", "injured", 1),
    ("uk", "Завдяки діям правоохоронців водія Mercedes-Benz затримано в порядку ст. 208 КПК.", "detained", 1),
    ("ru", "Полицейские задержали военнослужащего у входа в здание.", "detained", 1),
    ("uk", "Поліцейські затримали прикордонників біля кордону.", "detained", None),
    # before an active verb stands its agent, or another role: no count from it
    ("uk", "Поліцейський затримав, а потім відпустив.", "detained", None),
    ("ru", "Раненого военного доставили в больницу.", "detained", None),
])
def test_one_person_by_the_form_of_the_noun(lang, text, family, expected):
    assert getattr(count_people(text, lang), family) == expected
