"""Organisation names: in_org, and the level the organisation covers."""

from __future__ import annotations

import pytest

from .conftest import only

ORGS = [
    ("The Lviv Regional Prosecutor's Office said.", "Lviv Regional", "admin1", "Lviv Oblast"),
    ("Кременчуцький районний ТЦК повідомив.", "Кременчуцький районний", "district", "Kremenchuk Raion"),
    ("Одеський обласний ТЦК повідомив.", "Одеський обласний", "admin1", "Odesa Oblast"),
    ("Ленинский районный суд Курска вынес приговор.", "Курска", "settlement", "Kursk"),
    ("A spokesman of the Kharkiv city TCC said.", "Kharkiv city", "settlement", "Kharkiv"),
    ("Одеський міський суд виніс вирок.", "Одеський міський", "settlement", "Odesa"),
    ("The Kharkiv oblast TCC denied it.", "Kharkiv oblast", "admin1", "Kharkiv Oblast"),
    ("The Kremenchuk district TCC denied it.", "Kremenchuk district", "district", "Kremenchuk Raion"),
    ("Курский областной суд вынес приговор.", "Курский областной", "admin1", "Kursk Oblast"),
    ("Харківська обласна прокуратура повідомила.", "Харківська обласна", "admin1", "Kharkiv Oblast"),
    ("Шевченківський районний суд м. Києва заарештував чоловіка.", "Києва", "settlement", "Kyiv"),
    ("Харківська ОВА повідомила.", "Харківська ОВА", "admin1", "Kharkiv Oblast"),
]


@pytest.mark.parametrize("text,surface,level,name", ORGS, ids=[o[1] for o in ORGS])
def test_org(gaz, text, surface, level, name):
    mention, place = only(gaz, text, surface)
    assert mention.in_org and mention.level == level, mention
    assert place.name == name


def test_raion_is_located_at_its_centre(gaz):
    mention, place = only(gaz, "Кременчуцький районний ТЦК", "Кременчуцький районний")
    kremenchuk = gaz.lookup("Кременчук")[0]
    assert abs(place.lat - kremenchuk.lat) < 0.01 and abs(place.lon - kremenchuk.lon) < 0.01
    assert place.admin1 == "Poltava Oblast" and place.level == "district"


def test_ленинский_is_not_a_place(gaz):
    surfaces = [m.surface for m in gaz.find("Ленинский районный суд Курска вынес приговор.")]
    assert surfaces == ["Курска"]


@pytest.mark.parametrize("text,surface,level,name", [
    ("У Кременчуцькому районі затримали чоловіка.", "Кременчуцькому районі", "district", "Kremenchuk Raion"),
    ("Кременчуцький район Полтавської області.", "Кременчуцький район", "district", "Kremenchuk Raion"),
    ("In the Kremenchuk district, men were detained.", "Kremenchuk district", "district", "Kremenchuk Raion"),
    ("Харківська область під обстрілом.", "Харківська область", "admin1", "Kharkiv Oblast"),
])
def test_adjective_without_org(gaz, text, surface, level, name):
    mention, place = only(gaz, text, surface)
    assert not mention.in_org and mention.level == level
    assert place.name == name


def test_plain_adjective_is_not_a_mention(gaz):
    assert [m.surface for m in gaz.find("Харківський метрополітен працює.")] == []
