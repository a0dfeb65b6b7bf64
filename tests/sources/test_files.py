from __future__ import annotations

import io
import sys
import tracemalloc
from datetime import UTC, date, datetime

from letopis.sources import iter_captures
from letopis.sources.content import ZIP_REFUSED

from .conftest import assert_provenance


def one(source, **kw):
    caps = list(iter_captures(str(source), **kw))
    assert len(caps) == 1, caps
    assert_provenance(caps[0])
    return caps[0]


def test_utf8_text(fixtures):
    c = one(fixtures / "report.txt")
    assert c.source_kind == "file"
    assert c.locator == str((fixtures / "report.txt").resolve())
    assert c.text == (fixtures / "report.txt").read_text("utf-8")
    assert c.text_method == "utf-8 decode"
    assert c.method == "read file"
    orig = [a for a in c.artefacts if a.role == "original"]
    assert len(orig) == 1 and orig[0].data == (fixtures / "report.txt").read_bytes()
    assert orig[0].media_type == "text/plain; charset=utf-8"
    assert c.metadata["sha256"]


def test_markdown(fixtures):
    c = one(fixtures / "report_utf8.md")
    assert c.text.startswith("# Звіт за жовтень")
    assert c.artefacts[0].media_type == "text/markdown; charset=utf-8"


def test_cp1251_text(fixtures):
    c = one(fixtures / "report_cp1251.txt")
    assert c.error is None
    assert c.text.startswith("Харків, 12 жовтня 2025 року.")
    assert "charset-normalizer" in c.text_method and "cp1251" in c.text_method
    assert c.artefacts[0].media_type == "text/plain; charset=windows-1251"
    assert c.artefacts[0].data == (fixtures / "report_cp1251.txt").read_bytes()


def test_koi8r_text(fixtures):
    c = one(fixtures / "report_koi8r.txt")
    assert c.text.startswith("Москва, 3 ноября 2025 года.")
    assert "koi8" in c.text_method


def test_binary_is_failed_capture(fixtures):
    c = one(fixtures / "binary.txt")
    assert c.error == "binary content (NUL bytes), not text"
    assert c.text is None
    assert c.artefacts[0].data == (fixtures / "binary.txt").read_bytes()


def test_missing_source_is_failed_capture(tmp_path):
    c = one(tmp_path / "nope.txt")
    assert c.error.startswith("no such file or directory")
    assert c.text is None


def test_size_cap(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 5000)
    c = one(p, max_bytes=1000)
    assert c.error is not None and "cap" in c.error
    ok = one(p, max_bytes=10_000)
    assert ok.error is None and len(ok.text) == 5000


def test_size_cap_from_environment(tmp_path, monkeypatch):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * 5000)
    monkeypatch.setenv("LETOPIS_MAX_INPUT_BYTES", "100")
    assert "cap" in one(p).error


def test_gzip_bomb_is_not_expanded_past_the_cap(fixtures):
    bomb = fixtures / "bomb.txt.gz"
    cap = 1024 * 1024
    assert bomb.stat().st_size < 20_000  # 10 MB of "A" inside
    tracemalloc.start()
    try:
        c = one(bomb, max_bytes=cap)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert c.error == "decompressed gzip input larger than the 1 MB cap"
    assert c.text is None
    assert peak < 3 * cap  # never the 10 MB it would expand to
    assert c.artefacts[0].media_type == "application/gzip"


def test_small_gzip_is_read(fixtures):
    c = one(fixtures / "small.txt.gz")
    assert c.error is None
    assert c.text == "Стислий звіт: затримання у Дніпрі.\n"
    assert c.metadata["compression"] == "gzip"
    assert c.artefacts[0].data == (fixtures / "small.txt.gz").read_bytes()


def test_zip_refused(fixtures):
    c = one(fixtures / "archive.zip")
    assert c.error == ZIP_REFUSED


def test_directory_walk(fixtures):
    caps = list(iter_captures(str(fixtures)))
    for c in caps:
        assert_provenance(c)
    file_locators = [c.locator for c in caps if c.source_kind in ("file", "pdf")]
    names = [loc.rsplit("/", 1)[1] for loc in file_locators]
    # only .txt .md .html .htm .pdf, sorted; not .xml .gz .zip .py
    assert names == sorted(names)
    assert "report.txt" in names and "report.pdf" in names and "article.html" in names
    assert not any(n.endswith((".xml", ".gz", ".zip", ".py")) for n in names)
    # each export folder is read through its result.json, its photos are not files
    exports = [c for c in caps if c.source_kind == "telegram_export" and c.error is None]
    assert {c.locator.rsplit("/", 2)[1] for c in exports} == {"telegram_export", "telegram_broken"}
    assert not any(loc.endswith(".jpg") for loc in file_locators)
    # bad items are reported and the walk goes on
    failed = {c.locator.rsplit("/", 1)[1] for c in caps if c.error and c.source_kind in ("file", "pdf")}
    assert {"binary.txt", "scanned.pdf", "broken.pdf", "empty.html"} <= failed
    assert any(c.source_kind == "telegram_message" for c in caps)


def test_stdin(monkeypatch):
    data = "Звіт зі stdin.\n".encode("cp1251")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    c = one("-")
    assert c.source_kind == "stdin"
    assert c.locator.startswith("stdin:sha256:")
    assert c.text == "Звіт зі stdin.\n"
    assert c.artefacts[0].data == data


def test_stdin_html(monkeypatch, fixtures):
    data = (fixtures / "article.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    c = one("-")
    assert c.source_kind == "stdin" and c.title == "Затримання у Харкові"


def test_published_fallback_from_caller(fixtures):
    c = one(fixtures / "report.txt", published=date(2025, 11, 3))
    assert c.published == datetime(2025, 11, 3, tzinfo=UTC)
    assert c.metadata["published_from"] == "caller"
    # the page's own date wins over the caller's
    page = one(fixtures / "article.html", published=date(2025, 11, 3))
    assert page.published == datetime(2025, 10, 30, 14, 22, 1, tzinfo=UTC)


def test_large_original_passed_by_path(tmp_path, monkeypatch):
    import letopis.sources.files as files

    monkeypatch.setattr(files, "INLINE_MAX", 10)
    p = tmp_path / "r.txt"
    p.write_text("a longer report text", "utf-8")
    c = one(p)
    assert c.artefacts[0].path == p.resolve() and c.artefacts[0].data is None
    assert c.artefacts[0].media_type == "text/plain; charset=utf-8"


def test_folder_walk_reports_what_it_skips_and_never_leaves_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Не для цієї справи.", encoding="utf-8")
    (outside / "nested").mkdir()
    (outside / "nested" / "more.txt").write_text("Теж ні.", encoding="utf-8")
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Звіт А.", encoding="utf-8")
    (root / "sub" / "b.md").write_text("Звіт Б.", encoding="utf-8")
    (root / ".draft.txt").write_text("Чернетка.", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "c.txt").write_text("Службове.", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (root / "feed.xml").write_text("<rss></rss>", encoding="utf-8")
    (root / "link-out.txt").symlink_to(outside / "secret.txt")
    (root / "folder-out").symlink_to(outside / "nested")
    (root / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (root / "link-in.txt").symlink_to(root / "a.txt")
    skipped: dict[str, str] = {}
    caps = list(iter_captures(str(root), skip=lambda path, why: skipped.setdefault(path, why)))
    read = sorted(c.locator for c in caps if c.ok)
    assert read == [str((root / "a.txt").resolve()), str((root / "sub" / "b.md").resolve())]
    assert not any("secret" in c.locator or "more.txt" in c.locator for c in caps)
    assert not any(c.text and "Ні" in c.text for c in caps)
    refused = {c.locator.rsplit("/", 1)[1]: (c.error, c.artefacts) for c in caps if not c.ok}
    assert refused == {  # links leading out are recorded failures, and nothing of their target is kept
        "link-out.txt": ("symbolic link leading outside the folder: not followed", ()),
        "folder-out": ("symbolic link leading outside the folder: not followed", ()),
    }
    names = {path.rsplit("/", 1)[1]: why for path, why in skipped.items()}
    assert names == {
        ".draft.txt": "hidden file",
        ".git": "hidden folder",
        "photo.jpg": "unsupported file type (.jpg)",
        "old.doc": "unsupported file type (.doc)",
        "feed.xml": ".xml files are read only when named on their own, not in a folder",
        "dangling.txt": "broken symbolic link",
        "link-in.txt": f"symbolic link to {(root / 'a.txt').resolve()}: not followed",
    }


def test_a_file_over_the_cap_is_not_kept_but_its_hash_is(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    [c] = list(iter_captures(str(big), max_bytes=1000))
    assert c.error == "file of 3 kB is larger than the 1000 bytes cap: not kept (its SHA-256 is recorded)"
    assert c.artefacts == ()
    import hashlib
    assert c.metadata["sha256"] == hashlib.sha256(b"x" * 3000).hexdigest() and c.metadata["size"] == 3000


def test_standard_input_over_the_cap_keeps_what_was_read_and_says_it_is_partial(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"y" * 5000)))
    [c] = list(iter_captures("-", max_bytes=1000))
    assert c.error == ("standard input larger than the 1000 bytes cap: its first 1001 bytes are kept, not the "
                       "whole input (their SHA-256 is not the input's)")
    [kept] = c.artefacts
    assert kept.data == b"y" * 1001 and kept.name == "first 1001 bytes of standard input"
    assert c.metadata["partial"] is True and c.metadata["read_bytes"] == 1001
