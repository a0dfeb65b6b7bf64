"""The app: one FastAPI object over an opened workspace, its pages, its API and its static files.

What every request goes through, in one place: the interface language
(``?lang=`` stored in a cookie), a same-origin check on every state-changing
request (a page on another site cannot make a browser post here), the login
(:mod:`letopis.web.guard`: a session, else the login page or 401; a CSRF token
and a role that may edit for every state-changing request), a strict
content security policy (scripts, styles and images from this app only), and
the error tree turned into HTTP statuses (:class:`~letopis.errors.LetopisError`
→ its ``http_status``, 400 unless it says otherwise, with its one-line message,
as JSON under ``/api`` and as a page elsewhere).
"""

from __future__ import annotations

import gc
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from letopis._version import __version__
from letopis.errors import LetopisError
from letopis.services import summaries
from letopis.services.accounts import AttemptLimiter, session_secret
from letopis.services.workspace import Workspace
from letopis.web import accounts, api, guard, overview, pages, profiles, sources, testimonies
from letopis.web.i18n import LANGUAGES, choose_language, translator
from letopis.web.render import render
from letopis.web.session import Signer

__all__ = ["create_app", "settle", "STATIC"]

STATIC = Path(__file__).parent / "static"
_SAFE = ("GET", "HEAD", "OPTIONS")
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                               "base-uri 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make a browser send "Origin: null" on our own forms
    "X-Frame-Options": "DENY",
}


def create_app(workspace: Workspace) -> FastAPI:
    """The web app over ``workspace`` (opened by the caller, who closes it after the server stops)."""
    # No /docs page: FastAPI's Swagger UI loads its script from a CDN, which this app never does.
    app = FastAPI(title="Letopis", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Incidents of war-time coercion: find, read with their sources, review. "
                              "Log in first (the session cookie of /login); a state-changing call needs the "
                              "session's CSRF token in the X-CSRF-Token header.",
                  dependencies=[Depends(guard.check_write)])
    app.state.workspace = workspace
    app.state.signer = Signer(session_secret(workspace))
    app.state.limiter = AttemptLimiter()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(api.router, responses=api.ERRORS)
    app.include_router(accounts.router)
    app.include_router(profiles.router)  # before sources': /sources/profiles/… is not a source number
    app.include_router(profiles.api_router, responses=api.ERRORS)
    app.include_router(sources.router)
    app.include_router(sources.api_router, responses=api.ERRORS)
    app.include_router(testimonies.router)
    app.include_router(testimonies.api_router, responses=api.ERRORS)
    # map, timeline, statistics: pages, /api/map, /api/timeline, /api/statistics
    app.include_router(overview.router, responses=api.ERRORS)
    app.middleware("http")(_every_request)
    app.add_exception_handler(LetopisError, _letopis_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    return app


def settle() -> None:
    """Ready this process to serve for long: load what the first requests would load (the gazetteer, the summary
    writer and its morphology, the catalogs of the three languages), then take every object loaded so far out of
    the garbage collector's view (:func:`gc.freeze`).

    Those objects live as long as the process. Left in view, every full collection walks them again — 150–300 ms
    each on this project's two-core machine — and a response of 10,000 map markers or features allocates enough
    to set one off every few requests. ``letopis serve`` calls this once, after :func:`create_app`.
    """
    summaries.warm_up()
    for language in LANGUAGES:
        translator(language)
    gc.collect()  # what is garbage now is not frozen with the rest
    gc.freeze()


async def _every_request(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    asked = request.query_params.get("lang")
    lang = choose_language(asked, request.cookies.get("lang"), request.headers.get("accept-language"))
    request.state.lang = lang
    request.state.t = translator(lang)
    if request.method not in _SAFE and not _same_origin(request):
        response: Response = JSONResponse({"error": "refused: a state-changing request from another site"}, 403)
    else:
        response = await guard.authenticate(request) or await call_next(request)
    if asked == lang:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="strict", httponly=True)
    own_policy = "Content-Security-Policy" in response.headers   # a download's sandbox stays as it is
    for name, value in _SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    tiles = request.app.state.workspace.config.map_tiles
    if tiles and not own_policy:  # the opt-in tile server (docs/configuration.md: map_tiles) may serve images
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(tiles.replace("{s}", "*")))
        response.headers["Content-Security-Policy"] = _SECURITY_HEADERS["Content-Security-Policy"].replace(
            "img-src 'self' data:", f"img-src 'self' data: {origin}")
    return response


def _same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site (Origin or Sec-Fetch-Site)."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-origin request (a browser sends Origin on every cross-origin POST)
    return urlsplit(origin).netloc == request.headers.get("host")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _letopis_error(request: Request, error: LetopisError) -> Response:
    return _error(request, error.http_status, str(error))


async def _http_error(request: Request, error: HTTPException) -> Response:
    return _error(request, error.status_code, str(error.detail))


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
    return _error(request, 422, problems)


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request) or not hasattr(request.state, "t"):
        return JSONResponse({"error": message}, status)
    return render(request, "error.html", status_code=status, message=message, status=status)
