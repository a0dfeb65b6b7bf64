"""API keys on /api (issue 10): a script sends `Authorization: Bearer KEY` and acts as the key's owner with the
key's role: a viewer's key reads and cannot edit, an editor's key edits without a CSRF token and the edit is
recorded under the owner's name, a revoked, mistyped or unknown key is refused, a demoted owner's key is
demoted too; pages stay behind the login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letopis.errors import AccountError
from letopis.services import accounts, apikeys
from tests.web.conftest import PASSWORD, anonymous_client
from tests.web.corroboration import Store, corroboration_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = corroboration_store(tmp_path / "data")
    try:
        accounts.add_user(made.workspace, "anna", "editor", PASSWORD)
        accounts.add_user(made.workspace, "petro", "viewer", PASSWORD)
        yield made
    finally:
        made.workspace.close()


def _script(workspace: Any, key: str) -> Any:
    client = anonymous_client(workspace)
    client.headers["Authorization"] = f"Bearer {key}"
    return client


def test_a_viewer_key_reads_and_cannot_edit(store: Store) -> None:
    key = apikeys.add_key(store.workspace, "petro").secret
    script = _script(store.workspace, key)
    assert script.get("/api/incidents").json()["total"] == 3
    refused = script.post(f"/api/incidents/{store.claim}/status", json={"status": "verified", "reason": "x"})
    assert refused.status_code == 403 and "viewer" in refused.json()["error"]
    assert script.get(f"/api/incidents/{store.claim}").json()["status"] == "candidate"
    # an editor's key made with the viewer role is a viewer's key
    lesser = _script(store.workspace, apikeys.add_key(store.workspace, "anna", role="viewer").secret)
    assert lesser.post(f"/api/incidents/{store.claim}/status",
                       json={"status": "verified", "reason": "x"}).status_code == 403
    with pytest.raises(AccountError, match="at most its owner's"):
        apikeys.add_key(store.workspace, "petro", role="editor")


def test_an_editor_key_edits_without_a_csrf_token_under_its_owner_s_name(store: Store) -> None:
    script = _script(store.workspace, apikeys.add_key(store.workspace, "anna", label="bot").secret)
    done = script.post(f"/api/incidents/{store.claim}/status",
                       json={"status": "rejected", "reason": "the outlet retracted it"})
    assert done.status_code == 200 and done.json()["status"] == "rejected"
    [edit] = [e for e in done.json()["edits"] if e["field"] == "status"]
    assert (edit["actor"], edit["reason"]) == ("anna", "the outlet retracted it")
    [key] = apikeys.list_keys(store.workspace, "anna")
    assert key.last_used_at is not None
    # the owner demoted: the key is a viewer's from now on
    accounts.set_role(store.workspace, "anna", "viewer")
    assert script.post(f"/api/incidents/{store.claim}/status",
                       json={"status": "candidate", "reason": "again"}).status_code == 403


def test_revoked_wrong_and_unknown_keys_are_refused(store: Store) -> None:
    made = apikeys.add_key(store.workspace, "anna")
    script = _script(store.workspace, made.secret)
    assert script.get("/api/incidents").status_code == 200
    apikeys.revoke_key(store.workspace, made.key.id)
    refused = script.get("/api/incidents")
    assert refused.status_code == 401 and "not valid" in refused.json()["error"]
    wrong = made.secret[:-1] + ("A" if made.secret[-1] != "A" else "B")
    assert _script(store.workspace, wrong).get("/api/incidents").status_code == 401
    assert _script(store.workspace, "ltp_AAAAAAAAAAAA_" + "A" * 43).get("/api/incidents").status_code == 401
    assert _script(store.workspace, "not a key").get("/api/incidents").status_code == 401
    assert anonymous_client(store.workspace).get("/api/incidents").status_code == 401
    # a key opens the API only: the pages still ask for a login
    live = _script(store.workspace, apikeys.add_key(store.workspace, "anna").secret)
    assert live.get("/incidents", follow_redirects=False).status_code == 303
    # the owner removed: its keys go with it
    accounts.remove_user(store.workspace, "anna")
    assert live.get("/api/incidents").status_code == 401
    assert apikeys.list_keys(store.workspace) == []
