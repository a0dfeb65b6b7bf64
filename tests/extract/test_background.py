"""Sentences that report no event of their own, and follow-ups that belong to the incident before."""

from __future__ import annotations

from datetime import date

import pytest

from letopis.extract.engine import extract

PUBLISHED = date(2026, 5, 20)


def _types(text: str) -> list[tuple[str | None, str | None]]:
    return [(r.event_type, r.date) for r in extract(text, PUBLISHED) if r.kind == "incident"]


@pytest.mark.parametrize("background", [
    "Protests by soldiers' wives have become more frequent since 2023, an activist said on Monday.",
    "As in previous years, border guards expect more crossings in spring.",
    "Жінки мобілізованих регулярно виходять на мітинги з 2023 року, сказала активістка у понеділок.",
    "З 2022 року більшість чоловіків приходять до ТЦК самі.",
    "Как и в прошлые годы, весной ожидают новых облав.",
    "С 2023 года жалобы на военкоматы поступают всё чаще, заявил омбудсмен во вторник.",
])
def test_trends_and_open_background_are_not_incidents(background):
    incident = "On May 12 recruitment officers detained two men at the railway station in Poltava."
    assert _types(incident + "\n\n" + background) == [("mobilization_detention", "2026-05-12")]


EN_BORDER = "On May 12 border guards detained two men trying to cross the Tisza near Solotvyno."
UK_BORDER = "12 травня прикордонники затримали двох чоловіків, які намагалися перепливти Тису біля Солотвина."
RU_BORDER = "12 мая пограничники задержали двоих мужчин, пытавшихся переплыть Тису возле Солотвина."


@pytest.mark.parametrize("incident,penalty", [
    (EN_BORDER, "Illegal crossing of the border is punishable by a fine of up to 5,100 hryvnias."),
    (EN_BORDER, "They face up to eight years in prison under Article 332."),
    (UK_BORDER, "За незаконний перетин кордону загрожує штраф до 5 100 гривень."),
    (UK_BORDER, "Стаття 332 передбачає до дев'яти років позбавлення волі."),
    (RU_BORDER, "Им грозит до восьми лет лишения свободы по статье 332 УК."),
])
def test_what_the_law_provides_is_not_an_incident(incident, penalty):
    assert _types(incident + " " + penalty) == [("border_incident", "2026-05-12")]


@pytest.mark.parametrize("text", [
    "On May 14 a district court in Lviv sentenced a man to three years for evading mobilization, "
    "though the article provides for up to five.",
    "14 травня суд у Львові засудив чоловіка до трьох років за ухилення від мобілізації, хоча стаття "
    "передбачає до п'яти.",
    "14 мая суд в Курске приговорил мужчину к двум годам за уклонение от призыва, хотя статья "
    "предусматривает до трёх.",
])
def test_a_verdict_with_its_penalty_stays_a_court_decision(text):
    assert _types(text) == [("legal_action", "2026-05-14")]


@pytest.mark.parametrize("text", [
    "On May 9 a man threw a grenade at a TCC patrol in Poltava, wounding two officers.\n\n"
    "Police detained the attacker an hour later in a nearby park.",
    "9 травня в Полтаві чоловік кинув гранату в патруль ТЦК, поранивши двох військових.\n\n"
    "Нападника затримали через годину в сусідньому парку.",
    "9 мая в Полтаве мужчина бросил гранату в патруль ТЦК, ранив двух военных.\n\n"
    "Нападавшего задержали через час в соседнем парке.",
])
def test_the_arrest_of_the_attacker_belongs_to_the_attack(text):
    records = [r for r in extract(text, PUBLISHED) if r.kind == "incident"]
    assert [(r.event_type, r.date, r.injured) for r in records] == [("attack_on_officials", "2026-05-09", 2)]


@pytest.mark.parametrize("follow_up", [
    "Two of them were later released.",
    "Двох із них згодом відпустили.",
    "Двоих из них позже отпустили.",
    "Together with them the driver of the minibus was detained.",
    "Вместе с ними задержали и водителя микроавтобуса.",
])
def test_a_part_of_the_people_just_named_is_not_a_new_incident(follow_up):
    text = "On May 12 recruitment officers detained five men at the market in Rivne. " + follow_up
    assert [t for t, _ in _types(text)] == ["mobilization_detention"]


def test_a_far_away_namesake_does_not_take_the_place_of_the_scene():
    text = ("On May 12 police raided a warehouse on the edge of Rostov-on-Don. About thirty men were taken "
            "to the enlistment office. Several of them were migrants from Central Asia.")
    records = [r for r in extract(text, PUBLISHED) if r.kind == "incident"]
    assert [r.location.name for r in records if r.location] == ["Rostov-on-Don"]
