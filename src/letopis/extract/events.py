"""Event type of a passage, from its trigger cues and the roles around them.

The taxonomy (``shared/docs/domain.md``) is applied as an ordered set of
rules, most specific first. A passage is classified from the cues of its
*trigger sentence* (the one that states the event) with the rest of the
passage as supporting context for roles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Cues = Mapping[str, Sequence[tuple[int, int]]]

# Cue families that can make a sentence report an event at all.
EVENT_CUES = ("detain", "mobilize", "attack", "resist", "abuse", "desert", "legal",
              "protest", "labor", "censorship", "death", "injury")

_ACTOR_CUES = {
    "recruitment": "recruitment_officers",
    "police": "police",
    "border": "border_guards",
    "court": "court",
    "prosecutors": "prosecutors",
    "security_service": "security_service",
    "military": "military",
    "civilians": "civilians",
    "workers": "workers",
    "officials": "officials",
}


def has_trigger(cues: Cues) -> bool:
    return any(name in cues for name in EVENT_CUES)


def classify(trigger: Cues, context: Cues) -> str | None:
    """Event type from the trigger sentence's cues; ``None`` when it is no event."""
    has = trigger.__contains__
    around = lambda name: name in trigger or name in context  # noqa: E731

    if has("censorship") and (has("legal") or has("detain") or _speech_only(trigger)):
        return "censorship"
    if has("legal") and not _legal_is_background(trigger):
        return "legal_action"
    if has("censorship"):
        return "censorship"
    if has("resist") and (around("recruitment") or around("police") or has("detain")):
        if not has("protest") or has("detain"):
            return "resistance"
    if has("abuse") and (around("recruitment") or around("military") or has("death")):
        return "abuse_of_conscripts"
    if has("attack") and (around("recruitment") or around("police") or around("officials")
                          or around("military")):
        return "attack_on_officials"
    if around("border") and (has("detain") or has("death") or has("injury") or has("attack")):
        return "border_incident"
    if has("desert"):
        return "desertion"
    if has("protest"):
        return "protest"
    if has("labor"):
        return "labor_dispute"
    if (has("detain") or has("mobilize")) and (around("recruitment") or has("mobilize")):
        return "mobilization_detention"
    if has("abuse"):
        return "abuse_of_conscripts"
    if has("resist"):
        return "resistance"
    if has("detain") and around("police"):
        return "legal_action"
    if has("attack") or has("death") or has("injury"):
        return "other" if (around("recruitment") or around("military") or around("border")) else None
    return None


def _speech_only(cues: Cues) -> bool:
    return "detain" not in cues and "protest" not in cues


def _legal_is_background(cues: Cues) -> bool:
    # "criminal case" mentioned while the sentence reports a detention by recruiters:
    # the news is the detention, the case is context.
    return "mobilize" in cues and "detain" in cues and "court" not in cues


def actors(cues: Cues, event_type: str) -> tuple[str, ...]:
    roles = [role for cue, role in _ACTOR_CUES.items() if cue in cues]
    if event_type in ("resistance", "protest") and "civilians" not in roles:
        roles.append("civilians")
    if event_type == "mobilization_detention" and "recruitment_officers" not in roles:
        roles.append("recruitment_officers")
    if event_type == "legal_action" and "court" not in roles and "prosecutors" not in roles:
        roles.append("court" if "legal" in cues else "police")
    if event_type == "labor_dispute" and "workers" not in roles:
        roles.append("workers")
    return tuple(dict.fromkeys(roles))
