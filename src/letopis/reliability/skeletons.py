"""Names reduced to a Latin consonant skeleton, so one name written in Cyrillic or Latin letters meets itself.

``Іванову``, ``Иванова`` and ``Ivanov`` all give ``vnv``: transliterated, case
and vowels dropped, doubled letters squeezed. :mod:`letopis.reliability.copies`
compares the names of a text and its translation this way;
:mod:`letopis.reliability.statements` tells outlets apart by their names.
"""

from __future__ import annotations

import re

__all__ = ["skeleton", "name_skeleton"]

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e", "ж": "z",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "k", "ц": "ts", "ч": "ch", "ш": "s",
    "щ": "s", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "u", "я": "a",
}
_LATIN_FOLD = str.maketrans({"x": "ks", "q": "k", "w": "v", "c": "k"})
_SKELETON_DROP = re.compile(r"[aeiouyjhg'’ʼ-]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_NAME_FILLER = frozenset("the україна украина ukraine".split())


def skeleton(word: str, length: int = 4) -> str:
    """The first ``length`` consonants of a word's Latin spelling (``Харкові`` → ``krkv``)."""
    latin = "".join(_LATIN.get(ch, ch) for ch in word.casefold()).translate(_LATIN_FOLD)
    bare = _SKELETON_DROP.sub("", latin)
    squeezed = re.sub(r"(.)\1+", r"\1", bare)
    return squeezed[:length]


def name_skeleton(name: str) -> str:
    """A name in any script reduced to Latin consonants (``SakhaDay``, ``Сахадэй`` → ``skd``; ``РБК-Україна`` and
    ``RBC`` → ``rbk``), so one outlet named two ways meets itself."""
    words = [w for w in _WORD.findall(name) if w.casefold() not in _NAME_FILLER]
    return "".join(skeleton(w, 8) for w in words)[:10]
