"""Telegram Desktop HTML exports: one capture per message, dated by the message, pages in Telegram's order."""

from __future__ import annotations

from datetime import UTC, datetime

from letopis.sources import iter_captures

from .conftest import assert_provenance, telegram_html_message, telegram_html_page, telegram_html_service

FIRST = "5 березня біля ринку у Житомирі працівники ТЦК зупинили двох чоловіків."
SECOND = "Того ж дня ще одного чоловіка вивезли з блокпоста."


def _export(folder, pages: int = 1):
    folder.mkdir(parents=True)
    (folder / "photos").mkdir()
    (folder / "photos" / "photo_1.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (folder / "css").mkdir()
    (folder / "css" / "style.css").write_text("body {}", encoding="utf-8")
    first = [
        telegram_html_service(1, "5 March 2025"),
        telegram_html_message(
            2, "05.03.2025 14:22:10 UTC+03:00", FIRST.replace("двох", "<strong>двох</strong>") + "<br>"
            'Джерело: <a href="https://example.org/zhytomyr">допис</a>',
            extra='<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" '
                  'href="photos/photo_1.jpg"><img class="photo" src="photos/photo_1_thumb.jpg"/></a></div>\n'
                  '<div class="media_wrap clearfix"><a class="photo_wrap clearfix pull_left" '
                  'href="../outside.jpg"><img class="photo" src="x.jpg"/></a></div>\n'),
        telegram_html_message(3, "05.03.2025 23:40:00 UTC+03:00", SECOND, joined=True),
        telegram_html_message(4, "06.03.2025 09:00:00", "Час без поясу.", sender="Хроніка ТЦК"),
    ]
    (folder / "messages.html").write_text(
        telegram_html_page("Хроніка ТЦК", first, next_page="messages2.html" if pages > 1 else None),
        encoding="utf-8")
    for page in range(2, pages + 1):
        block = telegram_html_message(100 + page, f"{page:02d}.04.2025 10:00:00 UTC+00:00", f"Сторінка {page}.")
        (folder / f"messages{page}.html").write_text(telegram_html_page("Хроніка ТЦК", [block]), encoding="utf-8")
    return folder


def test_each_message_is_one_capture_dated_by_its_own_date(tmp_path):
    folder = _export(tmp_path / "ChatExport_2025-03-07")
    (tmp_path / "outside.jpg").write_bytes(b"not to be taken")
    caps = list(iter_captures(str(folder)))
    for c in caps:
        assert_provenance(c)
    assert [c.source_kind for c in caps] == ["telegram_export"] + ["telegram_message"] * 3
    page, first, second, third = caps
    assert page.error is None and page.text is None and page.title == "Хроніка ТЦК"
    assert page.locator == str((folder / "messages.html").resolve())
    assert [a.path for a in page.artefacts if a.role == "original"] == [(folder / "messages.html").resolve()]
    assert first.text == FIRST + "\nДжерело: допис"
    assert first.published == datetime(2025, 3, 5, 11, 22, 10, tzinfo=UTC)
    assert first.locator == page.locator + "#message2" and first.parent == page.locator
    assert first.metadata["from"] == "Хроніка ТЦК" and first.metadata["message_id"] == "2"
    assert first.metadata["links"] == "https://example.org/zhytomyr"
    assert [a.name for a in first.artefacts if a.role == "media"] == ["photo_1.jpg"]
    assert "outside.jpg" in first.metadata["media_rejected"]
    [original] = [a for a in first.artefacts if a.role == "original"]
    assert original.data.startswith(b'<div class="message default clearfix" id="message2">')
    assert second.text == SECOND and second.metadata["from"] == "Хроніка ТЦК"  # joined: the sender before it
    assert second.published == datetime(2025, 3, 5, 20, 40, tzinfo=UTC)
    assert third.published == datetime(2025, 3, 6, 9, 0, tzinfo=UTC)
    assert "taken as UTC" in third.metadata["published_timezone"]


def test_pages_are_read_in_telegrams_order_not_by_name(tmp_path):
    folder = _export(tmp_path / "export", pages=11)
    pages = [c.locator.rsplit("/", 1)[1] for c in iter_captures(str(folder)) if c.source_kind == "telegram_export"]
    assert pages == ["messages.html"] + [f"messages{n}.html" for n in range(2, 12)]


def test_a_page_named_on_its_own_and_an_export_inside_a_folder(tmp_path):
    folder = _export(tmp_path / "reports" / "export", pages=2)
    (tmp_path / "reports" / "note.txt").write_text("Окрема нотатка.", encoding="utf-8")
    only = list(iter_captures(str(folder / "messages2.html")))
    assert [c.source_kind for c in only] == ["telegram_export", "telegram_message"]
    assert only[1].published == datetime(2025, 4, 2, 10, 0, tzinfo=UTC)
    skipped: list[tuple[str, str]] = []
    walked = list(iter_captures(str(tmp_path / "reports"), skip=lambda path, why: skipped.append((path, why))))
    kinds = [c.source_kind for c in walked]
    assert kinds.count("telegram_message") == 4 and kinds.count("file") == 1
    assert skipped == []  # the export's css and photos are the export's, not skipped files


def test_a_messages_html_that_is_no_export_is_a_web_page(tmp_path):
    page = tmp_path / "messages.html"
    page.write_text("<html><body><p>Звичайна сторінка про повідомлення.</p></body></html>", encoding="utf-8")
    [c] = list(iter_captures(str(page)))
    assert c.source_kind == "file" and "Звичайна сторінка" in c.text


def test_a_forwarded_message_gives_the_forwarded_text_and_origin(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    forwarded = ('<div class="forwarded body">\n<div class="from_name">\nНовини Полтави '
                 '<span class="date details" title="01.03.2025 08:00:00 UTC+02:00"> 01.03.2025 08:00:00</span>\n'
                 '</div>\n<div class="text">\nПереслана замітка.\n</div>\n</div>\n')
    block = telegram_html_message(7, "02.03.2025 12:00:00 UTC+02:00", "", extra=forwarded)
    block = block.replace('<div class="text">\n\n</div>\n', "")  # a forward has no text of its own
    (folder / "messages.html").write_text(telegram_html_page("Хроніка ТЦК", [block]), encoding="utf-8")
    [_, message] = list(iter_captures(str(folder)))
    assert message.text == "Переслана замітка."
    assert message.metadata["forwarded_from"] == "Новини Полтави"
    assert message.published == datetime(2025, 3, 2, 10, 0, tzinfo=UTC)  # its own date, not the original's
