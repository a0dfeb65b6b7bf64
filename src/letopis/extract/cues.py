"""Trigger words and role words in English, Ukrainian and Russian.

Each cue family is one regular expression over lower-cased text. Slavic words
are written as stems so that one pattern covers their inflections
("затрима" covers затримали, затримано, затриманий, затримання). The three
languages share one pattern per family: reports mix them (a Russian quote in a
Ukrainian post), and the scripts do not collide.
"""

from __future__ import annotations

import re
from functools import lru_cache

_W = r"(?<![\w])"  # start of a word (\b misbehaves next to apostrophes and digits)

CUES: dict[str, str] = {
    # --- people and organisations (roles) -------------------------------------------------
    "recruitment": r"тцк|тцк\s*та\s*сп|територіальн\w* центр\w* комплектування|військкомат|"
    r"військов\w* комісаріат|груп\w* оповіщення|оповіщувач|"
    r"военкомат|военн\w* комиссариат|военкомат\w*|тцк\b|"
    r"\btcc\b|\btrc\b|\btsk\b|recruit(?:ment|ing|er)|enlistment|draft (?:office|board|officer)|"
    r"military commissariat|voenkomat|conscription officer|notification group|mobili[sz]ation officer",
    "police": r"поліц|патрульн|правоохорон|полиц|росгвард|омон|police|officers? of the national police|"
    r"law enforcement|riot police",
    "border": r"кордон|прикордон|дпсу|тиса|тису|тисі|дністер|дністр|нелегальн\w* перетин|"
    r"границ|пограничн|\bborder|tysa|tisza|dniester|crossing into (?:romania|moldova|hungary|poland|slovakia)",
    "court": r"\bсуд\b|суду|судом|суді|судд|\bсуда\b|судом|судья|судьи|court|judge|tribunal|"
    r"районн\w* суд|міськ\w* суд|городск\w* суд|военн\w* суд",
    "prosecutors": r"прокурат|прокурор|prosecutor",
    "security_service": r"\bсбу\b|\bдбр\b|\bфсб\b|\bsbu\b|\bfsb\b|\bsbi\b|державн\w* бюро розслідувань|"
    r"security service|служб\w* безпеки|служб\w* безопасности",
    "military": r"військов(?!\w*\s+(?:комісаріат|комісар))|військовослужбов|\bзсу\b|бригад|батальйон|\bвч\b|"
    r"в/ч|військов\w* частин|командир|военнослужащ|военн(?!\w*\s+комиссариат)|воинск\w* част|"
    r"бригад|батальон|солдат|soldier|servicem[ae]n|military unit|brigade|battalion|commander|troops|army",
    "civilians": r"мешкан|місцев\w+ жител|жител|перехож|натовп|люди\b|людей|жінки|родич|сусід|"
    r"прохож|толп|местн\w+ жител|женщин|родственник|сосед|"
    r"residents|locals|passers-by|passersby|crowd|bystanders|neighbou?rs|relatives|women",
    "workers": r"працівник\w* (?:підприємств|заводу|шахти|комбінату)|робітник|шахтар|"
    r"рабоч|шахтер|сотрудник\w* (?:завода|предприятия)|workers|employees|miners",
    "officials": r"чиновник|посадов|міськ\w+ голов|мер\b|мэр|губернатор|official|mayor|governor|"
    r"administration|адміністрац|администрац",
    # --- actions --------------------------------------------------------------------------
    "detain": r"затрима|затриму|заарешт|схопил|схопив|забрали|забрав|запхал|заштовхал|"
    r"доставил\w* до|доставлен\w* до|"
    r"задерж|арестова|схватил|затолкал|запихнул|доставил\w* в|доставлен\w* в|"
    r"detain|arrest|apprehend|seized|grabbed|snatched|taken to|taken into custody|"
    r"bundled|pulled (?:him|them|a man|men)|picked up",
    "mobilize": r"бусифік|бусифик|busif|мобілізува|примусов\w* мобіліз|силоміць|примусово|"
    r"мобилизова|принудительн\w* мобилиз|насильно|"
    r"forcibly mobili|forced(?:ly)? (?:into|to)|press-ganged|mobili[sz]ed by force|"
    r"вручил\w* повіст|вручили повест|served (?:a |with )?(?:draft )?(?:summons|notice)|"
    r"облав|рейд\w* (?:по|в|на)|raid",
    "attack": r"напа(?:в|ла|ли|дник)|напад\w* на|вдарив ножем|ударив ножем|ножем|ножов|поранив|"
    r"стріля|вистрілив|обстріля|підпал|кинув (?:гранат|коктейл|пляшк)|вибух|"
    r"напал|нападен|ударил ножом|ножом|ножев|ранил|стрелял|выстрел|подожг|поджог|"
    r"бросил (?:гранат|коктейл|бутылк)|взрыв|"
    r"attack|assault|stabb|knife|shot at|opened fire|fired (?:at|shots)|gunm|"
    r"set fire|set alight|arson|molotov|firebomb|explosi|grenade|rammed",
    "resist": r"заблокува|блокува|перегородил|відбил|відбити|звільнил\w* (?:затриман|чоловік)|"
    r"оточил|не дал\w* (?:забрати|затримати|вивезти)|відтіснил|"
    r"заблокирова|блокирова|отбил|отбить|освободил\w* (?:задержан|мужчин)|окружил|"
    r"не дал\w* (?:забрать|задержать|увезти)|"
    r"blocked|blocking|freed|free(?:d)? the (?:man|detainee)|surrounded|prevented|pushed back|"
    r"stood in the way|scuffle|brawl|bodies in front|released the man",
    "abuse": r"побил|побили|побиття|избил|избиени|катува|катуван|тортур|пытк|пытал|знущал|"
    r"издевал|помер\w* (?:у|в) (?:приміщенні )?тцк|помер\w* на полігон|помер\w* в (?:ізолятор|казарм)|"
    r"умер\w* в (?:военкомат|тцк|части|казарм)|"
    r"beaten|beating|beat him|tortur|abus|died (?:in|at) (?:the )?(?:tcc|trc|custody|training|barracks)|"
    r"death (?:in|at) (?:the )?(?:tcc|trc|custody|training)|hazing|дідівщин|дедовщин",
    "desert": r"сзч|\bсоч\b|самовільн\w* залиш|самовольн\w* остав|дезерт|залишил\w* позиц|"
    r"покинул\w* (?:позиц|част)|сбежал\w* из част|втік з частин|втекли з частин|"
    r"szch|deser|awol|absent without leave|unauthori[sz]ed absence|left (?:their|his) (?:positions|unit)|"
    r"abandoned (?:their|his) (?:positions|unit)|went on skis|на лижі|на лыжи",
    "legal": r"засуд|вирок|вироку|присуди|обвинува|повідомил\w* про підозр|підозр|запобіжн|"
    r"під варт|взяли під варту|кримінальн\w* (?:провадж|справ)|відкрил\w* провадж|штраф|"
    r"приговор|осужд|осудил|обвин|возбуди\w* (?:уголовн|дел)|уголовн\w* дел|под страж|арестовал\w* на|"
    r"мер\w* пресечен|штраф|"
    r"sentenc|convict|verdict|charged|indict|custody for|pre-trial|criminal case|criminal proceedings|"
    r"fined|court (?:ordered|ruled|found)|jailed|prison term|years in prison|penal colony",
    "protest": r"мітинг|протест|пікет|акці\w* (?:протесту|на підтримку)|вийшли на акц|демонстрац|"
    r"перекрил\w* (?:дорогу|трасу|рух)|зібрал\w* (?:під|біля|у)|"
    r"митинг|пикет|акци\w* протеста|вышли на|перекрыли (?:дорогу|трассу)|собрал\w* (?:у|возле|перед)|"
    r"rally|protest|picket|demonstrat|march(?:ed)? (?:to|through|on)|blocked (?:the )?(?:road|highway)|"
    r"gathered (?:outside|in front|at)",
    "labor": r"заборгован\w* (?:із|з|по) (?:заробітн|зарплат)|не виплач|невиплат|зарплат|заробітн|"
    r"страйк|задолженност\w* по зарплат|не плат|невыплат|зарплат|забастовк|"
    r"wage arrears|unpaid (?:wages|salar)|not been paid|salary|wages|strike",
    "censorship": r"заблокува\w* (?:канал|сайт|сторінк|ресурс)|блокуван\w* (?:канал|сайт)|"
    r"за (?:пост|допис|коментар|репост)|дискредитац|фейк|іноагент|иноагент|"
    r"заблокирова\w* (?:канал|сайт|страниц)|блокировк\w* (?:канал|сайт)|"
    r"за (?:пост|публикац|комментари|репост)|дискредитац|фейк\w* об арми|"
    r"blocked (?:the |a )?(?:channel|website|site|page)|takedown|taken down|"
    r"for (?:a |his |her |their )?(?:post|posts|repost)s?\b|discredit|fakes about|"
    r"foreign agent|censor|classified (?:the )?(?:statistic|data)|засекреч|засекрет",
    "death": r"загин|помер|померл|смерт|загибел|вбит|вбили|вбив|потону|втопи|мертв|тіло\b|тіла\b|"
    r"погиб|умер|скончал|смерт|убит|убили|утону|утоп|тело\b|"
    r"killed|died|dead|death|drown|body of|lost (?:his|her|their) li",
    "injury": r"поранен|поранил|поранення|травм|госпіталіз|постраждал|"
    r"ранен|ранил|ранени|госпитализ|пострадал|"
    r"injur|wound|hurt|hospitali[sz]|stab wound",
}

# Words that make a sentence generic rather than a report of a dated event.
GENERIC = (
    r"\b(?:часто|зазвичай|завжди|постійно|як правило|нерідко|регулярно|"
    r"обычно|всегда|постоянно|как правило|нередко|регулярно|"
    r"often|usually|always|routinely|regularly|typically|generally|"
    r"could|would|should|must|may face|will be|can be|"
    r"може|можуть|мають|повинні|має право|буде|будуть|"
    r"может|могут|должны|будет|будут)\b"
)

OPINION = (
    r"\b(?:на мою думку|я вважаю|ми вважаємо|по-моєму|по моему|я считаю|мы считаем|"
    r"in my view|i think|we believe|in our opinion|opinion)\b"
)


@lru_cache(maxsize=None)
def cue_pattern(name: str) -> re.Pattern[str]:
    return re.compile(_W + "(?:" + CUES[name] + ")", re.IGNORECASE)


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    """All cue families present in ``text``, with the spans where they occur."""
    lowered = text.lower()
    found: dict[str, list[tuple[int, int]]] = {}
    for name in CUES:
        spans = [(m.start(), m.end()) for m in cue_pattern(name).finditer(lowered)]
        if spans:
            found[name] = spans
    return found


_GENERIC_RE = re.compile(GENERIC, re.IGNORECASE)
_OPINION_RE = re.compile(OPINION, re.IGNORECASE)


def is_generic(text: str) -> bool:
    return bool(_GENERIC_RE.search(text))


def is_opinion(text: str) -> bool:
    return bool(_OPINION_RE.search(text))
