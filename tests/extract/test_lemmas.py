"""Cue words by lemma: every form of a cue verb counts, look-alike words do not (sentences written for these tests)."""

import pytest

from letopis.extract.cues import find_cues
from letopis.extract.events import classify


@pytest.mark.parametrize("text, family", [
    ("Військові б'ють чоловіка біля ТЦК", "abuse"),          # the stem alternates: бити -> б'ють
    ("Военные бьют мужчину у военкомата", "abuse"),
    ("Поліцейські скрутили чоловіка на зупинці", "detain"),
    ("Мужчину скрутили и затолкали в бус", "detain"),
    ("Чоловіки побилися з працівниками ТЦК", "clash"),
])
def test_every_form_of_a_cue_verb_counts(text, family):
    assert family in find_cues(text)


@pytest.mark.parametrize("text", [
    "Чоловіки побилися з працівниками ТЦК біля ринку",     # fought each other, not "beat him"
    "Мужчины побились с сотрудниками военкомата",
])
def test_fighting_each_other_is_no_beating(text):
    cues = find_cues(text)
    assert "abuse" not in cues
    assert classify(cues, cues) == "resistance"


def test_shooting_down_drones_is_no_beating():
    assert "abuse" not in find_cues("Сили ППО збили над областю 12 дронів")
