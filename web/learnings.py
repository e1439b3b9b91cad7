"""What the group learned: in one session (with the process review of how the method was
followed), and across all the sessions of a group."""
from itertools import groupby

from flask import Blueprint, render_template

from codev.groups import by_cycle
from codev.notes import item_moment, kept_items
from codev.review import per_speaker, process_review
from codev.templates import step_definition
from codev.voices import speaker_choices
from web import access
from web.db import load_group, load_session

bp = Blueprint("learnings", __name__)


def _by_step(session) -> list:
    """The session's learnings grouped by the step they were said in."""
    learnings = kept_items(session, "learning")
    return [(key, list(items)) for key, items in groupby(learnings, key=lambda i: i.step.key)]


def _by_person(session) -> list:
    """The learnings of each person who said one, in the order of the session's people."""
    learnings = kept_items(session, "learning")
    return [(name, said) for name in speaker_choices(session)
            if (said := [item for item in learnings if item.speaker == name])]


@bp.get("/sessions/<int:session_id>/learnings")
def session_learnings(session_id: int):
    session = load_session(session_id)
    return render_template("learnings.html", session=session, steps=_by_step(session), people=_by_person(session),
                           review=process_review(session), moment=item_moment, per_speaker=per_speaker,
                           facilitator=access.role(session.id) == "facilitator",
                           step_label=lambda key: step_definition(key).label[session.lang])


@bp.get("/groups/<int:group_id>/learnings")
def group_learnings(group_id: int):
    group = load_group(group_id)
    cycles = [(cycle, [(s, kept_items(s, "learning"), process_review(s)) for s in sessions])
              for cycle, sessions in by_cycle(group)]
    return render_template("learnings_group.html", group=group, cycles=cycles)
