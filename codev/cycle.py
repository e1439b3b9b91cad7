"""The cycle review: a group's cycle seen whole, for the facilitator to prepare the review session
(the method's "séance de bilan"). For each session, the client's demand, their action plan and
what became of it at the next session's follow-up, the learnings said, and how the method was
followed; and the trend of those figures over the cycle.

Nobody is named in a transcript yet (who said what is issue 11), so the figures are the group's,
per role: the client's plan, the consultants' questions and suggestions."""
from dataclasses import dataclass

from codev.errors import NotFound
from codev.groups import by_cycle
from codev.models import Action, Group, Item, Session
from codev.notes import kept_items
from codev.review import ProcessReview, process_review

# What became of an action, in the order the review lists them; "planned" is one nobody reported on.
OUTCOMES = ("done", "partly", "dropped", "planned")


@dataclass
class SessionReview:
    session: Session
    demand: list[Item]
    plan: list[Action]
    # The next session of the cycle, whose follow-up step heard what became of the plan; None
    # while there is none (the statuses are then the client's own).
    followed_up_at: Session | None
    learnings: list[Item]
    process: ProcessReview

    def outcomes(self) -> dict[str, list[Action]]:
        return {status: [a for a in self.plan if a.status == status] for status in OUTCOMES}

    @property
    def overrun(self) -> float:
        """Seconds over their timeboxes, all steps together."""
        return sum(t.overrun for t in self.process.times)


# The figures followed over the cycle, one number per session.
TRENDS = {
    "open_questions": lambda s: len(s.process.open_questions),
    "disguised_suggestions": lambda s: len(s.process.disguised_suggestions),
    "early_suggestions": lambda s: len(s.process.early_suggestions),
    "minutes_over": lambda s: round(s.overrun / 60, 1),
    "actions_done": lambda s: len(s.outcomes()["done"]),
}


@dataclass
class CycleReview:
    group: Group
    cycle: int
    sessions: list[SessionReview]

    @property
    def lang(self) -> str:
        """The language the cycle's sessions are held in (its latest one's)."""
        return self.sessions[-1].session.lang

    def trend(self, figure: str) -> list[float]:
        return [TRENDS[figure](s) for s in self.sessions]


def cycle_sessions(group: Group, cycle: int | None = None) -> tuple[int, list[Session]]:
    """The sessions of one cycle of the group (its latest when `cycle` is None), in the order held."""
    cycles = dict(by_cycle(group))
    if not cycles:
        raise NotFound(f"{group.name} has no session yet.")
    cycle = max(cycles) if cycle is None else cycle
    if cycle not in cycles:
        raise NotFound(f"{group.name} has no session in cycle {cycle}. Its cycles: {', '.join(map(str, cycles))}.")
    return cycle, cycles[cycle]


def cycle_review(group: Group, cycle: int | None = None) -> CycleReview:
    cycle, sessions = cycle_sessions(group, cycle)
    following = [*sessions[1:], None]
    return CycleReview(group, cycle, [
        SessionReview(session=s, demand=kept_items(s, "demand"), plan=list(s.actions),
                      followed_up_at=after if after is not None and after.step("follow_up") else None,
                      learnings=kept_items(s, "learning"), process=process_review(s))
        for s, after in zip(sessions, following)])


def learnings_so_far(session: Session) -> list[tuple[Session, list[Item]]]:
    """The learnings of the sessions of `session`'s cycle, up to it: what its participants' link
    shows of the cycle. Nothing of later sessions, other cycles or other groups."""
    if session.group is None:
        return [(session, kept_items(session, "learning"))]
    _cycle, sessions = cycle_sessions(session.group, session.cycle)
    return [(s, kept_items(s, "learning")) for s in sessions[:sessions.index(session) + 1]]
