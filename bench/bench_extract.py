"""Extraction speed and memory on distinct, realistic reports.

Every report is new text: composed from varied uk/ru/en sentence patterns with
real settlements drawn from the gazetteer (in the case forms it knows), random
dates, numbers, people and outlets, headlines and bylines, background and
opinion sentences and out-of-scope news (shelling, economics, weather). No
sentence occurs twice in a run, so no cache in the engine can make a repeat
cheap. A fixed seed makes runs reproducible.

The figures come from a fresh worker process pinned to one core (the
generator's own data never counts towards its memory):

  startup_cold_s / startup_warm_s   `letopis extract` on one small report, end to end (cold: the first
                                    run of this bench, warm: best of the next three)
  reports_per_s                     distinct ~1 KB reports per CPU-second of the worker, after start-up
  peak_rss_mb                       peak resident memory of the worker
  digest_<k>x_s_per_kb              long digests of k distinct ~1 KB paragraphs (k = 1, 4, 16, 64);
                                    every size reads the same amount of text (64 KB per language)
  digest_time_ratio_16x_1x          time of one 16x digest / time of one 1x digest; linear = 16

Usage:
  python bench/bench_extract.py [N]                 N distinct reports (default 1000)
  python bench/bench_extract.py --sizes 1,4,16      digest sizes (64 is skipped when 16 was too slow)
  python bench/bench_extract.py --profile 1,16,64   cProfile of the digests: functions whose time grows
                                                    faster than the text (same KB read at every size)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20251103
DIGEST_KB = 64          # text read per digest size and language
TARGET_RPS = 200
TARGET_WARM_S = 1.0
TARGET_RSS_MB = 600
SLOW_DIGEST_S = 60.0    # a 64x digest predicted to take longer than this (per language) is skipped

# ------------------------------------------------------------------------------------------ places


@dataclass(frozen=True)
class Town:
    nom: str                 # nominative, as printed
    loc: str | None          # locative the gazetteer knows ("Харкові"), None = use nominative contexts
    gen: str | None          # genitive the gazetteer knows ("Харкова")
    big: bool                # a city (>= 20k people) rather than a village
    region: str | None       # uk/ru: feminine adjective of the oblast ("харківська"); en: "Kharkiv Oblast"


def _title(low: str) -> str:
    def word(w: str) -> str:
        return "-".join(p if p in ("на", "над", "під", "де", "ла", "у", "в") and i else p[:1].upper() + p[1:]
                        for i, p in enumerate(w.split("-")))
    return " ".join(word(w) for w in low.split())


def build_places(rng: random.Random) -> dict[str, list[Town]]:
    """Settlements of Ukraine and Russia from the gazetteer, with the case forms it recognises."""
    from letopis.gazetteer import forms, load_gazetteer
    from letopis.gazetteer.index import ADMIN1, COUNTRY, LEN_BITS, LEVEL, NAME, POP
    from letopis.gazetteer.translit import ru_legacy, uk_national

    ix = load_gazetteer().index
    cyr_re, lat_re = re.compile(r"^[а-яіїєґ' -]+$"), re.compile(r"^[a-z' .-]+$")
    cyr: dict[int, set[str]] = {}
    lat: dict[int, set[str]] = {}
    region_adj: dict[tuple[str, str], str] = {}          # (lang, admin1 English name) -> adjective
    for key, value in ix.automaton.items():
        entry = ix.entries[value >> LEN_BITS]
        if len(entry[0]) == 1:
            if cyr_re.match(key):
                cyr.setdefault(entry[0][0], set()).add(key)
            elif lat_re.match(key):
                lat.setdefault(entry[0][0], set()).add(key.replace("'", ""))
        elif not entry[0] and len(entry[2]) == 1 and ix.places[entry[2][0]][COUNTRY] in ("UA", "RU"):
            name = ix.places[entry[2][0]][NAME]
            for lang, pattern in (("uk", r"^[а-яіїєґ']+(ська|цька|зька)$"), ("ru", r"^[а-я]+(ская|цкая|зкая)$")):
                if re.match(pattern, key) and (lang, name) not in region_adj:
                    region_adj[(lang, name)] = key
    pools: dict[str, list[Town]] = {"uk": [], "ru": [], "en": []}
    settlements = [i for i, p in enumerate(ix.places)
                   if p[LEVEL] == "settlement" and p[COUNTRY] in ("UA", "RU") and p[POP] >= 300 and i in cyr]
    settlements.sort(key=lambda i: -ix.places[i][POP])
    chosen = settlements[:80] + rng.sample(settlements[80:], min(1500, len(settlements) - 80))

    def case_form(nom: str, lang: str, case: str, keys: set[str]) -> str | None:
        if " " in nom or "-" in nom:
            return None
        found = sorted(f for f in forms._paradigm(nom, lang, "any")[case] if f in keys and f != nom)
        if lang == "uk" and case == "loct":
            found.sort(key=lambda f: (not f.endswith(("і", "ї")), len(f)))
        return _title(found[0]) if found else None

    for i in chosen:
        p, keys, latin = ix.places[i], cyr[i], lat.get(i, set())
        big = p[POP] >= 20_000
        if p[COUNTRY] == "UA" or p[POP] >= 50_000:
            pools["en"].append(Town(p[NAME], None, None, big, p[ADMIN1]))
        for lang in ("uk", "ru"):
            if lang == "uk" and p[COUNTRY] != "UA":
                continue
            best = None
            for k in sorted(keys):
                if lang == "uk" and (set(k) & set("ыэъ") or uk_national(k).lower() != p[NAME].lower()):
                    continue
                if lang == "ru" and (set(k) & set("іїєґ")
                                     or not {x.lower().replace("'", "") for x in ru_legacy(k)} & latin):
                    continue
                # share of the name's case forms the gazetteer holds (1.0 for the nominative); names of
                # several words are declined from sets in arbitrary order, so they are not scored
                all_forms = forms.name_forms(k, (lang,)) if " " not in k else {k}
                known = any(pa.is_known and re.search(r"Geox|geo", str(pa.tag)) is not None
                            for pa in forms.analyzer(lang).parse(k))
                score = (len(all_forms & keys) / len(all_forms), known, -len(k))
                if best is None or score > best[0]:
                    best = (score, k)
            if best is None or best[0][0] < 0.8:
                continue
            nom = best[1]
            pools[lang].append(Town(_title(nom), case_form(nom, lang, "loct", keys),
                                    case_form(nom, lang, "gent", keys), big,
                                    region_adj.get((lang, p[ADMIN1] or ""))))
    # the generator's look-ups must not warm anything the engine would use later
    forms._word_paradigm.cache_clear()
    forms._name_forms.cache_clear()
    return pools


# ------------------------------------------------------------------------------------------ lexicon

MONTHS = {
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "en": "January February March April May June July August September October November December".split(),
}
WEEKDAYS = {
    "uk": ["у понеділок", "у вівторок", "у середу", "у четвер", "у п'ятницю", "у суботу", "у неділю"],
    "ru": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"],
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
}
RELATIVE = {"uk": ["учора", "напередодні", "минулої ночі", "сьогодні вранці", "позавчора"],
            "ru": ["вчера", "накануне", "прошлой ночью", "сегодня утром", "позавчера"],
            "en": ["yesterday", "last night", "earlier this week", "this morning", "on Sunday night"]}
FIRST = {"uk": "Олександр Андрій Сергій Віталій Богдан Тарас Юрій Дмитро Максим Олег Ігор Роман Василь Микола "
               "Олена Ірина Наталія Оксана Марія Тетяна Світлана Юлія Анна".split(),
         "ru": "Александр Андрей Сергей Виталий Дмитрий Максим Олег Игорь Роман Николай Павел Евгений Артём "
               "Елена Ирина Наталья Ольга Мария Татьяна Светлана Юлия Анна Ксения".split(),
         "en": "Olena Iryna Natalia Maria Tetiana Yulia Andrii Serhii Dmytro Taras Oleh Ihor John Sarah Michael "
               "Emma Daniel Laura Peter Anna".split()}
LAST = {"uk": "Коваленко Бондаренко Ткаченко Кравченко Шевчук Мельник Поліщук Лисенко Марченко Руденко Савчук "
              "Гончаренко Ковальчук Олійник Мороз Петрук Гнатюк Дячук Левченко Іваненко".split(),
        "ru": "Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Петров Волков Соловьёв "
              "Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв".split(),
        "en": "Kovalenko Bondarenko Tkachenko Shevchuk Melnyk Lysenko Marchenko Rudenko Smith Walker Brown "
              "Miller Harris Clarke Novak Fischer Horvath Petrov Ivanova Sokolova".split()}
OUTLETS = {"uk": ["Суспільне", "Українська правда", "Громадське", "ZMINA", "Ґрати", "Новинарня", "Дзеркало тижня",
                  "hromadske", "Вголос", "Рубрика", "Укрінформ", "Слово і Діло"],
           "ru": ["Медиазона", "Новая газета Европа", "ОВД-Инфо", "Вёрстка", "Страна", "Зеркало", "Настоящее Время",
                  "Сибирь.Реалии", "Idel.Реалии", "Агентство", "Русская служба Би-би-си", "Мобилизация онлайн"],
           "en": ["Kyiv Independent", "Ukrainska Pravda", "Meduza", "Reuters", "Associated Press", "Kyiv Post",
                  "The Insider", "Novaya Gazeta Europe", "OVD-Info", "RFE/RL", "Hromadske", "Suspilne"]}
STREETS = {"uk": ["Шевченка", "Соборній", "Героїв Майдану", "Київській", "Грушевського", "Незалежності",
                  "Пушкінській", "Садовій", "Центральній", "Лесі Українки", "Франка", "Миру"],
           "ru": ["Ленина", "Мира", "Советской", "Гагарина", "Пушкина", "Садовой", "Центральной", "Молодёжной",
                  "Школьной", "Победы", "Кирова", "Набережной"],
           "en": ["Shevchenko Street", "Sobornyi Avenue", "Lenin Street", "Hrushevsky Street", "Peace Avenue",
                  "Sadova Street", "Central Square", "Independence Street", "Pushkin Street", "Gagarin Avenue"]}
NUM_ACC = {"uk": ["двох", "трьох", "чотирьох", "п'ятьох", "шістьох", "сімох", "кількох", "десятьох"],
           "ru": ["двоих", "троих", "четверых", "пятерых", "шестерых", "нескольких", "семерых", "десятерых"],
           "en": ["two", "three", "four", "five", "six", "several", "seven", "a dozen"]}
FOREIGN = {"uk": ["Румунією", "Молдовою", "Угорщиною", "Польщею", "Словаччиною", "Білоруссю"],
           "ru": ["Румынией", "Молдовой", "Венгрией", "Польшей", "Словакией", "Грузией", "Казахстаном"],
           "en": ["Romania", "Moldova", "Hungary", "Poland", "Slovakia", "Georgia", "Kazakhstan"]}


class Gen:
    """Sentences of one language; every call draws new slot values."""

    def __init__(self, lang: str, towns: list[Town], rng: random.Random) -> None:
        self.lang, self.towns, self.rng = lang, towns, rng
        self.event = date(2025, 1, 1)
        self.published = date(2025, 1, 1)

    # slots ---------------------------------------------------------------------------------
    def town(self) -> Town:
        r = self.rng
        return r.choice(self.towns[:60]) if r.random() < 0.35 else r.choice(self.towns)

    def when(self, cap: bool = False) -> str:
        r, d, lang = self.rng, self.event, self.lang
        x = r.random()
        if x < 0.5:
            s = (f"{d.day} {MONTHS[lang][d.month - 1]}" if lang != "en" else
                 r.choice([f"on {d.day} {MONTHS['en'][d.month - 1]}", f"on {MONTHS['en'][d.month - 1]} {d.day}"]))
        elif x < 0.65:
            s = {"uk": f"{d.day} {MONTHS['uk'][d.month - 1]} {d.year} року",
                 "ru": f"{d.day} {MONTHS['ru'][d.month - 1]} {d.year} года",
                 "en": f"on {MONTHS['en'][d.month - 1]} {d.day}, {d.year}"}[lang]
        elif x < 0.75:
            s = f"{d:%d.%m.%Y}" if lang != "en" else f"on {d:%d.%m.%Y}"
        elif x < 0.87:
            s = WEEKDAYS[lang][d.weekday()]
        else:
            s = r.choice(RELATIVE[lang])
        return s[:1].upper() + s[1:] if cap else s

    def past(self) -> str:
        d = self.event - timedelta(days=self.rng.randint(20, 400))
        return {"uk": f"{d.day} {MONTHS['uk'][d.month - 1]} {d.year} року",
                "ru": f"{d.day} {MONTHS['ru'][d.month - 1]} {d.year} года",
                "en": f"{MONTHS['en'][d.month - 1]} {d.year}"}[self.lang]

    def clock(self) -> str:
        return f"{self.rng.randint(5, 23)}:{self.rng.choice(['00', '10', '15', '20', '30', '40', '45', '50'])}"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST[self.lang])} {self.rng.choice(LAST[self.lang])}"

    def n_acc(self) -> str:
        r = self.rng
        return r.choice(NUM_ACC[self.lang]) if r.random() < 0.6 else str(r.randint(5, 40))

    def in_town(self, t: Town | None = None) -> str:
        t, r = t or self.town(), self.rng
        if self.lang == "en":
            return r.choice([f"in {t.nom}", f"in {t.nom}" + (f", {t.region}" if t.region else ""),
                             f"in the {'city' if t.big else 'village'} of {t.nom}"])
        uk = self.lang == "uk"
        prep = "у" if uk else "в"
        opts = [f"{prep} {('м.' if uk else 'г.') if t.big else 'с.'} {t.nom}",
                f"{prep} {'місті' if uk else 'городе'} {t.nom}" if t.big else f"{prep} {'селі' if uk else 'селе'} {t.nom}"]
        if t.loc:
            opts += [f"{prep} {t.loc}"] * 3
        s = r.choice(opts)
        if t.region and r.random() < 0.4:
            s += f" {t.region[:-1].capitalize()}ої області" if uk else f" {t.region[:-2].capitalize()}ой области"
        return s

    def of_town(self) -> str:   # "мешканця {of_town}"
        t, uk = self.town(), self.lang == "uk"
        if t.gen and self.rng.random() < 0.7:
            return t.gen
        return f"{'міста' if uk else 'города'} {t.nom}" if t.big else f"{'села' if uk else 'села'} {t.nom}"

    def region_loc(self) -> str:
        t = self.town()
        if not t.region:
            return self.in_town(t)
        if self.lang == "en":
            return f"in {t.region}"
        return (f"у {t.region[:-1].capitalize()}ій області" if self.lang == "uk"
                else f"в {t.region[:-2].capitalize()}ой области")

    def fill(self, pattern: str) -> str:
        r = self.rng
        out = pattern
        for slot, fn in (("{When}", lambda: self.when(True)), ("{when}", self.when), ("{in}", self.in_town),
                         ("{of}", self.of_town), ("{region}", self.region_loc), ("{n}", self.n_acc),
                         ("{past}", self.past), ("{clock}", self.clock), ("{person}", self.person),
                         ("{Town}", lambda: self.town().nom),
                         ("{age}", lambda: str(r.randint(19, 59))), ("{goals}", lambda: str(r.randint(0, 5))), ("{years}", lambda: str(r.randint(2, 9))),
                         ("{k}", lambda: str(r.randint(2, 60))), ("{big}", lambda: f"{r.randint(2, 98) * 100:,}".replace(",", " " if self.lang != "en" else ",")),
                         ("{pct}", lambda: f"{r.randint(1, 30)},{r.randint(0, 9)}" if self.lang != "en"
                          else f"{r.randint(1, 30)}.{r.randint(0, 9)}"),
                         ("{money}", lambda: str(r.randint(1, 20) * 500)), ("{case}", lambda: f"{r.randint(100, 999)}/"
                                                                            f"{r.randint(1000, 99999)}/{r.randint(22, 25)}"),
                         ("{street}", lambda: r.choice(STREETS[self.lang])), ("{house}", lambda: str(r.randint(1, 180))),
                         ("{outlet}", lambda: r.choice(OUTLETS[self.lang])), ("{foreign}", lambda: r.choice(FOREIGN[self.lang])),
                         ("{temp}", lambda: str(r.randint(-15, 35)))):
            while slot in out:
                out = out.replace(slot, fn(), 1)
        return out


# Sentence patterns. Incidents (in scope), details, background and opinion, out-of-scope news.
PATTERNS: dict[str, dict[str, list[str]]] = {
    "uk": {
        "incident": [
            "{When} {in} працівники ТЦК затримали {n} чоловіків біля будинку №{house} на вулиці {street} і доставили їх до центру комплектування.",
            "{When} {in} група місцевих жителів заблокувала автомобіль ТЦК та відбила затриманого {age}-річного чоловіка.",
            "У ніч на {when} прикордонники затримали {n} чоловіків призовного віку, які намагалися незаконно перетнути кордон з {foreign}.",
            "{When} {in} {age}-річний чоловік напав з ножем на військовослужбовця ТЦК; потерпілого з пораненнями госпіталізовано.",
            "{When} суд засудив {age}-річного мешканця {of} до {years} років позбавлення волі за ухилення від мобілізації (справа №{case}).",
            "{When} невідомі підпалили службовий автомобіль ТЦК {in}; поліція відкрила кримінальне провадження.",
            "{When} о {clock} {in} представники ТЦК разом із поліцейськими перевіряли документи на ринку й вручили {k} повісток.",
            "{When} {in} чоловік, якого зупинили працівники ТЦК, вистрибнув з вікна автобуса; його госпіталізували у важкому стані.",
            "Мешканці {of} {when} вийшли на акцію проти примусової мобілізації: близько {k} людей перекрили трасу.",
            "{When} {in} військовослужбовець самовільно залишив частину з табельною зброєю; його розшукують.",
            "{When} {in} затримали провідника, який за {money} доларів обіцяв переправити чоловіків до кордону з {foreign}.",
            "{When} {in} родичі затриманого зібралися біля будівлі ТЦК на вулиці {street} і вимагали його відпустити.",
            "{When} {in} працівники ТЦК силоміць посадили в бус {age}-річного чоловіка, свідчить відео, яке поширили очевидці.",
        ],
        "detail": [
            "За словами свідка {person}, усе тривало близько {k} хвилин, а бус із затриманим поїхав у напрямку вулиці {street}.",
            "У ТЦК {of} повідомили, що {age}-річний чоловік не оновив військово-облікові дані, а його дружина заявила про порушення.",
            "Поліція {of} кваліфікувала подію за ч. {years} ст. 296 ККУ, розслідування триває вже {k} днів.",
            "Адвокат {person} каже, що його клієнта утримували в ТЦК понад {k} годин без пояснень.",
            "Затриманому {age} років, він працював водієм {in} і має двох дітей, розповіла виданню «{outlet}» його сестра.",
            "Прокуратура {of} підтвердила виданню «{outlet}», що повідомлення про підозру вручено {when}.",
        ],
        "background": [
            "Раніше, {past}, {region} вже фіксували подібні випадки, нагадує «{outlet}».",
            "На думку юриста {person}, правила оповіщення варто переглянути: лише {pct}% повісток вручають за адресою реєстрації.",
            "За даними омбудсмана, з початку року надійшло понад {big} скарг на дії ТЦК, з них {k} — {region}.",
            "Закон про посилення мобілізації набув чинності {past}, відтоді кількість перевірок зросла на {pct}%.",
            "Соціолог {person} вважає, що довіра до ТЦК падає, і наводить опитування, за яким {pct}% респондентів незадоволені.",
            "Як пише «{outlet}», відео інциденту переглянули понад {big} разів, а петицію підписали {k} тисяч людей.",
        ],
        "out": [
            "{When} російські війська обстріляли {Town}: пошкоджено {k} будинків, є поранені.",
            "Ціни на пальне {in} за тиждень зросли на {pct}%, повідомляє «{outlet}».",
            "{When} Національний банк зберіг облікову ставку на рівні {pct}%, заявив голова правління.",
            "{When} {in} відкрили школу після ремонту, який коштував {money} тис. грн.",
            "Синоптики прогнозують {in} до {temp} градусів і сильний вітер.",
            "{When} {in} безпілотник влучив у складське приміщення, загорілося {k} кв. м.",
            "Врожай зернових {region} цього року становив {big} тонн, повідомили в ОВА.",
            "{When} {in} стався масштабний блекаут: без світла залишилися {big} абонентів.",
            "Футбольний клуб з міста {Town} переміг суперника з рахунком {goals}:{goals} і вийшов до півфіналу.",
            "Міська рада {of} ухвалила бюджет на наступний рік обсягом {money} млн грн.",
            "{When} {in} поліція затримала двох крадіїв кабелю, які завдали збитків на {money} грн.",
        ],
        "headline": [
            "{Town}: ТЦК затримали {n} чоловіків", "Сутичка з ТЦК {in}", "Новини {of} за тиждень",
            "Втеча від ТЦК {in} закінчилася лікарнею", "Що відомо про інцидент {in}",
        ],
        "byline": ["{person}, {outlet} · {date} {clock}", "{outlet}, {date}", "Автор: {person} | {date}"],
    },
    "ru": {
        "incident": [
            "{When} {in} сотрудники ТЦК задержали {n} мужчин возле дома №{house} на улице {street} и увезли в военкомат.",
            "{When} {in} толпа местных жителей окружила бус ТЦК и отбила задержанного {age}-летнего мужчину.",
            "В ночь на {when} пограничники задержали {n} мужчин, пытавшихся незаконно пересечь границу с {foreign}.",
            "{When} {in} неизвестные подожгли здание военкомата; пострадавших нет, возбуждено дело о теракте.",
            "{When} суд приговорил {age}-летнего жителя {of} к {years} годам колонии за отказ служить по мобилизации.",
            "{When} {in} полицейские задержали мужчину за пост о дискредитации армии, ему грозит штраф {big} рублей.",
            "{When} в {clock} {in} сотрудники военкомата раздавали повестки у проходной завода, вручено {k} повесток.",
            "{When} {in} мобилизованный самовольно оставил часть; его объявили в розыск по статье 337 УК.",
            "Жители {of} {when} вышли на акцию протеста против мобилизации: около {k} человек перекрыли дорогу.",
            "{When} {in} {age}-летний мужчина ударил ножом сотрудника ТЦК; раненого госпитализировали.",
            "{When} {in} задержали проводника, который за {money} долларов обещал вывезти мужчин к границе с {foreign}.",
            "{When} {in} родственники задержанного собрались у здания военкомата на улице {street} и требовали его отпустить.",
            "{When} {in} ФСБ задержала {age}-летнего местного жителя по подозрению в госизмене после перевода денег.",
        ],
        "detail": [
            "По словам очевидца {person}, всё продолжалось около {k} минут, а бус с задержанным уехал в сторону улицы {street}.",
            "В военкомате {of} заявили, что {age}-летний мужчина не обновил учётные данные, его жена говорит о нарушениях.",
            "Адвокат {person} утверждает, что его подзащитного удерживали более {k} часов без объяснений.",
            "Задержанному {age} года, он работал водителем {in} и воспитывает двоих детей, рассказала изданию «{outlet}» его сестра.",
            "Полиция {of} возбудила дело по части {years} статьи 318 УК, следствие идёт уже {k} дней.",
            "Прокуратура {of} подтвердила изданию «{outlet}», что обвинение предъявлено {when}.",
        ],
        "background": [
            "Ранее, {past}, {region} уже фиксировали подобные случаи, напоминает «{outlet}».",
            "По мнению юриста {person}, порядок вручения повесток стоит изменить: лишь {pct}% повесток вручают по месту регистрации.",
            "По данным правозащитников, с начала года поступило более {big} жалоб на действия военкоматов, из них {k} — {region}.",
            "Закон об ужесточении мобилизации вступил в силу {past}, с тех пор число проверок выросло на {pct}%.",
            "Социолог {person} считает, что доверие к властям падает: {pct}% опрошенных недовольны.",
            "Как пишет «{outlet}», видео инцидента посмотрели более {big} раз, а петицию подписали {k} тысяч человек.",
        ],
        "out": [
            "{When} российские войска обстреляли {Town}: повреждены {k} домов, есть раненые.",
            "Цены на бензин {in} за неделю выросли на {pct}%, сообщает «{outlet}».",
            "{When} Центробанк сохранил ключевую ставку на уровне {pct}%, заявила председатель.",
            "{When} {in} открыли школу после ремонта стоимостью {money} тыс. рублей.",
            "Синоптики обещают {in} до {temp} градусов и сильный ветер.",
            "{When} {in} беспилотник попал в складское помещение, загорелось {k} кв. м.",
            "Урожай зерновых {region} в этом году составил {big} тонн, сообщили в администрации.",
            "{When} {in} произошёл масштабный блэкаут: без света остались {big} абонентов.",
            "Футбольный клуб из города {Town} обыграл соперника со счётом {goals}:{goals} и вышел в полуфинал.",
            "Городская дума {of} утвердила бюджет на следующий год в размере {money} млн рублей.",
            "{When} {in} полиция задержала двух похитителей кабеля, ущерб составил {money} рублей.",
        ],
        "headline": [
            "{Town}: ТЦК задержали {n} мужчин", "Стычка с военкомами {in}", "Новости {of} за неделю",
            "Побег от ТЦК {in} закончился больницей", "Что известно об инциденте {in}",
        ],
        "byline": ["{person}, {outlet} · {date} {clock}", "{outlet}, {date}", "Автор: {person} | {date}"],
    },
    "en": {
        "incident": [
            "{When}, recruitment officers detained {n} men outside a house on {street} {in} and took them to the enlistment office.",
            "{When}, a crowd of residents {in} surrounded a TCC minibus and freed a {age}-year-old man who had been detained.",
            "{When}, border guards stopped {n} men of conscription age trying to cross illegally into {foreign}.",
            "{When}, a {age}-year-old man stabbed a TCC serviceman {in}; the officer was hospitalised with wounds.",
            "{When}, a court sentenced a {age}-year-old resident of {Town} to {years} years in prison for evading mobilisation (case {case}).",
            "{When}, unknown people set fire to a recruitment office car {in}; police opened a criminal case.",
            "{When} at {clock}, TCC staff and police checked documents at a market {in} and handed out {k} summonses.",
            "{When}, a man stopped by recruitment officers {in} jumped out of the bus window and was taken to hospital.",
            "Residents of {Town} protested against forced mobilisation {when}: about {k} people blocked the highway.",
            "{When}, a soldier deserted his unit {in} with his service rifle; he is wanted by the military police.",
            "{When}, police {in} detained a smuggler who charged ${money} to take men to the border with {foreign}.",
            "{When}, relatives of a detained man gathered outside the recruitment office on {street} {in} demanding his release.",
            "{When}, Russian police {in} arrested a {age}-year-old man over a post 'discrediting the army'; he faces a fine of {big} roubles.",
        ],
        "detail": [
            "Witness {person} said it lasted about {k} minutes before the minibus drove off towards {street}.",
            "The TCC in {Town} said the {age}-year-old had not updated his military registration; his wife says his rights were violated.",
            "Lawyer {person} says his client was held at the office for more than {k} hours without explanation.",
            "The detained man is {age}, works as a driver {in} and has two children, his sister told {outlet}.",
            "Prosecutors in {Town} confirmed to {outlet} that a notice of suspicion had been served {when}.",
            "Police in {Town} classified it under part {years} of the article on hooliganism; the investigation has lasted {k} days.",
        ],
        "background": [
            "Similar cases were recorded {region} as early as {past}, {outlet} notes.",
            "Lawyer {person} argues that the rules for serving summonses should change: only {pct}% of summonses reach the registered address.",
            "According to the ombudsman, more than {big} complaints about recruitment offices were received this year, {k} of them {region}.",
            "The law tightening mobilisation took effect in {past}, and checks have grown by {pct}% since then.",
            "Sociologist {person} says trust in the recruitment offices is falling: {pct}% of respondents are unhappy.",
            "The video has been viewed more than {big} times and a petition has {k} thousand signatures, {outlet} reports.",
        ],
        "out": [
            "{When}, Russian forces shelled {Town}, damaging {k} houses and wounding civilians.",
            "Fuel prices {in} rose by {pct}% in a week, {outlet} reports.",
            "{When}, the central bank kept its key rate at {pct}%, its governor said.",
            "{When}, a school reopened {in} after repairs costing {money} thousand hryvnias.",
            "Forecasters expect temperatures of up to {temp} degrees {in} and strong winds.",
            "{When}, a drone hit a warehouse {in}, setting {k} square metres on fire.",
            "The grain harvest {region} reached {big} tonnes this year, the regional administration said.",
            "{When}, a major blackout {in} left {big} households without power.",
            "The football club from {Town} beat its rivals {goals}-{goals} and reached the semi-final.",
            "The city council of {Town} approved next year's budget of {money} million hryvnias.",
            "{When}, police {in} detained two cable thieves who caused damage worth {money} hryvnias.",
        ],
        "headline": [
            "{Town}: recruiters detain {n} men", "Clash with recruitment officers {in}", "{Town} news of the week",
            "Escape from the TCC {in} ends in hospital", "What we know about the incident {in}",
        ],
        "byline": ["By {person}, {outlet} · {date} {clock}", "{outlet}, {date}", "{person} | {date}"],
    },
}
KIND_WEIGHTS = {"incident": 0.25, "detail": 0.25, "background": 0.3, "out": 0.2}


class Corpus:
    """Distinct reports and digests; no sentence is ever produced twice."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        pools = build_places(self.rng)
        self.gens = {lang: Gen(lang, pools[lang], self.rng) for lang in ("uk", "ru", "en")}
        self.used: set[str] = set()          # every sentence produced so far
        self.in_report: set[str] = set()     # patterns used in the current report
        self.pools = {lang: len(p) for lang, p in pools.items()}

    def sentence(self, lang: str, kind: str) -> str:
        g = self.gens[lang]
        fresh = [p for p in PATTERNS[lang][kind] if p not in self.in_report]
        if not fresh:                        # every pattern of this kind is in the report already
            kind = "background" if kind != "background" else "detail"
            fresh = [p for p in PATTERNS[lang][kind] if p not in self.in_report] or PATTERNS[lang][kind]
        for _ in range(50):
            pattern = self.rng.choice(fresh)
            s = g.fill(pattern).replace("{date}", f"{g.published:%d.%m.%Y}")
            if s not in self.used:
                self.used.add(s)
                self.in_report.add(pattern)
                return s
        raise RuntimeError(f"no new {lang} {kind} sentence after 50 draws")

    def _publish(self, lang: str) -> date:
        """A new publication date; the events it tells of are a few days before it."""
        g = self.gens[lang]
        g.published = date(2024, 3, 1) + timedelta(days=self.rng.randint(0, 600))
        self._event(lang)
        return g.published

    def _event(self, lang: str, back: int = 0) -> None:
        g = self.gens[lang]
        g.event = g.published - timedelta(days=back + self.rng.choice([0, 0, 1, 1, 2, 3, 5]))

    def body(self, lang: str, low: int = 850, high: int = 1050) -> list[str]:
        """Paragraphs of ~1 KB: an incident lead (or out-of-scope lead), then mixed sentences."""
        r = self.rng
        in_scope = r.random() < 0.75
        sentences = [self.sentence(lang, "incident" if in_scope else "out")]
        goal = r.randint(low, high)
        kinds, weights = zip(*KIND_WEIGHTS.items())
        while sum(len(s.encode()) + 1 for s in sentences) < goal:
            kind = r.choices(kinds, weights)[0]
            if not in_scope and kind in ("incident", "detail"):
                kind = "out"
            if r.random() < 0.3:
                self._event(lang)            # the next incident happened another day
            sentences.append(self.sentence(lang, kind))
        paragraphs, i = [], 0
        while i < len(sentences):
            step = r.randint(1, 3)
            paragraphs.append(" ".join(sentences[i:i + step]))
            i += step
        return paragraphs

    def report(self, lang: str) -> tuple[str, str, str]:
        """(lang, published ISO date, text) of a ~1 KB report, with a headline and byline at times."""
        r = self.rng
        self.in_report = set()
        published = self._publish(lang)
        head = []
        if r.random() < 0.6:
            head.append(self.sentence(lang, "headline"))
        if r.random() < 0.45:
            head.append(self.sentence(lang, "byline"))
        budget = 850 - sum(len(h.encode()) + 2 for h in head)
        text = "\n\n".join(head + self.body(lang, budget, budget + 200))
        return lang, published.isoformat(), text

    def digest(self, lang: str, k: int) -> tuple[str, str, str]:
        """A long digest: a title line, then k distinct ~1 KB items of the past days."""
        published = self._publish(lang)
        title = {"uk": "Огляд подій", "ru": "Обзор событий", "en": "Weekly digest"}[lang]
        items = []
        for _ in range(k):
            self.in_report = set()
            self._event(lang, back=self.rng.randint(0, 6))
            items.append("\n".join(self.body(lang)))
        return lang, published.isoformat(), f"{title}, {published:%d.%m.%Y}\n\n" + "\n\n".join(items)


def pick_lang(rng: random.Random) -> str:
    return rng.choices(["uk", "ru", "en"], [0.4, 0.35, 0.25])[0]


# ------------------------------------------------------------------------------------------ worker


def worker(path: Path) -> None:
    """Runs in a fresh process on one core: engine load, throughput, digests (or profiles)."""
    import cProfile
    import pstats

    job = json.loads(path.read_text(encoding="utf-8"))
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    from letopis.extract.engine import Engine
    from letopis.model import Report

    out: dict = {}
    t0 = time.perf_counter()
    engine = Engine()
    _lang, warm_pub, warm_text = job["warm"]
    engine.extract(Report(text=warm_text, published=date.fromisoformat(warm_pub)))
    out["engine_load_s"] = time.perf_counter() - t0

    def run(items):
        n = 0
        for _lang, pub, text in items:
            n += len(engine.extract(Report(text=text, published=date.fromisoformat(pub))))
        return n

    if job.get("profile"):
        out["profile"] = {}
        for k, items in job["digests"].items():
            prof = cProfile.Profile()
            t = time.perf_counter()
            prof.enable()
            run(items)
            prof.disable()
            stats = pstats.Stats(prof)
            out["profile"][k] = {"seconds": time.perf_counter() - t, "kb": sum(len(x[2].encode()) for x in items) / 1024,
                                 "funcs": {f"{Path(f).parent.name}/{Path(f).name}:{ln}:{fn}": [st[1], st[2], st[3]]
                                           for (f, ln, fn), st in stats.stats.items()}}
        print(json.dumps(out))
        return

    # CPU time of this process: the figure per core, whatever else the machine runs meanwhile
    per_lang: dict[str, list[float]] = {}
    records = 0
    started, wall = time.process_time(), time.perf_counter()
    for lang, pub, text in job["reports"]:
        t = time.process_time()
        records += len(engine.extract(Report(text=text, published=date.fromisoformat(pub))))
        per_lang.setdefault(lang, []).append(time.process_time() - t)
    out["elapsed"] = time.process_time() - started
    out["wall"] = time.perf_counter() - wall
    out["records"] = records
    out["per_lang"] = {lang: [len(v), sum(v)] for lang, v in per_lang.items()}
    # digest sizes run interleaved, a share of each per round, so that a change in machine load
    # between sizes does not pass for (non-)linearity; a size predicted too slow is skipped
    sizes = sorted(job["digests"], key=int)
    rounds = min((len(v) for v in job["digests"].values()), default=0)
    out["digests"], out["skipped"] = {k: {"seconds": 0.0, "count": 0, "records": 0, "kb": 0.0} for k in sizes}, {}
    for r in range(rounds):
        for k in sizes:
            if k in out["skipped"]:
                continue
            items = job["digests"][k][r::rounds]
            d = out["digests"][k]
            if int(k) > 16 and "16" in out["digests"] and out["digests"]["16"]["kb"]:
                d16, d4 = out["digests"]["16"], out["digests"].get("4")
                growth = max(1.0, (d16["seconds"] / d16["kb"]) / (d4["seconds"] / d4["kb"])) if d4 and d4["kb"] else 1.0
                kb = max(len(x[2].encode()) for x in items) / 1024
                predicted = kb * d16["seconds"] / d16["kb"] * growth ** math.log(int(k) / 16, 4)
                if predicted > SLOW_DIGEST_S:
                    out["skipped"][k] = predicted
                    continue
            t = time.process_time()
            d["records"] += run(items)
            d["seconds"] += time.process_time() - t
            d["count"] += len(items)
            d["kb"] += sum(len(x[2].encode()) for x in items) / 1024
    for k in out["skipped"]:
        del out["digests"][k]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def run_worker(job: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "job.json"
        path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        done = subprocess.run([sys.executable, __file__, "--worker", str(path)], check=True,
                              capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ main


def startup(sample: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "letopis.cli", "extract", str(sample), "--published", "2025-11-03"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def line(name: str, value: str, unit: str = "", target: str = "") -> None:
    print(f"{name:<30} {value:>10} {unit:<9} {target}".rstrip())


def digest_jobs(corpus: Corpus, sizes: list[int]) -> dict[str, list]:
    """For each size k, DIGEST_KB/k digests per language: the same amount of text at every size."""
    jobs = {}
    for k in sizes:
        items = []
        for lang in ("uk", "ru", "en"):
            items += [corpus.digest(lang, k) for _ in range(max(1, DIGEST_KB // k))]
        jobs[str(k)] = items
    return jobs


def profile(corpus: Corpus, sizes: list[int]) -> None:
    res = run_worker({"warm": corpus.report("uk"), "digests": digest_jobs(corpus, sizes), "profile": True})["profile"]
    keys = [str(k) for k in sizes]
    for k in keys:
        line(f"profile_{k}x_s_per_kb", f"{res[k]['seconds'] / res[k]['kb']:.4f}", "s/KB",
             f"({res[k]['kb']:.0f} KB, under cProfile)")
    lo, hi = keys[0], keys[-1]
    total = res[hi]["seconds"]
    rows = []
    for fn, (_calls, self_s, _cum_s) in res[hi]["funcs"].items():
        base = res[lo]["funcs"].get(fn, [0, 0.0, 0.0])[1] * res[hi]["kb"] / res[lo]["kb"]
        if self_s - base > 0.005 * total or self_s > 0.03 * total:
            rows.append((self_s - base, fn))
    rows.sort(reverse=True)
    print("\nself time per KB of text (ms/KB) in digests of " + " / ".join(f"{k}x" for k in keys)
          + f" (linear code: equal figures); cumulative s and calls at {hi}x ({res[hi]['kb']:.0f} KB); "
          + "largest growth first")
    for _gain, fn in rows[:25]:
        times = " ".join(f"{1000 * res[k]['funcs'].get(fn, [0, 0.0, 0.0])[1] / res[k]['kb']:6.2f}" for k in keys)
        calls, _self, cum = res[hi]["funcs"][fn]
        print(f"  {times}   cum {cum:6.2f}  calls {calls:>9}  {fn}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1000, help="distinct reports (default 1000)")
    ap.add_argument("--sizes", default="1,4,16,64", help="digest sizes in paragraphs (default 1,4,16,64)")
    ap.add_argument("--profile", help="profile digests of these sizes instead, e.g. 1,16,64")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker)
        return

    corpus_started = time.perf_counter()
    corpus = Corpus()
    if args.profile:
        profile(corpus, [int(x) for x in args.profile.split(",")])
        return
    sizes = [int(x) for x in args.sizes.split(",")]
    reports = []
    for _ in range(args.n):
        reports.append(corpus.report(pick_lang(corpus.rng)))
    texts = [t for _l, _p, t in reports]
    assert len(set(texts)) == len(texts), "reports are not distinct"
    small = corpus.report("uk")
    digests = digest_jobs(corpus, sizes)
    generated = time.perf_counter() - corpus_started

    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "one.txt"
        sample.write_text(small[2], encoding="utf-8")
        cold = startup(sample)
        warm = min(startup(sample) for _ in range(3))

    res = run_worker({"warm": corpus.report("en"), "reports": reports, "digests": digests})
    for k, predicted in res["skipped"].items():
        print(f"# skipped {k}x digests: one would take ~{predicted:.0f} s")
    n = len(reports)
    size = sum(len(t.encode()) for t in texts) / n
    sentences = len(corpus.used)
    line("reports", f"{n}", "", f"(distinct, mean {size:.0f} bytes; {sentences} distinct sentences; "
         f"places uk {corpus.pools['uk']} ru {corpus.pools['ru']} en {corpus.pools['en']}; generated in {generated:.1f} s)")
    line("records", f"{res['records']}")
    line("startup_cold_s", f"{cold:.2f}", "s")
    line("startup_warm_s", f"{warm:.2f}", "s", f"target < {TARGET_WARM_S:g} s  {'ok' if warm < TARGET_WARM_S else 'MISSED'}")
    line("engine_load_s", f"{res['engine_load_s']:.2f}", "s", "(in the worker, gazetteer + first report)")
    rps = n / res["elapsed"]
    line("reports_per_s", f"{rps:.1f}", "reports/s", f"target >= {TARGET_RPS} per core  {'ok' if rps >= TARGET_RPS else 'MISSED'}"
         f"  (CPU time; wall clock {n / res['wall']:.1f})")
    for lang, (count, secs) in sorted(res["per_lang"].items()):
        line(f"reports_per_s_{lang}", f"{count / secs:.1f}", "reports/s", f"({count} reports)")
    line("peak_rss_mb", f"{res['peak_rss_mb']:.0f}", "MB",
         f"target < {TARGET_RSS_MB} MB  {'ok' if res['peak_rss_mb'] < TARGET_RSS_MB else 'MISSED'}")
    per_kb = {}
    for k in sorted(res["digests"], key=int):
        d = res["digests"][k]
        per_kb[k] = d["seconds"] / d["kb"]
        line(f"digest_{k}x_s_per_kb", f"{per_kb[k]:.4f}", "s/KB",
             f"({d['count']} digests of ~{d['kb'] / d['count']:.0f} KB, {d['seconds']:.1f} s CPU, {d['records']} records)")
    if "1" in per_kb:
        for k in (kk for kk in per_kb if kk != "1"):
            ratio = per_kb[k] / per_kb["1"] * int(k)
            verdict = "ok" if ratio <= int(k) * 1.15 else "MISSED"
            line(f"digest_time_ratio_{k}x_1x", f"{ratio:.1f}", "", f"target ≈ {k} (size ratio)  {verdict}")


if __name__ == "__main__":
    main()
