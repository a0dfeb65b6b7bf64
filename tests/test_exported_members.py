"""The public surface of ``letopis`` (``letopis.__all__``) is pinned: a change to it is a decision, made here."""

from __future__ import annotations

import subprocess
import sys

import pytest

import letopis

EXPECTED = [
    "__version__",
    "Config", "load_config", "LetopisError",
    "Capture", "Report", "Record", "Location", "Place",
    "Engine", "extract_text", "load_gazetteer",
    "Workspace", "init_workspace", "open_workspace", "read_report", "extract_source",
    "Ingestor", "IngestSummary", "IncidentFilters", "iter_incidents", "count_incidents", "get_incident",
    "merge_incidents", "split_incident", "set_status", "edit_field", "add_testimony",
]


def test_all_is_pinned() -> None:
    assert letopis.__all__ == EXPECTED


def test_every_exported_name_resolves() -> None:
    for name in letopis.__all__:
        assert getattr(letopis, name) is not None, name
    assert set(letopis.__all__) <= set(dir(letopis))


def test_exported_names_are_public() -> None:
    """Each name is found where it is defined under a public module (no private module leaks out)."""
    for name in letopis.__all__:
        value = getattr(letopis, name)
        module = getattr(value, "__module__", None)
        if module is None:  # a plain value: the version string
            continue
        assert module.startswith("letopis."), (name, module)
        assert not any(part.startswith("_") for part in module.split(".")), (name, module)


def test_unknown_names_raise_attribute_error() -> None:
    name = "no_such_name"
    with pytest.raises(AttributeError, match=name):
        getattr(letopis, name)


def test_importing_letopis_loads_neither_the_engine_nor_the_database() -> None:
    code = ("import sys, letopis; print(sorted(m for m in sys.modules if m.startswith('letopis.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['letopis._version']"
