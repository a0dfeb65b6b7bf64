import pytest

from letopis.extract.cues import find_cues
from letopis.extract.events import actors, classify


def _type(sentence: str) -> str | None:
    cues = find_cues(sentence)
    return classify(cues, cues)


@pytest.mark.parametrize("sentence,expected", [
    ("Recruitment officers detained two men at a bus stop in Kharkiv.", "mobilization_detention"),
    ("У Харкові працівники ТЦК затримали двох чоловіків на зупинці.", "mobilization_detention"),
    ("В Днепре сотрудники ТЦК задержали мужчину у подъезда.", "mobilization_detention"),
    ("Residents surrounded a TCC car and freed a detained man.", "resistance"),
    ("Місцеві мешканці заблокували бус ТЦК і не дали вивезти чоловіка.", "resistance"),
    ("Толпа местных жителей окружила бус ТЦК и отбила задержанного.", "resistance"),
    ("A man stabbed an officer of the regional TCC.", "attack_on_officials"),
    ("Чоловік напав з ножем на працівника ТЦК.", "attack_on_officials"),
    ("Неизвестные подожгли здание военкомата.", "attack_on_officials"),
    ("A mobilized man died in the TCC building after a beating.", "abuse_of_conscripts"),
    ("Мобілізованого побили у приміщенні ТЦК.", "abuse_of_conscripts"),
    ("Border guards detained three men trying to cross the border into Romania.", "border_incident"),
    ("Ще одного чоловіка знайшли мертвим у Тисі, коли він намагався перетнути кордон.", "border_incident"),
    ("Dozens of servicemen left their positions without permission.", "desertion"),
    ("Троє військових самовільно залишили частину.", "desertion"),
    ("A court sentenced a resident of Stryi to three years in prison for evading mobilization.",
     "legal_action"),
    ("Суд засудив чоловіка до трьох років позбавлення волі.", "legal_action"),
    ("Суд приговорил мужчину к пяти годам колонии за дезертирство.", "legal_action"),
    ("Relatives of soldiers held a rally outside the regional administration.", "protest"),
    ("Родичі військових вийшли на акцію протесту біля ОДА.", "protest"),
    ("Workers have not been paid wages for four months.", "labor_dispute"),
    ("Шахтарям не виплачують зарплату вже три місяці.", "labor_dispute"),
    ("A court fined a man for a post discrediting the army.", "censorship"),
    ("Суд оштрафовал жителя за пост о дискредитации армии.", "censorship"),
    ("Роскомнадзор заблокировал канал.", "censorship"),
])
def test_event_type(sentence, expected):
    assert _type(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The weather was fine and the market was open.",
    "Ми закликаємо всіх підписатися на канал.",
    "Погода сегодня хорошая.",
])
def test_no_event(sentence):
    assert _type(sentence) is None


def test_actors_include_the_roles_named():
    cues = find_cues("Police and TCC officers detained a man; residents blocked the car.")
    roles = actors(cues, "resistance")
    assert {"police", "recruitment_officers", "civilians"} <= set(roles)
