"""`letopis digest` end to end on SQLite and PostgreSQL: reports ingested, a month written up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPORT_UK = ("12 березня 2025 року у Харкові працівники ТЦК затримали трьох чоловіків біля станції метро.\n\n"
             "20 березня 2025 року у Львові люди відбили чоловіка в працівників ТЦК.\n")


@pytest.fixture
def stored(letopis: Callable[..., Any], tmp_path: Path) -> Callable[..., Any]:
    report = tmp_path / "report-uk.txt"
    report.write_text(REPORT_UK, encoding="utf-8")
    letopis("ingest", str(report))
    return letopis


def test_a_month_in_markdown_and_html(stored: Callable[..., Any], tmp_path: Path) -> None:
    proc = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "uk")
    text = proc.stdout.decode()
    assert text.startswith("# Дайджест інцидентів: березень 2025 р.\n")
    assert "Інцидентів: 2." in text and "| Харківська область | 1 |" in text and "| Львівська область | 1 |" in text
    assert "12 березня 2025 р. у Харкові зафіксовано затримання з метою мобілізації. Затримано 3 особи." in text
    assert text.index("12 березня 2025 р.") < text.index("20 березня 2025 р.")
    assert "report-uk.txt" in text                                 # its source
    assert proc.stderr.decode() == "2 incident(s) in the digest\n"
    out = tmp_path / "digest.html"
    proc = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "en", "--format", "html",
                  "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert proc.stdout == b"" and page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "On March 12, 2025, in Kharkiv, a detention for mobilization was reported." in page
    pdf = tmp_path / "digest.pdf"
    proc = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "ru", "--format", "pdf",
                  "-o", str(pdf))
    assert proc.stdout == b"" and pdf.read_bytes().startswith(b"%PDF-")
    import io

    import pypdf

    text = " ".join((pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text() or "").split())
    assert "Дайджест инцидентов: март 2025 г." in text and "в Харькове" in text


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "2025-02-30", "--to", "2025-03-31"), "--from must be a date as YYYY-MM-DD, got '2025-02-30'"),
    (("--from", "2025-03-01", "--to", "March"), "--to must be a date as YYYY-MM-DD, got 'March'"),
    (("--from", "2025-03-31", "--to", "2025-03-01"), "the period ends (2025-03-01) before it starts (2025-03-31)"),
])
def test_bad_dates_are_one_line_and_a_failure(letopis: Callable[..., Any], tmp_path: Path, args: tuple[str, ...],
                                              message: str) -> None:
    out = tmp_path / "never.md"
    proc = letopis("digest", *args, "--lang", "ru", "-o", str(out), check=False)
    err = proc.stderr.decode()
    assert proc.returncode != 0 and err == f"letopis: error: {message}\n", err
    assert not out.exists() and list(tmp_path.glob(".never.md.*")) == []


def test_a_language_other_than_the_three_is_refused(letopis: Callable[..., Any]) -> None:
    proc = letopis("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "de", check=False)
    assert proc.returncode == 2 and "'de' is not one of 'uk', 'ru', 'en'" in proc.stderr.decode()


def test_with_a_translation_server_each_quote_is_machine_translated_marked_and_kept(stored: Callable[..., Any]) -> None:
    from tests.translation.servers import fake_server

    with fake_server("libretranslate") as fake:
        stored.env["LETOPIS_TRANSLATE_URL"] = fake.url  # type: ignore[attr-defined]
        proc = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "en")
        sent = len(fake.requests)
        again = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "en")
        assert len(fake.requests) == sent and again.stdout == proc.stdout  # kept in the store: nothing sent
        assert again.stderr.decode().endswith(f"0 quote(s) and title(s) machine-translated into en through "
                                              f"libretranslate, {sent} kept from earlier runs\n")
        fake.mode = "error"
        failed = stored("digest", "--from", "2025-03-01", "--to", "2025-03-31", "--lang", "ru")
    text = proc.stdout.decode()
    assert text.count("Quote (machine-translated): «\\[en\\] ") == 2 and text.count("Original (uk): «") == 2
    assert proc.stderr.decode().endswith(f"{sent} quote(s) and title(s) machine-translated into en through "
                                         "libretranslate\n") and sent >= 2
    assert {body["target"] for _, _, body in fake.requests} == {"en", "ru"}
    err = failed.stderr.decode()  # a failing server: the digest all the same, untranslated, one warning
    assert failed.returncode == 0 and "Цитата (uk): «" in failed.stdout.decode()
    assert err.count("machine translation failed") == 1 and "HTTP 500" in err
