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
              "protest", "labor", "censorship", "death", "injury", "summons", "check", "clash", "crossing")

# Officials whose detentions are criminal-law arrests rather than mobilization.
_LAW = ("police", "court", "security_service", "prosecutors")

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
    officials = lambda: any(around(r) for r in ("recruitment", "police", "officials", "military"))  # noqa: E731

    if has("censorship") and (has("legal") or has("detain") or _speech_only(trigger)):
        return "censorship"
    if has("legal") and not _legal_is_background(trigger):
        return "legal_action"
    if has("offence") and (has("detain") or has("verdict")) and not has("mobilize"):
        return "legal_action"  # detained or sentenced *for* an arson, a scheme, treason: the legal step
    if has("detain") and has("court"):
        return "legal_action"  # an arrest ordered by a court is a custody decision
    if has("censorship"):
        return "censorship"
    if _is_resistance(trigger, around):
        return "resistance"
    if has("abuse") and (around("recruitment") or around("military") or has("death")):
        return "abuse_of_conscripts"
    if has("attack") and officials() and _attack_on_officials(trigger, around):
        if has("crowd") and around("recruitment"):
            return "resistance"   # many civilians falling on recruiters: a brawl, by the taxonomy
        return "attack_on_officials"
    if around("border") and (has("detain") or has("death") or has("injury") or has("attack")) or has("crossing"):
        return "border_incident"
    if has("desert") and has("detain"):
        return "legal_action"   # a deserter detained: the legal step, not the leaving
    if has("desert"):
        return "desertion"
    if has("death") and (around("recruitment") or around("military")):
        # death of a recruit, in training or in custody, is abuse by the taxonomy's definition
        return "abuse_of_conscripts"
    if has("protest"):
        return "protest"
    if has("labor"):
        return "labor_dispute"
    if has("detain") and around("security_service"):
        return "legal_action"
    if has("detain") and (has("evasion") or "bribe" in trigger) and (around("police") or around("prosecutors")):
        return "legal_action"   # organisers of evasion schemes caught by police, not men taken to the TCC
    if (has("detain") or has("mobilize")) and (around("recruitment") or has("mobilize")):
        return "mobilization_detention"
    if has("summons") or (has("check") and (around("recruitment") or around("police"))):
        return "other"   # call-up papers are the recruiters' whoever hands them out
    if has("abuse"):
        return "abuse_of_conscripts"
    if has("resist"):
        return "resistance"
    if has("detain"):
        # an arrest by police or a court is criminal law; a man "taken" with no official
        # named is, in these reports, taken by recruiters
        return "legal_action" if any(around(r) for r in _LAW) else "mobilization_detention"
    if has("attack") or has("death") or has("injury"):
        return "other" if (around("recruitment") or around("military") or around("border")) else None
    return None


def _is_resistance(trigger: Cues, around) -> bool:  # type: ignore[no-untyped-def]
    """Obstruction of recruiters or police; a road blockade counts when it stops their vehicle."""
    if "resist" in trigger and (around("recruitment") or around("police") or "detain" in trigger):
        return "protest" not in trigger or "detain" in trigger or "vehicle" in trigger
    if "clash" in trigger and (around("recruitment") or around("police")):
        return True   # a brawl with recruiters or police
    blockade = "protest" in trigger and "blockade" in trigger
    return blockade and around("recruitment") and ("vehicle" in trigger or "detain" in trigger)


def _attack_on_officials(trigger: Cues, around) -> bool:  # type: ignore[no-untyped-def]
    """Officials are the attacked side: recruiters, officials or soldiers are named, or the
    police are named after the attack word ("attacked a police officer"), not only as those
    who caught the attacker ("police detained the robber who attacked a shop assistant")."""
    if any(around(r) for r in ("recruitment", "officials", "military")):
        return True
    first_attack = min(start for start, _ in trigger["attack"])
    return any(start > first_attack for start, _ in trigger.get("police", ()))


def _speech_only(cues: Cues) -> bool:
    return "detain" not in cues and "protest" not in cues


def _legal_is_background(cues: Cues) -> bool:
    # "criminal case" mentioned while the sentence reports a detention by recruiters:
    # the news is the detention, the case is context; a verdict is never context.
    return "mobilize" in cues and "detain" in cues and "court" not in cues and "verdict" not in cues


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
