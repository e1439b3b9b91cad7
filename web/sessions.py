"""Read-only pages: the list of sessions, and one session with its steps, transcripts and items."""
from pathlib import Path

from flask import Blueprint, abort, current_app, g, render_template, request, send_file
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from codev import transcript
from codev.models import Recording
from codev.sessions import access_links, list_sessions
from codev.templates import step_definition
from web import access
from web.db import get_db, load_session

bp = Blueprint("sessions", __name__)
SECTION_HEADINGS = {"demand": _l("Request"), "question": _l("Questions asked"),
                    "suggestion": _l("Suggestions received"), "commitment": _l("Commitments"),
                    "learning": _l("Learnings")}


@bp.get("/")
def index():
    return render_template("index.html", sessions=list_sessions(get_db()))


@bp.get("/sessions/<int:session_id>")
def detail(session_id: int):
    session = load_session(session_id)
    steps = [(step, step_definition(step.key)) for step in session.steps]
    items = [item for step in session.steps for item in step.items if item.status != "rejected"]
    sections = [(heading, [i for i in items if i.kind == kind]) for kind, heading in SECTION_HEADINGS.items()]
    links = expiry = None
    if current_app.config["LAN"] and access.on_this_computer():  # the links are the facilitator's to give
        port = request.environ.get("SERVER_PORT")  # the one the server listens on
        default = {"http": "80", "https": "443"}[request.scheme]
        base = f"{request.scheme}://{access.lan_address()}" + (f":{port}" if port and port != default else "")
        links = {role: f"{base}/s/{token}" for role, token in access_links(get_db(), session).items()}
        expiry = access.expires_at(session)
    return render_template("session.html", session=session, steps=steps, sections=sections, links=links,
                           expiry=expiry, transcript_lines=transcript.lines,
                           playable=any(r.status == "ready" and not r.audio_deleted_at
                                        for step in session.steps for r in step.recordings))


@bp.get("/recordings/<int:recording_id>/audio")
def audio(recording_id: int):
    recording = get_db().get(Recording, recording_id)
    if recording is None:
        abort(404)
    if recording.audio_deleted_at:  # the transcript is kept: the page says why there is nothing to hear
        g.lang = recording.step.session.lang
        abort(410, description=_("The audio of this take was deleted on %(date)s, as the group chose; its "
                                 "transcript is kept.", date=recording.audio_deleted_at.date().isoformat()))
    data_dir = Path(current_app.config["DATA_DIR"]).resolve()
    path = (data_dir / recording.path).resolve()
    if data_dir not in path.parents or not path.is_file():
        abort(404)
    return send_file(path, conditional=True)
