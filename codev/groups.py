"""Codev groups: their members, and their sessions over cycles."""
import datetime
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as DbSession

from codev.errors import CodevError, NotFound
from codev.ids import parse_id
from codev.models import Group, GroupMember, Session
from codev.sessions import create_session
from codev.templates import DEFAULT_TEMPLATE
from codev.text import clean
from codev.vocabulary import group_words


class AlreadyMember(CodevError):
    def __init__(self, name: str):
        super().__init__(f"{name} is a member already.")
        self.name = name


def clean_names(names: list[str]) -> list[str]:
    """Names as typed, cleaned (see codev.text), without blanks or repeats, in their order."""
    return list(dict.fromkeys(name for name in (clean(n, "name") for n in names) if name))


def create_group(db: DbSession, name: str, members: list[str]) -> Group:
    name = clean(name, "name")
    if not name:
        raise CodevError("A group needs a name.")
    group = Group(name=name)
    group.members = [GroupMember(position=i, name=n) for i, n in enumerate(clean_names(members))]
    db.add(group)
    db.commit()
    return group


def add_member(db: DbSession, group: Group, name: str) -> GroupMember:
    """Add a member to the group. A name is a member once: the database refuses a second one,
    even from two requests at the same moment (a unique index), and the second one is told."""
    name = clean(name, "name")
    if not name:
        raise CodevError("A member needs a name.")
    after_the_last = (select(func.coalesce(func.max(GroupMember.position), -1) + 1)
                      .where(GroupMember.group_id == group.id).scalar_subquery())
    member = GroupMember(position=after_the_last, name=name)
    group.members.append(member)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if "UNIQUE" not in str(error.orig):
            raise
        raise AlreadyMember(name) from None
    return member


def set_vocabulary(db: DbSession, group: Group, text: str | None) -> list[str]:
    """The group's own words for Whisper (jargon, acronyms, names said but not of members), one a
    line as typed, cleaned (see codev.text) without blanks or repeats; the words kept."""
    words = group_words(clean(text, "vocabulary"))
    group.vocabulary = "\n".join(words) or None
    db.commit()
    return words


def get_member(group: Group, member_id: int | str) -> GroupMember:
    member = next((m for m in group.members if m.id == parse_id(member_id)), None)
    if member is None:
        raise NotFound(f"No member '{member_id}' in {group.name}.")
    return member


def member_names(group: Group) -> list[str]:
    return [m.name for m in group.members]


def list_groups(db: DbSession) -> list[Group]:
    return list(db.scalars(select(Group).order_by(Group.name, Group.id)))


def get_group(db: DbSession, group_id: int | str) -> Group:
    number = parse_id(group_id)
    group = db.get(Group, number) if number is not None else None
    if group is None:
        raise NotFound(f"No group '{group_id}'.")
    return group


def by_cycle(group: Group) -> list[tuple[int, list[Session]]]:
    """The group's sessions, cycle by cycle, each cycle in the order the sessions were held."""
    return [(cycle, list(sessions)) for cycle, sessions in groupby(group.sessions, key=lambda s: s.cycle)]


def next_cycle(group: Group) -> int:
    """The cycle a new session most likely belongs to: the latest, or the one after it once the
    latest has had as many sessions as the group has members."""
    latest = max((s.cycle for s in group.sessions), default=1)
    held = sum(1 for s in group.sessions if s.cycle == latest)
    return latest + 1 if group.members and held >= len(group.members) else latest


def previous_session(db: DbSession, session: Session) -> Session | None:
    """The session held just before `session` in its group's cycle: its client reports at the
    `follow_up` step."""
    if session.group_id is None:
        return None
    return db.scalar(select(Session)
                     .where(Session.group_id == session.group_id, Session.cycle == session.cycle,
                            (Session.date < session.date) | ((Session.date == session.date) & (Session.id < session.id)))
                     .order_by(Session.date.desc(), Session.id.desc()).limit(1))


def create_group_session(db: DbSession, group: Group, *, title: str, date: datetime.date, lang: str,
                         template_id: str = DEFAULT_TEMPLATE, cycle: int = 1, client: str | None = None,
                         facilitator: str | None = None, present: list[str] = ()) -> Session:
    """A session of the group, with the members present. From the second session of a cycle on,
    it opens with the previous client's follow-up."""
    if cycle < 1:
        raise CodevError("The cycle is a number from 1.")
    members = member_names(group)
    strangers = [n for n in clean_names([*present, client or ""]) if n not in members]
    if strangers:
        raise CodevError(f"Not members of {group.name}: {', '.join(strangers)}.")
    follow_up = any(s.cycle == cycle and s.date <= date for s in group.sessions)
    return create_session(db, title=title, date=date, lang=lang, template_id=template_id, client=client,
                          participants=list(present), follow_up=follow_up, group=group, cycle=cycle,
                          facilitator=facilitator)
