"""The server-rendered pages: incidents, one incident, the review queue.

Forms post to the same paths and redirect back (post/redirect/get); the
one-line notice of what was done rides in a short-lived cookie the next page
shows once (not in the URL, where a link from elsewhere could put words). A
decision a service refuses re-renders the page with the service's message and
status 400.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from letopis.errors import LetopisError, ReviewError
from letopis.model import ACTOR_ROLES, EVENT_TYPES, SENSITIVITY_MARKS
from letopis.services import incidents as incident_service, reextract, review, sources as source_service
from letopis.services.incidents import IncidentFilters
from letopis.web.guard import actor
from letopis.web.i18n import N_
from letopis.web.query import FILTER_NAMES, RecordId, read_listing, whole_number
from letopis.web.render import render

__all__ = ["router", "EDIT_FIELDS"]

router = APIRouter(include_in_schema=False)

# The fields the edit form shows, in its order (``place`` is looked up in the gazetteer).
EDIT_FIELDS = ("date", "date_precision", "event_type", "place", "location_name", "admin1", "country", "lat", "lon",
               "geo_precision", "fatalities", "injured", "detained", "actors", "summary")
SORT_COLUMNS = (("id", N_("#")), ("date", N_("Date")), ("type", N_("Type")), ("place", N_("Place")),
                ("region", N_("Region")), ("status", N_("Status")))
QUEUE_ROWS = 20
SOURCE_CHOICES = 200  # sources the filters form offers (a chosen one outside them is kept)


def _workspace(request: Request) -> Any:
    return request.app.state.workspace


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/incidents", status_code=303)


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request) -> Response:
    query = dict(request.query_params)
    workspace = _workspace(request)
    sources = source_service.list_sources(workspace.db, limit=SOURCE_CHOICES)  # the newest, for the filter's list
    context: dict[str, Any] = {"query": query, "event_types": EVENT_TYPES, "statuses": review.STATUSES,
                               "sources": sources, "sort_columns": SORT_COLUMNS, "filter_names": FILTER_NAMES}
    try:
        listing = read_listing(query)
        found = incident_service.search_incidents(workspace.db, listing.filters, sort=listing.sort,
                                                  limit=listing.per_page, offset=listing.offset, after=listing.after,
                                                  before=listing.before, exact_count=listing.exact_count)
    except LetopisError as error:
        return render(request, "incidents.html", status_code=400, error=str(error), page=None, **context)
    pages = max(1, listing.page if found.after is None else listing.page + 1, -(-found.total // listing.per_page))
    return render(request, "incidents.html", page=found, listing=listing, pages=pages, **context)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: RecordId) -> Response:
    return _incident(request, incident_id)


def _incident(request: Request, incident_id: int, error: str | None = None, status_code: int = 200,
              form: dict[str, str] | None = None) -> Response:
    """The incident page; after a refused decision, with the service's message (and the form as typed)."""
    workspace = _workspace(request)
    detail = incident_service.get_incident(workspace.db, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id}")
    evidence = [source_service.source_evidence(workspace.db, source) for source in detail.sources]
    incident = detail.incident
    values = {name: _shown(getattr(incident, name, None)) for name in EDIT_FIELDS if name != "place"}
    values["place"] = ""
    values.update(form or {})
    chosen = _roles(values["actors"])
    # every known role, then any stored one the taxonomy no longer has (kept ticked, so saving keeps it)
    choices = [*ACTOR_ROLES, *(role for role in chosen if role not in ACTOR_ROLES)]
    return render(request, "incident.html", status_code=status_code, detail=detail, incident=incident,
                  actor_choices=choices, chosen_actors=set(chosen),
                  sources=list(zip(detail.sources, evidence, strict=True)), values=values, edit_fields=EDIT_FIELDS,
                  event_types=EVENT_TYPES, precisions=review.PRECISIONS, statuses=review.STATUSES, error=error,
                  notice=_notice(request), sensitivity_marks=SENSITIVITY_MARKS,
                  reading=reextract.open_reading_flags(workspace.db, incident_id=incident_id))


@router.post("/incidents/{incident_id}/status")
async def status_action(request: Request, incident_id: RecordId) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    workspace = _workspace(request)
    t_status = form.get("status", "")
    try:
        if not form.get("reason", "").strip():
            raise ReviewError("a status change needs a reason")
        if incident_service.get_incident(workspace.db, incident_id) is None:
            raise HTTPException(404, f"no incident {incident_id}")
        review.set_status(workspace.db, incident_id, t_status, actor=actor(request),
                          reason=form["reason"].strip())
    except ReviewError as error:
        return _incident(request, incident_id, error=str(error), status_code=400)
    notice = request.state.t("Status set: {status}", status=request.state.t.name_of("status", t_status))
    return _back(f"/incidents/{incident_id}", notice)


def _roles(text: str) -> list[str]:
    """The roles of a comma-joined actors value, as typed or stored."""
    return [role.strip() for role in text.split(",") if role.strip()]


@router.post("/incidents/{incident_id}/edit")
async def edit_action(request: Request, incident_id: RecordId) -> Response:
    posted = await request.form()
    form = {key: str(value) for key, value in posted.items()}
    workspace = _workspace(request)
    detail = incident_service.get_incident(workspace.db, incident_id)
    if detail is None:
        raise HTTPException(404, f"no incident {incident_id}")
    current = {name: _shown(getattr(detail.incident, name, None)) for name in EDIT_FIELDS if name != "place"}
    if "actors" in posted:  # the ticked roles' codes (several values): the stored ones keep their order
        ticked = [role for value in posted.getlist("actors") for role in _roles(str(value))]
        stored = _roles(current["actors"])
        form["actors"] = ", ".join([*(role for role in stored if role in ticked),
                                    *dict.fromkeys(role for role in ticked if role not in stored)])
    changes = {name: form[name] for name in EDIT_FIELDS
               if name in form and form[name].strip() != current.get(name, "") and not (name == "place"
                                                                                       and not form[name].strip())}
    if "place" in changes:  # the gazetteer sets the location fields
        changes = {k: v for k, v in changes.items() if k not in ("location_name", "admin1", "country", "lat", "lon",
                                                                 "geo_precision")}
    try:
        if not changes:
            return _back(f"/incidents/{incident_id}", request.state.t("Nothing changed."))
        done = review.edit_incident(workspace.db, incident_id, changes, reason=form.get("reason", ""),
                                    actor=actor(request))
    except ReviewError as error:
        return _incident(request, incident_id, error=str(error), status_code=400, form=form)
    notice = (request.state.t("Changed: {fields}", fields=request.state.t.names_of("field", (c.field for c in done)))
              if done
              else request.state.t("Nothing changed."))
    return _back(f"/incidents/{incident_id}", notice)


@router.post("/incidents/{incident_id}/merge")
async def merge_action(request: Request, incident_id: RecordId) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    workspace = _workspace(request)
    drop = form.get("drop", "").strip().lstrip("#")
    try:
        if whole_number(drop) is None:
            raise ReviewError(f"merge: the number of the incident to merge into this one, got {drop!r}")
        if not form.get("reason", "").strip():
            raise ReviewError("a merge needs a reason")
        moved = review.merge(workspace.db, incident_id, int(drop), actor=actor(request),
                             reason=form["reason"].strip())
    except ReviewError as error:
        return _incident(request, incident_id, error=str(error), status_code=400)
    notice = request.state.t("Incident {drop} merged into this one ({moved} sources moved)", drop=drop, moved=moved)
    return _back(f"/incidents/{incident_id}", notice)


@router.post("/incidents/{incident_id}/split")
async def split_action(request: Request, incident_id: RecordId) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    workspace = _workspace(request)
    source = form.get("source_id", "")
    try:
        if whole_number(source) is None:
            raise ReviewError(f"split: a source number, got {source!r}")
        new = review.split(workspace.db, incident_id, int(source), actor=actor(request))
    except ReviewError as error:
        return _incident(request, incident_id, error=str(error), status_code=400)
    return _back(f"/incidents/{incident_id}", request.state.t("Source {source} split off into incident {new}",
                                                                 source=source, new=new))


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> Response:
    return _review(request)


def _review(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    db = _workspace(request).db
    first = incident_service.review_first(db, QUEUE_ROWS)
    flags = review.list_merge_flags(db)
    undated = incident_service.search_incidents(db, IncidentFilters(dated=False), sort="-id", limit=QUEUE_ROWS)
    unplaced = incident_service.search_incidents(db, IncidentFilters(has_coordinates=False), sort="-id",
                                                 limit=QUEUE_ROWS)
    reading = reextract.open_reading_flags(db, limit=QUEUE_ROWS)
    reading_total = len(reading) if len(reading) < QUEUE_ROWS else reextract.count_open_reading_flags(db)
    return render(request, "review.html", status_code=status_code, first=first, flags=flags, undated=undated,
                  unplaced=unplaced, reading=reading, reading_total=reading_total, error=error,
                  notice=_notice(request))


@router.post("/review/flags/{flag_id}")
async def flag_action(request: Request, flag_id: RecordId) -> Response:
    form = {key: str(value) for key, value in (await request.form()).items()}
    workspace = _workspace(request)
    decision = form.get("decision", "")
    t = request.state.t
    defaults = {"merge": t("same incident (decided in the review queue)"),
                "keep_apart": t("different incidents (decided in the review queue)")}
    reason = form.get("reason", "").strip() or defaults.get(decision, "")
    keep = form.get("keep")
    try:
        review.resolve_merge_flag(workspace.db, flag_id, decision, reason=reason, actor=actor(request),
                                  keep=whole_number(keep))
    except ReviewError as error:
        return _review(request, error=str(error), status_code=400)
    notice = request.state.t("Flag {id}: {decision}", id=flag_id, decision=request.state.t.name_of("status", decision))
    return _back("/review", notice)


_BACK = re.compile(r"/review|/incidents/\d{1,18}")   # where a reading flag's form may send the browser back


@router.post("/reading-flags/{flag_id}")
async def reading_flag_action(request: Request, flag_id: RecordId) -> Response:
    """An editor takes a reading flag's new reading (an edit under their name) or keeps what is stored."""
    form = {key: str(value) for key, value in (await request.form()).items()}
    back = form.get("back", "")
    back = back if _BACK.fullmatch(back) else "/review"
    decision = form.get("decision", "")
    try:
        reextract.resolve_reading_flag(_workspace(request).db, flag_id, decision, reason=form.get("reason", ""),
                                       actor=actor(request))
    except ReviewError as error:
        if back.startswith("/incidents/"):
            return _incident(request, int(back.rsplit("/", 1)[1]), error=str(error), status_code=400)
        return _review(request, error=str(error), status_code=400)
    t = request.state.t
    return _back(back, t("Reading flag {id}: {decision}", id=flag_id,
                         decision=t.name_of("reading_flag", "applied" if decision == "apply" else "dismissed")))


_NOTICE = "notice"


def _back(path: str, notice: str) -> RedirectResponse:
    response = RedirectResponse(path, status_code=303)
    response.set_cookie(_NOTICE, quote(notice), max_age=60, path=path, httponly=True, samesite="strict")
    return response


def _notice(request: Request) -> str | None:
    """The notice a redirect left for this page (the app's own cookie), once: the page's response clears it."""
    value = request.cookies.get(_NOTICE)
    if value is None:
        return None
    request.state.clear_notice = True
    return unquote(value)


def _shown(value: Any) -> str:
    """A stored value as an edit form shows it (and compares it): lists comma-joined, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)
