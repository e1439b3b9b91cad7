"""The records extraction returns."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

KINDS = ("question", "suggestion", "commitment", "learning", "demand")


@dataclass
class Item:
    kind: str                       # one of KINDS
    text: str                       # the sentence as spoken
    start: float | None = None      # seconds, from the segment the sentence came from
    end: float | None = None
    disguised_suggestion: bool = False   # questions only
    due: datetime.date | None = None     # commitments only
    due_text: str | None = None          # the raw words of the due date ("d'ici vendredi")
    owner: str | None = None             # "client", "consultant", "participant", or None
    # Why it was extracted, for the people who check it, in the session's language: the cue
    # that fired it, and a commitment's due date as said ("engagement : «je vais appeler» ·
    # échéance «vendredi»").
    why: str | None = None
