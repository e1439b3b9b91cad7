"""Transcription jobs. A job belongs to a take and outlives the process that runs it. A take is
transcribed a stretch of speech at a time, cut in pauses as the live recorder cuts it (see
transcribe.cutting), and each stretch's segments are stored in the same transaction as the job's
checkpoint (`done_until`, the stretch's end), so a job killed half-way resumes where it stopped
and never stores a segment twice.

A take is read from its file a stretch at a time, and an uploaded take is first decoded into its
WAV a block at a time: memory stays bounded however long the take."""
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev.config import Config
from codev.models import Job, Recording, Segment
from codev.vocabulary import session_vocabulary
from recorder import AudioError, convert, decode
from recorder.wav import WavSamples
from transcribe import Stretch, Transcriber

SAMPLE_RATE = 16000
# Follows the stretches as they are transcribed: given them and the take's length in seconds.
Progress = Callable[[Iterable[Stretch], float], Iterable[Stretch]]


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
            audio = take_samples(db, config, job.recording)
        end = len(audio) / SAMPLE_RATE if until is None else min(until, len(audio) / SAMPLE_RATE)
        _store_segments(db, transcriber, job, audio, end, progress)
    except Exception as error:
        db.rollback()
        job.status, job.error = "failed", str(error)
        db.commit()
        raise
    job.done_until = end
    db.commit()


def take_samples(db: DbSession, config: Config, recording: Recording) -> WavSamples | np.ndarray:
    """The take's samples, read from its WAV as they are transcribed. An uploaded take is first
    decoded into its WAV, which then replaces the file as it was sent."""
    if recording.status == "uploaded":
        sent = config.data_dir / recording.path
        wav = sent.with_name(f"{sent.stem}-16k.wav")
        wav.unlink(missing_ok=True)  # left half-written by a process killed while converting
        recording.duration = convert(sent, wav)
        recording.path, recording.status = str(Path(recording.path).with_name(wav.name)), "ready"
        db.commit()
        sent.unlink()
    path = config.data_dir / recording.path
    try:
        samples = WavSamples(path)
    except AudioError:
        samples = None
    if samples is None or samples.rate != SAMPLE_RATE:
        return decode(path)  # a take imported as it was sent, before takes were converted: read whole
    return samples


def _store_segments(db, transcriber, job, audio, end, progress) -> None:
    recording = job.recording
    if end <= job.done_until:
        return
    session = recording.step.session
    said = transcriber.stretches(audio, session.lang, job.done_until, end, session_vocabulary(session))
    offset = recording.offset  # from the take to the step's timeline
    for stretch in progress(said, end) if progress else said:
        for segment in stretch.segments:
            recording.segments.append(Segment(
                position=len(recording.segments), start=round(offset + segment.start, 2),
                end=round(offset + segment.end, 2), text=segment.text,
                words=[[round(offset + start, 2), round(offset + stop, 2), word] for start, stop, word in segment.words]))
        job.done_until = stretch.end
        db.commit()


def unfinished(db: DbSession) -> list[Job]:
    """Jobs that no living process is running: left queued, killed half-way, or failed (and whose
    audio retention has not deleted)."""
    jobs = db.scalars(select(Job).join(Recording).where(Job.status != "done", Recording.status.in_(("uploaded", "ready")),
                                                        Recording.audio_deleted_at.is_(None))
                      .order_by(Recording.step_id, Recording.position))  # a take's offset needs the durations before it
    return [job for job in jobs if not process_alive(job.pid)]
