"""Deleting a session, a take or a group for good (see codev.erase): a page that names what
goes, then the deletion, asked by its form. Only on the facilitator's laptop: with
`codev serve --lan`, other computers cannot delete."""
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from codev import erase, voices
from codev.errors import CodevError
from codev.export import clock
from codev.models import Recording
from codev.templates import step_definition
from web import access
from web.console import csrf_refused
from web.db import get_db, load_group, load_member, load_session

bp = Blueprint("deletion", __name__)
bp.register_error_handler(CSRFError, csrf_refused)


@bp.app_template_global()
def can_delete() -> bool:
    return access.on_this_computer()


@bp.before_request
def facilitator_only():
    if not access.on_this_computer():
        abort(403, description=_("Only the facilitator, on their own computer, can delete."))


@bp.route("/sessions/<int:session_id>/delete", methods=["GET", "POST"])
def session(session_id: int):
    found = load_session(session_id)
    then = url_for("groups.detail", group_id=found.group_id) if found.group_id else url_for("sessions.index")
    cancel = url_for("sessions.detail", session_id=found.id)
    if request.method == "POST":
        date = format_date(found.date, "long")
        return _delete(lambda: erase.delete_session(get_db(), current_app.extensions["codev_config"], found),
                       _("The session of %(date)s is deleted, with everything in it.", date=date), then, cancel)
    lines = [_("The session of %(date)s, «%(title)s»", date=format_date(found.date, "long"), title=found.title),
             *_contents(erase.session_contents(found))]
    return _confirm(_("Delete this session for good?"), lines, cancel)


@bp.route("/recordings/<int:recording_id>/delete", methods=["GET", "POST"])
def take(recording_id: int):
    recording = get_db().get(Recording, recording_id)
    if recording is None:
        abort(404)
    found = load_session(recording.step.session_id)  # the page speaks the session's language
    step_key, number = recording.step.key, recording.position
    back = url_for("console.console", session_id=found.id, step=step_key)
    if request.method == "POST":
        return _delete(lambda: erase.delete_take(get_db(), current_app.extensions["codev_config"], recording),
                       _("Take %(number)d is deleted.", number=number), back, back)
    going, kept = erase.take_items(recording)
    lines = [_("Take %(number)d of the step «%(step)s», %(duration)s, in the session of %(date)s", number=number,
               step=step_definition(step_key).label[g.lang], duration=clock(recording.duration),
               date=format_date(found.date, "long")),
             ngettext("its transcript (%(num)d segment)", "its transcript (%(num)d segments)", len(recording.segments)),
             ngettext("%(num)d item extracted from it", "%(num)d items extracted from it", len(going))]
    kept_note = ngettext("%(num)d item of this take that the client reviewed stays in their notes, without its moment.",
                         "%(num)d items of this take that the client reviewed stay in their notes, without their moment.",
                         len(kept)) if kept else None
    return _confirm(_("Delete this take for good?"), lines, back, kept_note)


@bp.route("/groups/<int:group_id>/delete", methods=["GET", "POST"])
def group(group_id: int):
    found = load_group(group_id)
    cancel = url_for("groups.detail", group_id=found.id)
    if request.method == "POST":
        return _delete(lambda: erase.delete_group(get_db(), current_app.extensions["codev_config"], found),
                       _("The group is deleted, with its sessions."), url_for("groups.index"), cancel)
    contents = erase.group_contents(found)
    lines = [ngettext("The group «%(name)s» and its %(num)d member", "The group «%(name)s» and its %(num)d members",
                      contents.members, name=found.name),
             ngettext("%(num)d session", "%(num)d sessions", contents.sessions)]
    if contents.sessions:
        lines += _contents(contents)
    return _confirm(_("Delete this group for good?"), lines, cancel)


@bp.route("/groups/<int:group_id>/members/<int:member_id>/delete", methods=["GET", "POST"])
def member(group_id: int, member_id: int):
    found = load_group(group_id)
    person = load_member(found, member_id)
    back = url_for("groups.detail", group_id=found.id)
    if request.method == "POST":
        return _delete(lambda: erase.delete_member(get_db(), person),
                       _("%(name)s is no longer a member of the group.", name=person.name),
                       back, back)
    lines = [_("%(name)s, from the members of «%(group)s»", name=person.name, group=found.name)]
    if person.voiceprint:
        lines.append(_("their voiceprint"))
    return _confirm(_("Remove this member?"), lines, back,
                    _("Their name stays in the sessions they took part in, with what they said."))


@bp.post("/groups/<int:group_id>/members/<int:member_id>/voiceprint/delete")
def voiceprint(group_id: int, member_id: int):
    found = load_group(group_id)
    person = load_member(found, member_id)
    voices.forget(get_db(), person)
    flash(_("Voiceprint deleted: %(name)s.", name=person.name), "ok")
    return redirect(url_for("groups.detail", group_id=found.id, _anchor="voices"), 303)


def _contents(contents: erase.Contents) -> list[str]:
    """What sessions hold, line by line."""
    lines = [ngettext("%(num)d recording (%(minutes)d min)", "%(num)d recordings (%(minutes)d min)",
                      contents.recordings, minutes=contents.minutes),
             ngettext("%(num)d transcript", "%(num)d transcripts", contents.transcripts),
             ngettext("%(num)d extracted item", "%(num)d extracted items", contents.items)]
    if contents.notes:
        lines.append(_("the client's notes: their review, synthesis and action plan") if contents.sessions == 1 else
                     ngettext("the notes of %(num)d client", "the notes of %(num)d clients", contents.notes))
    if contents.links:
        lines.append(_("its access links") if contents.sessions == 1 else
                     ngettext("the access links of %(num)d session", "the access links of %(num)d sessions",
                              contents.links))
    return lines


def _confirm(title: str, lines: list[str], back: str, kept: str | None = None):
    return render_template("confirm_delete.html", title=title, lines=lines, back=back, kept=kept)


def _delete(delete, done: str, then: str, cancel: str):
    try:
        delete()
    except erase.InProgress:
        message = _("A take is being recorded or transcribed: stop it or let it finish, then delete. "
                    "Nothing was deleted.")
        return render_template("console_error.html", message=message, back=cancel), 409
    except CodevError as error:  # deleted from the database, but a file would not go: say which
        return render_template("console_error.html", message=str(error), back=then), 500
    # The message names no title: it travels in the browser's cookie.
    flash(done, "ok")
    return redirect(then, 303)
