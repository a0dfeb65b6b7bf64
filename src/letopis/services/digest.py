"""The digest use case: the incidents of a period, oldest first, with totals by type and by region.

Read through :func:`letopis.services.incidents.iter_incidents` (the same filters
as ``letopis incidents``) and returned as small views; the text is written by
:mod:`letopis.publish.digest`. The totals are counted over the very incidents the
digest lists, so the tables and the paragraphs always agree. Rejected incidents
are left out unless the filters ask for them. With ``min_count`` (the setting
``publish_min_count``), incidents of a region and month with fewer than that
many of the listed ones are left out too (:mod:`letopis.publish.small_counts`),
and counted.

With machine translation on (the setting ``translate_url``), the command asks
for each incident's quote and its sources' titles too (:func:`quoting_in`): a
public source's quote and the titles of its public sources (never a
testimony's), redacted as for a public export, then translated into the
digest's language when they are in another one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from letopis.db import Database
from letopis.db.models import Edit, Incident
from letopis.errors import FilterError
from letopis.model import Digest, DigestEntry, DigestSource, FreeText, IncidentDetail
from letopis.publish.public import TESTIMONY_KIND
from letopis.publish.redact import Redactor
from letopis.publish.small_counts import SmallCounts, period_cell
from letopis.services.incidents import IncidentFilters, iter_incidents
from letopis.timespan import date_span
from letopis.translation import MachineTranslator

__all__ = ["Digest", "DigestEntry", "DigestSource", "build_digest", "quoting_in"]


# A public source's quote and its language → what the digest shows of it (redacted, maybe translated).
Quoting = Callable[[str, str | None], FreeText]


def _entry(detail: IncidentDetail[Incident, Edit],
           quoting: Quoting | None = None) -> tuple[DigestEntry, tuple[str, str | None] | None]:
    """The entry, and (with ``quoting``) its first public source's quote and language, shown only once the
    entry is kept: nothing of an incident left out is ever sent to a translator (the sources' titles are
    asked for then too, :func:`_with_words`)."""
    i = detail.incident
    public = next((s for s in detail.sources if s.kind != TESTIMONY_KIND and s.quote), None)
    quote = (public.quote, public.language) if quoting is not None and public is not None else None
    sources = tuple(DigestSource(s.locator, s.title if s.kind != TESTIMONY_KIND else None, s.published,
                                 s.profile.grade if s.profile else None, language=s.language)
                    for s in detail.sources)
    computed = detail.corroboration.computed
    return DigestEntry(i.id, i.event_type, i.date, i.date_precision, i.location_name, i.admin1, i.country,
                       i.geo_precision, i.fatalities, i.injured, i.detained, tuple(i.actors or ()), sources,
                       detail.corroboration.origins if computed else None,
                       detail.reported_by.name if detail.reported_by else None,
                       tuple(sorted(detail.corroboration.by_kind.items())) if computed else (),
                       detail.information.grade if computed and detail.information else None), quote


def _order(entry: DigestEntry) -> tuple[date, int]:
    start, _ = date_span(entry.date, entry.date_precision)
    return start or date.min, entry.id


def quoting_in(lang: str, redactor: Redactor, translator: MachineTranslator) -> Quoting:
    """A quote as a digest in ``lang`` shows it: redacted first (only redacted text is sent to the
    translator), then machine-translated when it is in another language."""
    def quote(text: str, language: str | None) -> FreeText:
        redacted = redactor.redact(text, language) or ""
        return FreeText(redacted, language, translator.translate(redacted, language, lang))

    return quote


def _with_words(entry: DigestEntry, quote: tuple[str, str | None] | None, quoting: Quoting) -> DigestEntry:
    """A kept entry with its quote and its public sources' titles as the digest shows them."""
    sources = tuple(replace(s, shown_title=quoting(s.title, s.language)) if s.title else s for s in entry.sources)
    return replace(entry, quote=quoting(*quote) if quote is not None else None, sources=sources)


def build_digest(db: Database, filters: IncidentFilters, min_count: int = 0,
                 quoting: Quoting | None = None) -> Digest:
    """The digest of the incidents ``filters`` find; ``date_from`` and ``date_to`` are required; ``min_count``:
    leave out the incidents of a region and month with fewer than that many (0: none); ``quoting``
    (:func:`quoting_in`, with machine translation on): each incident's public quote, as it gives it."""
    if filters.date_from is None or filters.date_to is None:
        raise FilterError("a digest needs a period: --from and --to")
    if filters.date_from > filters.date_to:
        raise FilterError(f"the period ends ({filters.date_to.isoformat()}) before it starts "
                          f"({filters.date_from.isoformat()})")
    pairs = [_entry(d, quoting) for d in iter_incidents(db, filters)
             if filters.status is not None or d.incident.status != "rejected"]
    quotes = {entry.id: quote for entry, quote in pairs if quote is not None}
    entries = sorted((entry for entry, _ in pairs), key=_order)
    left_out = 0
    if min_count > 0:
        small = SmallCounts(((e.country, e.admin1, e.date, e.date_precision, 1) for e in entries), min_count)
        kept = [e for e in entries
                if (cell := period_cell(e.country, e.admin1, e.date, e.date_precision)) is None
                or small.cells[cell] >= min_count]
        left_out, entries = len(entries) - len(kept), kept
    if quoting is not None:
        entries = [_with_words(e, quotes.get(e.id), quoting) for e in entries]
    by_type = Counter(e.event_type for e in entries)
    by_region = Counter((e.country, e.admin1) for e in entries)
    return Digest(
        filters.date_from, filters.date_to, tuple(entries),
        tuple(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0][1] is None, kv[0][1] or "", kv[0][0] or ""))),
        left_out, min_count,
    )
