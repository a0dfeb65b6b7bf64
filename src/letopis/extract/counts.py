"""Counts of people killed, injured and detained in one incident passage.

For each consequence cue ("were detained", "загинув", "ранены") the count is
the number attached to it in the same clause: a number mention (digits or
number words, never an age, a year or a date) next to a person noun or to the
cue itself; failing that, a singular person, a singular object ("detained the
administrator", "затримала адміністратора") or a singular pronoun counts as
one, and a plural pronoun ("їх затримали") takes the figure of the people named
just before. Several cues of one family in a passage usually describe the same
people ("died … his body was found"), so the family takes the largest figure,
not the sum. "No one was hurt" makes the family 0 when nothing else counts.

What counts follows docs/records.md: the man freed by a crowd and the suspect
placed in custody were detained; people beaten in custody were injured, but
the beating behind a charge is not counted on the court record.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass

from letopis.extract.cues import CUES
from letopis.extract.numbers import NumberMention, find_numbers

_RELATIVE = r"(?:who|whose|which|який|яка|які|якого|яких|чиїх|чиї|чий|котор\w*|чьих|чей|чья)"
_CLAUSE_BREAK = re.compile(
    r"[.;:!?]|,\s+(?:а|але|но|однак|однако|while|but|whereas)\s|\s[–—]\s|,\s+" + _RELATIVE + r"\s",
    re.IGNORECASE,
)

PERSON = (
    r"(?:чолов\w*|жін\w*|жінок|люд\w*|осіб|особ\w*|хлопц\w*|хлопець|юнак\w*|мешкан\w*|воді\w*|"
    r"військов\w*|мобілізован\w*|ухилянт\w*|громадян\w*|працівник\w*|співробітник\w*|учасник\w*|"
    r"прикордонник\w*|поліцейськ\w*|правоохоронц\w*|підлітк\w*|студент\w*|батьк\w*|син\w*|односельц\w*|"
    r"курсант\w*|строковик\w*|солдат\w*|"
    r"мужчин\w*|женщин\w*|человек\w*|парн\w*|парень|жител\w*|водител\w*|военн\w*|участник\w*|"
    r"мобилизованн\w*|призывник\w*|граждан\w*|рабоч\w*|сотрудник\w*|полицейск\w*|подростк\w*|"
    r"срочник\w*|курсант\w*|мигрант\w*|"
    r"men|man|women|woman|people|persons?|boys?|guys?|residents?|drivers?|servicem[ae]n|soldiers?|"
    r"officers?|conscripts?|recruits?|deserters?|workers?|employees?|teenagers?|students?|"
    r"fathers?|sons?|locals?|citizens?|civilians?|migrants?|individuals?|others?|detainees?|"
    r"suspects?|protesters?|guards?|participants?|"
    # "двох із них", "two of them": the people were named before
    r"(?:з|із|из|of)\s+(?:них|them|the crowd|натовпу|толпы))"
)
_PERSON_RE = re.compile(r"(?<!\w)" + PERSON + r"(?!\w)", re.IGNORECASE)

_SINGULAR = re.compile(
    r"(?<!\w)(?:a|an|one|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:man|woman|resident|driver|serviceman|soldier|officer|conscript|recruit|deserter|worker|"
    r"teenager|student|father|son|guy|citizen|civilian|migrant|detainee|suspect|person|employee|victim|"
    r"brother|administrator|admin|teacher|pensioner|attacker|assailant|shooter|gunman)(?!\w)"
    r"|(?<!\w)(?:he|she)\s+(?:was|died|had|suffered)(?!\w)|(?<!\w)body of a(?!\w)"
    r"|(?<!\w)(?:one|один|одна|одного|одну|одній|одному)\s+(?:of|із|з|зі|из|с)\s"
    r"|(?<!\w)(?:чоловік|чоловіка|жінка|жінку|хлопець|хлопця|юнак|юнака|мешканець|мешканця|мешканка|"
    r"водій|водія|військовий|військового|військовослужбовець|військовослужбовця|мобілізований|"
    r"мобілізованого|ухилянт|ухилянта|підліток|підлітка|чоловіку|потерпілий|постраждалий|тіло|брата|"
    r"нападник|нападника|нападниця|стрілець|стрільця|підозрюваний|підозрюваного|зловмисник|зловмисника)(?!\w)"
    r"|(?<!\w)(?:мужчина|мужчину|мужчины|женщина|женщину|парень|парня|житель|жителя|жительница|водитель|"
    r"водителя|военнослужащий|военнослужащего|мобилизованный|мобилизованного|призывник|призывника|"
    r"подросток|подростка|пострадавший|потерпевший|тело|срочника|соседа|"
    r"нападавший|нападавшего|стрелок|стрелка|подозреваемый|подозреваемого|злоумышленник|злоумышленника)(?!\w)"
    r"|(?<!\w)(?:загинув|загинула|помер|померла|був затриманий|була затримана|затриманий|"
    r"погиб|погибла|умер|умерла|был задержан|была задержана|задержанный|"
    r"was (?:killed|detained|injured|wounded|arrested|taken))(?!\w)",
    re.IGNORECASE,
)

# A singular pronoun or a singular accusative noun right at the cue: "caught him",
# "його затримали", "затримала адміністратора", "задержала учительницу".
_PRONOUN_BEFORE = re.compile(r"(?<!\w)(?:його|її|его|её|ее)\s+(?:\w+\s+)?$", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"^\s+(?:him|her|його|її|его|её|ее)(?!\w)", re.IGNORECASE)
_PLURAL_PRONOUN = re.compile(r"(?<!\w)(?:їх|их|them)(?!\w)", re.IGNORECASE)
_PREPOSITION = r"(?:на|у|в|во|біля|возле|около|при|під|под|з|із|с|at|in|on|near|outside)"
_SLAVIC_OBJECT = re.compile(
    r"^\s+(?:" + _PREPOSITION + r"\s+\w+\s+)?([а-яіїєґё'’]+?(?:а|я|у|ю|ого|его))(?!\w)", re.IGNORECASE
)
_PLURAL_WORD = re.compile(r"(?:s|ів|их|ей|ов|ями|ам)$", re.IGNORECASE)

# Cue patterns of the three families as counted here (a superset of the event cues).
_WOUNDING = (r"stabbed|shot (?:a|an|the|him|her)\b|вдарив ножем|ударив ножем|ударил ножом|"
             r"поранили|поранив|ранил|отрима\w* (?:\w+ ){0,2}ран[уи]\b|получил\w* (?:\w+ ){0,2}ран[уы]\b")
_BEATING = (r"beaten|beat (?:him|her|them)|broke (?:his|her) (?:rib|jaw|arm|leg|nose)|"
            r"побили|побив|\bбили\b|избил|избива|зламал\w* (?:йому |їй )?(?:ребр|щелеп)|"
            r"сломал\w* (?:ему |ей )?(?:ребр|челюст)|сломана|зламан")
_FREEING = (r"відбил\w*|отбил\w*|freed|free the|освободил\w*|звільнил\w*|вытащил\w*|витягл\w*|"
            r"forced (?:a|an|the) |held in custody|placed (?:[\w-]+ ){0,4}in custody|"
            r"(?:взяв|узяв|взяли|узяли) під варту|заключ\w* под стражу|арестовал\w* на")
_FAMILY_RE = {
    "fatalities": re.compile(r"(?<!\w)(?:" + CUES["death"] + r")", re.IGNORECASE),
    "injured": re.compile(r"(?<!\w)(?:" + CUES["injury"] + "|" + _WOUNDING + r")", re.IGNORECASE),
    "beaten": re.compile(r"(?<!\w)(?:" + _BEATING + r")", re.IGNORECASE),
    "detained": re.compile(r"(?<!\w)(?:" + CUES["detain"] + "|" + _FREEING + r")", re.IGNORECASE),
    # the men stopped trying to cross a border were detained by the guards ("six men were unable to
    # cross the Tisza", "спробу трьох чоловіків потрапити до Молдови")
    "crossing": re.compile(r"(?<!\w)(?:" + CUES["crossing"] + r")", re.IGNORECASE),
}

_NONE = {
    "injured": re.compile(
        r"(?<!\w)(?:no one was (?:hurt|injured|hit|wounded)|nobody was (?:hurt|injured|hit|wounded)|"
        r"none of them was (?:hurt|injured)|no (?:one|people) (?:were |was )?(?:injured|hurt)|no injuries|"
        r"no casualties|ніхто не (?:постраждав|був поранений)|без постраждалих|постраждалих немає|"
        r"ніхто з них не постраждав|никто не пострадал|без пострадавших|пострадавших нет|"
        r"обошлось без пострадавших|никто из них не пострадал)", re.IGNORECASE),
    "detained": re.compile(
        r"(?<!\w)(?:no one was (?:detained|arrested)|nobody was (?:detained|arrested)|no arrests|"
        r"no one has been detained|нікого не затрима\w*|затриманих немає|без затримань|"
        r"никого не задержа\w*|задержанных нет|без задержаний)", re.IGNORECASE),
    "fatalities": re.compile(
        r"(?<!\w)(?:no one was killed|nobody was killed|no deaths|ніхто не загинув|без загиблих|"
        r"никто не погиб|погибших нет|без погибших)", re.IGNORECASE),
}


@dataclass(frozen=True)
class Counts:
    fatalities: int | None
    injured: int | None
    detained: int | None


# The event cue families without which a count family cannot match (a cheap skip).
_NEEDS = {"fatalities": {"death"}, "injured": {"injury", "attack", "abuse"}, "beaten": {"abuse"},
          "detained": {"detain", "resist", "legal", "mobilize", "protest"}}


def count_people(text: str, lang: str, numbers: list[NumberMention] | None = None,
                 event_type: str | None = None, antecedent: str = "",
                 cues: Collection[str] | None = None) -> Counts:
    """Counts for one passage of text; ``antecedent`` is the sentence before it and
    ``cues`` the cue families found in the passage, when known."""
    if numbers is None:
        numbers = find_numbers(text, lang)
    usable = sorted((n for n in numbers if not n.is_age and not _is_compound(text, n)), key=_start)
    lowered = text.lower()
    wanted = lambda name: cues is None or bool(_NEEDS[name] & set(cues))  # noqa: E731
    found: dict[str, int | None] = {}
    for name in ("fatalities", "injured", "detained"):
        found[name] = _family_count(lowered, name, usable, antecedent) if wanted(name) else None
    if event_type not in ("legal_action", "censorship") and found["fatalities"] is None and wanted("beaten"):
        # beating in custody injures; the beating behind a charge is the court's matter,
        # and a man beaten to death is counted among the dead
        beaten = _family_count(lowered, "beaten", usable, antecedent)
        found["injured"] = _larger(found["injured"], beaten)
    if found["fatalities"] is None and cues is not None and "crossing" in cues \
            and "death" not in cues:   # "the bodies of two men trying to cross": drowned, not detained
        crossing = _family_count(lowered, "crossing", usable, antecedent)
        if found["detained"] is None:
            found["detained"] = crossing
        elif crossing and _ALONG_WITH.search(lowered):
            found["detained"] += crossing   # "пятеро мужчин … Вместе с ними задержали и водителя"
    for name, pattern in _NONE.items():
        if found[name] is None and pattern.search(lowered):
            found[name] = 0
    return Counts(**found)


# the people of the crossing plus those detained with them
_ALONG_WITH = re.compile(r"(?<!\w)(?:вместе с ними|разом з ними|along with them|together with them)(?!\w)",
                         re.IGNORECASE)


def _larger(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _is_compound(text: str, n: NumberMention) -> bool:
    """"a two-hour standoff", "п'ятиповерховий": a number inside a compound word is no count."""
    return text[n.end:n.end + 1] in "-‐" and text[n.end + 1:n.end + 2].isalpha()


# "a detained man", "побили затриманого": a person already in custody, not a detention
_DETAINEE = re.compile(
    r"(?:затриман|задержанн)(?:ого|ому|им|ими|их|ых|ым|ыми)(?!\w)|detained (?:man|men|person|people)|detainees?",
    re.IGNORECASE)


# An arrest only meant or tried, not made: "щоб затримати", "чтобы задержать", "tried to detain",
# "спроба затримати", "попытались задержать".
_ONLY_MEANT = re.compile(
    r"(?<!\w)(?:щоб|щоби|аби|чтобы|намага\w*|спроб\w*|пыта\w*|попыт\w*|хоті\w*|хоте\w*|не змог\w*|не вдал\w*|"
    r"не удал\w*|tried|trying|attempt\w*|in order|failed|sought)(?:\s+(?:to|його|їх|її|его|их|ее|её))?\s+$",
    re.IGNORECASE)


def _family_count(lowered: str, name: str, numbers: list[NumberMention], antecedent: str) -> int | None:
    best: int | None = None
    matches = list(_FAMILY_RE[name].finditer(lowered))
    if not matches:
        return None
    for match in matches:
        end = _word_end(lowered, match.end())
        if name == "detained" and (_DETAINEE.match(lowered, match.start())
                                   or _ONLY_MEANT.search(lowered, max(0, match.start() - 30), match.start())):
            continue   # "fired into the air to detain the attacker", "намагалися затримати": no one was taken yet
        if name == "injured" and _FATAL_BEFORE.search(lowered, max(0, match.start() - 16), match.start()):
            continue  # "fatally shot", "смертельне поранення": counted among the dead
        if name == "fatalities" and _DEATH_AS_CAUSE.search(lowered, max(0, match.start() - 40), match.start()):
            continue  # "a memorial following the death of Navalny": the reason people gathered, not a death here
        lo, hi = _clause(lowered, match.start())
        if name in _NONE and _NONE[name].search(lowered, lo, hi):
            value: int | None = 0
        elif _ALL.search(lowered[max(lo, match.start() - 25):match.start()]) or _ALL.match(lowered, end):
            value = _group_before(lowered, match.start(), numbers, antecedent)
            if value is None:
                value = _attached_number(lowered, match.start(), end, lo, hi, numbers, name)
        else:
            value = _attached_number(lowered, match.start(), end, lo, hi, numbers, name)
            if value is None:
                value = _head_of_relative(lowered, match.start(), lo, numbers)
            if value is None:
                value = _implicit_count(lowered, match.start(), end, lo, hi, antecedent)
        if value is not None and value > 0:
            value = _with_additions(lowered, name, value, end, numbers)
        best = _larger(best, value)
    return best


_DEATH_AS_CAUSE = re.compile(
    r"(?<!\w)(?:following|after|mourn\w*|since|commemorat\w*|anniversary of|"
    r"після|у зв['’ʼ]язку (?:зі|з|із)|в пам['’ʼ]ять про|"
    r"после|в связи со|в связи с|в память о|годовщин\w*)\s+(?:the\s+)?$", re.IGNORECASE)
_FATAL_BEFORE = re.compile(r"(?:fatally|mortally|смертельн\w*)\s+$", re.IGNORECASE)

# "всех задержала полиция", "усіх затримали", "all of them were detained", "all were detained"
_ALL = re.compile(
    r"(?<!\w)(?:всех|всіх|усіх|все|всі|усі|all(?: of them)?|they all)(?:\s+(?:were|was|have been|had been))?\s*$"
    r"|\s+(?:всех|всіх|усіх|all of them)(?!\w)",
    re.IGNORECASE,
)


def _group_before(text: str, at: int, numbers: list[NumberMention], antecedent: str) -> int | None:
    """The largest group of people named before ``at`` ("семеро жён … Всех задержала"), or
    in the sentence before the passage."""
    values = [n.value for n in _between(numbers, at - GROUP_REACH, at)
              if n.end <= at and _person_follows(text, n)]
    if values:
        return max(values)
    return _antecedent_count(antecedent)


def _person_follows(text: str, n: NumberMention) -> bool:
    return bool(re.match(r"\s*(?:[\w'’-]+\s+){0,2}?" + PERSON, text[n.end:n.end + 40], re.IGNORECASE))


# One more person or group added to a figure just given, in the same sentence:
# "Двоє … отримали травми, ще один — перелом руки", "двое ранены, ещё трое", "and another two".
_MORE = re.compile(
    r"(?:,|;|—|–)\s*(?:і\s+|и\s+|та\s+|and\s+|а\s+)?(?:ще|ещё|еще|another|one more)\s+(?P<what>[\w'’]+)",
    re.IGNORECASE,
)
_ONE = re.compile(r"(?:один|одна|одного|одну|одному|one|a|an|man|woman|person|чоловік\w*|мужчин\w*|"
                  r"людин\w*|человек\w*)$", re.IGNORECASE)


_SENTENCE_STOP = re.compile(r"[.!?]")


def _with_additions(text: str, name: str, value: int, cue_end: int, numbers: list[NumberMention]) -> int:
    reach = min(len(text), cue_end + CLAUSE_REACH)
    stop = _SENTENCE_STOP.search(text, cue_end, reach)
    sentence_end = stop.start() if stop else reach
    m = _MORE.search(text, cue_end, sentence_end)
    if not m:
        return value
    tail = text[m.end():sentence_end]
    if any(p.search(tail) for other, p in _FAMILY_RE.items() if other != name):
        return value  # "двоє поранені, ще один загинув": another family's figure
    at = m.start("what")
    extra = next((n.value for n in numbers if n.start <= at < n.end and not n.is_age), None)
    if extra is None and _ONE.match(m.group("what")):
        extra = 1
    return value + extra if extra else value


def _between(numbers: list[NumberMention], lo: int, hi: int) -> list[NumberMention]:
    """The numbers (sorted by start) that start within [lo, hi]."""
    return numbers[bisect_left(numbers, lo, key=_start):bisect_right(numbers, hi, key=_start)]


def _start(n: NumberMention) -> int:
    return n.start


def _word_end(text: str, at: int) -> int:
    while at < len(text) and text[at].isalpha():
        at += 1
    return at


def _implicit_count(text: str, cue_start: int, cue_end: int, lo: int, hi: int,
                    antecedent: str) -> int | None:
    before, after = text[lo:cue_start], text[cue_end:hi]
    if re.search(r"(?<!\w)(?:him|her)$", text[cue_start:cue_end]):
        return 1  # "caught him"
    if _PLURAL_PRONOUN.search(before[-20:] + " " + after[:12]):
        return _antecedent_count(antecedent)
    if _SINGULAR.search(text[lo:hi]) or _PRONOUN_BEFORE.search(before) or _PRONOUN_AFTER.match(after):
        return 1
    if _singular_object(after):
        return 1
    return _one_person_by_form(text, cue_start, cue_end, lo, hi)


_CYRILLIC_WORD = re.compile(r"[а-яіїєґё'’-]+")
# A singular age adjective within the next few words: "33-летнего", "45-летнюю", "25-річного", "40-річну"
_SINGLE_AGE = re.compile(
    r"[^\S\n]*(?:[а-яіїєґё'’-]+[^\S\n]+){0,3}?\d{1,2}[-‑–]?(?:летн(?:его|юю|ий|яя)|річн(?:ого|у|ий|а))(?!\w)",
    re.IGNORECASE)
_UK_LETTERS = re.compile(r"[іїєґ]")


def _one_person_by_form(text: str, cue_start: int, cue_end: int, lo: int, hi: int) -> int | None:
    """One person, told by the grammatical number of the person noun at a Ukrainian or Russian cue
    (pymorphy3): "травмувався співробітник ТЦК", "водія Mercedes-Benz затримано",
    "задержали военнослужащего". The noun is looked for after the cue; before it only at a
    passive, impersonal or reflexive cue (before an active verb stands its agent, "поліцейський затримав").
    A plural noun there says nothing of how many."""
    word_end = _word_end(text, cue_start)
    cue_word = text[cue_start:word_end]
    if not _CYRILLIC_WORD.fullmatch(cue_word):
        return None
    from letopis.gazetteer.forms import analyzer

    lang = "uk" if _UK_LETTERS.search(text, lo, hi) else "ru"
    morph = analyzer(lang)
    cue_tags = [p.tag for p in morph.parse(cue_word)[:2]]
    active = any(t.POS == "VERB" and not ({"Refl", "Impe", "intr", "pssv"} & t.grammemes) for t in cue_tags) \
        and not cue_word.endswith(("ся", "сь"))
    if _SINGLE_AGE.match(text, max(word_end, cue_end), hi):
        return 1   # "задержали в Екатеринбурге 33-летнего россиянина": an age in the singular
    after = [m for m in _CYRILLIC_WORD.finditer(text, max(word_end, cue_end), hi)][:4]
    before = [m for m in _CYRILLIC_WORD.finditer(text, max(lo, cue_start - 60), cue_start)][-3:][::-1]
    # before an active verb stands its agent ("поліцейський затримав"), or a role word order does not
    # tell ("раненого доставили в больницу"): only the words after it are read
    for words in (after,) if active else (after, before):
        for m in words:
            word = m.group()
            if len(word) < 4 or not _PERSON_RE.fullmatch(word):
                continue
            parses = morph.parse(word)
            best = parses[0].score if parses else 0.0
            tags = [p.tag for p in parses if p.score >= best * 0.5]
            if any("plur" in t.grammemes for t in tags):
                return None
            if all(t.gender for t in tags):
                return 1
            return None
    return None


def _singular_object(after: str) -> bool:
    # English singular objects are found by _SINGULAR ("detained the administrator")
    slavic = _SLAVIC_OBJECT.match(after)
    return bool(slavic) and not _PLURAL_WORD.search(slavic.group(1))


def _antecedent_count(antecedent: str) -> int | None:
    """The number of people named last before the passage ("двое срочников … их задержали")."""
    found = None
    for n in find_numbers(antecedent, "uk" if re.search("[іїєґ]", antecedent) else "ru"
                          if re.search("[а-яё]", antecedent, re.IGNORECASE) else "en"):
        after = antecedent[n.end:n.end + 40]
        if not n.is_age and re.match(r"\s*(?:[\w'’-]+\s+){0,1}?" + PERSON, after, re.IGNORECASE) \
                and not _SUBGROUP.match(after):
            found = n.value
    return found


# "Двоих из них", "two of them": a part of the group named before, not the group "их" refers to
_SUBGROUP = re.compile(r"\s*(?:з|із|из|of)\s+(?:них|them)(?!\w)", re.IGNORECASE)


# How far a clause, a sentence or a group named before a cue is looked for: past this, a text
# with no punctuation (a 1 MB line) would make every cue scan the whole text, and reading
# would grow with the square of its length.
CLAUSE_REACH = 600
GROUP_REACH = 1500


_POSSESSIVE_RELATIVE = re.compile(r"(?<!\w)(?:whose|чиї\w*|чий|чия|чиє|чь\w+|чей)(?!\w)", re.IGNORECASE)
_OPENS_RELATIVE = re.compile(r",\s+" + _RELATIVE + r"\s$", re.IGNORECASE)


def _head_of_relative(text: str, cue_start: int, lo: int, numbers: list[NumberMention]) -> int | None:
    """"Двох громадян РФ, які намагались перетнути кордон, затримали": the verb's object stands before
    the relative clause that describes it (the clause began at ``lo`` and closed before the verb); "ще
    трьом, які травмувалися": the cue inside the clause tells of the number just before it."""
    opener = _OPENS_RELATIVE.search(text, max(0, lo - 12), lo)
    if opener is None:
        return None
    head = opener.start()
    inside = "," not in text[lo:cue_start]
    if inside and _POSSESSIVE_RELATIVE.search(opener.group(0)):
        return None   # "четверо жінок, чиїх синів забрали": the sons were taken, not the four women
    for n in reversed(_between(numbers, head - 40, head)):
        if n.end > head or n.is_age:
            continue
        if _person_follows(text, n):
            return n.value
        if inside and not text[n.end:head].strip():
            return n.value   # "Ще трьом, які травмувалися на кризі": the cue tells of the people just counted
    return None


def _clause(text: str, at: int) -> tuple[int, int]:
    start = max(0, at - CLAUSE_REACH)
    for m in _CLAUSE_BREAK.finditer(text, start, at):
        start = m.end()
    end = min(len(text), at + CLAUSE_REACH)
    nxt = _CLAUSE_BREAK.search(text, at, end)
    return start, (nxt.start() if nxt else end)


# Body parts and wounds counted after a number are not people.
_THING_AFTER = re.compile(
    r"\s*(?:[\w'’-]+\s+)?(?:ribs?|bones?|teeth|tooth|fingers?|stitches|wounds?|fractures?|injuries|"
    r"ребр\w*|ребер|зуб\w*|пальц\w*|пальц|пальці\w*|кістк\w*|кісток|костей|кост[иь]|шв(?:и|ів|ы|ов)|"
    r"перелом\w*|поранен(?:ня|ь)|ранени(?:я|й)|ран(?:и|ы|ень)|удар(?:и|ів|ы|ов)|"
    # vehicles: "stopped two minivans carrying 38 men"
    r"(?:mini)?vans?|cars?|buses|minibus(?:es)?|trucks?|boats?|vehicles?|"
    r"мікроавтобус\w*|автобус\w*|автомобіл\w*|машин\w*|вантажівк\w*|човн\w*|бус(?:а|и|ів)?|"
    r"микроавтобус\w*|автомобил\w*|грузовик\w*|лодк\w*|лодок)(?!\w)",
    re.IGNORECASE,
)


# People who act on others: a number of them before the cue counts the actors, not the victims.
_AGENT_AFTER = re.compile(
    r"\s*(?:[\w'’-]+\s+)?(?:police(?:\s+officers?|men)?|officers?|border guards?|guards|agents|"
    r"поліцейськ\w*|правоохоронц\w*|прикордонник\w*|полицейск\w*|пограничник\w*|силовик\w*|"
    r"(?:працівник|співробітник|сотрудник)\w* (?:поліції|тцк|полиции|военкомат\w*|фсб|сбу))(?!\w)",
    re.IGNORECASE)


def _attached_number(text: str, cue_start: int, cue_end: int, lo: int, hi: int,
                     numbers: list[NumberMention], name: str = "") -> int | None:
    candidates: list[tuple[int, int, int]] = []
    for n in _between(numbers, lo, hi):
        if n.start < lo or n.end > hi:
            continue
        distance = cue_start - n.end if n.end <= cue_start else n.start - cue_end
        if distance > 60:
            continue
        after = text[n.end:n.end + 40]
        if _THING_AFTER.match(after):
            continue  # "two broken ribs", "три ножові поранення": injuries, not people
        before_cue = n.end <= cue_start
        if name == "detained" and before_cue and _AGENT_AFTER.match(after):
            continue  # "11 police officers detained a mother": the number counts the officers
        if not before_cue and _SINGULAR.search(text[cue_end:n.start]):
            continue  # "detained a man; several civilians tried …": the man is the one counted
        person_follows = bool(re.match(r"\s*(?:[\w'’-]+\s+){0,2}?" + PERSON, after, re.IGNORECASE))
        if person_follows or distance <= 12 or (before_cue and distance <= 25):
            candidates.append((0 if person_follows else 1, abs(distance), n.value))
    if not candidates:
        return None
    candidates.sort()
    return candidates[0][2]
