"""The quality gate: extraction must not fall below the floors recorded in gold/floors.json."""

from pathlib import Path

import pytest

from letopis.evaluation import check_floors, evaluate, load_floors, load_gold
from letopis.extract.engine import Engine
from letopis.model import Report

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "gold"
SETS = ("gold", "holdout")  # holdout: written apart from the engine; its floors guard generalisation


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _scores(engine, directory: Path):
    reports = load_gold(directory)
    return evaluate(reports, lambda g: engine.extract(Report(text=g.text, published=g.published)))


@pytest.fixture(scope="module")
def scores(engine):
    return _scores(engine, GOLD)


def test_gold_set_is_large_and_covers_three_languages():
    reports = load_gold(GOLD)
    by_lang = {lang: sum(r.language == lang for r in reports) for lang in ("en", "uk", "ru")}
    assert len(reports) >= 60 and min(by_lang.values()) >= 15, by_lang
    types = {rec["event_type"] for r in reports for rec in r.records}
    assert types >= {"mobilization_detention", "resistance", "attack_on_officials", "abuse_of_conscripts",
                     "border_incident", "desertion", "legal_action", "protest", "labor_dispute",
                     "censorship", "statistic"}
    assert sum(not r.records for r in reports) >= 6  # texts with no incident at all


def test_gold_evidence_is_found_in_the_text(scores):
    assert not [e for e in scores.errors if "evidence not in text" in e]


@pytest.mark.parametrize("name", SETS)
def test_scores_stay_above_floors(engine, name):
    scores = _scores(engine, ROOT / name)
    floors = load_floors(ROOT / name / "floors.json")
    assert set(floors) >= {"recall", "precision", "date", "place", "type"}
    assert check_floors(scores, floors) == [], scores.as_dict()


LANGUAGE_SLACK = 0.10


def test_no_language_falls_far_below_the_floors(scores):
    # each language may sit a little under the overall floor, but none may collapse
    floors = load_floors(GOLD / "floors.json")
    for lang, tally in scores.by_language.items():
        s = tally.scores()
        low = {k: s[k] for k, floor in floors.items() if s[k] < floor - LANGUAGE_SLACK}
        assert not low, (lang, low)
