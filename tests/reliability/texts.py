"""One press release, its reposts and a translation; two eyewitness posts in their own words."""

RELEASE_UK = (
    "30 жовтня у Харкові працівники ТЦК затримали двох чоловіків на зупинці громадського транспорту на "
    "вулиці Героїв Праці та посадили їх у бус. За словами свідків, чоловіки чинили опір, один з них "
    "отримав травму руки. Поліція Харкова відкрила провадження за статтею 365 Кримінального кодексу. "
    "Речник Харківського обласного ТЦК Олександр Бондаренко заявив, що перевірка триває."
)
# How channels repost it: a forward line, another headline, a line of their own, a cut ending.
REPOSTS_UK = [
    "Переслано з каналу Харків Онлайн\n" + RELEASE_UK,
    "ЗНОВУ БУСИФІКАЦІЯ НА ГЕРОЇВ ПРАЦІ\n\n" + RELEASE_UK,
    RELEASE_UK + "\n\nПідписуйтесь на наш канал, щоб знати більше.",
    "⚡️ " + RELEASE_UK.replace("бус.", "бус!"),
    RELEASE_UK.rsplit(" Речник", 1)[0] + "\nДжерело: Харків Онлайн",
]
RELEASE_EN = (
    "On October 30 in Kharkiv, recruitment officers detained two men at a public transport stop on "
    "Heroiv Pratsi Street and put them into a minibus. According to witnesses, the men resisted, and one "
    "of them suffered a hand injury. Kharkiv police opened proceedings under Article 365 of the Criminal "
    "Code. Oleksandr Bondarenko, spokesman of the Kharkiv regional recruitment centre, said an inquiry is under way."
)
WITNESS_ONE = (
    "Сьогодні вранці бачила на Героїв Праці, як з маршрутки витягли двох хлопців і повели до білого "
    "буса. Один кричав, що в нього бронь. Людей навколо було багато, але ніхто не втрутився."
)
WITNESS_TWO = (
    "Я стояв на зупинці, коли під'їхали військові з поліцією. Двох чоловіків схопили, одного вдарили "
    "по руці, і бус поїхав у бік Салтівки. Я все зняв на телефон, відео в коментарях."
)
FACTS = ("2025-10-30", "Kharkiv", None, 1, 2)
# Another outlet's own story of the same detention, in English: the same facts, its own words and order.
OWN_STORY_EN = (
    "A video from Saltivka shows a scuffle near a bus stop in Kharkiv: according to the local outlet Kharkiv Today, "
    "enlistment officers and police pushed two men into a van on Thursday, October 30, and one of them hurt his arm. "
    "The regional enlistment office has not commented. Police say a criminal case has been opened."
)

# Two sites that each carry part of one police statement word for word inside paragraphs of their own.
STATEMENT_SENTENCES = (
    "Подія сталася під час планового оповіщення військовозобов'язаних на вулиці Академіка Павлова. "
    "Побачивши групу оповіщення, 40-річний місцевий житель спробував утекти дворами, а потім завдав "
    "одному з військовослужбовців удару в плече."
)
CARRIES_STATEMENT_ONE = (
    "У Харкові на Салтівці затримали чоловіка, який поранив працівника ТЦК. Про це повідомила поліція "
    "області у своєму телеграм-каналі в суботу вранці. " + STATEMENT_SENTENCES + " Пораненого доправили до "
    "лікарні, лікарі кажуть, що його стан стабільний і загрози життю немає. Нападнику повідомили про підозру "
    "за статтею про насильство щодо військовослужбовця, суд вирішує питання про запобіжний захід. Адвокат "
    "затриманого поки не коментує справу, родина чоловіка теж відмовилася від розмови з журналістами."
)
CARRIES_STATEMENT_TWO = (
    "Напад на групу оповіщення стався ввечері в Салтівському районі Харкова, пишуть місцеві медіа з "
    "посиланням на поліцію. " + STATEMENT_SENTENCES + " Нагадаємо, від початку року в області "
    "зареєстрували кілька подібних випадків, здебільшого під час перевірки документів на вулицях. Обласний "
    "центр комплектування закликає мешканців не вдаватися до насильства і оскаржувати дії груп оповіщення "
    "через поліцію або суд. Правозахисники ж наголошують, що напруга навколо мобілізації в місті зростає."
)
# Two outlets' own stories that quote one statement between quotation marks: still two origins.
QUOTES_STATEMENT_ONE = (
    "Увечері в Харкові чоловік поранив військового під час оповіщення, нападника вже затримали. "
    "«" + STATEMENT_SENTENCES + "» — йдеться в повідомленні поліції. Потерпілий у лікарні, його життю нічого "
    "не загрожує. Це вже не перший такий випадок у місті цього місяця: раніше подібне трапилося на Олексіївці, "
    "тоді теж постраждав військовий, а нападника знайшли лише через тиждень за записами камер. "
    "Міська рада вкотре пообіцяла встановити більше камер у дворах спальних районів."
)
QUOTES_STATEMENT_TWO = (
    "Поліція Харківщини розповіла про напад на групу оповіщення на Салтівці: \"" + STATEMENT_SENTENCES + "\" "
    "Слідчі кваліфікували дії затриманого як насильство щодо військовослужбовця, йому загрожує ув'язнення. "
    "Юристи, з якими ми поговорили, пояснюють, що остаточне рішення ухвалить суд після огляду відео з "
    "нагрудних камер, якщо такі були ввімкнені під час оповіщення. "
    "Сам затриманий, за словами його знайомих, раніше на обліку не перебував і до суду не притягувався."
)
