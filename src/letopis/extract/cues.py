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

from letopis.extract.multiscan import MultiScan, Screened

_W = r"(?<![\w])"  # start of a word (\b misbehaves next to apostrophes and digits)

CUES: dict[str, str] = {
    # --- people and organisations (roles) -------------------------------------------------
    "recruitment": r"тцк|тцк\s*та\s*сп|територіальн\w* центр\w* комплектування|військкомат|"
    r"військов\w* комісаріат|груп\w* оповіщення|оповіщувач|"
    r"военкомат|военн\w* комиссариат|военкомат\w*|тцк\b|групп\w* оповещени|"
    r"\btcc\b|\btrc\b|\btsk\b|\btcr\b|\bttsk\b|territorial (?:center|centre)s? of recruitment|recruit(?:ment|ing|er)|enlistment|draft (?:office|board|officer)|"
    r"military commissariat|voenkomat|conscription officer|notification group|mobili[sz]ation officer",
    "police": r"поліц|патрульн|правоохорон|полиц|росгвард|омон|police|officers? of the national police|"
    r"law enforcement|riot police|військов\w* служб\w* правопорядку|\bвсп\b|военн\w* полици|"
    r"military police|слідч\w*|следовател\w*|следственн\w* (?:комитет|управлени|отдел)|\bск\b|\bскр\b|"
    r"investigators?|investigative committee|нацполіц|национальн\w* полиц",
    "border": r"кордон|прикордон|дпсу|тиса|тису|тисі|дністер|дністр|нелегальн\w* перетин|"
    r"границ|пограничн|\bborder|tysa|tisza|dniester|crossing into (?:romania|moldova|hungary|poland|slovakia)|"
    r"перепли\w* (?:\w+ )?(?:річк|ріку|рік|тис|дністер|дністр|прут)|переплы\w* (?:\w+ )?(?:рек|тис|днестр|прут)|"
    r"swim\w* across|swam across|swum across",
    "court": r"\bсуд\b|суду|судом|суді|судд|\bсуда\b|судом|судья|судьи|court(?!yard)|judge|tribunal|"
    r"районн\w* суд|міськ\w* суд|городск\w* суд|военн\w* суд",
    "prosecutors": r"прокурат|прокурор|prosecutor",
    "security_service": r"\bсбу\b|\bдбр\b|\bфсб\b|\bsbu\b|\bfsb\b|\bsbi\b|державн\w* бюро розслідувань|"
    r"security service|служб\w* безпеки|служб\w* безопасности",
    "military": r"військов(?!\w*\s+(?:комісаріат|комісар))|військовослужбов|\bзсу\b|бригад|батальйон|\bвч\b|"
    r"в/ч|військов\w* частин|командир|военнослужащ|военн(?!\w*\s+комиссариат)|воинск\w* част|"
    r"бригад|батальон|солдат|soldier|servicem[ae]n|service ?members?|military unit|brigade|battalion|commander|troops|army|"
    # recruits and the places where they are trained or held count as the military side
    r"мобілізован|мобилизованн|строковик|срочник|курсант|контрактник|полігон|навчальн\w* центр|"
    r"полигон|учебн\w* центр|mobili[sz]ed (?:man|men|soldier|recruit)|conscript|cadet|instructor|"
    r"training (?:ground|centre|center|camp)",
    "civilians": r"мешкан|місцев\w+ жител|жител|перехож|натовп|люди\b|людей|жінки|родич|сусід|"
    r"прохож|толп|местн\w+ жител|женщин|родственник|сосед|"
    r"residents|locals|passers-by|passersby|crowd|bystanders|neighbou?rs|relatives|women",
    # many civilians acting together: an attack by them on recruiters is resistance (a brawl)
    "crowd": r"натовп|толп|crowd|груп\w* (?:людей|чоловіків|осіб|мешканців|цивільних|місцевих|жінок)|"
    r"групп\w* (?:людей|мужчин|лиц|местных|жителей|женщин)|group of (?:people|men|locals|residents|civilians|women)|"
    r"\bлюди\b|мешканці\b|мешканців|жителі\b|жителів|жители\b|жителей|перехожі\b|перехожих|прохожие|прохожих|"
    r"односельці|односельців|односельчане|односельчан\b|цивільн\w* (?:особи|люди)|"
    r"locals|residents|passers-by|passersby|bystanders|villagers",
    "workers": r"працівник\w* (?:підприємств|заводу|шахти|комбінату)|робітник|шахтар|"
    r"рабоч|шахтер|сотрудник\w* (?:завода|предприятия)|workers|employees|miners",
    "officials": r"чиновник|посадов|міськ\w+ голов|мер\b|мэр|губернатор|official|mayor|governor|"
    r"administration|адміністрац|администрац",
    # vehicles of recruiters and police, and road blockades: a blockade that stops their
    # vehicle is resistance, not protest
    "vehicle": r"\bбус|автобус|мікроавтобус|маршрутк|машин|автомобіл|автомобил|\bавто\b|"
    r"minibus|\bbus\b|\bvans?\b|\bcars?\b|vehicle",
    "blockade": r"перекрил\w* (?:дорогу|трасу|рух|вулицю)|перекрыл\w* (?:дорогу|трассу|движение|улицу)|"
    r"перегородил|blocked (?:the )?(?:road|highway|street)",
    # --- actions --------------------------------------------------------------------------
    "detain": r"затрима|затриму|заарешт|арешту|схопил|схопив|забрали|забрав|запхал|заштовхал|упакува|"
    # forced into a vehicle: "запакували в бус", "затолкнули в машину", "pushed inside"
    r"запакува|запакова|запхну|заштовхну|впихну|впихал|затолкну|запихал|"
    r"(?:pushed|shoved|bundled|dragged|forced) (?:him |her |them |the \w+ |\w+ men )?(?:inside|into)\b|"
    r"спіймал|піймал|вивезл|везли|наручник|кайданк|handcuff|dragg(?:ed|ing) (?:a |the |him |them |\w+ )?(?:man|men|him|them)?|"
    r"задерж(?!к)|арестова|схватил|затолкал|запихнул|упаковал|поймал|увезл|вывезл|"
    r"detain|arrest|apprehend|seized|grabbed|snatched|taken into custody|caught (?:him|her|them)|"
    r"bundled|pulled (?:him|them|a man|men)|picked up|tak(?:ing|en|e|es) away|took away|"
    # delivery to the recruitment office or police, not to a hospital
    r"(?:доставил|доставлен|доставля|доправил|доправлен|передал\w* до|передан\w* до|"
    r"taken to|handed over to|brought to|delivered to)(?!\w*\s+(?:до |в |у |to (?:the |a )?)?"
    r"(?:лікарн|больниц|госпітал|hospital|медзаклад))|"
    # held in custody: the convention counts a man held by officials as detained
    r"утримува|утримували|удержива|being held|held for (?:\w+ )?(?:days|hours)|in (?:the )?custody of|"
    r"stopped (?:a|an|him|them|two|three|four|five|several|\d+)\b|"
    r"зупинил\w* (?:чоловік|його|їх|хлопц|двох|трьох)|остановил\w* (?:мужчин|его|их|парн|двоих|троих)",
    # verb forms only: "мобілізований"/"мобилизованный" names a person, it reports no event
    # evading the draft: what many court cases are about ("засудили за ухилення від мобілізації")
    "evasion": r"ухил\w* від (?:мобіліз|призов|військов|служб)|ухилянт|відмови\w* від (?:мобіліз|повістк|призов|служб)|"
    r"отказа\w* от (?:мобилиз|повестк|призыв|служб)|refus\w* (?:to (?:serve|be mobili)|the (?:summons|call-up))|"
    r"уклон\w* от (?:мобилиз|призыв|военн|служб)|уклонист|"
    r"evad\w* (?:mobili|the draft|conscription|military service|call-up)|evasion of (?:mobili|military|conscription)|"
    r"draft[- ]evas|draft[- ]dodg",
    "mobilize": r"бусифік|бусифик|busif|мобілізува(?!вш)|примусов\w* мобіліз|силоміць|примусово|"
    r"мобилизовал|мобилизовать|принудительн\w* мобилиз|насильно|"
    r"forcibly mobili|forced mobili[sz]|forced(?:ly)? (?:into|to)|forced (?:a |an |the |him |two |three )[\w-]*\s*(?:\w+ )?into|"
    r"press-ganged|mobili[sz]ed by force|"
    r"облав|рейд\w* (?:по|в|на)|raid",
    # serving call-up papers is an event of its own ("other" unless someone is detained)
    "summons": r"вруч\w* (?:\w+ ){0,2}повіст|роздал\w* (?:\w+ ){0,2}повіст|рознос\w* (?:\w+ ){0,2}повіст|"
    r"вруч\w* (?:\w+ ){0,2}повест|раздал\w* (?:\w+ ){0,2}повест|разнос\w* (?:\w+ ){0,2}повест|"
    r"(?:served|handed|handing|delivered|gave)(?: out)? (?:\w+ )?(?:draft )?(?:summons|summonses|call-up papers)",
    # document checks by recruiters or police ("other" unless someone is detained)
    "check": r"перевіря\w* документ|перевірк\w* документ|проверя\w* документ|проверк\w* документ|"
    r"check(?:ed|ing)? (?:the )?documents|document checks?|checkpoints?|блокпост",
    "attack": r"напа(?:в|ла|ли|дник)|напад\w* на|накину\w* на|накинул\w* на|кинувся на|кинулся на|"
    r"бросил\w* на|lunged at|pounced on|вдарив ножем|ударив ножем|ножем|ножов|поранив|"
    r"стріля|вистрілив|обстріля|підпал|кину\w* (?:гранат|коктейл|пляшк|камін|камен|вибухівк)|вибух|"
    r"запальн\w* сум|пошкоди\w*|розби\w* (?:вікн|фар|скл|машин|автомобіл)|прокол\w* шин|"
    r"напал|нападен|ударил ножом|ножом|ножев|ранил|стрелял|выстрел|подожг|поджог|"
    r"брос\w* (?:гранат|коктейл|бутылк|камен)|взрыв|зажигательн\w* смес|повреди\w*|"
    r"разби\w* (?:окн|фар|стекл|машин|автомобил)|прокол\w* шин|"
    # officials as the killed side: "убили трьох працівників ТЦК", "officers were shot dead"
    r"(?:убил\w*|вбил\w*|вбив|застрелил\w*|застрелив|killed|shot dead) (?:\w+ ){0,3}(?:сотрудник\w*|працівник\w*|"
    r"військов\w*|военн\w*|officers?|servicem[ae]n|employees?) (?:\w+ )?(?:тцк|ттск|военкомат\w*|військкомат\w*|"
    r"recruit\w*|enlistment|tcc|trc)|"
    r"(?:сотрудник|працівник)\w* (?:тцк|военкомат\w*) (?:\w+ ){0,2}(?:убит|вбит|застрелен)|"
    r"attack|assault|stabb|knife|shot at|shot (?:a|an|the|two|him|her)\b|opened fire|fired (?:at|shots)|"
    r"fired (?:a |an |his |her )?(?:[\w-]+ )?(?:rifle|gun|pistol|shotgun)|gunm|"
    r"set fire|set alight|arson|molotov|firebomb|petrol bombs?|incendiary (?:device|mixture|bottle)|explosi|grenade|rammed|"
    r"threw (?:a |an )?(?:stone|rock|brick|bottle)|damaged|vandali[sz]|smashed|slashed (?:the )?tyres",
    "resist": r"заблокува|блокува|(?:натовп|люди|мешканц|жител|толпа)\w* (?:\w+ ){0,2}переверну(?:в|л\w*)|"
    r"переверну(?:в|л\w*) (?:бус|мікроавтобус|микроавтобус|автомобіль|автомобиль|машин)|самосуд|"
    r"(?:crowd|people|residents|locals) (?:\w+ ){0,2}overturned|overturned (?:the |a )?(?:van|minibus|bus|car)|перегородил|відбил|відбити|звільнил\w* (?:затриман|чоловік)(?!\w* (?:від|з-під) )|"
    r"оточил|не да(?:л|ва)\w* (?:забрати|затримати|вивезти|посадити|запхати|затягнути|відвезти)|відтіснил|не випускал|не пускал|"
    r"заблокирова|блокирова|отбил|отбить|освободил\w* (?:задержан|мужчин)(?!\w* (?:от|из-под) )|окружил|"
    r"не да(?:л|ва)\w* (?:забрать|задержать|увезти|посадить|затолкать|затащить|отвезти)|"
    r"(?:did not|didn't|would not) let (?:the )?(?:officers|recruiters|tcc|police)\w* (?:take|detain|put)|вытащил\w* из (?:него|бус|машин|автомоб)|"
    r"витяг\w* (?:\w+ ){0,3}(?:з|із) (?:\w+ )?(?:нього|бус|машин|автомоб|салону|авто\b)|"
    r"вытащ\w* (?:\w+ ){0,3}из (?:\w+ )?(?:салона|бус|машин|автомоб)|відбивал|отбивал|"
    r"(?:намагал\w*|спробува\w*|пытал\w*|попыта\w*|tried to) (?:\w+ )?(?:завадити|перешкодити|помешать|"
    r"воспрепятствовать|prevent|stop (?:the|them|officers))|"
    r"blocked|blocking|freed|free(?:d)? the (?:man|detainee)|surrounded|prevented|pushed back|"
    r"stood in the way|scuffle|brawl|bodies in front|released the man|locked the gates|"
    r"to keep (?:a |the )?(?:notification group|recruit\w*|officers|tcc)\w* (?:out|away)|"
    # helping the detained man get away
    r"допомогл\w* (?:йому |чоловікові |затриманому )?(?:втекти|утекти|вирватися)|"
    r"помогл\w* (?:ему |мужчине |задержанному )?(?:сбежать|убежать|вырваться)|"
    r"вирва\w* (?:його|чоловік|затриман)|вырва\w* (?:его|мужчин|задержан)|заступил\w* за|"
    r"helped (?:him |the man |the detainee )?(?:to )?(?:escape|flee|get away)|"
    r"(?:defended|defending|protected|protecting) (?:him|the man)",
    "abuse": r"побил|побили|побиття|избил|избива|избиени|катува|катуван|тортур|пытк|пыток|пытали (?:его|ее|её|их)|знущал|"
    r"издевал|\bбили\b|\bбив (?:його|її|їх)|\bбил (?:его|ее|её|их)|зламал\w* (?:йому |їй )?(?:ребр|щелеп|рук|ног|ніс)|"
    r"сломал\w* (?:ему |ей )?(?:ребр|челюст|рук|ног|нос)|сломана|зламан|без їжі|без еды|без води|"
    r"помер\w* (?:у|в) (?:приміщенні )?тцк|помер\w* на полігон|помер\w* в (?:ізолятор|казарм)|"
    r"умер\w* в (?:военкомат|тцк|части|казарм)|"
    r"beaten|beating|beat him|tortur|abus(?!e of (?:power|office|authority|position|trust))|broke (?:his|her|their) (?:rib|jaw|arm|leg|nose)|"
    r"died (?:in|at) (?:the )?(?:tcc|trc|custody|training|barracks)|"
    r"death (?:in|at) (?:the )?(?:tcc|trc|custody|training)|hazing|дідівщин|дедовщин|"
    # violence of the detention itself: blood, a brutal detention
    r"(?:в|у) крові|в крови|закривавлен|окровавлен|кровотеч|жорстк\w* затрима|жестк\w* задержан|"
    r"covered in blood|bloodied|brutal(?:ly)? (?:detain|detention|beat)|violent(?:ly)? detain",
    # the bare abbreviation names a category ("адвокат у справах СЗЧ"); an event needs a verb
    # an attempt to cross a border outside the checkpoints, or being stopped at it: a border incident
    "crossing": r"(?:tried|trying|try|attempted|attempting|attempt|unable|planned|planning|intended|intending|wanted) "
    r"to (?:illegally |secretly )?(?:cross|swim|flee (?:to|into|abroad)|escape (?:to|into|abroad)|leave ukraine|"
    r"get (?:to|into) (?:romania|moldova|hungary|poland|slovakia|transnistria))|illegal(?:ly)? cross|"
    r"(?:stopped|intercepted) by (?:the )?border|border (?:guards?|patrol) (?:\w+ ){0,2}(?:stopped|intercepted)|"
    r"(?:намага|спробува|хоті|планува|вирішил|збира|пробува)\w* (?:\w+ ){0,2}(?:перетнути|перепливти|"
    r"втекти (?:за кордон|до|в)|(?:потрапити|перейти|піти) до (?:молдов|румун|угорщ|польщ|словаччин|придністров)|"
    r"перейти (?:\w+ )?кордон|"
    r"дістатися (?:до )?(?:молдов|румун|угорщ|польщ|словаччин|придністров|кордон)|покинути (?:україну|країну)|"
    r"вивезти (?:\w+ ){0,4}(?:до|в|у) (?:молдов|румун|угорщ|польщ|словаччин|придністров))|"
    r"спроб\w* (?:\w+ ){0,4}(?:перетн|перепливти|потрапити до|дістатися|виїхати за кордон)|незаконн\w* перетн|"
    r"прикордонник\w* (?:\w+ ){0,2}зупинил|"
    r"(?:пыта|попыта|пытаясь|хоте|планирова|реши|собира)\w* (?:\w+ ){0,2}(?:пересечь|переплыть|"
    r"сбежать (?:за границу|в|во)|бежать (?:за границу|в)|(?:попасть|перейти|уйти) в (?:молдов|румын|венгри|польш|"
    r"словаки|приднестров)|перейти (?:\w+ )?границ|"
    r"добраться до (?:молдов|румын|венгри|польш|словаки|приднестров|границ)|вывезти (?:\w+ ){0,2}за границу|"
    r"покинуть (?:украину|страну)|вывезти (?:\w+ ){0,4}в (?:молдав|молдов|румын|венгри|польш|словаки|приднестров))|"
    r"попытк\w* (?:\w+ ){0,4}(?:пересеч|переплыть|попасть в|выехать за границу)|незаконн\w* пересеч|"
    r"пограничник\w* (?:\w+ ){0,2}останови",
    "desert": r"(?:пішо?в|пішл\w*|піти|йде|ушел|ушёл|ушл\w*|уйти|уходят|went|gone|go(?:ing)?)\s+"
    r"(?:у|в|into|on|to)\s+(?:сзч|соч|szch|awol)|самовільн\w* (?:залиш|пішл|пішов|покину)|"
    r"самовольн\w* (?:остав|ушл|ушел|ушёл|покинул)|дезерт|залишил\w* (?:позиц|частин|розташуван)|"
    r"покину\w* (?:позиц|част|розташуван)|покинул\w* (?:позиц|част|расположени)|сбежал\w* из част|"
    r"втік з частин|втекли з частин|оставил\w* (?:позиц|часть|расположени)|"
    r"deser|awol|absent without leave|unauthori[sz]ed absence|"
    r"(?:left|abandoned|walked away from|fled|ran away from) (?:their|his|her|the) (?:positions|unit|post|base)|"
    r"refus\w* to return to (?:their|his|her|the) (?:positions|unit)|went on skis|на лижі|на лыжи",
    "legal": r"засуд|вирок|вироку|присуди|обвинува|визна\w* (?:\w+ )?винн|призна\w* (?:\w+ )?виновн|"
    r"found (?:\w+ )?guilty|pleaded guilty|лишени\w* свободы|позбавлен\w* волі|реальн\w* (?:срок|строк|термін)|повідомил\w* про підозр|підозр|запобіжн|"
    r"під варт|взяли під варту|відхили\w* (?:\w+ )?(?:скарг|апеляці)|"
    r"кримінальн\w* (?:провадж|справ)|відкрил\w* провадж|штраф|"
    r"загрожує до|позбавлення волі|хабар(?:\w{0,2}|ник\w*|ництв\w*|ями|ами)(?!\w)|"
    r"приговор|осужд|осудил|обвин|возбуди\w* (?:уголовн|дел)|уголовн\w* дел|под страж|арестовал\w* на|"
    r"мер\w* пресечен|штраф|грозит до|лишения свободы|взятк|отклонил\w* (?:\w+ )?(?:жалоб|апелляц)|"
    r"колони\w* (?:общего|строгого|особого)|(?:отправил\w*|направил\w*) в колонию|відправил\w* (?:до|в) колоні|"
    r"sentenc|convict|verdict|charged|indict|custody for|pre-trial|criminal case|criminal proceedings|"
    r"fined|court (?:ordered|ruled|found)|remand|jailed|prison term|years in prison|penal colony|"
    r"faces? up to|bribe|(?:rejected|dismissed|upheld|denied) (?:\w+ ){0,2}appeal|gave (?:\w+ ){1,3}(?:\w+ )?(?:years|months)\b|"
    r"(?:notice|notified|notification|informed|served) (?:\w+ ){0,3}of (?:the )?suspicion|suspicion of|"
    r"suspected of|exposed (?:a |an |the )?(?:\w+ )?(?:scheme|channel)|"
    # a court annulling an act of the state ("визнав незаконною мобілізацію", "отменил приказ о призыве")
    r"визна\w* (?:\w+ )?(?:незаконн|протиправн)|скасува\w* (?:\w+ )?(?:наказ|рішенн|постанов|призов|мобілізац)|"
    r"призна\w* (?:\w+ )?(?:незаконн|неправомерн)|отмени\w* (?:\w+ )?(?:приказ|решени|постановлени|призыв|мобилизац)|"
    r"ruled (?:\w+ )?(?:unlawful|illegal)|(?:annulled|overturned|quashed) (?:\w+ ){0,2}(?:order|decision|call-up|mobili[sz]ation)",
    # offences of the war itself: sabotage, treason, collaboration (what many wartime cases are about)
    "wartime_offence": r"диверс|sabotage|saboteur|госизмен|государственн\w* измен|держзрад|державн\w* зрад|treason|"
    r"релейн\w* шкаф|relay (?:cabinet|box)|колаборац|коллаборац|collaborat|шпигун|шпион|espionage|"
    # an act done for a foreign service's handler ("на замовлення куратора", "завербованный через мессенджер")
    r"(?:вказівк\w*|замовленн\w*|завданн\w*|указани\w*|заказ\w*|задани\w*) (?:\w+ ){0,2}куратор\w*|"
    r"(?:так зван\w*|так называем\w*|ворож\w*|вражеск\w*|російськ\w*|свого|своего) куратор\w*|куратору(?!\w)|завербува\w*|завербова\w*|(?:ворож|вражеск|російськ|украинск)\w* спецслужб|"
    r"(?:russian|ukrainian|enemy) (?:special services|intelligence) handlers?|recruited (?:\w+ ){0,3}via (?:telegram|a messenger)",
    # the offence a person is detained, charged or sentenced for: the news is the legal step
    "offence": r"(?:\bза|for|over) (?:\w+ ){0,2}(?:підпал|поджог|напад|нападени|продаж|збут|сбыт|організаці|"
    r"организаци|пособництв|пособничеств|держзрад|госизмен|измен\w* родин|шпигун|шпион|теракт|диверс|"
    r"підготовк\w* (?:до )?(?:теракт|підпал|напад|диверс)|подготовк\w* (?:к )?(?:теракт|поджог|нападени|диверс)|"
    r"вимаган|вымогат|шахрайств|мошенничеств|вбивств|убийств|розбій|разбой|"
    r"arson|treason|espionage|sabotage|terroris|murder|fraud|bribery|extortion|"
    r"(?:selling|forging|organi[sz]ing|smuggling|setting fire|attacking|plotting|planning|preparing|spying))",
    # a physical clash: with recruiters or police it is resistance
    "clash": r"сутичк|бійк|стычк|драк[аиуойе]\b|потасовк|бійц\w* з|clash|brawl|scuffle|fistfight|altercation|"
    r"fight (?:broke out|with)|побилися|подралис|побились|билися з|бились с",
    # nouns that refer back to the event told ("the incident happened on Sunday")
    "incident_noun": r"інцидент|конфлікт|инцидент|конфликт|incident|conflict (?:happened|occurred|took place)|"
    r"(?:подія|событие|случай|випадок) (?:стал|стався|сталася|трапи|відбу|произош|случил)",
    # bribes and forged papers: what evasion schemes are made of
    "bribe": r"хабар(?:\w{0,2}|ник\w*|ництв\w*|ями|ами)(?!\w)|взятк|неправомірн\w* вигод|bribe|forged|forging|fake (?:\w+ )?(?:documents|certificates|papers|summons\w*)|підробл|поддельн|"
    r"схем\w* (?:ухилення|виїзду|переправлення)|схем\w* (?:уклонения|выезда|переправки)|scheme",
    # a verdict or sentence is news of its own, never the background of a detention
    "verdict": r"засуд|вирок|присуди|приговор|осуд|sentenc|convict|verdict|jailed",
    "protest": r"мітинг|протест|пікет|акці\w* (?:протесту|на підтримку)|вийшли на акц|демонстрац|"
    # a rally held ("відбулася акція-нагадування", "прошла акция памяти")
    r"(?:відбул\w*|пройшл\w*|провели|влаштува\w*) (?:\w+ )?акці[яюї]|(?:прошл\w*|состоял\w*|провели|устрои\w*) (?:\w+ )?акци[яюи]|"
    r"перекрил\w* (?:дорогу|трасу|рух)|зібрал\w* (?:під|біля|у)|з плакат|з транспарант|з вимог|"
    r"вийшл\w* (?:на (?:\w+ )?(?:вулиц|площ|майдан|акці|мітинг|протест|пікет|трас|дорог|перехрест|мирн)|під |"
    r"до (?:будівл|адміністрац|ода|тцк|військкомат|мері|суд|офіс)|з (?:плакат|вимог|гасл))|"
    r"митинг|пикет|акци\w* (?:протеста|против|в поддержку|памяти)|на акци\w*|акци\w* (?:проти|пам['’]яті)|"
    # flowers laid at a makeshift memorial: the form a banned protest takes
    r"стихийн\w* мемориал|стихійн\w* меморіал|(?:makeshift|impromptu|spontaneous) memorial|вышл\w* (?:на (?:\w+ )?(?:улиц|площад|акци|митинг|протест|пикет|трасс|дорог|"
    r"перекрест|мирн)|к (?:здани|администрац|военкомат|мэри|суд|офис)|с (?:плакат|требовани|лозунг))|перекрыл\w* (?:дорогу|трассу)|"
    r"собрал\w* (?:у|возле|перед)|с плакат|с транспарант|с требовани|"
    r"rally|rallies|rallied|protest|picket|demonstrations?\b|demonstrators?|march(?:ed)? (?:to|through|on)|"
    r"blocked (?:the )?(?:road|highway)|gathered (?:outside|in front|at)|demanding|"
    r"placards?|banners?|blank (?:sheet|placard)|lay(?:ing)? flowers|поклас\w* квіт|возлож\w* цвет",
    "labor": r"заборгован\w* (?:із|з|по|перед) (?:заробітн|зарплат|працівник|робітник)|заборгува\w* (?:працівник|зарплат)|"
    r"задолж\w* (?:перед )?(?:\d+ )?(?:работник|рабоч|сотрудник|зарплат)|задолжал\w*|owed (?:\w+ )?wages|"
    r"заборгован\w* (?:із|з|по) (?:заробітн|зарплат)|не виплач|невиплат|зарплат|заробітн|"
    r"страйк|задолженност\w* по зарплат|не плат|невыплат|зарплат|забастовк|долг\w* по зарплат|"
    r"неоплачуван\w* відпуст|неоплачиваем\w* отпуск|рейдерськ|рейдерск|"
    r"(?:захопил|захопле)\w* (?:\w+ )?(?:підприємств|завод|фабрик|елеватор|шахт|комбінат|ферм)|"
    r"(?:захватил|захвачен)\w* (?:\w+ )?(?:предприяти|завод|фабрик|элеватор|шахт|комбинат|ферм)|"
    r"wage arrears|unpaid (?:wages|salar|leave)|not been paid|salary|wages|arrears|walkout|strikers|"
    r"(?:on|go on|went on|going on|staged a|called a|general|warning|hunger) strike|"
    r"labour inspectorate|labor inspectorate|"
    r"seized (?:the |an? )?(?:\w+ )?(?:plant|factory|enterprise|mine|elevator|farm)",
    "censorship": r"заблокува\w* (?:канал|сайт|сторінк|ресурс)|блокуван\w* (?:канал|сайт)|"
    r"за (?:пост|допис|коментар|репост)|дискредитац|фейк|іноагент|иноагент|"
    r"реєстр\w* (?:іноземн|іноаг)|реестр\w* (?:иностранн|иноаг)|(?:включил|внес|внёс|внесл)\w* в (?:этот |тот же )?реестр|"
    r"иностранн\w* агент|іноземн\w* агент|нежелательн\w* (?:организац|орган)|небажан\w* організац|"
    # the listing itself, whatever is listed ("признала нежелательной работу", "declared undesirable")
    r"призна\w* (?:\w+ ){0,3}нежелательн|нежелательн\w* (?:работ|деятельн)|визна\w* (?:\w+ ){0,3}небажан|"
    r"небажан\w* (?:діяльн|робот)|(?:declared|deemed|designated|labell?ed|branded) (?:\w+ ){0,3}(?:as )?"
    r"(?:an? )?[\"“'«]?undesirable|"
    r"антивоенн\w* (?:пост|надпис|граффити|лозунг|листовк|пикет|высказыв)|антивоєнн\w* (?:допис|напис|графіті|листівк)|"
    r"(?:надпис|граффити|графіті)\w* (?:против|проти) (?:войн|війн|сво)|"
    r"(?:вихваля|восхваля|звеличува)\w*|"
    # speech as the offence, in the wording of charges and verdicts
    r"публічн\w* заклик|заклик\w* до (?:повалення|зміни|насильств|порушення)|заперечен\w* (?:збройн|агресі)|"
    r"за (?:дописи|пости|коментар\w*|висловлюван\w*|слова|пісн\w*|вірш\w*|плакат\w*|листівк\w*)\b|"
    r"публичн\w* призыв|призыв\w* к (?:экстремист|террорист|насили|свержени|нарушени)|экстремистск\w* (?:высказыв|материал|пост|видео|комментар)|"
    r"неуважени\w* к (?:власти|обществу|государств)|оскорблени\w* (?:власти|президент|военн|ветеран|чувств|представител)|"
    r"возбуждени\w* (?:ненависти|вражды)|реабилитаци\w* нацизма|"
    r"за (?:слова|высказывани\w*|комментари\w*|песн\w*|стих\w*|надпис\w*|плакат\w*|листовк\w*|видеоролик\w*)\b|"
    r"public calls|calls? for (?:extremis|terroris|violence)|justifying terrorism|incit\w* (?:hatred|enmity)|"
    r"disrespect\w* (?:for|to) (?:the )?(?:authorities|state|society)|insult\w* (?:the )?(?:authorities|president|army|veterans)|"
    r"for (?:his|her|their) (?:\w+ )?(?:posts?|comments?|words|statements|remarks|songs?|poems?|placards?|leaflets?)\b|"
    r"anti-war (?:statements|remarks|views|stance|comments|posts|songs?)|spreading [\"“«']?(?:false|fake)|"
    r"[\"“«']?fake news|propaganda narratives|пропагандистськ\w* наратив\w*|пропагандистск\w* нарратив\w*|"
    r"(?:false|fake) (?:information|news) about|заведомо ложн|неправдив\w* інформац|"
    r"undesirable organi[sz]ation|anti-war (?:post|graffiti|inscription|slogan|comment|leaflet)s?|"
    # speech as the offence: posts, agitation, justifying the aggression, songs
    r"виправдову\w* (?:\w+ )?(?:збройн\w* )?агрес|виправдан\w* (?:\w+ )?агрес|оправдыва\w* (?:\w+ )?(?:агресс|террор)|"
    r"оправдани\w* (?:\w+ )?(?:агресс|террор)|glorif\w*|justif\w* (?:russia\w* )?(?:aggression|terror)|"
    r"(?:проросійськ|прокремлівськ|пророссийск|антиукраїнськ)\w* (?:\w+ )?(?:агітац|пропаганд|допис|пост|контент)|"
    r"(?:дописи|пости|публікації|відео|коментарі) (?:у|в) (?:соцмереж|телеграм|тікток|фейсбук)|"
    r"(?:посты|публикации|видео|комментарии) (?:в|во) (?:соцсет|телеграм|тикток|вконтакт)|"
    r"(?:прослуховуван|виконанн|спів)\w* (?:\w+ )?пісен\w*|(?:прослушивани|исполнени)\w* (?:\w+ )?песен\w*|"
    r"for (?:playing|singing|listening to) (?:\w+ )?songs?|"
    r"адміністратор\w* (?:\w+ )?(?:телеграм|канал|пабл[іи]к|сторінк|груп)|автор\w* (?:\w+ )?(?:телеграм|канал|пабл[іи]к|блог)|"
    r"обмежи\w* доступ|"
    r"заблокирова\w* (?:канал|сайт|страниц)|блокировк\w* (?:канал|сайт)|"
    r"за (?:пост|публикац|комментари|репост)|дискредитац|фейк\w* об арми|"
    r"администратор\w* (?:\w+ )?(?:телеграм|канал|паблик|страниц|групп)|автор\w* (?:\w+ )?(?:телеграм|канал|паблик|блог)|"
    r"ограничи\w* доступ|роскомнадзор|"
    r"blocked (?:the |a )?(?:channel|website|site|page)|takedown|taken down|"
    r"for (?:a |his |her |their )?(?:post|posts|repost)s?\b|discredit|fakes about|"
    r"administrator of (?:a|the) (?:[\w-]+ ){0,2}(?:telegram )?channel|channel admin|"
    r"restricted access|roskomnadzor|"
    r"foreign agent|censor(?!\.net)|classified (?:the )?(?:statistic|data)|засекреч|засекрет",
    # military action itself: strikes, shelling, drones, the front line (out of scope)
    "military_action": r"обстріл|обстрел|дрон|бпла|безпілотн|беспилотн|ракет|шахед|авіабомб|авиабомб|"
    r"\bкаб\b|удар\w* по |(?:били|б'ють|бьют|гатили|гатять|лупили|обстрілювали|обстреливали) по |нан\w* удар|атак\w* (?:дрон|бпла|ракет|рос|окупант|рф)|"
    r"атакува\w* (?:рос|окупант)|окупант\w* (?:атакува|обстріля|вдари|скину)|прил[её]т|влучанн|попадани|"
    r"(?:лінії|лінію|линии|линию|на) фронт\w*|линии соприкосновен|лінії зіткнен|контрнаступ|прорив\w* (?:оборон|фронт)|прорыв\w* (?:оборон|фронт)|"
    r"drone|missile|shelling|shelled|airstrike|air strike|air raid|ballistic|guided bomb|glide bomb|"
    r"shahed|artillery (?:fire|strike|shell)|strikes? (?:on|hit|against)|struck (?:a |an |the )?(?:city|town|village|port|building|infrastructure|energy|power|residential|region|oblast|kyiv|kharkiv|odesa)|front ?line|offensive|breakthrough|"
    r"(?:russian|ukrainian|the) (?:troops|forces|army) (?:is |are |has been |have been )?"
    r"(?:attack|struck|strik|shell|launch|hit)|prisoner (?:exchange|swap)s?|exchange of prisoners|"
    r"обмін\w* полонен|обмен\w* пленн|"
    # combat in a soldier's story: "went behind enemy lines", "воював у боях за Бахмут"
    r"behind enemy lines|enemy (?:equipment|positions|lines|manpower)|in (?:the )?battles? (?:for|of|near)|"
    r"defen[cs]ive lines?|break through|(?:brought|came) under (?:russian|ukrainian) control|"
    r"destroyed (?:\w+ ){0,3}(?:tanks|armou?red vehicles|artillery)|оборонн\w* лін|оборонительн\w* лини|"
    r"знищил\w* (?:\w+ ){0,3}(?:танк|бронетехн)|уничтожил\w* (?:\w+ ){0,3}(?:танк|бронетехн)|"
    r"(?:у|в) бо(?:ях|ю) (?:за|під|біля)|(?:в|во) бо(?:ях|ю) (?:за|под|у)|ворож\w* (?:техні|позиці)|вражеск\w* (?:техни|позици)|"
    r"russia (?:attacked|struck|shelled|launched)",
    "death": r"загин|помер|померл|смерт|загибел|вбит|вбили|вбив|потону|втопи|мертв|тіло\b|тіла\b|"
    r"погиб|умер|скончал|смерт|убит|убили|утону|утоп|тело\b|тела\b|"
    r"killed|died|dead|death|drown|body of|bodies of|lost (?:his|her|their) li|frozen to death|"
    r"fatally|смертельн\w* (?:поранен|поранив|ранен|ранил)",
    "injury": r"поранен|поранил|поранення|травм|госпіталіз|постраждал|"
    r"ранен|ранил|ранив|ранени|госпитализ|пострадал|"
    r"injur|wound|hurt|hospitali[sz]|stab wound|taken to hospital|broken (?:ankle|arm|leg|rib|jaw)|"
    r"покуса\w*|искуса\w*|bitten",
}

# Words that make a sentence generic rather than a report of a dated event.
GENERIC = (
    r"\b(?:часто|зазвичай|завжди|постійно|як правило|нерідко|регулярно|"
    r"обычно|всегда|постоянно|как правило|нередко|регулярно|"
    r"often|usually|always|routinely|regularly|typically|generally|"
    r"would|should|must|may face|may be|might|will be|can be|може бути|может быть|"
    r"може|можуть|мають|повинні|має право|буде|будуть|"
    r"может|могут|должны|будет|будут|можно|можна|нельзя|не можна)\b"
)

# Trends and habits: a sentence that says how often things happen reports no event, even
# when it carries a date ("attacks have become more frequent since 2022, police said on
# Sunday", "С 2022 года жёны регулярно выходят …", "як і в попередні роки").
TREND = (
    r"(?<!\w)(?:more (?:and more )?(?:frequent|common|often)|increasingly|regularly|routinely|"
    r"as in (?:previous|past|earlier) years|every (?:year|week|month)|on a daily basis|"
    # what goes on and on, in the present: "порушників продовжують затримувати щодня"
    r"continues? to|продовжу(?:ють|є) |продолжа(?:ют|ет) |щодня|щоночі|щоденно|ежедневно|каждый день|каждую ночь|"
    r"дедалі частіш\w*|вс[еі] частіш\w*|почастішал\w*|частішають|регулярно|щороку|щотижня|"
    r"як і в (?:попередні|минулі) роки|"
    r"вс[её] чаще|участил\w*|учащают\w*|как и в (?:прошлые|предыдущие) годы|каждый год|ежегодно|"
    # many cases told as one: no one event
    r"(?:multiple|numerous|many|several|repeated) (?:cases|instances|incidents|reports)|"
    r"there have been (?:\w+ )?cases|ha(?:ve|s) been [a-z]+ing\b(?:\s+\S+){0,8}\s+for (?:weeks|months|years)|"
    r"неодноразов\w*|не вперше|не впервые|численн\w* випадк\w*|"
    r"многочисленн\w* случа\w*|непоодинок\w*|"
    # a run of events told as one: "a spate of attacks on draft offices", "хвиля підпалів"
    # ("the latest in a series of such moves" tells one event: the latest)
    r"(?<!latest in )(?<!latest of )(?<!newest in )a (?:spate|wave|string|series) of|хвил\w* (?:нападів|затримань|підпалів|арештів)|"
    r"волн\w* (?:нападений|задержаний|поджогов|арестов))(?!\w)"
)

# Laws and bills: a law adopted, signed or in force is no incident ("a law regulating foreign
# agents came into force", "Держдума приняла законопроект", "закон набув чинності").
LEGISLATION = (
    r"(?<!\w)(?:(?:a|the|new) (?:law|bill|decree|amendments?)\b(?:\s+\w+){0,6}\s+(?:came into force|"
    r"entered into force|takes effect|took effect|was (?:adopted|passed|signed|approved)|regulat)|"
    r"законопро[еє]кт\w*|закон\w* (?:набу\w* чинн|набира\w* чинн|вступ\w* в силу|вступа\w* в силу)|"
    r"(?:вступ\w* в силу|набу\w* чинн\w*|набра\w* чинн\w*)\s+(?:[\w-]+,?\s+){0,3}закон|"
    r"(?:ухвалил\w*|прийнял\w*|приняла|принял\w*|подписал\w*|підписав\w*) (?:\w+ )?закон|"
    r"(?:passed|signed|adopted|approved) (?:a |the )?(?:new )?law\b|signing into (?:law|power)|"
    # a decree or an order ("issued Decree №69/2022, which announced a general mobilization")
    r"(?:issued|signed) (?:a |the )?(?:presidential )?(?:decree|executive order)|decree (?:no\.?|№)|"
    r"(?:підписав|видав|підписала)\w* (?:\w+ )?(?:указ|наказ)|указ\w* (?:№|президента)|"
    r"(?:подписал|издал)\w* (?:\w+ )?(?:указ|приказ)|"
    r"announced (?:the conduct of )?(?:a )?(?:general|partial) mobili[sz]ation|"
    r"оголоси\w* (?:загальн\w* )?мобілізац|объяви\w* (?:всеобщ\w* |частичн\w* )?мобилизац|"
    r"(?:обсуждал|обговорювал|обговорюва|discuss)\w* (?:\w+ ){0,2}(?:закон|laws?\b|bills?\b)|"
    r"(?:вырос|выросл|увеличил|повысил|зріс|зросл|збільшил|підвищил|зросте|вырастет)\w* (?:\w+ ){0,4}штраф|"
    r"штраф\w* (?:\w+ ){0,4}(?:вырос|увеличи|повыс|зріс|зросл|збільши|підвищ)|"
    r"fines? (?:\w+ ){0,4}(?:increased|raised|doubled|will rise)|(?:increased|raised|doubled) (?:\w+ ){0,2}fines?)(?!\w)"
)

# An accusation or an announcement is not the event it speaks of ("the police chief accused
# Russia of orchestrating the blasts", "the president announced that the exchange is under way").
STATEMENT = (
    r"^\W*(?:[\w'’.,-]+\s+){1,10}?(?:accused|accuses|blamed|blames|announced|announces|warned|"
    r"attributed|attributes|"
    r"звинуватив\w*|звинуватил\w*|обвинил\w*|обвинила|анонсував|анонсировал\w*)\b"
)

# What the law provides, not what happened: "загрожує штраф від …", "грозит до девяти лет",
# "which provides for 9 to 15 years", "Evading mobilization is a crime under Article 336".
PENALTY = (
    r"(?<!\w)(?:загрожу\w*|передбача\w*|передбачен\w*|карається|караються|"
    r"грозит|грозят|грозил\w*|предусматрива\w*|предусмотрен\w*|карается|караются|"
    r"faces? up to|provides? for|punishable|is a (?:criminal )?(?:crime|offence|offense)|"
    r"є злочином|является преступлением|"
    r"(?:роз['’]?ясн|разъясн|поясню|поясня|explain)\w*(?:\s+\S+){0,6}\s+(?:відповідальн|ответственн|liabilit|penalt|покаран|наказани))(?!\w)"
)

# Calls to action: an imperative addressed to the readers ("Send us photos", "Пишіть нам",
# "Присылайте видео") or a line of hashtags reports no event.
CALL_TO_ACTION = (
    r"^\W*(?:send|write|share|tell|message|contact|subscribe|follow|join|report|dm)\b(?:\s+us\b)?|"
    r"^\W*(?:надсилайте|надішліть|пишіть|діліться|повідомляйте|підписуйтесь|підписуйтеся|"
    r"присилайте|скидайте|присылайте|пришлите|пишите|делитесь|сообщайте|подписывайтесь|отправляйте|"
    r"скидывайте)(?!\w)|(?:#\w+\W+){2,}"
)

# Denials and official rebuttals ("the TCC denies any beating", "у ТЦК факт побиття заперечують")
# report what someone says did not happen: no event of their own.
DENIAL = (
    r"(?<!\w)(?:den(?:y|ies|ied)|rejected the (?:claim|allegation)s?|заперечу\w*|заперечи\w*|спростову\w*|"
    r"спростува\w*|отрица\w*|опроверг\w*|опровергл\w*)(?!\w)"
)

# Conditional and hypothetical sentences ("If you witness a detention, send us …").
CONDITIONAL = r"^\W*(?:if|якщо|коли ви|если|когда вы|in case)\b"

OPINION = (
    r"\b(?:на мою думку|я вважаю|ми вважаємо|по-моєму|по моему|я считаю|мы считаем|"
    r"in my view|i think|we believe|in our opinion|opinion)\b"
)


@lru_cache(maxsize=None)
def cue_pattern(name: str) -> re.Pattern[str]:
    """The family's pattern, for LOWERCASED text (the cues are written in lower case: matching
    without IGNORECASE halves the time of reading cues)."""
    return re.compile(_W + "(?:" + CUES[name] + ")")


_FAMILIES = tuple(CUES)


@lru_cache(maxsize=1)
def _cue_scan() -> MultiScan:
    """All cue families, scanned together (:func:`_find_cues`)."""
    return MultiScan([cue_pattern(name) for name in _FAMILIES], _W)


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    """All cue families present in ``text``, with the spans where they occur."""
    return {name: list(spans) for name, spans in _find_cues(text)}


@lru_cache(maxsize=4096)
def _find_cues(text: str) -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...]:
    # cached: clause splitting looks at both sides of each cut, then at the units
    lowered = text.lower()
    found: dict[str, list[tuple[int, int]]] = {}
    names = _FAMILIES
    for index, m in _cue_scan().finditer(lowered):
        found.setdefault(names[index], []).append((m.start(), m.end()))
    if _CYRILLIC.search(lowered):
        _by_lemma(found, lowered, "uk" if any(ch in lowered for ch in "іїєґ") else "ru")
    return tuple((name, tuple(spans)) for name, spans in found.items() if spans)


_CYRILLIC = re.compile(r"[а-яіїєґё]")


def _by_lemma(found: dict[str, list[tuple[int, int]]], lowered: str, lang: str) -> None:
    """Stem matches on look-alike words go; words whose lemma is a cue verb come in."""
    from letopis.extract.lemmas import lemma_cues

    extra, false = lemma_cues(lowered, lang)
    for name, wrong in false.items():
        if name in found:
            found[name] = [s for s in found[name] if not any(s[0] < e and b < s[1] for b, e in wrong)]
    for name, spans in extra.items():
        have = found.setdefault(name, [])
        have.extend(s for s in spans if not any(s[0] < e and b < s[1] for b, e in have))
        have.sort()


_GENERIC_RE = re.compile(GENERIC, re.IGNORECASE)
_GENERIC = Screened(_GENERIC_RE)
_OPINION_RE = re.compile(OPINION, re.IGNORECASE)
_OPINION = Screened(_OPINION_RE)


_CONDITIONAL_RE = re.compile(CONDITIONAL, re.IGNORECASE)


_LEGISLATION_RE = re.compile(LEGISLATION, re.IGNORECASE)
_LEGISLATION = Screened(_LEGISLATION_RE)
_STATEMENT_RE = re.compile(STATEMENT, re.IGNORECASE)
_STATEMENT = Screened(_STATEMENT_RE)


def is_legislation(text: str) -> bool:
    return bool(_LEGISLATION.search(text))


def is_statement(text: str) -> bool:
    return bool(_STATEMENT.search(text))


def is_generic(text: str) -> bool:
    return bool(_GENERIC.search(text)) or bool(_CONDITIONAL_RE.search(text)) or is_trend(text)


_TREND_RE = re.compile(TREND, re.IGNORECASE)
_TREND = Screened(_TREND_RE)
_PENALTY_RE = re.compile(PENALTY, re.IGNORECASE)
_PENALTY = Screened(_PENALTY_RE)


def is_trend(text: str) -> bool:
    return bool(_TREND.search(text))


def is_penalty(text: str) -> bool:
    return bool(_PENALTY.search(text))


_CALL_RE = re.compile(CALL_TO_ACTION, re.IGNORECASE)
_DENIAL_RE = re.compile(DENIAL, re.IGNORECASE)
_DENIAL = Screened(_DENIAL_RE)


def is_call_to_action(text: str) -> bool:
    return bool(_CALL_RE.search(text))


# "This was reported by Censor.NET", "Про це повідомляє поліція", "Об этом сообщает ТАСС",
# "News agency TASS reported that …": who reports the news, not an event of its own ("According
# to the police, on Sunday two men …" does tell the event and is not matched).
# What the case file says happened, told in a court or police report ("За матеріалами справи, у
# березні 2022 року обвинувачений …", "Слідство встановило, що …", "По данным следствия, …"): the
# background of the case, whose news is the step told before it.
_CASE_HISTORY_RE = re.compile(
    r"^\W*(?:за матеріалами (?:справи|провадження|слідства)|за даними (?:слідства|суду|досудового)|"
    r"(?:як )?(?:встановил\w*|встановив) (?:слідство|суд|слідчі)|(?:слідство|суд|слідчі) встановил\w*|"
    r"по (?:данным|материалам) (?:следствия|дела|суда)|(?:как )?установил\w* (?:следствие|суд)|"
    r"(?:следствие|суд) установил\w*|according to (?:the )?(?:case|investigat|indictment|court)|"
    r"investigators (?:established|found) that|the court (?:established|found) that)",
    re.IGNORECASE)
_CASE_HISTORY = Screened(_CASE_HISTORY_RE)


def is_case_history(text: str) -> bool:
    return bool(_CASE_HISTORY.search(text))


_ATTRIBUTION_RE = re.compile(
    r"^\W*(?:this was (?:reported|announced|stated|said)|"
    r"(?:[\w.-]+ ){0,4}(?:news agency|agency|outlet|channel|newspaper) [\w.-]+ (?:reported|said|wrote)|"
    r"про це (?:повідомля|повідоми|пише|написа|заяви|розпові|інформу)|"
    r"об этом (?:сообща|сообщи|пише|пиш|написа|заяви|рассказ|информир))",
    re.IGNORECASE)
_ATTRIBUTION = Screened(_ATTRIBUTION_RE)


def is_attribution(text: str) -> bool:
    return bool(_ATTRIBUTION.search(text))


def is_denial(text: str) -> bool:
    return bool(_DENIAL.search(text))


def is_opinion(text: str) -> bool:
    return bool(_OPINION.search(text))
