"""Transcription jobs. A job belongs to a take and outlives the process that runs it: each
segment is stored in the same transaction as the job's checkpoint (`done_until`), so a job
killed half-way resumes where it stopped and never stores a segment twice.

A take is read from its file and transcribed a window at a time, and an uploaded take is first
decoded into its WAV a block at a time: memory stays bounded however long the take."""
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps
from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev.config import Config
from codev.models import Job, Recording, Segment
from recorder import AudioError, convert, decode
from recorder.wav import WavSamples
from transcribe import Segment as SpokenSegment
from transcribe import Transcriber

SAMPLE_RATE = 16000
Progress = Callable[[Iterable[SpokenSegment], float], Iterable[SpokenSegment]]
WINDOW_SECONDS = 300.0  # of a take, transcribed at a time
EDGE_SECONDS = 20.0  # a window ends in the widest pause of its last seconds, not in a word


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
    recording, begin = job.recording, job.done_until
    if end <= begin:
        return
    said = _transcribe(transcriber, audio, begin, end, recording.step.session.lang)
    spoken = progress(said, end - begin) if progress else said
    offset = recording.offset + begin  # from the slice to the step's timeline
    for said in spoken:
        recording.segments.append(Segment(position=len(recording.segments), start=round(offset + said.start, 2),
                                          end=round(offset + said.end, 2), text=said.text))
        job.done_until = min(begin + said.end, end)
        db.commit()


def _transcribe(transcriber: Transcriber, audio, begin: float, end: float, lang: str) -> Iterator[SpokenSegment]:
    """The segments said from `begin` to `end` seconds of `audio`, timed from `begin`, transcribed
    a window at a time."""
    at = begin
    while at < end:
        stop = _window_end(audio, at, end)
        window = audio[round(at * SAMPLE_RATE):round(stop * SAMPLE_RATE)]
        for said in transcriber.transcribe(window, language=lang).segments:
            yield SpokenSegment(round(at - begin + said.start, 2), round(at - begin + said.end, 2), said.text)
        at = stop


def _window_end(audio, at: float, end: float) -> float:
    """Where the window from `at` ends: `end` if near, else in the middle of the widest pause in
    its last EDGE_SECONDS (Silero VAD), so that no word is cut in two."""
    stop = at + WINDOW_SECONDS
    if stop >= end:
        return end
    edge = stop - EDGE_SECONDS
    speech = get_speech_timestamps(audio[round(edge * SAMPLE_RATE):round(stop * SAMPLE_RATE)],
                                   VadOptions(threshold=0.35, min_silence_duration_ms=200, speech_pad_ms=100))
    bounds = [0, *(t for s in speech for t in (s["start"], s["end"])), round(EDGE_SECONDS * SAMPLE_RATE)]
    pauses = list(zip(bounds[::2], bounds[1::2]))  # (from, to) in samples: before, between and after speech
    start, finish = max(pauses, key=lambda pause: pause[1] - pause[0])
    return edge + (start + finish) / 2 / SAMPLE_RATE


def unfinished(db: DbSession) -> list[Job]:
    """Jobs that no living process is running: left queued, killed half-way, or failed (and whose
    audio retention has not deleted)."""
    jobs = db.scalars(select(Job).join(Recording).where(Job.status != "done", Recording.status.in_(("uploaded", "ready")),
                                                        Recording.audio_deleted_at.is_(None))
                      .order_by(Recording.step_id, Recording.position))  # a take's offset needs the durations before it
    return [job for job in jobs if not process_alive(job.pid)]
