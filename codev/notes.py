"""The client's review of their notes, usable without the web: accept, reject, edit or add
items; write a synthesis; build the action plan; validate.

Every change is made from a version of the notes (`Session.notes_version`, the one the page or
form asking for it was built from) and raises it. A change made from an older version is
refused whole, so two tabs editing the same notes never overwrite each other silently. A
refused change, for whatever reason, leaves the notes exactly as they were."""
import datetime
from contextlib import contextmanager

from sqlalchemy import update
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm.attributes import set_committed_value

from codev.errors import CodevError
from codev.ids import parse_id
from codev.models import Action, Item, Recording, Segment, Session
from codev.text import clean

ITEM_STATUSES = ("proposed", "accepted", "rejected")
ACTION_STATUSES = ("planned", "done", "partly", "dropped")
# The kinds the client reviews, in the order of their notes, and the step where an item
# they add by hand belongs.
REVIEWED_KINDS = {"demand": "contract", "question": "clarification", "suggestion": "consultation",
                  "commitment": "synthesis"}
MOVES = {"up": -1, "down": 1}


class NotesError(CodevError):
    """A change to the notes that was refused; `code` names the reason, for the pages to say it."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class Conflict(NotesError):
    def __init__(self):
        super().__init__("conflict", "The notes were changed elsewhere since this version was read; "
                                     "nothing was saved. Read them again and make the change again.")


@contextmanager
def _change(db: DbSession, session: Session, version, keeps_validation: bool = False):
    """One change to the notes, all or nothing, made only from their latest version."""
    expected = parse_id(str(version).strip())
    if expected is None:  # not a version this app wrote: as stale as any
        raise Conflict()
    # Compare-and-set in the database itself: two writers that read the same version cannot
    # both pass, whichever process or thread they run in.
    raised = db.execute(update(Session)
                        .where(Session.id == session.id, Session.notes_version == expected)
                        .values(notes_version=Session.notes_version + 1)
                        .execution_options(synchronize_session=False))
    if raised.rowcount != 1:
        db.rollback()
        raise Conflict()
    set_committed_value(session, "notes_version", expected + 1)
    try:
        yield
        if not keeps_validation:
            # The client approved the notes as they were; changed notes need a new approval.
            session.validated_at = None
        db.commit()
    except BaseException:
        db.rollback()
        raise


def parse_due(value: datetime.date | str | None) -> datetime.date | None:
    """A due date from a form (YYYY-MM-DD, as date inputs send it); blank means none."""
    if value is None or isinstance(value, datetime.date):
        return value
    if not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise NotesError("bad_date", f"'{value}' is not a date: write it as YYYY-MM-DD.") from None


def _text(value: str | None) -> str:
    text = clean(value, "item")
    if not text:
        raise NotesError("empty_text", "The text is empty.")
    return text


def _choice(value: str | None, allowed, code: str) -> str:
    if value not in allowed:
        raise NotesError(code, f"'{value}' is not one of {', '.join(allowed)}.")
    return value


def _item(session: Session, item_id: int) -> Item:
    item = next((i for step in session.steps for i in step.items if i.id == item_id), None)
    if item is None:
        raise NotesError("unknown_item", f"Session {session.id} has no item {item_id}.")
    return item


def _action(session: Session, action_id: int) -> Action:
    action = next((a for a in session.actions if a.id == action_id), None)
    if action is None:
        raise NotesError("unknown_action", f"Session {session.id} has no action {action_id}.")
    return action


def set_item_status(db: DbSession, session: Session, version, item_id: int, status: str) -> Item:
    with _change(db, session, version):
        item = _item(session, item_id)
        item.status = _choice(status, ITEM_STATUSES, "bad_status")
    return item


def edit_item(db: DbSession, session: Session, version, item_id: int, text: str,
              due: datetime.date | str | None = None) -> Item:
    """New words for an item, and a new due date for a commitment. Editing an item keeps it."""
    with _change(db, session, version):
        item = _item(session, item_id)
        item.text = _text(text)
        if item.kind == "commitment":
            new_due = parse_due(due)
            if new_due != item.due:
                item.due, item.due_text = new_due, None  # the words said no longer give this date
        item.edited = True
        if item.status == "proposed":
            item.status = "accepted"
    return item


def add_item(db: DbSession, session: Session, version, kind: str, text: str,
             due: datetime.date | str | None = None) -> Item:
    with _change(db, session, version):
        kind = _choice(kind, REVIEWED_KINDS, "bad_kind")
        item = Item(kind=kind, text=_text(text), due=parse_due(due) if kind == "commitment" else None,
                    status="accepted", source="client")
        step = session.step(REVIEWED_KINDS[kind]) or session.steps[-1]
        item.position = len(step.items)
        step.items.append(item)
    return item


def set_synthesis(db: DbSession, session: Session, version, text: str | None) -> None:
    with _change(db, session, version):
        session.synthesis = clean(text, "synthesis") or None


def add_action(db: DbSession, session: Session, version, text: str,
               due: datetime.date | str | None = None, status: str = "planned") -> Action:
    with _change(db, session, version):
        action = Action(position=len(session.actions), text=_text(text), due=parse_due(due),
                        status=_choice(status, ACTION_STATUSES, "bad_status"))
        session.actions.append(action)
    return action


def plan_commitment(db: DbSession, session: Session, version, item_id: int) -> Action:
    """An action made from a commitment, with its words and due date; the commitment is kept."""
    with _change(db, session, version):
        item = _item(session, item_id)
        if item.kind != "commitment":
            raise NotesError("not_commitment", f"Item {item_id} is a {item.kind}, not a commitment.")
        if any(a.item_id == item.id for a in session.actions):
            raise NotesError("already_planned", f"Commitment {item_id} is already in the action plan.")
        item.status = "accepted"
        action = Action(position=len(session.actions), text=item.text, due=item.due, item=item)
        session.actions.append(action)
    return action


def edit_action(db: DbSession, session: Session, version, action_id: int, text: str,
                due: datetime.date | str | None, status: str) -> Action:
    with _change(db, session, version):
        action = _action(session, action_id)
        action.text, action.due = _text(text), parse_due(due)
        action.status = _choice(status, ACTION_STATUSES, "bad_status")
    return action


def report_outcome(db: DbSession, session: Session, version, action_id: int, status: str) -> Action:
    """What became of an action, as its client says at the next session's follow-up. The client's
    approval stands: the plan is as they approved it, this is what happened to it since."""
    with _change(db, session, version, keeps_validation=True):
        action = _action(session, action_id)
        action.status = _choice(status, ACTION_STATUSES, "bad_status")
    return action


def move_action(db: DbSession, session: Session, version, action_id: int, direction: str) -> None:
    """One place up or down the plan; at either end it stays where it is."""
    with _change(db, session, version):
        action = _action(session, action_id)
        offset = MOVES[_choice(direction, MOVES, "bad_move")]
        actions = list(session.actions)
        index = actions.index(action)
        other = index + offset
        if 0 <= other < len(actions):
            actions[index], actions[other] = actions[other], actions[index]
        for position, a in enumerate(actions):
            a.position = position
        session.actions.sort(key=lambda a: a.position)


def delete_action(db: DbSession, session: Session, version, action_id: int) -> None:
    with _change(db, session, version):
        session.actions.remove(_action(session, action_id))
        for position, a in enumerate(session.actions):
            a.position = position


def validate(db: DbSession, session: Session, version) -> None:
    """The client approves their notes as they are now."""
    with _change(db, session, version, keeps_validation=True):
        session.validated_at = datetime.datetime.now().replace(microsecond=0)


def kept_items(session: Session, kind: str) -> list[Item]:
    """The items of `kind` that belong in the client's notes. Rejected ones never do. Once the
    client has accepted at least one item of a kind, only those they accepted (or added) do;
    until then every proposed one does, so notes exported before any review are complete."""
    items = [i for step in session.steps for i in step.items if i.kind == kind and i.status != "rejected"]
    if any(i.status == "accepted" for i in items):
        return [i for i in items if i.status == "accepted"]
    return items


def item_context(item: Item, around: int = 1) -> list[tuple[Segment, bool]]:
    """The transcript where the item was said: its segments (flagged True) and `around`
    segments either side."""
    if item.start is None:
        return []
    segments = item.step.segments
    end = max(item.end if item.end is not None else item.start, item.start + 0.01)
    inside = [n for n, s in enumerate(segments) if s.start < end and s.end > item.start]
    if not inside:
        return []
    first, last = max(0, inside[0] - around), min(len(segments), inside[-1] + around + 1)
    return [(segments[n], n in inside) for n in range(first, last)]


def item_moment(item: Item) -> tuple[Recording, float] | None:
    """The take the item was said in, and when in that take: item times are on the step's
    timeline, where each take follows the one before. Segment times are stored to the
    hundredth, so a take's first words may round to just before its start."""
    if item.start is None:
        return None
    started = [(r, r.offset) for r in item.step.recordings if r.offset <= item.start + 0.01]
    if not started:
        return None
    recording, offset = started[-1]
    if item.start > offset + recording.duration or recording.audio_deleted_at:
        return None  # said after the last take ended, or its audio was deleted: nothing to play
    return recording, max(0.0, item.start - offset)
