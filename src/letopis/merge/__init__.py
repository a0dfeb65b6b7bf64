"""Deciding which incident records describe the same real incident."""

from letopis.merge.decide import Decision, IncidentFacts, compare, facts_of_record

__all__ = ["Decision", "IncidentFacts", "compare", "facts_of_record"]
