"""The words the writer uses: event types, actors and statistic metrics in en, uk and ru."""

from __future__ import annotations

LANGUAGES = ("en", "uk", "ru")

# Event types as a heading or table row ("Detentions for mobilization")
TYPE_TITLES: dict[str, dict[str, str]] = {
    "en": {
        "mobilization_detention": "Detentions for mobilization", "resistance": "Resistance to detentions",
        "attack_on_officials": "Attacks on officials", "abuse_of_conscripts": "Abuse of conscripts",
        "border_incident": "Border incidents", "desertion": "Desertion", "legal_action": "Legal action",
        "protest": "Protests", "labor_dispute": "Labour disputes", "censorship": "Censorship",
        "other": "Other incidents",
    },
    "uk": {
        "mobilization_detention": "Затримання для мобілізації", "resistance": "Опір затриманням",
        "attack_on_officials": "Напади на посадових осіб", "abuse_of_conscripts": "Насильство щодо мобілізованих",
        "border_incident": "Інциденти на кордоні", "desertion": "Самовільне залишення частини",
        "legal_action": "Судові та слідчі дії", "protest": "Протести", "labor_dispute": "Трудові конфлікти",
        "censorship": "Цензура", "other": "Інші інциденти",
    },
    "ru": {
        "mobilization_detention": "Задержания для мобилизации", "resistance": "Сопротивление задержаниям",
        "attack_on_officials": "Нападения на должностных лиц",
        "abuse_of_conscripts": "Насилие в отношении мобилизованных", "border_incident": "Инциденты на границе",
        "desertion": "Самовольное оставление части", "legal_action": "Судебные и следственные действия",
        "protest": "Протесты", "labor_dispute": "Трудовые конфликты", "censorship": "Цензура",
        "other": "Другие инциденты",
    },
}

# The event as the subject of "… was reported": en the noun phrase; uk the accusative after
# "зафіксовано"; ru the verb agreeing with the noun, then the noun.
EVENTS: dict[str, dict[str, str]] = {
    "en": {
        "mobilization_detention": "a detention for mobilization", "resistance": "resistance to a detention",
        "attack_on_officials": "an attack on officials", "abuse_of_conscripts": "abuse of conscripts",
        "border_incident": "a border incident", "desertion": "a desertion", "legal_action": "a legal action",
        "protest": "a protest", "labor_dispute": "a labour dispute", "censorship": "a case of censorship",
        "other": "an incident",
    },
    "uk": {
        "mobilization_detention": "затримання з метою мобілізації", "resistance": "опір затриманню",
        "attack_on_officials": "напад на посадових осіб", "abuse_of_conscripts": "насильство щодо мобілізованих",
        "border_incident": "інцидент на кордоні", "desertion": "самовільне залишення частини",
        "legal_action": "судову або слідчу дію", "protest": "протест", "labor_dispute": "трудовий конфлікт",
        "censorship": "випадок цензури", "other": "інцидент",
    },
    "ru": {
        "mobilization_detention": "зафиксировано задержание с целью мобилизации",
        "resistance": "зафиксировано сопротивление задержанию",
        "attack_on_officials": "зафиксировано нападение на должностных лиц",
        "abuse_of_conscripts": "зафиксировано насилие в отношении мобилизованных",
        "border_incident": "зафиксирован инцидент на границе",
        "desertion": "зафиксировано самовольное оставление части",
        "legal_action": "зафиксировано судебное или следственное действие",
        "protest": "зафиксирован протест", "labor_dispute": "зафиксирован трудовой конфликт",
        "censorship": "зафиксирован случай цензуры", "other": "зафиксирован инцидент",
    },
}

# Actor roles by language; "{trc}" and "{security}" differ by country
ACTORS: dict[str, dict[str, str]] = {
    "en": {"recruitment_officers": "recruitment officers", "police": "police", "border_guards": "border guards",
           "military": "the military", "security_service": "the security service", "civilians": "civilians",
           "workers": "workers", "court": "a court", "prosecutors": "prosecutors", "officials": "officials",
           "unknown": "unidentified people"},
    "uk": {"recruitment_officers": "працівники {trc}", "police": "поліція", "border_guards": "прикордонники",
           "military": "військові", "security_service": "{security}", "civilians": "цивільні",
           "workers": "працівники", "court": "суд", "prosecutors": "прокуратура", "officials": "посадовці",
           "unknown": "невідомі"},
    "ru": {"recruitment_officers": "сотрудники {trc}", "police": "полиция", "border_guards": "пограничники",
           "military": "военные", "security_service": "{security}", "civilians": "гражданские",
           "workers": "работники", "court": "суд", "prosecutors": "прокуратура", "officials": "чиновники",
           "unknown": "неизвестные"},
}
ACTOR_BY_COUNTRY = {
    ("uk", "UA"): {"trc": "ТЦК", "security": "СБУ"}, ("uk", "RU"): {"trc": "військкомату", "security": "ФСБ"},
    ("ru", "UA"): {"trc": "ТЦК", "security": "СБУ"}, ("ru", "RU"): {"trc": "военкомата", "security": "ФСБ"},
}
ACTOR_DEFAULT = {"uk": {"trc": "ТЦК", "security": "спецслужби"}, "ru": {"trc": "военкомата", "security": "спецслужбы"}}

INVOLVED = {"en": "Involved: {}.", "uk": "Учасники: {}.", "ru": "Участники: {}."}
AND = {"en": "and", "uk": "і", "ru": "и"}
REPORTED = {"en": "{event} was reported", "uk": "зафіксовано {event}", "ru": "{event}"}

METRICS: dict[str, dict[str, str]] = {
    "en": {"szch_cases": "cases of unauthorised absence (SZCh)", "desertion_cases": "desertion cases",
           "convictions": "convictions", "attacks_on_recruiters": "attacks on recruiters",
           "fakes_criminal_cases": "criminal cases over 'fakes' and 'discreditation'",
           "criminal_cases": "criminal cases", "rights_violations": "rights violations", "detentions": "detentions",
           "border_crossings": "border crossings", "fines": "fines", "deaths": "deaths", "summonses": "summonses",
           "complaints": "complaints", "people": "people", "arson_attacks": "arson attacks"},
    "uk": {"szch_cases": "випадки СЗЧ", "desertion_cases": "випадки дезертирства", "convictions": "вироки",
           "attacks_on_recruiters": "напади на працівників ТЦК",
           "fakes_criminal_cases": "справи про «фейки» та «дискредитацію»",
           "criminal_cases": "кримінальні провадження", "rights_violations": "порушення прав",
           "detentions": "затримання", "border_crossings": "перетини кордону", "fines": "штрафи",
           "deaths": "загиблі", "summonses": "повістки", "complaints": "скарги",
           "people": "особи", "arson_attacks": "підпали"},
    "ru": {"szch_cases": "случаи СЗЧ", "desertion_cases": "случаи дезертирства", "convictions": "приговоры",
           "attacks_on_recruiters": "нападения на сотрудников военкоматов",
           "fakes_criminal_cases": "дела о «фейках» и «дискредитации»", "criminal_cases": "уголовные дела",
           "rights_violations": "нарушения прав", "detentions": "задержания",
           "border_crossings": "пересечения границы", "fines": "штрафы", "deaths": "погибшие",
           "summonses": "повестки", "complaints": "жалобы",
           "people": "человек", "arson_attacks": "поджоги"},
}
FIGURE = {"en": "Figure reported", "uk": "Наведено дані", "ru": "Приведены данные"}
