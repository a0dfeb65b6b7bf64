"""`letopis edit --sensitivity`: the marks set from the command line as from the web page, with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.cli.test_review_commands import fails, store_pair


def test_edit_sets_and_clears_sensitivity_marks(letopis: Callable[..., Any], monkeypatch: pytest.MonkeyPatch):
    store_pair(letopis, monkeypatch)
    out = letopis("edit", "1", "--sensitivity", "graphic,personal_data", "--reason", "faces in the video").stdout
    assert out.decode().splitlines() == ["incident 1: sensitivity - -> personal_data,graphic"]
    shown = json.loads(letopis("show", "1", "--json").stdout)
    assert [(e["field"], e["new"], e["reason"]) for e in shown["edits"]] == [
        ("sensitivity", ["personal_data", "graphic"], "faces in the video")]
    cleared = letopis("edit", "1", "--sensitivity", "", "--reason", "blurred").stdout.decode()
    assert cleared.splitlines() == ["incident 1: sensitivity personal_data,graphic -> -"]
    fails(letopis("edit", "1", "--sensitivity", "gory", "--reason", "r", check=False), 2,
          "sensitivity: unknown mark(s) gory")
