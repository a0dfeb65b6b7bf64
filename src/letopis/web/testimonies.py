"""The testimonies pages: listed and read as consent allows, never beyond.

Which role a request reads as is decided in one place, :func:`viewer_role`:
the signed-in account's role (``admin``, ``editor`` or ``viewer``; a grant
names one of them, ``letopis testimony grant ID viewer``). What that role may
see of each testimony is decided in one other,
:func:`letopis.services.testimony.sight_of` (hidden, metadata, content): a
narrower rule for viewers would go there. The account itself is decrypted
only through :func:`letopis.testimony.read_testimony`, which checks consent
again.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from letopis.errors import CorruptObject, TestimonyError, TestimonyNotFound
from letopis.services import testimony as testimony_service
from letopis.services.sources import download_name
from letopis.testimony import TestimonyInfo
from letopis.web.guard import current_user
from letopis.web.query import RecordId
from letopis.web.render import render
from letopis.web.sources import DOWNLOAD_HEADERS

__all__ = ["router", "api_router", "viewer_role"]

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


def viewer_role(request: Request) -> str:
    """The role whose consent rules and grants this request reads testimonies under: the account's."""
    return current_user(request).role


def _workspace(request: Request) -> Any:
    return request.app.state.workspace


def _show(request: Request, testimony_id: int) -> testimony_service.TestimonyView:
    try:
        return testimony_service.show_testimony(_workspace(request), testimony_id, viewer_role(request))
    except TestimonyNotFound:
        raise HTTPException(404, f"no testimony {testimony_id}") from None


@router.get("/testimonies", response_class=HTMLResponse)
def testimonies_page(request: Request) -> Response:
    role = viewer_role(request)
    views = testimony_service.visible_testimonies(_workspace(request), role)
    return render(request, "testimonies.html", views=views, role=role)


@router.get("/testimonies/by-source/{source_id}")
def testimony_of_source(request: Request, source_id: RecordId) -> Response:
    """The page of the testimony that is source ``source_id`` (an incident page links its sources so)."""
    for view in testimony_service.visible_testimonies(_workspace(request), viewer_role(request)):
        if view.info.source_id == source_id:
            return RedirectResponse(f"/testimonies/{view.info.id}", status_code=303)
    raise HTTPException(404, f"no testimony to show for source {source_id}")


@router.get("/testimonies/{testimony_id}", response_class=HTMLResponse)
def testimony_page(request: Request, testimony_id: RecordId) -> Response:
    try:
        view = _show(request, testimony_id)
    except TestimonyError as error:  # consent changed between the listing and the read
        raise HTTPException(403, str(error)) from None
    return render(request, "testimony.html", view=view, role=viewer_role(request))


@router.get("/testimonies/{testimony_id}/files/{number}")
def testimony_file(request: Request, testimony_id: RecordId, number: RecordId) -> Response:
    """A file of the testimony (1 the first), as kept, as a download; only if consent lets the role read it."""
    try:
        file, data = testimony_service.testimony_file(_workspace(request), testimony_id, number - 1,
                                                      viewer_role(request))
    except TestimonyNotFound:
        raise HTTPException(404, f"testimony {testimony_id} has no file {number} to show") from None
    except TestimonyError as error:
        raise HTTPException(403, str(error)) from None
    except CorruptObject as error:
        raise HTTPException(500, str(error)) from None
    name = download_name(testimony_id, file.name or "", file.media_type).replace("source-", "testimony-", 1)
    headers = {**DOWNLOAD_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/octet-stream", headers=headers)


class TestimonyOut(BaseModel):
    id: int
    sight: str = Field(description="what this role may see: metadata (no word of the account) or content")
    status: str
    consent: str
    consent_until: str | None
    pseudonym: str
    recorded_at: str
    language: str | None
    text: str | None = Field(description="the account, at sight content only")
    files: int = Field(description="how many files, at sight content only")
    incidents: list[int] = Field(description="incidents it supports, at sight content only")


def _out(info: TestimonyInfo, sight: str, text: str | None = None, files: int = 0,
         incidents: tuple[int, ...] = ()) -> TestimonyOut:
    return TestimonyOut(id=info.id, sight=sight, status=info.status, consent=info.consent,
                        consent_until=info.consent_until.isoformat() if info.consent_until else None,
                        pseudonym=info.pseudonym, recorded_at=info.recorded_at.isoformat(), language=info.language,
                        text=text, files=files, incidents=list(incidents))


@api_router.get("/testimonies", response_model=list[TestimonyOut], summary="Testimonies this role may list")
def testimonies_api(request: Request) -> list[TestimonyOut]:
    views = testimony_service.visible_testimonies(_workspace(request), viewer_role(request))
    return [_out(view.info, view.sight) for view in views]


@api_router.get("/testimonies/{testimony_id}", response_model=TestimonyOut, summary="A testimony, as consent allows")
def testimony_api(request: Request, testimony_id: RecordId) -> TestimonyOut:
    try:
        view = _show(request, testimony_id)
    except TestimonyError as error:
        raise HTTPException(403, str(error)) from None
    return _out(view.info, view.sight, view.text, len(view.files), view.incidents)

