"""Source profiles in the web app: who a site or channel is, where it stands, its Admiralty grade.

- ``/sources`` lists the profiles (and each source's profile beside it) and, for editors, a form to set one;
- ``/sources/profiles/{host}``: one profile, its history (who changed what, when, why) and the form;
- ``POST /sources/profiles``: a change, with a reason, through :func:`letopis.services.profiles.set_profile`
  (history row per field, custody entry under the editor's name);
- ``GET /api/profiles`` and ``GET /api/profiles/{host}``: the same as JSON.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from letopis.errors import ProfileError
from letopis.reliability.profiles import ProfileFields
from letopis.services import profiles as profile_service
from letopis.web.guard import actor
from letopis.web.pages import _back, _notice
from letopis.web.render import render

__all__ = ["router", "api_router", "FORM_FIELDS"]

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])

FORM_FIELDS = ("name", "kind", "stance", "country", "language")


def _db(request: Request) -> Any:
    return request.app.state.workspace.db


@router.get("/sources/profiles/{host:path}")
def profile_page(request: Request, host: str) -> Response:
    return _profile(request, host)


def _profile(request: Request, host: str, error: str | None = None, status_code: int = 200,
             form: dict[str, str] | None = None) -> Response:
    try:
        detail: profile_service.ProfileDetail | None = profile_service.show_profile(_db(request), host)
    except ProfileError:
        detail = None  # no profile yet: the page offers to set one
    return render(request, "profile.html", status_code=status_code, host=profile_service.host_key(host),
                  detail=detail, error=error, notice=_notice(request), form=form or {})


@router.post("/sources/profiles")
async def set_profile(request: Request) -> Response:
    form = {key: str(value).strip() for key, value in (await request.form()).items()}
    host = form.get("host", "")
    fields = ProfileFields(**{name: form.get(name) or None for name in FORM_FIELDS})
    try:
        done = profile_service.set_profile(_db(request), host, fields, grade=form.get("grade") or None,
                                           reason=form.get("reason", ""), actor=actor(request))
    except ProfileError as error:
        return _profile(request, host, error=str(error), status_code=400, form=form)
    path = f"/sources/profiles/{done.profile.host}"
    return _back(path, request.state.t("Profile of {host} saved", host=done.profile.host))


class ProfileItem(BaseModel):
    host: str
    name: str | None
    kind: str | None
    country: str | None
    language: str | None
    stance: str
    reliability: str | None = Field(description="Admiralty A-F: how reliable the source is")
    credibility: str | None = Field(description="Admiralty 1-6: how credible its reports usually are")


class ProfileChangeOut(BaseModel):
    at: datetime
    actor: str
    field: str
    old: Any
    new: Any
    reason: str


class ProfileDetailOut(BaseModel):
    profile: ProfileItem
    history: list[ProfileChangeOut]


@api_router.get("/profiles", response_model=list[ProfileItem], summary="Source profiles: stance and grade")
def list_profiles(request: Request) -> list[ProfileItem]:
    return [ProfileItem(**vars(p)) for p in profile_service.list_profiles(_db(request))]


@api_router.get("/profiles/{host:path}", response_model=ProfileDetailOut, summary="A source profile and its "
                "history")
def show_profile(request: Request, host: str) -> ProfileDetailOut:
    try:
        detail = profile_service.show_profile(_db(request), host)
    except ProfileError as error:
        raise HTTPException(404, str(error)) from None
    return ProfileDetailOut(profile=ProfileItem(**vars(detail.profile)),
                            history=[ProfileChangeOut(**vars(c)) for c in detail.history])
