"""Numbers of people in report text: digits, number words, vague quantities.

``find_numbers`` returns the numbers that may count people: digits
("19,000", "19 000", "19 тис.", "1,5 тыс.", "2.3 million"), number words in
English, Ukrainian and Russian with their inflection ("двох", "чотирьом",
"пятерых", "двумя" are normalised with pymorphy3), collective numerals
("двоє", "пятеро", "обоих") and vague quantities coded after ACLED
("several"/"кілька"/"несколько" → 3, "dozens"/"десятки" → 12,
"hundreds"/"сотні"/"сотни" → 100, "a dozen"/"дюжина" → 12).

Ages are returned flagged ``is_age`` so that counts ignore them. Numbers
that are not counts at all are left out: years standing alone, numbers
inside dates ("5 May", "two days earlier"), times ("14:30", "о 5 годині"),
article and part numbers ("ст. 336", "art. 408"), money, percentages,
durations ("5 років позбавлення волі"), ordinals ("92-га", "47th") and lone
"one"/"один" (a singular noun is the caller's business).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from letopis.extract.dates import find_dates
from letopis.extract.multiscan import MultiScan
from letopis.extract.number_words import VAGUE, VAGUE_SCALE, combine, norm, token
from letopis.extract.spans import DisjointSpans

__all__ = ["NumberMention", "find_numbers", "is_count_context"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    surface: str
    value: int
    vague: bool
    is_age: bool


# Number words are in letopis.extract.number_words (word_to_number, token, ...).
# Words that may join a vague word to a scale: "hundreds of thousands".
_EN_JOINERS = {"and", "of"}


# --------------------------------------------------------------------------- contexts

_MULT = (
    r"тис(?:яч[аі]?)?\.?|тыс(?:яч[аи]?)?\.?|thousand|млн\.?|мільйон\w*|миллион\w*|million|k(?!\w)"
)
_DIGITS = re.compile(
    r"(?<![\w.,:/+№#\-‐])(?P<num>\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?![\d])"
    r"(?:\s*(?P<mult>" + _MULT + r"))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_MULT_VALUE = {"т": 1000, "t": 1000, "м": 1_000_000, "m": 1_000_000, "k": 1000}

_QUALIFIER = re.compile(
    r"(?:more than|over|at least|about|around|nearly|almost|approximately|roughly|some|"
    r"as many as|up to|at most|понад|більше ніж|більш ніж|більше|щонайменше|принаймні|"
    r"не менше ніж|не менш ніж|не менше|близько|приблизно|майже|щонайбільше|более|больше|"
    r"свыше|не менее|по меньшей мере|как минимум|около|примерно|почти|порядка)\s+$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^(?:\s*-?\s*(?:year|yr)s?[\s-]+old|[-‐\s]*(?:річн|літн|летн)\w*|\s*years?\s+of\s+age)",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"(?:aged|age of|age|у віці|віком|в возрасте|возрастом)\s*(?:about|близько|около|)\s*$",
    re.IGNORECASE,
)
_YEARS_WORD = re.compile(r"^\s*(?:років|роки|рік|лет|года|год)(?!\w)", re.IGNORECASE)
_PERSON_NEAR = re.compile(
    r"(?:чолов\w*|жінк\w*|хлопц\w*|хлопець|юнак\w*|мешкан\w*|вод\w*|чоловік|ухилянт\w*|"
    r"мужчин\w*|женщин\w*|парн\w*|парень|жител\w*|водител\w*|призывник\w*|sold\w*|man|woman)"
    r"[^.;:!?\d]{0,25}$",
    re.IGNORECASE,
)
_PERSON_APPOSITION = re.compile(
    r"(?<!\w)(?:man|woman|driver|resident|suspect|soldier|serviceman|conscript|officer|teacher|worker|"
    r"student|father|son|attacker|victim|detainee|deserter|pensioner|"
    r"чоловік|жінка|водій|мешканець|мешканка|підозрюваний|нападник|військовий|військовослужбовець|"
    r"мужчина|женщина|водитель|житель|жительница|подозреваемый|нападавший|военный|военнослужащий)"
    r"\s*(?:,|\()\s*$",
    re.IGNORECASE,
)
_NOT_COUNT_AFTER = re.compile(
    r"^\s*(?:%|відсот\w*|процент\w*|percent|per cent|"
    r"грн\.?|гривн\w*|гривень|гривні|hryvni\w*|uah|₴|\$|usd|долар\w*|доллар\w*|dollars?|"
    r"євро|евро|euros?|€|руб\w*|roubles?|rubles?|₽|"
    r"км|кілометр\w*|километр\w*|kilomet\w*|km|miles?|метр\w*|meters?|metres?|кг|kg|тонн\w*|tons?|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|"
    r"секунд\w*|хвилин\w*|годин\w*|днів|дні|день|доби|діб|тижн\w*|місяц\w*|років|роки|рік|"
    r"минут\w*|час(?:а|ов)?|дней|дня|сут\w*|недел\w*|месяц\w*|лет|года?|"
    r"a\.?m\.?|p\.?m\.?|ранку|вечора|ночі|утра|вечера|ночи|"
    r"кк|ккУ|ук|купап|коап|cc)(?!\w)"
    r"|^(?:-?(?:st|nd|rd|th)|[-‐](?:й|го|га|ї|я|е|ий|ій|ої|му|ому|ая|ой|ое|ую|м|х|ти|ми))(?!\w)",
    re.IGNORECASE,
)
_NOT_COUNT_BEFORE = re.compile(
    r"(?:[$€₴£№#]|\bNo\.?|\bст\.|\bстатт\w*|\bстать\w*|\bart\.|\barticles?|\bч\.|\bчастин\w*|"
    r"\bчасти|\bчасть|\bpart|\bп\.|\bпункт\w*|\bномер\w*|\bnumber|\bрозділ(?:у|і|ом)?|\bглав[аиуеы]?)\s*$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"(?:\bст\.|\bстатт\w*|\bстать\w*|\bart\.|\barticles?|\bч\.|\bчастин\w*|\bчаст[ьи]|\bparts?|"
    r"\bп\.|\bпункт\w*|№|\bNo\.)\s*\d+(?:[-–.]\d+)*"
    r"(?:\s*(?:,|та|і|и|and|or|or)\s*\d+(?:[-–.]\d+)*)*",
    re.IGNORECASE,
)
_ANY_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)(?:\s*(?:a\.?m\.?|p\.?m\.?))?", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(
    r"^\s+(?:people|persons|men|women|осіб|людей|чоловіків|человек|мужчин)(?!\w)", re.IGNORECASE
)


def _classify(text: str, start: int, end: int, lang: str) -> str | None:
    """'age', 'count', or None when the number is not a count at all."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 40]
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "age"
    if _YEARS_WORD.match(after) and _PERSON_NEAR.search(before):
        return "age"
    if re.search(r"[A-ZА-ЯІЇЄҐ]\w+,\s*$", before) and re.match(r"^\s*,", after):
        return "age"  # "Ivan Petrenko, 37, was detained"
    if re.search(r"[A-ZА-ЯІЇЄҐ]\w+\s*\(\s*$", before) and re.match(r"^\s*\)", after):
        return "age"  # "Ivan Petrenko (37)"
    if (_PERSON_APPOSITION.search(before) and re.match(r"^\s*[,)]", after)
            and re.fullmatch(r"1[4-9]|[2-9]\d", text[start:end])):
        return "age"  # "the man, 29, was detained", "водій (52)"
    if _NOT_COUNT_AFTER.match(after) or _NOT_COUNT_BEFORE.search(before):
        return None
    return "count"


def is_count_context(text: str, start: int, end: int, lang: str) -> bool:
    """True when the number at text[start:end] may count people (not an age,
    money, duration, percentage, ordinal, article or time)."""
    return _classify(text, start, end, lang) == "count"


def _blocked_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in find_dates(text, lang)]
    if _ANY_DIGIT.search(text):   # articles and times are written with digits
        spans += [m.span() for m in _ARTICLE.finditer(text)]
        spans += [m.span() for m in _TIME.finditer(text) if ":" in m.group() or _looks_like_time(text, m)]
    return spans


def _looks_like_time(text: str, m: re.Match[str]) -> bool:
    return bool(re.search(r"(?:\bо|\bоб|\bat|\bв|\bс|\bз|\bдо|\bпо)\s*$", text[max(0, m.start() - 5):m.start()],
                          re.IGNORECASE))


# --------------------------------------------------------------------------- candidates

@dataclass
class _Cand:
    start: int
    end: int
    value: int
    vague: bool


def _digit_candidates(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    if not _ANY_DIGIT.search(text):
        return out
    for m in _DIGITS.finditer(text):
        raw, mult = m.group("num"), m.group("mult")
        grouped = bool(re.fullmatch(r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+", raw))
        if grouped:
            number = float(re.sub(r"[, \u00a0\u202f]", "", raw))
        elif re.fullmatch(r"\d+", raw):
            number = float(raw)
        elif mult:
            number = float(raw.replace(",", "."))
        else:
            continue  # a decimal alone is not a count
        if mult:
            number *= _MULT_VALUE.get(mult[0].lower(), 1)
        end = m.end() if mult else m.end("num")
        out.append(_Cand(m.start(), end, round(number), False))
    return out


def _word_tokens(text: str, lang: str) -> list[tuple[int, int, tuple[str, int] | None, str]]:
    tokens = []
    for m in _WORD.finditer(text):
        word = norm(m.group())
        tokens.append((m.start(), m.end(), token(m.group(), lang), word))
    return tokens


def _en_article(tokens: list, i: int) -> tuple[str, int] | None:  # type: ignore[type-arg]
    """Value for "a few", "a dozen", "a hundred" ... starting at tokens[i] == "a"."""
    if i + 1 >= len(tokens) or tokens[i][3] not in {"a", "an"}:
        return None
    nxt = tokens[i + 1][3]
    if nxt in {"few", "couple"}:
        return ("vague", VAGUE[nxt])
    if nxt == "dozen":
        return ("vague", 12)
    if nxt in {"hundred", "thousand", "million"}:
        return ("num", 1)
    return None


def _joinable(prev: tuple[str, int], nxt: tuple[str, int], word: str, current: int) -> tuple[str, int] | None:
    """The token as it joins the group, or None when it starts a new one."""
    kind, value = nxt
    if kind == "vague" and word in VAGUE_SCALE and prev[0] in {"num", "vague"}:
        return ("scale", VAGUE_SCALE[word])
    if kind == "scale":
        return nxt if prev[0] == "vague" or current < value else None
    if kind == "num" and prev[0] == "scale":
        return nxt if value < min(prev[1], 1000) or prev[1] >= 1000 else None
    if kind == "num" and prev[0] == "num":
        pv = prev[1]
        place = 10 if pv < 100 else 100
        return nxt if pv >= 20 and pv % place == 0 and value < place else None
    return None


def _group_value(parts: list[tuple[str, int]]) -> tuple[int, bool] | None:
    if parts[0][0] != "vague":
        value = combine(parts)
        return (value, False) if value is not None else None
    head = parts[0][1]
    scales = [v for k, v in parts[1:] if k == "scale"]
    if not scales:
        return (head, True)
    scale = scales[-1]
    if head == 3 or head == 2:
        return (12 if scale == 10 else scale, True)  # "кілька сотень" -> hundreds, conservatively
    return ((10 if head == 12 else head) * scale, True)  # "десятки тисяч" -> 10 000


def _word_candidates(text: str, lang: str) -> list[_Cand]:
    tokens = _word_tokens(text, lang)
    out: list[_Cand] = []
    i = 0
    while i < len(tokens):
        info = tokens[i][2]
        start = tokens[i][0]
        j = i
        if lang == "en" and (art := _en_article(tokens, i)):
            info, j = art, i + 1
            if art[0] == "num":
                info = ("num", 1)
                j = i  # let "hundred" join as a scale after the implicit one
        if info is None:
            i += 1
            continue
        parts, end = [info], tokens[j][1]
        while j + 1 < len(tokens):
            gap = text[tokens[j][1]:tokens[j + 1][0]]
            k = j + 1
            if lang == "en" and gap.strip() == "" and tokens[k][3] in _EN_JOINERS and k + 1 < len(tokens):
                k += 1
                gap = text[tokens[j][1]:tokens[k][0]]
            if not re.fullmatch(r"[\s\-‐]*(?:and|of)?[\s\-‐]*", gap) or tokens[k][2] is None:
                break
            joined = _joinable(parts[-1], tokens[k][2], tokens[k][3], combine(parts) or 0)  # type: ignore[arg-type]
            if joined is None:
                break
            parts.append(joined)
            j, end = k, tokens[k][1]
        result = _group_value(parts)
        lone = len(parts) == 1 and (result == (1, False) or tokens[j][3] == "tens")
        if result and not lone:
            out.append(_Cand(start, end, result[0], result[1]))
        i = j + 1
    return out


# Fractions and pairs of a scale word: "half a dozen" 6, "півтора десятка" 15, "полторы сотни" 150,
# "пів десятка" 5, "полсотни" 50, "a pair of" 2. Each is one mention that wins over the
# shorter mention inside it ("a dozen", "десятка").
_HALF = r"(?:пів|пол|полу)"
_ONE_AND_HALF = r"(?:півтора|півтори|полтора|полторы|полутора)"
_SCALE_STEMS = (
    (r"десят(?:ок|ка|ку|ком|ки|ків|ков)", 10), (r"дюжин\w*", 12),
    (r"сот(?:ня|ні|ню|нею|ни|ен|ень|н)", 100), (r"тисяч\w*|тысяч\w*", 1000),
)
_EN_PHRASES = (
    (re.compile(r"(?<!\w)(?:a\s+)?half\s+a\s+dozen(?!\w)", re.IGNORECASE), 6, False),
    (re.compile(r"(?<!\w)a\s+dozen\s+and\s+a\s+half(?!\w)", re.IGNORECASE), 18, False),
    (re.compile(r"(?<!\w)half\s+a\s+hundred(?!\w)", re.IGNORECASE), 50, False),
    (re.compile(r"(?<!\w)(?:a|one)\s+pair\s+of(?!\w)", re.IGNORECASE), 2, False),
)


@lru_cache(maxsize=1)
def _slavic_phrases() -> tuple[tuple[re.Pattern[str], int, bool], ...]:
    out = []
    for stem, scale in _SCALE_STEMS:
        out.append((re.compile(r"(?<!\w)" + _ONE_AND_HALF + r"\s+(?:" + stem + r")(?!\w)", re.IGNORECASE),
                    scale * 3 // 2, False))
        out.append((re.compile(r"(?<!\w)" + _HALF + r"[\s\-‐]?(?:" + stem + r")(?!\w)", re.IGNORECASE),
                    scale // 2, False))
    out.append((re.compile(r"(?<!\w)полтораст\w*", re.IGNORECASE), 150, False))
    # "пару чоловіків", "пару человек": the accusative quantifier (not "пара" the couple)
    out.append((re.compile(r"(?<!\w)(?:пару|парочку)(?=\s+[^\W\d_])", re.IGNORECASE), 2, True))
    return tuple(out)


@lru_cache(maxsize=2)
def _phrase_scan(en: bool) -> MultiScan:
    return MultiScan([pattern for pattern, _value, _vague in (_EN_PHRASES if en else _slavic_phrases())], r"(?<!\w)")


def _phrase_candidates(text: str, lang: str) -> list[_Cand]:
    patterns = _EN_PHRASES if lang == "en" else _slavic_phrases()
    return [_Cand(m.start(), m.end(), patterns[index][1], patterns[index][2])
            for index, m in _phrase_scan(lang == "en").finditer(text)]


def _is_lone_year(text: str, cand: _Cand) -> bool:
    surface = text[cand.start:cand.end]
    return (bool(re.fullmatch(r"\d{4}", surface)) and 1900 <= cand.value <= 2100
            and not _PEOPLE_AFTER.match(text[cand.end:cand.end + 20]))


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Number mentions that may count people, sorted by start, non-overlapping."""
    return list(_find_numbers(text, lang))


@lru_cache(maxsize=4096)
def _find_numbers(text: str, lang: str) -> tuple[NumberMention, ...]:
    # cached: segmenter and counter look at the same clauses more than once
    blocked = DisjointSpans(_blocked_spans(text, lang))
    cands = _digit_candidates(text) + _word_candidates(text, lang) + _phrase_candidates(text, lang)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[NumberMention] = []
    for c in cands:
        if blocked.overlaps(c.start, c.end) or _is_lone_year(text, c):
            continue
        if out and c.start < out[-1].end:
            continue
        kind = _classify(text, c.start, c.end, lang)
        if kind is None:
            continue
        start = c.start
        qualifier = _QUALIFIER.search(text[max(0, c.start - 30):c.start])
        if qualifier and kind == "count":
            start = c.start - (len(qualifier.group()))
        out.append(NumberMention(start, c.end, text[start:c.end], c.value, c.vague, kind == "age"))
    log.debug("find_numbers: %d mentions", len(out))
    return tuple(out)
