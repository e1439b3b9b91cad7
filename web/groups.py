"""Groups and their sessions: create a group with its members, list its sessions by cycle,
create a session of the group."""
import datetime
import tempfile
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from codev import notes, voices
from codev.errors import CodevError
from codev.groups import (AlreadyMember, add_member, by_cycle, create_group, create_group_session, list_groups,
                          member_names, next_cycle, previous_session, set_vocabulary)
from codev.models import Recording
from codev.ids import parse_id
from codev.retention import MAX_DAYS, audio_deadline, set_retention
from codev.sessions import LANGUAGES
from codev.templates import template, template_ids
from codev.text import LIMITS, TooLong, clean, file_name
from web.console import csrf_refused
from web.db import get_db, load_group, load_member, load_session
from web.errors import too_long
from web.review import message

bp = Blueprint("groups", __name__)
bp.register_error_handler(CSRFError, csrf_refused)


@bp.app_template_global("previous_session")
def _previous_session(session):
    """For session pages: the session whose client reports at this one's follow-up."""
    return previous_session(get_db(), session) if session.step("follow_up") else None


@bp.post("/sessions/<int:session_id>/follow-up/<int:action_id>")
def follow_up(session_id: int, action_id: int):
    """At this session's follow-up, what became of an action of the previous client's plan."""
    session = load_session(session_id)
    previous = _previous_session(session)
    if previous is None:
        abort(404)
    try:
        notes.report_outcome(get_db(), previous, request.form.get("version"), action_id, request.form.get("status"))
    except notes.NotesError as refused:
        flash(message(refused.code), "error")
    return redirect(url_for("console.console", session_id=session.id, step="follow_up", _anchor="follow-up"), 303)


@bp.app_template_global("audio_state")
def _audio_state(session) -> tuple[str | None, datetime.date | None]:
    """For the group's page: ("deleted", None) once retention deleted the session's audio,
    ("until", day) while it waits for that day, else (None, None)."""
    takes = [r for step in session.steps for r in step.recordings]
    if takes and all(r.audio_deleted_at for r in takes):
        return "deleted", None
    deadline = audio_deadline(session)
    return ("until", deadline.date()) if deadline and takes else (None, None)


@bp.context_processor
def _limits():
    return {"max_retention_days": MAX_DAYS, "max_vocabulary": LIMITS["vocabulary"], "group_takes": voices.group_takes}


@bp.get("/groups")
def index():
    return render_template("groups.html", groups=list_groups(get_db()), form={})


@bp.post("/groups")
def create():
    form = request.form
    name = form.get("name", "").strip()
    if not name:
        return _refused("groups.html", _("Give the group a name."), groups=list_groups(get_db()), form=form)
    try:
        group = create_group(get_db(), name, form.get("members", "").splitlines())
    except TooLong as error:
        return _refused("groups.html", too_long(error), groups=list_groups(get_db()), form=form)
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.get("/groups/<int:group_id>")
def detail(group_id: int):
    group = load_group(group_id)
    return render_template("groups_detail.html", group=group, cycles=by_cycle(group))


@bp.post("/groups/<int:group_id>/members")
def new_member(group_id: int):
    group = load_group(group_id)
    try:
        name = clean(request.form.get("name"), "name")  # as the group's members are stored
    except TooLong as refused:
        return _refused("groups_detail.html", too_long(refused), group=group, cycles=by_cycle(group))
    if not name:
        return _refused("groups_detail.html", _("Give the new member a name."), group=group, cycles=by_cycle(group))
    try:
        add_member(get_db(), group, name)
    except AlreadyMember:  # the database says so, even for two requests at the same moment
        return _refused("groups_detail.html", _("%(name)s is a member already.", name=name), group=group,
                        cycles=by_cycle(group))
    return redirect(url_for("groups.detail", group_id=group.id))


@bp.post("/groups/<int:group_id>/voiceprints")
def voiceprint(group_id: int):
    """A member's voiceprint, from a sample uploaded or from a stretch of one of the group's takes."""
    group = load_group(group_id)
    member = load_member(group, parse_id(request.form.get("member", "")) or 0)
    config, db = current_app.extensions["codev_config"], get_db()
    try:
        if request.form.get("take"):
            take = db.get(Recording, parse_id(request.form["take"]) or 0)
            if take not in voices.group_takes(group):
                abort(404)
            voices.enrol_take(db, config, member, take, _seconds(request.form.get("start")),
                              _seconds(request.form.get("end")))
        else:
            sent = request.files.get("sample")
            if sent is None or not sent.filename:
                return _voice_refused(group, _("Choose an audio file of %(name)s speaking.", name=member.name))
            # The sample goes once its voiceprint is made: only the voiceprint is kept.
            with tempfile.TemporaryDirectory(dir=config.data_dir, prefix="sample-") as folder:
                source = Path(folder) / file_name(sent.filename)
                sent.save(source)
                voices.enrol_file(db, member, source)
    except voices.VoiceError as refused:
        return _voice_refused(group, _voice_message(refused, member.name))
    flash(_("Voice known: %(name)s.", name=member.name), "ok")
    return redirect(url_for("groups.detail", group_id=group.id, _anchor="voices"), 303)


def _seconds(typed: str | None) -> float:
    try:
        return float((typed or "").replace(",", "."))
    except ValueError:
        return -1.0  # refused as outside the take


def _voice_message(refused: voices.VoiceError, name: str) -> str:
    details = refused.details
    if refused.code == "no_speech":
        return _("No speech heard in the sample for %(name)s; nothing was stored.", name=name)
    if refused.code == "too_short":
        return _("%(seconds)s s of speech heard in the sample for %(name)s: a voiceprint needs %(needed)d s at least. "
                 "Nothing was stored.", seconds=details["seconds"], name=name, needed=details["needed"])
    if refused.code == "not_audio":
        return _("This file cannot be used: %(error)s Nothing was stored.", error=details["error"])
    if refused.code == "no_audio":
        return _("That take's audio is not there (deleted, or still being recorded); nothing was stored.")
    return _("Choose a stretch within the take (0 to %(duration)d s), its start before its end; nothing was stored.",
             duration=details["duration"])


def _voice_refused(group, error: str):
    return render_template("groups_detail.html", group=group, cycles=by_cycle(group), voice_error=error), 400


@bp.post("/groups/<int:group_id>/retention")
def retention(group_id: int):
    """How many days the group keeps a session's audio once its client validated the notes."""
    group = load_group(group_id)
    typed = request.form.get("days", "").strip()
    days = int(typed) if typed.isascii() and typed.isdigit() and int(typed) <= MAX_DAYS else None
    if typed and days is None:
        error = _("Write a whole number of days from 0 to %(max)d, or leave it empty to keep the audio.", max=MAX_DAYS)
        # The page again with its message and what was typed: nothing was changed.
        return render_template("groups_detail.html", group=group, cycles=by_cycle(group), retention_error=error,
                               retention_typed=typed), 400
    set_retention(get_db(), group, days)
    return redirect(url_for("groups.detail", group_id=group.id, _anchor="retention"))


@bp.post("/groups/<int:group_id>/vocabulary")
def vocabulary(group_id: int):
    """The group's own words, given to Whisper with the names of those present."""
    group = load_group(group_id)
    typed = request.form.get("vocabulary", "")
    try:
        set_vocabulary(get_db(), group, typed)
    except TooLong as refused:  # the page again with its message and what was typed: nothing was changed
        return render_template("groups_detail.html", group=group, cycles=by_cycle(group),
                               vocabulary_error=too_long(refused), vocabulary_typed=typed), 400
    return redirect(url_for("groups.detail", group_id=group.id, _anchor="vocabulary"))


@bp.get("/groups/<int:group_id>/sessions/new")
def new_session(group_id: int):
    group = load_group(group_id)
    form = {"date": datetime.date.today().isoformat(), "lang": str(get_locale()), "template": "standard",
            "cycle": next_cycle(group), "present": member_names(group)}
    return _session_form(group, form)


@bp.post("/groups/<int:group_id>/sessions")
def create_session(group_id: int):
    group = load_group(group_id)
    form = request.form
    fields = {"title": form.get("title", "").strip(), "lang": form.get("lang", ""),
              "template_id": form.get("template", ""), "client": form.get("client", "").strip() or None,
              "facilitator": form.get("facilitator", "").strip() or None, "present": form.getlist("present")}
    error = None
    try:
        fields["date"] = datetime.date.fromisoformat(form.get("date", ""))
    except ValueError:
        error = _("The date must be a day of the calendar, such as 2026-10-07.")
    fields["cycle"] = parse_id(form.get("cycle", ""))
    if not fields["cycle"]:  # none, 0, or not a number the database holds
        error = error or _("The cycle is a number from 1.")
    error = error or _session_error(group, fields)
    if error:
        return _session_form(group, {**form, "present": fields["present"]}, error)
    try:
        session = create_group_session(get_db(), group, **fields)
    except TooLong as refused:
        return _session_form(group, {**form, "present": fields["present"]}, too_long(refused))
    except CodevError as refused:  # what the checks above do not foresee still reads clearly
        return _session_form(group, {**form, "present": fields["present"]}, str(refused))
    return redirect(url_for("console.console", session_id=session.id))


def _session_error(group, fields) -> str | None:
    members = member_names(group)
    if not fields["title"]:
        return _("Give the session a title.")
    if fields["lang"] not in LANGUAGES:
        return _("Choose the language spoken in the session.")
    if fields["template_id"] not in template_ids():
        return _("Choose one of the session templates.")
    named = [*fields["present"], *([fields["client"]] if fields["client"] else [])]
    if any(name not in members for name in named):
        return _("Only members of the group can be present or be the client; add newcomers to the group first.")
    return None


def _session_form(group, form, error: str | None = None):
    page = render_template("session_new.html", group=group, form=form, error=error, languages=LANGUAGES,
                           templates=[template(t) for t in template_ids()])
    return (page, 400) if error else page


def _refused(page: str, error: str, **context):
    """The page again with its message: nothing was stored."""
    return render_template(page, error=error, **context), 400
