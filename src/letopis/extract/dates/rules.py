"""Rules for dates that carry their own month (and perhaps day and year).

A rule is a regex and a builder. The builder reads the match and returns the
fields of a ``DateMention`` (``kind``, ``month``, ``day`` ...) or None when
the match is a trap ("May 5 people were detained"). ``find_dates`` runs all
rules and keeps the longest non-overlapping matches.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from letopis.extract.dates.lexicon import (
    SEASON_ADVERBS,
    YEAR_TAIL,
    YEAR_WORD,
    month_alt,
    month_number,
    season_alt,
    season_of,
    weekday_alt,
    year_relative,
    year_relative_alt,
)

Fields = dict[str, Any]
Builder = Callable[[re.Match[str], str, str], "Fields | None"]


@dataclass(frozen=True)
class Rule:
    """A date rule: its regex (compiled on first use: a reading compiles only its language's rules,
    and Ukrainian and Russian text mostly needs only the lower-case form) and its builder."""

    name: str
    source: str
    build: Builder

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)

    @cached_property
    def lower_pattern(self) -> re.Pattern[str]:
        """The rule without IGNORECASE, for lower-cased text: the same matches in about half the time
        (the Ukrainian and Russian rules are written in lower case)."""
        return re.compile(self.source)


WORD_START = r"(?<![\w'’])"


def compile_pattern(pattern: str) -> str:
    """A rule's regex, guarded so it starts at a word's start."""
    return WORD_START + r"(?:" + pattern + r")"


def D(name: str) -> str:  # noqa: N802 - a regex piece
    return (r"(?<![\d.,:/])(?P<" + name + r">[0-3]?\d)(?!\d)"
            r"(?:-?(?:го|ого|е|ое|st|nd|rd|th)(?!\w))?")


def M(name: str, lang: str, cases: str = "nom gen loc", strict: bool = True) -> str:  # noqa: N802
    return r"(?P<" + name + r">" + month_alt(lang, cases, strict) + r")"


def _year_tail(lang: str) -> str:
    sep = r",?\s+" if lang == "en" else r"\s+"
    return r"(?:" + sep + r"(?:" + YEAR_TAIL + r"|(?P<yrel>" + year_relative_alt() + r")))?"


# --------------------------------------------------------------------------- field helpers

def _year_fields(m: re.Match[str]) -> Fields:
    groups = m.groupdict()
    if groups.get("y"):
        return {"year": int(groups["y"]), "anchor": "absolute"}
    if groups.get("yrel"):
        ref, offset = year_relative(groups["yrel"])
        return {"year_offset": offset, "anchor": ref}
    return {"anchor": "absolute"}


def _valid_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def _day(m: re.Match[str], lang: str, dg: str = "d", mg: str = "m") -> Fields | None:
    month, day = month_number(m.group(mg), lang), int(m.group(dg))
    if month is None or not _valid_day(month, day):
        return None
    return {"kind": "day", "month": month, "day": day, **_year_fields(m)}


_PREP_BEFORE_MAY = re.compile(
    r"(?:on|in|since|by|until|till|from|of|before|after|between|to|and|through|,)\s*$", re.IGNORECASE)
_OK_AFTER_MAY = re.compile(
    r"^\s*(?:[,.;:!?)\-–—]|$|(?:and|to|or|through|until|at|in|on|when|while|after|before|during)(?!\w))",
    re.IGNORECASE,
)


def _may_is_modal(m: re.Match[str], text: str, mg: str = "m") -> bool:
    """"May 5 people were detained": May as a modal verb, not the month."""
    g = m.groupdict()
    if m.group(mg) != "May" or g.get("y") or g.get("yrel") or g.get("wd") or m.start(mg) > m.start("d"):
        return False
    if re.search(r"\d(?:st|nd|rd|th)$", m.group()):
        return False
    if _PREP_BEFORE_MAY.search(text[max(0, m.start() - 12):m.start()]):
        return False
    return not _OK_AFTER_MAY.match(text[m.end():m.end() + 15])


def _b_day(m: re.Match[str], text: str, lang: str) -> Fields | None:
    if lang == "en" and _may_is_modal(m, text):
        return None
    return _day(m, lang)


def _range_fields(m: re.Match[str], lang: str) -> Fields | None:
    first_m = m.groupdict().get("ma") or m.group("mb")
    month, month_end = month_number(first_m, lang), month_number(m.group("mb"), lang)
    day, day_end = int(m.group("d")), int(m.group("d2"))
    if month is None or month_end is None:
        return None
    if not (_valid_day(month, day) and _valid_day(month_end, day_end)):
        return None
    if month == month_end and day_end <= day:
        return None
    return {"kind": "range", "month": month, "day": day, "month_end": month_end,
            "day_end": day_end, **_year_fields(m)}


def _conn_ok(m: re.Match[str]) -> bool:
    """"3 and 5 October" are two days; "between 3 and 5 October" is a range."""
    conn = (m.groupdict().get("conn") or "").strip().lower()
    if conn in {"and", "і", "та", "и"}:
        return bool(m.groupdict().get("btw"))
    if conn in {"по", "до"}:
        return bool(m.groupdict().get("frm"))
    return True


def _b_range(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return _range_fields(m, lang) if _conn_ok(m) else None


def _b_night(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return _day(m, lang, dg="d2", mg="mb")


def _b_month(m: re.Match[str], text: str, lang: str) -> Fields | None:
    if lang == "en" and m.group("m") in {"May", "March"} and not _has_month_context(m):
        return None
    month = month_number(m.group("m"), lang)
    return {"kind": "month", "month": month, **_year_fields(m)} if month else None


def _has_month_context(m: re.Match[str]) -> bool:
    return bool(m.groupdict().get("y") or m.groupdict().get("yrel") or m.groupdict().get("prep"))


def _b_edge(m: re.Match[str], text: str, lang: str) -> Fields | None:
    """The first or last days / week of a month: a week-long range."""
    month = month_number(m.group("m"), lang)
    if month is None:
        return None
    edge = m.group("edge").lower()
    fields = _year_fields(m)
    if edge.startswith(("first", "перш", "перв")):
        return {"kind": "range", "month": month, "day": 1, "month_end": month, "day_end": 7, **fields}
    last = calendar.monthrange(fields.get("year") or 2023, month)[1]
    return {"kind": "range", "month": month, "day": last - 6, "month_end": month, "day_end": last,
            **fields}


def _b_numeric(m: re.Match[str], text: str, lang: str) -> Fields | None:
    g = m.groupdict()
    day, month = int(g["d"]), int(g["mo"])
    year = g.get("y")
    if year is None and _numeric_is_not_date(m, text):
        return None
    if not _valid_day(month, day):
        return None
    fields: Fields = {"kind": "day", "month": month, "day": day, "anchor": "absolute"}
    if year:
        fields["year"] = int(year) + (2000 if len(year) == 2 else 0)
    return fields


def _numeric_is_not_date(m: re.Match[str], text: str) -> bool:
    after = text[m.end():m.end() + 12]
    before = text[max(0, m.start() - 12):m.start()]
    return bool(re.match(r"\s*(?:млн|мільйон|миллион|million|billion|тис|тыс|thousand|%|грн|₴|\$|km|км)",
                         after, re.IGNORECASE)
                or re.search(r"(?:\bо|\bоб|\bat|\bоколо|\bблизько|\bст\.|\bп\.|\bч\.|[$€₴])\s*$",
                             before, re.IGNORECASE))


def _b_slash(m: re.Match[str], text: str, lang: str) -> Fields | None:
    a, b = int(m.group("a")), int(m.group("b"))
    day, month = (b, a) if (lang == "en" and a <= 12) or b > 12 else (a, b)
    if not _valid_day(month, day):
        return None
    return {"kind": "day", "month": month, "day": day, "year": int(m.group("y")), "anchor": "absolute"}


def _b_year(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return {"kind": "year", "year": int(m.group("y")), "anchor": "absolute"}


def _b_season(m: re.Match[str], text: str, lang: str) -> Fields | None:
    g = m.groupdict()
    if lang == "en" and not (g.get("prep") or g.get("y") or g.get("yrel")):
        return None
    if lang == "en" and m.group("s").lower() == "fall" and not (g.get("y") or g.get("the")):
        return None
    season = season_of(m.group("s"), lang)
    fields = _year_fields(m)
    if g.get("y") and g.get("y2") and season == 12:
        fields["year"] += 1  # "winter 2023/24" is the winter of 2024: starts 2023-12
    return {"kind": "season", "season": season, **fields}


# --------------------------------------------------------------------------- rule tables

def _en_rules() -> list[tuple[str, str, Builder]]:
    lang, yt = "en", _year_tail("en")
    wd = r"(?:(?P<wd>" + weekday_alt(lang) + r"),?\s+)?"
    conn = r"\s*(?P<conn>[-–—]|to|until|till|through|and)\s*"
    prep = r"(?:(?P<prep>in|during|since|by|until|till|through|throughout|of|from|before|after|early|late|last|this|next)\s+)?"
    season_tail = (r"(?:\s+(?:of\s+)?(?:(?P<y>(?:19|20)\d{2})(?:\s*[/–-]\s*(?P<y2>(?:19|20)?\d{2}))?"
                   r"|(?P<yrel>" + year_relative_alt() + r")))?")
    return [
        ("day_dm", wd + r"(?:the\s+)?" + D("d") + r"\s+(?:of\s+)?" + M("m", lang) + yt, _b_day),
        ("day_md", wd + M("m", lang) + r"\s+" + D("d") + yt, _b_day),
        ("range_dm", r"(?:(?P<btw>between)\s+|from\s+)?(?:the\s+)?" + D("d") + r"(?:\s+(?:of\s+)?"
         + M("ma", lang) + r")?" + conn + r"(?:the\s+)?" + D("d2") + r"\s+(?:of\s+)?" + M("mb", lang) + yt,
         _b_range),
        ("range_md", r"(?:(?P<btw>between)\s+|from\s+)?" + M("ma", lang) + r"\s+" + D("d") + conn
         + r"(?:" + M("mb", lang) + r"\s+)?" + D("d2") + yt, _b_range_md),
        ("night_md", r"(?:(?:on|during)\s+)?the\s+night\s+of\s+" + M("ma", lang) + r"\s+" + D("d")
         + r"\s*(?:[-–—]|to|into|and)\s*(?:" + M("mb", lang) + r"\s+)?" + D("d2") + yt, _b_night_md),
        ("night_dm", r"(?:(?:on|during)\s+)?the\s+night\s+of\s+(?:the\s+)?" + D("d") + r"(?:\s+(?:of\s+)?"
         + M("ma", lang) + r")?\s*(?:[-–—]|to|into|and)\s*(?:the\s+)?" + D("d2") + r"\s+(?:of\s+)?"
         + M("mb", lang) + yt, _b_night),
        ("overnight_md", r"overnight\s+(?:into|to|on)\s+(?:the\s+)?" + M("mb", lang) + r"\s+" + D("d2") + yt,
         _b_night),
        ("overnight_dm", r"overnight\s+(?:into|to|on)\s+(?:the\s+)?" + D("d2") + r"\s+(?:of\s+)?"
         + M("mb", lang) + yt, _b_night),
        ("part_month", r"(?:(?:in|at|by|until|since|from|through|towards?)\s+)?(?:the\s+)?"
         r"(?P<part>early|late|mid|(?:very\s+)?(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of)"
         r"\s*-?\s*" + M("m", lang) + yt, _b_part),
        ("edge", r"(?:(?:in|on|during|over)\s+)?the\s+(?P<edge>first|last)\s+(?:few\s+)?(?:days|week)\s+of\s+"
         + M("m", lang) + yt, _b_edge),
        ("month", prep + r"(?:the\s+month\s+of\s+)?" + M("m", lang) + yt, _b_month),
        ("year_part", r"(?:(?:in|during|over|for)\s+)?the\s+(?P<h>first|second)\s+"
         r"(?P<u>half|six\s+months|quarter|three\s+months|nine\s+months)(?:\s+of)?" + yt, _b_year_part),
        ("year", r"(?:in|during|since|by|throughout|until|through|of|before|after|early|late|mid-?)\s+"
         r"(?P<y>(?:19|20)\d{2})(?!\d|[.,]\d|\s*(?:people|persons|men|women)\b)", _b_year),
        ("season", r"(?:(?P<prep>in|during|over|throughout|since|by|until|through)\s+)?(?P<the>the\s+)?"
         r"(?:(?:early|late|mid)[\s-]+)?(?P<s>" + season_alt(lang) + r")" + season_tail, _b_season),
    ]


def _b_range_md(m: re.Match[str], text: str, lang: str) -> Fields | None:
    return _range_fields_swapped(m, lang) if _conn_ok(m) else None


def _range_fields_swapped(m: re.Match[str], lang: str) -> Fields | None:
    """"October 29 to November 2": the second month may be absent or present."""
    month = month_number(m.group("ma"), lang)
    month_end = month_number(m.group("mb") or m.group("ma"), lang)
    day, day_end = int(m.group("d")), int(m.group("d2"))
    if month is None or month_end is None or not (_valid_day(month, day) and _valid_day(month_end, day_end)):
        return None
    if month == month_end and day_end <= day:
        return None
    return {"kind": "range", "month": month, "day": day, "month_end": month_end, "day_end": day_end,
            **_year_fields(m)}


def _b_night_md(m: re.Match[str], text: str, lang: str) -> Fields | None:
    month = month_number(m.group("mb") or m.group("ma"), lang)
    day = int(m.group("d2"))
    if month is None or not _valid_day(month, day):
        return None
    return {"kind": "day", "month": month, "day": day, **_year_fields(m)}


# Parts of a year ("the first half of 2025", "за перше півріччя", "во втором квартале"):
# (first month, last month) by the ordinal and the unit.
_YEAR_PARTS = {("1", "half"): (1, 6), ("2", "half"): (7, 12), ("1", "quarter"): (1, 3),
               ("2", "quarter"): (4, 6), ("1", "nine"): (1, 9)}


def _b_year_part(m: re.Match[str], text: str, lang: str) -> Fields | None:
    which = "1" if re.match(r"first|перш|перв", m.group("h"), re.IGNORECASE) else "2"
    unit = m.group("u").lower()
    kind = "nine" if "nine" in unit else "quarter" if re.match(r"quarter|three|квартал", unit) else "half"
    months = _YEAR_PARTS.get((which, kind))
    if months is None:
        return None
    last = calendar.monthrange(2023, months[1])[1]
    return {"kind": "range", "month": months[0], "day": 1, "month_end": months[1], "day_end": last,
            **_year_fields(m)}


def _b_part(m: re.Match[str], text: str, lang: str) -> Fields | None:
    month = month_number(m.group("m"), lang)
    return {"kind": "month", "month": month, **_year_fields(m)} if month else None


_UK_PARTS = (r"на\s+початку|на\s+поч\.|в\s+середині|у\s+середині|посередині|наприкінці|в\s+кінці|"
             r"у\s+кінці|під\s+кінець|до\s+кінця|з\s+початку|від\s+початку|з\s+середини|"
             r"(?:в|у)\s+(?:першій|другій)\s+половині|середини|початку|кінця")
_RU_PARTS = (r"в\s+начале|в\s+середине|в\s+конце|к\s+концу|до\s+конца|с\s+начала|с\s+середины|"
             r"под\s+конец|в\s+первой\s+половине|во\s+второй\s+половине|начала|середины|конца")
_EDGE = (r"(?:(?:у|в|во|на)\s+)?(?P<edge>перші|останні|першого|останнього|першому|останньому|первые|"
         r"последние|первых|последних|первой|последней)\s+(?:дні|днях|числа|числах|тижня|тижні|"
         r"тиждень|неделе|недели|неделю|дней|дни)\s+")
_GEN_PREPS = {"uk": r"з|із|від|до|протягом|упродовж|починаючи\s+з",
              "ru": r"с|со|до|от|в\s+течение|начиная\s+с"}


def _slavic_rules(lang: str) -> list[tuple[str, str, Builder]]:
    yt = _year_tail(lang)
    uk = lang == "uk"
    wd = r"(?:(?:(?:у|в|во)\s+)?(?P<wd>" + weekday_alt(lang) + r"),?\s+)?"
    frm = r"(?:(?P<frm>з|із|від)\s+)?" if uk else r"(?:(?P<frm>с|со|от)\s+)?"
    night = r"(?:у|в)\s+ніч\s+(?:(?:з|із)\s+" if uk else r"в\s+ночь\s+(?:(?:с|со)\s+"
    night_to = r"(?:на|проти)" if uk else r"на"
    season_tail = (r"(?:\s+(?:(?P<y>(?:19|20)\d{2})(?:\s*[/–-]\s*(?P<y2>(?:19|20)?\d{2}))?"
                   r"(?:\s*-?(?:го|м)(?!\w))?(?:\s*" + YEAR_WORD + r"(?!\w))?|(?P<yrel>"
                   + year_relative_alt() + r")))?")
    gen = "gen"
    return [
        ("day", wd + D("d") + r"\s+" + M("m", lang, gen, strict=False) + yt, _b_day),
        ("range", frm + D("d") + r"(?:\s+" + M("ma", lang, gen, strict=False) + r")?"
         r"\s*(?P<conn>[-–—]|по|до)\s*" + D("d2") + r"\s+" + M("mb", lang, gen, strict=False) + yt,
         _b_range),
        ("night", night + D("d") + r"(?:\s+" + M("ma", lang, gen, strict=False) + r")?\s+)?" + night_to + r"\s+" + D("d2")
         + r"\s+" + M("mb", lang, gen, strict=False) + yt, _b_night),
        ("part_month", r"(?P<part>" + (_UK_PARTS if uk else _RU_PARTS) + r")\s+"
         + M("m", lang, gen, strict=False) + yt, _b_part),
        ("edge", _EDGE + M("m", lang, gen, strict=False) + yt, _b_edge),
        ("month_loc", r"(?P<prep>у|в|во)\s+" + M("m", lang, "loc") + yt, _b_month),
        ("month_gen_prep", r"(?P<prep>" + _GEN_PREPS[lang] + r")\s+" + M("m", lang, gen) + yt, _b_month),
        # "за листопад", "за ноябрь": the month a tally covers
        ("month_acc", r"(?<=за\s)"
         + M("m", lang, "nom", strict=False) + yt, _b_month),
        ("year_part", r"(?:(?:у|в|во|за|протягом|в\s+течение)\s+)?(?P<h>перш\w*|друг\w*|перв\w*|втор\w*)\s+"
         r"(?P<u>півріч\w*|полугод\w*|квартал\w*)" + yt, _b_year_part),
        ("month_year", M("m", lang, "nom gen") + r"\s+(?:" + YEAR_TAIL + r"|(?P<yrel>"
         + year_relative_alt() + r"))", _b_month),
        ("year", r"(?:(?:у|в|во|з|із|від|до|протягом|упродовж|с|со|к|на\s+початку|наприкінці|"
         r"в\s+начале|в\s+конце|в\s+течение)\s+)?(?P<y>(?:19|20)\d{2})(?:\s*[-–]\s*(?:19|20)?\d{2})?"
         r"\s*(?:-?(?:го|му|м|й)(?!\w))?\s*" + YEAR_WORD + r"(?!\w)", _b_year),
        ("year_mu", r"(?:у|в)\s+(?P<y>(?:19|20)\d{2})-(?:му|м|ому)(?!\w)", _b_year),
        ("season", r"(?P<s>" + SEASON_ADVERBS[lang] + r")(?!\w)" + season_tail, _b_season),
        ("season_nom", r"(?:(?:у|в|на|з|із|с|до)\s+)?(?P<s>" + season_alt(lang) + r")\s+(?P<y>(?:19|20)\d{2})"
         r"(?:\s*[/–-]\s*(?P<y2>(?:19|20)?\d{2}))?(?:\s*-?(?:го|м)(?!\w))?(?:\s*" + YEAR_WORD + r"(?!\w))?",
         _b_season),
    ]


def _numeric_rules() -> list[tuple[str, str, Builder]]:
    return [
        ("iso", r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)", _b_numeric),
        ("dotted", r"(?<![\d.,])(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d{2}|\d{2})(?![\d])"
         r"(?:\s*(?:року|р\.|года|г\.)(?!\w))?", _b_numeric),
        ("dotted_short", r"(?<![\d.,:])(?P<d>[0-3]?\d)\.(?P<mo>[01]\d)(?![\d]|[.,]\d)", _b_numeric),
        ("slash", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)", _b_slash),
    ]


@lru_cache(maxsize=4)
def absolute_rules(lang: str) -> tuple[Rule, ...]:
    table = _en_rules() if lang == "en" else _slavic_rules(lang)
    return tuple(Rule(name, compile_pattern(pattern), build) for name, pattern, build in table + _numeric_rules())
