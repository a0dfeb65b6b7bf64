"""Single statements: which sources tell an incident only as a named body or outlet told it.

Five sites that each retell one police post in their own words are five
texts but one origin: nothing in them comes from anywhere but the police.
This module reads a passage's **attributions** (the clauses that say where
its account comes from: "Про це повідомили в поліції Вінницької області",
"сообщает издание SakhaDay", "the SBU said") and says which one named
source, if any, the passage rests on alone.

How an attribution is read, in Ukrainian, Russian and English:

* A **reporting cue** (повідомили, розповіли, за даними, джерело:, сообщает,
  со ссылкой на, по данным, надала, мовиться, наголошують, said, reported,
  according to, told, noted …, and a bare "Про це …", "Об этом …") opens a
  window: the words of its clause before the cue (the subject: "the SBU
  said") and after it up to the next clause break ("повідомили у пресслужбі
  поліції", but not what follows "повідомили, що …").
* The names found in a window are the **sources**: a body from a small
  lexicon (police, the army command, border guards, prosecutors, the SBU, the
  State Bureau of Investigation, recruitment centres, courts, investigators,
  the FSB, defence, justice and foreign ministries, the Kremlin, the national
  guard, the prison service, the ombudsman, governors and regional
  authorities, rescuers), an outlet (a wire agency from a short list, or any
  name after "видання", "издание", "publication", "agency", "channel",
  "журналісти", "редактор" …: journalists speak for their outlet), or
  **people** (eyewitnesses, victims, relatives, residents, social networks).
  A neighbour's border police ("прикордонна поліція Угорщини") are border
  guards, not the police.
* An outlet named as the relay ("передає RegioNews", "according to UNN" with
  another source in the sentence, "РБК-Україна з посиланням на …") is the
  page's own name, not a source.
* An outlet **not named** ("пишут региональные СМИ", "повідомляють ЗМІ", "the
  publication reported", "видання пише") is a source too: the page retells
  some outlet's report (:data:`UNNAMED_OUTLET`). Beside a named outlet it is
  that outlet ("SakhaDay reported … the publication said"); beside a body
  it is a second source.
* What the page brings of its own ends the reading: people as a source, a
  correspondent ("передает корреспондент"), a reporter in the courtroom,
  footage described ("на відео видно", "video shows"). Such a page is an
  independent origin whatever else it quotes.
* Reading stops at a background paragraph ("Нагадаємо", "Напомним",
  "Recall that", "Read also"): what it tells of other incidents is not the
  page's account of this one. A sentence that tallies since some start ("від
  початку вторгнення з річки дістали 44 тіла") is context, not read.
* A cue inside a quotation is the quoted statement's own attribution: who
  told the border service what it then published is not the page's source.

A passage **rests on** a source when exactly one source (not people) is
named in its attributions and nothing marks its own material; an outlet not
named is :data:`UNNAMED_OUTLET`, which :mod:`letopis.reliability.copies`
joins to the one outlet the other sources of the incident name, if there is
exactly one. Two eyewitness
posts name no body (or name people) and stay two origins; a story that
quotes the police and a witness, or the police and the recruitment centre,
stays its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from letopis.reliability.skeletons import name_skeleton as _skeleton

__all__ = ["Statement", "STATEMENT_KINDS", "UNNAMED_OUTLET", "rests_on", "independent", "attributions",
           "statement_of_site"]


@dataclass(frozen=True)
class Statement:
    """The one named source a passage's account rests on."""

    key: str  # "police", "border_guard", …, or "outlet:<name skeleton>"
    name: str  # as the text names it ("поліції Вінницької області", "SakhaDay")
    kind: str  # the origin kind of the statement: official, court_record, media

    def __str__(self) -> str:
        return self.name


# body → (origin kind, pattern over case-folded text, what the interface calls it)
_BODIES: dict[str, tuple[str, str, str]] = {
    "police": ("official", r"поліці[яїйєю]|нацполіці[яїйєю]|полици[яиейю]|нацполици[яиейю]|гунп|гу нп|мвд|мвс|police|"
               r"правоохоронц\w*|правоохранител\w*|law enforcement|(?<=на )поліцію|(?<=на )полицию", "the police"),
    "army_command": ("official", r"сухопутн\w* військ\w*|сухопутн\w* войск\w*|land forces|генштаб\w*|"
                     r"генеральн\w* штаб\w*|general staff", "the army command"),
    "border_guard": ("official", r"дпсу|держприкордонслужб\w*|прикордонн\w*|прикордонник\w*|гпсу|госпогранслужб\w*|"
                     r"погранслужб\w*|пограничн\w*|пограничник\w*|border guard\w*|border service|border police|"
                     r"sbgs|dpsu", "the border guards"),
    "prosecutors": ("official", r"прокуратур\w*|генпрокурор\w*|прокурор\w*|prosecutor\w*", "the prosecutors"),
    "sbu": ("official", r"сбу|служб\w* безпеки україни|служб\w* безопасности украины|sbu|security service of ukraine",
            "the SBU"),
    "dbr": ("official", r"дбр|державн\w* бюро розслідувань|гбр|государственн\w* бюро расследований|"
            r"state bureau of investigation", "the State Bureau of Investigation"),
    "recruitment_centre": ("official", r"тцк|територіальн\w* центр\w* комплектування|"
                           r"территориальн\w* центр\w* комплектования|військкомат\w*|военкомат\w*|"
                           r"recruitment cent\w*|trc|tcc|enlistment office\w*", "the recruitment centre"),
    "court": ("court_record", r"суд|суду|суда|суде|судом|court\w*|мосгорсуд\w*", "the court"),
    "investigators": ("official", r"следственн\w* комитет\w*|следком\w*|ск россии|су ск|investigative committee|"
                      r"investigation committee", "the investigators"),
    "fsb": ("official", r"у?фсб|fsb|federal security service", "the FSB"),  # УФСБ: a regional directorate
    "defence_ministry": ("official", r"міноборони|минобороны|міністерств\w* оборони|министерств\w* обороны|"
                         r"ministry of defen[cs]e|defen[cs]e ministry", "the defence ministry"),
    "governor": ("official", r"губернатор\w*|governor|глава региона|глава регіону|голов\w* ова|"
                 r"начальник\w* ова|head of the region\w*", "the governor"),
    "authorities": ("official", r"влада|влади|владі|власти|власть|authorities|officials|посадовц\w*|чиновник\w*",
                    "the authorities"),
    "rescuers": ("official", r"дснс|мчс|рятувальник\w*|спасател\w*|rescuer\w*|emergency service\w*", "the rescuers"),
    "national_guard": ("official", r"нацгвард\w*|національн\w* гвард\w*|росгвард\w*|rosgvardi\w*|national guard",
                       "the national guard"),
    "justice_ministry": ("official", r"мін'?юст\w*|минюст\w*|міністерств\w* юстиції|министерств\w* юстиции|"
                         r"justice ministry|ministry of justice", "the justice ministry"),
    "foreign_ministry": ("official", r"мзс|мид|міністерств\w* закордонних справ|министерств\w* иностранных дел|"
                         r"foreign ministry|ministry of foreign affairs", "the foreign ministry"),
    "kremlin": ("official", r"кремл\w*|kremlin|пєсков\w*|песков\w*|peskov", "the Kremlin"),
    "prisons": ("official", r"фсин|уфсин|fsin|federal penitentiary service|пенітенціарн\w*", "the prison service"),
    "ombudsman": ("official", r"омбудсман\w*|омбудсмен\w*|ombudsman|уповноважен\w* верховної ради з прав людини|"
                  r"уполномоченн\w* по правам человека", "the ombudsman"),
}
_STATEMENT_NAMES = {key: name for key, (_, _, name) in _BODIES.items()}
STATEMENT_KINDS: dict[str, str] = {key: kind for key, (kind, _, _) in _BODIES.items()}

_PEOPLE = (r"очевид\w*|свідк\w*|свидетел\w*|eyewitness\w*|witness\w*|потерпіл\w*|постраждал\w*|пострадавш\w*|"
           r"victim\w*|родич\w*|родствен\w*|relative\w*|мешканц\w*|жител\w*|resident\w*|соцмереж\w*|соцсет\w*|"
           r"social media|користувач\w*|пользовател\w*|син|сина|сином|сын|сына|сыном|батько|батька|отец|отца|мати|"
           r"матері|мать|матери|дружина|дружини|жена|жены|mother|father|wife|son|чоловік|мужчина|жінка|женщина|"
           r"хлопець|хлопця|парень|парня|дівчина|девушка|заявник\w*|заявител\w*|a man|a woman|знайом\w*|"
           r"знаком\w*|acquaintance\w*|сусід\w*|сосед\w*|neighbo\w*|юрист\w*|адвокат\w*|lawyer\w*|"
           r"правозахисник\w*|правозащитник\w*|activist\w*|активіст\w*|активист\w*|експерт|експерти|"
           r"експертів|эксперт|эксперты|экспертов|expert|experts")
# wire agencies and outlets named without a type word
_AGENCIES = (r"риа «?новост\w*»?|ріа «?новост\w*»?|ria novosti|тасс|tass|интерфакс\w*|інтерфакс\w*|interfax|уніан\w*|"
             r"униан\w*|unian|укрінформ\w*|укринформ\w*|ukrinform|суспільн\w*|suspilne|reuters|рейтер\w*|"
             r"associated press|ap|afp|франс[- ]пресс\w*|bbc|би-би-си|бі-бі-сі|meduza|медуз\w*|медиазон\w*|"
             r"медіазон\w*|mediazona|овд-инфо|овд-інфо|ovd-info|рбк\w*|rbc|the guardian|guardian|коммерсант\w*|"
             r"kommersant|унн|unn|new york times|wall street journal")
_OUTLET_WORD = (r"видання|издани[еяю]|публікаці\w*|publication|outlet|newspaper|газет\w*|агентств\w*|agency|"
                r"телеграм-канал\w*|telegram-канал\w*|телеграм канал\w*|telegram channel|канал\w*|channel|портал\w*|"
                r"сайт\w*|website|журналіст\w*|журналист\w*|journalists?|редактор\w*|editor|reporters?|"
                r"репортер\w*")
# outlets not named: "региональные СМИ", "ЗМІ", "the media", and a type word with no name after it
_UNNAMED_MEDIA = (r"(?:(?:регіональн|місцев|російськ|українськ|західн|іноземн|региональн|местн|российск|украинск|"
                  r"западн|иностранн|федеральн)\w*\s+)?(?:змі|сми|медіа|медиа)|росзмі|россми|"
                  r"(?<!social )(?:(?:local|russian|ukrainian|western|regional|foreign|some|several)\s+)?"
                  r"media(?: outlets?)?|"
                  r"(?:local |russian |ukrainian |regional )?outlets")
_UNNAMED_WORD = re.compile(r"(?<![\w-])(?:видання|издани[еяю]|publication|outlet|newspaper|газет[аиу]|"
                           r"журналіст(?:и|ів)?|журналист(?:ы|ов)?|journalists?|reporters?)"
                           r"(?![\w-])")
UNNAMED_OUTLET = "outlet:?"  # the key of an outlet the text does not name
# an outlet named without a type word: in quotation marks right after a reporting verb ("повідомляють «Вести
# Якутии»"), or in Latin letters beside one in a Cyrillic sentence ("SakhaDay пише", "пишет Meduza")
_SAYS = r"(?:пише|пишуть|пишет|пишут|повідомля\w*|сообщает|сообщают|передає|передает|передаёт|інформує|информирует)"
_QUOTED_NAME_AFTER = re.compile(rf"(?<![\w-]){_SAYS}\s+(«[^«»]{{2,40}}»|\"[^\"]{{2,40}}\"|“[^“”]{{2,40}}”)",
                                re.IGNORECASE)
_LATIN = r"[A-Z][A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*(?:\s[A-Z][A-Za-z0-9]+)?"
_LATIN_NAME_BESIDE = re.compile(rf"(?<![\w-])({_LATIN})\s+{_SAYS}(?![\w-])|(?<![\w-]){_SAYS}\s+({_LATIN})(?![\w-])",
                                re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
# an outlet named by a number (city sites named after their postal or phone code) right after a reporting verb or a
# credit line, ending its clause: "повідомляє 49000.", "За матеріалами 0629."
_NUMBER_NAME_AFTER = re.compile(rf"(?<![\w-])(?:{_SAYS}|за матеріалами|по материалам)\s+(\d{{3,6}})(?=\s*(?:[.,;]|$))",
                                re.IGNORECASE)

_CUES = (r"повідоми\w*|повідомля\w*|повідомлен[оа]|(?<=[ву] )повідомленн\w*|(?<=[в] )сообщени\w*|"
         r"за свідченнями|по свидетельствам|згідно з|согласно|підтверди\w*|"
         r"подтверди\w*|confirmed|говор\w*|поінформ\w*|інформу\w*|розпові\w*|заяви\w*|заявл\w*|зазнач\w*|наголоси\w*|уточни\w*|"
         r"додали|пише|пишуть|пишут|написа\w*|за матеріалами|по материалам|"
         r"передає|посиланням|за даними|за інформацією|за словами|джерело|йдеться|"
         r"кажуть|каже|сказа\w*|сообща\w*|сообщи\w*|сообщен[оа]|рассказ\w*|отмети\w*|отмеча\w*|подчеркн\w*|добави\w*|пишет|передает|"
         r"передаёт|ссылк\w*|по данным|по информации|по словам|источник|информиру\w*|"
         r"said|says|say|reported|reports|according to|stated|statement|told|tells|wrote|writes|announced|"
         r"informed|citing|cited|поясн\w*|объясн\w*|explain\w*|надал[аи]|предоставил[аи]?|мовиться|ідеться|"
         r"(?<![\w-])про це|(?<![\w-])об этом|наголош\w*|зауваж\w*|відзначи\w*|відзнача\w*|підкресли\w*|"
         r"підкреслю\w*|уточню\w*|уточня\w*|noted|added|claimed|posted|опублікува\w*|опубликова\w*")
_RELAY_BEFORE = re.compile(r"(?:передає|передает|передаёт|пише|пишет|according to)\s*$")
_RELAY_AFTER = re.compile(r"^\s*(?:з|із|со)\s+(?:посиланням|ссылкой)")
# the page's own material: a correspondent, a reporter in the courtroom, footage described
_OWN = re.compile(r"кореспондент\w*|корреспондент\w*|correspondent|з зали суду|із зали суду|у залі суду|"
                  r"из зала суда|из здания суда|в зале суда|in the courtroom|на відео видно|на видео видно|"
                  r"на кадрах видно|video\b[^.]{0,40}\b(?:shows|showed)|as seen (?:in|on) (?:a|the) video|"
                  r"footage shows|ми поговорили|ми поспілкувалися|нам розповів\w*|нам розповіл\w*|нам рассказал\w*|"
                  r"мы поговорили|в розмові з нами|в разговоре с нами|told us|we spoke|in an interview with us|"
                  r"з якими ми|с которыми мы|нашому виданню|нашему изданию")
# a background paragraph: other incidents recalled
_BACKGROUND = re.compile(r"(?:^|\n)\s*(?:нагадаємо|напомним|раніше|ранее|recall that|we remind you|previously|"
                         r"read also|читайте також|читайте также|смотрите также|дивіться також)\b", re.IGNORECASE)
_BREAK = re.compile(r"[,;:«»\"“”„—–]|\s-\s|\b(?:що|щоб|что|чтобы|that|як|как|коли|когда|when|which|який|которы\w*|"
                    r"про|о|об|about)\b")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_TALLY = re.compile(r"(?<![\w-])(?:від початку|з початку|с начала|since the (?:start|beginning)|since february 2022)"
                    r"(?![\w-])")
# a quotation, across sentences but not across a paragraph; one no longer than a name is a name («Вести Якутии»)
_QUOTATION = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"|„[^„“”\n]*[“”]")
_NAME_LENGTH = 42
_NAME = re.compile(r"\s*(«[^«»]{2,40}»|\"[^\"]{2,40}\"|“[^“”]{2,40}”|"
                   r"(?:[A-ZА-ЯЁІЇЄҐ][\w.’'-]*(?:\s+|$)){1,3})")
_LEADING_QUOTE = re.compile(r"«[^«»]{2,40}»|\"[^\"]{2,40}\"|“[^“”]{2,40}”")
# English reporting verbs whose subject is the source: what follows them is what was said
_SUBJECT_VERB = re.compile(r"said|says|say|reported|reports|stated|told|tells|wrote|writes|announced|confirmed")
_WINDOW = 8  # words each side of a cue that can name its source


def _word(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


_BODY_RES = {key: _word(pattern) for key, (_, pattern, _) in _BODIES.items()}
_PEOPLE_RE = _word(_PEOPLE)
_AGENCY_RE = _word(_AGENCIES)
_OUTLET_WORD_RE = _word(_OUTLET_WORD)
_NAMED_OUTLET = re.compile(rf"(?<![\w-])(?:{_OUTLET_WORD})\s+(?:{_LEADING_QUOTE.pattern})", re.IGNORECASE)
_UNNAMED_MEDIA_RE = _word(_UNNAMED_MEDIA)
_CUE_RE = _word(_CUES)


@dataclass(frozen=True)
class _Mention:
    key: str  # a body's key, "people", or "outlet:<skeleton>"
    name: str
    start: int
    end: int


def _outlets(sentence: str, folded: str) -> list[_Mention]:
    found = [_Mention("outlet:" + _skeleton(m.group()), sentence[m.start():m.end()], m.start(), m.end())
             for m in _AGENCY_RE.finditer(folded)]
    found += [_Mention(UNNAMED_OUTLET, sentence[m.start():m.end()], m.start(), m.end())
              for m in _UNNAMED_MEDIA_RE.finditer(folded)]
    for m in _QUOTED_NAME_AFTER.finditer(sentence):
        label = m.group(1).strip("«»\"“”")
        found.append(_Mention("outlet:" + _skeleton(label), label, m.start(1), m.end(1)))
    for m in _NUMBER_NAME_AFTER.finditer(sentence):
        found.append(_Mention("outlet:#" + m.group(1), m.group(1), m.start(1), m.end(1)))
    if _CYRILLIC.search(sentence):
        for m in _LATIN_NAME_BESIDE.finditer(sentence):
            group = 1 if m.group(1) else 2
            if m.group(group)[0].isupper():
                found.append(_Mention("outlet:" + _skeleton(m.group(group)), m.group(group), m.start(group),
                                      m.end(group)))
    for m in _OUTLET_WORD_RE.finditer(folded):
        rest = sentence[m.end():]
        name = _NAME.match(rest)
        if not name or not name.group(1).strip():
            if _UNNAMED_WORD.fullmatch(folded[m.start():m.end()]):  # "the publication reported", "видання пише"
                found.append(_Mention(UNNAMED_OUTLET, sentence[m.start():m.end()], m.start(), m.end()))
            continue
        text = name.group(1).strip().strip("«»\"“”")
        start = m.end() + name.start(1)
        found.append(_Mention("outlet:" + _skeleton(text), text, start, start + len(name.group(1).rstrip())))
        tail = rest[name.end():]
        more = re.match(r"\s*(?:та|і|и|and|&)\s+", tail)
        if more:  # "видання Meduza та Novaya Gazeta"
            second = _NAME.match(tail[more.end():])
            if second and second.group(1).strip():
                at = m.end() + name.end() + more.end() + second.start(1)
                label = second.group(1).strip().strip("«»\"“”")
                found.append(_Mention("outlet:" + _skeleton(label), label, at, at + len(label)))
    kept: list[_Mention] = []  # one mention per span: "пише Meduza" is found as an agency and beside its verb
    for mention in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not any(k.start <= mention.start < k.end for k in kept):
            kept.append(mention)
    return kept


_RECIPIENT = re.compile(r"\s*(?:повідом\w*|сообщ\w*|звернул\w*|обратил\w*)")
_SPEAKS_FOR = re.compile(r"(?:^|\s)(?:у|в|во|із|з|от|in|пресслужб\w*|прес-служб\w*|пресс-служб\w*|управлінн\w*|"
                         r"управлени\w*|гу|відділ\w*|отдел\w*|сторінц\w*|странице)\s*$")


def _recipient(folded: str, start: int, end: int) -> bool:
    """"поліції повідомили" (someone told the police): the body is told, not telling."""
    return bool(_RECIPIENT.match(folded[end:])) and not _SPEAKS_FOR.search(folded[:start])


def _mentions(sentence: str) -> list[_Mention]:
    folded = sentence.casefold().replace("ё", "е")
    found = [_Mention(key, sentence[m.start():m.end()], m.start(), m.end())
             for key, pattern in _BODY_RES.items() for m in pattern.finditer(folded)
             if not (key == "police" and _recipient(folded, m.start(), m.end()))]
    border = [f.end for f in found if f.key == "border_guard"]
    # "прикордонна поліція", "пограничной полиции", "border police": the border guards, not the police
    found = [f for f in found if not (f.key == "police" and any(not folded[e:f.start].strip() for e in border))]
    found += [_Mention("people", sentence[m.start():m.end()], m.start(), m.end()) for m in _PEOPLE_RE.finditer(folded)]
    outlets = _outlets(sentence, folded)
    # an outlet's name that holds a body's word ("Служба новин поліції") is the outlet
    found = [f for f in found if not any(o.start <= f.start < o.end for o in outlets)] + outlets
    return sorted(found, key=lambda f: f.start)


def _window(sentence: str, cue: re.Match[str]) -> tuple[int, int]:
    """The span of the cue's clause that can name its source: a few words each side, not across a clause break."""
    # an outlet's name in quotation marks after its type word (редактор «Кременчуцької газети») is not a clause
    masked = _NAMED_OUTLET.sub(lambda m: "x" * len(m.group()), sentence)
    before = masked[:cue.start()]
    start = max((m.end() for m in _BREAK.finditer(before)), default=0)
    words = list(re.finditer(r"\S+", before[start:]))
    if len(words) > _WINDOW:
        start += words[-_WINDOW].start()
    after = sentence[cue.end():]
    lead = len(after) - len(after.lstrip(" :\u00a0"))  # "Джерело: …"
    quoted = _LEADING_QUOTE.match(after, lead)  # "повідомляють «Вести Якутии»": the name is the quotation
    if quoted:
        lead = quoted.end()
    stop = next((m.start() for m in _BREAK.finditer(after, lead)), len(after))
    words = list(re.finditer(r"\S+", after[:stop]))
    if len(words) > _WINDOW:
        stop = words[_WINDOW - 1].end()
    return start, cue.end() + stop


def attributions(text: str) -> tuple[list[tuple[str, str]], bool]:
    """((key, name) of every source the text's attribution clauses name, relays left out; whether the text marks
    material of its own). Reading stops at a background paragraph."""
    cut = _BACKGROUND.search(text)
    body = text[:cut.start()] if cut else text
    own = bool(_OWN.search(body.casefold()))
    quoted = [(m.start() + 1, m.end() - 1) for m in _QUOTATION.finditer(body) if m.end() - m.start() > _NAME_LENGTH]
    sources: list[tuple[str, str]] = []
    offset = 0
    for sentence in _SENTENCE.split(body):
        at = body.index(sentence, offset)
        offset = at + len(sentence)
        folded = sentence.casefold().replace("ё", "е")
        if not sentence.strip() or _TALLY.search(folded):
            continue  # a tally since some start ("від початку вторгнення …") is context, not this incident's account
        mentions = _mentions(sentence)
        named: list[_Mention] = []
        for cue in _CUE_RE.finditer(folded):
            if any(a <= at + cue.start() < b for a, b in quoted):
                continue  # the quoted statement's own attribution: who told its author is not the page's source
            start, end = _window(sentence, cue)
            if _SUBJECT_VERB.fullmatch(cue.group()) and any(start <= m.start < cue.start() for m in mentions):
                end = cue.end()  # "the SBU said the men …": what follows the verb is what was said
            named += [m for m in mentions if start <= m.start < end and m not in named]
        bodies = [m for m in named if not m.key.startswith("outlet:") and m.key != "people"]
        for m in named:
            relay = (m.key.startswith("outlet:")
                     and (_RELAY_AFTER.match(sentence[m.end:]) or
                          (_RELAY_BEFORE.search(folded[:m.start]) and (bodies or len(named) > 1))))
            if not relay:
                sources.append((m.key, m.name))
    return sources, own


@lru_cache(maxsize=4096)
def _reading(text: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    sources, own = attributions(text)
    return tuple(sources), own


def _keys(sources: tuple[tuple[str, str], ...]) -> set[str]:
    """The distinct sources named; an outlet not named, beside one that is named, is taken to be it."""
    keys = {key for key, _ in sources}
    if UNNAMED_OUTLET in keys and any(k.startswith("outlet:") and k != UNNAMED_OUTLET for k in keys):
        keys.discard(UNNAMED_OUTLET)
    return keys


def independent(text: str) -> bool:
    """Whether the text shows it is not a retelling of one source: several sources named, people among them, or
    material of its own."""
    sources, own = _reading(text)
    keys = _keys(sources)
    return own or len(keys) > 1 or "people" in keys


def rests_on(text: str) -> Statement | None:
    """The one named source the text's account of the incident rests on, or None: none named, several, people among
    them, or material of the page's own."""
    sources, own = _reading(text)
    keys = _keys(sources)
    if own or len(keys) != 1 or "people" in keys:
        return None
    (key,) = keys
    if key == UNNAMED_OUTLET:
        return Statement(UNNAMED_OUTLET, "an outlet it does not name", "media")
    name = next(n for k, n in sources if k == key)
    if key.startswith("outlet:"):
        if len(key) <= len("outlet:") + 1:  # a name too short to tell outlets apart
            return None
        return Statement(key, name, "media")
    return Statement(key, _STATEMENT_NAMES[key], STATEMENT_KINDS[key])


# official sites that are themselves the body whose statement others retell
_SITES = {
    "npu.gov.ua": "police", "mvs.gov.ua": "police", "mvd.ru": "police", "dpsu.gov.ua": "border_guard",
    "ssu.gov.ua": "sbu", "gp.gov.ua": "prosecutors", "genproc.gov.ru": "prosecutors", "dbr.gov.ua": "dbr",
    "sledcom.ru": "investigators", "fsb.ru": "fsb", "mil.gov.ua": "defence_ministry", "mod.gov.ua": "defence_ministry",
    "mil.ru": "defence_ministry", "court.gov.ua": "court", "sudrf.ru": "court", "mos-gorsud.ru": "court",
}


def statement_of_site(site: str | None) -> Statement | None:
    """The body an official site speaks for (``npu.gov.ua``: the police), so its own post joins its retellings."""
    if not site:
        return None
    for host, key in _SITES.items():
        if site == host or site.endswith("." + host):
            return Statement(key, _STATEMENT_NAMES[key], STATEMENT_KINDS[key])
    return None
