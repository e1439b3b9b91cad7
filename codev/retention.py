"""Retention: a group chooses how many days the audio of a session is kept once its client
has validated the notes. Then the audio files are deleted; transcripts and notes are kept.
`codev purge` applies it, and so does the web app when it starts."""
import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev.config import Config
from codev.erase import in_progress
from codev.errors import CodevError
from codev.models import Group, Recording, Session, Step

MAX_DAYS = 36500  # a century: beyond it, a number typed by mistake


def set_retention(db: DbSession, group: Group, days: int | None) -> None:
    """Keep the audio of the group's sessions `days` days after validation; None keeps it."""
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise CodevError(f"The audio is kept from 0 to {MAX_DAYS} days after validation, or kept for good.")
    group.audio_retention_days = days
    db.commit()


def audio_deadline(session: Session) -> datetime.datetime | None:
    """When the session's audio is to be deleted: None while its client has not validated the
    notes, or when its group keeps the audio."""
    days = session.group.audio_retention_days if session.group else None
    if days is None or session.validated_at is None:
        return None
    return session.validated_at + datetime.timedelta(days=days)


def due(db: DbSession, now: datetime.datetime) -> list[Recording]:
    """The takes whose audio retention says to delete at `now`, oldest sessions first; a take
    still being recorded or transcribed waits for the next time."""
    takes = db.scalars(select(Recording).join(Step).join(Session).join(Group)
                       .where(Group.audio_retention_days.is_not(None), Session.validated_at.is_not(None),
                              Recording.audio_deleted_at.is_(None))
                       .order_by(Session.validated_at, Session.id, Step.position, Recording.position))
    return [r for r in takes if audio_deadline(r.step.session) <= now and not in_progress(r)]


def purge(db: DbSession, config: Config, now: datetime.datetime | None = None) -> list[Recording]:
    """Delete the audio that retention says to delete; return the takes it was deleted from."""
    now = now or datetime.datetime.now().replace(microsecond=0)
    takes = due(db, now)
    for recording in takes:
        try:
            (config.data_dir / recording.path).unlink(missing_ok=True)
        except OSError as error:
            db.commit()  # what was deleted so far is recorded
            raise CodevError(f"Cannot delete {config.data_dir / recording.path} ({error.strerror or error}).") from None
        recording.audio_deleted_at = now
    db.commit()
    return takes
