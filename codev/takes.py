"""Takes of a step: importing or uploading audio files, transcribing a take, naming its speakers,
extracting the step's items."""
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

import summarise
from codev import jobs, voices
from codev.config import Config
from codev.errors import CodevError
from codev.models import Item, Job, Recording, Step
from codev.sessions import get_session, get_step
from recorder import convert, probe
from transcribe import Transcriber

log = logging.getLogger(__name__)

def new_take(db: DbSession, config: Config, step: Step, suffix: str, **fields) -> Recording:
    """A take of `step` with its file name in the data folder and a queued transcription job.

    Its number is the step's next, counted by the database as the take is stored: takes stored
    at the same moment (two uploads, an upload and a recording) get one number each, and the
    unique index on (step, number) makes sure of it."""
    after_the_last = (select(func.coalesce(func.max(Recording.position), 0) + 1)
                      .where(Recording.step_id == step.id).scalar_subquery())
    relative = Path("sessions") / str(step.session.id) / f"{step.key}-{uuid.uuid4().hex[:8]}{suffix}"
    (config.data_dir / relative).parent.mkdir(parents=True, exist_ok=True)
    recording = Recording(position=after_the_last, path=str(relative), language=step.session.lang, job=Job(), **fields)
    step.recordings.append(recording)
    return recording


def store_take(db: DbSession, config: Config, session_id: int | str, step_key: str, source: str | Path,
               original_name: str | None = None) -> Recording:
    """Attach an audio file to a step as a take, as it was sent; its job, queued, decodes it into
    the take's WAV and transcribes it (see codev.jobs). Nothing is decoded here: an upload is
    stored at once, whatever its length.

    The file is checked (a file of audio, by its container) before anything is written, and
    copied before the take is stored, so bad input leaves no trace; a file that turns out
    corrupt when decoded fails its job with the reason. Once stored, the take is kept whatever
    happens next and an interrupted job resumes at the next start."""
    step = get_step(get_session(db, session_id), step_key)
    source = Path(source)
    name = original_name or source.name
    declared = probe(source)  # a provisional duration: the job sets the decoded one
    return _store(db, config, step, source, name, declared, "uploaded", shutil.copyfile)


def import_takes(db: DbSession, config: Config, transcriber: Transcriber, session_id: int | str, step_key: str,
                 sources: list[Path], progress: jobs.Progress | None = None) -> Iterator[Recording]:
    """Attach audio files to a step, each a take in the order given, then transcribe them and
    extract the step's items; yield each take once transcribed.

    Every file is decoded (into a WAV, a block at a time) before any is stored: with one file
    bad, none is."""
    step = get_step(get_session(db, session_id), step_key)
    with tempfile.TemporaryDirectory(dir=config.data_dir, prefix="import-") as folder:
        decoded = []
        for number, source in enumerate(map(Path, sources)):
            wav = Path(folder) / f"{number}.wav"
            try:
                decoded.append((source.name, wav, convert(source, wav)))
            except OSError as error:
                raise _cannot_store(source.name, config, error) from None
        recordings = [_store(db, config, step, wav, name, seconds, "ready", os.replace) for name, wav, seconds in decoded]
    for recording in recordings:
        transcribe_take(db, config, transcriber, recording, progress=progress)
        yield recording


def _store(db: DbSession, config: Config, step: Step, source: Path, name: str, duration: float, status: str,
           place: Callable[[Path, Path], object]) -> Recording:
    """Store a take whose file `place` puts into the data folder from `source`."""
    recording = new_take(db, config, step, source.suffix.lower(), original_name=name, duration=duration, status=status)
    # This process runs the job: recovery leaves it alone while the process lives.
    recording.job.pid = os.getpid()
    stored = config.data_dir / recording.path
    try:
        place(source, stored)
        db.commit()
    except BaseException as error:
        db.rollback()
        stored.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_store(name, config, error) from None
        raise
    return recording


def _cannot_store(name: str, config: Config, error: OSError) -> CodevError:
    return CodevError(f"Cannot store {name} in {config.data_dir} ({error.strerror or error}); "
                      "nothing was stored. Free some space and import it again.")


def transcribe_take(db: DbSession, config: Config, transcriber: Transcriber, recording: Recording,
                    audio: np.ndarray | None = None, progress: jobs.Progress | None = None) -> None:
    """Finish the take's transcription job, name who said each line, then extract the step's items
    again; the job is done when all are stored."""
    jobs.run(db, config, transcriber, recording.job, audio, progress=progress)
    _label_speakers(db, config, recording, audio)
    replace_items(recording.step)
    recording.job.status, recording.job.pid = "done", None
    db.commit()


def _label_speakers(db: DbSession, config: Config, recording: Recording, audio: np.ndarray | None) -> None:
    """Who said what is a help, not the transcript: when it cannot be told, the lines are kept
    without a speaker and the log says why."""
    try:
        voices.label_take(db, config, recording, audio)
    except Exception as error:
        db.rollback()
        log.warning("Take %s of step %s (session %s): transcribed, but who said each line could not be told: %s",
                    recording.position, recording.step.key, recording.step.session_id, error)


def replace_items(step: Step) -> list[summarise.Item]:
    """Extract the step's items again from its whole transcript, all takes in order. Items the
    client reviewed (accepted, rejected, edited or added) stay as they are, and the utterance
    they came from is not proposed again; only their `why` follows the new extraction when it
    finds the same words (it explains the extraction, not the client's edit). Returns what the
    extraction found."""
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
    voices.name_item_speakers(step)
    return found
