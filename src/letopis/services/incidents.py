"""Finding stored incidents: filters checked and resolved, results streamed.

A place in a query or a region filter may be typed in any language and case
form (``Харків``, ``у Харкові``, ``Kharkov``, ``Харківська область``,
``kharkiv oblast``): the gazetteer resolves it to the English names the store
keeps incidents under (``docs/records.md``, *Places*).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from letopis.db import Database, incidents as stored, keyset
from letopis.db.models import Edit, Incident
from letopis.db.origins import origin_summaries, sole_sources
from letopis.errors import FilterError
from letopis.gazetteer import Gazetteer, Place, load_gazetteer
from letopis.model import EVENT_TYPES, SENSITIVITY_MARKS, IncidentDetail, SearchPage
from letopis.model.views import InformationGrade, ReportedBy, SourceProfileView
from letopis.reliability import ORIGIN_KINDS
from letopis.reliability.grades import check_information_grade
from letopis.services.claims import (
    HEAVY_TYPES,
    information_of_origins,
    information_of_sources,
    reported_by,
    reported_by_locator,
)
from letopis.services.profiles import all_profiles, profile_of

__all__ = ["FilterError", "IncidentFilters", "IncidentRow", "SORTS", "check_event_type", "check_sensitivity",
           "check_origin_kind", "check_info_grade",
           "place_names", "admin1_names", "count_incidents", "iter_incidents", "place_date_counts", "get_incident",
           "search_incidents", "MAX_OFFSET",
           "review_first"]

SORTS = tuple(stored.ORDERS)  # what search_incidents may sort by; "-" first for descending


def check_event_type(value: str) -> str:
    """The event type of the taxonomy ``value`` names (case and spaces forgiven), else :class:`FilterError`."""
    name = "_".join(value.strip().lower().replace("-", " ").split())
    if name not in EVENT_TYPES:
        raise FilterError(f"unknown event type {value!r}; the types are: {', '.join(EVENT_TYPES)}")
    return name


def check_info_grade(value: str | int) -> int:
    """An information grade given as a filter (1-6), or a :class:`FilterError`."""
    try:
        return check_information_grade(value)
    except ValueError as exc:
        raise FilterError(str(exc)) from None


def check_origin_kind(value: str) -> str:
    """The origin kind ``value`` names (``court-record``, ``Court record`` forgiven), else :class:`FilterError`."""
    name = "_".join(value.strip().lower().replace("-", " ").split())
    if name not in ORIGIN_KINDS:
        raise FilterError(f"unknown origin kind {value!r}; the kinds are: {', '.join(ORIGIN_KINDS)}")
    return name


def _places(gazetteer: Gazetteer, text: str, *, whole: bool = True) -> list[Place]:
    """Places ``text`` names: a name in any spelling or case form, or a region's full title.

    ``whole``: only a name that is all of ``text``; else also names inside it (``на Харківщині``).
    """
    places = gazetteer.lookup(text)
    if places:
        return places
    mentions = [m for m in gazetteer.find(text) if not whole or (m.start == 0 and m.end == len(text))]
    return [place for mention in mentions for place in mention.candidates]


def place_names(text: str) -> list[str]:
    """The English names of the places ``text`` names (nothing when it names none)."""
    text = text.strip()
    if not text:
        return []
    return list(dict.fromkeys(place.name for place in _places(load_gazetteer(), text)))


def admin1_names(value: str) -> list[str]:
    """The English names of the regions (admin1) ``value`` names, in any language and case form.

    A region's own name (``Харківська область``, ``на Харківщині``, ``kharkiv
    oblast``) gives that region; a town's name gives the region of its most
    populous namesake. Nothing resolved: ``value`` itself, as typed.
    """
    text = value.strip()
    places = _places(load_gazetteer(), text, whole=False) if text else []
    regions = [place.admin1 or place.name for place in places if place.level == "admin1"]
    if not regions and places and places[0].admin1:
        regions = [places[0].admin1]
    return list(dict.fromkeys(regions)) or [text]


def check_sensitivity(value: str | None) -> str | None:
    """A sensitivity filter: a mark of :data:`SENSITIVITY_MARKS` or ``none``; else :class:`FilterError`."""
    if value is None or value == "none" or value in SENSITIVITY_MARKS:
        return value
    raise FilterError(f"sensitivity: one of {', '.join(SENSITIVITY_MARKS)} or none, got {value!r}")


@dataclass(frozen=True)
class IncidentFilters:
    """What to find: every given filter must hold. Check ``event_type`` with :func:`check_event_type`."""

    q: str | None = None
    event_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    admin1: str | None = None
    status: str | None = None
    language: str | None = None  # a supporting source's language (en, uk, ru …)
    source_id: int | None = None  # supported by this source
    dated: bool | None = None  # True: with a date; False: only undated ones
    has_coordinates: bool | None = None  # True: placed on the map; False: only those without coordinates
    sensitivity: str | None = None  # a mark of SENSITIVITY_MARKS the incident carries, or "none": no mark
    min_origins: int | None = None  # at least this many independent origins (copies of one text count once)
    origin_kind: str | None = None  # an independent origin of this kind (check with check_origin_kind)
    max_origins: int | None = None  # at most this many independent origins (1: not corroborated)
    high_impact: bool | None = None  # True: someone killed, injured or detained, or a heavy type (None: any)
    info_grade: int | None = None  # information grade (Admiralty 1-6) this good or better: 2 → 1 or 2

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of the repository's search functions, places resolved."""
        return {
            "q": self.q,
            "type": self.event_type,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "admin1": admin1_names(self.admin1) if self.admin1 else None,
            "status": self.status,
            "place_names": place_names if self.q else None,
            "narrowing": stored.Narrowing(self.language, self.source_id, self.dated, self.has_coordinates,
                                          check_sensitivity(self.sensitivity), self.min_origins, self.origin_kind,
                                          self.max_origins, HEAVY_TYPES if self.high_impact else None,
                                          self.info_grade),
        }


def count_incidents(db: Database, filters: IncidentFilters) -> int:
    """How many stored incidents match (merged ones left out)."""
    with db.session(readonly=True) as session:
        return stored.count_incidents(session, **filters.arguments())


def place_date_counts(db: Database, filters: IncidentFilters, *, skip_rejected: bool = False
                      ) -> list[tuple[str | None, str | None, str | None, str | None, int]]:
    """(country, admin1, date, date precision, how many) over the matching incidents (statistics left out, and
    rejected incidents when ``skip_rejected``)."""
    with db.session(readonly=True) as session:
        return stored.place_date_counts(session, **filters.arguments(), skip_rejected=skip_rejected)


def iter_incidents(db: Database, filters: IncidentFilters,
                   limit: int | None = None) -> Iterator[IncidentDetail[Incident, Edit]]:
    """Every matching incident (or the first ``limit``), newest first, with sources and edits; streamed."""
    with db.session(readonly=True) as session:
        profiles = all_profiles(session)
        for detail in stored.iter_incidents(session, limit=limit, **filters.arguments()):
            yield _with_profiles(detail, profiles)


def get_incident(db: Database, incident_id: int) -> IncidentDetail[Incident, Edit] | None:
    """One incident with its sources (quotes, offsets, origins, their sites' profiles) and edit history."""
    with db.session(readonly=True) as session:
        detail = stored.get_incident(session, incident_id)
        if detail is None:
            return None
        return _with_profiles(detail, all_profiles(session))


def _with_profiles(detail: IncidentDetail[Incident, Edit],
                   profiles: Mapping[str, SourceProfileView]) -> IncidentDetail[Incident, Edit]:
    """Each source's site profile, the claim marked "reported by X" when it rests on one doubtful origin, and the
    information grade derived from them."""
    sources = [replace(s, profile=profile_of(profiles, s.locator)) for s in detail.sources] if profiles \
        else detail.sources
    claim = reported_by(detail.incident, sources) if profiles else None
    return IncidentDetail(detail.incident, sources, detail.edits, claim, information_of_sources(sources, claim))


@dataclass(frozen=True)
class IncidentRow:
    """One line of a list of incidents: the stored fields and how many sources support it."""

    id: int
    status: str
    date: str | None
    date_precision: str | None
    event_type: str
    location_name: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    detained: int | None
    summary: str
    confidence: float | None
    sources: int
    sensitivity: tuple[str, ...] = ()
    origins: int = 0  # independent origins: copies of one text count once
    origin_kinds: dict[str, int] = field(default_factory=dict)  # the independent origins by kind
    reported_by: ReportedBy | None = None  # a single doubtful origin: "reported by X" until corroborated
    information: InformationGrade | None = None  # the Admiralty digit derived from the corroboration
    actors: tuple[str, ...] = ()  # the actors' roles (a summary written from the fields names them)


MAX_OFFSET = 10_000  # how deep an offset page may start; past it a list is read by its page tokens


def search_incidents(db: Database, filters: IncidentFilters, *, sort: str = "-date", limit: int = 50,
                     offset: int = 0, after: str | None = None, before: str | None = None,
                     exact_count: bool = False) -> SearchPage[IncidentRow]:
    """One page of the matching incidents, sorted by ``sort`` (a name of :data:`SORTS`, ``-`` first for
    descending), and how many match in all (up to 10,000 unless ``exact_count``).

    The page starts ``offset`` rows in (at most :data:`MAX_OFFSET`), or right after the row the page token
    ``after`` names, or ends right before the row ``before`` names: the tokens of the pages next to a page are
    its ``after`` and ``before``. A bad sort, page or token is a :class:`FilterError`."""
    if sort.lstrip("-") not in SORTS:
        raise FilterError(f"cannot sort by {sort!r}; sort by one of: {', '.join(SORTS)} (- first: descending)")
    if limit < 1 or offset < 0:
        raise FilterError("a page needs a limit of 1 or more and an offset of 0 or more")
    if offset > MAX_OFFSET:
        raise FilterError(f"a page by its number starts at most {MAX_OFFSET} rows in; further on, follow the "
                          "list's next and previous links (page tokens)")
    if after and before:
        raise FilterError("a page starts after one row or ends before one, not both")
    try:
        seek = keyset.read_token(after or before or "", sort) if after or before else None
    except ValueError as error:
        raise FilterError(f"{'after' if after else 'before'}: {error}") from None
    with db.session(readonly=True) as session:
        page = stored.search_incidents(session, limit=limit, offset=0 if seek else offset, order=sort,
                                       after=seek if after else None, before=seek if before else None,
                                       count_cap=None if exact_count else stored.COUNT_CAP, **filters.arguments())
        ids = [incident.id for incident in page.items]
        counts, origins = stored.source_counts(session, ids), origin_summaries(session, ids)
        profiles = all_profiles(session)
        sole = sole_sources(session, [i for i in ids if not origins[i]]) if profiles else {}
        rows = [_row(i, counts[i.id], origins[i.id], sole.get(i.id), profiles) for i in page.items]
    return SearchPage(items=rows, total=page.total, limit=limit, offset=page.offset, exact=page.exact,
                      after=page.after, before=page.before)


def _row(i: Incident, sources: int, origins: list[tuple[str, str]], sole: str | None,
         profiles: Mapping[str, SourceProfileView]) -> IncidentRow:
    kinds: dict[str, int] = {}
    for kind, _ in origins:
        kinds[kind] = kinds.get(kind, 0) + 1
    only = origins[0][1] if len(origins) == 1 else sole
    claim = reported_by_locator(i, only, profiles) if profiles else None
    return IncidentRow(i.id, i.status, i.date, i.date_precision, i.event_type, i.location_name, i.admin1, i.country,
                       i.lat, i.lon, i.geo_precision, i.fatalities, i.injured, i.detained, i.summary, i.confidence,
                       sources, tuple(i.sensitivity or ()), len(origins), dict(sorted(kinds.items())), claim,
                       information_of_origins(i, origins, profiles), tuple(i.actors or ()))


def review_first(db: Database, limit: int) -> SearchPage[IncidentRow]:
    """The review queue's head: candidates with at most one independent origin in which someone was killed,
    injured or detained (or of a heavy type), newest first."""
    return search_incidents(db, IncidentFilters(status="candidate", max_origins=1, high_impact=True), sort="-id",
                            limit=limit)
