"""The rule that marks a single origin's claim as "reported by X": stance, the two countries, the actors."""

from __future__ import annotations

import pytest

from letopis.reliability.claims import doubt_reason, high_impact


@pytest.mark.parametrize(("stance", "source", "incident", "expected"), [
    ("state_media", "RU", "UA", "other_side"),  # a Russian state outlet on Ukrainian recruiters
    ("state_aligned", "UA", "RU", "other_side"),
    ("state_media", "RU", "RU", None),  # on its own country: not this rule
    ("state_media", None, "UA", None),  # a country not known: not marked
    ("state_media", "RU", None, None),
    ("officials_channel", "UA", "UA", "own_side"),  # a recruitment centre on its own call-ups
    ("officials_channel", None, "UA", "own_side"),  # taken to speak of its own jurisdiction
    ("officials_channel", "RU", "UA", None),
    ("independent", "LV", "RU", None),
    ("monitor", "UA", "UA", None),
    ("unknown", "RU", "UA", None),
    (None, "RU", "UA", None),
])
def test_which_stance_makes_a_single_claim_doubtful(stance, source, incident, expected):
    assert doubt_reason(stance, source, incident) == expected


def test_an_officials_channel_named_among_the_actors_reports_on_itself():
    assert doubt_reason("officials_channel", "RU", "UA", source_name="ТЦК Харків",
                        actors=["працівники ТЦК Харків"]) == "own_side"
    assert doubt_reason("officials_channel", "RU", "UA", source_name="ТЦК Харків", actors=["police"]) is None


def test_high_impact_is_someone_killed_injured_or_detained_or_a_heavy_type():
    assert high_impact("mobilization_detention", None, None, 2)
    assert high_impact("protest", 1, None, None)
    assert high_impact("abuse_of_conscripts", None, None, None)
    assert not high_impact("mobilization_detention", 0, None, None)
    assert not high_impact("censorship", None, None, None)
