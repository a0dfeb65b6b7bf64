"""Accounts in the web app: login required, roles, CSRF tokens, rate limits, TOTP, sessions, the accounts page."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD, anonymous_client, client_of, incident_ids, log_in
from tests.web.test_api import flag_two

pyotp = pytest.importorskip("pyotp")


def _status(client: Any, incident: int) -> str:
    return str(client.get(f"/api/incidents/{incident}").json()["status"])


def test_anonymous_users_are_sent_to_login_and_the_api_answers_401(workspace: Any) -> None:
    anonymous = anonymous_client(workspace)
    for path in ("/", "/incidents?type=resistance", "/incidents/1", "/review", "/users", "/no-such-page"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next="), path
    assert anonymous.get("/incidents?type=resistance").url.path == "/login"  # followed: the login page
    assert 'name="next" value="/incidents?type=resistance"' in anonymous.get("/incidents?type=resistance").text
    for path in ("/api/incidents", "/api/incidents/1", "/api/flags", "/api/sources", "/api/openapi.json"):
        response = anonymous.get(path)
        assert response.status_code == 401 and "log in" in response.json()["error"], path
    refused = anonymous.post("/api/incidents/1/status", json={"status": "verified", "reason": "x"})
    assert refused.status_code == 401
    assert anonymous.post("/incidents/1/status", data={"status": "verified", "reason": "x"},
                          follow_redirects=False).status_code == 303
    assert anonymous.get("/static/style.css").status_code == 200 and anonymous.get("/login").status_code == 200
    assert _status(client_of(workspace), 1) == "candidate"


def test_after_login_the_browser_goes_back_to_the_page_it_asked_for_and_never_elsewhere(workspace: Any) -> None:
    client_of(workspace, "editor1")  # the account
    for wanted, landed in (("/review", "/review"), ("//evil.example/x", "/incidents"),
                           ("https://evil.example/", "/incidents"), ("/\\evil.example", "/incidents")):
        client = anonymous_client(workspace)
        response = client.post("/login", data={"name": "editor1", "password": PASSWORD, "next": wanted},
                               follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == landed, wanted


def test_the_session_cookie_is_httponly_samesite_strict_and_secure_over_https(workspace: Any) -> None:
    client_of(workspace, "editor1")
    for base, secure in (("http://testserver", False), ("https://testserver", True)):
        client = anonymous_client(workspace)
        client.base_url = base
        response = client.post("/login", data={"name": "editor1", "password": PASSWORD}, follow_redirects=False)
        cookie = response.headers["set-cookie"].lower()
        assert cookie.startswith("letopis_session=") and "httponly" in cookie and "samesite=strict" in cookie
        assert "path=/" in cookie and ("; secure" in cookie) == secure
        assert "max-age=43200" in cookie  # session_hours, 12 by default


def test_a_viewer_reads_but_cannot_edit_or_review_in_the_page_or_the_api(workspace: Any) -> None:
    viewer = client_of(workspace, "vera", "viewer")
    first, second = incident_ids(viewer, sort="id")[:2]
    flag = flag_two(workspace, first, second)
    assert viewer.get(f"/incidents/{first}").status_code == 200 and viewer.get("/review").status_code == 200
    pages = [(f"/incidents/{first}/status", {"status": "verified", "reason": "x"}),
             (f"/incidents/{first}/edit", {"summary": "changed", "reason": "x"}),
             (f"/incidents/{first}/merge", {"drop": str(second), "reason": "x"}),
             (f"/incidents/{first}/split", {"source_id": "1"}),
             (f"/review/flags/{flag}", {"decision": "merge", "keep": str(first)})]
    for path, form in pages:
        response = viewer.post(path, data=form)  # the CSRF token is right: the role is what refuses
        assert response.status_code == 403 and "viewer" in response.text, path
    calls = [(f"/api/incidents/{first}/status", {"status": "verified", "reason": "x"}),
             (f"/api/incidents/{first}/edit", {"changes": {"summary": "changed"}, "reason": "x"}),
             (f"/api/incidents/{first}/merge", {"drop": second, "reason": "x"}),
             (f"/api/incidents/{first}/split", {"source_id": 1}),
             (f"/api/flags/{flag}/resolve", {"decision": "merge", "reason": "x"})]
    for path, body in calls:
        response = viewer.post(path, json=body)
        assert response.status_code == 403 and "viewer" in response.json()["error"], path
    detail = viewer.get(f"/api/incidents/{first}").json()
    assert detail["status"] == "candidate" and detail["summary"] != "changed" and detail["edits"] == []
    assert viewer.get("/api/flags").json()[0]["status"] == "open"
    assert viewer.get("/users").status_code == 403
    assert 'href="/users"' not in viewer.get("/incidents").text
    shown = viewer.get(f"/incidents/{first}").text + viewer.get("/review").text
    assert 'method="post"' in shown and not re.findall(r'action="/(incidents|review)/[^"]*"', shown)  # logout only


def test_a_state_changing_request_without_the_session_s_csrf_token_is_refused(workspace: Any) -> None:
    editor = client_of(workspace)
    token = editor.headers.pop("X-CSRF-Token")
    incident = incident_ids(editor)[0]
    form = {"status": "verified", "reason": "checked"}
    assert editor.post(f"/incidents/{incident}/status", data=form).status_code == 403
    assert editor.post(f"/incidents/{incident}/status", data={**form, "csrf": "forged"}).status_code == 403
    refused = editor.post(f"/api/incidents/{incident}/status", json=form)
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    other = client_of(workspace, "other")  # another session's token is not this session's
    assert editor.post(f"/api/incidents/{incident}/status", json=form,
                       headers={"X-CSRF-Token": other.headers["X-CSRF-Token"]}).status_code == 403
    assert editor.post("/logout", data={}).status_code == 403  # logging out takes the token too
    assert _status(editor, incident) == "candidate"
    page = editor.get(f"/incidents/{incident}").text
    assert page.count(f'name="csrf" value="{token}"') >= 4  # every form of the page carries it
    done = editor.post(f"/incidents/{incident}/status", data={**form, "csrf": token}, follow_redirects=False)
    assert done.status_code == 303 and _status(editor, incident) == "verified"
    assert editor.post(f"/api/incidents/{incident}/status", json={"status": "rejected", "reason": "no"},
                       headers={"X-CSRF-Token": token}).status_code == 200


def test_the_tenth_wrong_password_in_a_minute_is_refused_even_when_right(workspace: Any) -> None:
    client_of(workspace, "editor1")
    client = anonymous_client(workspace)
    for attempt in range(9):
        wrong = client.post("/login", data={"name": "editor1", "password": f"guess {attempt}"})
        assert wrong.status_code == 401 and "Wrong name or password" in wrong.text
    right = client.post("/login", data={"name": "editor1", "password": PASSWORD}, follow_redirects=False)
    assert right.status_code == 429 and "Too many wrong attempts" in right.text
    assert "letopis_session" not in right.headers.get("set-cookie", "")
    # from the same client, another name is refused too (the client's count is used up)
    from fastapi.testclient import TestClient

    client_of(workspace, "editor2")
    other = TestClient(client.app).post("/login", data={"name": "editor2", "password": PASSWORD})
    assert other.status_code == 429


def test_login_with_a_second_factor_asks_for_the_code(workspace: Any) -> None:
    from letopis.services import accounts

    accounts.add_user(workspace, "tamara", "admin", PASSWORD)
    secret = accounts.enable_totp(workspace, "tamara").secret
    client = anonymous_client(workspace)
    asked = client.post("/login", data={"name": "tamara", "password": PASSWORD, "next": "/users"})
    assert asked.status_code == 200 and 'action="/login/code"' in asked.text
    assert client.get("/incidents", follow_redirects=False).status_code == 303  # no session before the code
    wrong = client.post("/login/code", data={"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "1",
                                             "next": "/users"})
    assert wrong.status_code == 401 and "Wrong code" in wrong.text
    code = pyotp.TOTP(secret).now()
    done = client.post("/login/code", data={"code": code, "next": "/users"}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/users"
    assert client.get("/users").status_code == 200
    again = anonymous_client(workspace)  # the same code cannot log in a second time
    again.post("/login", data={"name": "tamara", "password": PASSWORD})
    assert again.post("/login/code", data={"code": code}).status_code == 401
    assert anonymous_client(workspace).post("/login/code", data={"code": code}).status_code == 401  # no password


def test_admin_totp_refuses_an_admin_without_a_second_factor(workspace: Any) -> None:
    from letopis.services import accounts
    from letopis.services.workspace import Workspace

    accounts.add_user(workspace, "boss", "admin", PASSWORD)
    accounts.add_user(workspace, "ed", "editor", PASSWORD)
    strict = Workspace(dataclasses.replace(workspace.config, admin_totp=True), workspace.opened)
    refused = anonymous_client(strict).post("/login", data={"name": "boss", "password": PASSWORD})
    assert refused.status_code == 401 and "letopis user totp boss" in refused.text
    assert anonymous_client(strict).post("/login", data={"name": "ed", "password": PASSWORD},
                                         follow_redirects=False).status_code == 303
    accounts.enable_totp(strict, "boss")
    asked = anonymous_client(strict).post("/login", data={"name": "boss", "password": PASSWORD})
    assert asked.status_code == 200 and 'action="/login/code"' in asked.text


def test_every_decision_goes_to_the_custody_log_and_history_under_the_account_s_name(any_workspace: Any) -> None:
    from letopis.evidence.custody import iter_events

    olena = client_of(any_workspace, "olena")
    incident = incident_ids(olena, sort="id")[0]
    olena.post(f"/incidents/{incident}/status", data={"status": "verified", "reason": "two sources agree"})
    olena.post(f"/api/incidents/{incident}/edit", json={"changes": {"detained": 4}, "reason": "the court record"})
    edits = olena.get(f"/api/incidents/{incident}").json()["edits"]
    assert [(e["actor"], e["field"]) for e in edits[-2:]] == [("olena", "status"), ("olena", "detained")]
    with any_workspace.db.session(readonly=True) as session:
        events = list(iter_events(session, subject=f"incident:{incident}", event="edit"))
    assert [e.actor for e in events[-2:]] == ["olena", "olena"]
    assert any_workspace.config.collector not in {e.actor for e in events}
    assert "olena" in olena.get(f"/incidents/{incident}").text  # the history on the page


def test_a_session_ends_at_logout_expiry_a_new_password_or_a_changed_byte(workspace: Any) -> None:
    from letopis.services import accounts
    from letopis.web.session import Signer

    client = client_of(workspace, "editor1")
    cookie = client.cookies["letopis_session"]
    assert client.post("/logout", follow_redirects=False).headers["location"] == "/login"
    replayed = anonymous_client(workspace)
    replayed.cookies.set("letopis_session", cookie)
    assert replayed.get("/api/sources").status_code == 401  # the old cookie no longer opens the app

    client = client_of(workspace, "editor1")
    assert client.get("/api/sources").status_code == 200
    accounts.set_password(workspace, "editor1", "another long password")
    assert client.get("/api/sources").status_code == 401

    account = next(a for a in accounts.list_users(workspace) if a.name == "editor1")
    secret = accounts.session_secret(workspace)
    old = Signer(secret, clock=lambda: 1_000_000.0).issue("s", account.id, account.session_epoch)
    fresh = Signer(secret).issue("s", account.id, account.session_epoch)
    for value, status in ((old, 401), (fresh, 200), (fresh[:-2] + ("AA" if fresh[-2:] != "AA" else "BB"), 401),
                          (Signer(b"another key" * 3).issue("s", account.id, account.session_epoch), 401)):
        probe = anonymous_client(workspace)
        probe.cookies.set("letopis_session", value)
        assert probe.get("/api/sources").status_code == status


def test_a_removed_account_s_sessions_do_not_open_an_account_added_after_it(workspace: Any) -> None:
    from letopis.services import accounts

    client_of(workspace, "anna", "admin")
    petro = client_of(workspace, "petro", "editor")
    accounts.remove_user(workspace, "petro")
    assert petro.get("/api/sources").status_code == 401
    accounts.add_user(workspace, "petro", "editor", PASSWORD)  # SQLite may give it the same number
    assert petro.get("/api/sources").status_code == 401


def test_an_admin_adds_changes_and_removes_accounts_on_the_accounts_page(workspace: Any) -> None:
    admin = client_of(workspace, "anna", "admin")
    page = admin.get("/users")
    assert page.status_code == 200 and 'href="/users"' in page.text and "anna" in page.text
    added = admin.post("/users", data={"name": "petro", "role": "viewer", "password": "petro's password"})
    assert added.status_code == 200 and "Account petro added" in added.text
    assert log_in(anonymous_client(workspace), "petro", "petro's password")
    duplicate = admin.post("/users", data={"name": "petro", "role": "viewer", "password": "petro's password"})
    assert duplicate.status_code == 400 and "exists already" in duplicate.text
    assert admin.post("/users", data={"name": "x", "role": "boss", "password": PASSWORD}).status_code == 400
    assert admin.post("/users", data={"name": "y", "role": "editor", "password": "short"}).status_code == 400
    changed = admin.post("/users/role", data={"name": "petro", "role": "editor"})
    assert changed.status_code == 200 and "petro is now: editor" in changed.text
    only = admin.post("/users/role", data={"name": "anna", "role": "viewer"})
    assert only.status_code == 400 and "only admin" in only.text
    removed = admin.post("/users/remove", data={"name": "petro"})
    assert removed.status_code == 200 and "Account petro removed" in removed.text
    assert 'id="user-' in removed.text and ">petro<" not in removed.text
    editor = client_of(workspace, "ed", "editor")
    assert editor.get("/users").status_code == 403
    assert editor.post("/users", data={"name": "z", "role": "admin", "password": PASSWORD}).status_code == 403


def test_the_accounts_page_in_every_language(workspace: Any) -> None:
    admin = client_of(workspace, "anna", "admin")
    for language, title, role in (("en", "Accounts", "admin"), ("uk", "Облікові записи", "адміністратор"),
                                  ("ru", "Учётные записи", "администратор")):
        page = admin.get("/users", params={"lang": language}).text
        assert f"<h1>{title}</h1>" in page and f"anna ({role})" in page


def test_serve_without_any_account_refuses_with_a_one_line_hint(workspace: Any) -> None:
    env = {**os.environ, "LETOPIS_DATA": str(workspace.config.data)}
    env.pop("LETOPIS_DATABASE_URL", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2] / "src"),
                                                      os.environ.get("PYTHONPATH")]))
    proc = subprocess.run([sys.executable, "-m", "letopis.cli", "serve", "--host", "0.0.0.0", "--port", "0"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and re.fullmatch(r"letopis: error: no account yet.*`letopis user add NAME --role admin`.*",
                                            lines[0])
