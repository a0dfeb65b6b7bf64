"""The words of a source profile: stances, the Admiralty grades, and the starting list shipped with Letopis.

The Admiralty code (the "NATO system") grades a source's reliability with a
letter and a piece of information's credibility with a digit:

======  ==========================  =====  =============================
source  reliability                 info   credibility
======  ==========================  =====  =============================
A       completely reliable         1      confirmed by other sources
B       usually reliable            2      probably true
C       fairly reliable             3      possibly true
D       not usually reliable        4      doubtful
E       unreliable                  5      improbable
F       reliability cannot be judged 6     truth cannot be judged
======  ==========================  =====  =============================

A profile keeps the letter a person gave the source and, when they give one,
the digit they find its reports usually earn (``--grade B2``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from letopis.errors import ProfileError
from letopis.reliability.kinds import ORIGIN_KINDS, host_key

__all__ = ["RELIABILITY", "CREDIBILITY", "STANCES", "ProfileFields", "parse_grade", "check_stance", "check_kind",
           "starter_profiles"]

RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY = {"1": "confirmed by other sources", "2": "probably true", "3": "possibly true", "4": "doubtful",
               "5": "improbable", "6": "truth cannot be judged"}
STANCES: tuple[str, ...] = ("state_media", "state_aligned", "independent", "officials_channel", "monitor",
                            "unknown")


@dataclass(frozen=True)
class ProfileFields:
    """What a profile says of a site or channel (None: not known, or not changed)."""

    name: str | None = None
    kind: str | None = None
    country: str | None = None
    language: str | None = None
    stance: str | None = None
    reliability: str | None = None
    credibility: str | None = None


def parse_grade(value: str) -> tuple[str, str | None]:
    """``B`` → ("B", None); ``b2`` → ("B", "2"); anything else is a :class:`ProfileError`."""
    text = value.strip().upper()
    if len(text) in (1, 2) and text[0] in RELIABILITY and (len(text) == 1 or text[1] in CREDIBILITY):
        return text[0], (text[1] if len(text) == 2 else None)
    raise ProfileError(f"grade {value!r} is not an Admiralty grade: a letter A-F for the source, optionally "
                       "followed by a digit 1-6 for its information (B, B2)")


def check_stance(value: str) -> str:
    stance = value.strip().lower().replace("-", "_").replace(" ", "_")
    stance = {"officials": "officials_channel", "state": "state_media"}.get(stance, stance)
    if stance not in STANCES:
        raise ProfileError(f"unknown stance {value!r}; the stances are: {', '.join(STANCES)}")
    return stance


def check_kind(value: str) -> str:
    kind = value.strip().lower().replace("-", "_").replace(" ", "_")
    kind = {"court": "court_record", "official_statement": "official"}.get(kind, kind)
    if kind not in ORIGIN_KINDS:
        raise ProfileError(f"unknown kind {value!r}; the kinds are: {', '.join(ORIGIN_KINDS)}")
    return kind


def starter_profiles() -> dict[str, ProfileFields]:
    """The starting list shipped in ``letopis/data/source_profiles.json``: host → factual attributes, no grade."""
    raw = json.loads(resources.files("letopis").joinpath("data/source_profiles.json").read_text(encoding="utf-8"))
    out: dict[str, ProfileFields] = {}
    for item in raw["sources"]:
        out[host_key(item["host"])] = ProfileFields(
            name=item["name"], kind=check_kind(item["kind"]), country=item.get("country"),
            language=item.get("language"), stance=check_stance(item.get("stance", "unknown")))
    return out
