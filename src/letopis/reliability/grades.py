"""The information grade of an incident: the Admiralty code's digit (1-6), derived from its corroboration.

A source profile's letter (A-F) says how far a site or channel can be
trusted; the digit says how credible one piece of information is. Letopis
derives the digit of each incident from what it knows of its independent
origins (copies of one text count once):

=====  ======================  ==================================================================
digit  meaning                 when
=====  ======================  ==================================================================
1      confirmed               two or more independent origins whose sources are not graded D or E
2      probably true           one origin, a court record or a source graded A or B, not a doubtful claim
3      possibly true           one origin, not doubtful, its source not graded (or C, F); or several
                               origins of which at most one is not graded D or E
4      doubtful                one origin that is a doubtful claim ("reported by X") or whose
                               source is graded D or E
5      improbable              never derived: contradicting information is a person's judgement
6      cannot be judged        no origins computed (``letopis origins recompute``), or no source
=====  ======================  ==================================================================
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from letopis.reliability.profiles import CREDIBILITY

__all__ = ["INFORMATION_GRADES", "GradedOrigin", "information_grade", "check_information_grade"]

INFORMATION_GRADES = CREDIBILITY  # "1" confirmed by other sources … "6" truth cannot be judged
_WEAK = frozenset("DE")  # not usually reliable, unreliable
_STRONG = frozenset("AB")  # completely, usually reliable


@dataclass(frozen=True)
class GradedOrigin:
    """One independent origin of an incident: its kind and the letter its site's profile gives (None: none)."""

    kind: str
    reliability: str | None = None


def information_grade(origins: Sequence[GradedOrigin], *, computed: bool, doubtful: bool = False
                      ) -> tuple[str, str]:
    """(digit, why) for an incident; ``doubtful``: its only origin is a claim "reported by X"."""
    if not computed or not origins:
        return "6", "origins not computed" if not computed else "no source"
    counted = [o for o in origins if (o.reliability or "") not in _WEAK]
    if len(counted) >= 2:
        return "1", f"confirmed by {len(counted)} independent origins"
    if len(origins) >= 2:
        return "3", f"{len(origins)} independent origins, of which {len(origins) - len(counted)} from sources " \
                    "graded D or E"
    only = origins[0]
    if doubtful:
        return "4", "one origin, a doubtful claim (reported by one side)"
    if only.reliability in _WEAK:
        return "4", f"one origin, from a source graded {only.reliability}"
    if only.kind == "court_record":
        return "2", "one origin, a court record"
    if only.reliability in _STRONG:
        return "2", f"one origin, from a source graded {only.reliability}"
    return "3", "one origin, not corroborated"


def check_information_grade(value: str | int) -> int:
    """A digit 1-6 as given on the command line or in a query; a ValueError for anything else."""
    text = str(value).strip()
    if text not in INFORMATION_GRADES:
        raise ValueError(f"information grade {value!r}: a digit 1-6 (1 confirmed … 6 cannot be judged)")
    return int(text)
