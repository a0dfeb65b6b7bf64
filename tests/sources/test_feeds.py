from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from letopis.sources import iter_captures

from .conftest import assert_provenance


def caps(path):
    out = list(iter_captures(str(path)))
    for c in out:
        assert_provenance(c)
    return out


def test_rss(fixtures):
    feed, first, second = caps(fixtures / "feed_rss.xml")
    loc = str((fixtures / "feed_rss.xml").resolve())
    assert feed.source_kind == "feed" and feed.locator == loc and feed.error is None
    assert feed.title == "Новини Харківщини"
    assert feed.metadata["feed_format"] == "rss20"
    assert feed.artefacts[0].data == (fixtures / "feed_rss.xml").read_bytes()
    assert feed.text is None

    assert first.source_kind == "feed_item" and first.parent == loc
    assert first.locator == "https://news.example.org/2025/10/30/tck-kharkiv"
    assert first.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)
    assert first.title == "У Харкові ТЦК затримали чоловіка"
    assert first.text == "Вчора на Салтівці працівники ТЦК затримали чоловіка.\n\nЙого доставили до районного ТЦК."
    assert "track()" not in first.text
    item = etree.fromstring(first.artefacts[0].data)
    assert etree.QName(item).localname == "item"
    assert first.artefacts[0].role == "original"
    assert first.metadata["guid"] == "news-1001"
    assert first.language_hint == "uk"

    assert second.locator == "news-1002"  # no link: the guid
    assert second.text == "В Одесі пройшов рейд & перевірки документів."
    assert second.published == datetime(2025, 10, 31, 8, 0, tzinfo=UTC)


def test_atom(fixtures):
    feed, first, second = caps(fixtures / "feed_atom.xml")
    assert feed.metadata["feed_format"] == "atom10" and feed.title == "Coercion Monitor"
    assert first.locator == "https://monitor.example.org/reports/77"
    assert first.published == datetime(2025, 11, 1, 19, 15, tzinfo=UTC)
    assert first.text == "On Saturday evening officers detained a man at a checkpoint.\n\nHe was taken to the TCC."
    assert etree.QName(etree.fromstring(first.artefacts[0].data)).localname == "entry"
    assert second.locator == "urn:report:78"
    assert second.published == datetime(2025, 11, 2, 10, 0, tzinfo=UTC)
    assert second.metadata["published_from"] == "updated"
    assert second.text == "A district court in Lviv fined a man for evading the draft."


def test_malformed_feed(fixtures):
    [c] = caps(fixtures / "broken_feed.xml")
    assert c.source_kind == "feed"
    assert c.error.startswith("malformed feed:")
    assert c.artefacts[0].data == (fixtures / "broken_feed.xml").read_bytes()


def test_item_without_link_or_guid(tmp_path):
    p = tmp_path / "f.rss"
    p.write_text('<rss version="2.0"><channel><title>T</title><item><title>A</title>'
                 '<description>Text one</description></item></channel></rss>', "utf-8")
    feed, item = caps(p)
    assert item.locator == f"{feed.locator}#item-1"
    assert item.text == "Text one" and item.published is None
