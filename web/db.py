from flask import abort, current_app, g

from codev.errors import NotFound
from codev.groups import get_group, get_member
from codev.models import Group, GroupMember, Session
from codev.sessions import get_session


def get_db():
    """One ORM session per request, closed at teardown."""
    if "db" not in g:
        g.db = current_app.extensions["codev_db"]()
    return g.db


def load_session(session_id: int) -> Session:
    """The session a page is about, whose language the page then speaks; 404 when there is none."""
    try:
        session = get_session(get_db(), session_id)
    except NotFound:
        abort(404)
    g.lang = session.lang
    return session


def load_group(group_id: int) -> Group:
    """The group a page is about; 404 when there is none."""
    try:
        return get_group(get_db(), group_id)
    except NotFound:
        abort(404)


def load_member(group: Group, member_id: int) -> GroupMember:
    """A member of the group a page is about; 404 when there is none."""
    try:
        return get_member(group, member_id)
    except NotFound:
        abort(404)
