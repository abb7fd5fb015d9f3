"""Scoring the coder against human-coded gold records (PLOVER GSR JSON, PETRARCH XML)."""

from .gold import GoldActor, GoldRecord, read_gold
from .metrics import EvalReport, evaluate

__all__ = ["GoldRecord", "GoldActor", "read_gold", "evaluate", "EvalReport"]
