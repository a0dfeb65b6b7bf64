"""A digest of a period's incidents as Markdown, one self-contained HTML page, or a PDF.

Title and period, totals by type and by region (tables; the HTML page adds an
inline SVG bar chart, no external file), then one paragraph per incident in date
order, written by :mod:`letopis.publish.writer` from the structured fields, with
its sources (locator, publication date). The paragraphs hold no quote and no
free text from the sources, so no name of a person reaches a digest — unless
the digest was asked for its sources' words (with machine translation on):
then each holds its incident's quote and its sources' titles, already
redacted, and their machine translations marked as such.

The PDF (:func:`render_digest_pdf`) is drawn with fpdf2, pure Python, in the
DejaVu Sans font (Cyrillic included) that Debian's ``fonts-dejavu-core``
installs (``scripts/ensure-services.sh`` installs it); nothing is downloaded.
It holds the same text, tables and bar chart, and no author or other metadata
but its title, language and the time it was made.

Renders a :class:`letopis.model.Digest` (from
:func:`letopis.services.digest.build_digest`); the gazetteer gives the place names
in the digest's language.
"""

from __future__ import annotations

import calendar
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date, format_interval, format_skeleton

from letopis.errors import UsageError
from letopis.gazetteer import Gazetteer
from letopis.model import Digest, DigestEntry, DigestSource
from letopis.publish.corroboration import corroboration_text, grade_text
from letopis.publish.writer import IncidentFacts, PlaceText, language_of, place_text, type_title, write_incident
from letopis.translation import MACHINE_TRANSLATED

__all__ = ["FORMATS", "render_digest", "render_digest_pdf", "FONT_FOLDERS"]

FORMATS = ("md", "html", "pdf")
# Where Debian's fonts-dejavu-core puts DejaVu Sans (other systems: the next folders).
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                Path("/usr/share/fonts/TTF"), Path("/usr/local/share/fonts"))

_LABELS = {
    "en": {"title": "Digest of incidents", "period": "Period", "count": "Incidents", "by_type": "By type",
           "by_region": "By region", "type": "Type", "region": "Region", "n": "Incidents",
           "incidents": "Incidents", "sources": "Sources", "published": "published",
           "none": "No place given",
           "empty": "No incidents in this period.",
           "redaction": "Written from the structured fields of the records: no quotes from the sources and no "
                        "names of persons.",
           "redaction_quotes": "Written from the structured fields of the records; each quote and title from a "
                               "source has the names of private persons replaced by a role.",
           "quote": "Quote", "original": "Original",
           "chart": "Incidents by type",
           "small": "{n} incident(s) of regions with fewer than {k} in a month are left out."},
    "uk": {"title": "Дайджест інцидентів", "period": "Період", "count": "Інцидентів", "by_type": "За типом",
           "by_region": "За регіоном", "type": "Тип", "region": "Регіон", "n": "Інцидентів",
           "incidents": "Інциденти", "sources": "Джерела", "published": "опубліковано",
           "none": "Місце не вказано", "empty": "За цей період інцидентів немає.",
           "redaction": "Складено зі структурованих полів записів: без цитат із джерел та без імен осіб.",
           "redaction_quotes": "Складено зі структурованих полів записів; у цитатах і заголовках джерел імена "
                               "приватних осіб замінено на роль.",
           "quote": "Цитата", "original": "Оригінал",
           "chart": "Інциденти за типом",
           "small": "Не включено інцидентів із регіонів, де за місяць їх менше ніж {k}: {n}."},
    "ru": {"title": "Дайджест инцидентов", "period": "Период", "count": "Инцидентов", "by_type": "По типам",
           "by_region": "По регионам", "type": "Тип", "region": "Регион", "n": "Инцидентов",
           "incidents": "Инциденты", "sources": "Источники", "published": "опубликовано",
           "none": "Место не указано", "empty": "За этот период инцидентов нет.",
           "redaction": "Составлено из структурированных полей записей: без цитат из источников и без имён "
                        "людей.",
           "redaction_quotes": "Составлено из структурированных полей записей; в цитатах и заголовках источников "
                               "имена частных лиц заменены ролью.",
           "quote": "Цитата", "original": "Оригинал",
           "chart": "Инциденты по типам",
           "small": "Не включено инцидентов из регионов, где за месяц их меньше {k}: {n}."},
}


@dataclass(frozen=True)
class _Row:
    label: str
    count: int


def _period(start: date, end: date, lang: str) -> str:
    whole_month = (start.day == 1 and (start.year, start.month) == (end.year, end.month)
                   and end.day == calendar.monthrange(end.year, end.month)[1])
    text = format_skeleton("yMMMM", start, locale=lang) if whole_month else (
        format_date(start, "long", locale=lang) if start == end
        else format_interval(start, end, "yMMMMd", locale=lang))
    return text.replace("\u202f", " ")


def _published(value: datetime | None, lang: str) -> str | None:
    return format_date(value.date(), "long", locale=lang).replace("\u202f", " ") if value else None


def _region_label(gazetteer: Gazetteer, country: str | None, admin1: str | None, lang: str, none: str) -> str:
    if country and admin1:
        place = gazetteer.admin1_place(country, admin1)
        return (gazetteer.local_name(place, lang) if place else None) or admin1
    if country:
        whole = gazetteer.country_place(country)
        name = gazetteer.local_name(whole, lang) if whole else None
        return name or country
    return none


def _facts(gazetteer: Gazetteer, entry: DigestEntry) -> IncidentFacts:
    place: PlaceText | None = None
    if entry.location_name:
        place = place_text(gazetteer, entry.location_name, entry.admin1, entry.country, entry.geo_precision)
    return IncidentFacts(entry.event_type, entry.date, entry.date_precision, place, entry.fatalities,
                         entry.injured, entry.detained, entry.actors, entry.country)


def _tables(digest: Digest, gazetteer: Gazetteer, lang: str) -> tuple[list[_Row], list[_Row]]:
    none = _LABELS[lang]["none"]
    types = [_Row(type_title(t, lang), n) for t, n in digest.by_type]
    regions = [_Row(_region_label(gazetteer, c, a, lang, none), n) for (c, a), n in digest.by_region]
    return types, regions


# ------------------------------------------------------------------ Markdown

def _md_text(text: str) -> str:
    """Free text on a Markdown line: the characters Markdown would read as markup escaped."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(rows: Sequence[_Row], first: str, second: str) -> list[str]:
    out = [f"| {first} | {second} |", "|---|---:|"]
    out += [f"| {_md_cell(r.label)} | {r.count} |" for r in rows]
    return out


def _md_source(source: DigestSource, lang: str) -> str:
    locator = source.locator
    if locator.startswith(("http://", "https://")) and not set(locator) & set("<> \n"):
        shown = f"<{locator}>"
    else:
        shown = "`" + locator.replace("`", "'").replace("\n", " ") + "`"
    notes = _source_notes(source, lang)
    return (f"{shown} ({notes})" if notes else shown) + _md_text(_title_text(source, lang))


def _source_notes(source: DigestSource, lang: str) -> str:
    """``published 13 March 2025; source grade B2``, as far as known."""
    when = _published(source.published, lang)
    parts = [f"{_LABELS[lang]['published']} {when}"] if when else []
    if source.grade:
        parts.append(grade_text(source.grade, lang))
    return "; ".join(parts)


def _title_text(source: DigestSource, lang: str) -> str:
    """``: «the title»``, followed by `` (machine-translated: «its translation»)`` when it was translated into
    ``lang``; empty when the digest shows no title (without machine translation, or the source has none)."""
    title = source.shown_title
    if title is None or not title.text:
        return ""
    shown = f": «{' '.join(title.text.split())}»"
    if title.translated:
        shown += f" ({MACHINE_TRANSLATED[lang]}: «{' '.join(title.translated.split())}»)"
    return shown


def _redaction(digest: Digest, lang: str) -> str:
    words = any(e.quote for e in digest.entries) or any(s.shown_title for e in digest.entries for s in e.sources)
    return _LABELS[lang]["redaction_quotes" if words else "redaction"]


def _quote_lines(entry: DigestEntry, lang: str) -> list[str]:
    """The incident's quote, when the digest holds one: its machine translation into ``lang`` marked as such,
    then the original; or the original alone (in ``lang`` already, or not translated)."""
    quote = entry.quote
    if quote is None or not quote.text:
        return []
    words = _LABELS[lang]
    original = " ".join(quote.text.split())
    code = f" ({quote.language})" if quote.language else ""
    if quote.translated:
        return [f"{words['quote']} ({MACHINE_TRANSLATED[lang]}): «{' '.join(quote.translated.split())}»",
                f"{words['original']}{code}: «{original}»"]
    return [f"{words['quote']}{code}: «{original}»"]


def _markdown(digest: Digest, gazetteer: Gazetteer, lang: str) -> str:
    words = _LABELS[lang]
    types, regions = _tables(digest, gazetteer, lang)
    lines = [f"# {words['title']}: {_period(digest.date_from, digest.date_to, lang)}", "",
             f"{words['period']}: {digest.date_from.isoformat()} – {digest.date_to.isoformat()}. "
             f"{words['count']}: {len(digest.entries)}.", "", f"*{_redaction(digest, lang)}*", ""]
    if digest.left_out:
        lines += [f"*{_small_note(digest, lang)}*", ""]
    if not digest.entries:
        return "\n".join([*lines, words["empty"], ""])
    lines += [f"## {words['by_type']}", "", *_md_table(types, words["type"], words["n"]), "",
              f"## {words['by_region']}", "", *_md_table(regions, words["region"], words["n"]), "",
              f"## {words['incidents']}", ""]
    for number, entry in enumerate(digest.entries, 1):
        lines.append(f"{number}. {write_incident(_facts(gazetteer, entry), lang)}")
        lines += [f"   {_md_text(line)}" for line in _quote_lines(entry, lang)]
        if entry.sources:
            cited = "; ".join(_md_source(s, lang) for s in entry.sources)
            lines.append(f"   {words['sources']}: {cited}.")
        corroboration = _corroboration(entry, lang)
        if corroboration:
            lines.append(f"   {corroboration}.")
        lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ HTML

_CSS = """body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
body{color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border-bottom:1px solid #ccc;padding:.25rem .75rem;text-align:left}td.n,th.n{text-align:right}
.note{color:#555;font-style:italic}.sources,.corroboration{font-size:.9em;color:#444}
svg text{font-size:12px;fill:#222}svg rect{fill:#3b6ea5}"""


def _svg_chart(rows: Sequence[_Row], title: str) -> str:
    """Horizontal bars, one a row, drawn inline (no script, no external file)."""
    # labels right-aligned before the bars, room for the longest at ~7.5 px a letter (12 px type)
    label_width = max(120, round(7.5 * max((len(r.label) for r in rows), default=0)) + 12)
    bar_width, bar, gap = 330, 18, 6
    top = max((r.count for r in rows), default=1) or 1
    height = len(rows) * (bar + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 50}" '
             f'height="{height}" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>']
    for i, row in enumerate(rows):
        y = gap + i * (bar + gap)
        width = max(1, round(bar_width * row.count / top))
        parts.append(f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end">{html.escape(row.label)}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{width}" height="{bar}"/>'
                     f'<text x="{label_width + width + 4}" y="{y + bar - 5}">{row.count}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_table(rows: Sequence[_Row], first: str, second: str) -> str:
    body = "".join(f'<tr><td>{html.escape(r.label)}</td><td class="n">{r.count}</td></tr>' for r in rows)
    return (f'<table><thead><tr><th>{html.escape(first)}</th><th class="n">{html.escape(second)}</th></tr>'
            f"</thead><tbody>{body}</tbody></table>")


def _html_source(source: DigestSource, lang: str) -> str:
    locator = html.escape(source.locator)
    shown = (f'<a href="{locator}">{locator}</a>' if source.locator.startswith(("http://", "https://"))
             else f"<code>{locator}</code>")
    notes = _source_notes(source, lang)
    return (f"{shown} ({html.escape(notes)})" if notes else shown) + html.escape(_title_text(source, lang))


def _html(digest: Digest, gazetteer: Gazetteer, lang: str) -> str:
    words = {k: html.escape(v) for k, v in _LABELS[lang].items()}
    title = f"{words['title']}: {html.escape(_period(digest.date_from, digest.date_to, lang))}"
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{title}</title><style>{_CSS}</style></head><body>",
           f"<h1>{title}</h1>",
           f"<p>{words['period']}: {digest.date_from.isoformat()} – {digest.date_to.isoformat()}. "
           f"{words['count']}: {len(digest.entries)}.</p>",
           f'<p class="note">{_redaction(digest, lang)}</p>']
    if digest.left_out:
        out.append(f'<p class="note">{html.escape(_small_note(digest, lang))}</p>')
    if not digest.entries:
        out.append(f"<p>{words['empty']}</p></body></html>\n")
        return "".join(out)
    types, regions = _tables(digest, gazetteer, lang)
    out += [f"<h2>{words['by_type']}</h2>", _svg_chart(types, _LABELS[lang]["chart"]),
            _html_table(types, _LABELS[lang]["type"], _LABELS[lang]["n"]),
            f"<h2>{words['by_region']}</h2>", _html_table(regions, _LABELS[lang]["region"], _LABELS[lang]["n"]),
            f"<h2>{words['incidents']}</h2>", "<ol>"]
    for entry in digest.entries:
        text = html.escape(write_incident(_facts(gazetteer, entry), lang))
        cited = "; ".join(_html_source(s, lang) for s in entry.sources)
        sources = f'<br><span class="sources">{words["sources"]}: {cited}.</span>' if cited else ""
        note = _corroboration(entry, lang)
        if note:
            sources += f'<br><span class="corroboration">{html.escape(note)}.</span>'
        quotes = "".join(f'<br><span class="quote">{html.escape(line)}</span>' for line in _quote_lines(entry, lang))
        out.append(f'<li id="incident-{entry.id}"><p>{text}{quotes}{sources}</p></li>')
    out.append("</ol></body></html>\n")
    return "".join(out)


def _corroboration(entry: DigestEntry, lang: str) -> str:
    """``independent origins: 2 (official statement 1, media 1); information grade 1 (confirmed); reported by X,
    not corroborated``, as far as known (empty when the origins were never computed)."""
    text = corroboration_text(entry.origins, dict(entry.by_kind), entry.info_grade, entry.reported_by, lang)
    return text[:1].upper() + text[1:]


def _small_note(digest: Digest, lang: str) -> str:
    return _LABELS[lang]["small"].format(n=digest.left_out, k=digest.min_count)


def render_digest(digest: Digest, gazetteer: Gazetteer, lang: str, fmt: str = "md") -> str:
    """The digest as Markdown (``md``) or one HTML page (``html``) in ``lang`` (en, uk, ru)."""
    lang = language_of(lang)
    if fmt == "html":
        return _html(digest, gazetteer, lang)
    return _markdown(digest, gazetteer, lang)


# ------------------------------------------------------------------ PDF

def _font(name: str) -> Path:
    for folder in FONT_FOLDERS:
        if (folder / name).is_file():
            return folder / name
    raise UsageError(f"a PDF digest needs the DejaVu Sans font ({name}): install the Debian package "
                     "fonts-dejavu-core (scripts/ensure-services.sh does), or use --format html")


def _pdf_table(pdf: object, rows: Sequence[_Row], first: str, second: str) -> None:
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    with pdf.table(col_widths=(140, 30), text_align=("LEFT", "RIGHT"), width=170, align="LEFT",
                   line_height=6) as table:
        table.row((first, second))
        for row in rows:
            table.row((row.label, str(row.count)))
    pdf.ln(4)


def _pdf_chart(pdf: object, rows: Sequence[_Row]) -> None:
    """Horizontal bars, one a type, labels before them (as the HTML page's chart)."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    top = max((r.count for r in rows), default=1) or 1
    pdf.set_font("DejaVu", size=8)
    label_width = min(80.0, max(pdf.get_string_width(r.label) for r in rows) + 3)
    pdf.set_fill_color(59, 110, 165)
    for row in rows:
        y = pdf.get_y()
        pdf.cell(label_width, 5, row.label[:60], align="R")
        width = max(0.5, 90 * row.count / top)
        pdf.rect(pdf.l_margin + label_width + 1, y + 0.8, width, 3.4, style="F")
        pdf.set_xy(pdf.l_margin + label_width + width + 2, y)
        pdf.cell(15, 5, str(row.count), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def render_digest_pdf(digest: Digest, gazetteer: Gazetteer, lang: str) -> bytes:
    """The digest as a PDF in ``lang``: the HTML page's title, note, chart, tables and paragraphs, on A4."""
    from fpdf import FPDF

    lang = language_of(lang)
    words = _LABELS[lang]
    regular, bold = _font("DejaVuSans.ttf"), _font("DejaVuSans-Bold.ttf")
    title = f"{words['title']}: {_period(digest.date_from, digest.date_to, lang)}"
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.set_creator("letopis")
    pdf.set_producer("letopis")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=10)
    notes = [f"{words['period']}: {digest.date_from.isoformat()} – {digest.date_to.isoformat()}. "
             f"{words['count']}: {len(digest.entries)}.", _redaction(digest, lang)]
    if digest.left_out:
        notes.append(_small_note(digest, lang))
    for note in notes:
        pdf.multi_cell(0, 5.5, note, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if not digest.entries:
        pdf.multi_cell(0, 6, words["empty"], align="L", new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
    types, regions = _tables(digest, gazetteer, lang)
    for heading, rows, first in ((words["by_type"], types, words["type"]),
                                 (words["by_region"], regions, words["region"])):
        pdf.set_font("DejaVu", "B", 13)
        pdf.cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        if rows is types:
            _pdf_chart(pdf, rows)
        pdf.set_font("DejaVu", size=9)
        _pdf_table(pdf, rows, first, words["n"])
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 8, words["incidents"], new_x="LMARGIN", new_y="NEXT")
    for number, entry in enumerate(digest.entries, 1):
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(0, 5.5, f"{number}. {write_incident(_facts(gazetteer, entry), lang)}", align="L",
                       new_x="LMARGIN", new_y="NEXT")
        for line in _quote_lines(entry, lang):
            pdf.set_font("DejaVu", size=9)
            pdf.multi_cell(0, 4.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        if entry.sources:
            cited = "; ".join(_plain_source(s, lang) for s in entry.sources)
            pdf.set_font("DejaVu", size=8)
            pdf.multi_cell(0, 4.5, f"{words['sources']}: {cited}.", align="L", new_x="LMARGIN", new_y="NEXT")
        corroboration = _corroboration(entry, lang)
        if corroboration:
            pdf.set_font("DejaVu", size=8)
            pdf.multi_cell(0, 4.5, f"{corroboration}.", align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def _plain_source(source: DigestSource, lang: str) -> str:
    notes = _source_notes(source, lang)
    locator = source.locator.replace("\n", " ")
    return (f"{locator} ({notes})" if notes else locator) + _title_text(source, lang)
