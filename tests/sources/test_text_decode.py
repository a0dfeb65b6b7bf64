from __future__ import annotations

import codecs

import pytest

from letopis.errors import SourceError
from letopis.sources.text_decode import decode_text, iana_charset, sniff_declared_charset

UK = "Працівники ТЦК затримали чоловіка біля ринку у Харкові, свідки це бачили."


def test_utf8_plain():
    d = decode_text(UK.encode("utf-8"))
    assert d.text == UK and d.method == "utf-8 decode"


def test_utf8_bom_is_dropped():
    d = decode_text(codecs.BOM_UTF8 + UK.encode("utf-8"))
    assert d.text == UK and "BOM" in d.method


def test_utf16_with_bom():
    d = decode_text(UK.encode("utf-16"))
    assert d.text == UK and d.encoding == "utf-16"


def test_cp1251_detected():
    d = decode_text(UK.encode("cp1251"))
    assert d.text == UK
    assert d.method.startswith("charset-normalizer")
    assert iana_charset(d.encoding) == "windows-1251"


def test_declared_charset_used_when_not_utf8():
    d = decode_text(UK.encode("koi8-u"), declared="koi8-u")
    assert d.text == UK and "declared" in d.method


def test_nul_bytes_refused():
    with pytest.raises(SourceError, match="NUL"):
        decode_text(b"abc\x00def")


def test_control_characters_refused():
    with pytest.raises(SourceError, match="binary"):
        decode_text(bytes(range(1, 32)) * 20)


def test_sniff_declared_charset():
    assert sniff_declared_charset(b"", "text/html; charset=windows-1251") == "windows-1251"
    assert sniff_declared_charset(b'<html><head><meta charset="koi8-r">') == "koi8-r"
    assert sniff_declared_charset(b'<?xml version="1.0" encoding="cp1251"?><rss/>') == "cp1251"
