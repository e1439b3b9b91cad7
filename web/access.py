"""Access over the network. On 127.0.0.1 the facilitator's own browser sees everything. With
`codev serve --lan`, a browser on another machine sees a session only after opening one of its
access links (a random token), and then only what the link's role opens (ROLE_ENDPOINTS): the
participants' link reads the session, the client's link reviews and validates the client's
notes, the facilitator's link runs the session (record, consent, upload, edit, validate).
Deleting and making links again stay on the facilitator's own computer.

The browser keeps, per session, a digest of the token it opened: making the links again
(rotate_links) changes the tokens, so what the old links opened closes at once; and the grant
lasts until links_expire_at. Every request must also name this machine in its Host header,
so that a page elsewhere whose name is made to point here (DNS rebinding) reads nothing."""
import datetime
import hashlib
import hmac
import ipaddress
import socket

import psutil
from flask import Blueprint, abort, current_app, flash, g, redirect, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from codev.models import Recording, Session
from codev.sessions import LINK_COLUMNS, links_expire_at, rotate_links
from web.db import get_db, load_session

bp = Blueprint("access", __name__)
# What another computer opens with each role's link, by endpoint (every endpoint of a session;
# nothing else). Anything not here opens on the facilitator's own computer only.
READ = {"sessions.detail", "learnings.session_learnings", "cycle.learnings"}
TAKE_AWAY = {"sessions.audio", "exports.markdown", "exports.docx", "exports.printable"}
REVIEW = {"review.page", "review.item_status", "review.edit_item", "review.add_item", "review.plan_commitment",
          "review.synthesis", "review.add_action", "review.edit_action", "review.move_action",
          "review.delete_action", "review.validate"}
# Corrections of the transcript: the facilitator any line, the client the lines of their review.
CORRECT = {"transcript.correct", "transcript.undo", "transcript.replace", "transcript.speaker"}
CONSOLE = {"console.console", "console.status", "console.consent", "console.record", "console.control",
           "console.upload", "groups.follow_up"}
ROLE_ENDPOINTS = {
    "participant": READ | TAKE_AWAY,
    "client": REVIEW | TAKE_AWAY | CORRECT,
    "facilitator": READ | TAKE_AWAY | REVIEW | CONSOLE | CORRECT,
}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def init_app(app) -> None:
    app.config.setdefault("LINK_HOURS", 12)  # how long grants last after the session day
    app.config.setdefault("CLOCK", lambda: datetime.datetime.now())  # tests set it
    app.register_blueprint(bp)
    # Before anything else (CSRF's check reads the body): a request for another host, then one
    # its browser's links do not open, is refused unread.
    app.before_request_funcs.setdefault(None, [])[:0] = [_same_machine, _guard]
    app.after_request(_not_framed_nor_kept)
    app.add_template_global(opens)


@bp.get("/s/<token>")
def enter(token: str):
    found, link_role = _find(token)
    if found is None:
        abort(404)
    g.lang = found.lang
    if _expired(found):
        abort(403, description=expired_message())
    session.setdefault("grants", {})[str(found.id)] = _digest(token)
    session.modified = True
    if link_role == "client":
        return redirect(url_for("review.page", session_id=found.id))
    return redirect(url_for("sessions.detail", session_id=found.id))


@bp.post("/sessions/<int:session_id>/links")
def new_links(session_id: int):
    """New links for the session: the old ones, and what they opened, close at once."""
    found = load_session(session_id)
    rotate_links(get_db(), found, current_app.config["CLOCK"]())
    flash(_("New links are made: the old ones no longer open anything. Give these out."), "ok")
    return redirect(url_for("sessions.detail", session_id=found.id), 303)


def _find(token: str) -> tuple[Session | None, str | None]:
    """The session whose link has this token, and the link's role."""
    for name, column in LINK_COLUMNS.items():
        found = get_db().scalar(select(Session).where(getattr(Session, column) == token))
        if found is not None:
            return found, name
    return None, None


def _digest(token: str) -> str:
    """What the browser's cookie keeps of a token: enough to match it, not the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def _expired(found: Session) -> bool:
    return current_app.config["CLOCK"]() >= links_expire_at(found, current_app.config["LINK_HOURS"])


def expires_at(found: Session) -> datetime.datetime:
    return links_expire_at(found, current_app.config["LINK_HOURS"])


def expired_message() -> str:
    return _("This access link has expired. Ask the facilitator for a new one.")


def is_local(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def on_this_computer() -> bool:
    """Whether the request comes from the facilitator's own browser: served on this computer only,
    or from it. What only the facilitator does (deleting) needs it."""
    return not current_app.config["LAN"] or is_local(request.remote_addr)


def role(session_id: int | None) -> str | None:
    """The role this request has in the session: the facilitator on their own computer, else the
    role of the link this browser opened, while that link is current and unexpired."""
    if on_this_computer():
        return "facilitator"
    digest = session.get("grants", {}).get(str(session_id)) if session_id is not None else None
    found = get_db().get(Session, session_id) if digest else None
    if found is None:
        return None
    for name, column in LINK_COLUMNS.items():
        token = getattr(found, column)
        if token and hmac.compare_digest(_digest(token), digest):
            if _expired(found):
                g.expired = True
                return None
            return name
    return None


def opens(endpoint: str, session_id: int) -> bool:
    """Whether this request's browser may open `endpoint` of the session (for a page's links)."""
    return on_this_computer() or endpoint in ROLE_ENDPOINTS.get(role(session_id), ())


def this_machine(lan: bool) -> set[str]:
    """The names and addresses this machine answers to: its loopback, and, served on the local
    network, its host name and every address of its interfaces."""
    names = set(LOOPBACK_NAMES)
    if lan:
        hostname = socket.gethostname().lower()
        names |= {hostname, f"{hostname}.local", *machine_addresses()}
    return names


def machine_addresses() -> list[str]:
    """The IPv4 and IPv6 addresses of this machine's interfaces (psutil reads them from the
    kernel: no name is looked up, so nothing is asked of the network)."""
    return [address.address.split("%")[0].lower() for addresses in psutil.net_if_addrs().values()
            for address in addresses if address.family in (socket.AF_INET, socket.AF_INET6)]


def lan_address() -> str:
    """This machine's address on the local network, for the links to give out: the first IPv4
    address of an interface that is up and not the loopback (the host name as a last resort)."""
    up = {name for name, stats in psutil.net_if_stats().items() if stats.isup}
    for name, addresses in psutil.net_if_addrs().items():
        for address in addresses:
            if name in up and address.family == socket.AF_INET and not is_local(address.address):
                return address.address
    return socket.gethostname()


def _host_name(host: str) -> str:
    """The name or address of a Host header, without its port, brackets or final dot."""
    if host.startswith("["):
        name = host[1:].partition("]")[0]
    else:
        name = host.rpartition(":")[0] if host.count(":") == 1 else host
    return name.rstrip(".").lower()


def _same_machine():
    # A browser always names the host; a request without one (HTTP/1.0 by hand) is no rebinding.
    host = request.headers.get("Host")
    if host is not None and _host_name(host) not in this_machine(current_app.config["LAN"]):
        abort(400, description=_("This app answers only at this computer's own addresses. Open it from the "
                                 "link the facilitator gives, or from the address the facilitator's screen shows."))
    return None


def _guard():
    if on_this_computer() or request.endpoint in ("static", "access.enter"):
        return None
    if request.blueprint == "deletion":
        return None  # refused to every link by its own guard, in its own words
    args = request.view_args or {}
    session_id = args.get("session_id")
    if session_id is None and "recording_id" in args:
        recording = get_db().get(Recording, args["recording_id"])
        session_id = recording.step.session_id if recording else None
    if request.endpoint in ROLE_ENDPOINTS.get(role(session_id), ()):
        return None
    if g.get("expired"):
        abort(403, description=expired_message())
    abort(403, description=_("This page opens only with its access link. Ask the facilitator for it."))


def _not_framed_nor_kept(response):
    """No page is shown inside another site's frame (clickjacking), and none is kept by the
    browser or a proxy on the way: notes and audio stay where they are."""
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    response.headers["Referrer-Policy"] = "no-referrer"  # a page's address, a link's token, goes nowhere
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response
