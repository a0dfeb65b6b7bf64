"""Letopis: turn reports of war-time coercion into sourced incident records.

The public surface, for a script or another program::

    import letopis
    from datetime import date

    records = letopis.extract_text("У Харкові 3 листопада ...", date(2025, 11, 3))
    ws = letopis.open_workspace(letopis.load_config())
    for row in letopis.iter_incidents(ws.db, letopis.IncidentFilters(q="Харків")):
        ...

Names are loaded on first use, so ``import letopis`` stays cheap (the
extraction engine and the database layer are not imported until asked for).
The extraction function is ``extract_text`` (not ``extract``: that name is
the ``letopis.extract`` package). The package layout is described in
``docs/architecture.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from letopis._version import __version__

if TYPE_CHECKING:
    from letopis.config import Config, load_config
    from letopis.errors import LetopisError
    from letopis.extract.engine import Engine, extract as extract_text
    from letopis.gazetteer import Place, load_gazetteer
    from letopis.model import Capture, IngestSummary, Location, Record, Report
    from letopis.services.incidents import IncidentFilters, count_incidents, get_incident, iter_incidents
    from letopis.services.ingest import Ingestor
    from letopis.services.reading import extract_source, read_report
    from letopis.services.review import edit_field, merge as merge_incidents, set_status, split as split_incident
    from letopis.services.testimony import add_and_extract as add_testimony
    from letopis.services.workspace import Workspace, init_workspace, open_workspace

# public name -> (module, name in that module)
_EXPORTS: dict[str, tuple[str, str]] = {
    # settings and errors
    "Config": ("letopis.config", "Config"),
    "load_config": ("letopis.config", "load_config"),
    "LetopisError": ("letopis.errors", "LetopisError"),
    # the hand-over types: Capture -> Report -> Record
    "Capture": ("letopis.model", "Capture"),
    "Report": ("letopis.model", "Report"),
    "Record": ("letopis.model", "Record"),
    "Location": ("letopis.model", "Location"),
    "Place": ("letopis.gazetteer", "Place"),
    # extraction
    "Engine": ("letopis.extract.engine", "Engine"),
    "extract_text": ("letopis.extract.engine", "extract"),
    "load_gazetteer": ("letopis.gazetteer", "load_gazetteer"),
    # services: the use cases every face calls
    "Workspace": ("letopis.services.workspace", "Workspace"),
    "init_workspace": ("letopis.services.workspace", "init_workspace"),
    "open_workspace": ("letopis.services.workspace", "open_workspace"),
    "read_report": ("letopis.services.reading", "read_report"),
    "extract_source": ("letopis.services.reading", "extract_source"),
    "Ingestor": ("letopis.services.ingest", "Ingestor"),
    "IngestSummary": ("letopis.model", "IngestSummary"),
    "IncidentFilters": ("letopis.services.incidents", "IncidentFilters"),
    "iter_incidents": ("letopis.services.incidents", "iter_incidents"),
    "count_incidents": ("letopis.services.incidents", "count_incidents"),
    "get_incident": ("letopis.services.incidents", "get_incident"),
    "merge_incidents": ("letopis.services.review", "merge"),
    "split_incident": ("letopis.services.review", "split"),
    "set_status": ("letopis.services.review", "set_status"),
    "edit_field": ("letopis.services.review", "edit_field"),
    "add_testimony": ("letopis.services.testimony", "add_and_extract"),
}

__all__ = [
    "__version__",
    "Config", "load_config", "LetopisError",
    "Capture", "Report", "Record", "Location", "Place",
    "Engine", "extract_text", "load_gazetteer",
    "Workspace", "init_workspace", "open_workspace", "read_report", "extract_source",
    "Ingestor", "IngestSummary", "IncidentFilters", "iter_incidents", "count_incidents", "get_incident",
    "merge_incidents", "split_incident", "set_status", "edit_field", "add_testimony",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'letopis' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
