"""The static site's HTML pages, one language each: the map, the timeline, "about the data", one per incident.

Pure functions from public incident shapes (already redacted by
:class:`letopis.publish.public.PublicProfile`) and the writer's words to HTML
text. Every address is relative, so the folder works from any static host and
opened as ``file://``. Text from the records is escaped; the pages load no
script or style from anywhere but the folder.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from letopis.model.records import EVENT_TYPES
from letopis.publish.corroboration import (
    INFO_GRADE_WORDS,
    ORIGIN_KIND_WORDS,
    WORDS as CORROBORATION_WORDS,
    kinds_text,
)
from letopis.publish.site.words import ABOUT, DATE_PRECISIONS, LANGUAGE_NAMES, TYPE_NOTES, WORDS
from letopis.publish.writer import type_title

__all__ = ["incident_path", "layout", "index_page", "timeline_page", "about_page", "incident_page", "root_page", "CSP",
           "machine_translated"]

_e = html.escape

# What a page may load: scripts, styles and images from the site's own folder (and the data: images Leaflet's
# styles hold), nothing from any other host, no inline script, no request of any kind (fetch, forms, frames).
# A meta tag, so that it holds on any static host and opened from the disk (file://).
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'none'; form-action 'none'; base-uri 'none'; object-src 'none'; frame-src 'none'")
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'


def incident_path(incident_id: int) -> str:
    """The page of an incident, relative to its language's folder: from the stable id, never a row number."""
    return f"incidents/{int(incident_id)}.html"


def _words_json(words: Mapping[str, Any]) -> str:
    return json.dumps(words, ensure_ascii=False).replace("</", "<\\/")


def layout(lang: str, title: str, body: str, *, page: str, scripts: Sequence[str] = (),
           styles: Sequence[str] = ()) -> str:
    """A whole page of the ``lang`` folder at ``page`` (``index.html``, ``incidents/7.html``)."""
    words = WORDS[lang]
    up = "../" * (page.count("/") + 1)
    here = "../" * page.count("/")
    current, chosen = ' aria-current="page"', ' aria-current="true"'
    nav = "".join(f'<a href="{here}{target}"{current if target == page else ""}>{_e(words[key])}</a>'
                  for key, target in (("map", "index.html"), ("timeline", "timeline.html"), ("about", "about.html")))
    switch = "".join(
        f'<a class="lang" hreflang="{other}" lang="{other}" href="{up}{other}/{page}"'
        f'{chosen if other == lang else ""}>{_e(LANGUAGE_NAMES[other])}</a>'
        for other in LANGUAGE_NAMES)
    links = "".join(f'<link rel="stylesheet" href="{up}{href}">' for href in (*styles, "assets/site.css"))
    tags = "".join(f'<script src="{up}{src}" defer></script>' for src in scripts)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">{_CSP_META}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="referrer" content="no-referrer"><title>{_e(title)} · {_e(words["site"])}</title>'
            f"{links}{tags}</head><body>"
            f'<header><a class="site" href="{here}index.html">{_e(words["site"])}</a><nav>{nav}</nav>'
            f'<nav class="languages" aria-label="{_e(words["language"])}" data-switch="languages" '
            f'data-field="language">{switch}</nav>'
            f"</header><main>{body}</main></body></html>\n")


def _filters(words: Mapping[str, str]) -> str:
    return (f'<form id="filters" class="filters">'
            f'<label>{_e(words["type"])} <select name="type"><option value="">{_e(words["all_types"])}</option>'
            f'</select></label>'
            f'<label>{_e(words["from"])} <input type="date" name="from"></label>'
            f'<label>{_e(words["to"])} <input type="date" name="to"></label>'
            f'<label>{_e(words["region"])} <select name="region"><option value="">{_e(words["all_regions"])}'
            f'</option></select></label>'
            f'<button type="reset">{_e(words["reset"])}</button></form>'
            f'<p class="count"><span id="count" role="status"></span> <span id="unplaced"></span></p>')


def _client_words(lang: str) -> str:
    words = WORDS[lang]
    keys = ("shown", "unplaced", "open", "unknown", "prec1", "prec2", "prec3", "no_incidents", "more",
            "month_list", "undated")
    return (f'<script type="application/json" id="site-words">'
            f'{_words_json({k: words[k] for k in keys} | {"lang": lang})}</script>')


_DATA = ("data/markers.js",)
_MAP_SCRIPTS = ("assets/leaflet/leaflet.js", "assets/leaflet.markercluster/leaflet.markercluster.js",
                "assets/topojson-client/topojson-client.min.js")
_MAP_STYLES = ("assets/leaflet/leaflet.css", "assets/leaflet.markercluster/MarkerCluster.css")


def index_page(lang: str) -> str:
    """The map with the filters and the latest matching incidents (filled by ``site.js`` from the data files)."""
    words = WORDS[lang]
    body = (f'<h1>{_e(words["map"])}</h1>{_filters(words)}'
            f'<div id="map" class="map" role="region" aria-label="{_e(words["map"])}" '
            f'data-outlines="../assets/outlines.js"></div>'
            f'<h2>{_e(words["latest"])}</h2><ol id="latest" class="incident-list"></ol>'
            f'<noscript><p>{_e(words["no_script"])}</p></noscript>{_client_words(lang)}')
    return layout(lang, words["map"], body, page="index.html", styles=_MAP_STYLES,
                  scripts=(*_MAP_SCRIPTS, *_DATA, f"data/tables.{lang}.js", "assets/site.js"))


def timeline_page(lang: str) -> str:
    """Incidents by month as bars; a bar lists its month's incidents."""
    words = WORDS[lang]
    body = (f'<h1>{_e(words["timeline"])}</h1>{_filters(words)}'
            f'<h2>{_e(words["months"])}</h2><div id="timeline" class="timeline"></div>'
            f'<p id="undated" class="muted"></p><h2 id="month-title"></h2>'
            f'<ol id="month-list" class="incident-list"></ol>'
            f'<noscript><p>{_e(words["no_script"])}</p></noscript>{_client_words(lang)}')
    return layout(lang, words["timeline"], body, page="timeline.html",
                  scripts=(*_DATA, f"data/tables.{lang}.js", "assets/site.js"))


def _about_table(lang: str, marker: str) -> str:
    if marker == "{types}":
        rows = [(f"<code>{t}</code>", type_title(t, lang), TYPE_NOTES[lang].get(t, "")) for t in EVENT_TYPES]
        return "<table><tbody>" + "".join(
            f"<tr><td>{code}</td><th>{_e(title)}</th><td>{_e(note)}</td></tr>" for code, title, note in rows
        ) + "</tbody></table>"
    if marker == "{precision}":
        words = WORDS[lang]
        return "<table><tbody>" + "".join(
            f"<tr><td><code>{n}</code></td><td>{_e(words[f'prec{n}'])}</td></tr>" for n in (1, 2, 3)
        ) + "</tbody></table>"
    return "<table><tbody>" + "".join(
        f"<tr><td><code>{p}</code></td><td>{_e(text)}</td></tr>" for p, text in DATE_PRECISIONS[lang].items()
    ) + "</tbody></table>"


def about_page(lang: str, count: int) -> str:
    """Method, taxonomy, precision codes, what is redacted and why, and the data files."""
    words = WORDS[lang]
    parts = [f'<h1>{_e(words["about"])}</h1>']
    for heading, paragraphs in ABOUT[lang]:
        parts.append(f"<h2>{_e(heading)}</h2>")
        for text in paragraphs:
            parts.append(_about_table(lang, text) if text.startswith("{") else f"<p>{_e(text)}</p>")
    files = "".join(f'<li><a href="../data/incidents.{fmt}" download>incidents.{fmt}</a> — {_e(words[fmt])}</li>'
                    for fmt in ("csv", "geojson", "jsonl"))
    parts.append(f'<h2 id="data">{_e(words["files"])}</h2><p>{_e(words["shown"].format(shown=count, total=count))}'
                 f'</p><ul class="files">{files}</ul>')
    return layout(lang, words["about"], "".join(parts), page="about.html")


def root_page(langs: Sequence[str]) -> str:
    """The folder's own index: the first language's map, and links to each language."""
    first = langs[0]
    links = "".join(f'<li><a hreflang="{lang}" href="{lang}/index.html">{_e(LANGUAGE_NAMES[lang])}</a></li>'
                    for lang in langs)
    return (f'<!DOCTYPE html>\n<html lang="{first}"><head><meta charset="utf-8">{_CSP_META}'
            f'<meta http-equiv="refresh" content="0; url={first}/index.html">'
            f'<title>{_e(WORDS[first]["site"])}</title></head><body><ul data-field="language">{links}</ul>'
            f"</body></html>\n")


def _dl(rows: Sequence[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{_e(term)}</dt><dd>{value}</dd>" for term, value in rows) + "</dl>"


def _file_links(files: Sequence[Any], lang: str, up: str) -> str:
    """Links to the clean copies of a source's images and PDFs (named by hash: no name of the original)."""
    words = WORDS[lang]
    links = ", ".join(f'<a href="{up}{_e(f.path)}" data-field="kind">{_e(words["file_" + f.kind])} {n}</a>'
                      for n, f in enumerate(files, 1))
    return f'<div class="files">{_e(words["copies"])}: {links}</div>' if links else ""


def _role(source: Mapping[str, Any], lang: str, numbers: Mapping[int, int]) -> str:
    """"origin (channel)", or "copy of source 2" (its place in the list), and the grade a person gave its site."""
    words = CORROBORATION_WORDS[lang]
    origin = source.get("origin_source_id")
    parts = []
    if origin is not None:
        if origin == source.get("source_id"):
            kind = ORIGIN_KIND_WORDS[lang].get(source.get("origin_kind") or "", source.get("origin_kind") or "")
            parts.append(f'{_e(words["origin"])} (<span data-field="origin_kind">{_e(kind)}</span>)')
        else:
            parts.append(_e(words["copy"].format(n=numbers.get(origin, "?"))))
    grade = (source.get("profile") or {}).get("grade")
    if grade:
        parts.append(f'{_e(words["grade"])} <span data-field="grade">{_e(grade)}</span>')
    return f'<div class="role" data-field="role">{"; ".join(parts)}</div>' if parts else ""


def machine_translated(text: str | None, lang: str, field: str) -> str:
    """A machine translation shown under its original: in ``lang``, marked as machine-translated."""
    if not text:
        return ""
    return (f'<p class="mt" data-field="{field}" lang="{lang}"><span class="mt-mark">'
            f'{_e(WORDS[lang]["machine_translated"])}</span> {_e(text)}</p>')


def _source_item(source: Mapping[str, Any], lang: str, published: str | None, files: Sequence[Any] = (),
                 numbers: Mapping[int, int] | None = None, quote_translated: str | None = None,
                 title_translated: str | None = None) -> str:
    words = WORDS[lang]
    locator = source.get("locator")
    if locator and locator.startswith(("http://", "https://")):
        head = f'<a href="{_e(locator)}" rel="noopener noreferrer nofollow" data-field="locator">{_e(locator)}</a>'
    elif locator:
        head = f'<code data-field="locator">{_e(locator)}</code>'
    else:
        head = f'<span class="muted">{_e(words["no_locator"])}</span>'
    parts = [head]
    if source.get("title"):
        parts.append(f'<div class="title" data-field="title" lang="{_e(source.get("language") or "")}">'
                     f'{_e(source["title"])}</div>')
        parts.append(machine_translated(title_translated, lang, "title_mt"))
    if published:
        parts.append(f'<div class="muted">{_e(words["published"])} <span data-field="date">{_e(published)}</span>'
                     "</div>")
    parts.append(_role(source, lang, numbers or {}))
    if source.get("quote"):
        parts.append(f'<blockquote data-field="quote" lang="{_e(source.get("language") or "")}">'
                     f'{_e(source["quote"])}</blockquote>')
        parts.append(machine_translated(quote_translated, lang, "quote_mt"))
    parts.append(f'<div class="hash">{_e(words["sha256"])}: <code>{_e(source.get("original_sha256") or "")}</code>'
                 f"</div>")
    parts.append(_file_links(files, lang, "../../"))
    return "<li>" + "".join(parts) + "</li>"


def incident_page(shape: Mapping[str, Any], lang: str, text: Mapping[str, str | None],
                  published: Sequence[str | None], files: Sequence[Sequence[Any]] = (),
                  machine: Mapping[str, str | None] | None = None) -> str:
    """An incident's page; ``text``: the writer's ``paragraph``, ``date``, ``place``, ``region``, ``country``;
    ``published``: each source's publication date written in ``lang``; ``files``: each source's clean copies
    of its images and PDFs (``path``, ``kind``), when the site carries them; ``machine``: machine translations
    into ``lang`` of the ``summary`` and of source ``n``'s title (``title:n``) and quote (``quote:n``), shown marked
    under each original."""
    machine = machine or {}
    words = WORDS[lang]
    number = int(shape["id"])
    title = f'{type_title(shape["event_type"], lang)} #{number}'
    location = shape.get("location") or {}
    precision = location.get("geo_precision")
    exact = DATE_PRECISIONS[lang].get(shape.get("date_precision") or "", "—")
    date_value = (f'<span data-field="date">{_e(text["date"] or words["unknown"])}</span> <span class="muted">'
                  f'({_e(shape.get("date") or "—")}, {_e(exact)})</span>')
    place = ", ".join(f'<span data-field="location_name">{_e(p)}</span>'
                      for p in (text.get("place"), text.get("region"), text.get("country")) if p)
    counts = " / ".join("—" if shape.get(k) is None else str(shape[k]) for k in ("fatalities", "injured", "detained"))
    coordinates = (f'{location["lat"]:.4f}, {location["lon"]:.4f}'
                   if location.get("lat") is not None and location.get("lon") is not None else words["none"])
    corroboration = shape.get("corroboration") or {}
    origins = corroboration.get("origins")
    kinds = kinds_text(corroboration.get("by_kind"), lang)
    origins_text = _e(words["none"]) if origins is None else (
        f'<span data-field="origins">{origins}</span>' + (f" ({_e(kinds)})" if kinds else ""))
    facts = [(words["date"], date_value), (words["place"], place or _e(words["unknown"])),
             (words["precision"], f"<code>{precision}</code> {_e(words.get(f'prec{precision}', ''))}"
              if precision else _e(words["none"])),
             (words["coordinates"], _e(coordinates)), (words["counts"], _e(counts)),
             (words["status"], _e(words.get(shape.get("status") or "", shape.get("status") or ""))),
             (words["origins"], origins_text)]
    information = corroboration.get("information") or {}
    if origins is not None and information.get("grade"):
        grade = information["grade"]
        facts.append((words["information"], f'<span data-field="info_grade">{_e(grade)}</span> '
                                             f'({_e(INFO_GRADE_WORDS[lang].get(grade, grade))})'))
    reported = corroboration.get("reported_by") or {}
    if reported.get("name"):
        facts.append((words["claim"], _e(CORROBORATION_WORDS[lang]["reported"].format(name=reported["name"]))))
    sources_of = shape.get("sources") or []
    copies = list(files) or [()] * len(sources_of)
    numbers = {s.get("source_id"): n for n, s in enumerate(sources_of, 1) if s.get("source_id") is not None}
    sources = "".join(_source_item(s, lang, p, f, numbers, machine.get(f"quote:{n}"), machine.get(f"title:{n}"))
                      for n, (s, p, f) in enumerate(zip(sources_of, published, copies, strict=True)))
    summary = shape.get("summary") or ""
    body = (f'<p class="back"><a href="../index.html">{_e(words["back"])}</a></p><h1>{_e(title)}</h1>'
            f'<p class="paragraph" data-field="paragraph" title="{_e(words["generated"])}">'
            f'{_e(text["paragraph"] or "")}</p>'
            f"{_dl(facts)}<h2>{_e(words['summary'])}</h2>"
            f'<p data-field="summary" lang="{_e(shape.get("language") or "")}">{_e(summary)}</p>'
            f'{machine_translated(machine.get("summary"), lang, "summary_mt")}'
            f'<h2>{_e(words["sources"])}</h2><ol class="sources">{sources}</ol>'
            f'<p class="cite">{_e(words["cite"])}: <code>{lang}/{incident_path(number)}</code></p>')
    return layout(lang, title, body, page=incident_path(number))
