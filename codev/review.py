"""The process review for the regulation part of the learnings step: the feedback a facilitator
gives the group on how the method was followed."""
from collections import Counter
from dataclasses import dataclass

from codev.models import Item, Session


@dataclass
class StepTime:
    key: str
    duration: float  # seconds recorded
    timebox: int  # minutes

    @property
    def overrun(self) -> float:
        """Seconds over the timebox (0 when within it)."""
        return max(0.0, self.duration - self.timebox * 60)


@dataclass
class ProcessReview:
    # Questions of the clarification step that asked, without carrying a solution.
    open_questions: list[Item]
    # Questions of the clarification step that carried a solution.
    disguised_suggestions: list[Item]
    # Suggestions made while the group should only ask questions.
    early_suggestions: list[Item]
    times: list[StepTime]


def process_review(session: Session) -> ProcessReview:
    """The figures count what the client did not set aside: an item they rejected was no such thing."""
    clarification = [item for step in session.steps if step.key == "clarification" for item in step.items
                     if item.status != "rejected"]
    return ProcessReview(
        open_questions=[i for i in clarification if i.kind == "question" and not i.disguised_suggestion],
        disguised_suggestions=[i for i in clarification if i.kind == "question" and i.disguised_suggestion],
        early_suggestions=[i for i in clarification if i.kind == "suggestion"],
        times=[StepTime(step.key, step.duration, step.timebox) for step in session.steps if step.recordings])


def per_speaker(items: list[Item]) -> list[tuple[str, int]]:
    """How many of `items` each speaker said, most first; those whose speaker is not told are left out.
    For the facilitator's feedback only, never in the client's notes."""
    return Counter(item.speaker for item in items if item.speaker).most_common()
