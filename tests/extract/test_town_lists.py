"""Towns told as a list: one incident per town (letopis.extract.placelists), on texts written for
these tests."""

from datetime import date

import pytest

from letopis.extract.engine import Engine
from letopis.model import Report

PUB = date(2025, 3, 14)


@pytest.fixture(scope="module")
def engine():
    return Engine(judged=False)


def _towns(engine, text):
    records = engine.extract(Report(text=text, published=PUB))
    # the gazetteer writes some names with a soft sign's apostrophe ("Ryazan’")
    return [r.location.name.replace("’", "") for r in records if r.kind == "incident" and r.location is not None], \
        records


@pytest.mark.parametrize("text,towns", [
    ("Сьогодні сотні людей вийшли на вулиці Полтави, Чернігова та Житомира з протестом проти затримки виплат "
     "військовим.", {"Poltava", "Chernihiv", "Zhytomyr"}),
    ("Вчера жители вышли на пикеты против мобилизации в Томске, Барнауле и Чите.", {"Tomsk", "Barnaul", "Chita"}),
    ("On Saturday, relatives of missing soldiers held rallies in Lviv, Dnipro and Rivne.", {"Lviv", "Dnipro", "Rivne"}),
])
def test_a_lead_listing_towns_makes_one_incident_per_town(engine, text, towns):
    found, records = _towns(engine, text)
    assert set(found) == towns
    assert len(found) == len(towns)
    assert len({r.date for r in records}) == 1


def test_counts_stay_with_one_town_only(engine):
    found, records = _towns(engine, "13 березня поліція затримала 40 учасників акцій протесту в Ужгороді та Мукачеві.")
    assert set(found) == {"Uzhhorod", "Mukacheve"} or set(found) == {"Uzhhorod", "Mukachevo"}
    assert sorted(r.detained or 0 for r in records) == [0, 40]


@pytest.mark.parametrize("text,told,more", [
    ("Ночью 12 марта неизвестный бросил бутылку с зажигательной смесью в здание военкомата в Липецке. "
     "Пострадавших нет. Подобные поджоги военкоматов в последние дни были в Курске, Пензе и Ижевске.",
     "Lipetsk", {"Kursk", "Penza", "Izhevsk"}),
    ("On 12 March a man threw a petrol bomb at the enlistment office in Kostroma. "
     "Similar attacks on enlistment offices took place in Tver and Ryazan.",
     "Kostroma", {"Tver", "Ryazan"}),
])
def test_similar_acts_in_other_towns_are_incidents_of_the_same_kind(engine, text, told, more):
    found, records = _towns(engine, text)
    assert set(found) == {told} | more
    incidents = [r for r in records if r.kind == "incident"]
    assert len({r.event_type for r in incidents}) == 1
    assert len({r.date for r in incidents}) == 1


@pytest.mark.parametrize("text", [
    # a route or a span is no list of scenes
    "12 березня прикордонники затримали мікроавтобус з ухилянтами на трасі між Києвом та Житомиром.",
    "12 марта полиция задержала участников акции против мобилизации, ехавших из Томска в Новосибирск.",
    # a list that also names regions sums up a wave: one record
    "Вчера акции против мобилизации прошли в Сибири, на Урале, в Твери и Воронеже, задержаны 300 человек.",
])
def test_routes_and_waves_stay_one_incident(engine, text):
    found, records = _towns(engine, text)
    assert len([r for r in records if r.kind == "incident"]) <= 1


@pytest.mark.parametrize("text,town", [
    ("Учора сотні людей вийшли на вулиці Одеси з вимогою повернути полонених.", "Odesa"),
    ("Вчера на улицах Омска прошла акция против мобилизации.", "Omsk"),
])
def test_the_streets_of_a_city_name_the_city(engine, text, town):
    found, _ = _towns(engine, text)
    assert found == [town]


def test_a_street_named_after_a_person_is_still_no_town(engine):
    found, _ = _towns(engine, "Учора на вулиці Шевченка в Полтаві працівники ТЦК затримали чоловіка.")
    assert found == ["Poltava"]


@pytest.mark.parametrize("text,kind", [
    ("Сьогодні в Ужгороді відбулася акція-нагадування про зниклих безвісти військових.", "protest"),
    ("Вчера в Томске прошла акция родственников мобилизованных с требованием вернуть их домой.", "protest"),
])
def test_a_rally_held_is_a_protest(engine, text, kind):
    records = engine.extract(Report(text=text, published=PUB))
    assert [r.event_type for r in records] == [kind]


@pytest.mark.parametrize("text", [
    "У Полтаві затримали 20-річного чоловіка, який на замовлення куратора підпалив автомобіль поліції.",
    "В Казани задержали подростка, завербованного через мессенджер, который поджег автомобиль полиции.",
])
def test_an_act_for_a_handler_is_in_the_field(engine, text):
    records = engine.extract(Report(text=text, published=PUB))
    assert len(records) == 1 and records[0].location is not None
