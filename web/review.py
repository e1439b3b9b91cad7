"""The client's review of their notes: one page, and one POST per change (see codev.notes).

Every form carries the version of the notes its page was built from. A refused change (stale
version, bad input) answers with the page rebuilt from the notes as they are, a message, and
what the client had typed, so nothing is lost; an accepted one redirects back to the page."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from codev import notes, transcript
from codev.ids import parse_id
from codev.templates import step_definition
from codev.text import TooLong
from web.db import get_db, load_session
from web.errors import form_too_large, too_long

bp = Blueprint("review", __name__)


def message(code: str) -> str:
    """What the client is told when a change is refused, by the reason codev.notes gives."""
    return {
        "conflict": _("These notes were changed in another tab or window since this page was opened, so your "
                      "change was not saved and nothing was overwritten. The page has been reloaded with the "
                      "latest notes: make your change again."),
        "empty_text": _("The text is empty: write something before saving."),
        "bad_date": _("This date is not valid: choose it in the calendar or write it as YYYY-MM-DD."),
        "bad_status": _("This status is unknown."),
        "bad_kind": _("This kind of item is unknown."),
        "unknown_item": _("This item is not part of these notes."),
        "unknown_action": _("This action is not part of the action plan."),
        "not_commitment": _("Only a commitment can become an action."),
        "already_planned": _("This commitment is already in your action plan."),
        "bad_move": _("An action can only move up or down."),
    }[code]


@bp.app_template_global("action_status")
def action_status(status: str) -> str:
    """An action's status in words, wherever a plan is shown."""
    return {"planned": _("Planned"), "done": _("Done"), "partly": _("Partly done"),
            "dropped": _("Dropped")}.get(status, status)


@bp.get("/sessions/<int:session_id>/review")
def page(session_id: int):
    return render_page(load_session(session_id))


def render_page(session, problem: dict | None = None, status: int = 200):
    items = [item for step in session.steps for item in step.items]
    sections = [(kind, [i for i in items if i.kind == kind]) for kind in notes.REVIEWED_KINDS]
    return render_template(
        "review.html", session=session, sections=sections, problem=problem,
        planned={a.item_id for a in session.actions}, statuses=notes.ACTION_STATUSES,
        context=notes.item_context, moment=notes.item_moment, transcript_line=transcript.line,
        replaced=parse_id(request.args.get("replaced", "")),
        step_label=lambda key: step_definition(key).label[session.lang]), status


def _write(session_id: int, change, *args, anchor: str = ""):
    session = load_session(session_id)
    try:
        change(get_db(), session, request.form.get("version"), *args)
    except (notes.NotesError, TooLong) as error:
        typed = [v.strip() for k in ("text", "synthesis") if (v := request.form.get(k, "")).strip()]
        conflict = isinstance(error, notes.Conflict)
        said = too_long(error) if isinstance(error, TooLong) else message(error.code)
        problem = {"message": said, "conflict": conflict, "unsaved": typed}
        return render_page(session, problem, 409 if conflict else 400)
    return redirect(url_for(".page", session_id=session.id, _anchor=anchor), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """A form too large to read: the page with the message, where its script puts back what the
    client had typed (the server has not read it)."""
    session = load_session(request.view_args["session_id"])  # first: the message speaks the session's language
    return render_page(session, {"message": form_too_large(), "conflict": False, "unsaved": []}, 413)


@bp.post("/sessions/<int:session_id>/review/items/<int:item_id>/status")
def item_status(session_id: int, item_id: int):
    return _write(session_id, notes.set_item_status, item_id, request.form.get("status"), anchor=f"item-{item_id}")


@bp.post("/sessions/<int:session_id>/review/items/<int:item_id>")
def edit_item(session_id: int, item_id: int):
    return _write(session_id, notes.edit_item, item_id, request.form.get("text"), request.form.get("due"),
                  anchor=f"item-{item_id}")


@bp.post("/sessions/<int:session_id>/review/items")
def add_item(session_id: int):
    kind = request.form.get("kind")
    return _write(session_id, notes.add_item, kind, request.form.get("text"), request.form.get("due"), anchor=kind)


@bp.post("/sessions/<int:session_id>/review/items/<int:item_id>/plan")
def plan_commitment(session_id: int, item_id: int):
    return _write(session_id, notes.plan_commitment, item_id, anchor="plan")


@bp.post("/sessions/<int:session_id>/review/synthesis")
def synthesis(session_id: int):
    return _write(session_id, notes.set_synthesis, request.form.get("synthesis"), anchor="synthesis")


@bp.post("/sessions/<int:session_id>/review/actions")
def add_action(session_id: int):
    return _write(session_id, notes.add_action, request.form.get("text"), request.form.get("due"),
                  request.form.get("status", "planned"), anchor="plan")


@bp.post("/sessions/<int:session_id>/review/actions/<int:action_id>")
def edit_action(session_id: int, action_id: int):
    return _write(session_id, notes.edit_action, action_id, request.form.get("text"), request.form.get("due"),
                  request.form.get("status"), anchor=f"action-{action_id}")


@bp.post("/sessions/<int:session_id>/review/actions/<int:action_id>/move")
def move_action(session_id: int, action_id: int):
    return _write(session_id, notes.move_action, action_id, request.form.get("direction"),
                  anchor=f"action-{action_id}")


@bp.post("/sessions/<int:session_id>/review/actions/<int:action_id>/delete")
def delete_action(session_id: int, action_id: int):
    return _write(session_id, notes.delete_action, action_id, anchor="plan")


@bp.post("/sessions/<int:session_id>/review/validate")
def validate(session_id: int):
    return _write(session_id, notes.validate, anchor="validate")
