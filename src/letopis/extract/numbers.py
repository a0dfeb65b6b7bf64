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

__all__ = ["NumberMention", "find_numbers", "is_count_context", "word_to_number"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    surface: str
    value: int
    vague: bool
    is_age: bool


# --------------------------------------------------------------------------- lexicon

_EN = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "both": 2,
}
_UK = {
    "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8,
    "дев'ять": 9, "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13,
    "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17,
    "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40,
    "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
    "сто": 100, "двісті": 200, "триста": 300, "чотириста": 400, "п'ятсот": 500,
    "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900,
    "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10, "обидва": 2, "обидві": 2, "обоє": 2,
}
_RU = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "девятеро": 9, "десятеро": 10, "оба": 2, "обе": 2,
}
_LEXICON = {"en": _EN, "uk": _UK, "ru": _RU}
# Surface forms pymorphy3 does not lemmatise to a numeral.
_UK_FORMS = {"п'ятьох": 5, "обох": 2, "обома": 2, "обом": 2, "двом": 2, "двома": 2}
_RU_FORMS = {"обоих": 2, "обеих": 2, "обоим": 2, "обеим": 2, "обоими": 2}

_SCALES = {
    "en": {"hundred": 100, "thousand": 1000, "million": 1_000_000, "dozen": 12},
    "uk": {"тисяча": 1000, "мільйон": 1_000_000},
    "ru": {"тысяча": 1000, "миллион": 1_000_000},
}

# Vague quantities (surface forms, lower case) -> coded value.
_VAGUE = {
    "several": 3, "few": 3, "couple": 2, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "tens": 10,
    "кілька": 3, "кількох": 3, "кільком": 3, "кількома": 3, "декілька": 3, "декількох": 3,
    "декільком": 3, "декількома": 3, "десятки": 12, "десятків": 12, "десяткам": 12,
    "десятками": 12, "десятках": 12, "сотні": 100, "сотень": 100, "сотням": 100,
    "сотнями": 100, "сотнях": 100, "тисячі": 1000, "тисяч": 1000, "тисячами": 1000,
    "дюжина": 12, "дюжину": 12, "дюжини": 12, "десяток": 10, "десятка": 10,
    "несколько": 3, "нескольких": 3, "нескольким": 3, "несколькими": 3, "десятков": 12,
    "сотни": 100, "сотен": 100, "сотнями": 100, "тысячи": 1000, "тысяч": 1000,
    "тысячами": 1000, "дюжины": 12,
}
# Words that may join a vague word to a scale: "hundreds of thousands".
_EN_JOINERS = {"and", "of"}

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "ё": "е", "Ё": "Е"})


def _norm(word: str) -> str:
    return word.translate(_APOSTROPHES).lower().strip()


@lru_cache(maxsize=2)
def _morph(lang: str):  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=20000)
def _token(word: str, lang: str) -> tuple[str, int] | None:
    """("num"|"scale"|"vague", value) for one word, or None."""
    w = _norm(word)
    if w in _VAGUE and not (lang == "en" and w in {"few", "couple"}):
        return ("vague", _VAGUE[w])
    lexicon = _LEXICON.get(lang, _EN)
    if w in lexicon:
        return ("num", lexicon[w])
    scales = _SCALES.get(lang, _SCALES["en"])
    if lang == "en":
        if w in scales:
            return ("scale", scales[w])
        return None
    forms = _UK_FORMS if lang == "uk" else _RU_FORMS
    if w in forms:
        return ("num", forms[w])
    if not re.fullmatch(r"[а-яіїєґ']+", w):
        return None
    collective = _collective(w, lexicon)
    if collective is not None:
        return ("num", collective)
    if w[:2] not in _numeral_heads(lang):
        return None   # a numeral's forms begin as its lemma does: most words need no analysis
    parses = _morph(lang).parse(w)
    for p in sorted(parses, key=lambda p: "NUMR" not in p.tag):
        lemma = _norm(p.normal_form)
        if lemma in lexicon:
            return ("num", lexicon[lemma])
        if lemma in scales:
            return ("scale", scales[lemma])
    return None


@lru_cache(maxsize=4)
def _numeral_heads(lang: str) -> frozenset[str]:
    """The first two letters of every numeral and scale word of the language, in any form."""
    words = list(_LEXICON.get(lang, _EN)) + list(_SCALES.get(lang, _SCALES["en"]))
    words += list(_UK_FORMS if lang == "uk" else _RU_FORMS)
    return frozenset(_norm(w)[:2] for w in words)


# Endings of collective numerals in all cases: uk "-еро/-ьох/-ьом/-ьома", ru "-еро/-ерых/-ерым/-ерыми";
# the stem + "ь" is the cardinal ("одинадцятеро" -> "одинадцять", "двадцатерых" -> "двадцать").
_COLLECTIVE_ENDINGS = ("ерыми", "ерым", "ерых", "еро", "ьома", "ьох", "ьом")


def _collective(w: str, lexicon: dict[str, int]) -> int | None:
    """Value of a collective numeral formed from a cardinal in -ять/-ать, in any case."""
    for ending in _COLLECTIVE_ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 2:
            base = w[: -len(ending)] + "ь"
            if base in lexicon and lexicon[base] >= 5:
                return lexicon[base]
    return None


def _combine(values: list[tuple[str, int]]) -> int | None:
    total, current = 0, 0
    for kind, value in values:
        if kind == "scale" and value == 100:
            current = max(current, 1) * 100
        elif kind == "scale":
            total += max(current, 1) * value
            current = 0
        elif kind == "num":
            current += value
        else:
            return None
    return total + current


def word_to_number(word: str, lang: str) -> int | None:
    """Value of a number word or compound ("two", "двох", "двадцять п'ять"), else None.

    Vague words ("several", "кілька") are not numbers here; see find_numbers.
    """
    parts = [p for p in re.split(r"[\s\-‐–]+", _norm(word)) if p]
    if lang == "en":
        parts = [p for p in parts if p != "and"]
        if parts[:1] == ["a"] and len(parts) > 1:
            parts[0] = "one"
    if not parts:
        return None
    values = [_token(p, lang) for p in parts]
    values = [("scale", _VAGUE_SCALE[p]) if i and v and v[0] == "vague" and p in _VAGUE_SCALE else v
              for i, (p, v) in enumerate(zip(parts, values))]
    if any(v is None or v[0] == "vague" for v in values):
        if len(parts) == 1 and parts[0] in {"дюжина", "дюжину", "дюжини"}:
            return 12
        return None
    return _combine(values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- contexts

# Vague words that act as a scale after a number: "дві тисячі", "три сотні".
_VAGUE_SCALE = {
    "тисячі": 1000, "тисяч": 1000, "тисячами": 1000, "тысячи": 1000, "тысяч": 1000,
    "тысячами": 1000, "сотні": 100, "сотень": 100, "сотни": 100, "сотен": 100,
    "десятки": 10, "десятків": 10, "десятков": 10, "десятка": 10, "thousands": 1000, "hundreds": 100,
}
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
    from letopis.extract.dates import find_dates  # late import: dates uses word_to_number

    spans = [(m.start, m.end) for m in find_dates(text, lang)]
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
    out = []
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
        word = _norm(m.group())
        tokens.append((m.start(), m.end(), _token(m.group(), lang), word))
    return tokens


def _en_article(tokens: list, i: int) -> tuple[str, int] | None:  # type: ignore[type-arg]
    """Value for "a few", "a dozen", "a hundred" ... starting at tokens[i] == "a"."""
    if i + 1 >= len(tokens) or tokens[i][3] not in {"a", "an"}:
        return None
    nxt = tokens[i + 1][3]
    if nxt in {"few", "couple"}:
        return ("vague", _VAGUE[nxt])
    if nxt == "dozen":
        return ("vague", 12)
    if nxt in {"hundred", "thousand", "million"}:
        return ("num", 1)
    return None


def _joinable(prev: tuple[str, int], nxt: tuple[str, int], word: str, current: int) -> tuple[str, int] | None:
    """The token as it joins the group, or None when it starts a new one."""
    kind, value = nxt
    if kind == "vague" and word in _VAGUE_SCALE and prev[0] in {"num", "vague"}:
        return ("scale", _VAGUE_SCALE[word])
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
        value = _combine(parts)
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
            joined = _joinable(parts[-1], tokens[k][2], tokens[k][3], _combine(parts) or 0)  # type: ignore[arg-type]
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


def _phrase_candidates(text: str, lang: str) -> list[_Cand]:
    patterns = _EN_PHRASES if lang == "en" else _slavic_phrases()
    return [_Cand(m.start(), m.end(), value, vague)
            for pattern, value, vague in patterns for m in pattern.finditer(text)]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


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
    blocked = _blocked_spans(text, lang)
    cands = _digit_candidates(text) + _word_candidates(text, lang) + _phrase_candidates(text, lang)
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[NumberMention] = []
    for c in cands:
        if _overlaps(c.start, c.end, blocked) or _is_lone_year(text, c):
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


@lru_cache(maxsize=3)
def number_word_forms(lang: str, limit: int = 100) -> tuple[str, ...]:
    """Every surface form of the number words below `limit` (inflected for uk/ru),
    longest first: for regexes that must only match number words."""
    forms: set[str] = set()
    lexicon = _LEXICON.get(lang, _EN)
    for lemma, value in lexicon.items():
        if value >= limit:
            continue
        forms.add(lemma)
        if lang in {"uk", "ru"}:
            for parse in _morph(lang).parse(lemma)[:3]:
                if "NUMR" in parse.tag and _norm(parse.normal_form) == lemma:
                    forms.update(_norm(f.word) for f in parse.lexeme)
    forms.update(w for w, v in (_UK_FORMS if lang == "uk" else _RU_FORMS if lang == "ru" else {}).items())
    return tuple(sorted(forms, key=len, reverse=True))
