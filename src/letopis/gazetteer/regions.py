"""Hand-written tables: Ukrainian oblasts, Russian federal subjects, countries, renamed cities.

Each region row gives the GeoNames admin1 code, the ISO 3166-2 code, the English
name used in records, the administrative centre (a GeoNames name looked up in
cities500), the Ukrainian and Russian adjective (feminine for an oblast,
masculine for a krai) or noun name, the Latin bases that make "<base> oblast /
region" and other aliases in any of the three languages ("Харківщина", "Кубань").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Region:
    country: str
    code: str            # GeoNames admin1 code
    iso: str             # ISO 3166-2
    en: str              # English name as used in records
    centre: str          # GeoNames name of the administrative centre
    kind: str            # oblast | krai | republic | city | okrug
    uk: str = ""         # adjective (oblast: feminine, krai: masculine) or noun name
    ru: str = ""
    latin: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())


def _ua(code, iso, en, centre, uk, ru, latin, *aliases, kind="oblast"):
    return Region("UA", code, iso, en, centre, kind, uk, ru, tuple(latin), tuple(aliases))


def _ru(code, iso, en, centre, kind, uk="", ru="", latin=(), *aliases):
    return Region("RU", code, iso, en, centre, kind, uk, ru, tuple(latin), tuple(aliases))


UA_REGIONS: tuple[Region, ...] = (
    _ua("01", "UA-71", "Cherkasy Oblast", "Cherkasy", "Черкаська", "Черкасская", ["Cherkasy", "Cherkassy"],
        "Черкащина", "Черкасщина"),
    _ua("02", "UA-74", "Chernihiv Oblast", "Chernihiv", "Чернігівська", "Черниговская", ["Chernihiv", "Chernigov"],
        "Чернігівщина", "Черниговщина"),
    _ua("03", "UA-77", "Chernivtsi Oblast", "Chernivtsi", "Чернівецька", "Черновицкая", ["Chernivtsi", "Chernovtsy"],
        "Буковина", "Bukovina", "Bukovyna"),
    _ua("04", "UA-12", "Dnipropetrovsk Oblast", "Dnipro", "Дніпропетровська", "Днепропетровская",
        ["Dnipropetrovsk", "Dnepropetrovsk", "Dnipro"], "Дніпропетровщина", "Днепропетровщина", "Дніпровщина"),
    _ua("05", "UA-14", "Donetsk Oblast", "Donetsk", "Донецька", "Донецкая", ["Donetsk"], "Донеччина", "Донетчина"),
    _ua("06", "UA-26", "Ivano-Frankivsk Oblast", "Ivano-Frankivsk", "Івано-Франківська", "Ивано-Франковская",
        ["Ivano-Frankivsk", "Ivano-Frankovsk"], "Прикарпаття", "Прикарпатье", "Франківщина", "Prykarpattia", "Precarpathia"),
    _ua("07", "UA-63", "Kharkiv Oblast", "Kharkiv", "Харківська", "Харьковская", ["Kharkiv", "Kharkov"],
        "Харківщина", "Харьковщина", "Слобожанщина", "Слобожанщина", "Kharkivshchyna", "Slobozhanshchyna"),
    _ua("08", "UA-65", "Kherson Oblast", "Kherson", "Херсонська", "Херсонская", ["Kherson"], "Херсонщина"),
    _ua("09", "UA-68", "Khmelnytskyi Oblast", "Khmelnytskyi", "Хмельницька", "Хмельницкая",
        ["Khmelnytskyi", "Khmelnytsky", "Khmelnitsky", "Khmelnitskiy", "Khmelnytskyy"], "Хмельниччина", "Хмельнитчина"),
    _ua("10", "UA-35", "Kirovohrad Oblast", "Kropyvnytskyi", "Кіровоградська", "Кировоградская",
        ["Kirovohrad", "Kirovograd", "Kropyvnytskyi"], "Кіровоградщина", "Кировоградщина"),
    _ua("11", "UA-43", "Crimea", "Simferopol", "", "", ["Crimea"],
        "Крим", "Крым", "Автономна Республіка Крим", "Республика Крым", "АР Крим", "Crimea",
        "Autonomous Republic of Crimea", "Crimean Peninsula", "Кримський півострів", "Крымский полуостров",
        kind="republic"),
    _ua("12", "UA-30", "Kyiv", "Kyiv", "", "", [], kind="city"),
    _ua("13", "UA-32", "Kyiv Oblast", "Kyiv", "Київська", "Киевская", ["Kyiv", "Kiev"], "Київщина", "Киевщина"),
    _ua("14", "UA-09", "Luhansk Oblast", "Luhansk", "Луганська", "Луганская", ["Luhansk", "Lugansk"], "Луганщина"),
    _ua("15", "UA-46", "Lviv Oblast", "Lviv", "Львівська", "Львовская", ["Lviv", "Lvov"], "Львівщина", "Львовщина"),
    _ua("16", "UA-48", "Mykolaiv Oblast", "Mykolaiv", "Миколаївська", "Николаевская",
        ["Mykolaiv", "Nikolaev", "Nikolayev", "Mykolayiv"], "Миколаївщина", "Николаевщина"),
    _ua("17", "UA-51", "Odesa Oblast", "Odesa", "Одеська", "Одесская", ["Odesa", "Odessa"], "Одещина", "Одесщина"),
    _ua("18", "UA-53", "Poltava Oblast", "Poltava", "Полтавська", "Полтавская", ["Poltava"], "Полтавщина"),
    _ua("19", "UA-56", "Rivne Oblast", "Rivne", "Рівненська", "Ровенская", ["Rivne", "Rovno"], "Рівненщина", "Ровенщина"),
    _ua("20", "UA-40", "Sevastopol", "Sevastopol", "", "", [], kind="city"),
    _ua("21", "UA-59", "Sumy Oblast", "Sumy", "Сумська", "Сумская", ["Sumy"], "Сумщина"),
    _ua("22", "UA-61", "Ternopil Oblast", "Ternopil", "Тернопільська", "Тернопольская", ["Ternopil", "Ternopol"],
        "Тернопільщина", "Тернопольщина"),
    _ua("23", "UA-05", "Vinnytsia Oblast", "Vinnytsya", "Вінницька", "Винницкая",
        ["Vinnytsia", "Vinnitsa", "Vinnytsya"], "Вінниччина", "Винничина"),
    _ua("24", "UA-07", "Volyn Oblast", "Lutsk", "Волинська", "Волынская", ["Volyn", "Volhynia"],
        "Волинь", "Волынь", "Volyn", "Volhynia"),
    _ua("25", "UA-21", "Zakarpattia Oblast", "Uzhhorod", "Закарпатська", "Закарпатская",
        ["Zakarpattia", "Zakarpattya", "Transcarpathian", "Transcarpathia"],
        "Закарпаття", "Закарпатье", "Transcarpathia", "Zakarpattia"),
    _ua("26", "UA-23", "Zaporizhzhia Oblast", "Zaporizhzhya", "Запорізька", "Запорожская",
        ["Zaporizhzhia", "Zaporozhye", "Zaporizhia", "Zaporizhzhya"], "Запоріжчина"),
    _ua("27", "UA-18", "Zhytomyr Oblast", "Zhytomyr", "Житомирська", "Житомирская", ["Zhytomyr", "Zhitomir"],
        "Житомирщина"),
)

O, K, R = "oblast", "krai", "republic"

RU_REGIONS: tuple[Region, ...] = (
    _ru("09", "RU-BEL", "Belgorod Oblast", "Belgorod", O, "Бєлгородська", "Белгородская", ["Belgorod", "Bilhorod"],
        "Белгородчина", "Бєлгородщина", "Белгородщина"),
    _ru("10", "RU-BRY", "Bryansk Oblast", "Bryansk", O, "Брянська", "Брянская", ["Bryansk"], "Брянщина"),
    _ru("41", "RU-KRS", "Kursk Oblast", "Kursk", O, "Курська", "Курская", ["Kursk"], "Курщина", "Курщина"),
    _ru("61", "RU-ROS", "Rostov Oblast", "Rostov-on-Don", O, "Ростовська", "Ростовская", ["Rostov"], "Ростовщина"),
    _ru("86", "RU-VOR", "Voronezh Oblast", "Voronezh", O, "Воронезька", "Воронежская", ["Voronezh"], "Воронежчина"),
    _ru("38", "RU-KDA", "Krasnodar Krai", "Krasnodar", K, "Краснодарський", "Краснодарский", ["Krasnodar"],
        "Кубань", "Kuban", "Кубани"),
    _ru("48", "RU-MOW", "Moscow", "Moscow", "city"),
    _ru("47", "RU-MOS", "Moscow Oblast", "Krasnogorsk", O, "Московська", "Московская", ["Moscow"],
        "Подмосковье", "Підмосков'я"),
    _ru("66", "RU-SPE", "Saint Petersburg", "Saint Petersburg", "city"),
    _ru("42", "RU-LEN", "Leningrad Oblast", "Gatchina", O, "Ленінградська", "Ленинградская", ["Leningrad"]),
    _ru("73", "RU-TA", "Tatarstan", "Kazan", R, "Татарстан", "Татарстан", ["Tatarstan"],
        "Республика Татарстан", "Республіка Татарстан"),
    _ru("08", "RU-BA", "Bashkortostan", "Ufa", R, "Башкортостан", "Башкортостан", ["Bashkortostan", "Bashkiria"],
        "Башкирия", "Башкирія"),
    _ru("17", "RU-DA", "Dagestan", "Makhachkala", R, "Дагестан", "Дагестан", ["Dagestan"]),
    _ru("12", "RU-CE", "Chechnya", "Grozny", R, "Чечня", "Чечня", ["Chechnya"], "Чечения", "Chechen Republic"),
    _ru("19", "RU-IN", "Ingushetia", "Nazran", R, "Інгушетія", "Ингушетия", ["Ingushetia"]),
    _ru("22", "RU-KB", "Kabardino-Balkaria", "Nalchik", R, "Кабардино-Балкарія", "Кабардино-Балкария",
        ["Kabardino-Balkaria"]),
    _ru("68", "RU-SE", "North Ossetia-Alania", "Vladikavkaz", R, "Північна Осетія", "Северная Осетия",
        ["North Ossetia"]),
    _ru("63", "RU-SA", "Sakha", "Yakutsk", R, "Якутія", "Якутия", ["Yakutia", "Sakha"]),
    _ru("11", "RU-BU", "Buryatia", "Ulan-Ude", R, "Бурятія", "Бурятия", ["Buryatia"]),
    _ru("79", "RU-TY", "Tuva", "Kyzyl", R, "Тува", "Тыва", ["Tuva"], "Тува"),
    _ru("16", "RU-CU", "Chuvashia", "Cheboksary", R, "Чувашія", "Чувашия", ["Chuvashia"]),
    _ru("80", "RU-UD", "Udmurtia", "Izhevsk", R, "Удмуртія", "Удмуртия", ["Udmurtia"]),
    _ru("46", "RU-MO", "Mordovia", "Saransk", R, "Мордовія", "Мордовия", ["Mordovia"]),
    _ru("45", "RU-ME", "Mari El", "Yoshkar-Ola", R, "Марій Ел", "Марий Эл", ["Mari El"]),
    _ru("34", "RU-KO", "Komi", "Syktyvkar", R, "Республіка Комі", "Республика Коми", ["Komi Republic"]),
    _ru("28", "RU-KR", "Karelia", "Petrozavodsk", R, "Карелія", "Карелия", ["Karelia"]),
    _ru("01", "RU-AD", "Adygea", "Maykop", R, "Адигея", "Адыгея", ["Adygea", "Adygeya"]),
    _ru("24", "RU-KL", "Kalmykia", "Elista", R, "Калмикія", "Калмыкия", ["Kalmykia"]),
    _ru("27", "RU-KC", "Karachay-Cherkessia", "Cherkessk", R, "Карачаєво-Черкесія", "Карачаево-Черкесия",
        ["Karachay-Cherkessia"]),
    _ru("31", "RU-KK", "Khakassia", "Abakan", R, "Хакасія", "Хакасия", ["Khakassia"]),
    _ru("03", "RU-AL", "Altai Republic", "Gorno-Altaysk", R, "Республіка Алтай", "Республика Алтай",
        ["Altai Republic"]),
    _ru("04", "RU-ALT", "Altai Krai", "Barnaul", K, "Алтайський", "Алтайский", ["Altai"]),
    _ru("59", "RU-PRI", "Primorsky Krai", "Vladivostok", K, "Приморський", "Приморский", ["Primorsky", "Primorye"],
        "Приморье"),
    _ru("70", "RU-STA", "Stavropol Krai", "Stavropol", K, "Ставропольський", "Ставропольский", ["Stavropol"],
        "Ставрополье"),
    _ru("91", "RU-KYA", "Krasnoyarsk Krai", "Krasnoyarsk", K, "Красноярський", "Красноярский", ["Krasnoyarsk"]),
    _ru("90", "RU-PER", "Perm Krai", "Perm", K, "Пермський", "Пермский", ["Perm"], "Прикамье"),
    _ru("30", "RU-KHA", "Khabarovsk Krai", "Khabarovsk", K, "Хабаровський", "Хабаровский", ["Khabarovsk"]),
    _ru("93", "RU-ZAB", "Zabaykalsky Krai", "Chita", K, "Забайкальський", "Забайкальский", ["Zabaykalsky"],
        "Забайкалье"),
    _ru("92", "RU-KAM", "Kamchatka Krai", "Petropavlovsk-Kamchatsky", K, "Камчатський", "Камчатский", ["Kamchatka"],
        "Камчатка"),
    _ru("13", "RU-CHE", "Chelyabinsk Oblast", "Chelyabinsk", O, "Челябінська", "Челябинская", ["Chelyabinsk"]),
    _ru("71", "RU-SVE", "Sverdlovsk Oblast", "Yekaterinburg", O, "Свердловська", "Свердловская", ["Sverdlovsk"]),
    _ru("53", "RU-NVS", "Novosibirsk Oblast", "Novosibirsk", O, "Новосибірська", "Новосибирская", ["Novosibirsk"]),
    _ru("54", "RU-OMS", "Omsk Oblast", "Omsk", O, "Омська", "Омская", ["Omsk"]),
    _ru("65", "RU-SAM", "Samara Oblast", "Samara", O, "Самарська", "Самарская", ["Samara"]),
    _ru("51", "RU-NIZ", "Nizhny Novgorod Oblast", "Nizhniy Novgorod", O, "Нижньогородська", "Нижегородская",
        ["Nizhny Novgorod"]),
    _ru("84", "RU-VGG", "Volgograd Oblast", "Volgograd", O, "Волгоградська", "Волгоградская", ["Volgograd"]),
    _ru("67", "RU-SAR", "Saratov Oblast", "Saratov", O, "Саратовська", "Саратовская", ["Saratov"]),
    _ru("78", "RU-TYU", "Tyumen Oblast", "Tyumen", O, "Тюменська", "Тюменская", ["Tyumen"]),
    _ru("29", "RU-KEM", "Kemerovo Oblast", "Kemerovo", O, "Кемеровська", "Кемеровская", ["Kemerovo"], "Кузбасс",
        "Кузбас", "Kuzbass"),
    _ru("20", "RU-IRK", "Irkutsk Oblast", "Irkutsk", O, "Іркутська", "Иркутская", ["Irkutsk"]),
    _ru("55", "RU-ORE", "Orenburg Oblast", "Orenburg", O, "Оренбурзька", "Оренбургская", ["Orenburg"]),
    _ru("76", "RU-TUL", "Tula Oblast", "Tula", O, "Тульська", "Тульская", ["Tula"]),
    _ru("23", "RU-KGD", "Kaliningrad Oblast", "Kaliningrad", O, "Калінінградська", "Калининградская",
        ["Kaliningrad"]),
    _ru("07", "RU-AST", "Astrakhan Oblast", "Astrakhan", O, "Астраханська", "Астраханская", ["Astrakhan"]),
    _ru("57", "RU-PNZ", "Penza Oblast", "Penza", O, "Пензенська", "Пензенская", ["Penza"]),
    _ru("81", "RU-ULY", "Ulyanovsk Oblast", "Ulyanovsk", O, "Ульяновська", "Ульяновская", ["Ulyanovsk"]),
    _ru("85", "RU-VLG", "Vologda Oblast", "Vologda", O, "Вологодська", "Вологодская", ["Vologda"]),
    _ru("77", "RU-TVE", "Tver Oblast", "Tver", O, "Тверська", "Тверская", ["Tver"]),
    _ru("88", "RU-YAR", "Yaroslavl Oblast", "Yaroslavl", O, "Ярославська", "Ярославская", ["Yaroslavl"]),
    _ru("83", "RU-VLA", "Vladimir Oblast", "Vladimir", O, "Владимирська", "Владимирская", ["Vladimir"]),
    _ru("06", "RU-ARK", "Arkhangelsk Oblast", "Arkhangel’sk", O, "Архангельська", "Архангельская", ["Arkhangelsk"]),
    _ru("43", "RU-LIP", "Lipetsk Oblast", "Lipetsk", O, "Липецька", "Липецкая", ["Lipetsk"]),
    _ru("72", "RU-TAM", "Tambov Oblast", "Tambov", O, "Тамбовська", "Тамбовская", ["Tambov"]),
    _ru("62", "RU-RYA", "Ryazan Oblast", "Ryazan’", O, "Рязанська", "Рязанская", ["Ryazan"]),
    _ru("69", "RU-SMO", "Smolensk Oblast", "Smolensk", O, "Смоленська", "Смоленская", ["Smolensk"]),
    _ru("25", "RU-KLU", "Kaluga Oblast", "Kaluga", O, "Калузька", "Калужская", ["Kaluga"]),
    _ru("56", "RU-ORL", "Oryol Oblast", "Orël", O, "Орловська", "Орловская", ["Oryol", "Orel"]),
    _ru("21", "RU-IVA", "Ivanovo Oblast", "Ivanovo", O, "Іванівська", "Ивановская", ["Ivanovo"]),
    _ru("37", "RU-KOS", "Kostroma Oblast", "Kostroma", O, "Костромська", "Костромская", ["Kostroma"]),
    _ru("33", "RU-KIR", "Kirov Oblast", "Kirov", O, "Кіровська", "Кировская", ["Kirov"]),
    _ru("49", "RU-MUR", "Murmansk Oblast", "Murmansk", O, "Мурманська", "Мурманская", ["Murmansk"]),
    _ru("60", "RU-PSK", "Pskov Oblast", "Pskov", O, "Псковська", "Псковская", ["Pskov"]),
    _ru("52", "RU-NGR", "Novgorod Oblast", "Velikiy Novgorod", O, "Новгородська", "Новгородская", ["Novgorod"]),
    _ru("75", "RU-TOM", "Tomsk Oblast", "Tomsk", O, "Томська", "Томская", ["Tomsk"]),
    _ru("40", "RU-KGN", "Kurgan Oblast", "Kurgan", O, "Курганська", "Курганская", ["Kurgan"]),
    _ru("05", "RU-AMU", "Amur Oblast", "Blagoveshchensk", O, "Амурська", "Амурская", ["Amur"]),
    _ru("64", "RU-SAK", "Sakhalin Oblast", "Yuzhno-Sakhalinsk", O, "Сахалінська", "Сахалинская", ["Sakhalin"]),
    _ru("44", "RU-MAG", "Magadan Oblast", "Magadan", O, "Магаданська", "Магаданская", ["Magadan"]),
    _ru("32", "RU-KHM", "Khanty-Mansi Autonomous Okrug", "Khanty-Mansiysk", "okrug", "Югра", "Югра",
        ["Khanty-Mansi", "Yugra"], "Ханты-Мансийский автономный округ", "Ханти-Мансійський автономний округ"),
    _ru("87", "RU-YAN", "Yamalo-Nenets Autonomous Okrug", "Salekhard", "okrug", "Ямал", "Ямал",
        ["Yamalo-Nenets", "Yamal"], "Ямало-Ненецкий автономный округ", "Ямало-Ненецький автономний округ"),
    _ru("50", "RU-NEN", "Nenets Autonomous Okrug", "Naryan-Mar", "okrug", "", "", ["Nenets"],
        "Ненецкий автономный округ", "Ненецький автономний округ"),
    _ru("15", "RU-CHU", "Chukotka", "Anadyr", "okrug", "Чукотка", "Чукотка", ["Chukotka"]),
    _ru("89", "RU-YEV", "Jewish Autonomous Oblast", "Birobidzhan", "okrug", "", "", [],
        "Еврейская автономная область", "Єврейська автономна область"),
)

REGIONS: tuple[Region, ...] = UA_REGIONS + RU_REGIONS

# Region words, by kind: Ukrainian, Russian, English.
REGION_NOUN_UK = {"oblast": "область", "krai": "край"}
REGION_NOUN_RU = {"oblast": "область", "krai": "край"}
REGION_NOUN_EN = {"oblast": ("oblast", "region", "province"), "krai": ("krai", "kray", "region", "territory")}


@dataclass(frozen=True)
class Country:
    iso: str
    en: tuple[str, ...]
    uk: tuple[str, ...]
    ru: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country("UA", ("Ukraine",), ("Україна",), ("Украина",)),
    Country("RU", ("Russia", "Russian Federation"), ("Росія", "Російська Федерація"),
            ("Россия", "Российская Федерация")),
    Country("BY", ("Belarus", "Byelorussia"), ("Білорусь", "Беларусь"), ("Беларусь", "Белоруссия")),
    Country("MD", ("Moldova",), ("Молдова",), ("Молдавия", "Молдова")),
    Country("PL", ("Poland",), ("Польща",), ("Польша",)),
    Country("RO", ("Romania",), ("Румунія",), ("Румыния",)),
    Country("HU", ("Hungary",), ("Угорщина",), ("Венгрия",)),
    Country("SK", ("Slovakia",), ("Словаччина",), ("Словакия",)),
    Country("GE", ("Georgia",), ("Грузія",), ("Грузия",)),
    Country("KZ", ("Kazakhstan",), ("Казахстан",), ("Казахстан",)),
    Country("US", ("United States", "United States of America", "USA", "U.S.A.", "U.S."),
            ("США", "Сполучені Штати", "Сполучені Штати Америки"),
            ("США", "Соединённые Штаты", "Соединенные Штаты", "Соединенные Штаты Америки")),
)

# Renamed or differently named cities: alias -> (country, GeoNames name of the place).
RENAMED: dict[str, tuple[str, str]] = {
    "Dnipropetrovsk": ("UA", "Dnipro"), "Dnepropetrovsk": ("UA", "Dnipro"), "Dnieper": ("UA", "Dnipro"),
    "Dnepr": ("UA", "Dnipro"), "Днепропетровск": ("UA", "Dnipro"), "Дніпропетровськ": ("UA", "Dnipro"),
    "Kirovograd": ("UA", "Kropyvnytskyi"), "Kirovohrad": ("UA", "Kropyvnytskyi"),
    "Кировоград": ("UA", "Kropyvnytskyi"), "Кіровоград": ("UA", "Kropyvnytskyi"),
    "Artemivsk": ("UA", "Bakhmut"), "Artemovsk": ("UA", "Bakhmut"), "Артемівськ": ("UA", "Bakhmut"),
    "Артемовск": ("UA", "Bakhmut"), "Kiev": ("UA", "Kyiv"), "Киев": ("UA", "Kyiv"),
    "Dniprodzerzhynsk": ("UA", "Kamianske"), "Dneprodzerzhinsk": ("UA", "Kamianske"),
    "Днепродзержинск": ("UA", "Kamianske"), "Дніпродзержинськ": ("UA", "Kamianske"),
    "Krasnoarmeysk": ("UA", "Pokrovsk"), "Красноармейск": ("UA", "Pokrovsk"),
    "Komsomolsk": ("UA", "Horishni Plavni"), "Ilyichevsk": ("UA", "Chornomorsk"), "Ильичевск": ("UA", "Chornomorsk"),
    "Kotovsk": ("UA", "Podilsk"), "Котовск": ("UA", "Podilsk"),
}

# Words that are never a place, whatever the data says (lowercase).
STOP_WORDS: frozenset[str] = frozenset("""
мир слава дружба победа перемога ясна ясная луг поле бор маяк нива сад парк центр заря зоря рассвет світанок
восход схід лес ліс гай роща кут степ степь прогресс прогрес труд праця май травень октябрь жовтень север
надежда надія вера віра любовь любов свобода воля родина батьківщина мирный мирний новая новий нова новое
новий світ буда балка яр хутор село поселок селище город місто район область край станция станція
берег острів остров гора горы лиман порт завод шахта колхоз радгосп совхоз
bar mayak nova police most sale bank ray mir slava pole lug bor gay union victory center centre park field mine
pravda правда истина
lake river hill city town village port station north south east west new old may june july march august
of the and man nice buy sim ob ust dal han are is it its on at in to by or an as be do go he me no
so up we us hope glory peace friendship liberty freedom progress dawn sunrise labor labour star zero
kill mama papa moon sun sea ocean bay golf gold silver iron steel ust' pop hat win
""".split())
