"""Every spelling in the domain table resolves to the right city (within 5 km)."""

from __future__ import annotations

import pytest

from .conftest import km, only

CITIES = {
    "Kharkiv": (49.98, 36.25), "Odesa": (46.48, 30.74), "Dnipro": (48.47, 35.04), "Kyiv": (50.45, 30.52),
    "Luhansk": (48.57, 39.31), "Mykolaiv": (46.97, 31.99), "Zaporizhzhia": (47.84, 35.14),
    "Rivne": (50.62, 26.25), "Kropyvnytskyi": (48.51, 32.27), "Chernivtsi": (48.29, 25.94),
}

# (city, text, surface)
FORMS = [
    ("Kharkiv", "Police detained a man in Kharkiv on Monday.", "Kharkiv"),
    ("Kharkiv", "The incident took place in Kharkov last week.", "Kharkov"),
    ("Kharkiv", "Kharkiv's recruitment office was busy.", "Kharkiv"),
    ("Kharkiv", "Вчора Харків знову прокинувся від вибухів.", "Харків"),
    ("Kharkiv", "Чоловіка затримали у Харкові на зупинці.", "Харкові"),
    ("Kharkiv", "Вчера Харьков снова был обстрелян.", "Харьков"),
    ("Kharkiv", "Мужчину задержали в Харькове у остановки.", "Харькове"),
    ("Odesa", "Men were detained in Odesa.", "Odesa"),
    ("Odesa", "A crowd gathered in Odessa.", "Odessa"),
    ("Odesa", "Вчора Одеса пережила атаку.", "Одеса"),
    ("Odesa", "Бус ТЦК заблокували в Одесі.", "Одесі"),
    ("Odesa", "Вчера Одесса снова без света.", "Одесса"),
    ("Odesa", "Мужчину задержали в Одессе.", "Одессе"),
    ("Dnipro", "A man was detained in Dnipro.", "Dnipro"),
    ("Dnipro", "Residents of Dnieper protested.", "Dnieper"),
    ("Dnipro", "He was born in Dnepropetrovsk.", "Dnepropetrovsk"),
    ("Dnipro", "Вчора Дніпро знову атакували.", "Дніпро"),
    ("Dnipro", "Чоловіка затримали у Дніпрі.", "Дніпрі"),
    ("Dnipro", "Вчера Днепр снова атаковали.", "Днепр"),
    ("Dnipro", "Мужчину задержали в Днепре.", "Днепре"),
    ("Kyiv", "A rally was held in Kyiv.", "Kyiv"),
    ("Kyiv", "A rally was held in Kiev.", "Kiev"),
    ("Kyiv", "Вчора Київ прокинувся рано.", "Київ"),
    ("Kyiv", "Чоловіка затримали у Києві.", "Києві"),
    ("Kyiv", "Вчера Киев был спокоен.", "Киев"),
    ("Kyiv", "Мужчину задержали в Киеве.", "Киеве"),
    ("Luhansk", "Shelling was reported in Luhansk.", "Luhansk"),
    ("Luhansk", "Shelling was reported in Lugansk.", "Lugansk"),
    ("Luhansk", "Вчора Луганськ був без світла.", "Луганськ"),
    ("Luhansk", "Вчера Луганск был без света.", "Луганск"),
    ("Mykolaiv", "Men were detained in Mykolaiv.", "Mykolaiv"),
    ("Mykolaiv", "Men were detained in Nikolaev.", "Nikolaev"),
    ("Mykolaiv", "Men were detained in Nikolayev.", "Nikolayev"),
    ("Mykolaiv", "Вчора Миколаїв був без води.", "Миколаїв"),
    ("Mykolaiv", "Вчера Николаев был без воды.", "Николаев"),
    ("Zaporizhzhia", "A man was detained in Zaporizhzhia.", "Zaporizhzhia"),
    ("Zaporizhzhia", "A man was detained in Zaporozhye.", "Zaporozhye"),
    ("Zaporizhzhia", "Вчора Запоріжжя атакували.", "Запоріжжя"),
    ("Zaporizhzhia", "Чоловіка затримали у Запоріжжі.", "Запоріжжі"),
    ("Zaporizhzhia", "Вчера Запорожье атаковали.", "Запорожье"),
    ("Rivne", "A man was detained in Rivne.", "Rivne"),
    ("Rivne", "A man was detained in Rovno.", "Rovno"),
    ("Rivne", "Вчора Рівне було спокійне.", "Рівне"),
    ("Rivne", "Чоловіка затримали у Рівному.", "Рівному"),
    ("Rivne", "Вчера Ровно было спокойно.", "Ровно"),
    ("Kropyvnytskyi", "A man was detained in Kropyvnytskyi.", "Kropyvnytskyi"),
    ("Kropyvnytskyi", "A man was detained in Kirovograd.", "Kirovograd"),
    ("Kropyvnytskyi", "A man was detained in Kirovohrad.", "Kirovohrad"),
    ("Kropyvnytskyi", "Вчора Кропивницький був спокійний.", "Кропивницький"),
    ("Kropyvnytskyi", "Вчера Кропивницкий был спокоен.", "Кропивницкий"),
    ("Kropyvnytskyi", "Вчера Кировоград был спокоен.", "Кировоград"),
    ("Chernivtsi", "A man was detained in Chernivtsi.", "Chernivtsi"),
    ("Chernivtsi", "A man was detained in Chernovtsy.", "Chernovtsy"),
    ("Chernivtsi", "Вчора Чернівці були спокійні.", "Чернівці"),
    ("Chernivtsi", "Чоловіка затримали у Чернівцях.", "Чернівцях"),
    ("Chernivtsi", "Вчера Черновцы были спокойны.", "Черновцы"),
]


@pytest.mark.parametrize("city,text,surface", FORMS, ids=[f[2] + "|" + f[1][:18] for f in FORMS])
def test_spelling_resolves_within_5km(gaz, city, text, surface):
    mention, place = only(gaz, text, surface)
    assert mention.level == "settlement" and not mention.in_org
    assert place is not None and place.country == "UA"
    assert km(place.lat, place.lon, *CITIES[city]) < 5, place
    assert place.name == city


@pytest.mark.parametrize("text,surface,oblast", [
    ("Обстріли на Харківщині тривають.", "Харківщині", "Kharkiv Oblast"),
    ("Харківщина знову під обстрілом.", "Харківщина", "Kharkiv Oblast"),
    ("На Одещині затримали ухилянта.", "Одещині", "Odesa Oblast"),
    ("Миколаївщина отримала допомогу.", "Миколаївщина", "Mykolaiv Oblast"),
])
def test_region_short_forms(gaz, text, surface, oblast):
    mention, place = only(gaz, text, surface)
    assert mention.level == "admin1"
    assert place.name == oblast and place.level == "admin1"


def test_lookup_any_form(gaz):
    for form in ("Kharkov", "Харкові", "в Харькове".split()[1], "Kharkiv"):
        assert gaz.lookup(form)[0].name == "Kharkiv"
    assert gaz.lookup("Odessa", country="US")[0].admin1 == "Texas"
    assert gaz.lookup("Odessa")[0].country == "UA"
    assert gaz.lookup("no such place anywhere") == []
