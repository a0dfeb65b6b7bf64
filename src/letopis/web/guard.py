"""Who is asking, and what they may do: login required, roles, CSRF tokens.

:func:`authenticate` runs for every request (from the app's middleware): it
reads the session cookie and puts the account on ``request.state.user`` (and
this session's CSRF token on ``request.state.csrf``). Without a valid session
a page redirects to ``/login`` and ``/api`` answers 401; only the login page
and the static files are open to everyone. ``/api`` also takes an API key
(``Authorization: Bearer ltp_…``, :mod:`letopis.services.apikeys`): the
request acts as the key's owner with the key's role, needs no CSRF token (no
cookie is involved), and a key that is unknown, wrong or revoked is a 401.

:func:`check_write` is a dependency of every route (the app's own): a
state-changing request (any method but GET, HEAD, OPTIONS) needs this
session's CSRF token, in the ``X-CSRF-Token`` header (the API, the page's
script) or a ``csrf`` form field (every form has it hidden), and an account
that may edit: a viewer is refused with 403. Routes that need an admin call
:func:`require_admin`. Routes take the name to record in the edit history
and the custody log from :func:`actor`.
"""

from __future__ import annotations

import hmac
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from letopis.services import accounts, apikeys
from letopis.services.accounts import Account
from letopis.web.session import COOKIE, Signer

__all__ = ["authenticate", "check_write", "current_user", "require_admin", "actor", "client", "OPEN_PATHS",
           "CSRF_HEADER", "CSRF_FIELD"]

OPEN_PATHS = ("/login", "/login/code")
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
_SAFE = ("GET", "HEAD", "OPTIONS")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _signer(request: Request) -> Signer:
    signer: Signer = request.app.state.signer
    return signer


async def authenticate(request: Request) -> Response | None:
    """Set ``request.state.user``; a response (redirect to login, or 401) when the request needs one and has none."""
    request.state.user = None
    request.state.csrf = ""
    path = request.url.path
    if path in OPEN_PATHS or path.startswith("/static/"):
        return None
    workspace = request.app.state.workspace
    is_api = path == "/api" or path.startswith("/api/")
    bearer = _bearer(request)
    if bearer is not None and is_api:
        account = await run_in_threadpool(apikeys.key_account, workspace, bearer)
        if account is None:
            return JSONResponse({"error": "this API key is not valid: unknown, mistyped or revoked"}, 401)
        request.state.user = account
        request.state.via_key = True
        return None
    ticket = _signer(request).read(request.cookies.get(COOKIE), "s", workspace.config.session_hours * 3600)
    if ticket is not None:
        account = await run_in_threadpool(accounts.session_account, workspace, ticket.user_id, ticket.epoch)
        if account is not None:
            request.state.user = account
            request.state.csrf = _signer(request).csrf_token(ticket)
            return None
    if is_api:
        return JSONResponse({"error": "log in first (POST the login form at /login), or send an API key as "
                                      "Authorization: Bearer"}, 401)
    wanted = path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(wanted, safe='')}", status_code=303)


def _bearer(request: Request) -> str | None:
    """The key of an ``Authorization: Bearer KEY`` header, if the request has one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


async def check_write(request: Request) -> None:
    """Refuse (403) a state-changing request without this session's CSRF token, or from a viewer.

    A request with an API key carries no cookie a browser could be tricked into sending: it needs no token.
    """
    if request.method in _SAFE or request.url.path in OPEN_PATHS:
        return
    user = current_user(request)
    if getattr(request.state, "via_key", False):
        if not user.can_edit:
            raise HTTPException(403, f"refused: this API key of {user.name} is a viewer's: it may read but not "
                                     "change anything")
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").split(";")[0].strip() in _FORMS:
        sent = (await request.form()).get(CSRF_FIELD)
        token = sent if isinstance(sent, str) else None
    if not token or not hmac.compare_digest(token.encode(), str(request.state.csrf).encode()):
        raise HTTPException(403, "refused: this request lacks the session's CSRF token (reload the page and "
                                 "try again)")
    if request.url.path != "/logout" and not user.can_edit:
        raise HTTPException(403, f"refused: {user.name} is a viewer and may read but not change anything")


def current_user(request: Request) -> Account:
    user: Account | None = getattr(request.state, "user", None)
    if user is None:  # authenticate() lets no such request through; a route outside it would be a bug
        raise HTTPException(401, "log in first")
    return user


def require_admin(request: Request) -> Account:
    user = current_user(request)
    if not user.is_admin:
        raise HTTPException(403, f"refused: only an admin manages accounts ({user.name} is {user.role})")
    return user


def actor(request: Request) -> str:
    """The name a decision is recorded under: the logged-in account's."""
    return current_user(request).name


def client(request: Request) -> str | None:
    return request.client.host if request.client else None
