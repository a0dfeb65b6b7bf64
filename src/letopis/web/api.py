"""The JSON API under ``/api``, described by the app's OpenAPI schema (``/api/openapi.json``).

Each route reads its input, calls one service and returns a small model;
a :class:`~letopis.errors.LetopisError` becomes ``400 {"error": "..."}`` in
one place (:mod:`letopis.web.app`).
"""

from __future__ import annotations

from datetime import date as Date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from letopis.errors import ReviewError
from letopis.model.views import InformationGrade, ReportedBy
from letopis.services import (
    incidents as incident_service,
    reextract,
    review,
    sources as source_service,
    summaries,
)
from letopis.web import formats
from letopis.web.guard import actor
from letopis.web.query import MAX_ID, MAX_PAGE, MAX_PER_PAGE, MAX_TOKEN, PER_PAGE, RecordId, read_listing
from letopis.web.query_params import CourtRecord, InfoGrade, MinOrigins, OriginKind, ReaderLanguage

__all__ = ["router", "ERRORS", "ErrorOut"]

router = APIRouter(prefix="/api", tags=["api"])


class ErrorOut(BaseModel):
    """Every refusal of the API: one line saying what went wrong."""

    error: str = Field(description="what went wrong, in one line")


# The answers every /api route may give besides its own (letopis.web.app turns each into {"error": ...}).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a value the services refuse (a filter, a sort, a page, a decision)"},
    401: {"model": ErrorOut, "description": "not logged in"},
    403: {"model": ErrorOut, "description": "a role that may not do this, or a missing CSRF token"},
    404: {"model": ErrorOut, "description": "no such incident, flag, source, job or testimony"},
    422: {"model": ErrorOut, "description": "a malformed request: a parameter of the wrong type or range"},
}


class InformationOut(BaseModel):
    """The incident's information grade: the Admiralty digit derived from its corroboration (docs/reliability.md)."""

    grade: Literal["1", "2", "3", "4", "5", "6"]
    meaning: str
    reason: str


class ReportedByOut(BaseModel):
    """A claim resting on a single doubtful origin: "reported by NAME" until corroborated."""

    name: str
    host: str
    stance: str
    grade: str | None
    reason: Literal["other_side", "own_side"]


class ProfileOut(BaseModel):
    host: str
    name: str | None
    kind: str | None
    stance: str
    grade: str | None = Field(description="Admiralty grade: a letter A-F, optionally a digit 1-6")


class CorroborationOut(BaseModel):
    computed: bool = Field(description="false: this incident's origins were never computed")
    origins: int
    sources: int
    by_kind: dict[str, int]
    grades: dict[str, str] = Field(description="site or channel of an origin → its grade")


class ReaderSummary(BaseModel):
    """The summary in the reader's language, beside the stored ``summary`` (which stays as stored)."""

    summary_text: str = Field(description="the summary to show in the request's language (`lang`, else the "
                              "session's cookie, else Accept-Language): the stored one when it is in that language, "
                              "else one written from the fields (type, date, place, counts, actors)")
    summary_language: Literal["en", "uk", "ru"] = Field(description="the language of summary_text (the request's)")
    summary_generated: bool = Field(description="true: summary_text was written from the fields because the "
                                    "stored summary is in another language")
    summary_stored_language: str | None = Field(description="the language of the stored summary (null: it is "
                                                "empty)")


class IncidentItem(ReaderSummary):
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
    summary: str = Field(description="the summary as stored (in the language of its report, or as a person typed "
                         "it); summary_text is the one to show a reader")
    confidence: float | None
    sources: int = Field(description="how many sources support the incident")
    sensitivity: list[str] = Field(default_factory=list, description="marks a person set: personal_data, graphic")
    origins: int = Field(0, description="independent origins: copies of one text count once (0: not computed)")
    origin_kinds: dict[str, int] = Field(default_factory=dict, description="the independent origins by kind")
    reported_by: ReportedByOut | None = Field(None, description="set when the only independent origin is a source "
                                              "whose stance makes the claim doubtful (docs/reliability.md)")
    information: InformationOut | None = Field(None, description="the information grade (Admiralty 1-6) derived "
                                               "from the corroboration")


class IncidentPage(BaseModel):
    total: int = Field(description="how many incidents match, on all pages (at least: when total_exact is false, "
                       "counting stopped at this many)")
    total_exact: bool = Field(True, description="false when total is a lower bound (a capped count: "
                              "count=exact counts them all)")
    page: int = Field(description="the page's number: where it starts without a page token, else as given")
    per_page: int
    next: str | None = Field(None, description="the page token of the next page, to pass as after= with the same "
                             "filters and sort (null: this is the last page)")
    previous: str | None = Field(None, description="the page token of the page before, to pass as before= "
                                 "(null: this is the first page)")
    items: list[IncidentItem]


class CaptureOut(BaseModel):
    id: int
    locator: str
    final_url: str | None
    started_at: datetime
    finished_at: datetime
    collector: str
    method: str
    tool: str


class SourceOut(BaseModel):
    source_id: int
    locator: str
    kind: str
    title: str | None
    published: datetime | None
    original_sha256: str
    text_sha256: str | None
    quote: str
    start: int | None
    end: int | None
    language: str | None
    merge_reason: str | None
    quote_found: bool | None = Field(description="the quote was located in the stored text (null: no text)")
    captures: list[CaptureOut]
    origin_source_id: int | None = Field(None, description="the source this one copies; itself for an origin")
    origin_kind: str | None = None
    similarity: float | None = None
    copy_reason: str | None = None
    profile: ProfileOut | None = None


class SummaryOut(BaseModel):
    text: str = Field(description="the summary to show in the request's language")
    language: str = Field(description="the request's language (en, uk, ru)")
    generated: bool = Field(description="true: written from the incident's fields (type, date, place, counts) in "
                            "the request's language, because the stored summary is in another")
    original: str = Field(description="the stored summary")
    original_language: str | None = Field(description="the stored summary's language (null: it is empty)")


class IncidentCard(ReaderSummary):
    """What a map marker's card shows, written in the request's language."""

    id: int
    status: str
    event_type: str
    date: str | None
    date_precision: str | None
    date_text: str = Field(description="the date written to its precision in the request's language")
    place_text: str = Field(description="the place (and region) as written in the request's language")
    geo_precision: int | None = Field(description="1 the settlement, 2 near it (or its district), 3 only the region")
    fatalities: int | None
    injured: int | None
    detained: int | None
    summary: str = Field(description="the summary as stored; summary_text is the one to show")
    origins: int = Field(description="independent origins: copies of one text count once (0: not computed)")


class EditOut(BaseModel):
    at: datetime
    actor: str
    field: str
    old: Any
    new: Any
    reason: str | None


class ReadingFlagOut(BaseModel):
    """Where a newer engine's reading (letopis reextract) disagrees with what a person decided: kept, not applied,
    until a person takes the new reading or keeps what is stored."""

    id: int
    incident_id: int | None
    statistic_id: int | None
    source_id: int = Field(description="the source the new reading was made from")
    field: str = Field(description="the field, or group of fields (date: date and date_precision; place: the six "
                       "location fields), or record: the new reading no longer finds the record")
    kept: Any = Field(description="what a person's decision keeps (for record: the passage)")
    proposed: Any = Field(description="what the new reading gives (null for record)")
    reason: str = Field(description="why it was flagged rather than applied")
    engine: str = Field(description="the engine version of the new reading")
    status: Literal["open", "applied", "dismissed"]
    created_at: datetime | None
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None = Field(description="why the person applied or dismissed it")


class ReadingDecisionIn(BaseModel):
    decision: Literal["apply", "dismiss"] = Field(description="apply: take the new reading (an edit under the "
                                                  "account's name; for record, the record rejected); dismiss: keep "
                                                  "what is stored")
    reason: str = Field(min_length=1, description="why; kept with the flag, in the edit history and the custody log")


class IncidentOut(IncidentItem):
    kind: str
    actors: list[str]
    merged_into: int | None
    created_at: datetime
    updated_at: datetime
    source_list: list[SourceOut]
    edits: list[EditOut]
    corroboration: CorroborationOut
    reading_flags: list[ReadingFlagOut] = Field(default_factory=list, description="its open reading flags")


class StatusIn(BaseModel):
    status: Literal["candidate", "verified", "rejected"]
    reason: str = Field(min_length=1, description="why; kept in the edit history and the custody log")


class EditIn(BaseModel):
    changes: dict[str, str | int | float | list[str] | None] = Field(
        description="editable field → new value (as text or typed; empty or null clears): "
                    + "; ".join(f"{name}: {help_}" for name, help_ in review.EDITABLE.items()))
    reason: str = Field(min_length=1)


class MergeIn(BaseModel):
    drop: int = Field(ge=1, le=MAX_ID, description="the incident merged into this one (its sources move here)")
    reason: str = Field(min_length=1)


class SplitIn(BaseModel):
    source_id: int = Field(ge=1, le=MAX_ID,
                           description="the supporting source taken out into a new incident of its own")


class SplitOut(BaseModel):
    new_incident: int


class ChangeOut(BaseModel):
    field: str
    old: Any
    new: Any


class FlagSide(ReaderSummary):
    id: int
    status: str
    date: str | None
    date_precision: str | None
    event_type: str
    location_name: str | None
    admin1: str | None
    summary: str
    merged_into: int | None


class FlagOut(BaseModel):
    id: int
    status: str
    score: float
    reason: str
    created_at: datetime
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str | None
    a: FlagSide
    b: FlagSide


class DecisionIn(BaseModel):
    decision: Literal["merge", "keep_apart"]
    reason: str = Field(min_length=1)
    keep: int | None = Field(None, ge=1, le=MAX_ID, description="merge: the incident to keep (default: the older one)")


class SourceItem(BaseModel):
    id: int
    kind: str
    locator: str
    title: str | None
    language: str | None
    published: datetime | None
    original_sha256: str
    captures: int
    last_captured: datetime | None
    incidents: int
    statistics: int


def _workspace(request: Request) -> Any:
    return request.app.state.workspace


@router.get("/incidents", response_model=IncidentPage, summary="Find incidents")
def list_incidents(
    request: Request,
    q: Annotated[str | None, Query(description="words in any language and case form; places resolved")] = None,
    type: Annotated[str | None, Query(description="event type (docs/taxonomy.md)")] = None,  # noqa: A002
    from_: Annotated[Date | None, Query(alias="from", description="earliest date, YYYY-MM-DD")] = None,
    to: Annotated[Date | None, Query(description="latest date, YYYY-MM-DD")] = None,
    region: Annotated[str | None, Query(description="region in any language")] = None,
    status: Annotated[Literal["candidate", "verified", "rejected"] | None, Query()] = None,
    language: Annotated[str | None, Query(description="a supporting source's language: en, uk, ru …")] = None,
    source: Annotated[int | None, Query(ge=1, le=MAX_ID, description="supported by this source id")] = None,
    dated: Annotated[Literal["yes", "no"] | None, Query(description="no: only undated incidents")] = None,
    coordinates: Annotated[Literal["yes", "no"] | None, Query(description="no: only those without coordinates")]
    = None,
    sensitivity: Annotated[Literal["personal_data", "graphic", "none"] | None,
                           Query(description="incidents carrying this mark (none: no mark)")] = None,
    min_origins: MinOrigins = None,
    origin_kind: OriginKind = None,
    court_record: CourtRecord = None,
    info_grade: InfoGrade = None,
    sort: Annotated[str, Query(description=f"one of {', '.join(incident_service.SORTS)}; - first: descending")]
    = "-date",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description=(
        "without a page token: the page by its number (starting at most 10,000 rows in); with one, the number "
        "the response repeats"))] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = PER_PAGE,
    after: Annotated[str | None, Query(max_length=MAX_TOKEN, description=(
        "a page token (a response's next): the page of rows right after that row, however deep"))] = None,
    before: Annotated[str | None, Query(max_length=MAX_TOKEN, description=(
        "a page token (a response's previous): the page of rows right before that row"))] = None,
    count: Annotated[Literal["exact"] | None, Query(description=(
        "exact: count every match (slower on large stores); else past 10,000 total is 10000, total_exact false"))]
    = None,
    lang: ReaderLanguage = None,
) -> IncidentPage:
    listing = read_listing({
        "q": q, "type": type, "from": from_.isoformat() if from_ else None, "to": to.isoformat() if to else None,
        "region": region, "status": status, "language": language, "source": str(source) if source else None,
        "dated": dated, "coordinates": coordinates, "sensitivity": sensitivity,
        "min_origins": None if min_origins is None else str(min_origins), "origin_kind": origin_kind,
        "court_record": court_record,
        "info_grade": None if info_grade is None else str(info_grade), "sort": sort, "page": str(page),
        "per_page": str(per_page), "after": after, "before": before, "count": count,
    })
    found = incident_service.search_incidents(_workspace(request).db, listing.filters, sort=listing.sort,
                                              limit=listing.per_page, offset=listing.offset, after=listing.after,
                                              before=listing.before, exact_count=listing.exact_count)
    language = request.state.lang
    return IncidentPage(total=found.total, total_exact=found.exact, page=listing.page, per_page=listing.per_page,
                        next=found.after, previous=found.before, items=[_item(row, language) for row in found.items])


def _item(row: incident_service.IncidentRow, language: str) -> IncidentItem:
    return IncidentItem(**(vars(row) | {"sensitivity": list(row.sensitivity), "reported_by": _claim(row.reported_by),
                                        "information": _information(row.information)}
                           | summaries.summary_fields(row, language)))


def _information(information: InformationGrade | None) -> InformationOut | None:
    return None if information is None else InformationOut(**vars(information))


def _claim(claim: ReportedBy | None) -> ReportedByOut | None:
    return None if claim is None else ReportedByOut(**vars(claim))


def incident_out(request: Request, incident_id: int) -> IncidentOut:
    workspace = _workspace(request)
    detail = incident_service.get_incident(workspace.db, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id}")
    incident = detail.incident
    sources = []
    for source in detail.sources:
        evidence = source_service.source_evidence(workspace.db, source)
        sources.append(SourceOut(
            source_id=source.source_id, locator=source.locator, kind=source.kind, title=source.title,
            published=source.published, original_sha256=source.original_sha256, text_sha256=source.text_sha256,
            quote=source.quote, start=source.start, end=source.end, language=source.language,
            merge_reason=source.merge_reason, quote_found=None if evidence.text is None else evidence.text.found,
            captures=[CaptureOut(**vars(capture)) for capture in evidence.captures],
            origin_source_id=source.origin_source_id, origin_kind=source.origin_kind, similarity=source.similarity,
            copy_reason=source.copy_reason,
            profile=None if source.profile is None else ProfileOut(**(vars(source.profile)
                                                                    | {"grade": source.profile.grade}))))
    fields = {name: getattr(incident, name) for name in IncidentOut.model_fields
              if name not in ("sources", "source_list", "edits", "origins", "origin_kinds", "reported_by",
                              "corroboration", "information", "reading_flags", *ReaderSummary.model_fields)}
    corroboration = detail.corroboration
    return IncidentOut(**fields, **summaries.summary_fields(incident, request.state.lang), sources=len(sources),
                       source_list=sources, origins=corroboration.origins,
                       origin_kinds=corroboration.by_kind, reported_by=_claim(detail.reported_by),
                       information=_information(detail.information),
                       corroboration=CorroborationOut(**vars(corroboration)),
                       edits=[EditOut(at=e.at, actor=e.actor, field=e.field, old=e.old, new=e.new, reason=e.reason)
                              for e in detail.edits],
                       reading_flags=[ReadingFlagOut(**vars(flag)) for flag in
                                      reextract.open_reading_flags(workspace.db, incident_id=incident_id)])


@router.get("/incidents/{incident_id}", response_model=IncidentOut, summary="One incident, its sources and edits")
def show_incident(request: Request, incident_id: RecordId, lang: ReaderLanguage = None) -> IncidentOut:
    return incident_out(request, incident_id)


@router.get("/incidents/{incident_id}/summary", response_model=SummaryOut,
            summary="The incident's summary in the request's language (generated from its fields when the stored "
                    "one is in another)")
def show_summary(request: Request, incident_id: RecordId, lang: ReaderLanguage = None) -> SummaryOut:
    found = summaries.incident_summary(_workspace(request).db, incident_id, request.state.lang)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id}")
    return SummaryOut(**vars(found))


@router.get("/incidents/{incident_id}/card", response_model=IncidentCard,
            summary="What a map marker's card shows: type, date and place written out, origins, the summary in the "
                    "request's language")
def show_card(request: Request, incident_id: RecordId, lang: ReaderLanguage = None) -> IncidentCard:
    detail = incident_service.get_incident(_workspace(request).db, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id}")
    incident, language = detail.incident, request.state.lang
    return IncidentCard(
        id=incident.id, status=incident.status, event_type=incident.event_type, date=incident.date,
        date_precision=incident.date_precision, date_text=formats.date_text(incident.date, incident.date_precision,
                                                                           language),
        place_text=formats.place_and_region(incident, language), geo_precision=incident.geo_precision,
        fatalities=incident.fatalities, injured=incident.injured, detained=incident.detained,
        summary=incident.summary or "", origins=detail.corroboration.origins,
        **summaries.summary_fields(incident, language))


@router.post("/incidents/{incident_id}/status", response_model=IncidentOut, summary="Verify, reject, or back to "
             "candidate")
def set_status(request: Request, incident_id: RecordId, body: StatusIn) -> IncidentOut:
    workspace = _workspace(request)
    _exists(request, incident_id)
    review.set_status(workspace.db, incident_id, body.status, actor=actor(request),
                      reason=_reason(body.reason))
    return incident_out(request, incident_id)


@router.post("/incidents/{incident_id}/edit", response_model=list[ChangeOut], summary="Edit fields, with a reason")
def edit_incident(request: Request, incident_id: RecordId, body: EditIn) -> list[ChangeOut]:
    workspace = _workspace(request)
    _exists(request, incident_id)
    changes = review.edit_incident(workspace.db, incident_id, body.changes, reason=body.reason,
                                   actor=actor(request))
    return [ChangeOut(field=c.field, old=c.old, new=c.new) for c in changes]


@router.post("/incidents/{incident_id}/merge", response_model=IncidentOut, summary="Merge another incident "
             "into this one")
def merge_incident(request: Request, incident_id: RecordId, body: MergeIn) -> IncidentOut:
    workspace = _workspace(request)
    review.merge(workspace.db, incident_id, body.drop, actor=actor(request), reason=_reason(body.reason))
    return incident_out(request, incident_id)


@router.post("/incidents/{incident_id}/split", response_model=SplitOut, summary="Split a source off into a new "
             "incident")
def split_incident(request: Request, incident_id: RecordId, body: SplitIn) -> SplitOut:
    workspace = _workspace(request)
    _exists(request, incident_id)
    new = review.split(workspace.db, incident_id, body.source_id, actor=actor(request))
    return SplitOut(new_incident=new)


@router.get("/flags", response_model=list[FlagOut], summary="Merge flags: pairs that may be one incident")
def list_flags(request: Request, all: bool = False,  # noqa: A002 - the query's name
               lang: ReaderLanguage = None) -> list[FlagOut]:
    flags = review.list_merge_flags(_workspace(request).db, include_resolved=all)
    return [_flag_out(flag, request.state.lang) for flag in flags]


@router.post("/flags/{flag_id}/resolve", response_model=FlagOut, summary="Merge a flagged pair or keep it apart")
def resolve_flag(request: Request, flag_id: RecordId, body: DecisionIn) -> FlagOut:
    workspace = _workspace(request)
    flag = review.resolve_merge_flag(workspace.db, flag_id, body.decision, reason=body.reason, keep=body.keep,
                                     actor=actor(request))
    return _flag_out(flag, request.state.lang)


@router.get("/reading-flags", response_model=list[ReadingFlagOut],
            summary="Open reading flags: where a newer engine's reading disagrees with a person's decision")
def list_reading_flags(
    request: Request,
    incident: Annotated[int | None, Query(ge=1, le=MAX_ID, description="only this incident's")] = None,
) -> list[ReadingFlagOut]:
    flags = reextract.open_reading_flags(_workspace(request).db, incident_id=incident)
    return [ReadingFlagOut(**vars(flag)) for flag in flags]


@router.post("/reading-flags/{flag_id}/resolve", response_model=ReadingFlagOut,
             summary="Take a reading flag's new reading, or keep what is stored")
def resolve_reading_flag(request: Request, flag_id: RecordId, body: ReadingDecisionIn) -> ReadingFlagOut:
    db = _workspace(request).db
    if reextract.reading_flag(db, flag_id) is None:
        raise HTTPException(404, f"no reading flag {flag_id}")
    reextract.resolve_reading_flag(db, flag_id, body.decision, reason=_reason(body.reason), actor=actor(request))
    found = reextract.reading_flag(db, flag_id)
    assert found is not None
    return ReadingFlagOut(**vars(found))


@router.get("/sources", response_model=list[SourceItem], summary="What was ingested")
def list_sources(request: Request, limit: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> list[SourceItem]:
    return [SourceItem(**vars(s)) for s in source_service.list_sources(_workspace(request).db, limit=limit)]


def _flag_out(flag: review.MergeFlagView, language: str) -> FlagOut:
    data = vars(flag) | {"a": FlagSide(**(vars(flag.a) | summaries.summary_fields(flag.a, language))),
                         "b": FlagSide(**(vars(flag.b) | summaries.summary_fields(flag.b, language)))}
    return FlagOut(**data)


def _exists(request: Request, incident_id: int) -> None:
    if incident_service.get_incident(_workspace(request).db, incident_id) is None:
        raise HTTPException(404, f"no incident {incident_id}")


def _reason(text: str) -> str:
    reason = text.strip()
    if not reason:
        raise ReviewError("this decision needs a reason")
    return reason
