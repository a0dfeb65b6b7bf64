from letopis.merge import compare, facts_of_record
from letopis.merge.decide import date_span
from letopis.model import Location, Record

KHARKIV = Location("Kharkiv", "Kharkiv Oblast", "UA", 49.98177, 36.25475, 1)
CHUHUIV = Location("Chuhuiv", "Kharkiv Oblast", "UA", 49.83562, 36.68614, 1)  # ~35 km
ODESA = Location("Odesa", "Odesa Oblast", "UA", 46.48572, 30.74383, 1)


def rec(date="2025-10-30", precision="day", type_="mobilization_detention", loc=KHARKIV,
        detained=2, lang="uk", kind="incident", **kw) -> Record:
    return Record(kind=kind, date=date, date_precision=precision, event_type=type_, location=loc,
                  fatalities=None, injured=None, detained=detained, actors=(), summary="", quote="q",
                  start=0, end=1, language=lang, confidence=0.8, **kw)


def verdict(a: Record, b: Record) -> str:
    return compare(facts_of_record(a), facts_of_record(b)).verdict


def test_same_incident_across_languages_merges():
    assert verdict(rec(lang="uk"), rec(date="2025-10-31", lang="en")) == "same"


def test_compatible_types_merge_and_reasons_are_given():
    d = compare(facts_of_record(rec()), facts_of_record(rec(type_="resistance")))
    assert d.verdict == "same" and any("compatible" in r for r in d.reasons)


def test_far_apart_or_different_days_are_different():
    assert verdict(rec(), rec(loc=ODESA)) == "different"
    assert verdict(rec(), rec(date="2025-10-25")) == "different"
    assert verdict(rec(), rec(type_="protest")) == "different"


def test_uncertain_pairs_are_flagged_not_merged():
    assert verdict(rec(), rec(loc=CHUHUIV)) == "maybe"
    assert verdict(rec(), rec(date="2025-10", precision="month")) == "maybe"


def test_contradicting_counts_block_a_merge():
    assert verdict(rec(detained=1), rec(detained=12)) != "same"


def test_date_spans():
    assert [d.isoformat() for d in date_span("2025-02", "month")] == ["2025-02-01", "2025-02-28"]
    assert [d.isoformat() for d in date_span("2023-12", "season")] == ["2023-12-01", "2024-02-29"]
    assert [d.isoformat() for d in date_span("2025-10-27", "week")] == ["2025-10-27", "2025-11-02"]


def test_statistics_merge_only_when_identical():
    a = rec(kind="statistic", type_="statistic", metric="szch_cases", value=19000, date="2025-10",
            precision="month", detained=None)
    assert verdict(a, a) == "same"
    b = rec(kind="statistic", type_="statistic", metric="szch_cases", value=18000, date="2025-10",
            precision="month", detained=None)
    assert verdict(a, b) == "different"
