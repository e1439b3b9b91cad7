"""Items (questions, suggestions, commitments, learnings, demand) from a step's transcript.

Each language's rules find the cue of each kind in a sentence (summarise/fr.py, en.py); the
context modifiers said around the cue (summarise/context/) may cancel it; what is left is an
item, with its cue as its reason (set_aside gives the cancelled cues and what cancelled them).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .context import Cue, weigh
from .dates import NUMBERS, find_due, said_deadline
from .items import Item
from .pipelines import check_lang
from .sentences import RULES, Sentence, split


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


# The speaker or the group in what was learned: a lesson of their own, not a fact of the world.
PERSONAL = re.compile(r"\b(?:je|j'|me|m'|moi|mon|ma|mes|nous|on|i|my|we|our|us)\b")
MAX_ECHO = 6   # tokens of a short question that goes on the one before ("Au hasard ?")
LARGE_NUMBERS = {"cent", "cents", "mille", "million", "millions", "hundred", "hundreds", "thousand", "thousands"}
# The words of an item's reason; the cue labels come from each language's rules, the context's
# from its data files.
WHY_WORDS = {
    "en": {kind: kind for kind in ("question", "suggestion", "commitment", "learning", "demand")}
    | {"set aside": "set aside:", "due": "due", "disguised": "question that proposes a solution"},
    "fr": {"question": "question", "suggestion": "suggestion", "commitment": "engagement", "learning": "apprentissage",
           "demand": "demande", "set aside": "écarté :", "due": "échéance", "disguised": "question qui propose une solution"},
}


@dataclass
class Candidate:
    """A cue of a kind found in a sentence, and the context weighed around it."""
    kind: str
    cue: Cue
    context: list
    disguised: bool = False     # a question that proposes a solution

    @property
    def kept(self) -> bool:
        return not any(applied.cancels for applied in self.context)

    def why(self, lang: str) -> str:
        """One line for the people who check the item, in the session's language; for a cue set
        aside, what cancelled it."""
        words = WHY_WORDS[lang]
        reason = f"{words[self.kind]} : {self.cue.label}" if lang == "fr" else f"{self.kind}: {self.cue.label}"
        cancelled = [a for a in self.context if a.cancels]
        if cancelled:
            reason += f" · {words['set aside']} " + ", ".join(f"{a.label} «{a.words}»" for a in cancelled)
        return reason


def _figure(tok, lang: str) -> bool:
    """A number that measures something ("quinze chambres", "400 volts"), not "un" or "les deux"."""
    return tok.text[:1].isdigit() or tok.lower_ in LARGE_NUMBERS or NUMBERS[lang].get(tok.lower_, 0) >= 3


def _learning(rules, sent, step: str, lang: str) -> Cue | None:
    """What a participant takes away, said in the learnings step (the conventions keep "je
    retiens" in the synthesis for the client's plan); the same decision in both languages."""
    if step != "learnings":
        return None
    t = rules.normalise(sent.text)
    if rules.NO_CONTENT.search(t) or rules.LEARNING_NEGATED.search(t):
        return None
    for pattern in (rules.LEARNING, rules.LEARNING_LOOKING_BACK, rules.LEARNING_IN_REVIEW):
        m = pattern.search(t)
        # "J'ai appris qu'une femme de chambre fait quinze chambres par jour": a fact of the world
        # and its figure, trivia rather than what the session taught the speaker.
        if m and not (pattern is rules.LEARNING_LOOKING_BACK and any(_figure(tok, lang) for tok in sent)
                      and not PERSONAL.search(t[m.end():].split(",")[0])):
            return Cue.matched(m)
    # A lesson said as a general truth, without "I": "un objectif que personne porte, c'est pas un
    # objectif, c'est un fardeau"; not a remark on the session, nor a story.
    m = rules.MAXIM.search(t)
    if m and "?" not in t and not (rules.SPEAKER.search(t) or rules.PAST.search(t) or rules.SESSION_TALK.search(t)):
        return Cue.matched(m)
    return None


def candidates(sentence: Sentence, lang: str, step: str, session_date: datetime.date) -> list[Candidate]:
    """Every cue found in the sentence, kept or cancelled by its context."""
    rules = RULES[lang]
    span = sentence.span
    text = rules.normalise(sentence.text)

    def weighed(kind, cue):
        return [Candidate(kind, cue, weigh(text, cue, kind, lang))] if cue else []

    found = weighed("question", rules.is_question(span, step)) + weighed("demand", rules.is_demand(span, step))
    question = any(c.kept for c in found if c.kind == "question")
    disguised = question and rules.is_disguised(span)
    for candidate in found:
        # In the consultation proposing is the point: a question there is not flagged (CONVENTIONS.md).
        candidate.disguised = candidate.kind == "question" and disguised and step != "consultation"
    # In the consultation a question that carries a solution is the suggestion itself.
    if disguised and step == "consultation":
        found.append(Candidate("suggestion", Cue(WHY_WORDS[lang]["disguised"]), []))
    elif not question:
        found += weighed("suggestion", rules.is_suggestion(span, step))
    asked = [c.cue for c in found if c.kept and c.kind in ("question", "suggestion")]
    commitment = rules.is_commitment(span, step)
    if asked:
        # A sentence that asks or proposes commits only to an offer said first: "I'll send it to
        # you on Monday, you can adapt it".
        if not (commitment and commitment.end and commitment.end <= min(cue.start for cue in asked)):
            return found
        commitment = commitment if rules.ADDRESSEE.search(text) and said_deadline(text, lang) else None
        return found + weighed("commitment", commitment)
    learning = _learning(rules, span, step, lang)
    # "Je repars avec l'idée que ...": the learning's own words are no intention.
    if commitment and learning and commitment.start < learning.end:
        commitment = None
    # Outside the steps where people plan, "I'll jump in", "on passe au contrat" run the session:
    # an intention there counts with its time, or made to someone present ("je te l'envoie ce
    # soir"); in the client's exposé, only with its date.
    if commitment and step not in rules.ACTION_STEPS:
        dated = find_due(sentence.text, lang, session_date)[0] is not None
        timed_or_offered = said_deadline(text, lang) or rules.ADDRESSEE.search(text)
        if not (dated or step != "presentation" and timed_or_offered):
            commitment = None
    found += weighed("commitment", commitment)
    return found + weighed("learning", learning)


def _item(candidate: Candidate, sentence: Sentence, lang: str, step: str, session_date) -> Item:
    said = {"text": sentence.text, "start": sentence.start, "end": sentence.end, "why": candidate.why(lang)}
    if candidate.kind == "question":
        return Item("question", disguised_suggestion=candidate.disguised, **said)
    if candidate.kind == "demand":
        return Item("demand", owner="consultant", **said)    # the demand asks the consultants to act
    if candidate.kind == "suggestion":
        return Item("suggestion", owner="client", **said)
    if candidate.kind == "commitment":
        due, due_text = find_due(sentence.text, lang, session_date)
        if due_text:
            said["why"] += f" · {WHY_WORDS[lang]['due']} «{due_text}»"
        return Item("commitment", due=due, due_text=due_text, owner=COMMITMENT_OWNERS.get(step), **said)
    return Item("learning", **said)


def extract(segments, *, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    """Items of the segments (objects with .start, .end, .text), in the order they were said.

    lang: "fr" or "en"; step: a step id of the design; session_date: the base of relative
    due dates.
    """
    return extract_and_set_aside(segments, lang=lang, step=step, session_date=session_date)[0]


def set_aside(segments, *, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    """The cues that their context cancelled, as the items they would have been, each saying what
    set it aside: for the people who check or extend the rules (codev extract --explain)."""
    return extract_and_set_aside(segments, lang=lang, step=step, session_date=session_date)[1]


def extract_and_set_aside(segments, *, lang: str, step: str,
                          session_date: datetime.date) -> tuple[list[Item], list[Item]]:
    """Both of the above from one reading of the segments."""
    items, aside = [], []
    for item, kept in _weighed(segments, lang, step, session_date):
        (items if kept else aside).append(item)
    return items, aside


def _weighed(segments, lang: str, step: str, session_date: datetime.date):
    check_lang(lang)
    echo = []   # what set aside the question just before: "je me dis : par ancienneté ? au hasard ?"
    for sentence in split(segments, lang):
        found = candidates(sentence, lang, step, session_date)
        questions = [c for c in found if c.kind == "question"]
        for question in questions:
            if echo and len(sentence.span) <= MAX_ECHO:
                question.context += echo
        echo = [a for q in questions for a in q.context if a.cancels]
        for candidate in found:
            yield _item(candidate, sentence, lang, step, session_date), candidate.kept


def extract_text(text: str, *, lang: str, step: str, session_date: datetime.date) -> list[Item]:
    """The whole text as one segment with no times."""
    return extract([Segment(None, None, text)], lang=lang, step=step, session_date=session_date)
