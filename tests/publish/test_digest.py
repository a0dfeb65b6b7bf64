"""Digests of a fixture month on SQLite and PostgreSQL: totals, order, sources, and the text in three
languages checked against expected files (tests/publish/expected/, read and checked by hand)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from letopis.db.captures import add_capture
from letopis.db.incidents import add_incident, add_incident_source
from letopis.errors import FilterError
from letopis.gazetteer import load_gazetteer
from letopis.model import Location
from letopis.publish.digest import render_digest
from letopis.services.digest import build_digest
from letopis.services.incidents import IncidentFilters
from tests.db.test_queries import capture_of, record_of, stored

EXPECTED = Path(__file__).parent / "expected"
MARCH = IncidentFilters(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))

KHARKIV = Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98, 36.25, 1)
LVIV = Location("Lviv", "Lviv Oblast", "UA", 49.84, 24.03, 1)
KRYVYI_RIH = Location("Kryvyi Rih", "Dnipropetrovsk Oblast", "UA", 47.91, 33.39, 1)
ZAKARPATTIA = Location("Zakarpattia Oblast", "Zakarpattia Oblast", "UA", 48.62, 22.29, 3)
BELGOROD_OBLAST = Location("Belgorod Oblast", "Belgorod Oblast", "RU", 50.6, 36.6, 3)

# Source texts hold a private person's name: a digest must not repeat it.
TEXT_A = "Іван Петренко розповів: у Харкові затримали трьох чоловіків; на Закарпатті затримали п'ятьох."
TEXT_B = "Олена Коваль: у Львові люди відбивали чоловіка."
TEXT_C = "Суд у Кривому Розі обрав запобіжний захід."


def _source(db: Any, locator: str, text: str, published: datetime | None) -> int:
    body = text.encode("utf-8")
    capture = replace(capture_of(locator, body, text), published=published)
    with db.session() as session:
        result = add_capture(session, capture, stored(body), collector="test")
    assert result.source_id is not None
    return result.source_id


@pytest.fixture
def month(database: Any) -> Any:
    a = _source(database, "https://t.me/monitor/101", TEXT_A, datetime(2025, 3, 13, 9, 0, tzinfo=UTC))
    b = _source(database, "/archive/lviv-2025-03.txt", TEXT_B, None)
    c = _source(database, "https://example.org/court?id=7&lang=uk", TEXT_C, datetime(2025, 3, 21, tzinfo=UTC))
    incidents: list[tuple[str, str, int, dict[str, Any]]] = [
        (TEXT_A, "затримали трьох", a, dict(date="2025-03-12", location=KHARKIV, detained=3)),
        (TEXT_B, "люди відбивали", b, dict(date="2025-03-03", date_precision="week", event_type="resistance",
                                           location=LVIV, detained=1, injured=2,
                                           actors=("recruitment_officers", "civilians"))),
        (TEXT_A, "затримали п'ятьох", a, dict(date="2025-03", date_precision="month", event_type="border_incident",
                                              location=ZAKARPATTIA, detained=5, actors=("border_guards",))),
        (TEXT_C, "обрав запобіжний", c, dict(date="2025-03-20", event_type="legal_action", location=KRYVYI_RIH,
                                             detained=None, actors=("court",))),
        (TEXT_A, "Іван Петренко", a, dict(date="2025-02-10", event_type="protest", detained=None)),  # February
        (TEXT_B, "Олена Коваль", b, dict(date="2025-03-15", event_type="desertion", location=None, detained=2,
                                         actors=("military",))),
        (TEXT_C, "Суд", c, dict(date="2025-03-28", location=KHARKIV, detained=1)),
    ]
    with database.session() as session:
        ids = [add_incident(session, record_of(text, quote, **fields), source_id=source).id
               for text, quote, source, fields in incidents]
        rejected = add_incident(session, record_of(TEXT_C, "Суд", date="2025-03-25", event_type="attack_on_officials",
                                                   location=BELGOROD_OBLAST), source_id=c, status="rejected")
        add_incident_source(session, ids[3], a, record_of(TEXT_A, "затримали", date="2025-03-20"))
    return database, ids, rejected.id


def test_totals_order_and_sources(month: Any) -> None:
    db, ids, rejected = month
    digest = build_digest(db, MARCH)
    assert [e.id for e in digest.entries] == [ids[2], ids[1], ids[0], ids[5], ids[3], ids[6]]  # by first day
    assert rejected not in [e.id for e in digest.entries] and ids[4] not in [e.id for e in digest.entries]
    assert digest.by_type == (("mobilization_detention", 2), ("border_incident", 1), ("desertion", 1),
                              ("legal_action", 1), ("resistance", 1))
    assert digest.by_region == ((("UA", "Kharkiv Oblast"), 2), (("UA", "Dnipropetrovsk Oblast"), 1),
                                (("UA", "Lviv Oblast"), 1), (("UA", "Zakarpattia Oblast"), 1), ((None, None), 1))
    court = next(e for e in digest.entries if e.id == ids[3])
    assert sorted(s.locator for s in court.sources) == ["https://example.org/court?id=7&lang=uk",
                                                        "https://t.me/monitor/101"]
    assert sum(n for _, n in digest.by_type) == sum(n for _, n in digest.by_region) == len(digest.entries) == 6


def test_filters_narrow_the_digest_and_a_status_brings_back_the_rejected(month: Any) -> None:
    db, ids, rejected = month
    only = build_digest(db, replace(MARCH, event_type="mobilization_detention"))
    assert [e.id for e in only.entries] == [ids[0], ids[6]] and only.by_type == (("mobilization_detention", 2),)
    kharkiv = build_digest(db, replace(MARCH, admin1="Харківська область"))
    assert [e.id for e in kharkiv.entries] == [ids[0], ids[6]]
    assert [e.id for e in build_digest(db, replace(MARCH, status="rejected")).entries] == [rejected]


def test_a_period_is_required_and_must_not_end_before_it_starts(month: Any) -> None:
    db, _, _ = month
    with pytest.raises(FilterError, match="a digest needs a period"):
        build_digest(db, IncidentFilters(date_from=date(2025, 3, 1)))
    with pytest.raises(FilterError, match=r"the period ends \(2025-03-01\) before it starts \(2025-03-31\)"):
        build_digest(db, IncidentFilters(date_from=date(2025, 3, 31), date_to=date(2025, 3, 1)))


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_markdown_in_three_languages_matches_the_expected_file(month: Any, lang: str) -> None:
    db, _, _ = month
    text = render_digest(build_digest(db, MARCH), load_gazetteer(), lang, "md")
    assert text == (EXPECTED / f"digest-2025-03.{lang}.md").read_text(encoding="utf-8")
    assert "Петренк" not in text and "Коваль" not in text       # no name from the sources


def test_html_matches_the_expected_file(month: Any) -> None:
    db, _, _ = month
    page = render_digest(build_digest(db, MARCH), load_gazetteer(), "uk", "html")
    assert page == (EXPECTED / "digest-2025-03.uk.html").read_text(encoding="utf-8")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_html_is_self_contained_with_a_bar_per_type(month: Any, lang: str) -> None:
    db, _, _ = month
    digest = build_digest(db, MARCH)
    parser = _Tags()
    parser.feed(render_digest(digest, load_gazetteer(), lang, "html"))
    names = [tag for tag, _ in parser.tags]
    assert names.count("svg") == 1 and names.count("rect") == len(digest.by_type) == 5
    assert not {"script", "link", "img", "iframe"} & set(names)
    assert all("src" not in attrs for _, attrs in parser.tags)
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    assert links == ["https://t.me/monitor/101", "https://t.me/monitor/101", "https://example.org/court?id=7&lang=uk",
                     "https://t.me/monitor/101", "https://example.org/court?id=7&lang=uk"]
    widths = [int(attrs["width"] or 0) for tag, attrs in parser.tags if tag == "rect"]
    assert widths[0] == 2 * widths[1] and len(set(widths[1:])) == 1     # 2 : 1 : 1 : 1 : 1


def test_an_empty_period_says_so(month: Any) -> None:
    db, _, _ = month
    empty = build_digest(db, IncidentFilters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)))
    assert empty.entries == () and empty.by_type == ()
    text = render_digest(empty, load_gazetteer(), "ru", "md")
    assert text.startswith("# Дайджест инцидентов: январь 2024 г.\n") and "За этот период инцидентов нет." in text



@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
def test_a_pdf_holds_the_markdown_digests_words_in_its_language(month: Any, lang: str) -> None:
    import io

    import pypdf

    from letopis.publish.digest import render_digest_pdf

    db, _, _ = month
    digest = build_digest(db, MARCH)
    data = render_digest_pdf(digest, load_gazetteer(), lang)
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    markdown = render_digest(digest, load_gazetteer(), lang, "md")
    title = markdown.splitlines()[0].removeprefix("# ")
    assert title in text  # "Дайджест інцидентів: березень 2025 р." — Cyrillic drawn in an embedded font
    paragraph = " ".join(markdown.split("\n\n1. ", 1)[1].splitlines()[0].split())
    assert paragraph in text  # the first incident's paragraph, case forms and plurals as in the Markdown
    assert "Петренк" not in text and "Коваль" not in text
    assert b"/BaseFont /" in data and b"DejaVuSans" in data  # the font embedded (a subset)
    assert set(reader.metadata or {}) <= {"/Title", "/Creator", "/Producer", "/CreationDate"}


def test_small_counts_of_a_region_and_month_are_left_out_of_a_digest(month: Any) -> None:
    db, ids, _ = month
    digest = build_digest(db, MARCH, min_count=2)  # Kharkiv has two in March; Lviv, Kryvyi Rih, Zakarpattia one
    assert [e.id for e in digest.entries] == [ids[0], ids[5], ids[6]] and digest.left_out == 3  # no region: kept
    assert sum(n for _, n in digest.by_type) == 3
    text = render_digest(digest, load_gazetteer(), "uk", "md")
    assert "Не включено інцидентів із регіонів, де за місяць їх менше ніж 2: 3." in text


@pytest.mark.parametrize(("lang", "sources", "corroboration"), [
    ("uk", "<https://t.me/monitor/101> (опубліковано 13 березня 2025 р.; оцінка джерела B2).",
     "Незалежних першоджерел: 2 (канал 1, медіа 1); оцінка інформації 1 (підтверджено)."),
    ("ru", "<https://t.me/monitor/101> (опубликовано 13 марта 2025 г.; оценка источника B2).",
     "Независимых первоисточников: 2 (канал 1, СМИ 1); оценка информации 1 (подтверждено)."),
    ("en", "<https://t.me/monitor/101> (published March 13, 2025; source grade B2).",
     "Independent origins: 2 (channel 1, media 1); information grade 1 (confirmed)."),
])
def test_a_digest_gives_the_origins_their_kinds_the_information_grade_and_the_source_grades(
        month: Any, lang: str, sources: str, corroboration: str) -> None:
    import io

    import pypdf

    from letopis.publish.digest import render_digest_pdf
    from letopis.reliability.profiles import ProfileFields
    from letopis.services.origins import recompute_origins
    from letopis.services.profiles import set_profile

    db, ids, _ = month
    recompute_origins(db)
    set_profile(db, "t.me/monitor", ProfileFields(name="Monitor"), grade="B2", reason="checked for a year",
                actor="olena")
    digest = build_digest(db, MARCH)
    court = next(e for e in digest.entries if e.id == ids[3])
    assert (court.origins, dict(court.by_kind), court.info_grade) == (2, {"channel": 1, "media": 1}, "1")
    text = render_digest(digest, load_gazetteer(), lang, "md")
    entry = text.split("\n5. ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert entry[1].endswith(sources) and entry[2] == f"   {corroboration}"
    assert corroboration in render_digest(digest, load_gazetteer(), lang, "html")
    reader = pypdf.PdfReader(io.BytesIO(render_digest_pdf(digest, load_gazetteer(), lang)))
    assert corroboration in " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
