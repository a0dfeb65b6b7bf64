"""The corroboration of an incident in words, for what leaves Letopis: digests, the public site, ACLED notes.

Reads the ``corroboration`` of an incident shape (:mod:`letopis.publish.shape`:
``origins``, ``by_kind``, ``grades``, ``reported_by``, ``information``) or the
same fields of a digest entry, and writes them in English, Ukrainian or
Russian: how many independent origins and of which kinds, the information
grade (the Admiralty digit 1-6 with its meaning), and the grades people gave
the sources. The words match the web app's (its gettext catalogs), so a
reader meets the same terms everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["ORIGIN_KIND_WORDS", "INFO_GRADE_WORDS", "WORDS", "kinds_text", "information_text", "grade_text",
           "corroboration_text", "shape_corroboration"]

ORIGIN_KIND_WORDS: dict[str, dict[str, str]] = {
    "en": {"official": "official statement", "media": "media", "channel": "channel",
           "testimony": "first-hand testimony", "court_record": "court record", "unknown": "unknown origin"},
    "uk": {"official": "офіційна заява", "media": "медіа", "channel": "канал", "testimony": "свідчення з перших вуст",
           "court_record": "судовий документ", "unknown": "невідоме походження"},
    "ru": {"official": "официальное заявление", "media": "СМИ", "channel": "канал",
           "testimony": "свидетельство из первых уст", "court_record": "судебный документ",
           "unknown": "неизвестное происхождение"},
}
INFO_GRADE_WORDS: dict[str, dict[str, str]] = {
    "en": {"1": "confirmed", "2": "probably true", "3": "possibly true", "4": "doubtful", "5": "improbable",
           "6": "cannot be judged"},
    "uk": {"1": "підтверджено", "2": "ймовірно правдиво", "3": "можливо правдиво", "4": "сумнівно",
           "5": "малоймовірно", "6": "неможливо оцінити"},
    "ru": {"1": "подтверждено", "2": "вероятно правдиво", "3": "возможно правдиво", "4": "сомнительно",
           "5": "маловероятно", "6": "невозможно оценить"},
}
WORDS: dict[str, dict[str, str]] = {
    "en": {"origins": "independent origins", "information": "information grade", "grade": "source grade",
           "graded": "graded sources", "reported": "reported by {name}, not corroborated",
           "not_computed": "origins not computed", "origin": "origin", "copy": "copy of source {n}"},
    "uk": {"origins": "незалежних першоджерел", "information": "оцінка інформації", "grade": "оцінка джерела",
           "graded": "оцінки джерел", "reported": "за повідомленням {name}, не підтверджено",
           "not_computed": "першоджерела не визначено", "origin": "першоджерело", "copy": "копія джерела {n}"},
    "ru": {"origins": "независимых первоисточников", "information": "оценка информации", "grade": "оценка источника",
           "graded": "оценки источников", "reported": "по сообщению {name}, не подтверждено",
           "not_computed": "первоисточники не определены", "origin": "первоисточник",
           "copy": "копия источника {n}"},
}


def kinds_text(by_kind: Mapping[str, int] | None, lang: str) -> str:
    """``official statement 1, media 1`` in ``lang``; empty when none."""
    words = ORIGIN_KIND_WORDS[lang]
    return ", ".join(f"{words.get(kind, kind)} {n}" for kind, n in sorted((by_kind or {}).items()))


def information_text(grade: str | None, lang: str) -> str:
    """``information grade 2 (probably true)`` in ``lang``; empty when there is none."""
    if not grade:
        return ""
    return f"{WORDS[lang]['information']} {grade} ({INFO_GRADE_WORDS[lang].get(grade, grade)})"


def grade_text(grade: str | None, lang: str) -> str:
    """``source grade B2`` in ``lang``; empty for a source nobody graded."""
    return f"{WORDS[lang]['grade']} {grade}" if grade else ""


def corroboration_text(origins: int | None, by_kind: Mapping[str, int] | None, grade: str | None,
                       reported_by: str | None, lang: str, grades: Mapping[str, str] | None = None) -> str:
    """``independent origins: 2 (official statement 1, media 1); information grade 1 (confirmed)`` and, when
    asked, the graded sources and the "reported by" mark, joined by ``; `` (empty when nothing is known)."""
    words = WORDS[lang]
    parts: list[str] = []
    if origins is not None:
        kinds = kinds_text(by_kind, lang)
        parts.append(f"{words['origins']}: {origins}" + (f" ({kinds})" if kinds else ""))
    if grade:
        parts.append(information_text(grade, lang))
    if grades:
        parts.append(f"{words['graded']}: " + ", ".join(f"{host} {g}" for host, g in sorted(grades.items())))
    if reported_by:
        parts.append(words["reported"].format(name=reported_by))
    return "; ".join(parts)


def shape_corroboration(corroboration: Mapping[str, Any] | None, lang: str, *, grades: bool = True) -> str:
    """:func:`corroboration_text` of an incident shape's ``corroboration``."""
    c = corroboration or {}
    information = c.get("information") or {}
    reported = c.get("reported_by") or {}
    return corroboration_text(c.get("origins"), c.get("by_kind"), information.get("grade"), reported.get("name"),
                              lang, c.get("grades") if grades else None)
