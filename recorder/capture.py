"""Live capture of one take into a crash-tolerant 16 kHz mono WAV.

PortAudio's callback only copies each block into a queue; a writer thread converts, measures,
writes and commits the file every COMMIT_SECONDS, so a killed process loses at most that much."""
import errno
import logging
import math
import queue
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import sounddevice

from recorder.devices import Device, DeviceError, open_stream, resolve_device
from recorder.wav import SAMPLE_RATE, WavWriter

COMMIT_SECONDS = 0.5  # the most audio that is only in memory
STALL_SECONDS = 5.0  # a started stream that gives nothing this long has lost its device
BLOCK_SECONDS = 0.05
SILENCE_DBFS = -60.0  # quieter than any live microphone in a quiet room; a muted one gives ~zeros
FLOOR_DBFS = -100.0

log = logging.getLogger(__name__)
_FINISHED = object()  # queued when the stream ends, after its last block


class RecordingError(Exception):
    pass


@dataclass
class Take:
    path: Path
    duration: float  # seconds in the file
    error: str | None = None  # why the take stopped early; what was recorded is in the file
    overflows: int = 0  # times the device dropped input because the system was too busy


class Recorder:
    """One take: start, pause, resume, stop. `level` (dBFS of the latest block), `silent_for`
    (seconds of input below SILENCE_DBFS, paused or not), `duration` and `state` ("ready",
    "recording", "paused", "stopped", "failed") can be read from any thread.

    `on_audio(samples)` receives, in the writer thread, each stretch of 16 kHz float32 samples
    once it is on disk, in order; it must be quick (hand the work to another thread)."""

    def __init__(self, path: str | Path, device: str | int | None = None, sd=sounddevice, on_audio=None):
        self.path = Path(path)
        self.device = device
        self.on_audio = on_audio
        self.on_audio_error: Exception | None = None
        self.state = "ready"
        self.error: DeviceError | RecordingError | None = None
        self.level = FLOOR_DBFS
        self.silent_for = 0.0
        self.overflows = 0
        self._sd = sd
        self._paused = False
        self._stopping = False
        self._lock = threading.Lock()  # state changes and stream calls, from the caller and the writer
        self._queue = queue.SimpleQueue()
        self._unseen: list[np.ndarray] = []  # written since the last commit, for on_audio
        self._file: WavWriter | None = None
        self._take: Take | None = None

    @property
    def duration(self) -> float:
        """Seconds taken in: on disk, or to be at the next commit."""
        return self._file.frames / SAMPLE_RATE if self._file else 0.0

    def start(self):
        """Open the device and start writing. Raises DeviceError or RecordingError."""
        if self.state != "ready":
            raise RecordingError("This recorder has already recorded its take; use a new one.")
        device = resolve_device(self.device, self._sd)
        self._device = device
        self._rate, channels = _settings(self._sd, device)
        self._resample = None if self._rate == SAMPLE_RATE else _Resampler(self._rate)
        try:
            self._file = WavWriter(self.path)
        except FileExistsError:
            raise RecordingError(f"{self.path} exists already: a take is never overwritten.") from None
        except OSError as error:
            raise RecordingError(f"Cannot create {self.path}: {error.strerror or error}.") from None
        self._stream = None
        try:
            self._stream = open_stream(device, self._sd, samplerate=self._rate, channels=channels,
                                       dtype="float32", blocksize=int(self._rate * BLOCK_SECONDS),
                                       callback=self._callback, finished_callback=self._finished)
            self.state = "recording"
            self._stream.start()
        except (DeviceError, self._sd.PortAudioError) as error:
            if self._stream is not None:
                self._stream.close()
            self._file.close()
            self.path.unlink()
            self.state = "ready"
            raise DeviceError(f"Cannot record from '{device.name}': {error}") from None
        self._writer = threading.Thread(target=self._write_loop, name=f"recorder {self.path.name}", daemon=True)
        self._writer.start()

    def pause(self):
        with self._lock:
            if self.state == "recording":
                self._paused, self.state = True, "paused"

    def resume(self):
        with self._lock:
            if self.state == "paused":
                self._paused, self.state = False, "recording"

    def stop(self) -> Take:
        """Stop and close the take. Never raises for a take that failed on the way: the Take
        carries the error, and the file holds what was recorded."""
        if self.state == "ready":
            raise RecordingError("The recording was not started.")
        if self._take is None:
            self._stopping = True
            self._close_stream(self._stream.stop)
            self._queue.put(_FINISHED)  # in case the stream had ended before
            self._writer.join()
            with self._lock:
                if self.state != "failed":
                    self.state = "stopped"
            self._take = Take(self.path, self.duration, str(self.error) if self.error else None, self.overflows)
        return self._take

    # PortAudio's thread: no allocation beyond the copy, no locks, no I/O.
    def _callback(self, indata, frames, time_info, status):
        if status.input_overflow:
            self.overflows += 1
        self._queue.put((indata.copy(), self._paused))

    def _finished(self):
        self._queue.put(_FINISHED)

    def _write_loop(self):
        last_block = last_commit = time.monotonic()
        try:
            while True:
                try:
                    item = self._queue.get(timeout=0.1)
                except queue.Empty:
                    item = None
                now = time.monotonic()
                if item is _FINISHED:
                    if self._stopping:
                        break
                    raise DeviceError(f"The input device '{self._device.name}' stopped giving audio "
                                      "(unplugged, or its sound server stopped).")
                if item is not None:
                    last_block = now
                    self._take_block(*item)
                elif now - last_block > STALL_SECONDS and not self._stopping:
                    raise DeviceError(f"No audio from the input device '{self._device.name}' for "
                                      f"{STALL_SECONDS:.0f} seconds (unplugged?).")
                if now - last_commit >= COMMIT_SECONDS:
                    self._commit()
                    last_commit = now
            if self._resample:
                self._write(self._resample(None))
            self._commit()
            self._file.close()
        except DeviceError as error:
            self._fail(error)
        except OSError as error:
            full = error.errno in (errno.ENOSPC, errno.EDQUOT)
            self._fail(RecordingError(
                f"{'The disk is full' if full else f'Cannot write {self.path}: {error.strerror or error}'}: "
                f"recording stopped after {self._file.written / 2 / SAMPLE_RATE:.1f} s; what was recorded is kept in {self.path}."),
                commit=False)
        except Exception as error:  # a bug must not lose the take: stop it cleanly
            log.exception("recorder writer failed")
            self._fail(RecordingError(f"Recording stopped by an internal error: {error!r}; "
                                      f"what was recorded is kept in {self.path}."))

    def _take_block(self, block: np.ndarray, paused: bool):
        mono = block.mean(axis=1) if block.shape[1] > 1 else block[:, 0]  # not FFmpeg's: it adds 3 dB
        rms = math.sqrt(float(np.mean(np.square(mono)))) if len(mono) else 0.0
        self.level = max(FLOOR_DBFS, 20 * math.log10(rms)) if rms > 0 else FLOOR_DBFS
        self.silent_for = self.silent_for + len(mono) / self._rate if self.level < SILENCE_DBFS else 0.0
        if not paused:
            self._write(self._resample(mono) if self._resample else mono)

    def _write(self, samples: np.ndarray):
        pcm = np.clip(np.round(samples * 32768), -32768, 32767).astype(np.int16)
        self._file.append(pcm)
        if self.on_audio:
            self._unseen.append(pcm)

    def _commit(self):
        self._file.commit()
        if self._unseen and self.on_audio:
            audio = np.concatenate(self._unseen).astype(np.float32) / 32768  # as decode() reads it back
            try:
                self.on_audio(audio)
            except Exception as error:  # the consumer's failure must not stop the recording
                log.exception("on_audio failed; it is no longer called")
                self.on_audio, self.on_audio_error = None, error
        self._unseen.clear()

    def _fail(self, error: Exception, commit: bool = True):
        with self._lock:
            self.error, self.state = error, "failed"
        self._close_stream(self._stream.abort)
        try:
            if commit:
                self._commit()
        except OSError:
            pass  # the header covers exactly what reached the disk
        finally:
            with suppress(OSError):
                self._file.close()

    def _close_stream(self, end):
        with self._lock:
            if self._stream.closed:
                return
            # A device that has gone makes these fail: there is nothing more to stop then.
            with suppress(self._sd.PortAudioError):
                end()
            with suppress(self._sd.PortAudioError):
                self._stream.close()


def _settings(sd, device: Device) -> tuple[int, int]:
    """Sample rate and channels to open `device` with: 16 kHz mono when it can, else its own rate
    (and stereo if it must), converted by the writer."""
    if device.source:
        return SAMPLE_RATE, 1  # PulseAudio converts
    own = int(sd.query_devices(device.index)["default_samplerate"])
    for rate, channels in ((SAMPLE_RATE, 1), (own, 1), (own, min(2, device.channels))):
        try:
            sd.check_input_settings(device=device.index, samplerate=rate, channels=channels, dtype="float32")
            return rate, channels
        except (sd.PortAudioError, ValueError):
            continue
    raise DeviceError(f"The input device '{device.name}' accepts neither 16 kHz mono nor its own {own} Hz.")


class _Resampler:
    """Mono at the device's rate to 16 kHz. PyAV's resampler keeps its state between blocks, so
    block edges leave no clicks."""

    def __init__(self, rate: int):
        self._rate = rate
        self._resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def __call__(self, mono: np.ndarray | None) -> np.ndarray:
        frame = None  # None drains the resampler
        if mono is not None:
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(mono, np.float32)[None, :],
                                               format="flt", layout="mono")
            frame.sample_rate = self._rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out) if out else np.zeros(0, np.float32)
