"""Corrections of the transcript by hand (see codev.transcript): a line, its undoing, and a word or
name replaced everywhere in the session. The console's script sends JSON and is answered in JSON;
the client's review sends its forms and is answered as its own forms are (the page again, with a
message when a change was refused).

The facilitator corrects any line. A client's link corrects the lines their review shows; on the
facilitator's computer, a correction made from the review page is the client's."""
from flask import Blueprint, abort, current_app, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError

from codev import transcript, voices
from codev.ids import parse_id
from codev.models import Recording, Session
from codev.text import TooLong
from web import access, review
from web.console import csrf_refused as console_csrf_refused
from web.console import line_json
from web.db import get_db, load_member, load_session
from web.errors import error_page, too_long

bp = Blueprint("transcript", __name__)
# The status of a refusal, by its reason; any other is 400.
STATUSES = {"unknown_line": 404, "not_yours": 403, "changed": 409, "conflict": 409, "busy": 409, "not_corrected": 409}


# What the page says of a correction refused, by the reason codev.transcript gives.
MESSAGES = {
    "unknown_line": _l("This line is not in this session's transcript (any more): it went with a deleted take, "
                       "or is another session's. Nothing was changed."),
    "not_yours": _l("This line is not in your review: the facilitator can correct it. Nothing was changed."),
    "empty": _l("The corrected line is empty: write what was said, or undo the correction to go back to what "
                "was heard. Nothing was changed."),
    "empty_words": _l("Say which word to replace, and by what: neither can be empty. Nothing was changed."),
    "changed": _l("This line was changed elsewhere since the page showed it; nothing was changed. It now shows "
                  "as it is: correct it again."),
    "busy": _l("A take of this step is being recorded or transcribed: correct its lines once it is done. "
               "Nothing was changed."),
    "conflict": _l("The notes or the transcript were changed elsewhere at the same moment; nothing was changed. "
                   "Try again."),
    "not_corrected": _l("This line is as Whisper heard it: there is no correction to undo."),
    "unknown_speaker": _l("“%(speaker)s” is not one of the people of this session: choose one of the list. Nothing "
                          "was changed."),
    "no_match": _l("No line says “%(old)s” as a whole word: nothing was changed."),
    "no_change": _l("Every line that says “%(old)s” already says “%(new)s”: nothing was changed."),
}


def _wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"


def _fields():
    return request.get_json(silent=True) or request.form


def _who(session: Session, fields) -> tuple[str, set[int] | None]:
    """Who corrects, and the ids of the lines they may correct (None: any)."""
    if access.role(session.id) == "client":
        return "client", transcript.review_lines(session)
    return ("client" if fields.get("page") == "review" else "facilitator"), None


def _write(session_id: int, change, anchor: str, query=lambda result: {}):
    """Make a change; answer in JSON, or with the review page (the page again when refused; `query`
    the address's arguments after a change made)."""
    session = load_session(session_id)
    fields = _fields()
    by, within = _who(session, fields)
    try:
        result = change(get_db(), session, fields, by, within)
    except (transcript.TranscriptError, TooLong) as error:
        said = too_long(error) if isinstance(error, TooLong) else str(MESSAGES[error.code]) % error.details
        status = STATUSES.get(getattr(error, "code", None), 400)
        if _wants_json():
            return jsonify(error=said), status
        typed = [v.strip() for k in ("text", "new") if (v := fields.get(k, "")).strip()]
        return review.render_page(session, {"message": said, "conflict": False, "unsaved": typed}, status)
    if _wants_json():
        return jsonify(result)
    return redirect(url_for("review.page", session_id=session.id, _anchor=anchor, **query(result)), 303)


@bp.post("/sessions/<int:session_id>/lines/<int:line_id>")
def correct(session_id: int, line_id: int):
    def change(db, session, fields, by, within):
        segment = transcript.correct_line(db, session, line_id, fields.get("text"), by, fields.get("was"), within)
        return {"line": line_json(transcript.line(segment), session.id)}
    return _write(session_id, change, anchor=f"line-{line_id}")


@bp.post("/sessions/<int:session_id>/lines/<int:line_id>/speaker")
def speaker(session_id: int, line_id: int):
    """Who said a line, chosen by hand: it stays through labelling and extraction again."""
    def change(db, session, fields, by, within):
        segment = transcript.set_speaker(db, session, line_id, fields.get("speaker"), within)
        return {"line": line_json(transcript.line(segment), session.id)}
    return _write(session_id, change, anchor=f"line-{line_id}")


@bp.post("/sessions/<int:session_id>/recordings/<int:recording_id>/voices/<label>")
def name_voice(session_id: int, recording_id: int, label: str):
    """A voice nobody enrolled named after a member of the group, from the console on this computer
    (the endpoint is in no link's role): its lines say so, and the member's voiceprint is made from
    them if they have none."""
    session = load_session(session_id)
    recording = get_db().get(Recording, recording_id)
    if recording is None or recording.step.session_id != session.id or session.group is None:
        abort(404)
    member = load_member(session.group, parse_id(str(_fields().get("member", ""))) or 0)
    try:
        made = voices.name_voice(get_db(), current_app.extensions["codev_config"], recording, label, member)
    except voices.VoiceError:
        return jsonify(error=_("No line of this take is %(label)s's any more; nothing was changed.", label=label)), 409
    if made:
        return jsonify(message=_("Voice known: %(name)s.", name=member.name))
    return jsonify(message=_("The lines of %(label)s are %(name)s's; too little speech in them to make a voiceprint.",
                             label=label, name=member.name))


@bp.app_template_global("speaker_choices")
def _speaker_choices(session: Session) -> list[str]:
    return voices.speaker_choices(session)


@bp.post("/sessions/<int:session_id>/lines/<int:line_id>/undo")
def undo(session_id: int, line_id: int):
    def change(db, session, fields, by, within):
        return {"line": line_json(transcript.line(transcript.undo(db, session, line_id, within)), session.id)}
    return _write(session_id, change, anchor=f"line-{line_id}")


@bp.post("/sessions/<int:session_id>/transcript/replace")
def replace(session_id: int):
    def change(db, session, fields, by, within):
        changes = transcript.replace_everywhere(db, session, fields.get("old"), fields.get("new"), by, within)
        return {"changed": len(changes), "message": replaced(len(changes)),
                "lines": [line_json(transcript.line(c.line), session.id) for c in changes]}
    return _write(session_id, change, anchor="replace", query=lambda result: {"replaced": result["changed"]})


def replaced(count: int) -> str:
    return ngettext("Replaced in %(num)d line, marked as corrected.", "Replaced in %(num)d lines, each marked as "
                    "corrected.", count)


@bp.errorhandler(CSRFError)
def csrf_refused(error: CSRFError):
    if _wants_json():
        return console_csrf_refused(error)  # the console's script shows its message
    return error_page(error)  # the review's forms: the app's error page, as for the review's own
