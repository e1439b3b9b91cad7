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


# The roles a link can give, by the column that holds its secret.
LINK_COLUMNS = {"participant": "access_token", "client": "client_token", "facilitator": "facilitator_token"}
# Grants last this many hours after the session day (or after the links were made, when later):
# until noon the next day, for a client who finishes their review in the morning.
LINK_HOURS = 12


def access_links(db: DbSession, session: Session) -> dict[str, str]:
    """The secret of each role's access link, made on first use (a link made before the
    facilitator's existed keeps its secret)."""
    if not all(getattr(session, column) for column in LINK_COLUMNS.values()):
        for column in LINK_COLUMNS.values():
            if not getattr(session, column):
                setattr(session, column, secrets.token_urlsafe(16))
        session.links_made_at = session.links_made_at or datetime.datetime.now().replace(microsecond=0)
        db.commit()
    return {role: getattr(session, column) for role, column in LINK_COLUMNS.items()}


def access_tokens(db: DbSession, session: Session) -> tuple[str, str]:
    """The secrets of the participants' link (the whole session, to read) and the client's."""
    links = access_links(db, session)
    return links["participant"], links["client"]


def rotate_links(db: DbSession, session: Session, now: datetime.datetime | None = None) -> dict[str, str]:
    """New secrets for every link of the session: the old links, and what they opened in any
    browser, stop working at once. The new ones last LINK_HOURS from now if the session day is over."""
    for column in LINK_COLUMNS.values():
        setattr(session, column, secrets.token_urlsafe(16))
    session.links_made_at = (now or datetime.datetime.now()).replace(microsecond=0)
    db.commit()
    return access_links(db, session)


def links_expire_at(session: Session, hours: float = LINK_HOURS) -> datetime.datetime:
    """When what the session's links opened stops opening: `hours` after the end of the session
    day, or after the links were made when that was later (links made again after the session)."""
    day_end = datetime.datetime.combine(session.date + datetime.timedelta(days=1), datetime.time())
    return max(day_end, session.links_made_at or day_end) + datetime.timedelta(hours=hours)


def get_step(session: Session, key: str) -> Step:
    step = session.step(key)
    if step is None:
        raise NotFound(f"Session {session.id} has no step '{key}'. "
                       f"Its steps: {', '.join(s.key for s in session.steps)}.")
    return step
