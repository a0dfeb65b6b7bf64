"""Aggregate figures ("about 19,000 SZCh cases in October") as statistic records.

A sentence states a statistic when it carries a figure that counts cases
rather than people in one event: a number joined to a counting noun
("cases", "випадків", "справ", "дел", "протоколів") or to a period phrase
("since the start of the year", "за місяць"), with a metric named nearby.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letopis.extract.multiscan import Screened
from letopis.extract.numbers import NumberMention

_COUNTING = re.compile(
    r"(?<!\w)(?:випад\w*|справ\w*|проваджен\w*|производств\w*|протокол\w*|рішен\w*|вирок\w*|фактів|звернен\w*|скарг\w*|"
    r"случа\w*|дел\b|дела\b|уголовн\w* дел|протокол\w*|приговор\w*|обращени\w*|жалоб\w*|"
    r"cases|proceedings|complaints|reports of|incidents|records|sentences|convictions|total|"
    r"in total|altogether|загалом|всього|усього|всего|в общей сложности|в целом)(?!\w)",
    re.IGNORECASE,
)

_PERIOD = re.compile(
    r"(?<!\w)(?:(?:з|від|із) початку (?:року|війни|вторгнення|повномасштабн\w*|велик\w*|широкомасштабн\w*)|"
    r"(?:з|від|із) (?:24 лютого|лютого) 2022|(?:с|от|со) (?:24 февраля|февраля) 2022|"
    r"(?:since|from) (?:24 )?february(?: 24,?)? 2022|since the (?:full-scale |russian )?invasion|"
    r"за (?:\w+ )?(?:час|роки|період) (?:повномасштабн\w* |велик\w* )?(?:війни|вторгнення)|"
    r"за (?:\w+ )?(?:время|годы|период) (?:полномасштабн\w* )?(?:войны|вторжения|сво)|"
    r"(?:с|от) начала (?:года|войны|вторжения|полномасштабн\w*|широкомасштабн\w*|сво|специальн\w*)|"
    r"from the (?:start|beginning) of|"
    r"за (?:минулий |останній )?"
    r"(?:місяць|тиждень|рік|квартал|півріччя)|щомісяця|щодня|на добу|за добу|"
    r"с начала (?:года|войны|вторжения)|за (?:прошлый |последний )?(?:месяц|неделю|год|квартал|полугодие)|"
    r"ежемесячно|в месяц|в сутки|за сутки|"
    r"since the (?:start|beginning) of|per (?:month|day|week|year)|a month|each month|"
    r"in the first (?:half|quarter|nine months)|over the (?:past|last) (?:month|year|week)|so far this year|"
    r"(?:first|second) (?:half|six months|quarter)|перш\w+ (?:півріччя|квартал)|друг\w+ (?:півріччя|квартал)|"
    r"перв\w+ (?:полугоди|квартал)|втор\w+ (?:полугоди|квартал)|за \d{4} (?:рік|год)|"
    # a calendar year as the span counted over ("In 2023, at least 21,000", "у 2024 році — 140",
    # "this year", "цього року"); a year that dates one event is read by the dates, not here
    r"(?:in|during|throughout|for) (?:the year )?20\d\d(?![\d-])|this year|"
    r"(?:у|в|протягом|впродовж|на протязі) 20\d\d (?:році|року)|цього року|"
    r"(?:в|в течение|на протяжении) 20\d\d (?:году|года)|в этом году)",
    re.IGNORECASE,
)
# the same searches, skipped when none of the strings a match needs is in the sentence
_COUNTING_SCREEN, _PERIOD_SCREEN = Screened(_COUNTING), Screened(_PERIOD)

# The counted noun right after the figure names the metric when it is specific
# ("7 000 приговоров" are convictions whatever article they were passed under).
_NOUN_METRICS: tuple[tuple[str, str], ...] = (
    ("convictions", r"вирок|приговор|sentences|convictions|verdicts"),
    ("complaints", r"скарг|жалоб|звернен|обращени|complaints"),
    ("fines", r"штраф|fines"),
)

METRICS: tuple[tuple[str, str], ...] = (
    ("szch_cases", r"сзч|\bсоч\b|szch|самовільн\w* залиш|самовольн\w* остав|awol|unauthori[sz]ed (?:absence|abandon)|"
     r"(?:ст\.|статт\w*|стать\w*|art\.|article)\s*407\b|(?:стать\w*|ст\.|art\.|article)\s*337\b"),
    ("desertion_cases", r"дезерт|desert|(?:ст\.|статт\w*|стать\w*|art\.|article)\s*408\b"),
    ("convictions", r"засуджен|засудил|вирок|осужд|приговор|convict|sentenc"),
    ("attacks_on_recruiters", r"напад\w* на (?:\w+ ){0,3}(?:тцк|військов|працівник|представник)|"
     r"нападени\w* на (?:\w+ ){0,3}(?:военкомат|тцк|сотрудник|военн)|"
     r"attacks on (?:\w+ ){0,3}(?:tcc|trc|recruit|enlistment|draft|conscription|servicem)"),
    ("fakes_criminal_cases", r"фейк|fake news|false information|дискредитац|discredit"),
    ("criminal_cases", r"кримінальн|уголовн|criminal|проваджен|(?:возбужд|заведен|завел)\w* (?:\w+ ){0,3}дел|"
     r"відкрит\w* (?:\w+ ){0,3}справ"),
    ("arson_attacks", r"підпал|поджог|поджиг|arson|set (?:\w+ )?on fire|set fire"),
    ("rights_violations", r"порушен\w* прав|нарушени\w* прав|rights violations|violations of (?:\w+ )?rights"),
    ("deaths", r"загинул|загибел|помер|погиб|умер|смерт|потонул|утонул|тіл[ао]? |тел[ао]? |died|deaths|killed|"
     r"drown|bodies"),
    # people detained at the border are detentions; border_crossings counts the crossings
    ("detentions", r"затрима|задержа|detain|detention|arrest"),
    ("border_crossings", r"перетин\w* кордон|перетнут|переправ|кордон|границ|border|"
     r"незаконн\w* (?:виїх|виїзд|перетин|перетн)|незаконн\w* (?:выезд|выех|пересеч)|"
     r"illegally (?:leave|left|leaving|cross|exit)|виїхати з (?:україни|країни)|выехать из (?:украины|страны)|"
     r"leave (?:the country|ukraine)|swum|swam|swim|перепли|переплы"),
    ("fines", r"штраф|адміністративн\w* протокол|fine[sd]?\b"),
    ("summonses", r"повістк|повестк|summons"),
    ("complaints", r"скарг|жалоб|звернен|обращени|complaint"),
)


# A large figure given as an estimate ("more than 13,000", "понад 6 тисяч", "не менее 21 000") is a
# tally's way of speaking: events are counted exactly, totals over a period are rounded and bounded.
_BOUND_WORDS = (
    r"(?:more than|over|at least|no fewer than|almost|nearly|about|around|approximately|some|another|"
    r"понад|більше|більш ніж|щонайменше|не менше|не менш як|майже|близько|приблизно|ще|"
    r"более|больше|свыше|не менее|по меньшей мере|почти|около|примерно|порядка|ещё|еще)"
    r"(?:\s+(?:than|ніж|чем|як))?")
_BOUND = re.compile(_BOUND_WORDS + r"\s*$", re.IGNORECASE)
_BOUND_START = re.compile(_BOUND_WORDS + r"\s", re.IGNORECASE)   # number words take it in ("майже 5 тисяч")
BOUNDED_LEAST = 1000   # the smallest estimate read as a tally without a counting noun or a period
# The people a figure counts when no metric names the act ("21,000 people were targeted").
_PEOPLE = re.compile(
    r"\W*(?:[\w'’-]+\s+){0,3}?(?:people|persons|men|women|citizens|servicemen|soldiers|conscripts|"
    r"люд\w*|осіб|особ\w*|чолов\w*|громадян\w*|військовослужбовц\w*|військов\w*|жін\w*|"
    r"человек|мужчин\w*|граждан\w*|военнослужащ\w*|военн\w*|женщин\w*)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StatisticCue:
    metric: str
    number: NumberMention


# Nouns of a single operation: its total is an incident count, not a statistic.
_EVENT_NOUN = re.compile(
    r"(?<!\w)(?:операці\w*|операци\w*|рейд\w*|облав\w*|перевірк\w*|проверк\w*|блокпост\w*|"
    # English singular only: "outside checkpoints" over a year names no single operation
    r"operation|raid|check|checkpoint|sweep)(?!\w)",
    re.IGNORECASE,
)


# "from 27 to 25": the ends of a range of values (ages, limits) are not counts
_VALUE_RANGE = re.compile(r"(?<!\w)(?:(?:from|з|із|від|с|от)\s+\d(?:[\d.,]|\s(?=\d{3}))*\s+(?:to|до|по)\s+\d+|"
                          r"between\s+\d+\s+and\s+\d+|між\s+\d+\s+(?:і|та)\s+\d+|между\s+\d+\s+и\s+\d+)",
                          re.IGNORECASE)
# A goal or a plan ("a goal of recruiting up to half a million", "планують призвати 500 тисяч"): a figure
# of what is to come, not a tally of what happened.
_PLAN = re.compile(r"(?<!\w)(?:goal of|aims? to|plans? to|planning to|intends? to|wants? to|target of|up to|"
                   r"план\w*|має намір|мають намір|збирається|збираються|мета|"
                   r"намерен\w*|собира\w+ся|цель|"
                   r"will be|will have|would be|буде|будуть|будет|будут|"
                   # a population is no tally either ("a republic of under a million people")
                   r"населенн\w*|населени\w*|population)(?!\w)", re.IGNORECASE)
_PLAN_SCREEN = Screened(_PLAN)


# "це вже 42-й випадок", "this is the 20th such case", "уже 15-й случай": the running count of a tally
_ORDINAL_CASE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,6})\s*-?\s*(?:й|ий|ій|ой|ый|th|st|nd|rd)\s+(?:such\s+|подібн\w*\s+|аналогічн\w*\s+|"
    r"подобн\w*\s+|такий\s+|такой\s+)?(?:випадок|случай|case|incident)(?!\w)", re.IGNORECASE)
# the figure counts cases itself ("21 cases of death", "42-й випадок")
_CASES_AFTER = re.compile(r"\W*(?:[\w'’-]+\s+)?(?:cases?|incidents?|випадк\w*|випадок|случа\w*|справ\w*|дел\b|"
                          r"проваджен\w*|производств\w*)", re.IGNORECASE)


_DEATH_CASES = re.compile(r"\W*(?:of\s+)?(?:[\w'’-]+\s+){0,2}?(?:загибел|смерт|гибел|death|drown|утоплен|утоп)",
                          re.IGNORECASE)


def ordinal_cases(sentence: str) -> list[NumberMention]:
    """The running counts told as ordinals ("the 20th such case"), as figures."""
    return [NumberMention(start=m.start(), end=m.end("n"), surface=m.group(), value=int(m.group("n")), vague=False,
                          is_age=False) for m in _ORDINAL_CASE.finditer(sentence)]


def figures(numbers: list[NumberMention], least: int = 10) -> list[NumberMention]:
    # vague quantities ("dozens") are not measured figures
    return [n for n in numbers if not n.is_age and not n.vague and n.value >= least]


def find_statistic(sentence: str, numbers: list[NumberMention], long_span: bool = False) -> StatisticCue | None:
    """The statistic a sentence states, if it states one.

    ``long_span``: the sentence is dated by a span longer than a week ("from 1 to 20 September").
    """
    if _PLAN_SCREEN.search(sentence):
        return None
    ranges = [m.span() for m in _VALUE_RANGE.finditer(sentence)]
    found = [n for n in figures(numbers + ordinal_cases(sentence)) if not any(a <= n.start < b for a, b in ranges)]
    if not found:
        return None
    counting = _COUNTING_SCREEN.search(sentence)
    period = _PERIOD_SCREEN.search(sentence)
    bounded = [n for n in found if _bounded(sentence, n)]
    if not counting and not period and not long_span and not bounded:
        return None
    lowered = sentence.lower()
    anchor = counting.start() if counting else period.start() if period else bounded[0].start if bounded \
        else found[0].start
    figure = min(found, key=lambda n: abs(n.start - anchor))
    metric = _noun_metric(lowered, figure) or next(
        (name for name, pattern in METRICS if re.search(pattern, lowered)), None)
    if metric is None and (figure.value >= BOUNDED_LEAST or counting) and _PEOPLE.match(lowered[figure.end:]):
        metric = "people"   # a count of people over a period, for an act no metric names
    if metric is None:
        return None
    return StatisticCue(metric=metric, number=figure)


def _bounded(sentence: str, n: NumberMention) -> bool:
    """The figure is a large estimate ("more than 13,000", "майже 5 тисяч")."""
    return n.value >= BOUNDED_LEAST and bool(_BOUND.search(sentence[max(0, n.start - 24):n.start])
                                             or _BOUND_START.match(n.surface))


_SINCE_START = re.compile(r"(?<!\w)(?:(?:з|від|із) початку|(?:с|от) начала|since the (?:start|beginning)|"
                          r"from the (?:start|beginning)|since (?:24 )?february(?: 24)?,? 2022)", re.IGNORECASE)


def _noun_metric(lowered: str, figure: NumberMention) -> str | None:
    cases = _CASES_AFTER.match(lowered, figure.end)
    if cases is not None and _DEATH_CASES.match(lowered, cases.end()):
        return "deaths"   # "42-й випадок загибелі", "21 cases of human death"
    after = lowered[figure.end:figure.end + 30]
    head = re.match(r"\W*(?:[\w'’-]+\s+){0,1}[\w'’-]+", after)
    if head is None:
        return None
    return next((name for name, pattern in _NOUN_METRICS if re.search(pattern, head.group())), None)


def covers_period(sentence: str, long_span: bool = False) -> bool:
    """The sentence counts over a period ("since the start of the invasion", "за місяць")."""
    return long_span or bool(_PERIOD_SCREEN.search(sentence))


def has_tally_words(sentence: str) -> bool:
    """A cheap first test: a counting noun or a period phrase."""
    return bool(_COUNTING_SCREEN.search(sentence) or _PERIOD_SCREEN.search(sentence))


def is_aggregate(sentence: str, cue: StatisticCue, long_span: bool = False) -> bool:
    """A sentence that reads like an incident ("border guards detained 1,870 people") is a
    statistic when the total is large, covers a period, and names no single operation."""
    if _EVENT_NOUN.search(sentence):
        return False
    if cue.number.value < 100:
        # a small running count over a period: of cases ("since the start of the war, the 21st case"),
        # or of anything since a start ("since the beginning of the war … the bodies of 35 people")
        return (covers_period(sentence, long_span) and bool(_CASES_AFTER.match(sentence[cue.number.end:]))) \
            or bool(_SINCE_START.search(sentence))
    return long_span or bool(_PERIOD_SCREEN.search(sentence)) or bool(_COUNTING_SCREEN.search(sentence)) \
        or _bounded(sentence, cue.number)


def continued_statistic(numbers: list[NumberMention], metric: str) -> StatisticCue | None:
    """"In September there were 17,500": a figure for another period of the metric just given."""
    found = figures(numbers)
    return StatisticCue(metric=metric, number=found[0]) if len(found) == 1 else None
