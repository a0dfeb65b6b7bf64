"""Claims as claims: when a record rests on one origin whose source's stance makes the claim doubtful.

A record whose only independent origin is a site or channel that stands on
one side of the story is shown as "reported by X" (the source's name), not as
a fact, until a second independent origin corroborates it. The rule reads the
origin's profile (its stance and country, set by a person: ``letopis
source-profile set``) and the incident's country and actors:

* ``state_media`` or ``state_aligned`` about an incident in **another**
  country than its own (a Russian state outlet on Ukrainian recruiters, a
  Ukrainian state outlet on Russian conscription): the other side's story;
* ``officials_channel`` about an incident in **its own** country, or one in
  which it is itself named among the actors (an authority reporting on its
  own work: a recruitment centre's channel on its own call-ups);
* when a country is not known (the profile's or the incident's), the first
  rule does not apply and the second does: an officials' channel is taken to
  speak of its own jurisdiction.

Independent, monitor and unknown stances never mark a claim: a single report
of a monitor is a single report, which the corroboration count already says.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DOUBT_REASONS", "HEAVY_TYPES", "doubt_reason", "high_impact"]

# why a claim is doubtful → what the interface says (English; the web app translates it)
DOUBT_REASONS = {
    "other_side": "state or state-aligned media reporting on the other side",
    "own_side": "an officials' channel reporting on its own side",
}
# event types whose records weigh heavily even with no counts (violence against people)
HEAVY_TYPES: tuple[str, ...] = ("abuse_of_conscripts", "attack_on_officials")


def doubt_reason(stance: str | None, source_country: str | None, incident_country: str | None,
                 *, source_name: str | None = None, actors: Sequence[str] = ()) -> str | None:
    """The key of :data:`DOUBT_REASONS` that makes a single origin's claim doubtful, or None."""
    if stance in ("state_media", "state_aligned"):
        if source_country and incident_country and source_country.upper() != incident_country.upper():
            return "other_side"
        return None
    if stance == "officials_channel":
        if not source_country or not incident_country or source_country.upper() == incident_country.upper():
            return "own_side"
        name = (source_name or "").casefold().strip()
        if name and any(name in actor.casefold() for actor in actors):
            return "own_side"
    return None


def high_impact(event_type: str, fatalities: int | None, injured: int | None, detained: int | None) -> bool:
    """Someone killed, injured or detained, or a type of :data:`HEAVY_TYPES`."""
    return event_type in HEAVY_TYPES or any((n or 0) > 0 for n in (fatalities, injured, detained))
