"""The information grade (the Admiralty digit) derived from an incident's independent origins (pure)."""

from __future__ import annotations

import pytest

from letopis.reliability.grades import GradedOrigin, check_information_grade, information_grade

CHANNEL, COURT, MEDIA = GradedOrigin("channel"), GradedOrigin("court_record"), GradedOrigin("media")


@pytest.mark.parametrize(("origins", "computed", "doubtful", "grade"), [
    ([CHANNEL, CHANNEL], True, False, "1"),  # two eyewitnesses: confirmed
    ([CHANNEL, COURT, MEDIA], True, False, "1"),
    ([COURT], True, False, "2"),  # a court record alone: probably true
    ([GradedOrigin("media", "B")], True, False, "2"),
    ([CHANNEL], True, False, "3"),  # one report is one report
    ([GradedOrigin("media", "C")], True, False, "3"),
    ([GradedOrigin("media", "D"), GradedOrigin("media", "E")], True, False, "3"),  # corroborated by weak sources
    ([GradedOrigin("media", "D"), MEDIA], True, False, "3"),
    ([GradedOrigin("media", "D")], True, False, "4"),
    ([MEDIA], True, True, "4"),  # "reported by X": a doubtful claim
    ([GradedOrigin("court_record", "E")], True, False, "4"),
    ([], False, False, "6"),  # origins not computed
    ([MEDIA], False, False, "6"),
])
def test_the_digit_follows_the_independent_origins(origins, computed, doubtful, grade):
    assert information_grade(origins, computed=computed, doubtful=doubtful)[0] == grade


def test_the_reason_says_why():
    assert information_grade([CHANNEL, COURT], computed=True) == ("1", "confirmed by 2 independent origins")
    assert information_grade([COURT], computed=True) == ("2", "one origin, a court record")


def test_a_grade_filter_takes_a_digit_1_to_6():
    assert check_information_grade(" 2 ") == 2
    for bad in ("0", "7", "A", "", "²"):
        with pytest.raises(ValueError, match="a digit 1-6"):
            check_information_grade(bad)
