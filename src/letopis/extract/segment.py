"""Cutting a report into incident passages.

A report is read as a sequence of *units* (sentences, or clauses when a
sentence holds two incidents). A unit with an event trigger starts a passage
unless it continues the one before (no date or place of its own, and a
compatible event, or an anaphoric start such as "he", "його", "их"). Units
without a trigger that carry the same incident's consequences or place are
attached to the open passage of their paragraph; the rest (history, opinion,
commentary) are skipped. Short trigger-less units that carry only a date or a
place ("18 жовтня:", "Kharkiv region:") set the context for the passages that
follow them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from letopis.extract.cues import find_cues, is_generic, is_opinion
from letopis.extract.dates import DateMention, find_dates
from letopis.extract.events import classify, has_trigger
from letopis.extract.language import detect_paragraph_language
from letopis.extract.numbers import NumberMention, find_numbers
from letopis.extract.sentences import Span, paragraphs, sentences
from letopis.extract.statistics import StatisticCue, find_statistic
from letopis.gazetteer import PlaceMention

_CLAUSE_SPLIT = re.compile(r";\s+|\s[–—]\s+(?=[а-яіїєґa-z])|,\s+(?=(?:а|and|while|тоді як|в то время как)\s)")
_ANAPHORA = re.compile(
    r"^\W*(?:he|she|they|his|her|their|the (?:man|woman|men|detainee|victim|suspect|officer|attacker)|"
    r"він|вона|вони|його|її|їх|йому|чоловік|затриманий|потерпілий|нападник|"
    r"он|она|они|его|ее|её|их|ему|мужчина|задержанный|потерпевший|нападавший|"
    r"later|afterwards|then|пізніше|згодом|потім|позже|затем|впоследствии)\b",
    re.IGNORECASE,
)
_CONSEQUENCE_ONLY = {"death", "injury", "detain"}


@dataclass
class Unit:
    start: int
    end: int
    text: str
    paragraph: int
    paragraph_start: int
    lang: str
    cues: dict[str, list[tuple[int, int]]]
    dates: list[DateMention]  # offsets relative to the unit
    numbers: list[NumberMention]  # offsets relative to the unit
    places: list[PlaceMention]  # offsets absolute
    event_type: str | None = None
    statistic: StatisticCue | None = None


@dataclass
class Passage:
    units: list[Unit]
    event_type: str | None
    context_date: DateMention | None = None
    context_date_unit: Unit | None = None
    context_places: list[PlaceMention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end

    @property
    def paragraph(self) -> int:
        return self.units[0].paragraph

    @property
    def paragraph_start(self) -> int:
        return self.units[0].paragraph_start


def build_units(text: str, doc_lang: str, places: list[PlaceMention]) -> list[Unit]:
    units: list[Unit] = []
    for index, paragraph in enumerate(paragraphs(text)):
        lang = detect_paragraph_language(paragraph.text, doc_lang)
        for sentence in sentences(text, paragraph):
            for piece in _split_clauses(text, sentence):
                units.append(_unit(text, piece, index, paragraph.start, lang, places))
    return units


def _split_clauses(text: str, sentence: Span) -> list[Span]:
    """Split a sentence at clause boundaries when each side reports its own event."""
    cuts = [m for m in _CLAUSE_SPLIT.finditer(sentence.text)]
    if not cuts:
        return [sentence]
    pieces: list[Span] = []
    begin = 0
    for m in cuts:
        left = sentence.text[begin:m.start()]
        right = sentence.text[m.end():]
        if has_trigger(find_cues(left)) and has_trigger(find_cues(right)):
            pieces.append(Span(sentence.start + begin, sentence.start + m.start(), left))
            begin = m.end()
    pieces.append(Span(sentence.start + begin, sentence.end, sentence.text[begin:]))
    return [p for p in pieces if p.text.strip()]


def _unit(text: str, span: Span, paragraph: int, paragraph_start: int, lang: str,
          places: list[PlaceMention]) -> Unit:
    body = text[span.start:span.end]
    cues = find_cues(body)
    numbers = find_numbers(body, lang)
    unit = Unit(
        start=span.start, end=span.end, text=body, paragraph=paragraph, paragraph_start=paragraph_start,
        lang=lang, cues=cues,
        dates=find_dates(body, lang), numbers=numbers,
        places=[p for p in places if p.start >= span.start and p.end <= span.end],
    )
    unit.statistic = find_statistic(body, numbers)
    if has_trigger(cues) and not is_opinion(body) and not _is_generic_statement(unit) \
            and not _is_headline(unit):
        unit.event_type = classify(cues, cues)
    return unit


def _is_headline(unit: Unit) -> bool:
    """A title or heading: short, and no sentence-final punctuation."""
    body = unit.text.strip().rstrip("\"»”'’)")
    return len(body) <= 90 and not body.endswith((".", "!", "?", "…", ";"))


def _same_day_only(unit: Unit) -> bool:
    """The unit's only dates restate the open passage's date ("the same day", "того ж дня")."""
    return all(d.kind == "same" for d in unit.dates)


def _is_generic_statement(unit: Unit) -> bool:
    """Generic sentences ("recruiters often detain men") report no dated event."""
    return is_generic(unit.text) and not unit.dates


def segment(units: list[Unit]) -> list[Passage]:
    passages: list[Passage] = []
    current: Passage | None = None
    context_date: tuple[DateMention, Unit] | None = None
    context_places: list[PlaceMention] = []
    paragraph = -1
    for unit in units:
        if unit.paragraph != paragraph:
            paragraph, current = unit.paragraph, None
        if unit.statistic is not None and unit.event_type in (None, "desertion", "legal_action"):
            passages.append(Passage([unit], "statistic"))
            continue
        if unit.event_type is None:
            if _is_header(unit):
                if unit.dates:
                    context_date = (unit.dates[0], unit)
                if unit.places:
                    context_places = unit.places
            elif current is not None and _attaches(unit):
                current.units.append(unit)
            continue
        if current is not None and _continues(current, unit):
            current.units.append(unit)
            continue
        current = Passage([unit], unit.event_type)
        if context_date is not None:
            current.context_date, current.context_date_unit = context_date
        current.context_places = context_places
        passages.append(current)
    return passages


def _is_header(unit: Unit) -> bool:
    return len(unit.text) <= 60 and bool(unit.dates or unit.places)


def _attaches(unit: Unit) -> bool:
    if unit.dates and not _same_day_only(unit):
        return False
    return bool(_ANAPHORA.match(unit.text)) or bool(unit.cues.keys() & _CONSEQUENCE_ONLY)


def _continues(current: Passage, unit: Unit) -> bool:
    if unit.dates and not _same_day_only(unit):
        return False
    own_settlements = [p for p in unit.places if p.level == "settlement" and not p.in_org]
    if own_settlements and not _ANAPHORA.match(unit.text):
        seen = {p.surface.lower()[:5] for u in current.units for p in u.places}
        if any(p.surface.lower()[:5] not in seen for p in own_settlements):
            return False
    if _ANAPHORA.match(unit.text):
        return True
    if unit.event_type == current.event_type:
        return True
    return set(unit.cues) & {"attack", "resist", "protest", "desert", "censorship", "labor",
                             "border", "abuse", "legal"} == set()
