"""Deleting for real: a take, a session or a group, with everything of theirs.

The rows go in one transaction; SQLite overwrites them with zeros in the database's pages
(secure_delete, see codev.store) and the journal that held their former pages is emptied; the
audio files are unlinked, and a session's audio folder with them. Nothing else of a session
is kept in the data folder (exports are streamed, never written there), and nothing of what
is deleted is logged."""
import math
import shutil
from dataclasses import dataclass, fields
from pathlib import Path

from sqlalchemy.orm import Session as DbSession

from codev import jobs
from codev.config import Config
from codev.errors import CodevError
from codev.models import Group, GroupMember, Item, Recording, Session
from codev.store import truncate_journal
from codev.takes import replace_items


class InProgress(CodevError):
    """A take is being recorded or transcribed: nothing was deleted."""


@dataclass(frozen=True)
class Contents:
    """What a deletion takes away, for its confirmation to name."""
    sessions: int = 0
    members: int = 0
    recordings: int = 0
    seconds: float = 0.0
    transcripts: int = 0  # takes transcribed, in part at least
    items: int = 0
    notes: int = 0  # sessions whose client's notes hold something of the client's
    links: int = 0  # sessions whose access links were made

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)

    def __add__(self, other: "Contents") -> "Contents":
        return Contents(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def session_contents(session: Session) -> Contents:
    takes = [r for step in session.steps for r in step.recordings]
    items = [i for step in session.steps for i in step.items]
    notes = bool(session.synthesis or session.actions or session.validated_at or any(i.reviewed for i in items))
    return Contents(sessions=1, recordings=len(takes), seconds=sum(r.duration for r in takes),
                    transcripts=sum(1 for r in takes if r.segments), items=len(items), notes=int(notes),
                    links=int(bool(session.access_token)))


def group_contents(group: Group) -> Contents:
    return sum((session_contents(s) for s in group.sessions), Contents(members=len(group.members)))


def take_items(recording: Recording) -> tuple[list[Item], list[Item]]:
    """The step's items said during this take (placed as codev.notes.item_moment places them):
    those that go with it, and those the client reviewed, which stay in their notes."""
    said, _after = _placed(recording)
    return [i for i in said if not i.reviewed], [i for i in said if i.reviewed]


def _placed(recording: Recording) -> tuple[list[Item], list[Item]]:
    """The step's items said during this take, and those said in the takes after it."""
    later = [r.offset for r in recording.step.recordings if r.position > recording.position]
    begin, end = recording.offset, min(later, default=math.inf)
    placed = [i for i in recording.step.items if i.start is not None]
    return [i for i in placed if begin <= i.start + 0.01 < end], [i for i in placed if i.start + 0.01 >= end]


def delete_take(db: DbSession, config: Config, recording: Recording) -> None:
    """Delete a take: its audio and transcript, and the items extracted from it. Items of it the
    client reviewed stay in their notes, as if written by hand (their moment and the words
    transcribed go); the takes after it move up the step's timeline."""
    _refuse_busy([recording])
    step, path = recording.step, config.data_dir / recording.path
    said, after = _placed(recording)
    for item in said:
        if item.reviewed:
            item.start = item.end = item.extracted_text = item.why = None
    later = [s for r in step.recordings if r.position > recording.position for s in r.segments]
    for moment in (*after, *later):
        moment.start, moment.end = _earlier(moment.start, recording.duration), _earlier(moment.end, recording.duration)
    for segment in later:
        if segment.words:
            segment.words = [[_earlier(start, recording.duration), _earlier(end, recording.duration), word]
                             for start, end, word in segment.words]
    step.recordings.remove(recording)
    db.flush()  # its number is free before the takes after it take theirs (a unique index)
    for position, take in enumerate(step.recordings, 1):
        take.position = position
    replace_items(step)  # the items not reviewed, extracted again from what is left of the transcript
    step.session.notes_version += 1  # a review page opened before must not write over this
    db.commit()
    _forget(db, [path])


def delete_session(db: DbSession, config: Config, session: Session) -> None:
    """Delete a session: its audio, transcripts, items, the client's notes and its access links."""
    _refuse_busy([r for step in session.steps for r in step.recordings])
    paths = _audio(config, session)
    db.delete(session)
    db.commit()
    _forget(db, paths)


def delete_group(db: DbSession, config: Config, group: Group) -> None:
    """Delete a group, its members and all its sessions, each as `delete_session` does."""
    _refuse_busy([r for session in group.sessions for step in session.steps for r in step.recordings])
    paths = [path for session in group.sessions for path in _audio(config, session)]
    for session in group.sessions:
        db.delete(session)
    db.delete(group)
    db.commit()
    _forget(db, paths)


def delete_member(db: DbSession, member: GroupMember) -> None:
    """Take a member out of their group, with their voiceprint. Their name stays in the sessions they
    took part in, as written in them."""
    member.group.members.remove(member)
    db.commit()
    _forget(db, [])


def in_progress(recording: Recording) -> bool:
    """Being recorded, or waiting for or under transcription, by a process still alive."""
    if recording.status == "recording":
        return jobs.process_alive(recording.pid)
    job = recording.job
    return job is not None and job.status in ("queued", "running") and jobs.process_alive(job.pid)


def _refuse_busy(recordings: list[Recording]) -> None:
    busy = [r for r in recordings if in_progress(r)]
    if busy:
        take = busy[0]
        raise InProgress(f"Take {take.position} of {take.step.key} (session {take.step.session_id}) is being "
                         "recorded or transcribed: stop it or let it finish, then delete. Nothing was deleted.")


def _audio(config: Config, session: Session) -> list[Path]:
    """The session's audio files, and its audio folder (with whatever else may lie in it)."""
    return [*(config.data_dir / r.path for step in session.steps for r in step.recordings),
            config.audio_dir / str(session.id)]


def _earlier(seconds: float | None, by: float) -> float | None:
    return None if seconds is None else max(0.0, round(seconds - by, 2))


def _forget(db: DbSession, paths: list[Path]) -> None:
    """After the commit: unlink the files and empty the database's journal."""
    failed = []
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        except OSError as error:
            failed.append(f"{path} ({error.strerror or error})")
    truncate_journal(db.get_bind())
    if failed:
        raise CodevError(f"Deleted from the database, but these files could not be deleted: {', '.join(failed)}. "
                         "Delete them by hand.")
