"""MultiScan: the matches of many patterns, exactly as each pattern's own finditer gives them."""

from __future__ import annotations

import re

import pytest

from letopis.extract.cues import CUES, _cue_scan, cue_pattern
from letopis.extract.dates import _rules, _scanner
from letopis.extract.multiscan import MultiScan, Screened, fold, literal_factors

W = r"(?<![\w])"
TEXTS = [
    "", "тцк", "Затримали двох чоловіків у Харкові 3 жовтня, ТЦК заперечує.",
    "the court jailed him; a crowd blocked the draft office on May 5, 2025 at 14:30",
    "абв абв-абв aaa ab ab abab", "ТЦК та СП", "судді суду суд", "x" * 50 + " court",
]


def native(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int, int, tuple[str | None, ...]]]:
    return [(i, m.start(), m.end(), m.groups()) for i, p in enumerate(patterns) for m in p.finditer(text)]


def scanned(scan: MultiScan, text: str) -> list[tuple[int, int, int, tuple[str | None, ...]]]:
    return [(i, m.start(), m.end(), m.groups()) for i, m in scan.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_each_pattern_alone(text: str) -> None:
    patterns = [re.compile(W + s) for s in (
        r"(?:затрима\w*|тцк(?:\s*та\s*сп)?)",       # literal heads
        r"(?:\d+|[а-я]+)",                            # starts with a class: the shared scan
        r"(?P<a>ab)(?P=a)",                           # a back-reference: scanned on its own
        r"(?:x*)",                                    # empty matches
        r"(?:суд\b|суд\w*)",
        r"(?:court|crowd)",
    )]
    assert scanned(MultiScan(patterns, W), text) == native(patterns, text)


def test_ignorecase_patterns_share_one_scan() -> None:
    patterns = [re.compile(W + s, re.IGNORECASE) for s in (r"(?:may\s+(?P<d>\d+))", r"(?:\d+:\d+)")]
    scan = MultiScan(patterns, W)
    for text in TEXTS + ["MAY 5 and may 6, 10:30"]:
        assert scanned(scan, text) == native(patterns, text)


def test_literal_factors() -> None:
    assert literal_factors(re.compile(W + r"(?:затрима\w*|\bтцк)")) == {"затрима", "тцк"}
    assert literal_factors(re.compile(r"(?:[«\"]?fake news|кр[иы]л)")) == {"fake new", "крил", "крыл"}
    assert literal_factors(re.compile(r"(?:у|в)\s+(?:понеділок|вівторок)")) == {"понеділо", "вівторок"}
    assert literal_factors(re.compile(r"(?:abc)+de")) == {"abc"}
    assert literal_factors(re.compile(r"(?:тцк|\w+)")) == frozenset()          # a word of any letters
    assert literal_factors(re.compile(r"на|в")) == frozenset()                  # too short to filter
    assert literal_factors(re.compile(r"Court", re.IGNORECASE)) == frozenset()  # unless folded
    assert literal_factors(re.compile(r"Court", re.IGNORECASE), folded=True) == {"court"}
    assert fold("COURT İN ſTATE") == fold("court in state")


def test_ignorecase_strings_are_looked_for_folded() -> None:
    patterns = [re.compile(r"(?:kourt|istanbul|state)", re.IGNORECASE)]
    scan = MultiScan(patterns, "")
    for text in ("KOURT", "\u212aourt", "İstanbul", "ſtate", "STATE", "state"):
        assert scanned(scan, text) == native(patterns, text) != []


def test_the_rule_tables_scan_as_before() -> None:
    texts = TEXTS + ["У понеділок, 3 жовтня 2025 року, вчора і 12.10.2024 о 14:30 — в ніч на 5 листопада",
                     "On Monday, October 3, two days earlier; 2024-10-12, 5/10/2024",
                     "В ночь на 30 октября задержали призывника, а накануне — в конце декабря"]
    cues = [cue_pattern(name) for name in CUES]
    for text in texts:
        low = text.lower()
        assert scanned(_cue_scan(), low) == native(cues, low)
        for lang in ("en", "uk", "ru"):
            for lowercase, subject in ((False, text), (True, low)):
                rules = [r.lower_pattern if lowercase else r.pattern for r in _rules(lang)]
                assert scanned(_scanner(lang, lowercase), subject) == native(rules, subject)


def test_screened_search_is_the_pattern_search() -> None:
    from letopis.extract import cues, statistics

    screened = [cues._LEGISLATION, cues._TREND, cues._GENERIC, cues._STATEMENT, statistics._COUNTING_SCREEN,
                statistics._PERIOD_SCREEN, Screened(re.compile(r"(?<!\w)(?:court|суд\w*)(?!\w)"))]
    texts = TEXTS + ["The new law came into force on Monday", "Закон набув чинності", "Суд ухвалив вирок",
                     "Attacks have become more frequent", "Since the full-scale invasion, 1,200 cases",
                     "за минулий тиждень", "ЗАКОНОПРОЕКТ ПРИЙНЯЛИ"]
    for s in screened:
        for text in texts:
            got, want = s.search(text), s.pattern.search(text)
            assert (got and got.span()) == (want and want.span())
    assert any(s.search(t) for s in screened for t in texts)


def test_literal_strings_are_kept_on_disk_and_read_back_the_same(tmp_path, monkeypatch) -> None:
    import json

    from letopis.extract import multiscan

    monkeypatch.setenv("LETOPIS_CACHE", str(tmp_path))
    monkeypatch.setattr(multiscan, "_KNOWN", None)
    monkeypatch.setattr(multiscan, "_NEW", {})
    patterns = [re.compile(W + r"(?:затрима\w*|\bтцк)"), re.compile(r"(?:у|в)\s+(?:понеділок|вівторок)", re.I),
                re.compile(r"на|в")]
    first = MultiScan(patterns, W)
    assert multiscan.unsaved()
    multiscan.save_factors()
    assert not multiscan.unsaved()
    [written] = list(tmp_path.glob("multiscan-*.json"))
    stored = json.loads(written.read_text(encoding="utf-8"))
    assert {key: set(words) for key, words in stored.items()} == \
        {multiscan._key(p, first._folded): set(literal_factors(p, first._folded)) for p in patterns}
    assert any(stored.values())  # strings were found, not only empty sets
    # a new process reads them instead of parsing the patterns again, and scans the same
    monkeypatch.setattr(multiscan, "_KNOWN", None)

    def parse_again(*_: object) -> frozenset[str]:
        raise AssertionError("parsed again although the cache holds the strings")

    monkeypatch.setattr(multiscan, "literal_factors", parse_again)
    second = MultiScan(patterns, W)
    text = "Вчора у понеділок працівники ТЦК затримали чоловіка на вулиці"
    assert [(i, m.span()) for i, m in second.finditer(text)] == [(i, m.span()) for i, m in first.finditer(text)]
    assert not multiscan.unsaved()
    # a damaged file is no cache: the strings are found again
    written.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(multiscan, "_KNOWN", None)
    monkeypatch.setattr(multiscan, "literal_factors", literal_factors)
    third = MultiScan(patterns, W)
    assert [(i, m.span()) for i, m in third.finditer(text)] == [(i, m.span()) for i, m in first.finditer(text)]
    assert multiscan.unsaved()


def test_a_cache_that_cannot_be_written_is_tried_once(tmp_path, monkeypatch, caplog) -> None:
    from letopis.extract import multiscan

    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("LETOPIS_CACHE", str(blocked))
    monkeypatch.setattr(multiscan, "_KNOWN", None)
    monkeypatch.setattr(multiscan, "_NEW", {})
    scan = MultiScan([re.compile(W + r"затрима\w*")], W)
    multiscan.save_factors()
    assert not multiscan.unsaved() and len([r for r in caplog.records if "could not write" in r.getMessage()]) == 1
    assert [m.group() for _, m in scan.finditer("поліція затримала")] == ["затримала"]
