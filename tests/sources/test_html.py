from __future__ import annotations

from datetime import UTC, datetime

from letopis.sources import iter_captures

from .conftest import assert_provenance


def test_article_text_title_date(fixtures):
    [c] = list(iter_captures(str(fixtures / "article.html")))
    assert_provenance(c)
    assert c.error is None
    assert c.title == "Затримання у Харкові"
    assert c.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)
    assert c.metadata["published_from"] == "meta property=article:published_time"
    assert c.language_hint == "uk"
    assert "затримали чоловіка" in c.text
    assert "Головна" not in c.text and "tracking" not in c.text
    assert c.text_method.startswith("trafilatura ")
    assert c.artefacts[0].media_type == "text/html; charset=utf-8"


def test_empty_html_fails(fixtures):
    [c] = list(iter_captures(str(fixtures / "empty.html")))
    assert_provenance(c)
    assert c.error == "no text found in HTML document"


def test_cp1251_html_with_meta_charset(tmp_path):
    html = ('<html><head><meta charset="windows-1251"><title>Звіт</title>'
            '<meta name="date" content="2025-10-12"></head><body><article><p>'
            + "Працівники ТЦК затримали чоловіка у Полтаві. " * 5 + "</p></article></body></html>")
    p = tmp_path / "page.htm"
    p.write_bytes(html.encode("cp1251"))
    [c] = list(iter_captures(str(p)))
    assert c.error is None
    assert "затримали чоловіка у Полтаві" in c.text
    assert c.published == datetime(2025, 10, 12, tzinfo=UTC)
    assert c.metadata["published_precision"] == "day"
    assert c.artefacts[0].media_type == "text/html; charset=windows-1251"


def test_short_page_falls_back_to_full_text(tmp_path):
    p = tmp_path / "short.html"
    p.write_text("<html><body><p>Затримали.</p></body></html>", "utf-8")
    [c] = list(iter_captures(str(p)))
    assert c.error is None and "Затримали." in c.text
