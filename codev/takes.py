"""Takes of a step: importing an audio file, transcribing a take, extracting the step's items."""
import os
import shutil
import uuid
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session as DbSession

import summarise
from codev import jobs
from codev.config import Config
from codev.errors import CodevError
from codev.models import Item, Job, Recording, Step
from codev.sessions import get_session, get_step
from recorder import decode
from transcribe import Transcriber


def new_take(db: DbSession, config: Config, step: Step, suffix: str, **fields) -> Recording:
    """A take of `step` with its file name in the data folder and a queued transcription job."""
    position = len(step.recordings) + 1
    relative = Path("sessions") / str(step.session.id) / f"{step.key}-{position}-{uuid.uuid4().hex[:8]}{suffix}"
    (config.data_dir / relative).parent.mkdir(parents=True, exist_ok=True)
    recording = Recording(position=position, path=str(relative), language=step.session.lang, job=Job(), **fields)
    step.recordings.append(recording)
    return recording


def import_take(db: DbSession, config: Config, transcriber: Transcriber, session_id: int | str,
                step_key: str, source: str | Path, progress: jobs.Progress | None = None) -> Recording:
    """Attach an audio file to a step, then transcribe it and extract the step's items."""
    recording, audio = store_take(db, config, session_id, step_key, source)
    transcribe_take(db, config, transcriber, recording, audio, progress)
    return recording


def store_take(db: DbSession, config: Config, session_id: int | str, step_key: str, source: str | Path,
               original_name: str | None = None) -> tuple[Recording, np.ndarray]:
    """Attach an audio file to a step as a take whose transcription job is queued; return the
    take and its samples.

    The file is checked before anything is written, and copied before the take is stored,
    so bad input leaves no trace; once stored, the take is kept whatever happens next and
    an interrupted transcription resumes at the next start."""
    session = get_session(db, session_id)
    step = get_step(session, step_key)
    source = Path(source)
    name = original_name or source.name
    audio = decode(source)
    recording = new_take(db, config, step, source.suffix.lower(), original_name=name,
                         duration=len(audio) / jobs.SAMPLE_RATE)
    # This process runs the job: recovery leaves it alone while the process lives.
    recording.job.pid = os.getpid()
    stored = config.data_dir / recording.path
    try:
        shutil.copyfile(source, stored)
        db.commit()
    except BaseException as error:
        db.rollback()
        stored.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise CodevError(f"Cannot store {name} in {config.data_dir} ({error.strerror or error}); "
                             "nothing was stored. Free some space and import it again.") from None
        raise
    return recording, audio


def transcribe_take(db: DbSession, config: Config, transcriber: Transcriber, recording: Recording,
                    audio: np.ndarray | None = None, progress: jobs.Progress | None = None) -> None:
    """Finish the take's transcription job, then extract the step's items again; the job is
    done when both are stored."""
    jobs.run(db, config, transcriber, recording.job, audio, progress=progress)
    replace_items(recording.step)
    recording.job.status, recording.job.pid = "done", None
    db.commit()


def replace_items(step: Step) -> None:
    """Extract the step's items again from its whole transcript, all takes in order. Items the
    client reviewed (accepted, rejected, edited or added) stay as they are, and the utterance
    they came from is not proposed again; only their `why` follows the new extraction when it
    finds the same words (it explains the extraction, not the client's edit)."""
    kept = [item for item in step.items if item.reviewed]
    found = summarise.extract(step.segments, lang=step.session.lang, step=step.key,
                              session_date=step.session.date)
    why = {(f.kind, f.text): f.why for f in found}
    for item in kept:
        if item.extracted_text is not None and (item.kind, item.extracted_text) in why:
            item.why = why[item.kind, item.extracted_text]
    said = {(item.kind, item.extracted_text) for item in kept}
    fresh = [Item(kind=f.kind, text=f.text, extracted_text=f.text, why=f.why, start=f.start, end=f.end,
                  disguised_suggestion=f.disguised_suggestion, due=f.due, due_text=f.due_text, owner=f.owner)
             for f in found if (f.kind, f.text) not in said]
    step.items = sorted(kept + fresh, key=lambda item: (item.start is None, item.start or 0.0))
    for position, item in enumerate(step.items):
        item.position = position
