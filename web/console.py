"""The facilitator's console: one session, step by step. It records a step through the core's
StepRecording (one at a time per app: there is one microphone), takes uploaded audio files
and transcribes them in the background, and serves a status the page polls to show the
level, the timer, the transcription of each take and the step's transcript and items."""
import logging
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import (Blueprint, abort, current_app, flash, g, jsonify, make_response, redirect, render_template,
                   request, url_for)
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from codev import transcript, voices
from codev.errors import CodevError, NotFound
from codev.export import clock, item_dict
from codev.models import Job, Recording, Session
from codev.recording import StepRecording, give_consent
from codev.sessions import get_step
from codev.takes import store_take, transcribe_take
from codev.templates import step_definition
from codev.text import file_name
from recorder import AudioError, DeviceError, RecordingError, list_devices
from transcribe import ModelUnavailable, Transcriber, resolve_model
from web import UPLOADS
from web.access import on_this_computer
from web.db import get_db, load_session
from web.errors import file_too_large, form_too_large

bp = Blueprint("console", __name__)
log = logging.getLogger(__name__)
_extensions_lock = threading.Lock()


@dataclass(frozen=True)
class LiveTake:
    # Where the take is, noted at its start: its ORM objects belong to the threads that record it.
    take: StepRecording
    session_id: int
    step_key: str
    recording_id: int


class Live:
    """The step being recorded in this app, and the takes stopped but not yet transcribed."""

    def __init__(self):
        self.lock = threading.Lock()  # starting, stopping and listing devices (which restarts PortAudio)
        self.current: LiveTake | None = None
        self.finishing: dict[int, StepRecording] = {}  # by recording id


class Transcriptions:
    """Uploaded takes, decoded and transcribed one after the other in a background thread, in the
    order they were stored: a take's place on the step's timeline is the length of those before it."""

    def __init__(self, app):
        self._app, self._wake = app, threading.Event()
        threading.Thread(target=self._work, name="uploaded takes", daemon=True).start()

    def submit(self) -> None:
        """A take was uploaded: its queued job is in the database."""
        self._wake.set()

    def _work(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._app.extensions["codev_db"]() as db:
                while (job := _next_upload(db)) is not None:
                    _finish(db, job.recording_id, lambda: transcribe_take(
                        db, self._app.extensions["codev_config"], transcriber(self._app), job.recording))


def _next_upload(db) -> Job | None:
    """The first take uploaded to this process still waiting for its job."""
    return db.scalar(select(Job).join(Recording).where(Job.status == "queued", Job.pid == os.getpid(),
                                                       Recording.status == "uploaded")
                     .order_by(Recording.id).limit(1))


def _extension(app, name: str, make):
    app = getattr(app, "_get_current_object", lambda: app)()  # threads outlive the request: not the proxy
    with _extensions_lock:
        if name not in app.extensions:
            app.extensions[name] = make(app)
        return app.extensions[name]


def transcriber(app) -> Transcriber:
    """The app's one transcriber, made on first use (the model is assembled then if needed)."""
    return _extension(app, "codev_transcriber",
                      lambda app: Transcriber(resolve_model(None, app.extensions["codev_config"].models_dir)))


def _live() -> Live:
    return _extension(current_app, "codev_live", lambda app: Live())


def _finish(db, recording_id: int, work) -> None:
    """Run a take's transcription; a failure shows on its job, to be tried again at the next start."""
    try:
        work()
    except Exception as error:
        log.exception("transcription of take %s failed", recording_id)
        db.rollback()
        job = db.scalar(select(Job).where(Job.recording_id == recording_id))
        if job.status != "failed":
            job.status, job.error = "failed", str(error)
        job.pid = None
        db.commit()


# Pages ----------------------------------------------------------------------------------------

def _step(session, key: str):
    try:
        return get_step(session, key)
    except NotFound:
        abort(make_response(_refuse(_("This session has no step '%(step)s'.", step=key), 404)))


def _current_step_key(session) -> str:
    """The step being recorded, else the first one not recorded yet, else the last one."""
    live = _live().current
    if live and live.session_id == session.id:
        return live.step_key
    return next((s.key for s in session.steps if not s.recordings), session.steps[-1].key)


@bp.get("/sessions/<int:session_id>/console")
def console(session_id: int):
    session = load_session(session_id)
    step = _step(session, request.args.get("step") or _current_step_key(session))
    devices, device_error = [], None
    with _live().lock:
        try:
            devices = list_devices()
        except DeviceError as error:
            device_error = str(error)
    position = session.steps.index(step)
    return render_template(
        "console.html", session=session, step=step, definition=step_definition(step.key),
        steps=[(s, step_definition(s.key)) for s in session.steps], position=position,
        step_labels={s.key: step_definition(s.key).label[session.lang] for s in session.steps},
        following=session.steps[position + 1] if position + 1 < len(session.steps) else None,
        devices=devices, device_error=device_error, status=_status(session, step))


@bp.get("/sessions/<int:session_id>/console/status")
def status(session_id: int):
    session = load_session(session_id)
    return jsonify(_status(session, _step(session, request.args.get("step", ""))))


def _status(session, step) -> dict:
    live = _live()
    current = live.current
    takes = [_take(r, current, live.finishing) for r in step.recordings]
    recording = None
    if current and current.session_id != session.id:
        recording = {"state": "busy", "error": _("Another session is being recorded; stop it in its own console first.")}
    elif current:
        take = current.take
        recording = {"step": current.step_key, "state": take.state, "level": round(take.level, 1),
                     "silent": take.microphone_silent, "duration": round(take.duration, 1),
                     "error": str(take.recorder.error or "") or None}
    return {
        "consent": session.consent_at is not None,
        "recording": recording,
        "speakers": voices.speaker_choices(session),  # whom a line can be given to
        # Voices nobody enrolled, which the facilitator names on their own computer (voiceprints stay there).
        "unknown_voices": [{"take": v.recording.position, "label": v.label, "lines": v.lines,
                            "url": url_for("transcript.name_voice", session_id=session.id, recording_id=v.recording.id,
                                           label=v.label)}
                           for v in voices.unknown_voices(step)] if session.group and on_this_computer() else [],
        "members": [{"id": m.id, "name": m.name} for m in session.group.members] if session.group else [],
        "step": {"key": step.key, "timebox": step.timebox * 60, "elapsed": round(sum(t["duration"] for t in takes), 1),
                 "takes": takes,
                 "transcript": [line_json(line, session.id) for line in transcript.lines(step)],
                 "items": [{**item_dict(i), "at": clock(i.start) if i.start is not None else None}
                           for i in step.items]},
        "steps": {s.key: round(s.duration + (recording["duration"] if recording and recording.get("step") == s.key else 0), 1)
                  for s in session.steps},
    }


def line_json(line: transcript.Line, session_id: int) -> dict:
    """A transcript line as the console's script draws it: with its moment as shown, where to hear
    it, and where to correct it (web.transcript)."""
    return {**asdict(line), "clock": clock(line.start),
            "audio_url": url_for("sessions.audio", recording_id=line.recording_id) if line.audio == "ready" else None,
            "url": url_for("transcript.correct", session_id=session_id, line_id=line.id),
            "speaker_url": url_for("transcript.speaker", session_id=session_id, line_id=line.id)}


def _take(recording: Recording, current: LiveTake | None, finishing: dict[int, StepRecording]) -> dict:
    """What the console shows of a take: its state, and how far its transcription went."""
    job, duration = recording.job, recording.duration
    if recording.status == "recording":  # its duration is stored at the end
        if recording.id in finishing:
            state, duration = "transcribing", finishing[recording.id].duration
        elif current and current.recording_id == recording.id:
            state, duration = current.take.state, current.take.duration
            if state == "failed":  # the device went away; what was recorded is kept at stop
                state = "device_lost"
        else:
            state = "interrupted"  # by a process that died: recovered at the next start
    else:
        state = {"queued": "queued", "running": "transcribing", "done": "done", "failed": "failed"}[job.status]
    return {"id": recording.id, "position": recording.position, "name": recording.original_name,
            "duration": round(duration, 1), "clock": clock(duration), "state": state,
            "progress": round(min(1.0, job.done_until / duration), 3) if duration else 0.0,
            "error": job.error if state == "failed" else None, "recovered": recording.recovered,
            "audio": url_for("sessions.audio", recording_id=recording.id)
            if recording.status == "ready" and not recording.audio_deleted_at else None,
            # Not while it is recorded or transcribed (deletion would be refused), nor from another computer.
            "delete": url_for("deletion.take", recording_id=recording.id)
            if state in ("done", "failed", "interrupted") and on_this_computer() else None}


# Writes ---------------------------------------------------------------------------------------

def _refuse(message: str, status: int):
    if request.accept_mimetypes.best == "application/json" or request.is_json or request.endpoint == "console.status":
        return jsonify(error=message), status
    session_id = (request.view_args or {}).get("session_id")
    back = url_for("console.console", session_id=session_id) if session_id else url_for("groups.index")
    return render_template("console_error.html", message=message, back=back), status


@bp.post("/sessions/<int:session_id>/consent")
def consent(session_id: int):
    give_consent(get_db(), load_session(session_id))
    return jsonify(consent=True)


@bp.post("/sessions/<int:session_id>/steps/<step_key>/record")
def record(session_id: int, step_key: str):
    session = load_session(session_id)
    step = _step(session, step_key)
    if session.consent_at is None:
        return _refuse(_("The group has not agreed to be recorded yet: confidentiality is a codev rule. "
                         "Ask the group, then tick the consent box."), 403)
    device = (request.get_json(silent=True) or request.form).get("device") or None
    live = _live()
    with live.lock:
        if live.current:
            return _refuse(_("A step is being recorded already: stop it first."), 409)
        try:
            take = StepRecording(current_app.extensions["codev_db"], current_app.extensions["codev_config"],
                                 transcriber(current_app), session.id, step.key, device=device)
            take.start()
        except (CodevError, DeviceError, RecordingError, ModelUnavailable) as error:
            return _refuse(_("Cannot record: %(error)s", error=error), 400)
        live.current = LiveTake(take, session.id, step.key, take.recording.id)
    return jsonify(_status(session, step))


@bp.post("/sessions/<int:session_id>/record/<any(pause, resume, stop):action>")
def control(session_id: int, action: str):
    session = load_session(session_id)
    live = _live()
    with live.lock:
        current = live.current
        if current is None or current.session_id != session.id:
            return _refuse(_("Nothing is being recorded in this session."), 409)
        if action == "pause":
            current.take.pause()
        elif action == "resume":
            current.take.resume()
        else:
            # The device is free at once; the rest is transcribed in the background.
            current.take.recorder.stop()
            live.current, live.finishing[current.recording_id] = None, current.take
            threading.Thread(target=_stop, args=(current_app._get_current_object(), current),
                             name="stopped take", daemon=True).start()
    return jsonify(_status(session, _step(session, current.step_key)))


def _stop(app, stopped: LiveTake) -> None:
    try:
        with app.extensions["codev_db"]() as db:
            _finish(db, stopped.recording_id, stopped.take.stop)
    finally:
        app.extensions["codev_live"].finishing.pop(stopped.recording_id, None)


@bp.post("/sessions/<int:session_id>/steps/<step_key>/upload")
def upload(session_id: int, step_key: str):
    session = load_session(session_id)
    step = _step(session, step_key)
    sent = request.files.get("audio")
    if sent is None or not sent.filename:
        return _refuse(_("Choose an audio file to upload."), 400)
    config = current_app.extensions["codev_config"]
    name = file_name(sent.filename)  # as the facilitator named it, in any script, fit for a file system
    # Checked (its type by its own suffix, its container), then stored, from a copy in the data folder;
    # none of it stays behind. It is decoded by its job, after this request: an hour takes no time here.
    with tempfile.TemporaryDirectory(dir=config.data_dir, prefix="upload-") as folder:
        source = Path(folder) / name
        sent.save(source)
        try:
            recording = store_take(get_db(), config, session.id, step.key, source, original_name=name)
        except (AudioError, CodevError) as error:
            return _refuse(_("This file cannot be used: %(error)s Nothing was stored.", error=error), 400)
    _extension(current_app, "codev_transcriptions", Transcriptions).submit()
    flash(_("%(name)s is stored as take %(position)s; it is being transcribed.",
            name=recording.original_name, position=recording.position), "ok")
    return redirect(url_for("console.console", session_id=session.id, step=step.key))


def _before_the_view() -> None:
    """For a request refused before its view ran: the page's language is still to be found."""
    session_id = (request.view_args or {}).get("session_id")
    found = get_db().get(Session, session_id) if session_id else None
    if found:
        g.lang = found.lang


def csrf_refused(_error: CSRFError):
    _before_the_view()
    return _refuse(_("This page has expired or did not come from this app: reload it and try again. "
                     "Nothing was changed."), 400)


def too_large(_error: RequestEntityTooLarge):
    _before_the_view()
    return _refuse(file_too_large() if request.endpoint in UPLOADS else form_too_large(), 413)


bp.register_error_handler(CSRFError, csrf_refused)
bp.register_error_handler(RequestEntityTooLarge, too_large)
