"""Access over the network. On 127.0.0.1 the facilitator's own browser sees everything. With
`codev serve --lan`, a browser on another machine sees a session only after opening one of its
access links (a random token): the session link opens the whole session, the client link only
the client's review."""
import ipaddress
import socket

from flask import Blueprint, abort, current_app, redirect, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select

from codev.models import Recording, Session
from web.db import get_db

bp = Blueprint("access", __name__)
# What a client link opens besides its own review: the audio its items play, and its notes to take away.
CLIENT_ENDPOINTS = {"sessions.audio", "exports.markdown", "exports.docx", "exports.printable"}


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.before_request(_guard)


@bp.get("/s/<token>")
def enter(token: str):
    found = get_db().scalar(select(Session).where(or_(Session.access_token == token, Session.client_token == token)))
    if found is None:
        abort(404)
    grant = "full" if token == found.access_token else "client"
    session.setdefault("grants", {})[str(found.id)] = grant
    session.modified = True
    if grant == "client":
        return redirect(f"/sessions/{found.id}/review")
    return redirect(url_for("sessions.detail", session_id=found.id))


def is_local(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def on_this_computer() -> bool:
    """Whether the request comes from the facilitator's own browser: served on this computer only,
    or from it. What only the facilitator does (deleting) needs it."""
    return not current_app.config["LAN"] or is_local(request.remote_addr)


def lan_address() -> str:
    """This machine's address on the local network, for the links to give out."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    addresses = [info[4][0] for info in infos if not is_local(info[4][0])]
    return addresses[0] if addresses else socket.gethostname()


def _guard():
    if not current_app.config["LAN"] or is_local(request.remote_addr):
        return None
    if request.endpoint in ("static", "access.enter"):
        return None
    grants = session.get("grants", {})
    args = request.view_args or {}
    session_id = args.get("session_id")
    if session_id is None and "recording_id" in args:
        recording = get_db().get(Recording, args["recording_id"])
        session_id = recording.step.session_id if recording else None
    grant = grants.get(str(session_id)) if session_id is not None else None
    if grant == "full" or (grant == "client" and (request.blueprint == "review" or request.endpoint in CLIENT_ENDPOINTS)):
        return None
    abort(403, description=_("This page opens only with its access link. Ask the facilitator for it."))
