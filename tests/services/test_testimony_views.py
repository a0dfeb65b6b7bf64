"""Testimonies as a role may see them (the rule the web pages ask): hidden, metadata or content, never beyond
consent; on SQLCipher and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from letopis.config import load_config
from letopis.crypto.store import OpenStore
from letopis.errors import TestimonyNotFound as NotFound
from letopis.services import testimony as service
from letopis.services.testimony import show_testimony, sight_of, visible_testimonies
from letopis.services.workspace import Workspace
from letopis.testimony import add_testimony, grant, withdraw
from tests.crypto.conftest import backend_url, encrypted  # noqa: F401 - fixtures, used by name

TODAY = date(2026, 6, 1)


@pytest.fixture
def workspace(encrypted: tuple[OpenStore, str], tmp_path: Path) -> Iterator[Workspace]:  # noqa: F811 - the fixture
    store, _ = encrypted
    yield Workspace(load_config({"data": str(tmp_path / "data"), "collector": "test"}), store)


def five(ws: Workspace, tmp_path: Path) -> dict[str, int]:
    """A testimony of each kind of consent, one lapsed, one withdrawn; their ids by name."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    ids = {}
    for name, consent, until in (("public", "public", None), ("internal", "internal", None),
                                 ("restricted", "restricted", None), ("lapsed", "internal", "2026-01-01"),
                                 ("withdrawn", "public", None)):
        files = [photo] if name == "internal" else []
        ids[name] = add_testimony(ws.opened, files, consent=consent, recorded_by="olena", until=until,
                                  pseudonym=f"W-{name}", text=f"Account {name}: they took my brother.",
                                  language="en").id
    withdraw(ws.opened, ids["withdrawn"], actor="olena")
    return ids


def sights(views: list[service.TestimonyView], ids: dict[str, int]) -> dict[str, str]:
    names = {number: name for name, number in ids.items()}
    return {names[view.info.id]: view.sight for view in views}


def test_each_role_sees_what_consent_allows_and_no_more(workspace: Workspace, tmp_path: Path) -> None:
    ids = five(workspace, tmp_path)
    assert sights(visible_testimonies(workspace, "owner", today=TODAY), ids) == {
        "public": "content", "internal": "content", "restricted": "metadata", "lapsed": "metadata",
        "withdrawn": "metadata"}
    assert sights(visible_testimonies(workspace, "public", today=TODAY), ids) == {"public": "content"}

    grant(workspace.opened, ids["restricted"], "lawyer", actor="olena")
    assert sights(visible_testimonies(workspace, "lawyer", today=TODAY), ids)["restricted"] == "content"
    assert sights(visible_testimonies(workspace, "owner", today=TODAY), ids)["restricted"] == "metadata"

    shown = show_testimony(workspace, ids["internal"], "owner", today=TODAY)
    assert shown.text == "Account internal: they took my brother." and len(shown.files) == 1
    file, data = service.testimony_file(workspace, ids["internal"], 0, "owner")
    assert data == b"\xff\xd8\xff\xe0 not really a photo" and file.name == "photo.jpg"

    for name in ("restricted", "lapsed", "withdrawn"):
        view = show_testimony(workspace, ids[name], "owner", today=TODAY)
        assert (view.sight, view.text, view.files, view.incidents) == ("metadata", None, (), ())
    for name in ("internal", "restricted", "lapsed", "withdrawn"):
        with pytest.raises(NotFound, match=f"^no testimony {ids[name]}$"):
            show_testimony(workspace, ids[name], "public", today=TODAY)
    with pytest.raises(NotFound):
        service.testimony_file(workspace, ids["internal"], 0, "public")
    shown = show_testimony(workspace, ids["public"], "public", today=TODAY)
    assert shown.text == "Account public: they took my brother."


def test_the_rule_itself(workspace: Workspace, tmp_path: Path) -> None:
    ids = five(workspace, tmp_path)
    info = {view.info.id: view.info for view in visible_testimonies(workspace, "owner", today=TODAY)}
    restricted, lapsed = info[ids["restricted"]], info[ids["lapsed"]]
    assert sight_of(restricted, "owner", granted=False, today=TODAY) == "metadata"
    assert sight_of(restricted, "owner", granted=True, today=TODAY) == "content"
    assert sight_of(lapsed, "owner", granted=False, today=date(2025, 12, 31)) == "content"
    assert sight_of(lapsed, "owner", granted=False, today=TODAY) == "metadata"
    assert sight_of(lapsed, "public", granted=False, today=date(2025, 12, 31)) == "hidden"
    assert sight_of(info[ids["withdrawn"]], "owner", granted=True, today=TODAY) == "metadata"
