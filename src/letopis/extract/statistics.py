"""Aggregate figures ("about 19,000 SZCh cases in October") as statistic records.

A sentence states a statistic when it carries a figure that counts cases
rather than people in one event: a number joined to a counting noun
("cases", "випадків", "справ", "дел", "протоколів") or to a period phrase
("since the start of the year", "за місяць"), with a metric named nearby.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letopis.extract.numbers import NumberMention

_COUNTING = re.compile(
    r"(?<!\w)(?:випад\w*|справ\w*|проваджен\w*|протокол\w*|рішен\w*|вирок\w*|фактів|звернен\w*|скарг\w*|"
    r"случа\w*|дел\b|дела\b|уголовн\w* дел|протокол\w*|приговор\w*|обращени\w*|жалоб\w*|"
    r"cases|proceedings|complaints|reports of|incidents|records|sentences|convictions|total|"
    r"in total|altogether|загалом|всього|усього|всего|в общей сложности|в целом)(?!\w)",
    re.IGNORECASE,
)

_PERIOD = re.compile(
    r"(?<!\w)(?:з початку (?:року|року|війни|вторгнення|повномасштабного)|за (?:минулий |останній )?"
    r"(?:місяць|тиждень|рік|квартал|півріччя)|щомісяця|щодня|на добу|за добу|"
    r"с начала (?:года|войны|вторжения)|за (?:прошлый |последний )?(?:месяц|неделю|год|квартал|полугодие)|"
    r"ежемесячно|в месяц|в сутки|за сутки|"
    r"since the (?:start|beginning) of|per (?:month|day|week|year)|a month|each month|"
    r"in the first (?:half|quarter|nine months)|over the (?:past|last) (?:month|year|week)|so far this year)",
    re.IGNORECASE,
)

METRICS: tuple[tuple[str, str], ...] = (
    ("szch_cases", r"сзч|\bсоч\b|szch|самовільн\w* залиш|самовольн\w* остав|awol|unauthori[sz]ed absence"),
    ("desertion_cases", r"дезерт|desert"),
    ("convictions", r"засуджен|засудил|вирок|осужд|приговор|convict|sentenc"),
    ("criminal_cases", r"кримінальн|уголовн|criminal|проваджен"),
    ("border_crossings", r"перетин\w* кордон|перетнут|переправ|кордон|границ|border"),
    ("fines", r"штраф|адміністративн\w* протокол|fine[sd]?\b"),
    ("detentions", r"затриман|задержан|detain|detention|arrest"),
    ("deaths", r"загинул|загибел|помер|погиб|умер|смерт|died|deaths|killed"),
    ("summonses", r"повістк|повестк|summons"),
    ("complaints", r"скарг|жалоб|звернен|обращени|complaint"),
)


@dataclass(frozen=True)
class StatisticCue:
    metric: str
    number: NumberMention


def find_statistic(sentence: str, numbers: list[NumberMention]) -> StatisticCue | None:
    """The statistic a sentence states, if it states one."""
    figures = [n for n in numbers if not n.is_age and n.value >= 10]
    if not figures:
        return None
    counting = _COUNTING.search(sentence)
    period = _PERIOD.search(sentence)
    if not counting and not period:
        return None
    lowered = sentence.lower()
    metric = next((name for name, pattern in METRICS if re.search(pattern, lowered)), None)
    if metric is None:
        return None
    anchor = counting.start() if counting else period.start()  # type: ignore[union-attr]
    figure = min(figures, key=lambda n: abs(n.start - anchor))
    return StatisticCue(metric=metric, number=figure)
