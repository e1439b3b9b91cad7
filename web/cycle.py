"""The cycle review (see codev.cycle): the facilitator's page and Word document, on their own
computer only; and what a participants' link shows of the cycle, its learnings."""
from dataclasses import dataclass

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _

from codev import export
from codev.cycle import cycle_review, learnings_so_far
from codev.errors import NotFound
from codev.templates import step_definition
from web.db import load_group, load_session
from web.exports import DOCX, download

bp = Blueprint("cycle", __name__)


@dataclass
class Chart:
    """A small bar chart of the trend: one bar per session and series, drawn as SVG by the page."""
    title: str
    series: list[tuple[str, str, list[float]]]  # (name, CSS class, a value per session)
    unit: str = ""

    @property
    def peak(self) -> float:
        return max([1, *(v for _name, _css, values in self.series for v in values)])


def _review(group_id: int, cycle: int):
    try:
        return cycle_review(load_group(group_id), cycle)
    except NotFound:
        abort(404)


def _charts(review) -> list[Chart]:
    return [
        Chart(_("Clarifying questions"), [(_("open"), "open", review.trend("open_questions")),
                                          (_("disguised suggestions"), "warn", review.trend("disguised_suggestions"))]),
        Chart(_("Suggestions during clarification"), [("", "warn", review.trend("early_suggestions"))]),
        Chart(_("Minutes over the timeboxes"), [("", "over", review.trend("minutes_over"))], unit=" min"),
        Chart(_("Actions done by the next session"), [("", "done", review.trend("actions_done"))]),
    ]


@bp.get("/groups/<int:group_id>/cycles/<int:cycle>/review")
def page(group_id: int, cycle: int):
    review = _review(group_id, cycle)
    return render_template("cycle_review.html", review=review, charts=_charts(review),
                           step_label=lambda session: lambda key: step_definition(key).label[session.lang])


@bp.get("/groups/<int:group_id>/cycles/<int:cycle>/review.docx")
def docx(group_id: int, cycle: int):
    review = _review(group_id, cycle)
    latest = review.sessions[-1].session
    return download(latest.date, f"{review.group.name}-cycle-{review.cycle}", export.cycle_to_docx(review), DOCX,
                    ".docx")


@bp.get("/sessions/<int:session_id>/cycle/learnings")
def learnings(session_id: int):
    """The learnings of the cycle so far, for the session's participants to take away: nothing of
    the clients' plans nor of how the method was followed."""
    session = load_session(session_id)
    return render_template("cycle_learnings.html", session=session, sessions=learnings_so_far(session))
