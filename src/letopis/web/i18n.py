"""The interface's words in English, Ukrainian and Russian, and which language a request gets.

A message table in the package rather than gettext catalogs: the interface has
about a hundred short strings, a table needs no compile step (``.po`` → ``.mo``)
at install or test time, and ``tests/web/test_i18n.py`` fails when a key lacks a
language. Move to Babel catalogs when translators need ``.po`` tooling.

The language comes from ``?lang=`` (which the app also stores in a cookie),
else the ``lang`` cookie, else the browser's ``Accept-Language``, else English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["LANGUAGES", "MESSAGES", "TYPE_LABELS", "STATUS_LABELS", "ROLE_LABELS", "choose_language", "translator"]

LANGUAGES = ("en", "uk", "ru")
LANGUAGE_NAMES = {"en": "English", "uk": "Українська", "ru": "Русский"}

# key: (English, Ukrainian, Russian)
MESSAGES: dict[str, tuple[str, str, str]] = {
    "app": ("Letopis", "Летопис", "Летопис"),
    "nav.incidents": ("Incidents", "Інциденти", "Инциденты"),
    "nav.review": ("Review queue", "Черга перевірки", "Очередь проверки"),
    "nav.api": ("API", "API", "API"),
    "language": ("Language", "Мова", "Язык"),
    "filters": ("Filters", "Фільтри", "Фильтры"),
    "filter.q": ("Search (any language)", "Пошук (будь-якою мовою)", "Поиск (на любом языке)"),
    "filter.type": ("Type", "Тип", "Тип"),
    "filter.from": ("From", "Від", "С"),
    "filter.to": ("To", "До", "По"),
    "filter.region": ("Region", "Регіон", "Регион"),
    "filter.status": ("Status", "Статус", "Статус"),
    "filter.language": ("Source language", "Мова джерела", "Язык источника"),
    "filter.source": ("Source", "Джерело", "Источник"),
    "filter.dated": ("Has a date", "Має дату", "Есть дата"),
    "filter.coordinates": ("Has coordinates", "Має координати", "Есть координаты"),
    "filter.yes": ("yes", "так", "да"),
    "filter.no": ("no", "ні", "нет"),
    "filter.any": ("any", "будь-який", "любой"),
    "filter.apply": ("Apply", "Застосувати", "Применить"),
    "filter.clear": ("Clear", "Скинути", "Сбросить"),
    "found": ("{total} incidents found", "Знайдено інцидентів: {total}", "Найдено инцидентов: {total}"),
    "showing": ("showing {first}–{last}", "показано {first}–{last}", "показаны {first}–{last}"),
    "page.prev": ("← previous", "← попередня", "← предыдущая"),
    "page.next": ("next →", "наступна →", "следующая →"),
    "page.of": ("page {page} of {pages}", "сторінка {page} з {pages}", "страница {page} из {pages}"),
    "none_found": ("No incident matches these filters.", "Жоден інцидент не відповідає фільтрам.",
                   "Ни один инцидент не подходит под фильтры."),
    "col.id": ("#", "№", "№"),
    "col.date": ("Date", "Дата", "Дата"),
    "col.type": ("Type", "Тип", "Тип"),
    "col.place": ("Place", "Місце", "Место"),
    "col.region": ("Region", "Регіон", "Регион"),
    "col.status": ("Status", "Статус", "Статус"),
    "col.counts": ("killed / injured / detained", "загиблі / поранені / затримані",
                   "погибшие / раненые / задержанные"),
    "col.sources": ("Sources", "Джерела", "Источники"),
    "col.summary": ("Summary", "Опис", "Описание"),
    "sort.by": ("sort by {column}", "сортувати за: {column}", "сортировать по: {column}"),
    "incident": ("Incident {id}", "Інцидент {id}", "Инцидент {id}"),
    "fields": ("Fields", "Поля", "Поля"),
    "field.status": ("Status", "Статус", "Статус"),
    "field.kind": ("Kind", "Вид", "Вид"),
    "field.date": ("Date", "Дата", "Дата"),
    "field.date_precision": ("Date precision", "Точність дати", "Точность даты"),
    "field.event_type": ("Type", "Тип", "Тип"),
    "field.place": ("Place (any language, looked up in the gazetteer)", "Місце (будь-якою мовою, з газетира)",
                    "Место (на любом языке, из газеттира)"),
    "field.location_name": ("Place", "Місце", "Место"),
    "field.admin1": ("Region", "Регіон", "Регион"),
    "field.country": ("Country", "Країна", "Страна"),
    "field.lat": ("Latitude", "Широта", "Широта"),
    "field.lon": ("Longitude", "Довгота", "Долгота"),
    "field.geo_precision": ("Place precision (1 town, 2 near, 3 region)", "Точність місця (1 місто, 2 поруч, 3 регіон)",
                            "Точность места (1 город, 2 рядом, 3 регион)"),
    "field.fatalities": ("Killed", "Загиблі", "Погибшие"),
    "field.injured": ("Injured", "Поранені", "Раненые"),
    "field.detained": ("Detained", "Затримані", "Задержанные"),
    "field.actors": ("Actors", "Учасники", "Участники"),
    "field.summary": ("Summary", "Опис", "Описание"),
    "field.confidence": ("Confidence", "Впевненість", "Уверенность"),
    "field.merged_into": ("Merged into", "Об'єднано з", "Объединено с"),
    "field.created_at": ("Created", "Створено", "Создано"),
    "field.updated_at": ("Updated", "Змінено", "Изменено"),
    "actions": ("Decision", "Рішення", "Решение"),
    "reason": ("Reason", "Причина", "Причина"),
    "reason.required": ("Reason (required)", "Причина (обов'язково)", "Причина (обязательно)"),
    "action.verified": ("Verify", "Підтвердити", "Подтвердить"),
    "action.rejected": ("Reject", "Відхилити", "Отклонить"),
    "action.candidate": ("Back to candidate", "Повернути в кандидати", "Вернуть в кандидаты"),
    "edit": ("Edit fields", "Редагувати поля", "Редактировать поля"),
    "edit.save": ("Save the changes", "Зберегти зміни", "Сохранить изменения"),
    "edit.none": ("Nothing changed.", "Нічого не змінилося.", "Ничего не изменилось."),
    "edit.done": ("Changed: {fields}", "Змінено: {fields}", "Изменено: {fields}"),
    "status.done": ("Status set: {status}", "Статус встановлено: {status}", "Статус установлен: {status}"),
    "merge": ("Merge another incident into this one", "Приєднати інший інцидент до цього",
              "Присоединить другой инцидент к этому"),
    "merge.drop": ("Incident number", "Номер інциденту", "Номер инцидента"),
    "merge.button": ("Merge", "Об'єднати", "Объединить"),
    "merge.done": ("Incident {drop} merged into this one ({moved} sources moved)",
                   "Інцидент {drop} приєднано до цього (перенесено джерел: {moved})",
                   "Инцидент {drop} присоединён к этому (перенесено источников: {moved})"),
    "split.button": ("Split this source off into a new incident", "Виділити це джерело в новий інцидент",
                     "Выделить этот источник в новый инцидент"),
    "split.done": ("Source {source} split off into incident {new}", "Джерело {source} виділено в інцидент {new}",
                   "Источник {source} выделен в инцидент {new}"),
    "sources": ("Sources", "Джерела", "Источники"),
    "source.locator": ("Where from", "Звідки", "Откуда"),
    "source.title": ("Title", "Заголовок", "Заголовок"),
    "source.published": ("Published", "Опубліковано", "Опубликовано"),
    "source.original": ("Original SHA-256", "SHA-256 оригіналу", "SHA-256 оригинала"),
    "source.text_hash": ("Text SHA-256", "SHA-256 тексту", "SHA-256 текста"),
    "source.captured": ("Captured", "Збережено", "Сохранено"),
    "source.by": ("by {collector}, {method}", "{collector}, {method}", "{collector}, {method}"),
    "source.language": ("Language", "Мова", "Язык"),
    "source.quote_missing": ("The quote was not found in the stored text.", "Цитату не знайдено в збереженому тексті.",
                             "Цитата не найдена в сохранённом тексте."),
    "source.no_text": ("No text is stored for this source.", "Для цього джерела текст не збережено.",
                       "Для этого источника текст не сохранён."),
    "source.merge_reason": ("Why it is here", "Чому воно тут", "Почему оно здесь"),
    "history": ("Edit history", "Історія змін", "История изменений"),
    "history.none": ("No edits yet.", "Змін ще не було.", "Изменений ещё не было."),
    "history.at": ("When", "Коли", "Когда"),
    "history.actor": ("Who", "Хто", "Кто"),
    "history.field": ("Field", "Поле", "Поле"),
    "history.old": ("Was", "Було", "Было"),
    "history.new": ("Now", "Стало", "Стало"),
    "review.flags": ("Possible duplicates", "Можливі дублікати", "Возможные дубликаты"),
    "review.flags_none": ("No open merge flags.", "Немає відкритих позначок злиття.", "Нет открытых отметок слияния."),
    "review.score": ("score {score}", "оцінка {score}", "оценка {score}"),
    "review.why": ("Why flagged", "Чому позначено", "Почему отмечено"),
    "review.merge": ("Merge (keep #{id})", "Об'єднати (залишити №{id})", "Объединить (оставить №{id})"),
    "review.keep_apart": ("Keep apart", "Залишити окремо", "Оставить раздельно"),
    "review.reason_optional": ("Reason (optional)", "Причина (необов'язково)", "Причина (необязательно)"),
    "review.default_merge": ("same incident (decided in the review queue)",
                             "той самий інцидент (рішення в черзі перевірки)",
                             "тот же инцидент (решение в очереди проверки)"),
    "review.default_apart": ("different incidents (decided in the review queue)",
                             "різні інциденти (рішення в черзі перевірки)",
                             "разные инциденты (решение в очереди проверки)"),
    "review.decided": ("Flag {id}: {decision}", "Позначка {id}: {decision}", "Отметка {id}: {decision}"),
    "review.undated": ("Undated incidents", "Інциденти без дати", "Инциденты без даты"),
    "review.unplaced": ("Incidents without coordinates", "Інциденти без координат", "Инциденты без координат"),
    "review.more": ("all {total} →", "усі {total} →", "все {total} →"),
    "review.nothing": ("None.", "Немає.", "Нет."),
    "shortcuts": ("Keys: j / k next / previous, m merge, a keep apart; on an incident: v verify, r reject, "
                  "c back to candidate, e edit.",
                  "Клавіші: j / k наступна / попередня, m об'єднати, a залишити окремо; в інциденті: "
                  "v підтвердити, r відхилити, c у кандидати, e редагувати.",
                  "Клавиши: j / k следующая / предыдущая, m объединить, a оставить раздельно; в инциденте: "
                  "v подтвердить, r отклонить, c в кандидаты, e редактировать."),
    "error": ("Error", "Помилка", "Ошибка"),
    "not_found": ("Not found", "Не знайдено", "Не найдено"),
    "unknown": ("unknown", "невідомо", "неизвестно"),
    # --- accounts: login, logout, roles, the accounts page (letopis.web.accounts) ---
    "nav.users": ("Accounts", "Облікові записи", "Учётные записи"),
    "login.title": ("Log in", "Вхід", "Вход"),
    "login.name": ("Name", "Ім'я", "Имя"),
    "login.password": ("Password", "Пароль", "Пароль"),
    "login.button": ("Log in", "Увійти", "Войти"),
    "login.code": ("Code from the authenticator app", "Код із застосунку автентифікації",
                   "Код из приложения-аутентификатора"),
    "login.code_help": ("Enter the six-digit code your authenticator app shows for Letopis.",
                        "Введіть шестизначний код, який ваш застосунок автентифікації показує для Летопису.",
                        "Введите шестизначный код, который ваше приложение-аутентификатор показывает для Летописа."),
    "login.code_button": ("Confirm", "Підтвердити", "Подтвердить"),
    "login.wrong": ("Wrong name or password.", "Неправильне ім'я або пароль.", "Неверное имя или пароль."),
    "login.wrong_code": ("Wrong code.", "Неправильний код.", "Неверный код."),
    "login.too_many": ("Too many wrong attempts: wait a minute and try again.",
                       "Забагато невдалих спроб: зачекайте хвилину й спробуйте знову.",
                       "Слишком много неудачных попыток: подождите минуту и попробуйте снова."),
    "login.expired": ("The login took too long: enter the name and password again.",
                      "Вхід тривав задовго: введіть ім'я та пароль ще раз.",
                      "Вход занял слишком много времени: введите имя и пароль ещё раз."),
    "account.logout": ("Log out", "Вийти", "Выйти"),
    "users.title": ("Accounts", "Облікові записи", "Учётные записи"),
    "users.help": ("Viewers only read; editors also edit incidents and decide reviews; admins also manage accounts. "
                   "A second factor is set on the command line: letopis user totp NAME.",
                   "Читачі лише читають; редактори також редагують інциденти й ухвалюють рішення перевірки; "
                   "адміністратори ще й керують обліковими записами. Другий фактор задається в командному рядку: "
                   "letopis user totp NAME.",
                   "Читатели только читают; редакторы также редактируют инциденты и принимают решения проверки; "
                   "администраторы ещё и управляют учётными записями. Второй фактор задаётся в командной строке: "
                   "letopis user totp NAME."),
    "users.name": ("Name", "Ім'я", "Имя"),
    "users.role": ("Role", "Роль", "Роль"),
    "users.totp": ("Second factor", "Другий фактор", "Второй фактор"),
    "users.created": ("Added", "Додано", "Добавлено"),
    "users.you": ("(you)", "(ви)", "(вы)"),
    "users.add": ("Add an account", "Додати обліковий запис", "Добавить учётную запись"),
    "users.password": ("Password (at least 8 characters)", "Пароль (щонайменше 8 символів)",
                       "Пароль (не менее 8 символов)"),
    "users.add_button": ("Add", "Додати", "Добавить"),
    "users.set_role": ("Change the role", "Змінити роль", "Изменить роль"),
    "users.remove": ("Remove", "Видалити", "Удалить"),
    "users.added": ("Account {name} added", "Обліковий запис {name} додано", "Учётная запись {name} добавлена"),
    "users.changed": ("{name} is now: {role}", "{name} тепер: {role}", "{name} теперь: {role}"),
    "users.confirm_remove": ("Remove the account {name}?", "Видалити обліковий запис {name}?",
                             "Удалить учётную запись {name}?"),
    "users.removed": ("Account {name} removed", "Обліковий запис {name} видалено", "Учётная запись {name} удалена"),
    # --- end of accounts ---
}

# ---- Sources, uploads, testimonies, sensitivity (web/sources.py, web/testimonies.py) ----
MESSAGES.update({
    "nav.sources": ("Sources", "Джерела", "Источники"),
    "nav.testimonies": ("Testimonies", "Свідчення", "Свидетельства"),
    "upload": ("Add sources", "Додати джерела", "Добавить источники"),
    "upload.files": ("Files (several at once)", "Файли (кілька одразу)", "Файлы (несколько сразу)"),
    "upload.url": ("A web page (URL)", "Вебсторінка (URL)", "Веб-страница (URL)"),
    "upload.feed": ("A feed (RSS or Atom URL)", "Стрічка (URL RSS чи Atom)", "Лента (URL RSS или Atom)"),
    "upload.telegram": ("Telegram export (result.json, or messages*.html pages)",
                        "Експорт Telegram (result.json або сторінки messages*.html)",
                        "Экспорт Telegram (result.json или страницы messages*.html)"),
    "upload.published": ("Publication date, for sources without one", "Дата публікації для джерел без неї",
                         "Дата публикации для источников без неё"),
    "upload.button": ("Upload and ingest", "Завантажити й обробити", "Загрузить и обработать"),
    "upload.help": ("Each file up to {mb} MB. Ingest runs in the background; its page shows the progress.",
                    "Кожен файл до {mb} МБ. Обробка йде у фоні; її сторінка показує поступ.",
                    "Каждый файл до {mb} МБ. Обработка идёт в фоне; её страница показывает ход работы."),
    "upload.queued": ("Upload saved; ingest is queued.", "Завантаження збережено; обробку поставлено в чергу.",
                      "Загрузка сохранена; обработка поставлена в очередь."),
    "upload.kind.file": ("file", "файл", "файл"),
    "upload.kind.url": ("web page", "вебсторінка", "веб-страница"),
    "upload.kind.feed": ("feed", "стрічка", "лента"),
    "upload.kind.telegram": ("Telegram export", "експорт Telegram", "экспорт Telegram"),
    "jobs": ("Uploads", "Завантаження", "Загрузки"),
    "job": ("Upload", "Завантаження", "Загрузка"),
    "job.when": ("When", "Коли", "Когда"),
    "job.inputs": ("What", "Що", "Что"),
    "job.state": ("State", "Стан", "Состояние"),
    "job.progress": ("Progress", "Поступ", "Ход"),
    "job.counts": ("{done} done, {failed} failed", "оброблено {done}, з помилкою {failed}",
                   "обработано {done}, с ошибкой {failed}"),
    "job.state.queued": ("queued", "у черзі", "в очереди"),
    "job.state.running": ("running", "триває", "идёт"),
    "job.state.done": ("done", "завершено", "завершено"),
    "job.state.failed": ("failed", "не вдалося", "не удалось"),
    "job.state.interrupted": ("interrupted", "перервано", "прервано"),
    "job.done": ("Items done", "Оброблено елементів", "Обработано элементов"),
    "job.failed": ("Items failed", "Елементів з помилкою", "Элементов с ошибкой"),
    "job.total": ("Items in all", "Усього елементів", "Всего элементов"),
    "job.result": ("Result", "Результат", "Результат"),
    "job.result_line": ("sources: {sources} new, {known} already known; incidents: {incidents} new, {merged} merged "
                        "into stored ones, {flagged} flagged for review",
                        "джерела: нових {sources}, уже відомих {known}; інциденти: нових {incidents}, приєднано "
                        "до наявних {merged}, позначено для перевірки {flagged}",
                        "источники: новых {sources}, уже известных {known}; инциденты: новых {incidents}, "
                        "присоединено к имеющимся {merged}, отмечено для проверки {flagged}"),
    "job.wait": ("This page follows the job.", "Ця сторінка стежить за обробкою.",
                 "Эта страница следит за обработкой."),
    "job.refresh": ("Refresh", "Оновити", "Обновить"),
    "job.run_again": ("Run it again (items already done are skipped)",
                      "Запустити знову (уже оброблене буде пропущено)",
                      "Запустить снова (уже обработанное будет пропущено)"),
    "job.see_incidents": ("See the newest incidents →", "Найновіші інциденти →", "Новейшие инциденты →"),
    "job.failures": ("What failed, and why", "Що не вдалося і чому", "Что не удалось и почему"),
    "job.notices": ("Kept, not read (needs OCR)", "Збережено, не прочитано (потрібне OCR)",
                    "Сохранено, не прочитано (нужно OCR)"),
    "job.skipped": ("Skipped", "Пропущено", "Пропущено"),
    "sources.ingested": ("What was ingested", "Що оброблено", "Что обработано"),
    "sources.failed": ("What could not be read", "Що не вдалося прочитати", "Что не удалось прочитать"),
    "sources.show": ("Show", "Показати", "Показать"),
    "sources.kind": ("Kind", "Вид", "Вид"),
    "sources.count": ("{total} in all", "Усього: {total}", "Всего: {total}"),
    "sources.failed_unfiltered": ("(kind and language do not narrow failures)",
                                  "(вид і мова не звужують список помилок)",
                                  "(вид и язык не сужают список ошибок)"),
    "sources.captures": ("Captures", "Збереження", "Сохранения"),
    "sources.statistics": ("Statistics", "Статистика", "Статистика"),
    "sources.original": ("Original", "Оригінал", "Оригинал"),
    "sources.none": ("Nothing here.", "Тут нічого немає.", "Здесь ничего нет."),
    "failure.what": ("What", "Що", "Что"),
    "failure.reason": ("Reason", "Причина", "Причина"),
    "failure.kept": ("Bytes kept", "Збережені байти", "Сохранённые байты"),
    "failure.capture": ("capture (kept)", "збереження (залишено)", "сохранение (оставлено)"),
    "failure.item": ("ingest item", "елемент обробки", "элемент обработки"),
    "source.download": ("Download the original", "Завантажити оригінал", "Скачать оригинал"),
    "source.testimony": ("A testimony: read it on its page, as consent allows",
                         "Свідчення: читати на його сторінці, як дозволяє згода",
                         "Свидетельство: читать на его странице, как позволяет согласие"),
    "sensitivity": ("Sensitivity", "Чутливість", "Чувствительность"),
    "sensitivity.personal_data": ("personal data visible", "видно персональні дані", "видны персональные данные"),
    "sensitivity.graphic": ("graphic", "жорсткий вміст", "жестокий контент"),
    "sensitivity.none": ("not marked", "без позначок", "без отметок"),
    "sensitivity.save": ("Set the marks", "Встановити позначки", "Установить отметки"),
    "sensitivity.done": ("Sensitivity set.", "Чутливість встановлено.", "Чувствительность установлена."),
    "testimonies.role": ("Shown as consent allows the role {role}.", "Показано так, як згода дозволяє ролі {role}.",
                         "Показано так, как согласие позволяет роли {role}."),
    "testimonies.none": ("No testimony to show.", "Немає свідчень для показу.", "Нет свидетельств для показа."),
    "testimony": ("Testimony {id}", "Свідчення {id}", "Свидетельство {id}"),
    "testimony.pseudonym": ("Pseudonym", "Псевдонім", "Псевдоним"),
    "testimony.consent": ("Consent", "Згода", "Согласие"),
    "testimony.consent.public": ("public", "публічне", "публичное"),
    "testimony.consent.internal": ("internal", "внутрішнє", "внутреннее"),
    "testimony.consent.restricted": ("restricted", "обмежене", "ограниченное"),
    "testimony.until": ("until {date}", "до {date}", "до {date}"),
    "testimony.status": ("Status", "Стан", "Состояние"),
    "testimony.status.active": ("active", "чинне", "действует"),
    "testimony.status.withdrawn": ("withdrawn", "відкликане", "отозвано"),
    "testimony.recorded": ("Recorded", "Записано", "Записано"),
    "testimony.recorded_by": ("Recorded by", "Записав(-ла)", "Записал(-а)"),
    "testimony.account": ("The account", "Розповідь", "Рассказ"),
    "testimony.no_text": ("No text (files only).", "Тексту немає (лише файли).", "Текста нет (только файлы)."),
    "testimony.files": ("Files", "Файли", "Файлы"),
    "testimony.file_download": ("download", "завантажити", "скачать"),
    "testimony.incidents": ("Incidents it supports", "Інциденти, які воно підтримує",
                            "Инциденты, которые оно подтверждает"),
    "testimony.sight.metadata": ("Its consent does not let this role read the account.",
                                 "Згода не дозволяє цій ролі читати розповідь.",
                                 "Согласие не позволяет этой роли читать рассказ."),
    "testimony.sight.withdrawn": ("Withdrawn: its content no longer exists.", "Відкликане: його вмісту більше немає.",
                                  "Отозвано: его содержимого больше нет."),
    "testimony.read": ("read", "читати", "читать"),
})

# ---- The overview pages: map, timeline, statistics (src/letopis/web/overview.py and their templates).
MESSAGES.update({
    "nav.map": ("Map", "Мапа", "Карта"),
    "nav.timeline": ("Timeline", "Хронологія", "Хронология"),
    "nav.statistics": ("Statistics", "Статистика", "Статистика"),
    "views.same": ("The same filters as", "Ті самі фільтри як", "Те же фильтры как"),
    "views.table": ("table", "таблиця", "таблица"),
    "views.map": ("map", "мапа", "карта"),
    "views.timeline": ("timeline", "хронологія", "хронология"),
    "views.statistics": ("statistics", "статистика", "статистика"),
    "map.missing": ("The map library and the offline base map are not installed (looked in {path}). Install them "
                    "with `make setup`, or `npm ci` in the Letopis folder, then reload this page.",
                    "Бібліотеку мапи й офлайн-основу мапи не встановлено (шукали в {path}). Встановіть їх командою "
                    "`make setup` або `npm ci` у теці Letopis і перезавантажте сторінку.",
                    "Библиотека карты и офлайн-основа карты не установлены (искали в {path}). Установите их командой "
                    "`make setup` или `npm ci` в папке Letopis и перезагрузите страницу."),
    "map.loading": ("Loading the incidents…", "Завантаження інцидентів…", "Загрузка инцидентов…"),
    "map.placed": ("{count} incidents on the map", "Інцидентів на мапі: {count}", "Инцидентов на карте: {count}"),
    "map.truncated": ("only the newest {count} are shown: narrow the filters to see the others",
                      "показано лише {count} найновіших: звузьте фільтри, щоб побачити інші",
                      "показаны только {count} самых новых: сузьте фильтры, чтобы увидеть остальные"),
    "map.unplaced": ("{count} matching incidents have no coordinates", "Інцидентів без координат: {count}",
                     "Инцидентов без координат: {count}"),
    "map.failed": ("The map data could not be loaded: {error}", "Не вдалося завантажити дані мапи: {error}",
                   "Не удалось загрузить данные карты: {error}"),
    "map.offline": ("Base map: country and region outlines from Natural Earth, served by this app (no connection "
                    "needed).",
                    "Основа мапи: кордони країн і регіонів з Natural Earth, які віддає цей застосунок (з'єднання "
                    "не потрібне).",
                    "Основа карты: границы стран и регионов из Natural Earth, которые отдаёт это приложение "
                    "(соединение не нужно)."),
    "map.legend": ("Legend", "Легенда", "Легенда"),
    "map.precision": ("Where it happened", "Де це сталося", "Где это произошло"),
    "precision.1": ("in the settlement", "у населеному пункті", "в населённом пункте"),
    "precision.2": ("near the settlement, or in its district", "біля населеного пункту або в його районі",
                    "возле населённого пункта или в его районе"),
    "precision.3": ("only the region is known", "відомий лише регіон", "известен только регион"),
    "map.cluster": ("a group of nearby incidents (click to zoom in)", "група інцидентів поруч (клацніть, щоб "
                    "наблизити)", "группа инцидентов рядом (щёлкните, чтобы приблизить)"),
    "map.open": ("Open the incident →", "Відкрити інцидент →", "Открыть инцидент →"),
    "timeline.by": ("Count by", "Рахувати за", "Считать по"),
    "bucket.day": ("day", "днями", "дням"),
    "bucket.week": ("week", "тижнями", "неделям"),
    "bucket.month": ("month", "місяцями", "месяцам"),
    "bucket.year": ("year", "роками", "годам"),
    "timeline.hint": ("Drag across the bars to choose a date range: it becomes the From and To filters of the page.",
                      "Протягніть по стовпчиках, щоб вибрати проміжок дат: він стане фільтрами «Від» і «До».",
                      "Протяните по столбцам, чтобы выбрать промежуток дат: он станет фильтрами «С» и «По»."),
    "timeline.counted": ("{total} incidents counted; {not_counted} undated or dated more coarsely than the bars are "
                         "not drawn",
                         "Пораховано інцидентів: {total}; без дати або з менш точною датою (не показано): "
                         "{not_counted}",
                         "Подсчитано инцидентов: {total}; без даты или с менее точной датой (не показаны): "
                         "{not_counted}"),
    "timeline.empty": ("No dated incident matches these filters.", "Жоден датований інцидент не відповідає "
                       "фільтрам.", "Ни один датированный инцидент не подходит под фильтры."),
    "timeline.clear": ("Clear the dates", "Скинути дати", "Сбросить даты"),
    "timeline.panel": ("Timeline of these incidents", "Хронологія цих інцидентів", "Хронология этих инцидентов"),
    "timeline.chart": ("Incidents per period, by type", "Інциденти за періодами, за типами",
                       "Инциденты по периодам, по типам"),
    "stats.regions": ("Incidents by region and type", "Інциденти за регіонами й типами",
                      "Инциденты по регионам и типам"),
    "stats.region": ("Region", "Регіон", "Регион"),
    "stats.total": ("Total", "Усього", "Всего"),
    "stats.no_region": ("region not known", "регіон невідомий", "регион неизвестен"),
    "stats.none": ("No incident matches these filters.", "Жоден інцидент не відповідає фільтрам.",
                   "Ни один инцидент не подходит под фильтры."),
    "stats.records": ("Figures reported by the sources", "Цифри, наведені в джерелах", "Цифры, приведённые в "
                      "источниках"),
    "stats.records_hint": ("Stored statistic records whose period overlaps From–To, of the region when one is given.",
                           "Збережені статистичні записи, чий період перетинається з «Від»–«До», для регіону, "
                           "якщо його вказано.",
                           "Сохранённые статистические записи, чей период пересекается с «С»–«По», для региона, "
                           "если он указан."),
    "stats.records_count": ("{total} figures", "Записів: {total}", "Записей: {total}"),
    "stats.records_shown": ("the newest {shown} shown", "показано {shown} найновіших", "показаны {shown} самых новых"),
    "stats.records_none": ("No stored figure matches.", "Жодна збережена цифра не відповідає.",
                           "Ни одна сохранённая цифра не подходит."),
    "stats.metric": ("Figure", "Показник", "Показатель"),
    "stats.value": ("Value", "Значення", "Значение"),
    "stats.period": ("Period", "Період", "Период"),
    "stats.place": ("Place", "Місце", "Место"),
    "stats.source": ("Source", "Джерело", "Источник"),
    "stats.quote": ("Quote", "Цитата", "Цитата"),
    "stats.any_metric": ("any figure", "будь-який показник", "любой показатель"),
    "stats.source_incidents": ("its incidents", "його інциденти", "его инциденты"),
})

TYPE_LABELS: dict[str, tuple[str, str, str]] = {
    "mobilization_detention": ("Detention for mobilization", "Затримання для мобілізації",
                               "Задержание для мобилизации"),
    "resistance": ("Resistance to detention", "Опір затриманню", "Сопротивление задержанию"),
    "attack_on_officials": ("Attack on officials", "Напад на посадовців", "Нападение на должностных лиц"),
    "abuse_of_conscripts": ("Abuse of conscripts", "Насильство щодо мобілізованих", "Насилие над мобилизованными"),
    "border_incident": ("Border incident", "Інцидент на кордоні", "Инцидент на границе"),
    "desertion": ("Desertion", "Дезертирство", "Дезертирство"),
    "legal_action": ("Court or investigation", "Суд чи розслідування", "Суд или следствие"),
    "protest": ("Protest", "Протест", "Протест"),
    "labor_dispute": ("Labour dispute", "Трудовий конфлікт", "Трудовой конфликт"),
    "censorship": ("Censorship", "Цензура", "Цензура"),
    "other": ("Other", "Інше", "Другое"),
}

STATUS_LABELS: dict[str, tuple[str, str, str]] = {
    "candidate": ("candidate", "кандидат", "кандидат"),
    "verified": ("verified", "підтверджено", "подтверждено"),
    "rejected": ("rejected", "відхилено", "отклонено"),
    "merge": ("merged", "об'єднано", "объединено"),
    "keep_apart": ("kept apart", "залишено окремо", "оставлено раздельно"),
}


# --- accounts: the roles' names ---
ROLE_LABELS: dict[str, tuple[str, str, str]] = {
    "viewer": ("viewer", "читач", "читатель"),
    "editor": ("editor", "редактор", "редактор"),
    "admin": ("admin", "адміністратор", "администратор"),
}


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The interface language: the query's, else the cookie's, else the browser's first known one, else English."""
    for value in (query, cookie):
        if value in LANGUAGES:
            return value
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)``: the message in ``language``, its ``{placeholders}`` filled."""
    index = LANGUAGES.index(language)

    def t(key: str, **values: object) -> str:
        text = MESSAGES[key][index]
        return text.format(**values) if values else text

    return t


def label(table: Mapping[str, tuple[str, str, str]], language: str, key: str | None) -> str:
    """A type's or status's name in ``language`` (the key itself when the table lacks it)."""
    if key is None:
        return ""
    names = table.get(key)
    return names[LANGUAGES.index(language)] if names else key
