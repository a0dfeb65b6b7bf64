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
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from letopis.extract.cues import (
    find_cues, is_attribution, is_call_to_action, is_case_history, is_denial, is_generic, is_legislation, is_opinion, is_penalty,
    is_statement, is_trend,
)
from letopis.extract.dates import DateMention, find_dates
from letopis.extract.events import classify, has_trigger
from letopis.extract.language import detect_paragraph_language
from letopis.extract.numbers import NumberMention, find_numbers
from letopis.extract.sentences import Span, is_furniture_line, paragraphs, sentences
from letopis.extract.statistics import (
    StatisticCue, continued_statistic, covers_period, figures, find_statistic, has_tally_words, is_aggregate,
)
from letopis.gazetteer import PlaceMention

_CLAUSE_SPLIT = re.compile(r";\s+|\s[–—]\s+(?=[а-яіїєґa-z])|,\s+(?=(?:а|and|while|тоді як|в то время как)\s)")
_ANAPHORA = re.compile(
    r"^\W*(?:he|she|they|his|her|their|him|them|"
    r"the (?:man|woman|men|detainee|victim|suspect|officer|attacker|assailant|gunman|shooter|driver)|"
    r"він|вона|вони|його|її|їх|йому|їй|їм|чоловік|затриманий|потерпілий|нападник\w*|стрільц\w*|підозрюван\w*|"
    r"он|она|они|его|ее|её|их|ему|ей|им|мужчина|задержанный|потерпевший|нападавш\w*|стрел[ок]\w*|подозреваем\w*|"
    # a part of the people just named ("Two of them", "Двоих из них", "Семерым из них")
    r"(?:[\w'’-]+\s+){1,2}(?:of them|з них|із них|из них)|"
    r"(?:together|along) with (?:him|her|them)|разом (?:з|із) (?:ним|нею|ними)|вместе с (?:ним|ней|ними)|"
    r"later|afterwards|then|пізніше|згодом|потім|позже|затем|впоследствии|"
    # a pronoun after a preposition ("У нього струс мозку", "у него сломаны рёбра", "with him")
    r"(?:у|в|до|від|з|із|на|при|к|от|с|со|для|with|for|to|from)\s+(?:нього|неї|них|него|нее|неё|ним|ней|нему|"
    r"him|her|them)|"
    # the person already introduced, in any case ("Чоловіка зупинили", "Мужчину задержали")
    r"чоловік\w*|затриман\w*|потерпіл\w*|мужчин\w*|задержанн\w*|потерпевш\w*)\b",
    re.IGNORECASE,
)
_CONSEQUENCE_ONLY = {"death", "injury", "detain"}
# Cue families that state the event itself; the rest are its consequences or context.
_PRIMARY = {"attack", "resist", "protest", "desert", "censorship", "labor", "border", "abuse",
            "mobilize", "summons", "check"}
# "another", "ще один", "ещё один": the writer marks a new incident of the same kind.
_ANOTHER = re.compile(
    r"(?<!\w)(?:another|one more|a second|a further|ще (?:один|одн\w*|двох|трьох|кількох)|"
    r"ещё (?:один|одн\w*|двоих|троих|нескольк\w*)|еще (?:один|одн\w*|двоих|троих))(?!\w)",
    re.IGNORECASE,
)
# "The same day", "того ж дня", "в тот же день": the writer dates a second event by the first one;
# a sentence that names the people already introduced ("the same day police detained him") is a
# step of the first event instead.
_SAME_DAY_NEW = re.compile(
    r"(?<!\w)(?:(?:on )?the same day|that same day|того ж (?:дня|дня ж)|в той же день|тоді ж|"
    r"в тот же день|тогда же)(?!\w)", re.IGNORECASE)
# Relative clauses ("чоловіка, який 11 травня …") may carry an earlier, separately dated event.
_RELATIVE = re.compile(r",\s+(?=(?:який|яка|які|якого|яких|которы\w*|котор\w*|who|which)\s)")
# "Police released her", "їх відпустили": an object pronoun early in the sentence refers back.
_REFERS_BACK = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}?(?P<who>him|her|them|його|її|їх|его|её|ее|их|"
    # the attacker already introduced, as the object ("Police detained the gunman")
    r"the (?:gunman|shooter|attacker|assailant|suspect)|нападника|стрільця|підозрюваного|"
    r"нападавшего|стрелка|подозреваемого)(?!\w)", re.IGNORECASE)
# The people of the incident named again anywhere in a sentence.
_BACK_NAMED = re.compile(
    r"(?<!\w)(?:the (?:suspect|attacker|assailant|gunman|shooter|detainee)|him|them|"
    r"підозрюван\w*|нападник\w*|його|їх|подозреваем\w*|нападавш\w*|его|их)(?!\w)", re.IGNORECASE)
# Sentences that restate where the previous incident happened ("там само", "there").
PLACE_ANAPHORA = re.compile(
    r"(?<!\w)(?:там само|там же|у тому ж місці|в том же месте|at the same (?:place|spot)|in the same place)(?!\w)",
    re.IGNORECASE,
)


@dataclass
class Unit:
    start: int
    end: int
    text: str
    paragraph: int
    paragraph_start: int
    lang: str
    whole_paragraph: bool
    cues: dict[str, list[tuple[int, int]]]
    dates: list[DateMention]  # offsets relative to the unit
    numbers: list[NumberMention]  # offsets relative to the unit
    places: list[PlaceMention]  # offsets absolute
    event_type: str | None = None
    statistic: StatisticCue | None = None
    long_span: bool = False


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
    starts = [p.start for p in places]   # places come in text order: each sentence takes its slice

    def within(span: Span) -> list[PlaceMention]:
        return [p for p in places[bisect_left(starts, span.start):bisect_left(starts, span.end)]
                if p.end <= span.end]

    for index, paragraph in enumerate(paragraphs(text)):
        lang = detect_paragraph_language(paragraph.text, doc_lang)
        for sentence in sentences(text, paragraph):
            own = within(sentence)
            for piece in _split_series(_split_clauses(text, sentence, lang, own), lang):
                whole = (piece.start, piece.end) == (paragraph.start, paragraph.end)
                units.append(_unit(text, piece, index, paragraph.start, lang, own, whole))
    return units


def _split_clauses(text: str, sentence: Span, lang: str, places: list[PlaceMention]) -> list[Span]:
    """Split a sentence at clause boundaries when each side reports its own event.

    The second clause must carry its own date or place ("…; the same day in Odesa …"):
    "…; no one was hurt" or "… three women — wives of soldiers who came with placards"
    tell the same incident. A relative clause is cut off only when it carries its own
    explicit date: "the court remanded the man who on 11 May stabbed an officer" tells
    two dated events.
    """
    cuts = [(m, False) for m in _CLAUSE_SPLIT.finditer(sentence.text)]
    cuts += [(m, True) for m in _RELATIVE.finditer(sentence.text)]
    if not cuts:
        return [sentence]
    cuts.sort(key=lambda c: c[0].start())
    pieces: list[Span] = []
    begin = 0
    for m, relative in cuts:
        if m.start() < begin:
            continue
        left = sentence.text[begin:m.start()]
        right = sentence.text[m.end():]
        # the cheap tests first: a clause of its own needs its own date or place
        if relative and not _own_explicit_date(right, lang):
            continue
        if not relative and not _own_setting(right, sentence.start + m.end(), sentence.end, lang, places):
            continue
        if not (has_trigger(find_cues(left)) and has_trigger(find_cues(right))):
            continue
        pieces.append(Span(sentence.start + begin, sentence.start + m.start(), left))
        begin = m.end()
    pieces.append(Span(sentence.start + begin, sentence.end, sentence.text[begin:]))
    return [p for p in pieces if p.text.strip()]


_SERIES_CUT = re.compile(r",\s+|\s[–—]\s+|;\s+|\s+(?:and|while|whereas|і|й|та|и|а)\s+", re.IGNORECASE)


def _split_series(pieces: list[Span], lang: str) -> list[Span]:
    """"19,000 cases in October, compared with 17,500 in September": one figure per period."""
    out: list[Span] = []
    for piece in pieces:
        out.extend(_split_figures(piece, lang))
    return out


def _split_figures(piece: Span, lang: str) -> list[Span]:
    if not has_tally_words(piece.text):
        return [piece]
    numbers = find_numbers(piece.text, lang)
    if len(figures(numbers)) < 2 or find_statistic(piece.text, numbers) is None:
        return [piece]
    for m in _SERIES_CUT.finditer(piece.text):
        left, right = piece.text[:m.start()], piece.text[m.end():]
        if _figure_and_date(left, lang) and _figure_and_date(right, lang):
            # "6,988 cases in 2022 and 18,628 in 2023, while 110,511 in 2025": every period its figure
            return [Span(piece.start, piece.start + m.start(), left),
                    *_split_figures(Span(piece.start + m.end(), piece.end, right), lang)]
    return [piece]


def _figure_and_date(clause: str, lang: str) -> bool:
    return bool(figures(find_numbers(clause, lang))) and any(
        d.kind in ("month", "range", "year", "season") for d in find_dates(clause, lang))


def _own_setting(clause: str, start: int, end: int, lang: str, places: list[PlaceMention]) -> bool:
    if _ANOTHER.search(clause) or any(start <= p.start and p.end <= end and not p.in_org for p in places):
        return True
    return bool(find_dates(clause, lang))


def _own_explicit_date(clause: str, lang: str) -> bool:
    head = re.split(r"[,;]", clause, maxsplit=1)[0]
    if not any(c.isdigit() for c in head):
        return False  # explicit days are written with digits
    return any(d.kind in ("day", "range") for d in find_dates(head, lang))


def _unit(text: str, span: Span, paragraph: int, paragraph_start: int, lang: str,
          places: list[PlaceMention], whole_paragraph: bool) -> Unit:
    body = text[span.start:span.end]
    if is_furniture_line(body):
        # a byline's or caption's date is the publication's, not the event's; its place may
        # still set the scene ("Вінниця, 22 серпня 2025 22:23")
        return Unit(start=span.start, end=span.end, text=body, paragraph=paragraph, paragraph_start=paragraph_start,
                    lang=lang, cues={}, whole_paragraph=whole_paragraph, dates=[], numbers=[],
                    places=[p for p in places if p.start >= span.start and p.end <= span.end])
    own_places = [p for p in places if p.start >= span.start and p.end <= span.end]
    cues = _outside_names(find_cues(body), own_places, span.start, body)
    numbers = find_numbers(body, lang)
    unit = Unit(
        start=span.start, end=span.end, text=body, paragraph=paragraph, paragraph_start=paragraph_start,
        lang=lang, cues=cues, whole_paragraph=whole_paragraph,
        dates=find_dates(body, lang), numbers=numbers,
        places=[p for p in places if p.start >= span.start and p.end <= span.end],
    )
    unit.long_span = _long_span(unit.dates)
    unit.statistic = None if is_legislation(body) or _RELATED_LINK.match(body) \
        else find_statistic(body, numbers, unit.long_span)
    if has_trigger(cues) and not is_opinion(body) and not _is_generic_statement(unit) \
            and not _is_headline(unit) and not is_call_to_action(body) and not is_denial(body) \
            and not is_attribution(body) and not _undated_case_history(unit):
        unit.event_type = classify(cues, cues)
    return unit


def _outside_names(cues: dict[str, list[tuple[int, int]]], places: list[PlaceMention], offset: int,
                   body: str) -> dict[str, list[tuple[int, int]]]:
    """Cue stems found inside a capitalised place name are no cue: "Хабаровске" holds "хабар" (a
    bribe), "Судак" a court's stem."""
    names = [(p.start - offset, p.end - offset) for p in places if body[p.start - offset:p.start - offset + 1].isupper()]
    if not names:
        return cues
    out: dict[str, list[tuple[int, int]]] = {}
    for family, spans in cues.items():
        kept = [(a, b) for a, b in spans if not any(lo <= a and b <= hi for lo, hi in names)]
        if kept:
            out[family] = kept
    return out


# The cue families whose acts a count of people may tally (a figure of "people" with none of them
# counts something outside our scope).
_TALLY_SCOPE = frozenset({"recruitment", "border", "crossing", "desert", "evasion", "mobilize", "summons", "detain",
                          "protest", "censorship", "legal", "verdict", "wartime_offence", "attack", "abuse",
                          "court", "prosecutors", "security_service"})


def _undated_case_history(unit: Unit) -> bool:
    """What the case file says happened, with no date of its own: background of the court news
    (an act the case file dates — "in the summer of 2024 the soldier walked away from his unit" —
    is an incident of its own)."""
    return is_case_history(unit.text) and not unit.dates


def _long_span(dates: list[DateMention]) -> bool:
    """A date range longer than a week ("з 1 по 20 вересня"), or a sentence dated only by whole
    months, years or seasons ("за липень 2026 року", "in 2025", "за січень–липень"): the span of a
    tally, not of one event."""
    if dates and all(d.kind in ("month", "year", "season") or (d.kind == "range" and d.day is None)
                     for d in dates):
        return True
    for d in dates:
        if d.kind == "range" and d.day is not None and d.day_end is not None:
            months = (d.month_end or d.month or 0) - (d.month or 0)
            if months * 30 + d.day_end - d.day > 7:
                return True
    return False


def _is_headline(unit: Unit) -> bool:
    """A title or heading: a short paragraph of its own with no sentence-final punctuation."""
    body = unit.text.strip().rstrip("\"»”'’)")
    if _RELATED_LINK.match(body):
        return True   # "Read more: …", "Читайте також: …": another story's title
    return unit.whole_paragraph and len(body) <= HEADLINE_MAX and not body.endswith((".", "!", "?", "…", ";"))


HEADLINE_MAX = 90
_RELATED_LINK = re.compile(
    r"^\W*(?:read (?:more|also)|see also|related|more on this|читайте (?:також|также|більше|еще|ещё)|"
    r"дивіться також|смотрите также|по теме|на тему|також читайте|также читайте|читати також)\b",
    re.IGNORECASE)


def _same_day_only(unit: Unit) -> bool:
    """The unit's only dates restate the open passage's date ("the same day", "того ж дня")."""
    return all(d.kind == "same" for d in unit.dates)


def _is_generic_statement(unit: Unit) -> bool:
    """Sentences that report no event: generic ("recruiters often detain men"), a trend
    ("have become more frequent since 2022, police said on Sunday"), background dated only
    from an open start ("с 2022 года большинство мужчин приходят сами"), or what the law
    provides ("за це загрожує штраф", "faces up to nine years") outside a court decision."""
    if is_trend(unit.text) or is_legislation(unit.text) or is_statement(unit.text):
        return True
    if unit.dates and all(_SINCE.match(d.surface) and d.kind in ("year", "season", "month") for d in unit.dates):
        return True
    if is_penalty(unit.text) and "court" not in unit.cues and not _SENTENCED.search(unit.text):
        return True
    return is_generic(unit.text) and not unit.dates


# "since 2022", "з 2022 року", "с 2022 года", "starting from spring": a span open to now
_SINCE = re.compile(r"(?:since|starting (?:from|in)|з|із|від|починаючи з|с|со|начиная с)\s", re.IGNORECASE)
# a verdict told with the penalty ("засудили до п'яти років, хоча стаття передбачає до восьми")
_SENTENCED = re.compile(r"(?<!\w)(?:засуд\w*|присуд\w*|приговор\w*|осуд\w*|sentenced|convicted|jailed)(?!\w)",
                        re.IGNORECASE)


def segment(units: list[Unit]) -> list[Passage]:
    passages: list[Passage] = []
    current: Passage | None = None   # open passage of this paragraph
    last: Passage | None = None      # last incident passage of the report
    context_date: tuple[DateMention, Unit] | None = None
    context_places: list[PlaceMention] = []
    paragraph = -1
    opening: tuple[DateMention, Unit] | None = None  # the first explicit date of this paragraph
    setting: tuple[DateMention, Unit] | None = None   # a dated sentence telling no event, just before
    for unit in units:
        explicit_day = [d for d in unit.dates if d.kind == "day"]
        scene = setting   # what dates this unit if it opens an incident
        if unit.event_type is not None or unit.statistic is not None:
            setting = None
        elif explicit_day and not unit.long_span and not _is_header(unit) and _SENTENCE.search(unit.text):
            setting = (explicit_day[-1], unit)
        if unit.statistic is not None and unit.statistic.metric == "people" and not _TALLY_SCOPE & unit.cues.keys():
            unit.statistic = None   # people counted for an act none of our cues names (freed, evacuated, lost)
        if unit.paragraph != paragraph:
            paragraph, current, opening = unit.paragraph, None, None
        if opening is None and unit.statistic is None and not unit.long_span:
            explicit = [d for d in unit.dates if d.kind in ("day", "range", "weekday")]
            if explicit:
                opening = (explicit[0], unit)
        if unit.statistic is None and unit.event_type is None and passages \
                and passages[-1].event_type == "statistic" and _dated_by_period(unit):
            # "у вересні їх було 17,5 тисячі": another period of the metric just given
            unit.statistic = continued_statistic(unit.numbers, passages[-1].units[0].statistic.metric)
        if unit.statistic is not None and unit.statistic.metric in _GENERIC_METRICS and passages \
                and passages[-1].event_type == "statistic" and passages[-1].paragraph == unit.paragraph \
                and _dated_by_period(unit) and passages[-1].units[0].statistic is not None \
                and passages[-1].units[0].statistic.metric not in _GENERIC_METRICS:
            # "у 2023 році зареєстровано 17 658 справ за СЗЧ, у 2024-му – 67 840 проваджень": the series'
            # next period counts what its first figure counted
            unit.statistic = replace(unit.statistic, metric=passages[-1].units[0].statistic.metric)
        if unit.statistic is not None:
            # a large figure over a period that names no single operation is a tally; for the
            # types that tell one event it takes a period ("272 напади на військовослужбовців ТЦК
            # з початку вторгнення"), not a counting noun alone ("150 рабочих … с жалобой")
            tally_type = unit.event_type in (None, "desertion", "legal_action", "border_incident",
                                             "mobilization_detention") or covers_period(unit.text, unit.long_span)
            if unit.event_type is None or (tally_type and is_aggregate(unit.text, unit.statistic, unit.long_span)):
                passages.append(Passage([unit], "statistic", context_places=context_places))
                continue
        open_passage = current or (last if _follows_up(unit) or _same_decision(last, passages, unit)
                                   or (last is not None and _dates_the_last(last, unit))
                                   else None)
        if unit.event_type is None:
            if _is_header(unit) and (unit.start == unit.paragraph_start or open_passage is None):
                if unit.dates:
                    context_date = (unit.dates[0], unit)
                if unit.places:
                    context_places = unit.places
            elif len(unit.text) <= 25 and not unit.cues:
                context_places = []  # a header with no place ("Figures.", "Цифри.") ends the last one
            elif open_passage is not None and _attaches(open_passage, unit):
                _join(open_passage, unit)
            continue
        if open_passage is not None and _continues(open_passage, unit):
            _join(open_passage, unit)
            continue
        current = Passage([unit], unit.event_type)
        if scene is not None and not unit.dates and scene[1].paragraph >= unit.paragraph - 1 and (
                opening is None or opening[1].start + opening[0].start < scene[1].start + scene[0].start) \
                and unit.event_type not in _STEP_TYPES:
            # "They arrived in Rakhiv on December 22." ¶ "Upon arrival they were detained": the
            # sentence that sets the scene, just before, dates the event it leads to
            current.context_date, current.context_date_unit = scene
        elif opening is not None and opening[1] is not unit and not unit.dates:
            # "On 12 June the accused led three men to the border. … All four were detained":
            # a later incident of the paragraph takes the date the paragraph opened with
            current.context_date, current.context_date_unit = opening
        elif context_date is not None:
            current.context_date, current.context_date_unit = context_date
        current.context_places = context_places
        passages.append(current)
        last = current
    return passages


# A detention that turns into resistance or abuse is coded as the graver event
# (docs/records.md, gold/README.md conventions).
_UPGRADE = {("mobilization_detention", "resistance"), ("mobilization_detention", "abuse_of_conscripts"),
            ("other", "abuse_of_conscripts")}


# A court's or an official's step is told on its own day, not on the day of the scene told before it.
_STEP_TYPES = frozenset({"legal_action", "censorship"})
# A sentence of the narrative (a date line, a byline or a caption sets no scene): some words, then
# sentence-final punctuation.
_SENTENCE = re.compile(r"\w[^\n]{38,}[.!?…][\"»”’)]*\s*$")


# Metrics that say only how a figure was counted (cases opened, people), not what for.
_GENERIC_METRICS = frozenset({"criminal_cases", "people"})


def _dated_by_period(unit: Unit) -> bool:
    return any(d.kind in ("month", "range", "year", "season", "period") for d in unit.dates)


_NEGATION = re.compile(r"(?<!\w)(?:нет|немає|нікого|никого|ніхто|никто|no one|nobody|none|not|no)(?!\w)",
                       re.IGNORECASE)


def _join(passage: Passage, unit: Unit) -> None:
    passage.units.append(unit)
    upgrade = (passage.event_type, unit.event_type) in _UPGRADE or (
        passage.event_type == "other" and unit.event_type == "mobilization_detention"
        and not _NEGATION.search(unit.text))  # "summonses handed out; five men taken to the TCC"
    if upgrade:
        passage.event_type = unit.event_type


def _is_header(unit: Unit) -> bool:
    return len(unit.text) <= 60 and bool(unit.dates or unit.places)


def _own_date(unit: Unit) -> bool:
    return bool(unit.dates) and not _same_day_only(unit)


def _has_date(passage: Passage) -> bool:
    return any(_own_date(u) for u in passage.units)


# The whole group already introduced, named again ("всех троих задержал", "усіх чотирьох", "both men").
_GROUP_BACK = re.compile(
    r"(?<!\w)(?:всех|всіх|усіх|all)\s+(?:двоих|троих|четверых|пятерых|шестерых|двох|трьох|чотирьох|п['’]ятьох|"
    r"шістьох|two|three|four|five|six)(?!\w)|(?<!\w)(?:обоих|обох|both (?:men|of them))(?!\w)", re.IGNORECASE)


def _new_settlement(passage: Passage, unit: Unit) -> bool:
    own = [p for p in unit.places if p.level == "settlement" and not p.in_org]
    if not own or _ANAPHORA.match(unit.text) or _GROUP_BACK.search(unit.text[:80]):
        return False
    seen = {p.surface.lower()[:5] for u in passage.units for p in u.places}
    return any(p.surface.lower()[:5] not in seen for p in own)


def _is_follow_up(unit: Unit) -> bool:
    """Consequences of an event told before: injuries, an arrest, a criminal case, a possible sentence."""
    if "court" in unit.cues or set(unit.cues) & _PRIMARY:
        return False
    return bool(set(unit.cues) & (_CONSEQUENCE_ONLY | {"legal"}))


def _same_decision(last: Passage | None, passages: list[Passage], unit: Unit) -> bool:
    """One court decision is one record: the sentence imposed, the verdict and the custody order
    told in the paragraphs after "On 3 December the court delivered its verdict" continue it."""
    return last is not None and bool(passages) and passages[-1] is last \
        and last.event_type == "legal_action" and unit.event_type == "legal_action" \
        and not unit.dates and not _ANOTHER.search(unit.text) and not _new_settlement(last, unit)


def _follows_up(unit: Unit) -> bool:
    """May this unit reach back into the previous paragraph's incident?"""
    if _own_date(unit) or unit.places or _ANOTHER.search(unit.text):
        return False
    if _ANAPHORA.match(unit.text):
        return True
    refers = _REFERS_BACK.match(unit.text)
    if refers:  # "Police detained the gunman": the word naming the attacker is not a new attack
        who = refers.span("who")
        cues = {k for k, spans in unit.cues.items() if any(not (who[0] <= a and b <= who[1]) for a, b in spans)}
        if "court" not in cues and not cues & _PRIMARY and cues & (_CONSEQUENCE_ONLY | {"legal"}):
            return True
    return "legal" in unit.cues and _is_follow_up(unit)


def _chained_step(unit: Unit) -> bool:
    """"Чоловіка зупинили напередодні ввечері": the person already introduced, dated only
    relative to the incident just told, is an earlier or later step of that incident."""
    return bool(_ANAPHORA.match(unit.text)) and all(d.anchor == "chain" for d in unit.dates)


def _date_fills_in(passage: Passage, unit: Unit) -> bool:
    """An undated incident gets its date from the next sentence ("It happened on Sunday"), not
    from a year named in a remark after it ("Таких випадків у 2024 році було чимало")."""
    if unit.dates and all(d.kind == "year" for d in unit.dates):
        return False
    if "court" in unit.cues and passage.event_type not in _STEP_TYPES:
        return False   # "7 October the court fined him": the court's day, not the day of the act it judged
    return not _has_date(passage) and passage.context_date is None and \
        (unit.event_type in (None, passage.event_type) or _is_follow_up(unit))


def _attaches(passage: Passage, unit: Unit) -> bool:
    if _ANOTHER.search(unit.text) or is_legislation(unit.text):
        return False
    if _names_the_incident(unit) and not _has_date(passage):
        return True   # "The incident occurred on 7 March in the village of Ploska": its date and place
    if _new_settlement(passage, unit):
        return False
    if _own_date(unit) and not _date_fills_in(passage, unit) and not _chained_step(unit):
        return False
    return bool(_ANAPHORA.match(unit.text)) or bool(unit.cues.keys() & _CONSEQUENCE_ONLY) \
        or _date_fills_in(passage, unit) or _names_the_incident(unit)


_GUILTY = re.compile(r"(?<!\w)(?:found guilty|визна\w* винн\w*|призна\w* виновн\w*)", re.IGNORECASE)


def _dates_the_last(last: Passage, unit: Unit) -> bool:
    """A later paragraph that dates the undated incident told before it: "The incident happened
    on Sunday", "Как сообщила прокуратура, 14 августа около 22:15 в Харькове полицейский …"."""
    if _has_date(last) or (unit.event_type is not None and not _OPENS_WITH_INCIDENT.match(unit.text)) \
            or is_legislation(unit.text):
        return False   # a decree's date ("On Feb. 24, 2022 the president issued a decree") is background
    if last.event_type == "legal_action" and (_SENTENCED.search(last.units[0].text) or _GUILTY.search(last.units[0].text)):
        return False   # a verdict is news of its own day; "what happened on May 11" dates the act it judged
    return _names_the_incident(unit) or (
        last.context_date is None and any(d.kind in ("day", "weekday") for d in unit.dates)
        and not _new_settlement(last, unit) and not _ANOTHER.search(unit.text))


def _names_the_incident(unit: Unit) -> bool:
    """"The incident happened on the evening of 3 March", "Конфлікт стався у неділю": a sentence
    with no event word of its own that refers back to the event told."""
    return "incident_noun" in unit.cues and (unit.event_type is None or bool(_OPENS_WITH_INCIDENT.match(unit.text)))


# A sentence that opens by dating the event told before, then describes it again ("Инцидент произошел
# 1 июня, на кадрах видно, как сотрудники ТЦК пытаются задержать мужчину"): the event words after
# it retell the same incident.
_OPENS_WITH_INCIDENT = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,2}?(?:the\s+)?(?:інцидент|конфлікт|подія|випадок|сутичка|бійка|"
    r"инцидент|конфликт|событие|случай|стычка|драка|incident|conflict|clash|altercation)\w*\s+"
    r"(?:(?:[\w'’-]+\s+){0,1}?)(?:стал\w*|стався|сталася|трапи\w*|відбу\w*|произош\w*|случил\w*|"
    r"happened|occurred|took place)(?!\w)", re.IGNORECASE)


def _second_event_same_day(unit: Unit) -> bool:
    return bool(_SAME_DAY_NEW.search(unit.text[:60])) and not _REFERS_BACK.match(unit.text) \
        and not _BACK_NAMED.search(unit.text)


def _continues(passage: Passage, unit: Unit) -> bool:
    if _ANOTHER.search(unit.text) or _new_settlement(passage, unit) or _second_event_same_day(unit):
        return False
    if _own_date(unit):
        return _date_fills_in(passage, unit) or _chained_step(unit)
    if _ANAPHORA.match(unit.text) or _REFERS_BACK.match(unit.text) or unit.event_type == passage.event_type \
            or _is_follow_up(unit):
        return True
    return not set(unit.cues) & (_PRIMARY | {"legal"})
