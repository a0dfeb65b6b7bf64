"""Deciding which incident records describe the same real incident."""

from letopis.merge.decide import Decision, IncidentFacts, compare, facts_of_record
from letopis.merge.stored import facts_of_incident, match_stored

__all__ = ["Decision", "IncidentFacts", "compare", "facts_of_incident", "facts_of_record", "match_stored"]
