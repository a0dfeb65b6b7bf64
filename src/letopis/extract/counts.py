"""Counts of people killed, injured and detained in one incident passage.

For each consequence cue ("were detained", "загинув", "ранены") the count is
the number attached to it in the same clause: a number mention (digits or
number words, never an age, a year or a date) next to a person noun or to the
cue itself; failing that, a singular person or a singular verb form counts as
one. Several cues of one family in a passage usually describe the same people
("died … his body was found"), so the family takes the largest figure, not
the sum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from letopis.extract.cues import cue_pattern
from letopis.extract.numbers import NumberMention, find_numbers

_CLAUSE_BREAK = re.compile(r"[.;:!?]|,\s+(?:а|але|но|однак|однако|while|but|whereas)\s|\s[–—]\s")

PERSON = (
    r"(?:чолов\w*|жін\w*|жінок|люд\w*|осіб|особ\w*|хлопц\w*|хлопець|юнак\w*|мешкан\w*|воді\w*|"
    r"військов\w*|мобілізован\w*|ухилянт\w*|громадян\w*|працівник\w*|співробітник\w*|"
    r"прикордонник\w*|поліцейськ\w*|правоохоронц\w*|підлітк\w*|студент\w*|батьк\w*|син\w*|"
    r"мужчин\w*|женщин\w*|человек\w*|парн\w*|парень|жител\w*|водител\w*|военн\w*|"
    r"мобилизованн\w*|призывник\w*|граждан\w*|рабоч\w*|сотрудник\w*|полицейск\w*|подростк\w*|"
    r"men|man|women|woman|people|persons?|boys?|guys?|residents?|drivers?|servicem[ae]n|soldiers?|"
    r"officers?|conscripts?|recruits?|deserters?|workers?|employees?|teenagers?|students?|"
    r"fathers?|sons?|locals?|citizens?|civilians?|migrants?|individuals?|others?|detainees?|"
    r"suspects?|protesters?|guards?)"
)
_PERSON_RE = re.compile(r"(?<!\w)" + PERSON + r"(?!\w)", re.IGNORECASE)

_SINGULAR = re.compile(
    r"(?<!\w)(?:a|an|one|the)\s+(?:\d+-year-old\s+|young\s+|local\s+|elderly\s+)?"
    r"(?:man|woman|resident|driver|serviceman|soldier|officer|conscript|recruit|deserter|worker|"
    r"teenager|student|father|son|guy|citizen|civilian|migrant|detainee|suspect|person|employee)(?!\w)"
    r"|(?<!\w)(?:he|she)\s+(?:was|died|had)(?!\w)"
    r"|(?<!\w)(?:чоловік|чоловіка|жінка|жінку|хлопець|хлопця|юнак|юнака|мешканець|мешканця|мешканка|"
    r"водій|водія|військовий|військового|військовослужбовець|військовослужбовця|мобілізований|"
    r"мобілізованого|ухилянт|ухилянта|підліток|підлітка|чоловіку)(?!\w)"
    r"|(?<!\w)(?:мужчина|мужчину|женщина|женщину|парень|парня|житель|жителя|жительница|водитель|"
    r"водителя|военнослужащий|военнослужащего|мобилизованный|мобилизованного|призывник|призывника|"
    r"подросток|подростка)(?!\w)"
    r"|(?<!\w)(?:загинув|загинула|помер|померла|був затриманий|була затримана|затриманий|"
    r"погиб|погибла|умер|умерла|был задержан|была задержана|задержанный|"
    r"was (?:killed|detained|injured|wounded|arrested|taken))(?!\w)",
    re.IGNORECASE,
)

_NONE = re.compile(
    r"(?<!\w)(?:no one|nobody|no (?:one was |people were )?(?:injur|hurt|kill|casualt)|"
    r"ніхто не|без постраждалих|ніхто з|никто не|без пострадавших|обошлось без)",
    re.IGNORECASE,
)

FAMILIES = {"fatalities": "death", "injured": "injury", "detained": "detain"}


@dataclass(frozen=True)
class Counts:
    fatalities: int | None
    injured: int | None
    detained: int | None


def count_people(text: str, lang: str, numbers: list[NumberMention] | None = None) -> Counts:
    """Counts for one passage of text."""
    if numbers is None:
        numbers = find_numbers(text, lang)
    usable = [n for n in numbers if not n.is_age]
    found: dict[str, int | None] = {}
    for field_name, family in FAMILIES.items():
        found[field_name] = _family_count(text, family, usable)
    return Counts(**found)


def _family_count(text: str, family: str, numbers: list[NumberMention]) -> int | None:
    best: int | None = None
    lowered = text.lower()
    for match in cue_pattern(family).finditer(lowered):
        clause_start, clause_end = _clause(lowered, match.start())
        clause = lowered[clause_start:clause_end]
        if _NONE.search(clause):
            value: int | None = 0
        else:
            value = _attached_number(lowered, match.start(), match.end(), clause_start, clause_end, numbers)
            if value is None and _SINGULAR.search(clause):
                value = 1
        if value is not None and (best is None or value > best):
            best = value
    return best


def _clause(text: str, at: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, at):
        start = m.end()
    nxt = _CLAUSE_BREAK.search(text, at)
    return start, (nxt.start() if nxt else len(text))


def _attached_number(text: str, cue_start: int, cue_end: int, lo: int, hi: int,
                     numbers: list[NumberMention]) -> int | None:
    candidates: list[tuple[int, int]] = []
    for n in numbers:
        if n.start < lo or n.end > hi:
            continue
        distance = cue_start - n.end if n.end <= cue_start else n.start - cue_end
        if distance > 60:
            continue
        after = text[n.end:n.end + 40]
        before_cue = n.end <= cue_start
        person_follows = bool(re.match(r"\s*(?:[\w'’-]+\s+){0,2}?" + PERSON, after, re.IGNORECASE))
        if person_follows or distance <= 12 or (before_cue and distance <= 25):
            candidates.append((0 if person_follows else 1, abs(distance)) + (n.value,))  # type: ignore[arg-type]
    if not candidates:
        return None
    candidates.sort()
    return candidates[0][2]  # type: ignore[misc]
