"""Scoring extraction against the annotated gold set (``letopis eval``)."""

from letopis.evaluation.gold import GoldReport, load_gold
from letopis.evaluation.score import Scores, check_floors, evaluate, load_floors

__all__ = ["GoldReport", "Scores", "check_floors", "evaluate", "load_floors", "load_gold"]
