"""Rules for relative dates: to the report ("yesterday", "вчора", "на прошлой
неделе", "в понеділок") and to the previous incident ("two days earlier",
"наступного дня", "накануне", "that summer").
"""

from __future__ import annotations

import re
from functools import lru_cache

from letopis.extract.dates.lexicon import weekday_alt, weekday_number
from letopis.extract.dates.rules import Builder, Fields, Rule, compile_pattern
from letopis.extract.number_words import number_word_forms, word_to_number
from letopis.extract.trie import trie_alternation

R, C = "report", "chain"

# (pattern, fields) -- fields of the DateMention, copied as they are.
_FIXED: dict[str, list[tuple[str, Fields]]] = {
    "en": [
        (r"the\s+day\s+before\s+yesterday", {"anchor": R, "kind": "shift", "unit": "day", "offset": -2}),
        (r"yesterday(?:\s+(?:morning|afternoon|evening|night))?|last\s+night",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        # a daily report's "over the past day" ("за минулу добу", "за прошедшие сутки") tells the day before it
        (r"(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:day|24\s+hours)",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        (r"(?:earlier\s+)?today|this\s+(?:morning|afternoon|evening)|tonight|overnight",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": 0}),
        (r"last\s+week(?!end)|the\s+past\s+week(?!end)", {"anchor": R, "kind": "period", "unit": "week", "offset": -1}),
        (r"(?:earlier\s+|later\s+)?this\s+week", {"anchor": R, "kind": "period", "unit": "week", "offset": 0}),
        (r"last\s+month", {"anchor": R, "kind": "period", "unit": "month", "offset": -1}),
        (r"(?:earlier\s+)?this\s+month", {"anchor": R, "kind": "period", "unit": "month", "offset": 0}),
        (r"last\s+year", {"anchor": R, "kind": "period", "unit": "year", "offset": -1}),
        (r"(?:earlier\s+)?this\s+year", {"anchor": R, "kind": "period", "unit": "year", "offset": 0}),
        (r"(?:on\s+)?the\s+(?:next|following)\s+(?:day|morning|evening|night)|next\s+day|the\s+day\s+after",
         {"anchor": C, "kind": "shift", "unit": "day", "offset": 1}),
        (r"(?:on\s+)?the\s+same\s+(?:day|night|evening|morning)|(?:on\s+)?that\s+(?:same\s+)?"
         r"(?:day|night|evening|morning|afternoon)|(?:later|earlier)\s+that\s+(?:day|night|evening|morning)"
         r"|(?:at|around)\s+(?:about\s+|around\s+)?the\s+same\s+time", {"anchor": C, "kind": "same"}),
        (r"the\s+(?:day|night|evening)\s+before|the\s+previous\s+(?:day|night|evening)|(?:on\s+)?the\s+eve",
         {"anchor": C, "kind": "shift", "unit": "day", "offset": -1}),
        (r"(?:(?:later|earlier)\s+(?:in\s+)?)?that\s+(?:same\s+)?month|the\s+same\s+month",
         {"anchor": C, "kind": "period", "unit": "month", "offset": 0}),
        (r"(?:(?:later|earlier)\s+(?:in\s+)?)?that\s+(?:same\s+)?year|the\s+same\s+year",
         {"anchor": C, "kind": "period", "unit": "year", "offset": 0}),
        (r"the\s+(?:following|next)\s+week", {"anchor": C, "kind": "period", "unit": "week", "offset": 1}),
        (r"the\s+(?:previous|preceding)\s+week|the\s+week\s+before",
         {"anchor": C, "kind": "period", "unit": "week", "offset": -1}),
        (r"the\s+(?:following|next)\s+month", {"anchor": C, "kind": "period", "unit": "month", "offset": 1}),
        (r"the\s+(?:previous|preceding)\s+month", {"anchor": C, "kind": "period", "unit": "month", "offset": -1}),
        (r"the\s+(?:following|next)\s+year", {"anchor": C, "kind": "period", "unit": "year", "offset": 1}),
        (r"the\s+(?:previous|preceding)\s+year|the\s+year\s+before",
         {"anchor": C, "kind": "period", "unit": "year", "offset": -1}),
    ],
    "uk": [
        (r"позавчора|позаучора", {"anchor": R, "kind": "shift", "unit": "day", "offset": -2}),
        # "last night", "минулої ночі", "минувшей ночью": the night before the day of publication
        (r"(?:вчора|учора)(?:\s+(?:вранці|зранку|вдень|удень|ввечері|увечері|вночі|уночі))?|минулої\s+ночі",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        (r"(?:(?:за|впродовж|протягом)\s+)?(?:минулої|останньої)\s+доби|за\s+(?:минулу|останню)\s+добу",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        (r"сьогодні(?:\s+(?:вранці|зранку|вдень|удень|ввечері|увечері|вночі|уночі))?|цієї\s+ночі",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": 0}),
        (r"минулого\s+тижня|на\s+минулому\s+тижні|минулий\s+тиждень",
         {"anchor": R, "kind": "period", "unit": "week", "offset": -1}),
        (r"цього\s+тижня|на\s+цьому\s+тижні", {"anchor": R, "kind": "period", "unit": "week", "offset": 0}),
        (r"минулого\s+місяця|(?:у|в)\s+минулому\s+місяці",
         {"anchor": R, "kind": "period", "unit": "month", "offset": -1}),
        (r"цього\s+місяця|(?:у|в)\s+цьому\s+місяці", {"anchor": R, "kind": "period", "unit": "month", "offset": 0}),
        (r"торік|минулого\s+року|(?:у|в)\s+минулому\s+році",
         {"anchor": R, "kind": "period", "unit": "year", "offset": -1}),
        (r"позаторік|позаминулого\s+року", {"anchor": R, "kind": "period", "unit": "year", "offset": -2}),
        (r"цього\s+року|(?:у|в)\s+цьому\s+році|поточного\s+року",
         {"anchor": R, "kind": "period", "unit": "year", "offset": 0}),
        (r"наступного\s+(?:дня|ранку|вечора)|наступної\s+(?:ночі|доби)|на\s+наступний\s+день|на\s+другий\s+день"
         r"|другого\s+дня|(?:вранці|зранку)\s+наступного\s+дня|через\s+день|днем\s+пізніше|днем\s+згодом",
         {"anchor": C, "kind": "shift", "unit": "day", "offset": 1}),
        (r"того\s+(?:ж|же|самого)\s+(?:дня|вечора|ранку)|тієї\s+(?:ж|же|самої)\s+ночі"
         r"|(?:у|в)\s+той\s+(?:же|самий)\s+день|того\s+дня|цього\s+ж\s+дня|(?:у|в)\s+цей\s+(?:же\s+)?день"
         r"|тієї\s+ночі|тоді\s+ж|(?:у|в)\s+(?:той|цей)\s+же\s+час", {"anchor": C, "kind": "same"}),
        (r"напередодні(?:\s+(?:ввечері|увечері|вночі|уночі|вранці))?|днем\s+раніше"
         r"|за\s+(?:день|добу)\s+до\s+(?:того|цього)", {"anchor": C, "kind": "shift", "unit": "day", "offset": -1}),
        (r"того\s+(?:ж|же|самого)\s+місяця|(?:у|в)\s+тому\s+(?:ж|же|самому)\s+місяці|того\s+місяця",
         {"anchor": C, "kind": "period", "unit": "month", "offset": 0}),
        (r"того\s+(?:ж|же|самого)\s+року|(?:у|в)\s+тому\s+(?:ж|же|самому)\s+році|того\s+року",
         {"anchor": C, "kind": "period", "unit": "year", "offset": 0}),
        (r"наступного\s+тижня|на\s+наступному\s+тижні", {"anchor": C, "kind": "period", "unit": "week", "offset": 1}),
        (r"наступного\s+місяця", {"anchor": C, "kind": "period", "unit": "month", "offset": 1}),
        (r"наступного\s+року", {"anchor": C, "kind": "period", "unit": "year", "offset": 1}),
    ],
    "ru": [
        (r"позавчера", {"anchor": R, "kind": "shift", "unit": "day", "offset": -2}),
        (r"вчера(?:\s+(?:утром|днем|днём|вечером|ночью))?|(?:прошлой|минувшей)\s+ночью",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        (r"за\s+(?:прошедшие|минувшие|последние|прошлые)\s+сутки|в\s+течение\s+(?:прошедших|минувших|последних)\s+суток",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": -1}),
        (r"сегодня(?:\s+(?:утром|днем|днём|вечером|ночью))?|этой\s+ночью",
         {"anchor": R, "kind": "shift", "unit": "day", "offset": 0}),
        (r"на\s+(?:прошлой|минувшей)\s+неделе|прошлой\s+недели",
         {"anchor": R, "kind": "period", "unit": "week", "offset": -1}),
        (r"на\s+этой\s+неделе", {"anchor": R, "kind": "period", "unit": "week", "offset": 0}),
        (r"в\s+(?:прошлом|минувшем)\s+месяце|прошлого\s+месяца",
         {"anchor": R, "kind": "period", "unit": "month", "offset": -1}),
        (r"в\s+этом\s+месяце|этого\s+месяца", {"anchor": R, "kind": "period", "unit": "month", "offset": 0}),
        (r"в\s+(?:прошлом|минувшем)\s+году|прошлого\s+года",
         {"anchor": R, "kind": "period", "unit": "year", "offset": -1}),
        (r"в\s+позапрошлом\s+году|позапрошлого\s+года", {"anchor": R, "kind": "period", "unit": "year", "offset": -2}),
        (r"в\s+(?:этом|текущем)\s+году|(?:этого|текущего)\s+года",
         {"anchor": R, "kind": "period", "unit": "year", "offset": 0}),
        (r"на\s+следующий\s+день|на\s+другой\s+день|на\s+следующее\s+утро|следующим\s+утром|наутро"
         r"|на\s+следующую\s+ночь|следующей\s+ночью|на\s+другое\s+утро|(?:через|спустя)\s+(?:день|сутки)",
         {"anchor": C, "kind": "shift", "unit": "day", "offset": 1}),
        (r"в\s+(?:тот|этот)\s+же\s+(?:день|вечер)|в\s+тот\s+день|тем\s+же\s+(?:днем|днём|вечером|утром)"
         r"|той\s+же\s+ночью|в\s+ту\s+же\s+ночь|той\s+ночью|тогда\s+же|в\s+то\s+же\s+время",
         {"anchor": C, "kind": "same"}),
        (r"накануне(?:\s+(?:вечером|ночью|утром|днем|днём))?|за\s+(?:день|сутки)\s+до\s+(?:этого|того)",
         {"anchor": C, "kind": "shift", "unit": "day", "offset": -1}),
        (r"в\s+том\s+же\s+месяце|в\s+тот\s+же\s+месяц|того\s+же\s+месяца",
         {"anchor": C, "kind": "period", "unit": "month", "offset": 0}),
        (r"в\s+том\s+же\s+году|в\s+тот\s+же\s+год|того\s+же\s+года",
         {"anchor": C, "kind": "period", "unit": "year", "offset": 0}),
        (r"на\s+следующей\s+неделе", {"anchor": C, "kind": "period", "unit": "week", "offset": 1}),
        (r"в\s+следующем\s+месяце", {"anchor": C, "kind": "period", "unit": "month", "offset": 1}),
        (r"в\s+следующем\s+году", {"anchor": C, "kind": "period", "unit": "year", "offset": 1}),
    ],
}

_EVE = re.compile(r"^(?:напередодні|накануне|(?:on\s+)?the\s+eve)$", re.IGNORECASE)


def _fixed_builder(fields: Fields) -> Builder:
    def build(m: re.Match[str], text: str, lang: str) -> Fields | None:
        after = text[m.end():m.end() + 30]
        if _EVE.match(m.group()) and re.match(r"\s+(?:of\b|[A-ZА-ЯІЇЄҐ])", after):
            return None  # "напередодні Дня Незалежності", "on the eve of the vote"
        return dict(fields)

    return build


# --------------------------------------------------------------------------- counted units

_VAGUE_FEW = {"a few", "few", "several", "кілька", "декілька", "кількома", "декількома", "несколько",
              "нескольких", "несколькими", "пару", "a couple of", "couple of"}
_BACK = {"earlier", "before", "prior", "раніше", "ранее", "раньше", "до", "ago", "тому", "назад"}


@lru_cache(maxsize=3)
def _num(lang: str) -> str:
    extra = {"en": ["a couple of", "a few", "several", "an", "a"],
             "uk": ["декількома", "кількома", "декілька", "кілька", "пару"],
             "ru": ["несколькими", "нескольких", "несколько", "пару"]}[lang]
    alt = trie_alternation(list(number_word_forms(lang)) + extra)   # a prefix tree: fast to fail
    return r"(?P<n>\d{1,3}|(?:" + alt + r")(?:[\s-]+(?:" + alt + r"))?)(?!\w)"


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith(("day", "дн", "ден", "доб", "діб", "сут")):
        return "day"
    if w.startswith(("week", "тиж", "недел")):
        return "week"
    if w.startswith(("month", "міся", "меся")):
        return "month"
    return "year"


def _count(m: re.Match[str], lang: str) -> int | str | None:
    raw = m.groupdict().get("n")
    if not raw:
        return 1
    norm = re.sub(r"\s+", " ", raw.lower())
    if norm.isdigit():
        return int(norm)
    if norm in {"a", "an"}:
        return 1
    if norm in _VAGUE_FEW:
        return "few"
    return word_to_number(raw, lang)


def _counted(m: re.Match[str], lang: str, sign: int, anchor: str) -> Fields | None:
    n, unit = _count(m, lang), _unit(m.group("u"))
    if n is None:
        return None
    if n == "few":
        return {"anchor": anchor, "kind": "fuzzy", "offset": sign} if unit == "day" else None
    assert isinstance(n, int)
    if unit in {"month", "year"}:
        return {"anchor": anchor, "kind": "period", "unit": unit, "offset": sign * n}
    precision = "week" if anchor == R and unit == "week" else "day"
    return {"anchor": anchor, "kind": "shift", "unit": unit, "offset": sign * n, "precision": precision}


def _b_ago(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return _counted(m, lang, -1, R)


def _b_chain(m: re.Match[str], text: str, lang: str) -> Fields | None:
    direction = (m.groupdict().get("dir") or "").lower().split()[0] if m.groupdict().get("dir") else ""
    if direction in {"before", "after", "prior"} and not re.search(r"(?:that|this)$", m.group()):
        if not re.match(r"\s*(?:[,.;:!?)]|$)", text[m.end():m.end() + 3]):
            return None  # "two days before the vote": relative to something else
    return _counted(m, lang, -1 if direction in _BACK else 1, C)


def _counted_patterns(lang: str) -> list[tuple[str, Builder]]:
    n = _num(lang)
    if lang == "en":
        u = r"(?P<u>days?|weeks?|months?|years?)"
        return [
            (n + r"\s+" + u + r"\s+ago", _b_ago),
            (n + r"\s+" + u + r"\s+(?P<dir>earlier|later|before|after|prior)(?:\s+(?:that|this))?", _b_chain),
        ]
    if lang == "uk":
        u = r"(?P<u>день|дні|днів|добу|доби|діб|тиждень|тижні|тижнів|місяць|місяці|місяців|рік|роки|років)"
        ui = r"(?P<u>днями|днем|добою|тижнями|тижнем|місяцями|місяцем|роками|роком)"
        return [
            (r"(?:" + n + r"\s+)?" + u + r"\s+(?:тому|назад)", _b_ago),
            (r"(?:" + n + r"\s+)?" + ui + r"\s+(?P<dir>раніше|пізніше|згодом)", _b_chain),
            (n + r"\s+" + u + r"\s+(?P<dir>потому|по\s+тому|згодом|пізніше)", _b_chain),
            (r"(?P<dir>через)\s+(?:" + n + r"\s+)?" + u + r"(?!\w)", _b_chain),
            (r"за\s+(?:" + n + r"\s+)?" + u + r"\s+(?P<dir>до)\s+(?:того|цього|цих\s+подій|подій)", _b_chain),
        ]
    u = r"(?P<u>день|дня|дней|сутки|суток|неделю|недели|недель|месяц|месяца|месяцев|год|года|лет)"
    ui = r"(?P<u>днями|днем|днём|сутками|неделями|неделей|месяцами|месяцем|годами|годом)"
    return [
        (r"(?:" + n + r"\s+)?" + u + r"\s+(?:тому\s+)?назад", _b_ago),
        (r"(?:" + n + r"\s+)?" + ui + r"\s+(?P<dir>ранее|раньше|позже|позднее|спустя)", _b_chain),
        (r"(?:" + n + r"\s+)?" + u + r"\s+(?P<dir>спустя)", _b_chain),
        (r"(?P<dir>через|спустя)\s+(?:" + n + r"\s+)?" + u + r"(?!\w)", _b_chain),
        (r"за\s+(?:" + n + r"\s+)?" + u + r"\s+(?P<dir>до)\s+(?:этого|того|этих\s+событий|событий)", _b_chain),
    ]


# --------------------------------------------------------------------------- weekdays and seasons

_STRICT = re.compile(r"last|past|минул|прошл|минувш", re.IGNORECASE)


def _b_weekday(m: re.Match[str], text: str, lang: str) -> Fields | None:
    day = weekday_number(m.group("wd"), lang)
    if day is None:
        return None
    strict = bool(m.groupdict().get("rel") and _STRICT.match(m.group("rel")))
    return {"anchor": R, "kind": "weekday", "weekday": day, "offset": -1 if strict else 0}


def _weekday_patterns(lang: str) -> list[tuple[str, Builder]]:
    wd = r"(?P<wd>" + weekday_alt(lang) + r")"
    if lang == "en":
        return [
            (r"(?:(?P<rel>last|past|this|on)\s+)?" + wd, _b_weekday),
            (r"(?:on\s+)?the\s+night\s+(?:of\s+\w+\s+)?(?:to|into)\s+" + wd, _b_weekday),
            (r"overnight\s+(?:into|to|on)\s+" + wd, _b_weekday),
        ]
    if lang == "uk":
        rel = r"(?P<rel>(?:у|в)\s+минул(?:ий|у)|минулого|минулої|цього|цієї|у|в)"
        return [
            (rel + r"\s+" + wd, _b_weekday),
            (r"(?:у|в)\s+ніч\s+(?:(?:з|із)\s+\w+\s+)?(?:на|проти)\s+" + wd, _b_weekday),
        ]
    rel = r"(?P<rel>в\s+(?:прошл|минувш)(?:ый|ую|ое)|в\s+(?:этот|эту|это)|в|во|прошлой)"
    return [
        (rel + r"\s+" + wd, _b_weekday),
        (r"в\s+ночь\s+(?:(?:с|со)\s+\w+\s+)?на\s+" + wd, _b_weekday),
    ]


_SEASON_WORD = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
    "весни": 3, "літа": 6, "осені": 9, "зими": 12, "весной": 3, "летом": 6, "осенью": 9, "зимой": 12,
}
_SEASON_REL = [
    (re.compile(r"^(?:this|цього|цієї|этим|этой)$", re.I), R, 0),
    (re.compile(r"^(?:last|минулого|минулої|торішнього|торішньої|прошлым|прошлой|минувшим|минувшей)$", re.I),
     R, -1),
    (re.compile(r"^(?:the\s+following|the\s+next|наступного|наступної|следующим|следующей)$", re.I), C, 1),
    (re.compile(r"^(?:the\s+previous|попереднього|попередньої)$", re.I), C, -1),
]


def _b_season_rel(m: re.Match[str], text: str, lang: str) -> Fields | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    season = _SEASON_WORD[m.group("s").lower()]
    for pattern, anchor, offset in _SEASON_REL:
        if pattern.match(rel):
            return {"anchor": anchor, "kind": "period", "unit": "season", "season": season, "offset": offset}
    return {"anchor": C, "kind": "period", "unit": "season", "season": season, "offset": 0}


def _season_patterns(lang: str) -> list[tuple[str, Builder]]:
    if lang == "en":
        rel = (r"(?P<rel>this|last|the\s+following|the\s+next|the\s+previous|(?:later\s+|earlier\s+)?that"
               r"(?:\s+same)?|the\s+same)")
        return [(r"(?:(?:in|during|over)\s+)?" + rel + r"\s+(?P<s>spring|summer|autumn|fall|winter)(?!\w)",
                 _b_season_rel)]
    if lang == "uk":
        rel = (r"(?P<rel>минулого|минулої|цього|цієї|торішнього|торішньої|наступного|наступної|попереднього"
               r"|попередньої|того(?:\s+(?:ж|же|самого))?|тієї(?:\s+(?:ж|же|самої))?)")
        return [(rel + r"\s+(?P<s>весни|літа|осені|зими)(?!\w)", _b_season_rel)]
    rel = r"(?P<rel>прошлым|прошлой|минувшим|минувшей|этим|этой|следующим|следующей|тем(?:\s+же)?|той(?:\s+же)?)"
    return [(rel + r"\s+(?P<s>весной|летом|осенью|зимой)(?!\w)", _b_season_rel)]


# --------------------------------------------------------------------------- weekends, week starts, day of month

_WEEKEND = {"anchor": R, "kind": "weekday", "weekday": 5, "offset": -1, "precision": "week"}
_WEEK_START = {"anchor": R, "kind": "period", "unit": "week", "offset": 0}
_EXTRA: dict[str, list[tuple[str, Fields]]] = {
    # "at the weekend" is the last weekend before the report: its Saturday, precision week
    "en": [(r"(?:at|over|on|during)\s+the\s+weekend|(?:last|this\s+past|this)\s+weekend", _WEEKEND),
           (r"(?:at\s+)?the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+week|early\s+this\s+week", _WEEK_START)],
    "uk": [(r"(?:у|в|на|минулими)\s+(?:минулі\s+|цi\s+|ці\s+|останні\s+)?вихідн(?:і|их)|минулих\s+вихідних", _WEEKEND),
           (r"на\s+початку\s+(?:цього\s+)?тижня", _WEEK_START)],
    "ru": [(r"(?:в|на)\s+(?:прошлые\s+|минувшие\s+|эти\s+|последние\s+)?выходные|на\s+(?:прошлых\s+|минувших\s+)?"
            r"выходных", _WEEKEND),
           (r"в\s+начале\s+(?:этой\s+)?недели", _WEEK_START)],
}

# "on the 2nd", "14-го": a day of a month the reader already knows (the previous date's or the report's)
_DAY_OF_MONTH = {
    "en": r"on\s+the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?=\s*(?:[,.;:)!?]|$)|\s+(?:and|when|at|in|as|after|"
          r"before|but|while|from|near|outside)\b)",
    "uk": r"(?P<d>[1-9]|[12]\d|3[01])-?го(?:\s+числа)?(?=\s*(?:[,.;:)!?]|$)|\s+[а-яіїєґ'’]+)",
    "ru": r"(?P<d>[1-9]|[12]\d|3[01])-?го(?:\s+числа)?(?=\s*(?:[,.;:)!?]|$)|\s+[а-яё]+)",
}


def _b_day_of_month(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return {"anchor": C, "kind": "dom", "day": int(m.group("d"))}


@lru_cache(maxsize=4)
def relative_rules(lang: str) -> tuple[Rule, ...]:
    rules = [Rule(f"fixed{i}", compile_pattern(p + r"(?!\w)"), _fixed_builder(f)) for i, (p, f) in enumerate(_FIXED[lang])]
    table = _counted_patterns(lang) + _weekday_patterns(lang) + _season_patterns(lang)
    rules += [Rule(f"rel{i}", compile_pattern(p), b) for i, (p, b) in enumerate(table)]
    rules += [Rule(f"extra{i}", compile_pattern(p + r"(?!\w)"), _fixed_builder(f)) for i, (p, f) in enumerate(_EXTRA[lang])]
    rules.append(Rule("dom", compile_pattern(_DAY_OF_MONTH[lang]), _b_day_of_month))
    return tuple(rules)
