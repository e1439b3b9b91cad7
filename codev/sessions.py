"""Creating and finding codev sessions."""
import datetime
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev.errors import CodevError, NotFound
from codev.ids import parse_id
from codev.models import Group, Participant, Session, Step
from codev.templates import DEFAULT_TEMPLATE, step_definition, template
from codev.text import clean

LANGUAGES = ("fr", "en")


def create_session(db: DbSession, *, title: str, date: datetime.date, lang: str,
                   template_id: str = DEFAULT_TEMPLATE, client: str | None = None,
                   participants: list[str] = (), follow_up: bool = False, group: Group | None = None,
                   cycle: int = 1, facilitator: str | None = None) -> Session:
    """A new session with the steps of its template; `follow_up` opens it with the previous
    client's report, as from the second session of a cycle of its `group`."""
    if lang not in LANGUAGES:
        raise CodevError(f"Unknown language '{lang}': use one of {', '.join(LANGUAGES)}.")
    title = clean(title, "title")
    if not title:
        raise CodevError("A session needs a title.")
    definitions = list(template(template_id).steps)
    if follow_up:
        definitions.insert(0, step_definition("follow_up"))
    session = Session(title=title, date=date, lang=lang, template=template_id,
                      client=clean(client, "name") or None, group=group, cycle=cycle,
                      facilitator=clean(facilitator, "name") or None)
    session.steps = [Step(position=i, key=d.id, timebox=d.timebox) for i, d in enumerate(definitions)]
    names = [name for name in (clean(n, "name") for n in participants) if name]
    if session.client and session.client not in names:
        names.insert(0, session.client)
    session.participants = [Participant(position=i, name=n) for i, n in enumerate(names)]
    db.add(session)
    db.commit()
    return session


def list_sessions(db: DbSession) -> list[Session]:
    return list(db.scalars(select(Session).order_by(Session.date.desc(), Session.id.desc())))


def get_session(db: DbSession, session_id: int | str) -> Session:
    number = parse_id(session_id)
    session = db.get(Session, number) if number is not None else None
    if session is None:
        raise NotFound(f"No session '{session_id}'. `codev session list` shows the sessions.")
    return session


def access_tokens(db: DbSession, session: Session) -> tuple[str, str]:
    """The secrets of the session's two access links (whole session, client's review),
    made on first use."""
    if not session.access_token:
        session.access_token, session.client_token = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        db.commit()
    return session.access_token, session.client_token


def get_step(session: Session, key: str) -> Step:
    step = session.step(key)
    if step is None:
        raise NotFound(f"Session {session.id} has no step '{key}'. "
                       f"Its steps: {', '.join(s.key for s in session.steps)}.")
    return step
