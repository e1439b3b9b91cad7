"""Adding a take (an audio file) to a step: decode, transcribe, extract, store.

Everything slow happens before the database is touched, and the store is one transaction,
so a failure at any point leaves neither a half-written step nor a stray file."""
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from sqlalchemy.orm import Session as DbSession

import summarise
from codev.config import Config
from codev.models import Item, Recording, Segment, Step
from codev.sessions import get_session, get_step
from recorder import decode
from transcribe import Segment as SpokenSegment
from transcribe import Transcriber

Progress = Callable[[Iterable[SpokenSegment], float], Iterable[SpokenSegment]]


def import_take(db: DbSession, config: Config, transcriber: Transcriber, session_id: int | str,
                step_key: str, source: str | Path, progress: Progress | None = None) -> Recording:
    session = get_session(db, session_id)
    step = get_step(session, step_key)
    source = Path(source)
    audio = decode(source)
    transcription = transcriber.transcribe(audio, language=session.lang)
    spoken = list(progress(transcription.segments, transcription.duration) if progress
                  else transcription.segments)

    position = len(step.recordings) + 1
    relative = Path("sessions") / str(session.id) / f"{step.key}-{position}-{uuid.uuid4().hex[:8]}{source.suffix.lower()}"
    stored = config.data_dir / relative
    stored.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(source, stored)
        offset = step.duration
        recording = Recording(position=position, path=str(relative), original_name=source.name,
                              duration=transcription.duration, language=transcription.language,
                              segments=[Segment(position=i, start=offset + s.start, end=offset + s.end, text=s.text)
                                        for i, s in enumerate(spoken)])
        step.recordings.append(recording)
        replace_items(step)
        db.commit()
    except BaseException:
        db.rollback()
        stored.unlink(missing_ok=True)
        raise
    return recording


def replace_items(step: Step) -> None:
    """Extract the step's items again from its whole transcript, all takes in order."""
    found = summarise.extract(step.segments, lang=step.session.lang, step=step.key,
                              session_date=step.session.date)
    step.items = [Item(position=i, kind=f.kind, text=f.text, start=f.start, end=f.end,
                       disguised_suggestion=f.disguised_suggestion, due=f.due, due_text=f.due_text,
                       owner=f.owner)
                  for i, f in enumerate(found)]
