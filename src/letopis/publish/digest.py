"""A digest of a period's incidents as Markdown or as one self-contained HTML page.

Title and period, totals by type and by region (tables; the HTML page adds an
inline SVG bar chart, no external file), then one paragraph per incident in date
order, written by :mod:`letopis.publish.writer` from the structured fields, with
its sources (locator, publication date). The paragraphs hold no quote and no
free text from the sources, so no name of a person reaches a digest.

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

from babel.dates import format_date, format_interval, format_skeleton

from letopis.gazetteer import Gazetteer
from letopis.model import Digest, DigestEntry, DigestSource
from letopis.publish.writer import IncidentFacts, PlaceText, language_of, place_text, type_title, write_incident

__all__ = ["FORMATS", "render_digest"]

FORMATS = ("md", "html")

_LABELS = {
    "en": {"title": "Digest of incidents", "period": "Period", "count": "Incidents", "by_type": "By type",
           "by_region": "By region", "type": "Type", "region": "Region", "n": "Incidents",
           "incidents": "Incidents", "sources": "Sources", "published": "published",
           "origins": "independent origins", "reported": "reported by {name}, not corroborated",
           "none": "No place given",
           "empty": "No incidents in this period.",
           "redaction": "Written from the structured fields of the records: no quotes from the sources and no "
                        "names of persons.",
           "chart": "Incidents by type"},
    "uk": {"title": "Дайджест інцидентів", "period": "Період", "count": "Інцидентів", "by_type": "За типом",
           "by_region": "За регіоном", "type": "Тип", "region": "Регіон", "n": "Інцидентів",
           "incidents": "Інциденти", "sources": "Джерела", "published": "опубліковано",
           "origins": "незалежних першоджерел", "reported": "за повідомленням {name}, не підтверджено",
           "none": "Місце не вказано", "empty": "За цей період інцидентів немає.",
           "redaction": "Складено зі структурованих полів записів: без цитат із джерел та без імен осіб.",
           "chart": "Інциденти за типом"},
    "ru": {"title": "Дайджест инцидентов", "period": "Период", "count": "Инцидентов", "by_type": "По типам",
           "by_region": "По регионам", "type": "Тип", "region": "Регион", "n": "Инцидентов",
           "incidents": "Инциденты", "sources": "Источники", "published": "опубликовано",
           "origins": "независимых первоисточников", "reported": "по сообщению {name}, не подтверждено",
           "none": "Место не указано", "empty": "За этот период инцидентов нет.",
           "redaction": "Составлено из структурированных полей записей: без цитат из источников и без имён "
                        "людей.",
           "chart": "Инциденты по типам"},
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
    when = _published(source.published, lang)
    return f"{shown} ({_LABELS[lang]['published']} {when})" if when else shown


def _markdown(digest: Digest, gazetteer: Gazetteer, lang: str) -> str:
    words = _LABELS[lang]
    types, regions = _tables(digest, gazetteer, lang)
    lines = [f"# {words['title']}: {_period(digest.date_from, digest.date_to, lang)}", "",
             f"{words['period']}: {digest.date_from.isoformat()} – {digest.date_to.isoformat()}. "
             f"{words['count']}: {len(digest.entries)}.", "", f"*{words['redaction']}*", ""]
    if not digest.entries:
        return "\n".join([*lines, words["empty"], ""])
    lines += [f"## {words['by_type']}", "", *_md_table(types, words["type"], words["n"]), "",
              f"## {words['by_region']}", "", *_md_table(regions, words["region"], words["n"]), "",
              f"## {words['incidents']}", ""]
    for number, entry in enumerate(digest.entries, 1):
        lines.append(f"{number}. {write_incident(_facts(gazetteer, entry), lang)}")
        if entry.sources:
            cited = "; ".join(_md_source(s, lang) for s in entry.sources)
            lines.append(f"   {words['sources']}: {cited}{_corroboration(entry, lang)}.")
        lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ HTML

_CSS = """body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
body{color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border-bottom:1px solid #ccc;padding:.25rem .75rem;text-align:left}td.n,th.n{text-align:right}
.note{color:#555;font-style:italic}.sources{font-size:.9em;color:#444}
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
    when = _published(source.published, lang)
    return f"{shown} ({html.escape(_LABELS[lang]['published'])} {html.escape(when)})" if when else shown


def _html(digest: Digest, gazetteer: Gazetteer, lang: str) -> str:
    words = {k: html.escape(v) for k, v in _LABELS[lang].items()}
    title = f"{words['title']}: {html.escape(_period(digest.date_from, digest.date_to, lang))}"
    out = [f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{title}</title><style>{_CSS}</style></head><body>",
           f"<h1>{title}</h1>",
           f"<p>{words['period']}: {digest.date_from.isoformat()} – {digest.date_to.isoformat()}. "
           f"{words['count']}: {len(digest.entries)}.</p>",
           f'<p class="note">{words["redaction"]}</p>']
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
        note = html.escape(_corroboration(entry, lang))
        sources = f'<br><span class="sources">{words["sources"]}: {cited}{note}.</span>' if cited else ""
        out.append(f'<li id="incident-{entry.id}"><p>{text}{sources}</p></li>')
    out.append("</ol></body></html>\n")
    return "".join(out)


def _corroboration(entry: DigestEntry, lang: str) -> str:
    """`` (independent origins: N; reported by X, not corroborated)`` after the sources, as far as known."""
    words = _LABELS[lang]
    parts = [f"{words['origins']}: {entry.origins}"] if entry.origins is not None else []
    if entry.reported_by:
        parts.append(words["reported"].format(name=entry.reported_by))
    return f" ({'; '.join(parts)})" if parts else ""


def render_digest(digest: Digest, gazetteer: Gazetteer, lang: str, fmt: str = "md") -> str:
    """The digest as Markdown (``md``) or one HTML page (``html``) in ``lang`` (en, uk, ru)."""
    lang = language_of(lang)
    if fmt == "html":
        return _html(digest, gazetteer, lang)
    return _markdown(digest, gazetteer, lang)
