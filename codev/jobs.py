"""Transcription jobs. A job belongs to a take and outlives the process that runs it: each
segment is stored in the same transaction as the job's checkpoint (`done_until`), so a job
killed half-way resumes where it stopped and never stores a segment twice."""
import os
from collections.abc import Callable, Iterable

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev.config import Config
from codev.models import Job, Recording, Segment
from recorder import decode
from transcribe import Segment as SpokenSegment
from transcribe import Transcriber

SAMPLE_RATE = 16000
Progress = Callable[[Iterable[SpokenSegment], float], Iterable[SpokenSegment]]


def process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run(db: DbSession, config: Config, transcriber: Transcriber, job: Job, audio: np.ndarray | None = None,
        until: float | None = None, progress: Progress | None = None) -> None:
    """Transcribe the job's take from `done_until` to `until` seconds (default: its end).

    `audio` is the take's samples when the caller has them (a take being recorded);
    otherwise the file is read. A failure marks the job failed, to be tried again at the next
    start; the caller marks it done once the take's items are extracted."""
    job.status, job.pid, job.error = "running", os.getpid(), None
    db.commit()
    try:
        if audio is None:
            audio = decode(config.data_dir / job.recording.path)
        end = len(audio) / SAMPLE_RATE if until is None else min(until, len(audio) / SAMPLE_RATE)
        _store_segments(db, transcriber, job, audio, end, progress)
    except Exception as error:
        db.rollback()
        job.status, job.error = "failed", str(error)
        db.commit()
        raise
    job.done_until = end
    db.commit()


def _store_segments(db, transcriber, job, audio, end, progress) -> None:
    recording, begin = job.recording, job.done_until
    if end <= begin:
        return
    transcription = transcriber.transcribe(audio[round(begin * SAMPLE_RATE):round(end * SAMPLE_RATE)],
                                           language=recording.step.session.lang)
    spoken = progress(transcription.segments, transcription.duration) if progress else transcription.segments
    offset = recording.offset + begin  # from the slice to the step's timeline
    for said in spoken:
        recording.segments.append(Segment(position=len(recording.segments), start=round(offset + said.start, 2),
                                          end=round(offset + said.end, 2), text=said.text))
        job.done_until = min(begin + said.end, end)
        db.commit()


def unfinished(db: DbSession) -> list[Job]:
    """Jobs that no living process is running: left queued, killed half-way, or failed (and whose
    audio retention has not deleted)."""
    jobs = db.scalars(select(Job).join(Recording).where(Job.status != "done", Recording.status == "ready",
                                                        Recording.audio_deleted_at.is_(None)))
    return [job for job in jobs if not process_alive(job.pid)]
