"""The digest use case: the incidents of a period, oldest first, with totals by type and by region.

Read through :func:`letopis.services.incidents.iter_incidents` (the same filters
as ``letopis incidents``) and returned as small views; the text is written by
:mod:`letopis.publish.digest`. The totals are counted over the very incidents the
digest lists, so the tables and the paragraphs always agree. Rejected incidents
are left out unless the filters ask for them. With ``min_count`` (the setting
``publish_min_count``), incidents of a region and month with fewer than that
many of the listed ones are left out too (:mod:`letopis.publish.small_counts`),
and counted.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from letopis.db import Database
from letopis.db.models import Edit, Incident
from letopis.errors import FilterError
from letopis.model import Digest, DigestEntry, DigestSource, IncidentDetail
from letopis.publish.small_counts import SmallCounts, period_cell
from letopis.services.incidents import IncidentFilters, iter_incidents
from letopis.timespan import date_span

__all__ = ["Digest", "DigestEntry", "DigestSource", "build_digest"]


def _entry(detail: IncidentDetail[Incident, Edit]) -> DigestEntry:
    i = detail.incident
    sources = tuple(DigestSource(s.locator, s.title, s.published, s.profile.grade if s.profile else None)
                    for s in detail.sources)
    computed = detail.corroboration.computed
    return DigestEntry(i.id, i.event_type, i.date, i.date_precision, i.location_name, i.admin1, i.country,
                       i.geo_precision, i.fatalities, i.injured, i.detained, tuple(i.actors or ()), sources,
                       detail.corroboration.origins if computed else None,
                       detail.reported_by.name if detail.reported_by else None,
                       tuple(sorted(detail.corroboration.by_kind.items())) if computed else (),
                       detail.information.grade if computed and detail.information else None)


def _order(entry: DigestEntry) -> tuple[date, int]:
    start, _ = date_span(entry.date, entry.date_precision)
    return start or date.min, entry.id


def build_digest(db: Database, filters: IncidentFilters, min_count: int = 0) -> Digest:
    """The digest of the incidents ``filters`` find; ``date_from`` and ``date_to`` are required; ``min_count``:
    leave out the incidents of a region and month with fewer than that many (0: none)."""
    if filters.date_from is None or filters.date_to is None:
        raise FilterError("a digest needs a period: --from and --to")
    if filters.date_from > filters.date_to:
        raise FilterError(f"the period ends ({filters.date_to.isoformat()}) before it starts "
                          f"({filters.date_from.isoformat()})")
    entries = [_entry(d) for d in iter_incidents(db, filters)
               if filters.status is not None or d.incident.status != "rejected"]
    entries.sort(key=_order)
    left_out = 0
    if min_count > 0:
        small = SmallCounts(((e.country, e.admin1, e.date, e.date_precision, 1) for e in entries), min_count)
        kept = [e for e in entries
                if (cell := period_cell(e.country, e.admin1, e.date, e.date_precision)) is None
                or small.cells[cell] >= min_count]
        left_out, entries = len(entries) - len(kept), kept
    by_type = Counter(e.event_type for e in entries)
    by_region = Counter((e.country, e.admin1) for e in entries)
    return Digest(
        filters.date_from, filters.date_to, tuple(entries),
        tuple(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0][1] is None, kv[0][1] or "", kv[0][0] or ""))),
        left_out, min_count,
    )
