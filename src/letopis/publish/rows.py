"""Flat rows (statistics, counts, merge flags) as a terminal table, JSON Lines or CSV.

A row is a mapping of column name to a plain value; the columns are given in
order. JSON Lines and CSV are streamed; a table is measured first, so give it
a bounded number of rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from letopis.names import shown

__all__ = ["ROW_FORMATS", "write_rows"]

ROW_FORMATS = ("table", "jsonl", "csv")


def write_rows(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO, fmt: str, *,
               widest: int = 60) -> int:
    """Write ``rows`` (their ``columns``) in ``fmt``; how many were written.

    ``widest``: a table cell longer than this is cut with ``…`` (the last column is never cut).
    """
    if fmt == "jsonl":
        n = 0
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        n = 0
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in columns})
            n += 1
        return n
    if fmt == "table":
        return _table(rows, columns, out, widest)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(ROW_FORMATS)})")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def _cell(value: Any, widest: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        value = ",".join(str(v) for v in value) or "-"
    if isinstance(value, float):
        value = f"{value:g}"
    text = shown(" ".join(str(value).split()))  # no control character reaches the terminal
    return text if len(text) <= widest else text[: widest - 1] + "…"


def _table(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO, widest: int) -> int:
    cells = [list(columns)]
    for row in rows:
        values = [_cell(row.get(c), widest) for c in columns[:-1]]
        cells.append(values + [_cell(row.get(columns[-1]), 10_000)])
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns) - 1)]
    for line in cells:
        text = "  ".join([cell.ljust(widths[i]) for i, cell in enumerate(line[:-1])] + [line[-1]])
        out.write(text.rstrip() + "\n")
    return len(cells) - 1
