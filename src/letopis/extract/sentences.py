"""Paragraphs and sentences of a report, with exact character offsets.

A small rule-based splitter of our own: sentence tokenisers that ship with
models are not available offline here, and news text in three languages needs
only a few rules: end punctuation followed by a capital, minus abbreviations
("ст.", "м.", "р.", "Oct.", "St.") and dates written with dots ("18.10.2025").
Bullet lines and blank lines start new paragraphs (Telegram digests put one
incident on each line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    # Ukrainian
    "ст", "м", "р", "рр", "с", "смт", "вул", "обл", "див", "п", "пп", "ч", "т", "тис", "млн",
    "млрд", "грн", "коп", "напр", "ін", "інш", "тощо", "пров", "просп", "пл", "буд", "кв", "оф",
    "ім", "св", "км", "хв", "год", "зв", "прим", "пос",
    # Russian
    "г", "гг", "ул", "д", "пос", "дер", "руб", "тыс", "т.е", "др", "пр", "им", "мин", "ср", "стр",
    # English
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "art", "no", "vs", "etc", "approx", "gen", "col", "lt", "sgt",
    "capt", "maj", "u.s", "e.g", "i.e", "inc", "ltd", "co", "jr", "sr", "prof", "mt",
}

_BULLET = re.compile(r"^\s*(?:[-–—•*▪►▶➡✅❗️⚡🔴🟥🟡📍🔸🔹]|\d{1,2}[.)]\s)")
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*\s+")
_NEXT_STARTS = re.compile(r"[\"«“„(]*[A-ZА-ЯІЇЄҐЁ0-9]|[-–—•]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines; bullet lines are blocks of their own."""
    spans: list[Span] = []
    block_start: int | None = None
    block_end = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        line_start, line_end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if not stripped:
            if block_start is not None:
                spans.append(_span(text, block_start, block_end))
                block_start = None
            continue
        if block_start is not None and _BULLET.match(line):
            spans.append(_span(text, block_start, block_end))
            block_start = None
        if block_start is None:
            block_start = line_start
        block_end = line_end
    if block_start is not None:
        spans.append(_span(text, block_start, block_end))
    return [s for s in spans if s.text]


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


# Page furniture on a line of its own: a byline or timestamp ("Вінниця, П'ятниця 22 серпня 2025
# 22:23", "by A. Author March 1, 2024 4:02 AM 2 min read"), a caption or source line ("Фото:
# Національна поліція"), a "read also" line, a title in Title Case.
_FURNITURE = re.compile(
    r"^\s*(?:(?:фото\w*|photo\w*|відео|видео|video|джерело|источник|source|читайте також|читайте также|"
    r"read also|related|дивіться також|смотрите также)\b|by [A-Z])"
    r"|(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)|\s\|\s|\bmin read\b|updated:"
    r"|^\W*(?:оновлено|обновлено|опубліковано|опубликовано|updated|published|posted)\W+(?:on\W+)?"
    r"(?:\d{1,2}\W+[^\W\d]+|[^\W\d]+\W+\d{1,2}|\d{1,2}\.\d{1,2})[,.\s]+\d{4}\W*$",
    re.IGNORECASE)
FURNITURE_MAX = 160
# A photo caption: a short description ending in the photo's credit ("Сутичка з ТЦК в Одесі. Фото:
# кадр з відео", "… were charged. Photo published on Oct. 12, 2023. (Prosecutor General's Office)").
_CAPTION_CREDIT = re.compile(r"[.!?)»\"]\s+(?:photo|фото|світлина)\w*(?:\s|:|$)[^\n]{0,100}$", re.IGNORECASE)
CAPTION_MAX = 300


def is_furniture_line(line: str) -> bool:
    """A line that is page furniture, not prose: short, no end punctuation of a sentence,
    and a byline, timestamp, caption or source mark, or an English title in Title Case."""
    body = line.strip()
    if body and len(body) <= CAPTION_MAX and _CAPTION_CREDIT.search(body):
        return True
    if not body or len(body) > FURNITURE_MAX or body[-1] in ".!?…;":
        return False
    if _FURNITURE.search(body):
        return True
    if _AUTHOR.fullmatch(body):
        return True     # an author's name on a line of its own ("Денис Молотов")
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", body) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# A line that is only a timestamp ("Пт 23.01.2026, 16:25", "- 19.01.2026 08:53", "March 3, 2025 14:05").
_STAMP_PART = re.compile(r"\d{1,4}(?:[./:-]\d{1,4}){1,2}|\d{1,4}")
STAMP_MAX = 48
TEASER_MAX = 220


def is_stamp_line(line: str) -> bool:
    """A date or time on a line of its own, with at most two words (a weekday, a month) beside it."""
    body = line.strip()
    if not body or len(body) > STAMP_MAX or not re.search(r"\d[./:-]\d|\d{4}", body):
        return False
    words = re.findall(r"[^\W\d_]+", _STAMP_PART.sub(" ", body))
    return len(words) <= 2 and all(len(w) <= 12 for w in words)


# A breadcrumb: the page's section path ("Головна › Новини › ПОДІЇ", "Home / News / Ukraine",
# "Главная » Новости"): short names between separators, one line.
_CRUMB_SEPARATOR = re.compile(r"\s*(?:›|»|→|\s>\s|\s/\s|\s\|\s)\s*")
CRUMB_MAX = 30   # characters of one section name
_CRUMB_NOT_A_NAME = re.compile(r"[\d:;,.!?\"«»“”]")   # a time, a caption, a quoted or told sentence


def breadcrumb_lines(text: str) -> list[tuple[int, int]]:
    """Lines that are a page's breadcrumb (at least two short section names between separators):
    page furniture whose words ("Новини", "Події", "Kyiv") name sections, not places of the story."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.strip()
        if body and len(body) <= 4 * CRUMB_MAX:
            parts = [p for p in _CRUMB_SEPARATOR.split(body) if p]
            glyph = any(c in body for c in "›»→")
            if (len(parts) >= 3 or (glyph and len(parts) >= 2)) \
                    and len(parts) == len(_CRUMB_SEPARATOR.findall(body)) + 1 \
                    and all(len(p) <= CRUMB_MAX and not _CRUMB_NOT_A_NAME.search(p) for p in parts):
                start = pos + raw.index(body[0])
                out.append((start, start + len(body)))
        pos += len(raw)
    return out


def teaser_lines(text: str) -> list[tuple[int, int]]:
    """Lines of a list of links to other articles: short titles alternating with their timestamps
    ("title / Пт 23.01.2026, 16:25 / title / Пт 23.01.2026, 11:55"), at least two of each, with no
    blank line among them. Their
    words tell other stories: no place, date or cue of theirs belongs to the report. One title
    with its timestamp is the article's own header and stays."""
    lines: list[tuple[int, int, bool] | None] = []   # start, end, is a stamp; None: a blank line
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.strip()
        if body:
            start = pos + raw.index(body[0])
            lines.append((start, start + len(body), is_stamp_line(body)))
        else:
            lines.append(None)   # a blank line ends a list: the article's own headline stands apart
        pos += len(raw)
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int, bool]] = []

    def close() -> None:
        if sum(stamp for *_, stamp in run) >= 2 and sum(not stamp for *_, stamp in run) >= 2:
            out.extend((start, end) for start, end, _ in run)

    for line in lines:
        if line is None:
            close()
            run = []
            continue
        start, end, stamp = line
        short = not stamp and end - start <= TEASER_MAX
        if run and (stamp != run[-1][2]) and (stamp or short):
            run.append(line)
            continue
        close()
        run = [line] if stamp or short else []
    close()
    return out


_AUTHOR = re.compile(r"[A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’-]+(?: [A-ZА-ЯІЇЄҐЁ][a-zа-яіїєґё'’-]+){1,2}")


def sentences(text: str, paragraph: Span) -> list[Span]:
    """Sentences of one paragraph, as spans into ``text``; furniture lines are sentences of their own."""
    out: list[Span] = []
    for piece in _furniture_apart(text, paragraph):
        out.extend(_sentences(text, piece))
    return out


def _furniture_apart(text: str, paragraph: Span) -> list[Span]:
    if "\n" not in paragraph.text:
        return [paragraph]
    pieces: list[Span] = []
    begin = 0          # offset in the paragraph of the prose gathered so far
    pos = 0
    for line in paragraph.text.splitlines(keepends=True):
        if is_furniture_line(line):
            if pos > begin:
                pieces.append(_span(text, paragraph.start + begin, paragraph.start + pos))
            pieces.append(_span(text, paragraph.start + pos, paragraph.start + pos + len(line)))
            begin = pos + len(line)
        pos += len(line)
    if begin < len(paragraph.text):
        pieces.append(_span(text, paragraph.start + begin, paragraph.end))
    return [p for p in pieces if p.text]


def _sentences(text: str, paragraph: Span) -> list[Span]:
    out: list[Span] = []
    body = paragraph.text
    begin = 0
    for match in _SENTENCE_END.finditer(body):
        cut = match.end()
        if cut >= len(body):
            break
        if not _NEXT_STARTS.match(body, cut) and "\n" not in match.group():
            continue  # a line break after end punctuation ends the sentence whatever follows
        if _is_abbreviation(body, match.start()):
            continue
        out.append(_span(text, paragraph.start + begin, paragraph.start + match.start() + len(match.group().rstrip())))
        begin = cut
    out.append(_span(text, paragraph.start + begin, paragraph.end))
    return [s for s in out if s.text]


def _is_abbreviation(body: str, dot_at: int) -> bool:
    if body[dot_at] != ".":
        return False
    word_start = dot_at
    while word_start > 0 and (body[word_start - 1].isalpha() or body[word_start - 1] == "."):
        word_start -= 1
    word = body[word_start:dot_at].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # single capital initials ("O. Petrenko", "J. Smith")
    return len(word) == 1 and body[word_start].isupper()
