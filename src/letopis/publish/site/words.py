"""The static site's own words in English, Ukrainian and Russian (the publish writer's tables are the others).

Event-type names come from :data:`letopis.publish.writer.words.TYPE_TITLES`,
dates and places from the writer; what is here are the interface's labels and
the "about the data" page, written for the site (the web app's gettext catalogs
hold the team's interface, which a public reader does not see).
"""

from __future__ import annotations

from letopis.translation import MACHINE_TRANSLATED

__all__ = ["WORDS", "TYPE_NOTES", "ABOUT", "LANGUAGE_NAMES", "DATE_PRECISIONS", "own_text"]

LANGUAGE_NAMES = {"en": "English", "uk": "Українська", "ru": "Русский"}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "site": "Documented incidents", "map": "Map", "timeline": "Timeline", "about": "About the data",
        "data": "Download the data", "type": "Type", "all_types": "All types", "from": "From", "to": "To",
        "region": "Region", "all_regions": "All regions", "reset": "Reset", "shown": "{shown} of {total} incidents",
        "unplaced": "{count} of them have no coordinates and are not on the map", "latest": "Latest matching incidents",
        "open": "Open the incident →", "no_script": "The map and the filters need JavaScript; every incident "
        "has its own page, listed in the data files.", "incident": "Incident", "date": "Date", "place": "Place",
        "precision": "Place precision", "coordinates": "Published coordinates", "counts": "Killed / injured / detained",
        "status": "Review", "verified": "verified by the team", "candidate": "not yet verified",
        "summary": "Summary (in the report's language, names of private persons replaced)",
        "machine_translated": MACHINE_TRANSLATED["en"],
        "sources": "Sources", "published": "published", "sha256": "SHA-256 of the original",
        "quote": "Quote", "no_locator": "a local document (its path is not published)",
        "cite": "Cite this page as", "origins": "Independent origins", "months": "Incidents by month",
        "month_list": "Incidents of {month}", "no_incidents": "No incident matches the filters.",
        "unknown": "unknown", "none": "—", "back": "← Map", "more": "…and {count} more",
        "prec1": "in the settlement", "prec2": "near the settlement, or in its district",
        "prec3": "only the region is known", "language": "Language",
        "undated": "{count} matching incidents have no date and are not on the timeline",
        "files": "Data files (public profile)", "csv": "CSV (one row per incident, UTF-8 with a byte-order mark)",
        "geojson": "GeoJSON (RFC 7946, one feature per placed incident)",
        "jsonl": "JSON Lines (one full public record per line)",
        "generated": "Written from the structured fields of the record",
        "copies": "Copies without metadata", "file_image": "image", "file_pdf": "document",
        "information": "Information grade", "claim": "Claim",
    },
    "uk": {
        "site": "Задокументовані інциденти", "map": "Мапа", "timeline": "Хронологія", "about": "Про дані",
        "data": "Завантажити дані", "type": "Тип", "all_types": "Усі типи", "from": "Від", "to": "До",
        "region": "Регіон", "all_regions": "Усі регіони", "reset": "Скинути",
        "shown": "{shown} з {total} інцидентів",
        "unplaced": "{count} з них не мають координат і не показані на мапі",
        "latest": "Останні інциденти за фільтрами", "open": "Відкрити інцидент →",
        "no_script": "Мапа й фільтри потребують JavaScript; кожен інцидент має власну сторінку, "
        "перелічену у файлах даних.", "incident": "Інцидент", "date": "Дата", "place": "Місце",
        "precision": "Точність місця", "coordinates": "Опубліковані координати",
        "counts": "Загинуло / поранено / затримано", "status": "Перевірка", "verified": "перевірено командою",
        "candidate": "ще не перевірено",
        "summary": "Короткий опис (мовою повідомлення, імена приватних осіб замінено)",
        "machine_translated": MACHINE_TRANSLATED["uk"],
        "sources": "Джерела", "published": "опубліковано", "sha256": "SHA-256 оригіналу", "quote": "Цитата",
        "no_locator": "локальний документ (його шлях не публікується)", "cite": "Посилання на цю сторінку",
        "origins": "Незалежні першоджерела", "months": "Інциденти за місяцями", "month_list": "Інциденти: {month}",
        "no_incidents": "Жоден інцидент не відповідає фільтрам.", "unknown": "невідомо", "none": "—",
        "back": "← Мапа", "more": "…і ще {count}", "prec1": "у населеному пункті",
        "prec2": "поблизу населеного пункту або в його районі", "prec3": "відомий лише регіон", "language": "Мова",
        "undated": "{count} інцидентів за фільтрами не мають дати й не показані в хронології",
        "files": "Файли даних (публічний профіль)", "csv": "CSV (рядок на інцидент, UTF-8 з BOM)",
        "geojson": "GeoJSON (RFC 7946, об'єкт на кожен інцидент з координатами)",
        "jsonl": "JSON Lines (повний публічний запис у рядку)",
        "generated": "Складено зі структурованих полів запису",
        "copies": "Копії без метаданих", "file_image": "зображення", "file_pdf": "документ",
        "information": "Оцінка інформації", "claim": "Твердження",
    },
    "ru": {
        "site": "Задокументированные инциденты", "map": "Карта", "timeline": "Хронология", "about": "О данных",
        "data": "Скачать данные", "type": "Тип", "all_types": "Все типы", "from": "С", "to": "По",
        "region": "Регион", "all_regions": "Все регионы", "reset": "Сбросить",
        "shown": "{shown} из {total} инцидентов",
        "unplaced": "{count} из них без координат и не показаны на карте",
        "latest": "Последние инциденты по фильтрам", "open": "Открыть инцидент →",
        "no_script": "Карте и фильтрам нужен JavaScript; у каждого инцидента своя страница, "
        "они перечислены в файлах данных.", "incident": "Инцидент", "date": "Дата", "place": "Место",
        "precision": "Точность места", "coordinates": "Опубликованные координаты",
        "counts": "Погибло / ранено / задержано", "status": "Проверка", "verified": "проверено командой",
        "candidate": "ещё не проверено",
        "summary": "Краткое описание (на языке сообщения, имена частных лиц заменены)",
        "machine_translated": MACHINE_TRANSLATED["ru"],
        "sources": "Источники", "published": "опубликовано", "sha256": "SHA-256 оригинала", "quote": "Цитата",
        "no_locator": "локальный документ (его путь не публикуется)", "cite": "Ссылка на эту страницу",
        "origins": "Независимые первоисточники", "months": "Инциденты по месяцам",
        "month_list": "Инциденты: {month}", "no_incidents": "Ни один инцидент не подходит под фильтры.",
        "unknown": "неизвестно", "none": "—", "back": "← Карта", "more": "…и ещё {count}",
        "prec1": "в населённом пункте", "prec2": "рядом с населённым пунктом или в его районе",
        "prec3": "известен только регион", "language": "Язык",
        "undated": "{count} инцидентов по фильтрам без даты и не показаны в хронологии",
        "files": "Файлы данных (публичный профиль)", "csv": "CSV (строка на инцидент, UTF-8 с BOM)",
        "geojson": "GeoJSON (RFC 7946, объект на каждый инцидент с координатами)",
        "jsonl": "JSON Lines (полная публичная запись в строке)",
        "generated": "Составлено из структурированных полей записи",
        "copies": "Копии без метаданных", "file_image": "изображение", "file_pdf": "документ",
        "information": "Оценка информации", "claim": "Утверждение",
    },
}

# One line per event type for the "about the data" page.
TYPE_NOTES: dict[str, dict[str, str]] = {
    "en": {
        "mobilization_detention": "a man taken for mobilization against his will, with nobody reported to resist",
        "resistance": "people on the spot stop or undo a detention",
        "attack_on_officials": "deliberate violence against recruitment officers, police or their offices",
        "abuse_of_conscripts": "violence or degrading treatment of men already taken",
        "border_incident": "a crossing or an attempt to cross a border to avoid mobilization, and its consequences",
        "desertion": "soldiers leaving their unit without leave",
        "legal_action": "court cases, charges and investigations about these events",
        "protest": "public protest against mobilization or its methods",
        "labor_dispute": "disputes at work caused by mobilization",
        "censorship": "reports removed, blocked or punished",
        "other": "related incidents that fit no other type",
    },
    "uk": {
        "mobilization_detention": "чоловіка забирають для мобілізації проти його волі, опору не зафіксовано",
        "resistance": "люди на місці перешкоджають затриманню або скасовують його",
        "attack_on_officials": "навмисне насильство проти працівників ТЦК, поліції чи їхніх приміщень",
        "abuse_of_conscripts": "насильство або принизливе поводження з уже затриманими",
        "border_incident": "перетин кордону чи спроба перетину, щоб уникнути мобілізації, та їхні наслідки",
        "desertion": "військові залишають частину без дозволу",
        "legal_action": "судові справи, обвинувачення та розслідування щодо цих подій",
        "protest": "публічний протест проти мобілізації або її методів",
        "labor_dispute": "трудові конфлікти, спричинені мобілізацією",
        "censorship": "повідомлення видалено, заблоковано або покарано за них",
        "other": "пов'язані інциденти, що не належать до інших типів",
    },
    "ru": {
        "mobilization_detention": "мужчину забирают для мобилизации против его воли, сопротивления не отмечено",
        "resistance": "люди на месте мешают задержанию или отменяют его",
        "attack_on_officials": "намеренное насилие против сотрудников военкоматов, полиции или их зданий",
        "abuse_of_conscripts": "насилие или унизительное обращение с уже задержанными",
        "border_incident": "пересечение границы или попытка пересечь её, чтобы избежать мобилизации, и их последствия",
        "desertion": "военнослужащие оставляют часть без разрешения",
        "legal_action": "судебные дела, обвинения и расследования по этим событиям",
        "protest": "публичный протест против мобилизации или её методов",
        "labor_dispute": "трудовые конфликты из-за мобилизации",
        "censorship": "сообщения удалены, заблокированы или за них наказали",
        "other": "связанные инциденты, не подходящие под другие типы",
    },
}

# The "about the data" page: (heading, paragraphs) in order; {types}, {precision}, {dates} mark where the
# tables go.
ABOUT: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        ("Method", [
            "Each incident is extracted from published reports (news sites, Telegram channels, documents) and "
            "keeps the exact quote it was read from and the address and SHA-256 of the original. Reports of the "
            "same event are merged into one incident; independent origins are counted, so that a repost is not "
            "taken for a second witness.",
            "By default only incidents a member of the team has verified against their sources are published. "
            "The descriptions in each language are written from the structured fields (type, date, place, "
            "counts, roles), not machine-translated.",
        ]),
        ("Types of incident", ["{types}"]),
        ("How precise a place is", ["{precision}",
                                    "Published coordinates are never more precise than the settlement's centre."]),
        ("How precise a date is", ["{dates}"]),
        ("What is removed before publishing, and why", [
            "Names of private persons in summaries, quotes and source titles are replaced by a role (\"a man\", "
            "\"a recruitment officer\"): a detained man, a relative or a witness can be found and harmed through "
            "a published name. Names of officials speaking on the record are kept.",
            "Testimonies collected by the team never leave: neither their text nor who gave them.",
            "Coordinates are moved to the settlement's centre; an incident that shows personal data or rests on a "
            "testimony is moved to its region's centre.",
            "Paths of local documents and the team's edit history are left out.",
            "Photos and documents, when the site carries them, are copies re-encoded without their metadata "
            "(where and when a photo was taken, the device, a document's author); a document whose text names "
            "a private person is not published.",
            "Where a region had only a few incidents in a month, they may be left out, so that they cannot point "
            "to the people involved.",
            "Every published file is read back before the site is kept; if a name is still found anywhere, "
            "nothing is published.",
        ]),
    ],
    "uk": [
        ("Метод", [
            "Кожен інцидент виділено з опублікованих повідомлень (новинні сайти, Telegram-канали, документи); "
            "він зберігає точну цитату, з якої його прочитано, адресу та SHA-256 оригіналу. Повідомлення про "
            "одну подію об'єднано в один інцидент; незалежні першоджерела пораховано окремо, щоб репост не "
            "вважався другим свідком.",
            "Типово публікуються лише інциденти, які член команди перевірив за джерелами. Описи кожною мовою "
            "складено зі структурованих полів (тип, дата, місце, кількість, ролі), а не машинним перекладом.",
        ]),
        ("Типи інцидентів", ["{types}"]),
        ("Точність місця", ["{precision}",
                            "Опубліковані координати ніколи не точніші за центр населеного пункту."]),
        ("Точність дати", ["{dates}"]),
        ("Що прибрано перед публікацією і чому", [
            "Імена приватних осіб в описах, цитатах і заголовках джерел замінено роллю («чоловік», «працівник "
            "ТЦК»): за опублікованим ім'ям затриманого, родича чи свідка можна знайти й скривдити. Імена "
            "посадовців, які говорять публічно, залишено.",
            "Свідчення, зібрані командою, не публікуються: ні їхній текст, ні те, хто їх дав.",
            "Координати перенесено в центр населеного пункту; інцидент із персональними даними або на підставі "
            "свідчення — у центр регіону.",
            "Шляхи локальних документів та історію правок команди не публікуємо.",
            "Фото й документи, якщо сайт їх містить, — це копії без метаданих (де й коли зроблено фото, "
            "пристрій, автор документа); документ, у тексті якого названо приватну особу, не публікується.",
            "Якщо в регіоні за місяць було лише кілька інцидентів, їх може бути не опубліковано, щоб вони не "
            "вказали на причетних людей.",
            "Кожен файл перечитується перед збереженням сайту; якщо ім'я десь лишилося, не публікується нічого.",
        ]),
    ],
    "ru": [
        ("Метод", [
            "Каждый инцидент извлечён из опубликованных сообщений (новостные сайты, Telegram-каналы, документы); "
            "он хранит точную цитату, из которой прочитан, адрес и SHA-256 оригинала. Сообщения об одном событии "
            "объединены в один инцидент; независимые первоисточники посчитаны отдельно, чтобы репост не "
            "считался вторым свидетелем.",
            "По умолчанию публикуются только инциденты, которые член команды проверил по источникам. Описания на "
            "каждом языке составлены из структурированных полей (тип, дата, место, число, роли), а не машинным "
            "переводом.",
        ]),
        ("Типы инцидентов", ["{types}"]),
        ("Точность места", ["{precision}",
                            "Опубликованные координаты никогда не точнее центра населённого пункта."]),
        ("Точность даты", ["{dates}"]),
        ("Что убрано перед публикацией и почему", [
            "Имена частных лиц в описаниях, цитатах и заголовках источников заменены ролью («мужчина», "
            "«сотрудник военкомата»): по опубликованному имени задержанного, родственника или свидетеля можно "
            "найти и навредить ему. Имена должностных лиц, говорящих публично, сохранены.",
            "Свидетельства, собранные командой, не публикуются: ни их текст, ни то, кто их дал.",
            "Координаты перенесены в центр населённого пункта; инцидент с персональными данными или на основании "
            "свидетельства — в центр региона.",
            "Пути локальных документов и история правок команды не публикуются.",
            "Фото и документы, если сайт их содержит, — это копии без метаданных (где и когда сделано фото, "
            "устройство, автор документа); документ, в тексте которого назван частный человек, не публикуется.",
            "Если в регионе за месяц было лишь несколько инцидентов, они могут быть не опубликованы, чтобы не "
            "указать на причастных людей.",
            "Каждый файл перечитывается перед сохранением сайта; если имя где-то осталось, не публикуется ничего.",
        ]),
    ],
}

DATE_PRECISIONS: dict[str, dict[str, str]] = {
    "en": {"day": "the day is known", "week": "the week is known", "month": "the month is known",
           "season": "the season is known", "year": "only the year is known"},
    "uk": {"day": "відомий день", "week": "відомий тиждень", "month": "відомий місяць",
           "season": "відома пора року", "year": "відомий лише рік"},
    "ru": {"day": "известен день", "week": "известна неделя", "month": "известен месяц",
           "season": "известно время года", "year": "известен только год"},
}


def _own_texts() -> frozenset[str]:
    from letopis.publish.writer.words import TYPE_TITLES

    texts: set[str] = set(LANGUAGE_NAMES.values())
    for table in (WORDS, TYPE_NOTES, DATE_PRECISIONS, TYPE_TITLES):
        for words in table.values():
            texts.update(words.values())
    for sections in ABOUT.values():
        for heading, paragraphs in sections:
            texts.add(heading)
            texts.update(paragraphs)
    return frozenset(text.strip() for text in texts)


_OWN = _own_texts()


def own_text(text: str) -> bool:
    """Is ``text`` (a page's text node, give or take a closing colon) one of the site's own words above?
    They are ours, not a record's: the read-back does not search them for names ("Усі типи", "Cite this page as")."""
    return text.strip().removesuffix(":").strip() in _OWN
