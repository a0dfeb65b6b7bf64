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
