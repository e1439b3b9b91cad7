"""Extraction of questions, suggestions, commitments, learnings and the demand from
the transcript of a codev step (spaCy pipelines plus language rules; no storage)."""
from .extract import extract, extract_text
from .items import KINDS, Item

__all__ = ["KINDS", "Item", "extract", "extract_text"]
