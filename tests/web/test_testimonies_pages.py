"""The testimonies pages and API on an encrypted store: listed and read as consent allows the app's role,
never beyond; the account shown as text; a file downloaded as kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from letopis.config import load_config
from letopis.crypto.store import OpenStore
from letopis.services.workspace import Workspace
from letopis.testimony import add_testimony
from tests.crypto.conftest import backend_url, encrypted  # noqa: F401 - fixtures, used by name
from tests.web.conftest import anonymous_client, client_of

ACCOUNTS = {"public": "Публічна розповідь: <script>window.pwned=1</script> мене затримали.",
            "internal": "Внутрішня розповідь: сусіда забрали до ТЦК.",
            "restricted": "Обмежена розповідь: прізвище свідка Коваленко."}


@pytest.fixture
def testimonies(encrypted: tuple[OpenStore, str], tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, int]]]:  # noqa: F811
    store, _ = encrypted
    workspace = Workspace(load_config({"data": str(tmp_path / "data"), "collector": "olena"}), store)
    scan = tmp_path / "scan.html"
    scan.write_bytes(b"<html><script>window.pwned=1</script>a scan</html>")
    ids = {consent: add_testimony(store, [scan] if consent == "internal" else [], consent=consent,
                                  recorded_by="olena", pseudonym=f"Witness-{consent}", text=text, language="uk").id
           for consent, text in ACCOUNTS.items()}
    yield workspace, ids


def test_an_editor_reads_public_and_internal_accounts_and_only_lists_a_restricted_one(
        testimonies: tuple[Workspace, dict[str, int]]) -> None:
    workspace, ids = testimonies
    client = client_of(workspace)
    listing = client.get("/testimonies")
    assert listing.status_code == 200 and "the role editor" in listing.text
    for consent in ACCOUNTS:
        assert f"Witness-{consent}" in listing.text
    assert ACCOUNTS["restricted"] not in listing.text and "Коваленко" not in listing.text

    public = client.get(f"/testimonies/{ids['public']}")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in public.text and "<script>window" not in public.text
    internal = client.get(f"/testimonies/{ids['internal']}")
    assert "<script>window" not in internal.text
    assert ACCOUNTS["internal"] in internal.text and f'href="/testimonies/{ids["internal"]}/files/1"' in internal.text
    restricted = client.get(f"/testimonies/{ids['restricted']}")
    assert restricted.status_code == 200 and "Коваленко" not in restricted.text
    assert "does not let this role read the account" in restricted.text

    file = client.get(f"/testimonies/{ids['internal']}/files/1")
    assert file.status_code == 200 and file.content == b"<html><script>window.pwned=1</script>a scan</html>"
    assert file.headers["content-disposition"].startswith("attachment; filename=\"testimony-")
    assert file.headers["content-security-policy"].startswith("sandbox")
    assert file.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/testimonies/{ids['internal']}/files/2").status_code == 404
    assert client.get(f"/testimonies/{ids['restricted']}/files/1").status_code == 404

    api = {item["id"]: item for item in client.get("/api/testimonies").json()}
    assert {api[ids[c]]["sight"] for c in ("public", "internal")} == {"content"}
    assert api[ids["restricted"]]["sight"] == "metadata" and api[ids["restricted"]]["text"] is None
    assert client.get(f"/api/testimonies/{ids['restricted']}").json()["text"] is None
    assert client.get(f"/api/testimonies/{ids['internal']}").json()["text"].startswith(ACCOUNTS["internal"])
    assert client.get("/testimonies/9999").status_code == 404


def test_a_grant_names_an_account_role_and_reads_for_that_role_only(
        testimonies: tuple[Workspace, dict[str, int]]) -> None:
    from letopis.testimony import grant

    workspace, ids = testimonies
    grant(workspace.opened, ids["restricted"], "viewer", actor="olena")
    viewer, editor = client_of(workspace, "vira", "viewer"), client_of(workspace, "monitor", "editor")
    assert "Коваленко" in viewer.get(f"/testimonies/{ids['restricted']}").text
    assert "Коваленко" not in editor.get(f"/testimonies/{ids['restricted']}").text
    assert viewer.get(f"/api/testimonies/{ids['restricted']}").json()["sight"] == "content"
    assert editor.get(f"/api/testimonies/{ids['restricted']}").json()["sight"] == "metadata"
    anonymous = anonymous_client(workspace)
    assert anonymous.get("/testimonies", follow_redirects=False).status_code == 303
    assert anonymous.get(f"/api/testimonies/{ids['public']}").status_code == 401
    assert anonymous.get(f"/testimonies/{ids['internal']}/files/1", follow_redirects=False).status_code == 303


def test_an_incident_links_its_testimony_source_to_the_testimony_not_to_a_download(tmp_path: Path,
                                                                                    encrypted: Any) -> None:  # noqa: F811
    from letopis.services.testimony import add_and_extract

    store, _ = encrypted
    workspace = Workspace(load_config({"data": str(tmp_path / "data"), "collector": "olena"}), store)
    account = tmp_path / "account.txt"
    account.write_text("Вчора у Харкові працівники ТЦК затримали мого сусіда біля станції метро.", encoding="utf-8")
    result = add_and_extract(workspace, [account], consent="internal", until=None, pseudonym="W", recorded_by="o",
                             recorded_on=None, witness=None, language="uk")
    client = client_of(workspace)
    [incident] = [item["id"] for item in client.get("/api/incidents").json()["items"]]
    page = client.get(f"/incidents/{incident}").text
    [source] = client.get(f"/api/incidents/{incident}").json()["source_list"]
    assert f'href="/testimonies/by-source/{source["source_id"]}"' in page
    assert f'/sources/{source["source_id"]}/original' not in page
    moved = client.get(f"/testimonies/by-source/{source['source_id']}", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == f"/testimonies/{result.testimony_id}"
    assert client.get(f"/sources/{source['source_id']}/original").status_code == 400
