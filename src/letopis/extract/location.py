"""Choosing the place of one incident among the place mentions of a report.

The gazetteer finds mentions and their candidate places; this module decides,
for a passage, which mention is the scene of the event and how precise it is
(ACLED geo_precision): the named settlement is 1; "near" a settlement, or a
district, is 2; a region or country alone is 3. Organisation names ("Lviv
Regional Prosecutor's Office") count as evidence of the area they cover, after
plain mentions of a settlement.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from letopis.extract.country import terms_country
from letopis.gazetteer import Gazetteer, Place, PlaceMention
from letopis.gazetteer.sources import REGION_COUNTRIES
from letopis.model import Location

_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\boutside|not far from|\bclose to|on the outskirts of|\bbeside|"
    r"(?<!\w)(?:біля|поблизу|неподалік від|неподалік|під|на околиці|поруч із|поряд з|недалеко від|"
    r"около|возле|под|недалеко от|вблизи|на окраине|рядом с))"
    r"\s+(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+|"
    r"(?:села|селища|міста|смт|с\.|м\.|деревни|поселка|посёлка|города|г\.|пгт)\s+)?$",
    re.IGNORECASE,
)

_LEVEL_RANK = {"settlement": 0, "district": 1, "admin1": 2, "country": 3}
PRECISION = {"settlement": 1, "district": 2, "admin1": 3, "country": 3}   # of a place named, by its level


def _is_near(text: str, mention: PlaceMention) -> bool:
    return bool(_NEAR_BEFORE.search(text[max(0, mention.start - 40):mention.start]))


# A name inside another proper name is rarely the scene: "a Molotov cocktail", "the Lisova
# metro station", "Independence Square", "the Central District Court of …".
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:a|an|the)\s+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"^\s+[A-Z][a-z]")


_DATELINE_MARK = re.compile(r"[ \t]*[•·|/][ \t]*\S")
_DATELINE_DATE = re.compile(
    r",?[ \t]+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|січ|лют|бер|квіт|трав|черв|лип|серп|верес|жовт|лист|груд|"
    r"янв|фев|мар|апр|мая|июн|июл|авг|сен|окт|ноя|дек)\w*)\b(?:,?[ \t]+\d{4})?[ \t]*[—–-]",
    re.IGNORECASE)
# Where a person lives is not where the event happened: "a resident of Kyiv", "жителя Одеської
# області" (a region of residence; "житель Харкова напав" in local news does place the event).
_HOME_BEFORE = re.compile(r"(?<!\w)(?:residents? of|natives? of)\s+(?:the\s+)?"
                          r"(?:[\w'’-]+(?:\s+(?:region|oblast|province))?(?:,\s*|\s+and\s+))*$", re.IGNORECASE)
# The country a man tried to cross into is not where he was caught: "to Hungary", "border with
# Romania", "до Румунії", "в Молдову", "границу с Польшей".
_DESTINATION_BEFORE = re.compile(
    r"(?<!\w)(?:to|into|towards|border with|border of|до|в|у|во|на територію|кордон\w* з|кордоні з|"
    r"границ\w* с|на территорию)\s+$", re.IGNORECASE)
# "three Kiev residents", "four Transcarpathia natives": where they live.
_HOME_AFTER = re.compile(r"(?:\s+(?:region|oblast|province))?\s+(?:residents?|natives?)\b", re.IGNORECASE)
_REGION_HOME_BEFORE = re.compile(r"(?<!\w)(?:жител\w*|мешкан\w*|уродженц\w*|уроженц\w*)\s+(?:\w+,?\s+){0,3}$",
                                 re.IGNORECASE)


# The war named as background is not the scene of a trial or a fine: "criticism of the Kremlin's
# action in Ukraine", "sent troops into Ukraine", "противником СВО на территории Украины".
_WAR_CONTEXT_BEFORE = re.compile(
    r"(?<!\w)(?:war|invasion|aggression|action|actions|operation|troops|army|offensive|conflict)\s+"
    r"(?:(?:of|by)\s+(?:the\s+)?[\w'’-]+\s+)?(?:(?:in|into|on|against|of|with)\s+)(?:the\s+)?$|"
    r"(?<!\w)(?:войн\w*|вторжени\w*|операци\w*|агресси\w*|війн\w*|вторгненн\w*|операці\w*|агресі\w*|сво)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:(?:в|во|на|с|со|против|проти|з|із|до|у)\s+)?(?:территории\s+|території\s+)?$|"
    # a country supported, helped or given money: "donated $54 to Ukraine's military", "support Ukraine",
    # "помощь Украине", "допомогу Україні", "на стороне Украины"
    r"(?<!\w)(?:support(?:ing|ed|s)?|help(?:ing|ed|s)?|aid(?:ing|ed)?|donat\w+(?:\s+[\w$€£.,]+){0,3}\s+to|"
    r"assistance\s+to|помощ\w*|допомог\w*|поддержк\w*|підтримк\w*|на\s+сторон[еіи])\s+$",
    re.IGNORECASE)
# "the Ukraine offensive", "Ukraine's military", "Russia's war": the country as the war's owner or party
_WAR_CONTEXT_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:war|offensive|invasion|conflict|military|army|armed\s+forces|troops)(?!\w)", re.IGNORECASE)


# The place of another event a person spoke or wrote about is the topic, not the scene: "говорил про
# события в украинской Буче", "posts about the killings in Irpin", "the Bucha massacre".
_TOPIC_BEFORE = re.compile(
    r"(?<!\w)(?:событи\w*|події|подій|подію|events?|massacres?|killings?|tragedy|трагеди\w*|трагеді\w*|"
    r"убийств\w*|вбивств\w*|злочин\w*|преступлени\w*|war crimes|военн\w* преступлени\w*|воєнн\w* злочин\w*)\s+"
    r"(?:in|at|в|у|во)\s+(?:(?:the\s+)?[\w'’-]+\s+)?$", re.IGNORECASE)
_TOPIC_AFTER = re.compile(r"\s+(?:massacre|killings|tragedy|atrocities)\b", re.IGNORECASE)


def _is_topic(text: str, mention: PlaceMention) -> bool:
    return bool(_TOPIC_BEFORE.search(text[max(0, mention.start - 60):mention.start])
                or _TOPIC_AFTER.match(text, mention.end))


def _is_war_background(text: str, mention: PlaceMention) -> bool:
    before = text[max(0, mention.start - 50):mention.start]
    return mention.level == "country" and bool(_WAR_CONTEXT_BEFORE.search(before)
                                               or _WAR_CONTEXT_AFTER.match(text, mention.end))


def is_home(text: str, mention: PlaceMention) -> bool:
    before = text[max(0, mention.start - 50):mention.start]
    if _HOME_BEFORE.search(before) or _HOME_AFTER.match(text, mention.end):
        return True
    if mention.level == "country" and (found := _DESTINATION_BEFORE.search(before[-30:])):
        # "в"/"у"/"на" lead somewhere only with the accusative ("в Молдову", "у Польщу", "в
        # Казахстан"); "в России", "в Україні" say where, not whither
        word = found.group(0).strip().lower()
        return word not in ("в", "у", "во", "на") or mention.surface[-1:].lower() in "уюбвгджзклмнпрстфхцчшщ"
    return mention.level == "admin1" and bool(_REGION_HOME_BEFORE.search(before))


def _embedded(text: str, mention: PlaceMention, others: frozenset[int]) -> bool:
    """``others``: where the passage's other place mentions start."""
    if _ARTICLE_BEFORE.search(text[max(0, mention.start - 5):mention.start]):
        return True
    if mention.surface.isupper() and len(mention.surface) > 3 and re.match(r"\s*(?:,|[—–-]\s)",
                                                                            text[mention.end:mention.end + 3]):
        return True  # a dateline ("UZHHOROD — …") says where the report was filed
    line_start = mention.start == 0 or text[mention.start - 1] == "\n"
    if line_start and (_DATELINE_MARK.match(text, mention.end) or _DATELINE_DATE.match(text, mention.end)):
        return True   # "Kyiv • UNN", "New York, September 8, 2023—": where the report was filed
    after = text[mention.end:mention.end + 3]
    follower = mention.end + 1 in others or mention.end + 2 in others
    return bool(_CAPITAL_AFTER.match(after)) and not follower


def _rank(text: str, mention: PlaceMention, others: frozenset[int]) -> tuple[int, int, int, int, int]:
    # A place in the region Letopis covers beats a far-away namesake the passage also names
    # ("migrants from Central Asia" → Asia, Philippines; the raid was in Rostov-on-Don).
    far = 0 if any(c.country in REGION_COUNTRIES for c in mention.candidates) else 1
    return (far, 1 if is_home(text, mention) else 0, _LEVEL_RANK.get(mention.level, 4),
            1 if _embedded(text, mention, others) else 0, 1 if mention.in_org else 0)


def choose_location(text: str, inside: Sequence[PlaceMention], context: Sequence[PlaceMention],
                    gazetteer: Gazetteer, *, homes: bool = True) -> Location | None:
    """The best place among ``inside`` (mentions in the passage), resolved with ``context``;
    ``homes=False`` leaves out where the people live ("residents of Lviv and Odesa regions")."""
    starts = frozenset(m.start for m in inside)
    if not homes:
        inside = [m for m in inside if not is_home(text, m)]
    ordered = sorted(inside, key=lambda m: (_rank(text, m, starts), m.start))
    countries = {m.candidates[0].country for m in context if m.level in ("settlement", "admin1") and m.candidates
                 and not m.in_org}
    for mention in ordered:
        if is_dateline(text, mention) or _is_war_background(text, mention) or _is_topic(text, mention):
            continue   # "MOSCOW, August 26. /TASS/": where the report was filed, not the scene
        place = gazetteer.resolve(mention, context)
        if place is None:
            continue
        region = detachment_region(text, mention, place, gazetteer)
        if region is not None:
            return region   # "the Mukachevo border detachment" guards a stretch of the region
        if mention.in_org and countries and place.country not in countries:
            continue   # "Приморский районный ТЦК" in a report on Odesa is not Vladivostok's district
        if _stray_village(text, place, context):
            continue   # "в районе Перово" of a Moscow report is not the Ukrainian village Perove
        precision = PRECISION.get(place.level, 3)
        if precision == 1 and _is_near(text, mention):
            precision = 2
        return to_location(place, precision)
    return None


# A village smaller than this, in a country the report's own terms do not point to, needs its country
# named to be the scene.
_STRAY_POPULATION = 20_000


def _stray_village(text: str, place: Place, context: Sequence[PlaceMention]) -> bool:
    """A small settlement of one country in a report whose terms (ТЦК, военкомат, hryvnias, roubles …)
    point to the other, with neither its region nor its country named: a namesake, not the scene."""
    if place.level != "settlement" or place.population >= _STRAY_POPULATION or place.country not in ("UA", "RU"):
        return False
    home = terms_country(text)
    if home is None or home == place.country:
        return False
    return not any(m.level in ("admin1", "country") and m.candidates and m.candidates[0].country == place.country
                   for m in context)


# A border guard detachment named after its seat covers a stretch of the border of its region.
_DETACHMENT_AFTER = re.compile(
    r"[ \t]+(?:border[ \t]+(?:guard[ \t]+)?)?detachment|[ \t]+прикордонн\w*[ \t]+заго?н\w*|[ \t]+загону|"
    r"[ \t]+погранотряд\w*|[ \t]+пограничн\w*[ \t]+отряд\w*", re.IGNORECASE)


def detachment_region(text: str, mention: PlaceMention, place: Place, gazetteer: Gazetteer) -> Location | None:
    """The region of a border guard detachment named after its seat ("the Mukachevo border
    detachment", "Мукачівський прикордонний загін"), or None when the mention names no detachment."""
    if place.level != "settlement" or not names_detachment(text, mention):
        return None
    return _region_of(place, gazetteer)


def names_detachment(text: str, mention: PlaceMention) -> bool:
    return mention.level == "settlement" and bool(_DETACHMENT_AFTER.match(text, mention.end))


def _region_of(place: Place, gazetteer: Gazetteer) -> Location | None:
    if not place.admin1:
        return None
    region = next((p for p in gazetteer.lookup(place.admin1) if p.level == "admin1" and p.country == place.country),
                  None)
    return to_location(region, 3) if region else None


def is_dateline(text: str, mention: PlaceMention) -> bool:
    """An upper-case place name opening the text or a line, before a comma, a dash or a bracket;
    or any place name opening a line before an outlet's mark ("Kyiv • UNN", "Львів / Суспільне")."""
    line_start = mention.start == 0 or text[mention.start - 1] == "\n"
    if line_start and (_DATELINE_MARK.match(text, mention.end) or _DATELINE_DATE.match(text, mention.end)):
        return True   # "Kyiv • UNN", "New York, September 8, 2023—"
    if not (mention.surface.isupper() and len(mention.surface) > 3):
        return False
    if mention.start and text[mention.start - 1] not in "\n":
        return False
    return bool(re.match(r"\s*(?:,|[—–-]\s|\()", text[mention.end:mention.end + 3]))


def to_location(place: Place, precision: int) -> Location:
    return Location(
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        geo_precision=precision,
    )


class ReportMentions(list[PlaceMention]):
    """The place mentions of one report in text order, with look-ups by position that cost a
    bisection, so that a long digest takes time in proportion to its length."""

    def __init__(self, mentions: Iterable[PlaceMention], text: str | None = None) -> None:
        super().__init__(mentions)
        self.starts = [m.start for m in self]
        # a country named as the war's party or a topic ("the invasion of Ukraine", "помощь Украине")
        # is no evidence for the namesakes of the whole report
        background = {id(m) for m in self if m.level == "country" and text is not None
                      and (_is_war_background(text, m) or _is_topic(text, m))}
        self.background = background
        self.countries = [m for m in self if m.level == "country" and id(m) not in background]

    def between(self, low: int, high: int) -> list[PlaceMention]:
        """Mentions that start in [low, high)."""
        return self[bisect_left(self.starts, low):bisect_left(self.starts, high)]

    def around(self, start: int, end: int) -> list[PlaceMention]:
        """Mentions that may decide ambiguity for a passage: countries anywhere, regions and
        the rest nearby (a region named three paragraphs away must not pull "Nikolaev" to a
        Lviv-oblast village)."""
        near = self.between(start - 399, end + 200)
        if self.background:
            near = [m for m in near if id(m) not in self.background]
        if not self.countries:
            return near
        inside = {id(m) for m in near}
        return sorted(near + [m for m in self.countries if id(m) not in inside], key=lambda m: m.start)
