"""Logging in and out, and the accounts page (admins only).

``/login`` asks for the name and password, then (for an account with a second
factor) the TOTP code; a right login sets the signed session cookie (HttpOnly,
SameSite=Strict, Secure over https) and goes back to the page first asked
for. Wrong passwords are counted per name and per client
(:class:`~letopis.services.accounts.AttemptLimiter`). ``/logout`` ends every
session of the account. ``/users`` lists the accounts and lets an admin add
one, change a role or remove one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from letopis.errors import AccountError, LoginRefused, TooManyAttempts
from letopis.services import accounts
from letopis.services.accounts import Account
from letopis.web.guard import client, current_user, require_admin
from letopis.web.pages import _back as back, _notice as notice
from letopis.web.render import render
from letopis.web.session import COOKIE, PENDING_COOKIE, PENDING_S, Signer

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_HOME = "/incidents"


def _form_text(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _safe_next(value: str) -> str:
    """Where to go after logging in: a path of this app only (never //host or another scheme)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value and not value.startswith("/login"):
        return value
    return _HOME


def _signer(request: Request) -> Signer:
    signer: Signer = request.app.state.signer
    return signer


def _cookie(response: Response, request: Request, name: str, value: str, max_age: int, path: str) -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def _login_page(request: Request, *, status_code: int = 200, error: str | None = None, step: str = "password",
                name: str = "", next_: str = _HOME) -> HTMLResponse:
    return render(request, "login.html", status_code=status_code, error=error, step=step, name=name,
                  next=_safe_next(next_))


def _refused(request: Request, error: LoginRefused | TooManyAttempts) -> str:
    t = request.state.t
    if isinstance(error, TooManyAttempts):
        return str(t("Too many wrong attempts: wait a minute and try again."))
    if str(error) == "wrong name or password":
        return str(t("Wrong name or password."))
    if str(error) == "wrong code":
        return str(t("Wrong code."))
    return str(error)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = _HOME) -> Response:  # noqa: A002 - the query's name
    return _login_page(request, next_=next)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    name, password, next_ = (_form_text(form, key) for key in ("name", "password", "next"))
    workspace = request.app.state.workspace
    try:
        found = await run_in_threadpool(lambda: accounts.check_password(
            workspace, name.strip(), password, limiter=request.app.state.limiter, client=client(request)))
    except (LoginRefused, TooManyAttempts) as error:
        return _login_page(request, status_code=error.http_status, error=_refused(request, error), name=name,
                           next_=next_)
    if found.needs_code:
        response = _login_page(request, step="code", name=found.account.name, next_=next_)
        ticket = _signer(request).issue("t", found.account.id, found.account.session_epoch)
        _cookie(response, request, PENDING_COOKIE, ticket, PENDING_S, "/login")
        return response
    return _start(request, found.account, next_)


@router.post("/login/code")
async def login_code(request: Request) -> Response:
    form = await request.form()
    code, next_ = _form_text(form, "code"), _form_text(form, "next")
    ticket = _signer(request).read(request.cookies.get(PENDING_COOKIE), "t", PENDING_S)
    if ticket is None:
        return _login_page(request, status_code=401, next_=next_,
                           error=request.state.t("The login took too long: enter the name and password again."))
    workspace = request.app.state.workspace
    try:
        account = await run_in_threadpool(lambda: accounts.check_code(
            workspace, ticket.user_id, ticket.epoch, code, limiter=request.app.state.limiter,
            client=client(request)))
    except (LoginRefused, TooManyAttempts) as error:
        return _login_page(request, status_code=error.http_status, error=_refused(request, error), step="code",
                           next_=next_)
    return _start(request, account, next_)


def _start(request: Request, account: Account, next_: str) -> Response:
    response = RedirectResponse(_safe_next(next_), status_code=303)
    hours = request.app.state.workspace.config.session_hours
    _cookie(response, request, COOKIE, _signer(request).issue("s", account.id, account.session_epoch),
            int(hours * 3600), "/")
    response.delete_cookie(PENDING_COOKIE, path="/login", httponly=True, samesite="strict")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    user = current_user(request)
    await run_in_threadpool(accounts.end_sessions, request.app.state.workspace, user.id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request) -> Response:
    require_admin(request)
    return _users(request)


def _users(request: Request, error: str | None = None, status_code: int = 200,
           form: dict[str, str] | None = None) -> Response:
    found = accounts.list_users(request.app.state.workspace)
    return render(request, "users.html", status_code=status_code, accounts=found, roles=accounts.ROLES,
                  error=error, notice=notice(request), form=form or {})


@router.post("/users")
async def add_account(request: Request) -> Response:
    require_admin(request)
    form = await request.form()
    name, role, password = (_form_text(form, key) for key in ("name", "role", "password"))
    try:
        await run_in_threadpool(accounts.add_user, request.app.state.workspace, name.strip(), role, password)
    except AccountError as error:
        return _users(request, str(error), 400, {"name": name, "role": role})
    return back("/users", request.state.t("Account {name} added", name=name.strip()))


@router.post("/users/role")
async def change_role(request: Request) -> Response:
    require_admin(request)
    form = await request.form()
    name, role = _form_text(form, "name"), _form_text(form, "role")
    try:
        account = await run_in_threadpool(accounts.set_role, request.app.state.workspace, name, role)
    except AccountError as error:
        return _users(request, str(error), 400)
    return back("/users", request.state.t("{name} is now: {role}", name=account.name,
                                          role=request.state.t.name_of("role", account.role)))


@router.post("/users/remove")
async def remove_account(request: Request) -> Response:
    require_admin(request)
    form = await request.form()
    name = _form_text(form, "name")
    try:
        await run_in_threadpool(accounts.remove_user, request.app.state.workspace, name)
    except AccountError as error:
        return _users(request, str(error), 400)
    return back("/users", request.state.t("Account {name} removed", name=name))
