"""Recording a step live, for the terminal and the web console alike.

The recorder writes the take to disk as it is captured. Meanwhile finished stretches of speech
are transcribed in a background thread, cut in pauses where an import of the same audio cuts
them (transcribe.cutting), so that at stop only the tail is left to transcribe before the step's
items are extracted, and the transcript is the one an import would give."""
import datetime
import os
import threading

import numpy as np
import sounddevice
from sqlalchemy.orm import sessionmaker

from codev import jobs
from codev.config import Config
from codev.errors import CodevError
from codev.models import Job, Recording, Session
from codev.sessions import get_session, get_step
from codev.takes import new_take, transcribe_take
from recorder import Recorder
from summarise.pipelines import pipeline
from transcribe import Transcriber
from transcribe.cutting import next_cut

SAMPLE_RATE = jobs.SAMPLE_RATE
SILENT_WARNING_SECONDS = 10.0


def give_consent(db, session: Session) -> None:
    """The facilitator confirms that the group agreed to be recorded."""
    if session.consent_at is None:
        session.consent_at = datetime.datetime.now()
        db.commit()


class AudioBuffer:
    """The take's samples so far, growing without copying the whole take at each block."""

    def __init__(self):
        self._samples = np.zeros(SAMPLE_RATE * 60, np.float32)
        self._length = 0
        self._lock = threading.Lock()

    def append(self, block: np.ndarray) -> None:
        with self._lock:
            if self._length + len(block) > len(self._samples):
                grown = np.zeros(max(2 * len(self._samples), self._length + len(block)), np.float32)
                grown[:self._length] = self._samples[:self._length]
                self._samples = grown
            self._samples[self._length:self._length + len(block)] = block
            self._length += len(block)

    def view(self) -> np.ndarray:
        with self._lock:
            return self._samples[:self._length]


class StepRecording:
    """One live take of a step: start, pause, resume, stop; `level`, `silent_for`, `duration`
    and `state` for the display. Recording needs the group's consent, given once per session."""

    def __init__(self, db_factory: sessionmaker, config: Config, transcriber: Transcriber, session_id: int | str,
                 step_key: str, device: str | int | None = None, sd=sounddevice):
        self._db_factory, self._config, self._transcriber = db_factory, config, transcriber
        self._db = db_factory()
        session = get_session(self._db, session_id)
        self.step = get_step(session, step_key)
        self._lang = session.lang
        if session.consent_at is None:
            raise CodevError("The group has not agreed to be recorded yet (confidentiality is a codev rule). "
                             "Ask the group, then record with --consent.")
        self.recording = new_take(self._db, config, self.step, ".wav", original_name=None, duration=0.0,
                                  status="recording", pid=os.getpid())
        self._db.commit()
        self._audio = AudioBuffer()
        self.recorder = Recorder(config.data_dir / self.recording.path, device=device, sd=sd,
                                 on_audio=self._heard)
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._worker = threading.Thread(target=self._transcribe_stretches, name="live transcription", daemon=True)
        self.transcription_error: Exception | None = None

    level = property(lambda self: self.recorder.level)
    silent_for = property(lambda self: self.recorder.silent_for)
    duration = property(lambda self: self.recorder.duration)
    state = property(lambda self: self.recorder.state)

    @property
    def microphone_silent(self) -> bool:
        return self.recorder.silent_for >= SILENT_WARNING_SECONDS

    def start(self) -> None:
        try:
            self.recorder.start()
        except Exception:
            # Nothing was recorded: the take never existed.
            self._db.delete(self.recording)
            self._db.commit()
            raise
        self._worker.start()

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.resume()

    def stop(self) -> Recording:
        """Stop, transcribe what is left, extract the step's items; the take's error, if the
        device or the disk failed on the way, is in `error` (what was recorded is kept)."""
        take = self.recorder.stop()
        self.error = take.error
        self._stopping.set()
        self._wake.set()
        self._worker.join()
        self._db.expire_all()  # the worker stored segments through its own session
        recording = self._db.get(Recording, self.recording.id)
        recording.duration, recording.status, recording.pid = take.duration, "ready", None
        self._db.commit()
        transcribe_take(self._db, self._config, self._transcriber, recording, self._audio.view())
        self.recording = recording
        return recording

    def _heard(self, block: np.ndarray) -> None:
        # The recorder's writer thread: keep it quick.
        self._audio.append(block)
        self._wake.set()

    def _transcribe_stretches(self) -> None:
        db = self._db_factory()
        job = db.get(Job, self.recording.job.id)
        try:
            # Load the models while the room talks, not after stop.
            self._transcriber.load()
            pipeline(self._lang)
            while not self._stopping.is_set():
                self._wake.wait(1.0)
                self._wake.clear()
                audio = self._audio.view()
                cut = next_cut(audio, job.done_until)
                if cut is not None and not self._stopping.is_set():
                    jobs.run(db, self._config, self._transcriber, job, audio, until=cut)
        except Exception as error:  # the job is marked failed; stop() or the next start finishes it
            self.transcription_error = error
        finally:
            db.close()
