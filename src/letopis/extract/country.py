"""The country a national figure covers, when its sentence names no place.

docs/records.md: a statistic's location is the area the figure covers, often a
country. A sentence such as "About 19,000 SZCh cases were registered in
October" names none; the country is read, in this order, from a national
adjective or an institution in the sentence ("Russian military courts",
"УК РФ"), from the places the report names, and from the report's terms
(ТЦК/TCC/СЗЧ are Ukrainian institutions, военкомат/СОЧ Russian usage).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from letopis.gazetteer import PlaceMention

_MARKERS = {
    "UA": re.compile(
        r"(?<!\w)(?:ukrain\w*|україн\w*|украин\w*|тцк|tcc|trc|сзч|szch|зсу|дпсу|дбр|sbu|сбу|ккУ|"
        r"офіс\w* генпрокурора|офис\w* генпрокурора|prosecutor general's office|"
        r"state border guard service|гривен\w*|гривн\w*|hryvni\w*)(?!\w)", re.IGNORECASE),
    "RU": re.compile(
        r"(?<!\w)(?:russia\w*|росі\w*|російськ\w*|росси\w*|российск\w*|рф|военкомат\w*|соч|ук рф|"
        r"voenkomat\w*|рубл\w*|roubles?|rubles?|фсб|fsb|роскомнадзор)(?!\w)", re.IGNORECASE),
}


def _vote(text: str) -> str | None:
    counts = {code: len(pattern.findall(text)) for code, pattern in _MARKERS.items()}
    best = max(counts, key=lambda c: counts[c])
    ordered = sorted(counts.values(), reverse=True)
    return best if ordered[0] > ordered[1] else None


@lru_cache(maxsize=64)
def terms_country(text: str) -> str | None:
    """The country a whole report's own terms point to (ТЦК and hryvnias or военкомат and roubles), or None
    when they are even."""
    return _vote(text)


def report_country(sentence: str, text: str, mentions: Sequence[PlaceMention]) -> str | None:
    """ISO code of the country a sentence's figure most likely covers, or None."""
    found = _vote(sentence)
    if found:
        return found
    places = Counter(m.candidates[0].country for m in mentions if m.candidates)
    if places:
        (top, n), *rest = places.most_common(2)
        if not rest or n > rest[0][1]:
            return top
    return terms_country(text)


# A state's own institutions (not its name alone): who acts in a court, registry or block story.
_INSTITUTIONS = {
    "UA": re.compile(
        r"(?<!\w)(?:тцк|tcc|trc|сбу|sbu|дбр|дпсу|нацполіці\w*|національн\w* поліці\w*|national police of ukraine|"
        r"ukrainian (?:court|authorities|police|border guards?|prosecutors?)|українськ\w* суд\w*|кк україни|"
        r"кримінальн\w* кодекс\w* україни|офіс\w* генпрокурора|верховн\w* рад\w*|verkhovna rada)(?!\w)",
        re.IGNORECASE),
    "RU": re.compile(
        r"(?<!\w)(?:роскомнадзор\w*|roskomnadzor|минюст\w*|министерств\w* юстиции|(?:russian )?justice ministry|"
        r"ministry of justice|russian (?:court|military court|authorities|police|prosecutors?|investigators|"
        r"security service|government)|российск\w* суд\w*|суд\w* рф|ук рф|коап рф|уголовн\w* кодекс\w* рф|"
        r"фсб|fsb|военкомат\w*|voenkomat\w*|госдум\w*|state duma|росгварди\w*|rosgvardia|"
        r"следственн\w* комитет\w*|investigative committee|мосгорсуд\w*|moscow city court|генпрокуратур\w* рф|"
        r"прокуратур\w* рф)(?!\w)", re.IGNORECASE),
}


def institution_country(text: str) -> str | None:
    """The country whose institutions ``text`` names (Роскомнадзор, "a Russian court", ТЦК, СБУ), or None
    when it names none or both evenly. A country's name alone does not count: the war names Ukraine in
    every Russian censorship story."""
    counts = {code: len(pattern.findall(text)) for code, pattern in _INSTITUTIONS.items()}
    best = max(counts, key=lambda c: counts[c])
    ordered = sorted(counts.values(), reverse=True)
    return best if ordered[0] > ordered[1] else None
