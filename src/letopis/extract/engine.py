"""The extraction engine: a report in, incident and statistic records out.

Stages (each its own module): language → units and passages (segment) →
dates (chained through the report in reading order) → places (gazetteer) →
event type → counts and actors → records. Pure functions over typed values;
no database, so the engine runs the same in a worker pool or on a cluster.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from letopis.extract import multiscan
from letopis.extract.counts import count_people
from letopis.extract.cues import cue_pattern, find_cues
from letopis.extract.numbers import find_numbers
from letopis.extract.dates import DateMention, ResolvedDate, find_dates, resolve_date
from letopis.extract.events import actors as actor_roles
from letopis.extract.events import classify
from letopis.extract.language import detect_language
from letopis.extract.country import institution_country, report_country
from letopis.extract.document import SHORT_REPORT, read_whole
from letopis.extract.judge import ReportView, load_judge, report_view
from letopis.extract.labelled import labelled_items
from letopis.extract.placelists import town_lists
from letopis.extract.location import (
    PRECISION, ReportMentions, choose_location, detachment_region, is_dateline, is_home, names_detachment,
    to_location,
)
from letopis.model import Location, Record, Report
from letopis.extract.segment import PLACE_ANAPHORA, Passage, Unit, build_units, segment
from letopis.extract.sentences import breadcrumb_lines, teaser_lines
from letopis.extract.summary import summarise
from letopis.gazetteer import Gazetteer, PlaceMention, load_gazetteer
from letopis.gazetteer.sources import REGION_COUNTRIES

log = logging.getLogger(__name__)

_COUNTRY_NAMES = {"UA": "Ukraine", "RU": "Russia"}
# Acts of a state's institutions: placed in that state when the text names only a country (see _state_of_the_act).
_STATE_ACTS = frozenset({"censorship", "legal_action"})
# The border rivers that run along one region only, and that region (gazetteer evidence the
# place index lacks: it holds settlements and areas, not rivers).
# The same for a border with a neighbour that only one Ukrainian region touches (Hungary, Slovakia).
BORDER_RIVERS = ((re.compile(r"(?<!\w)(?:tisza|tisa|tysa|тис(?:а|у|и|і|ою|ы|ой|е))(?!\w)", re.IGNORECASE),
                  "Zakarpattia Oblast"),
                 (re.compile(r"(?<!\w)(?:кордон\w* з (?:угорщин|словаччин)\w*|границ\w* с (?:венгри|словаки)\w*"
                             r"|(?:україн\w*-)?(?:угорськ|словацьк)\w* кордон\w*"
                             r"|(?:украин\w*-)?(?:венгерск|словацк)\w* границ\w*"
                             r"|border with (?:hungary|slovakia)|(?:hungarian|slovak) border)",
                             re.IGNORECASE), "Zakarpattia Oblast"))
LEAD_CHARS = 400    # an incident told this near the top of the report is its news
ANTECEDENT_CHARS = 500  # how far back a group named before a pronoun is looked for
AFTER_CHARS = 400   # how far after a passage named only by its country its town may be named


class Engine:
    """Holds the loaded resources (gazetteer); ``extract`` is safe to call repeatedly."""

    def __init__(self, gazetteer: Gazetteer | None = None, judged: bool = True, warm: bool = True) -> None:
        """``warm``: compile every language's rule tables now (a worker's first report then costs no
        more than the others); a one-off reading passes False and compiles only what its report needs."""
        self.gazetteer = gazetteer or load_gazetteer()
        self.judge = load_judge() if judged else None   # None: the rules alone decide
        self._report_cues: set[str] = set()
        self._lead: Unit | None = None
        if warm:
            _warm_up()

    @property
    def version(self) -> str:
        """The engine version its records carry (:func:`letopis.extract.version.engine_version`)."""
        from letopis.extract.version import engine_version

        return engine_version(getattr(self, "judge", None) is not None)  # a test double may skip __init__

    def extract(self, report: Report) -> list[Record]:
        records, view = self.candidates(report)
        if multiscan.unsaved():  # rule tables this report set up: their literal strings kept for the next process
            multiscan.save_factors()
        return self.judge.keep(records, view) if self.judge is not None and view is not None else records

    def candidates(self, report: Report) -> tuple[list[Record], ReportView | None]:
        """The records the rules find, before the judge, and what the judge sees of the report."""
        original = report.text
        if not original.strip():
            return [], None
        text = _without_teasers(original)
        doc_lang = report.language or detect_language(text)
        mentions = ReportMentions(self.gazetteer.find(text), text)
        units = build_units(text, doc_lang, mentions)
        self._report_cues = {name for unit in units for name in unit.cues}   # the families the report names
        # the report's lead: the first sentence that names an act; a pronoun with no group near it
        # ("Їх затримали") counts the group the lead names
        self._lead = next((u for u in units if u.cues and len(u.text) > 40), None)
        passages = segment(units)
        records: list[Record] = []
        previous: ResolvedDate | None = None
        in_scope = _in_scope(text)
        topic = in_scope or bool(_TOPIC.search(text))
        stat_scope = in_scope or bool(self._report_cues.intersection(_CASE_CUES)) or bool(_AWOL_WORDS.search(text))
        self._previous_place: Location | None = None
        for passage in passages:
            when = self._date(passage, report.published, previous)
            if passage.event_type == "statistic":
                record = self._statistic(text, passage, when, mentions)
                if record is not None:
                    record = _open_period_start(record, passage.units[0].text, report.published)
                    record = _same_period(record, records)
            else:
                if when is not None:
                    previous = when
                record = self._incident(text, passage, when, mentions)
            lead = passage.start < LEAD_CHARS and not any(r.kind == "incident" for r in records)
            if record is not None and _keep(record, in_scope, lead=lead, stat_scope=stat_scope, topic=topic):
                records.append(record)
        war_report = _war_report(text, self._report_cues)
        records = [r for r in read_whole(records, text, report.published,
                                         report.metadata.get("published_precision", "day"),
                                         lead_day=_lead_day(units, report.published))
                   if not _military_action(r) and not (war_report and (r.event_type in _WAR_AMBIGUOUS
                                                                       or r.kind == "statistic"))
                   and not _elsewhere(r, mentions)]
        records = self._report_place(records, text, mentions)
        records = labelled_items(records, text, units, mentions, self.gazetteer)
        records = town_lists(records, text, units, mentions, self.gazetteer)
        return records, report_view(original, records, self._report_cues)

    def _report_place(self, records: list[Record], text: str, mentions: ReportMentions) -> list[Record]:
        """A report of one incident placed only by its region or country: the first town the
        report names inside that area (the dateline, the headline, the lead) is its place."""
        incidents = [i for i, r in enumerate(records) if r.kind == "incident"]
        if not incidents:
            return records
        record = records[incidents[0]]
        area = record.location
        # a foreign country the passage named as where the people were going ("намагалися потрапити до
        # Молдови") is the last resort of its place: the short report's own region or town is the scene
        foreign = area is not None and area.geo_precision == 3 and area.admin1 is None \
            and area.country not in ("UA", "RU") and len(text) <= SHORT_REPORT \
            and all(is_home(text, m) for m in mentions.between(record.start, record.end)
                    if m.level == "country" and m.candidates and m.candidates[0].country == area.country)
        if (len(incidents) > 1 and not foreign) or (area is not None and area.geo_precision < 3):
            return records
        for mention in mentions:
            if (mention.in_org and not names_detachment(text, mention)) \
                    or mention.level not in ("settlement", "admin1") \
                    or (mention.level == "admin1" and not foreign and area is not None and area.admin1 is not None):
                continue
            if is_home(text, mention) or is_dateline(text, mention):
                continue   # "жителі Донецької … областей": where they live; "MOSCOW, February 9. /TASS/": filed
            place = self.gazetteer.resolve(mention, mentions)
            if place is None or place.country not in (("UA", "RU") if foreign else REGION_COUNTRIES):
                continue
            if area is None or foreign or (place.country == area.country and area.admin1 in (None, place.admin1)):
                # "in the area of the Mukachevo border detachment": its region, not its seat
                found = detachment_region(text, mention, place, self.gazetteer) \
                    or to_location(place, PRECISION[place.level])
                records[incidents[0]] = replace(record, location=found)
            break
        return records

    # -- dates -------------------------------------------------------------------------
    def _date(self, passage: Passage, published: date,
              previous: ResolvedDate | None) -> ResolvedDate | None:
        units = passage.units
        if passage.event_type in _COURT_TYPES and _COURT.intersection(units[0].cues):
            # a court's decision is dated by the sentences that tell it, not by the story of the offence
            # around it ("the court sentenced him … he was mobilised on 6 September 2024 …")
            units = [u for u in units if _COURT_ACT.intersection(u.cues)] or units
        for unit in units:
            for mention in unit.dates:
                if _background_year(unit.text, mention) or (
                        passage.event_type != "statistic" and _not_the_event(unit.text, mention)):
                    continue
                resolved = resolve_date(mention, published=published, previous=previous)
                if resolved is not None:
                    return resolved
        context_unit = passage.context_date_unit
        if passage.context_date is not None and not (
                context_unit is not None and (_background_year(context_unit.text, passage.context_date) or (
                    passage.event_type != "statistic" and _not_the_event(context_unit.text, passage.context_date)))):
            return resolve_date(passage.context_date, published=published, previous=previous)
        return None

    # -- places ------------------------------------------------------------------------
    def _location(self, text: str, passage: Passage, mentions: ReportMentions,
                  event_type: str | None = None) -> Location | None:
        found = self._named_location(text, passage, mentions)
        crossing = (event_type or passage.event_type) == "border_incident" or any(
            "border" in u.cues or "crossing" in u.cues or "death" in u.cues for u in passage.units)
        if crossing and (found is None or (found.geo_precision == 3 and found.admin1 is None and (
                found.country == "UA" or self._only_across(text, passage, found.country)))):
            return self._river_region(text, passage) or found
        return found

    @staticmethod
    def _only_across(text: str, passage: Passage, country: str) -> bool:
        """The passage names ``country`` only as where people were heading or whose border it is
        ("на кордоні з Угорщиною", "потрапити до Молдови"): not the scene."""
        named = [m for u in passage.units for m in u.places
                 if m.level == "country" and m.candidates and m.candidates[0].country == country]
        return bool(named) and all(is_home(text, m) for m in named)

    def _river_region(self, text: str, passage: Passage) -> Location | None:
        """A crossing of a border river its report places nowhere finer: the river's region ("two
        men drowned in the Tisza" → Zakarpattia), named in the passage or else in the report."""
        for pattern, region in BORDER_RIVERS:
            if pattern.search(text, passage.start, passage.end) or pattern.search(text):
                place = next((p for p in self.gazetteer.lookup(region) if p.level == "admin1"), None)
                return to_location(place, 3) if place else None
        return None

    def _named_location(self, text: str, passage: Passage, mentions: ReportMentions) -> Location | None:
        """The passage's own place; else, in order: the previous incident's place when the
        passage says "there"/"там само", the place named just before it in its paragraph,
        the place header above it, and the previous incident's place."""
        inside = [m for u in passage.units for m in u.places]
        context = mentions.around(passage.start, passage.end)
        location = choose_location(text, inside, context, self.gazetteer, homes=False)
        if location is not None and location.country in REGION_COUNTRIES:
            if location.geo_precision == 3 and location.admin1 is None:
                return self._inside_country(text, passage, mentions, location) or location
            return location
        if self._previous_place is not None and any(PLACE_ANAPHORA.search(u.text) for u in passage.units):
            return self._previous_place
        before = [m for m in mentions.between(passage.paragraph_start, passage.start) if m.end <= passage.start]
        candidates = before[-1:] or passage.context_places
        earlier = choose_location(text, candidates, context, self.gazetteer)
        if location is not None and (earlier is None or earlier.country not in REGION_COUNTRIES):
            return location  # only a far-away place is named: keep it (Odessa, Texas stays Odessa, Texas)
        # where the people live is the last resort: the scene named before it, or the previous one's, wins
        return earlier or self._previous_place or choose_location(text, inside, context, self.gazetteer)

    def _law_not_recruiters(self, cues: dict[str, list[tuple[int, int]]]) -> bool:
        """A detention no official is named for is taken by recruiters in a report about them, but
        by the police in a report that names only the police, investigators or the security service
        ("13 people were detained in a joint operation", "СК задержал двух подростков")."""
        if "recruitment" in cues or "mobilize" in cues:
            return False
        return "recruitment" not in self._report_cues and any(
            name in self._report_cues for name in ("police", "security_service", "prosecutors", "court"))

    def _at_a_protest(self, cues: dict[str, list[tuple[int, int]]]) -> bool:
        """A detention no recruiter is named for, in a report about a protest that names none: people
        taken at the rally or the memorial ("Several people were detained at a makeshift memorial"),
        a step of the protest, not a call-up."""
        if "detain" not in cues or cues.keys() & _NOT_A_PROTEST_STEP:
            return False   # a court's, an investigator's or the security service's step is legal action
        return "protest" in self._report_cues and "recruitment" not in self._report_cues \
            and "border" not in self._report_cues

    def _border_not_recruiters(self, cues: dict[str, list[tuple[int, int]]]) -> bool:
        """A detention no recruiter is named for, in a report about the border that names no
        recruiters ("прикордонники витягли з Тиси п'ятьох чоловіків … Їх затримали"): the border
        guards' detention of men crossing, not a call-up."""
        if "recruitment" in cues or "mobilize" in cues:
            return False
        return ("border" in self._report_cues or "crossing" in self._report_cues) \
            and "recruitment" not in self._report_cues and "mobilize" not in self._report_cues

    def _inside_country(self, text: str, passage: Passage, mentions: ReportMentions,
                        country: Location) -> Location | None:
        """A passage that names only the country ("a conscription facility in Ukraine"): the
        town the next sentences of its paragraph name in that country, if any."""
        after = [m for m in mentions.between(passage.end, passage.end + AFTER_CHARS)
                 if m.level in ("settlement", "district") and not m.in_org]
        for mention in after:
            if text.count("\n\n", passage.end, mention.start):
                break   # another paragraph: another story
            found = choose_location(text, [mention], mentions.around(mention.start, mention.end), self.gazetteer)
            if found is not None and found.country == country.country:
                return found
        return None

    def _country(self, sentence: str, text: str, mentions: list[PlaceMention]) -> Location | None:
        code = report_country(sentence, text, mentions)
        place = next((p for p in self.gazetteer.lookup(_COUNTRY_NAMES.get(code, "")) if p.level == "country"),
                     None) if code else None
        return to_location(place, 3) if place else None

    def _state_of_the_act(self, text: str, passage: Passage, event_type: str,
                          location: Location | None) -> Location | None:
        """A court's, a registry's or a censor's act is placed in the state whose institutions act: a
        country-level place of the other state is the war the story names ("for criticising the
        offensive in Ukraine"), not the scene; an unplaced censorship act takes that state."""
        if location is not None and (location.geo_precision != 3 or location.admin1 is not None):
            return location
        if location is None and event_type != "censorship":
            return location
        state = institution_country(text[passage.start:passage.end]) or (
            institution_country(text) if location is None else None)
        if state is None or (location is not None and location.country == state):
            return location
        place = next((p for p in self.gazetteer.lookup(_COUNTRY_NAMES.get(state, "")) if p.level == "country"), None)
        return to_location(place, 3) if place else location

    # -- records -----------------------------------------------------------------------
    def _incident(self, text: str, passage: Passage, when: ResolvedDate | None,
                  mentions: ReportMentions) -> Record | None:
        merged = _merged_cues(passage.units)
        event_type = passage.event_type or classify(merged, merged)
        if event_type is None:
            return None
        if event_type in ("mobilization_detention", "legal_action") and self._at_a_protest(merged):
            event_type = "protest"
        elif event_type == "mobilization_detention" and self._law_not_recruiters(merged):
            event_type = "legal_action"
        elif event_type == "mobilization_detention" and self._border_not_recruiters(merged):
            event_type = "border_incident"
        start, end = passage.start, passage.end
        lang = passage.units[0].lang
        numbers = [n for u in passage.units for n in _shift_numbers(u)]
        antecedent = text[max(0, start - ANTECEDENT_CHARS):start]   # "Їх затримали" may open a paragraph
        if self._lead is not None and self._lead.end <= start - ANTECEDENT_CHARS:
            antecedent = self._lead.text + "\n" + antecedent
        counts = count_people(text[start:end], lang, [_rebase(n, start) for n in numbers],
                              event_type=event_type, antecedent=antecedent, cues=merged)
        location = self._location(text, passage, mentions, event_type)
        if event_type in _STATE_ACTS:
            location = self._state_of_the_act(text, passage, event_type, location)
        self._previous_place = location or self._previous_place
        roles = actor_roles(merged, event_type)
        return Record(
            kind="incident",
            date=when.date if when else None,
            date_precision=when.precision if when else None,  # type: ignore[arg-type]
            event_type=event_type,
            location=location,
            fatalities=counts.fatalities,
            injured=counts.injured,
            detained=counts.detained,
            actors=roles,
            summary=summarise(lang, event_type, location, when, counts, actors=roles, gazetteer=self.gazetteer),
            quote=text[start:end],
            start=start,
            end=end,
            language=lang,
            confidence=_confidence(when, location, passage),
        )

    def _statistic(self, text: str, passage: Passage, when: ResolvedDate | None,
                   mentions: ReportMentions) -> Record | None:
        unit = passage.units[0]
        cue = unit.statistic
        if cue is None:
            return None
        inside = [m for m in unit.places]
        context = mentions.around(passage.start, passage.end)
        location = choose_location(text, inside or passage.context_places, context, self.gazetteer) \
            or self._country(unit.text, text, mentions)
        period = _period(when)
        return Record(
            kind="statistic",
            date=when.date if when else None,
            date_precision=when.precision if when else None,  # type: ignore[arg-type]
            event_type="statistic",
            location=location,
            fatalities=None,
            injured=None,
            detained=None,
            actors=(),
            summary=summarise(unit.lang, "statistic", location, when, None, metric=cue.metric,
                              value=cue.number.value, gazetteer=self.gazetteer),
            quote=unit.text,
            start=unit.start,
            end=unit.end,
            language=unit.lang,
            confidence=0.6 if when else 0.4,
            metric=cue.metric,
            value=cue.number.value,
            period=period,
        )


def _without_teasers(text: str) -> str:
    """The text with its lists of links to other articles and its breadcrumb lines blanked out (same
    length, same offsets): their places, dates and words tell other stories or name sections."""
    teasers = teaser_lines(text) + breadcrumb_lines(text)
    if not teasers:
        return text
    chars = list(text)
    for start, end in teasers:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _warm_up() -> None:
    """Compile the rule tables of all three languages at load time, not on the first report."""
    for lang, sample in (("en", "On 3 October 2 men"), ("uk", "3 жовтня двох"), ("ru", "3 октября двоих")):
        find_dates(sample, lang)
        find_numbers(sample, lang)
    find_cues("")
    multiscan.save_factors()


# Words of the field: a report with none of them is not about war-time coercion
# (a police arrest after a school football game is local news).
# Tallies of detentions, courts and cases (a monitor's count of civilians detained in occupied Crimea)
# are of the field though the report names no recruiter, border or war offence.
_CASE_CUES = frozenset({"detain", "court", "legal", "verdict", "offence", "abuse", "prosecutors"})
_GENERIC_METRICS = frozenset({"deaths", "complaints", "people", None})
_AWOL_WORDS = re.compile(r"(?<!\w)(?:СЗЧ|СОЧ|SZCh|SZCH|SOCh)(?!\w)")
_DOMAIN_CUES = ("recruitment", "mobilize", "military", "desert", "border", "censorship", "summons",
                "security_service", "evasion", "wartime_offence", "protest")


def _lead_day(units: list[Unit], published: date) -> date | None:
    """The day before publication when the report's lead tells its news as of then ("Over the past
    day, border guards stopped nine men", "За минулу добу …", "Вчера …"): the day an undated
    incident of the report took place, rather than the publication day."""
    for unit in units:
        if unit.start >= LEAD_CHARS:
            return None
        if not unit.dates:
            continue
        first = unit.dates[0]
        if not (unit.event_type or unit.cues) or first.anchor != "report" or first.kind != "shift" \
                or first.unit != "day" or first.offset not in (-1, -2):
            return None
        return published + timedelta(days=first.offset)
    return None


# The field's topic named as a noun ("визнав незаконною мобілізацію", "the call-up of a man"): no cue of
# an act, but a court's or a prosecutor's step in such a report is about the field (an economy article that
# mentions the mobilisation makes no other record in scope)
_TOPIC = re.compile(r"(?<!\w)(?:мобілізаці\w*|мобилизаци\w*|mobili[sz]ation|call-up|призов\w*|призыв\w*|"
                    r"conscription|відстрочк\w*|отсрочк\w*)", re.IGNORECASE)


def _in_scope(text: str) -> bool:
    lowered = text.lower()
    return any(cue_pattern(name).search(lowered) for name in _DOMAIN_CUES)


# What makes a detention a step of its own rather than people taken at a protest: recruiters, a court,
# a charge, investigators, the security service.
_NOT_A_PROTEST_STEP = frozenset({"recruitment", "mobilize", "court", "verdict", "legal", "offence", "wartime_offence",
                                 "security_service", "prosecutors"})


# Types whose cues can also describe military action ("the Russian army attacked the port",
# "a civilian was killed in the strike"); the others name coercion on their own.
_WAR_AMBIGUOUS = frozenset({"attack_on_officials", "abuse_of_conscripts", "other", "labor_dispute",
                            "mobilization_detention", "resistance"})
_MILITARY_ACTION = cue_pattern("military_action")


# "the 2012 law on foreign agents", "закону 2012 року", "по статье … в редакции 2022 года": a
# year that dates a law or a document, not the event.
_DOCUMENT_BEFORE = re.compile(
    r"(?:law|act|decree|code|resolution|convention|amendment|закон\w*|указ\w*|кодекс\w*|постанов\w*|"
    r"конвенці\w*|конвенци\w*|поправк\w*|редакці\w*|редакци\w*)\W+(?:\w+\W+){0,2}(?:of\s+|від\s+|от\s+)?$",
    re.IGNORECASE)


# "wages for September 2025", "за період з травня по жовтень", "c февраля 2025 года по февраль
# 2026-го": the period a debt or a case covers, not the day of the event.
_PERIOD_BEFORE = re.compile(r"(?:(?<!\w)(?:за|for)\s+(?:(?:період|период|the period)\s+)?(?:(?:з|із|с|c|from)\s+)?"
                            r"|(?<!\w)(?:з|із|с|c|from)\s+)$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:по|до|to|until|till)\s", re.IGNORECASE)
_PERIOD_END_BEFORE = re.compile(r"(?<!\w)(?:по|until|till)\s+$", re.IGNORECASE)

# "Ответственность за дискредитацию была введена 4 марта 2022 года", "the law came into force on …",
# "закон набрав чинності 18 травня": the day a law or penalty began, background of the case told
_LAW_BEGAN_BEFORE = re.compile(
    r"(?:закон\w*|стат(?:ья|ью|ті|тя|тю|ьи)|ответственност\w*|відповідальніст\w*|поправк\w*|норм[аиуы]|"
    r"law|article|amendment|legislation|penalt\w+)[^.!?;]{0,60}?(?:введен\w*|вве(?:ли|ла)|запровад\w*|"
    r"вступи\w* в силу|набра\w* чинності|набу\w* чинності|"
    r"introduced|came into force|took effect|entered into force|enacted)[^.!?;]{0,20}$",
    re.IGNORECASE)


# "Saturday's deadly missile strike", "last week's raid": a day named as the owner of another noun
# dates that noun, not the sentence's event
_POSSESSIVE_AFTER = re.compile(r"['’]s\s")


# "was held at a police station overnight": how long, not when
_HELD_BEFORE = re.compile(r"(?<!\w)(?:held|kept|spent|remained|stayed)\b[^.!?;]{0,60}$", re.IGNORECASE)


def _not_the_event(text: str, mention: DateMention) -> bool:
    if _POSSESSIVE_AFTER.match(text, mention.end):
        return True
    if mention.surface.lower() == "overnight" and _HELD_BEFORE.search(text, max(0, mention.start - 70),
                                                                     mention.start):
        return True
    before = text[max(0, mention.start - 40):mention.start]
    if _PERIOD_END_BEFORE.search(before):
        return True
    if _LAW_BEGAN_BEFORE.search(text, max(0, mention.start - 110), mention.start):
        return True
    m = _PERIOD_BEFORE.search(before)
    if m is None:
        return False
    if m.group(0).strip().lower() in ("за", "for") or "ріод" in m.group(0) or "риод" in m.group(0) \
            or "period" in m.group(0):
        return mention.kind in ("month", "year", "season", "range")
    return bool(_PERIOD_AFTER.search(text[mention.end:mention.end + 40]))


# "юноша 2007 года рождения", "1989 року народження", "born in 1990": a birth year
_BIRTH_AFTER = re.compile(r"^\W*(?:року|года|г\.|р\.)?\s*(?:народження|рождения|н\.|р\.)", re.IGNORECASE)
_BIRTH_BEFORE = re.compile(r"(?:born in|народжен\w* у|народжен\w* в|родил\w* в|уроджен\w*)\s+$", re.IGNORECASE)


def _background_year(text: str, mention: DateMention) -> bool:
    if mention.kind != "year":
        return False
    # (``match`` on a slice: a pattern's "^" never matches at a ``pos`` inside the string)
    after, before = text[mention.end:mention.end + 30], text[max(0, mention.start - 20):mention.start]
    if _BIRTH_AFTER.match(after) or _BIRTH_BEFORE.search(before):
        return True
    return bool(_DOCUMENT_BEFORE.search(text[max(0, mention.start - 40):mention.start]))


# Words of coercion itself: a report with none of them that tells of strikes is a war report.
_COERCION_CUES = ("recruitment", "mobilize", "border", "desert", "censorship", "evasion", "summons", "protest",
                  "labor", "legal")


def _war_report(text: str, cues: set[str]) -> bool:
    """A report about military action (two or more mentions of strikes, shelling, drones …) that
    names no recruiter, border, desertion, court or protest: its casualties and damage are war news,
    out of scope, whatever sentence tells them ("five bakery workers were injured")."""
    return len(_MILITARY_ACTION.findall(text.lower())) >= 2 and not any(c in cues for c in _COERCION_CUES)


def _military_action(record: Record) -> bool:
    """The incident's lead sentence tells military action (strikes, shelling, the front line),
    which is out of scope; its fragments were joined to it first, so they go with it."""
    if record.kind != "incident" or record.event_type not in _WAR_AMBIGUOUS:
        return False
    lead = re.split(r"(?<=[.!?…])\s", record.quote, maxsplit=1)[0].lower()
    found = [m.group(0) for m in _MILITARY_ACTION.finditer(lead)]
    if found and all(w.startswith(("обстріл", "обстрел")) for w in found) and "recruitment" in find_cues(lead):
        return False   # "мікроавтобус ТЦК обстріляли": shots at the recruiters' car, not shelling
    return bool(found)


# A tally "since the start of the full-scale war" or "since the start of the year" covers a period
# that starts then: its date is that start, to the month.
_SINCE_WAR = re.compile(
    r"(?<!\w)(?:since (?:the )?(?:start|beginning|outbreak) of (?:the |russia['’ʼ]?s? )?(?:[\w-]+ ){0,3}"
    r"(?:war|invasion)|"
    r"since (?:the |russia['’ʼ]?s? )?(?:russian |full-scale |large-scale )*invasion|"
    r"(?:з|із|від) початку (?:\w+ ){0,3}(?:війни|вторгнення)|"
    r"(?:с|от) начала (?:\w+ ){0,3}(?:войны|вторжения|сво|специальной военной операции))",
    re.IGNORECASE)
_SINCE_YEAR = re.compile(
    r"(?<!\w)(?:since the (?:start|beginning) of (?:the year|this year|(?P<y1>\d{4}))|"
    r"(?:з|із|від) початку (?:(?:цього|поточного) )?(?:(?P<y2>\d{4}) )?року|"
    r"(?:с|от) начала (?:(?:этого|текущего) )?(?:(?P<y3>\d{4}) )?года|"
    # the first months of a year: "за сім місяців 2025 року", "за первые восемь месяцев 2024 года",
    # "in the first seven months of 2025"
    r"за (?:перші |первые )?(?:\w+ )?(?:місяц\w*|месяц\w*) (?:(?P<y4>\d{4})(?:-?го)? (?:року|года)|"
    r"(?:цього|поточного) року|(?:этого|текущего) года)|"
    r"(?:in|during|over) the first (?:\w+ )?months of (?:(?P<y5>\d{4})|this year|the year))",
    re.IGNORECASE)
FULL_SCALE_WAR_START = "2022-02"


_COURT_TYPES = frozenset({"legal_action"})
_COURT = frozenset({"court", "verdict"})   # a court's decision; a case opened about an event takes its date
_COURT_ACT = _COURT | {"legal"}


def _same_period(record: Record, records: list[Record]) -> Record:
    """A figure that names no period of its own counts over the period of the report's figure before it
    ("з початку вторгнення на ТЦК нападали 272 рази … щодо 205 інцидентів тривають розслідування")."""
    if record.date is not None:
        return record
    before = next((r for r in reversed(records) if r.kind == "statistic"), None)
    if before is None or before.date is None or before.date_precision != "month":
        return record   # a day's figure is that day's; an open period ("since …") starts on a month
    return replace(record, date=before.date, date_precision=before.date_precision)


def _open_period_start(record: Record, sentence: str, published: date) -> Record:
    if record.date is not None and record.date_precision not in ("year", None):
        return record
    if _SINCE_WAR.search(sentence):
        return replace(record, date=FULL_SCALE_WAR_START, date_precision="month")
    m = _SINCE_YEAR.search(sentence)
    if m:
        named = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4") or m.group("y5")
        year = named or (record.date[:4] if record.date else str(published.year))
        if record.date and record.date[:4] != year:
            return record   # "в 2024 году — 72, а за девять месяцев этого года — …": another period's figure
        return replace(record, date=f"{year}-01", date_precision="month")
    return record


# The war's two sides, where coercion is recorded; elsewhere only the border crossings count.
_WAR_COUNTRIES = frozenset({"UA", "RU"})
_OURS_ANYWHERE = frozenset({"border", "crossing", "recruitment", "mobilize", "summons", "desert"})


def _elsewhere(record: Record, mentions: Sequence[PlaceMention]) -> bool:
    """An incident placed in another country, in a report whose places are mostly in that country
    ("protesters in Tbilisi"), is out of scope, unless it is a crossing of the border (a man
    caught or drowned on the Romanian side). One foreign name in a report about Kharkiv is more
    likely a misread word than a trip abroad, and stays."""
    if record.kind != "incident" or record.location is None or record.location.country in _WAR_COUNTRIES:
        return False
    if record.event_type == "border_incident" or _OURS_ANYWHERE & set(find_cues(record.quote)):
        return False   # a crossing, or the war's own institutions (mobilisation abroad is misplaced)
    countries = Counter(m.candidates[0].country for m in mentions if m.candidates and not m.in_org)
    return bool(countries) and countries.most_common(1)[0][0] == record.location.country


def _keep(record: Record, in_scope: bool, lead: bool = False, stat_scope: bool = True, topic: bool = False) -> bool:
    """An incident must be placed or dated, unless it is the report's first and counts its people
    ("задержали двух мужчин": the report's news, which the publication date dates); police and
    court news, and attacks on the police, must be about the field."""
    if record.kind != "incident":
        # a tally of deaths, complaints or people in a report naming nothing of the field, nor any
        # detention, court or case, counts quake victims or a chat's members
        return in_scope or stat_scope or record.metric not in _GENERIC_METRICS
    if record.date is None and record.location is None and not lead:
        return False
    # an attack on the police or a scuffle with them in a report naming nothing of the field (no recruiter,
    # army, border, war offence, protest) is ordinary crime
    if record.event_type == "legal_action" and topic:
        return True
    return in_scope or record.event_type not in ("legal_action", "other", "mobilization_detention",
                                                 "attack_on_officials", "resistance")





def _period(when: ResolvedDate | None) -> str | None:
    if when is None:
        return None
    if when.precision in ("day", "week") and when.first != when.last:
        return f"{when.first.isoformat()}/{when.last.isoformat()}"
    if when.precision == "season" or (when.precision == "month" and when.first.month != when.last.month):
        return f"{when.first:%Y-%m}/{when.last:%Y-%m}"
    return when.date


def _merged_cues(units: list[Unit]) -> dict[str, list[tuple[int, int]]]:
    merged: dict[str, list[tuple[int, int]]] = {}
    for unit in units:
        for name, spans in unit.cues.items():
            merged.setdefault(name, []).extend(spans)
    return merged


def _shift_numbers(unit: Unit):  # type: ignore[no-untyped-def]
    return [replace(n, start=n.start + unit.start, end=n.end + unit.start) for n in unit.numbers]


def _rebase(number, offset: int):  # type: ignore[no-untyped-def]
    return replace(number, start=number.start - offset, end=number.end - offset)


def _confidence(when: ResolvedDate | None, location: Location | None, passage: Passage) -> float:
    score = 0.5
    if when is not None:
        score += 0.2 if when.precision == "day" else 0.1
    if location is not None:
        score += 0.2 if location.geo_precision == 1 else 0.1
    if len(passage.units) > 1:
        score += 0.05
    return round(min(score, 0.95), 2)


def extract(text: str, published: date, language: str | None = None,
            engine: Engine | None = None) -> list[Record]:
    """Convenience wrapper: extract records from one text."""
    return (engine or Engine()).extract(Report(text=text, published=published, language=language))


__all__ = ["Engine", "extract", "DateMention"]
