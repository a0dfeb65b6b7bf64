"""Towns named by an adjective before an institution word (courts, recruitment offices, plants)."""

import pytest


@pytest.mark.parametrize("text, surface, name, level", [
    ("Лисянський районний суд Черкаської області засудив чоловіка", "Лисянський", "Lysianka", "district"),
    ("Рішення Чутівського районного суду набрало сили", "Чутівського", "Chutove", "district"),
    ("Бобровицький районний суд Чернігівської області", "Бобровицький", "Bobrovytsia", "district"),
    ("Кобеляцький районний суд призначив штраф", "Кобеляцький", "Kobeliaky", "district"),
    ("Пожар на Сызранском НПЗ потушили", "Сызранском", "Syzran", "settlement"),
    ("До Яворівського РТЦК та СП доставили чоловіка", "Яворівського", "Yavoriv", "settlement"),
    # a linking syllable between the town and its adjective: Ялта -> ялтинский, Уфа -> уфимский
    ("Ялтинский городской суд оштрафовал школьника", "Ялтинский", "Yalta", "settlement"),
    ("Мужчину доставили в Уфимский военкомат", "Уфимский", "Ufa", "settlement"),
    ("Прохладненский районный суд оштрафовал мужчину", "Прохладненский", "Prokhladnyy", "district"),
    # an oblast's administrative court is named by its centre's adjective and judges the oblast
    ("Волинський окружний адміністративний суд скасував наказ", "Волинський", "Volyn Oblast", "admin1"),
])
def test_town_adjective_before_an_institution(gaz, text, surface, name, level):
    mention = next(m for m in gaz.find(text) if m.surface.startswith(surface))
    assert mention.level == level and mention.in_org
    assert mention.candidates[0].name == name


@pytest.mark.parametrize("text", [
    "1-й Восточный окружной военный суд вынес приговор",
    "Український народ пам'ятає",          # an adjective with no institution word after it
])
def test_ordinary_adjectives_are_no_towns(gaz, text):
    assert [m for m in gaz.find(text) if m.level == "settlement"] == []


def test_a_latin_name_in_cyrillic_prose_is_a_brand(gaz):
    text = "Підприємець на автомобілі Seat Alhambra заблокував службовий автомобіль ТЦК у Дрогобичі."
    assert [m.candidates[0].name for m in gaz.find(text) if m.level == "settlement"] == ["Drohobych"]


@pytest.mark.parametrize("text", [
    "Денис Молотов\nВ Уманському районі чоловік напав на працівника ТЦК.",   # a byline's surname, not Perm
    "Українська пісня лунала з автомобіля.",                                 # a national adjective
    "Фото: Суспільне/Станіслав Свирид\nАкція відбулася вчора.",             # a photo credit's first name
])
def test_names_and_national_adjectives_are_no_towns(gaz, text):
    assert [m.candidates[0].name for m in gaz.find(text) if m.level == "settlement"] == []


def test_a_town_bearing_the_name_beats_a_namesake_of_its_size(gaz):
    text = "У місті Сміла затримали чоловіка."
    mentions = gaz.find(text)
    (smila,) = [m for m in mentions if m.surface == "Сміла"]
    assert gaz.resolve(smila, mentions).name == "Smila"
    lviv = [m for m in gaz.find("Во Львове задержали мужчину.") if m.surface == "Львове"][0]
    assert gaz.resolve(lviv, [lviv]).name == "Lviv"        # a village named Lvove does not outweigh the city


@pytest.mark.parametrize("text, name", [
    # an adjective's Latin ending written each way English texts write it
    ("A blast hit the recruitment centre in Kamianets-Podilsky on Friday.", "Kamianets-Podilskyi"),
    ("The crowd blocked the bus in Kamenets-Podolsky.", "Kamianets-Podilskyi"),
    ("Border guards detained two men near Bilhorod-Dnistrovsky.", "Bilhorod-Dnistrovskyi"),
])
def test_latin_endings_of_adjective_town_names(gaz, text, name):
    mentions = gaz.find(text)
    (town,) = [m for m in mentions if m.level == "settlement"]
    assert gaz.resolve(town, mentions).name == name
