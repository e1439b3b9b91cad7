"""Items (questions, suggestions, commitments, learnings, demand) from a step's transcript."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dates import find_due
from .items import Item
from .sentences import RULES, Sentence, check_lang, split

@dataclass
class Segment:
    start: float | None
    end: float | None
    text: str


# Who carries out a commitment, from who speaks in the step (see DESIGN.md); in the
# clarification both sides speak, so it is left open.
COMMITMENT_OWNERS = {"presentation": "client", "contract": "client", "synthesis": "client",
                     "follow_up": "client", "consultation": "consultant",
                     "learnings": "participant", "client_choice": "participant"}


def _is_learning(rules, sent, step: str) -> bool:
    """The same decision in both languages, on each language's cue patterns."""
    t = rules.normalise(sent.text)
    if rules.NO_CONTENT.search(t) or rules.LEARNING_NEGATED.search(t):
        return False
    if rules.LEARNING.search(t):
        return True
    if rules.LEARNING_LOOKING_BACK.search(t):
        return step in ("synthesis", "learnings", "follow_up")
    return bool(rules.LEARNING_IN_REVIEW.search(t)) and step == "learnings"


def _items(sentence: Sentence, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    rules = RULES[lang]
    span = sentence.span
    said = {"text": sentence.text, "start": sentence.start, "end": sentence.end}
    out = []
    question = rules.is_question(span, step)
    disguised = question and rules.is_disguised(span)
    if question:
        out.append(Item("question", disguised_suggestion=disguised, **said))
    if rules.is_demand(span, step):
        # The demand asks the consultants to act.
        out.append(Item("demand", owner="consultant", **said))
    # In the consultation a question that carries a solution is the suggestion itself.
    suggestion = (disguised and step == "consultation") or (
        not question and rules.is_suggestion(span, step))
    if suggestion:
        out.append(Item("suggestion", owner="client", **said))
    if question or suggestion:
        return out
    if rules.is_commitment(span, step):
        due, due_text = find_due(sentence.text, lang, session_date)
        out.append(Item("commitment", due=due, due_text=due_text,
                        owner=COMMITMENT_OWNERS.get(step), **said))
    if _is_learning(rules, span, step):
        out.append(Item("learning", **said))
    return out


def extract(segments, *, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    """Items of the segments (objects with .start, .end, .text), in the order they were said.

    lang: "fr" or "en"; step: a step id of the design; session_date: the base of relative
    due dates.
    """
    check_lang(lang)
    return [item for sentence in split(segments, lang)
            for item in _items(sentence, lang, step, session_date)]


def extract_text(text: str, *, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    """The whole text as one segment with no times."""
    return extract([Segment(None, None, text)], lang=lang, step=step, session_date=session_date)

