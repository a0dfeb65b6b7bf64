"""Latin spellings: the Ukrainian national transliteration (2010) and older Russian-based ones.

``uk_national("Харків") == "Kharkiv"``; ``ru_legacy("Харьков") == {"Kharkov"}``,
``ru_legacy("Николаев") == {"Nikolaev", "Nikolayev"}``, ``ru_legacy("Запорожье")`` gives
"Zaporozhye". The legacy spellings let English sources that still write Russian-based
names ("Kharkov", "Rovno", "Lugansk") reach the place under its current name.
"""

from __future__ import annotations

import re
import unicodedata

_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "'": "",
}
_VOWELS = set("аеёиоуыэюяіїєьъ")


def _case_like(src: str, out: str) -> str:
    return out[:1].upper() + out[1:] if src[:1].isupper() else out


def _words(name: str):
    word = []
    for ch in name:
        if ch.isalpha() or ch in "'’ʼ":
            word.append(ch)
        else:
            if word:
                yield "".join(word), True
                word = []
            yield ch, False
    if word:
        yield "".join(word), True


def uk_national(name: str) -> str:
    """Ukrainian national transliteration (Cabinet of Ministers resolution 55, 2010)."""
    out = []
    for part, is_word in _words(name):
        if not is_word:
            out.append(part)
            continue
        low = part.lower()
        res = []
        for i, ch in enumerate(low):
            if ch == "г" and i > 0 and low[i - 1] == "з":
                res.append("gh")
            elif i == 0 and ch in _UK_INITIAL:
                res.append(_UK_INITIAL[ch])
            else:
                res.append(_UK.get(ch, ch))
        out.append(_case_like(part, "".join(res)))
    return "".join(out)


def ru_legacy(name: str) -> set[str]:
    """Older Russian-based Latin spellings: a simple one and a BGN-style one (ye, yo after vowels)."""
    simple, bgn = [], []
    for part, is_word in _words(name):
        if not is_word:
            simple.append(part)
            bgn.append(part)
            continue
        low = part.lower()
        s, b = [], []
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            s.append(_RU.get(ch, ch))
            if ch in "её" and (i == 0 or prev in _VOWELS):
                b.append("ye" if ch == "е" else "yo")
            elif ch == "ё":
                b.append("yo")
            else:
                b.append(_RU.get(ch, ch))
        simple.append(_case_like(part, "".join(s)))
        bgn.append(_case_like(part, "".join(b)))
    return {"".join(simple), "".join(bgn)}


# Latin endings of a town named by an adjective ("Kamianets-Podilskyi", "Kamenets-Podolskiy",
# "Bilhorod-Dnistrovsky"): English texts write each of them; an apostrophe of the soft sign is dropped too
_ADJ_END = re.compile(r"(?<=[a-z]{3})'?(?:s'?k|ts'?k)(?:yi|yy|iy|ii|yj|y|i)\b")
_ENDINGS = ("skyi", "skyy", "skiy", "sky", "ski")


def latin_spellings(name: str) -> set[str]:
    """The name and its other ways of writing an adjective's ending ("Kamianets-Podilsky" for
    "Kamianets-Podilskyi"), for hyphenated names only: a one-word adjective name ("Kirovskiy",
    "Kavkazskiy") or one before a noun ("Kirovskiy rayon") written "Kirovsky" in English is mostly a
    city's district or an outlet's name, not that place."""
    out = {name}
    if "-" not in name:
        return out
    for m in _ADJ_END.finditer(name):
        stem = m.group().lstrip("'").replace("'", "")
        t = "t" if stem.startswith("ts") else ""
        for ending in _ENDINGS:
            out.add(name[:m.start()] + t + ending + name[m.end():])
    return out


def fold_ascii(name: str) -> str:
    """Strip diacritics: "Kraków" -> "Krakow", "Łódź" -> "Lodz"."""
    name = name.replace("ł", "l").replace("Ł", "L").replace("’", "'").replace("ʼ", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


# Latin back to Russian Cyrillic, longest spellings first: only to ask the Russian dictionary
# whether a Latin word is a personal name ("Sokolov" -> "соколов", "Artem" -> "артем").
_BACK = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"),
         ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("a", "а"), ("b", "б"),
         ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("k", "к"), ("l", "л"),
         ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
         ("f", "ф"), ("h", "х"), ("c", "к"), ("j", "й"), ("w", "в"), ("x", "кс"), ("q", "к"), ("ë", "ё"))


def ru_from_latin(word: str) -> set[str]:
    """Russian Cyrillic spellings a lowercase Latin word may stand for ("y" as ы, й or ий)."""
    out = [""]
    i = 0
    while i < len(word):
        for latin, cyr in _BACK:
            if word.startswith(latin, i):
                i += len(latin)
                out = [o + cyr for o in out]
                break
        else:
            if word[i] != "y":
                return set()   # not a transliterated Russian word
            at_end = i == len(word) - 1
            choices = ("ий", "ый", "й") if at_end else ("ы", "й")
            out = [o + c for o in out for c in choices][:8]
            i += 1
    return set(out)
