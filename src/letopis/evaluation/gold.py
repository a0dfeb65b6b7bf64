"""Reading the gold set: ``NAME.txt`` (the report) + ``NAME.json`` (its records)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GoldReport:
    name: str
    text: str
    published: date
    language: str
    records: tuple[dict[str, Any], ...]


def load_gold(directory: Path) -> list[GoldReport]:
    """All reports under ``directory`` (recursively), sorted by path."""
    if not directory.is_dir():
        raise ValueError(f"gold set not found: {directory}")
    reports = []
    for meta_path in sorted(directory.rglob("*.json")):
        text_path = meta_path.with_suffix(".txt")
        if not text_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        reports.append(GoldReport(
            name=str(meta_path.relative_to(directory).with_suffix("")),
            text=text_path.read_text(encoding="utf-8"),
            published=date.fromisoformat(meta["published"]),
            language=meta["language"],
            records=tuple(meta.get("records", [])),
        ))
    if not reports:
        raise ValueError(f"no gold reports (NAME.txt + NAME.json) in {directory}")
    return reports
