"""Reading a report as a whole: fragments of one incident become one record.

The passage stage cuts a report into sentence-level passages; a news item
then tells one incident in several of them (the lead, the officials' account,
the victim in hospital, the attacker's arrest, the custody decision). This
stage joins a record to an earlier one of the same report when nothing tells
them apart: no conflicting place (two settlements more than 30 km apart, or
two regions), no conflicting date (two dates that differ), a related event type,
and no "another" marker. A short report (a news item or a post) tells one main
incident unless it clearly tells several, so there a place in the same region or
across a border does not tell a second incident either (the other side of the
war does). The joined record keeps the lead's quote, date and type (a detention
that later turns violent takes the graver type), its most precise place
consistent with the lead, and the largest count of each kind.

Undated incidents of a news item then take the publication date, marked
``date_source="publication"``; a beating with no count of the injured injures one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from letopis.extract.cues import find_cues
from letopis.gazetteer.model import distance_km
from letopis.model import Location, Record

NEAR_KM = 30.0
LOOK_BACK = 8
_WAR_SIDES = {"UA", "RU"}
SHORT_REPORT = 2500   # characters: a news item or a post, not a digest
DIGEST_DATED = 3      # incidents dated by the text: a digest of several days, not one news item

# Types that tell steps of one story: a detention that turns into a brawl, the attack and the
# suspect's arrest, a picket and the detentions at it, a border crossing and the protocol.
_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"mobilization_detention", "resistance", "attack_on_officials", "abuse_of_conscripts"}),
    frozenset({"protest", "censorship"}),
    frozenset({"protest", "labor_dispute"}),
    frozenset({"border_incident", "mobilization_detention", "desertion"}),
)
# Types a follow-up step carries: they join any story.
_STEPS = frozenset({"legal_action", "other"})
# A detention that turns into resistance, abuse or an attack is coded as the graver event.
_GRAVER = {
    # a verdict whose next sentences say it punished speech ("spreading false information") is censorship
    "legal_action": ("censorship",),
    "mobilization_detention": ("abuse_of_conscripts", "resistance", "attack_on_officials", "border_incident"),
    "other": ("abuse_of_conscripts", "resistance", "attack_on_officials", "mobilization_detention",
              "border_incident", "desertion", "protest", "censorship", "labor_dispute"),
}
# The writer marks a new incident: "another", "a similar raid", "the same day", "meanwhile".
_ANOTHER = re.compile(
    r"(?<!\w)(?:another|one more|a second|a further|also|similar|the same day|on the same day|meanwhile|"
    r"ще (?:один|одн\w*|двох|трьох)|також|подібн\w*|аналогічн\w*|схож\w*|того ж дня|тим часом|водночас|"
    r"крім того|ещё (?:один|одн\w*|двоих|троих)|еще (?:один|одн\w*|двоих|троих)|также|похож\w*|"
    r"аналогичн\w*|в тот же день|тем временем|кроме того|"
    # a reminder of an earlier incident
    r"нагадаємо|нагадуємо|нагадаю|напомним|напоминаем|напомню|recall that|as a reminder|to recall)(?!\w)",
    re.IGNORECASE,
)
# "Також повідомляється, що…", "It was also reported that…": more of the same story, not another one.
_ALSO_REPORTED = re.compile(
    r"(?<!\w)(?:також|также|also)\s+(?:\w+\s+)?(?:повідомля\w*|повідомил\w*|зазнача\w*|відомо|йдеться|"
    r"вказу\w*|сообща\w*|сообщил\w*|отмеча\w*|известно|указыва\w*|говорится|reported|said|stated|noted|"
    r"known|claimed|alleged)(?!\w)", re.IGNORECASE)
# A legal step names the people of the incident before it: "the suspect", "him", "three of them".
_BACK_REFERENCE = re.compile(
    r"(?<!\w)(?:the (?:suspect|attacker|assailant|gunman|shooter|man|men|driver|detainee)s?|him|them|"
    r"підозрюван\w*|нападник\w*|стрільц\w*|зловмисник\w*|затриман\w*|його|їх|з них|із них|"
    r"подозреваем\w*|нападавш\w*|стрелк\w*|злоумышленник\w*|задержанн\w*|его|их|из них)(?!\w)",
    re.IGNORECASE,
)


def read_whole(records: list[Record], text: str, published: date, precision: str = "day",
               lead_day: date | None = None) -> list[Record]:
    """Join the fragments of each incident, then date undated incidents by publication
    (``precision`` "year" when only the publication year is known), or, in a short report whose
    lead tells the news of the day before ("over the past day", "вчера"), by ``lead_day``."""
    joined: list[Record] = []
    for record in records:
        if record.kind != "incident":
            joined.append(record)
            continue
        target = None
        if record.event_type == "protest" or not _ANOTHER.search(_ALSO_REPORTED.sub(" ", record.quote[:80])):
            # "another woman was detained" at a rally is one more person taken at the same protest
            # the few records told just before: a digest's fragments are near their lead, and a
            # bounded look-back keeps a long digest linear in its length
            short = len(text) <= SHORT_REPORT
            target = next((i for i in range(len(joined) - 1, max(-1, len(joined) - 1 - LOOK_BACK), -1)
                           if _same_incident(joined[i], record, short, published)), None)
        if target is None:
            joined.append(record)
        else:
            joined[target] = _absorb(joined[target], record, text, last=target == len(joined) - 1,
                                     published=published)
    if sum(r.kind == "incident" and r.date is not None for r in joined) >= DIGEST_DATED:
        # a digest covers a period: an item it gives no date is not news of its publication day
        return [_beaten_one(r) for r in joined]
    if lead_day is not None and len(text) <= SHORT_REPORT:
        joined = [_lead_date(r, lead_day) for r in joined]
    return [_beaten_one(_publication_date(r, published, precision)) for r in joined]


def _lead_date(record: Record, day: date) -> Record:
    if record.kind != "incident" or record.date is not None or _RECALL.search(record.quote):
        return record
    return replace(record, date=day.isoformat(), date_precision="day", date_source="text")


def _same_incident(lead: Record, other: Record, short: bool = False, published: date | None = None) -> bool:
    if lead.kind != "incident":
        return False
    if _case_history(lead, other, published) and _tells_the_event(other):
        return False   # the verdict is the news; the attack it judged, dated long before, is recorded too
    if lead.event_type in _STEPS and other.event_type not in _STEPS and lead.date is None and other.date \
            and not _step_leads(lead, other):
        return False   # an undated follow-up does not swallow a dated event told after it (a case opened
        #                "за фактом" of the event the next paragraph dates is its lead)
    if lead.date is None and other.date_precision == "day" and _two_towns(lead.location, other.location):
        return False   # an undated lead in Shatsk and "on June 21, in Lutsk …": a second, dated incident
    if lead.event_type == "legal_action" and lead.date is None and other.date is not None \
            and _VERDICT.search(_first_sentence(lead.quote)) \
            and not _PRONOUN_SUBJECT.search(other.quote) and not _VERDICT.search(other.quote):
        return False   # the verdict is the news; the act or arrest the text dates is a record of its own
    places = _places_agree(lead.location, other.location) or (short and _short_report_places(lead, other))
    return _related(lead.event_type, other.event_type) and places and (
        _dates_agree(lead, other) or (short and _earlier_step_of_case(lead, other)))


def _two_towns(a: Location | None, b: Location | None) -> bool:
    return a is not None and b is not None and a.geo_precision < 3 and b.geo_precision < 3 \
        and distance_km(a.lat, a.lon, b.lat, b.lon) > NEAR_KM


def _short_report_places(lead: Record, other: Record) -> bool:
    """A short report tells one main incident unless it clearly tells several: a place in the
    same region (the hospital, the district TCC office) or abroad (the neighbour a man crossed
    into, or a namesake read abroad) does not tell a second incident; another region of the same
    country does, and so does the other side of the war (Ukraine and Russia)."""
    a, b = lead.location, other.location
    if a is None or b is None:
        return True
    if a.country != b.country:
        return {a.country, b.country} != _WAR_SIDES
    return a.admin1 is not None and a.admin1 == b.admin1


def _related(a: str, b: str) -> bool:
    return a == b or a in _STEPS or b in _STEPS or any(a in f and b in f for f in _FAMILIES)


def _places_agree(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    if distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:
        return True
    # a country contains its regions and towns; a region the towns named in it
    coarse, fine = (a, b) if _breadth(a) >= _breadth(b) else (b, a)
    if _breadth(coarse) == 2:
        return True
    return _breadth(coarse) == 1 and _breadth(fine) == 0 and fine.admin1 in (coarse.name, coarse.admin1)


def _breadth(place: Location) -> int:
    """0 a settlement or district, 1 a region, 2 a country."""
    if place.geo_precision < 3:
        return 0
    return 2 if place.admin1 is None else 1


def _dates_agree(lead: Record, other: Record) -> bool:
    """Two dates given by the text tell two events, even a day inside the other's month
    ("in early January they left the unit … on 12 February the same unit …"), except a legal
    step after the event it follows (the arrest of the attacker, the custody decision)."""
    if lead.date is None or other.date is None or lead.date == other.date:
        return True
    return (_is_step_of(lead, other) and other.date > lead.date) \
        or (_step_leads(lead, other) and other.date < lead.date)


def _step_leads(lead: Record, other: Record) -> bool:
    """The news is the step (a case opened, suspects detained) about the event the text tells next."""
    return lead.event_type in _STEPS and other.event_type in _EVENT_TYPES and (
        _opens_a_case(lead.quote) or _names_suspects(lead.quote) or _names_the_act(lead.quote, other.quote))


_CASE_TYPES = frozenset({"legal_action", "censorship"})
# A sentence about the person of the case told just before: "He was arrested on April 27",
# "Його затримали ще в 2023 році", "Ранее он был осужден".
_PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:earlier|previously|раніше|ранее)\W+)?(?:he|she|they|він|вона|вони|його|її|їх|он|она|они|его|её|ее|их)(?!\w)",
    re.IGNORECASE)


def _earlier_step_of_case(lead: Record, other: Record) -> bool:
    """In court news, the earlier steps of the same person's case (the arrest, the charge) told
    after the verdict belong to the case, though the text dates them apart."""
    return lead.event_type in _CASE_TYPES and other.event_type in _CASE_TYPES | {"desertion"} \
        and bool(_PRONOUN_SUBJECT.search(other.quote))


def _is_step_of(lead: Record, other: Record) -> bool:
    """The arrest, charge or custody of the people of an event told just before."""
    return other.event_type == "legal_action" and lead.event_type != "legal_action" \
        and bool(_BACK_REFERENCE.search(other.quote[:160]))


# Events a case can be opened about; a verdict stays the legal step it is.
_EVENT_TYPES = frozenset({"resistance", "attack_on_officials", "abuse_of_conscripts", "mobilization_detention",
                          "border_incident"})
_CASE_OPENED = re.compile(
    r"(?<!\w)(?:розпоча\w* (?:\w+ )?(?:кримінальн\w* )?провадженн|відкри\w* (?:\w+ )?(?:кримінальн\w* )?провадженн|"
    r"внесл\w* (?:\w+ )?до єдиного реєстру|возбу[дж]\w* (?:\w+ )?(?:уголовн\w* )?дел|"
    r"(?:opened|launched|initiated|started) (?:a |an )?(?:criminal )?(?:case|proceedings|investigation))",
    re.IGNORECASE)
_VERDICT = re.compile(r"(?<!\w)(?:вирок|засуд|приговор|осуди|осужд|sentenced|convicted|verdict)", re.IGNORECASE)


# "detained three officers suspected of inflicting fatal injuries": an arrest told as the news of the
# act the next paragraphs date
_SUSPECTED = re.compile(r"(?<!\w)(?:підозрю\w*|підозр\w* у|подозрева\w*|подозрени\w* в|suspected of|on suspicion of|"
                        r"обвинувачу\w*|обвиня\w*|accused of)", re.IGNORECASE)


def _names_suspects(quote: str) -> bool:
    lead = _first_sentence(quote)
    return bool(_SUSPECTED.search(lead)) and not _VERDICT.search(lead)


def _names_the_act(quote: str, other: str) -> bool:
    """"Суд арештував чоловіка, який напав на працівника ТЦК": the step's first sentence names the act
    of its people, of the kind the next sentence tells and dates; a verdict is news of its own."""
    lead = _first_sentence(quote)
    if _VERDICT.search(lead):
        return False
    named = {name for name in find_cues(lead) if name in _EVENT_FAMILIES}
    return bool(named) and bool(named.intersection(find_cues(_first_sentence(other))))


def _opens_a_case(quote: str) -> bool:
    lead = _first_sentence(quote)
    return bool(_CASE_OPENED.search(lead)) and not _VERDICT.search(lead)


def _absorb(lead: Record, other: Record, text: str, last: bool, published: date | None = None) -> Record:
    """``lead`` joined by ``other``; the quote runs on to ``other`` when no record lies between."""
    event_type = other.event_type if other.event_type in _GRAVER.get(lead.event_type, ()) else lead.event_type
    if lead.event_type == "legal_action" and _step_leads(lead, other):
        event_type = other.event_type   # "a criminal case was opened": the case is about the event told next
    date_, precision = lead.date, lead.date_precision
    if _step_leads(lead, other) and other.date is not None:
        date_, precision = other.date, other.date_precision   # the incident is the event, dated by the text
    elif date_ is None and (not _is_step_of(lead, other) or _tells_the_event(other)) \
            and not _case_history(lead, other, published) and not _RECALL.search(other.quote):
        date_, precision = other.date, other.date_precision   # a bare step's date is not the event's
    start, end = lead.start, lead.end
    if last and other.end > end:
        end = other.end
    return replace(
        lead,
        quote=text[start:end],
        end=end,
        event_type=event_type,
        date=date_,
        date_precision=precision,
        location=_finer_place(lead.location, other.location),
        fatalities=_most(lead.fatalities, other.fatalities),
        injured=_most(lead.injured, other.injured),
        detained=_most(lead.detained, other.detained),
        actors=tuple(dict.fromkeys(lead.actors + other.actors)),
        confidence=max(lead.confidence, other.confidence),
    )


# How long before publication a dated act told in court news is the case's history, not the step's day.
CASE_HISTORY_DAYS = 30
_COURT_STEP = frozenset({"court", "verdict"})
# a notice of suspicion or a charge served: "оголосили підозру", "повідомили про підозру", "предъявили
# обвинение", "charged with"
_NOTICE = re.compile(r"(?<!\w)(?:(?:оголос|повідом|вруч)\w* (?:про )?підозр|"
                     r"(?:сообщ|предъяв)\w* (?:о подозрении|обвинени)|charged with|indicted)", re.IGNORECASE)


def _case_history(lead: Record, other: Record, published: date | None) -> bool:
    """The lead tells a case step as the news (a court's decision, a notice of suspicion) with no date
    of its own; the dated sentence after it tells the case file's story, weeks or years before
    publication ("the court sentenced him … on 3 April 2022 he posted …", "суд встал на сторону
    работников … за период с мая по октябрь 2025 года"). The step is news of its own day."""
    if published is None or other.date is None or lead.date is not None:
        return False
    first = _first_sentence(lead.quote)
    cues = set(find_cues(first))
    if not (cues & _COURT_STEP or ("legal" in cues and (_SUSPECTED.search(first) or _NOTICE.search(first)))):
        return False
    if _COURT_STEP.intersection(find_cues(_first_sentence(other.quote))):
        return False   # "the verdict was delivered on 3 December": the step's own day
    try:
        told = date.fromisoformat(_first_day(other.date))
    except ValueError:
        return False
    return (published - told).days > CASE_HISTORY_DAYS


def _first_sentence(quote: str) -> str:
    return re.split(r"(?<=[.!?…])\s", quote, maxsplit=1)[0]


def _first_day(value: str) -> str:
    """The first day of a stored date of any precision ("2024", "2024-07", "2024-07-12")."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


# Cue families that state an event itself (not a legal step or a consequence).
_EVENT_FAMILIES = ("attack", "resist", "abuse", "desert", "protest", "labor", "border", "clash", "mobilize")


def _tells_the_event(record: Record) -> bool:
    """The step's sentence retells the event ("on 14 August he attacked a police officer …")."""
    cues = find_cues(record.quote)
    return any(name in cues for name in _EVENT_FAMILIES)


def _finer_place(lead: Location | None, other: Location | None) -> Location | None:
    """The lead's place, unless the other names a more precise place inside it."""
    if lead is None:
        return other
    if other is None or (_breadth(other), other.geo_precision) >= (_breadth(lead), lead.geo_precision):
        return lead   # a region is finer than its country, though ACLED gives both precision 3
    return other if _places_agree(lead, other) else lead


def _most(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


_BEATING = re.compile(
    r"(?<!\w)(?:побил\w*|побит\w*|побиття|избил\w*|избит\w*|избива\w*|избиени\w*|били|бил[аи]?|"
    r"б'ють|бьют|катува\w*|пытал\w*|в крові|в крови|закривавлен\w*|окровавлен\w*|"
    r"beat(?:en|ing)?|bloodied|tortured)(?!\w)", re.IGNORECASE)


def _beaten_one(record: Record) -> Record:
    """A beating in custody or in a detention injures: one victim when the report counts none."""
    if record.event_type != "abuse_of_conscripts" or record.injured is not None or record.fatalities is not None:
        return record
    if not _BEATING.search(record.quote):
        return record
    return replace(record, injured=1)


# A reminder of an earlier incident ("Раніше у Вінниці …", "Нагадаємо, нещодавно …", "Earlier,
# in Uman …"): not the news of the publication day; with no date of its own it stays undated.
_RECALL = re.compile(
    r"^\W*(?:раніше|нагадаємо|нагадуємо|ранее|напомним|напоминаем|earlier|previously|recall that|"
    r"as a reminder)(?!\w)", re.IGNORECASE)


def _publication_date(record: Record, published: date, precision: str) -> Record:
    if record.kind != "incident":
        return record
    if record.date is not None:
        return record if record.date_source else replace(record, date_source="text")
    if _RECALL.search(record.quote):
        return record
    if precision == "year":
        return replace(record, date=str(published.year), date_precision="year", date_source="publication")
    return replace(record, date=published.isoformat(), date_precision="day", date_source="publication")
