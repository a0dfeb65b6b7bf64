"""One plain sentence describing a record, in the report's language.

Built from the structured fields, not from the text, so it never repeats
personal data from the source (names stay in the quote, which is redacted on
publication).
"""

from __future__ import annotations

from typing import Any

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "mobilization_detention": "Detention for mobilization",
        "resistance": "Resistance to a detention",
        "attack_on_officials": "Attack on officials",
        "abuse_of_conscripts": "Abuse of conscripts",
        "border_incident": "Border incident",
        "desertion": "Desertion",
        "legal_action": "Legal action",
        "protest": "Protest",
        "labor_dispute": "Labour dispute",
        "censorship": "Censorship",
        "other": "Incident",
        "statistic": "Statistic",
    },
    "uk": {
        "mobilization_detention": "Затримання для мобілізації",
        "resistance": "Опір затриманню",
        "attack_on_officials": "Напад на посадовців",
        "abuse_of_conscripts": "Насильство щодо мобілізованих",
        "border_incident": "Інцидент на кордоні",
        "desertion": "Самовільне залишення частини",
        "legal_action": "Судова чи слідча дія",
        "protest": "Протест",
        "labor_dispute": "Трудовий конфлікт",
        "censorship": "Цензура",
        "other": "Інцидент",
        "statistic": "Статистика",
    },
    "ru": {
        "mobilization_detention": "Задержание для мобилизации",
        "resistance": "Сопротивление задержанию",
        "attack_on_officials": "Нападение на должностных лиц",
        "abuse_of_conscripts": "Насилие в отношении мобилизованных",
        "border_incident": "Инцидент на границе",
        "desertion": "Самовольное оставление части",
        "legal_action": "Судебное или следственное действие",
        "protest": "Протест",
        "labor_dispute": "Трудовой конфликт",
        "censorship": "Цензура",
        "other": "Инцидент",
        "statistic": "Статистика",
    },
}

_WORDS = {
    "en": {"in": "in", "on": "on", "killed": "killed", "injured": "injured", "detained": "detained",
           "value": "value"},
    "uk": {"in": "у місці", "on": "дата", "killed": "загиблих", "injured": "поранених",
           "detained": "затриманих", "value": "значення"},
    "ru": {"in": "место", "on": "дата", "killed": "погибших", "injured": "раненых",
           "detained": "задержанных", "value": "значение"},
}


def summarise(lang: str, event_type: str, location: Any, when: Any, counts: Any,
              metric: str | None = None, value: int | None = None) -> str:
    lang = lang if lang in _LABELS else "en"
    words = _WORDS[lang]
    parts = [_LABELS[lang].get(event_type, event_type)]
    if metric:
        parts[0] += f" ({metric.replace('_', ' ')}: {value})"
    if location is not None:
        parts.append(f"{words['in']} {location.name}")
    if when is not None:
        parts.append(f"{words['on']} {when.date}")
    if counts is not None:
        for field, key in (("fatalities", "killed"), ("injured", "injured"), ("detained", "detained")):
            number = getattr(counts, field)
            if number:
                parts.append(f"{words[key]}: {number}")
    return ", ".join(parts) + "."
