"""Extraction of questions, suggestions, commitments, learnings and the demand from
the transcript of a codev step (spaCy pipelines plus language rules; no storage)."""
from .extract import Segment, extract, extract_and_set_aside, extract_text, set_aside
from .items import KINDS, Item

__all__ = ["KINDS", "Item", "Segment", "extract", "extract_and_set_aside", "extract_text", "set_aside"]
