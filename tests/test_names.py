"""Names of any bytes: stored as valid UTF-8, shown on one line."""

from __future__ import annotations

import os
from pathlib import Path

from letopis.names import path_text, shown, storable


def test_a_name_that_is_not_utf8_is_stored_with_its_bytes_escaped() -> None:
    name = Path(os.fsdecode(b"/tmp/bad\xff\xfe.txt"))
    assert path_text(name) == "/tmp/bad\\xff\\xfe.txt"
    assert path_text(name).encode("utf-8")
    assert storable("half \ud800 pair") == "half \\ud800 pair"
    assert storable("Харків ✓") == "Харків ✓"


def test_shown_keeps_one_item_on_one_line() -> None:
    assert shown("evil\nfailed: forged") == "evil\\nfailed: forged"
    assert shown("a\r\x1b[2J\x7f\x85b") == "a\\r\\x1b[2J\\x7f\\x85b"
    assert shown("x\u202etxt.exe \u2028") == "x\\u202etxt.exe \\u2028"
    assert shown(Path(os.fsdecode(b"/d/\xff"))) == "/d/\\xff"
    assert shown("Одеса, tab\there") == "Одеса, tab\\there"
