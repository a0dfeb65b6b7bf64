"""Language of a document and of its paragraphs (English, Ukrainian, Russian).

Letters decide most cases at no cost: і ї є ґ are Ukrainian only, ы э ъ ё are
Russian only, a text with no Cyrillic is English, and a long Cyrillic text with
none of і ї є ґ is Russian. lingua, restricted to the
three languages, decides the rest (a Cyrillic paragraph without tell-tale
letters). The detector is built once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGUAGES = ("en", "uk", "ru")

_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[а-яА-ЯіїєґІЇЄҐёЁ]")
_LATIN = re.compile(r"[a-zA-Z]")
_CYRILLIC_RUN = re.compile(r"[а-яА-ЯіїєґІЇЄҐёЁ]+")
_LATIN_RUN = re.compile(r"[a-zA-Z]+")


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    # low-accuracy mode (trigram models only): lingua is asked only when the letters leave the
    # language open, and the full models cost 0.7 s to load on first use
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.UKRAINIAN, Language.RUSSIAN
    ).with_low_accuracy_mode().build()


_LINGUA_CODES = {"ENGLISH": "en", "UKRAINIAN": "uk", "RUSSIAN": "ru"}


def _by_letters(text: str) -> str | None:
    cyr = sum(map(len, _CYRILLIC_RUN.findall(text)))   # letters counted a word at a time
    lat = sum(map(len, _LATIN_RUN.findall(text)))
    if cyr == 0 and lat == 0:
        return None
    if cyr < lat * 0.5:
        return "en"
    uk = len(_UK_ONLY.findall(text))
    ru = len(_RU_ONLY.findall(text))
    if uk and uk >= 3 * ru:
        return "uk"
    if ru and ru >= 3 * uk:
        return "ru"
    if not uk and not ru and cyr >= 80:
        # і, ї, є make up about 7 % of Ukrainian letters: 80 letters without one of them
        # are Russian with near certainty, and lingua costs ~20 ms a paragraph
        return "ru"
    return None


def detect_language(text: str, default: str = "en") -> str:
    """Return ``en``, ``uk`` or ``ru`` for ``text`` (``default`` when it has no letters)."""
    sample = text[:2000]
    guess = _by_letters(sample)
    if guess is not None:
        return guess
    if not _CYRILLIC.search(sample) and not _LATIN.search(sample):
        return default
    found = _detector().detect_language_of(sample)
    if found is None:
        return default
    return _LINGUA_CODES.get(found.name, default)


def detect_paragraph_language(paragraph: str, document_language: str) -> str:
    """Language of one paragraph; short or unclear paragraphs follow the document."""
    guess = _by_letters(paragraph)
    if guess is not None:
        return guess
    if len(paragraph) < 40:
        return document_language
    if document_language == "ru" and _CYRILLIC.search(paragraph) and not _UK_ONLY.search(paragraph):
        return "ru"  # no і ї є ґ in a Russian report's paragraph: Russian, no need to ask lingua
    return detect_language(paragraph, default=document_language)
