"""The pure export writers: a text that a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import csv
import io
from typing import Any

from letopis.publish.export import EXPORT_COLUMNS, write_export


def shape(summary: str) -> dict[str, Any]:
    return {"id": 1, "status": "candidate", "kind": "incident", "date": None, "date_precision": None,
            "event_type": "other", "location": None, "fatalities": None, "injured": None, "detained": None,
            "actors": [], "summary": summary, "quote": "-2 men", "start": 0, "end": 6, "language": "en",
            "confidence": None, "metric": None, "value": None, "period": None, "date_source": None, "sources": [],
            "updated_at": None}


def test_formulas_from_sources_stay_text_in_csv_and_xlsx() -> None:
    from openpyxl import load_workbook

    formula = '=HYPERLINK("http://evil.example/","click")'
    out = io.BytesIO()
    assert write_export([shape(formula)], out, "csv").count == 1
    row = next(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert row["summary"] == "'" + formula and row["quote"] == "'-2 men"
    out = io.BytesIO()
    write_export([shape(formula)], out, "xlsx")
    out.seek(0)
    sheet = load_workbook(out)["incidents"]
    cell = sheet.cell(2, EXPORT_COLUMNS.index("summary") + 1)
    assert (cell.value, cell.data_type) == (formula, "s")


def test_control_characters_do_not_break_an_xlsx() -> None:
    from openpyxl import load_workbook

    out = io.BytesIO()
    write_export([shape("a\x00b\x1bc")], out, "xlsx")
    out.seek(0)
    assert load_workbook(out)["incidents"].cell(2, EXPORT_COLUMNS.index("summary") + 1).value == "abc"
