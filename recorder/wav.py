"""A WAV file that is valid at every moment it is being written, and the repair of one left by
a killed process.

The file is 16-bit PCM: a 44-byte header, then the samples. Samples are appended and, at each
commit, written out, then the header's two sizes are rewritten to cover them, each step followed
by an fsync. A process killed at any point leaves a header that covers only samples on disk."""
import os
import struct
import wave
from pathlib import Path

import numpy as np

from recorder.audio_file import AudioError

SAMPLE_RATE = 16000
_HEADER = 44
_FRAME = 2  # bytes of one mono 16-bit sample


def _header(rate: int, data_bytes: int) -> bytes:
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * _FRAME, _FRAME, 16)
            + b"data" + struct.pack("<I", data_bytes))


class WavWriter:
    def __init__(self, path: str | Path, rate: int = SAMPLE_RATE):
        self.path = Path(path)
        self.rate = rate
        self.written = 0  # bytes of samples on disk
        self._pending = bytearray()
        # O_EXCL: a take is never overwritten. 0600: what a group says is for the user alone.
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            self._write(_header(rate, 0))
            os.fsync(self._fd)
        except OSError:
            os.close(self._fd)
            self.path.unlink()
            raise

    @property
    def frames(self) -> int:
        return (self.written + len(self._pending)) // _FRAME

    @property
    def pending(self) -> int:
        """Frames appended and not yet committed."""
        return len(self._pending) // _FRAME

    def append(self, samples: np.ndarray):
        """Queue int16 mono samples for the next commit."""
        self._pending += samples.astype("<i2", copy=False).tobytes()

    def commit(self):
        """Put the pending samples on disk and make the header cover them. On OSError (a full
        disk), the header still covers exactly the samples that reached the disk."""
        try:
            while self._pending:
                n = self._write(self._pending)
                self.written += n
                del self._pending[:n]
            os.fsync(self._fd)
        finally:
            os.pwrite(self._fd, _header(self.rate, self.written - self.written % _FRAME), 0)
            os.fsync(self._fd)

    def close(self):
        """Close, dropping what was not committed and any partial sample a full disk left, so
        that the file ends where its header says."""
        self._pending.clear()
        self.written -= self.written % _FRAME
        try:
            os.ftruncate(self._fd, _HEADER + self.written)
            os.pwrite(self._fd, _header(self.rate, self.written), 0)
        finally:
            os.close(self._fd)

    def _write(self, data) -> int:
        # One write may be partial when the disk fills; the next one then raises ENOSPC.
        return os.write(self._fd, data)


class WavSamples:
    """The samples of a 16-bit mono WAV (a take), read from the file a slice at a time, as float32
    like `decode` gives them: a take of hours is never all in memory. `samples[a:b]` reads
    frames a to b; `len(samples)` is the number of frames."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            with wave.open(str(self.path)) as w:
                if w.getnchannels() != 1 or w.getsampwidth() != _FRAME:
                    raise AudioError(f"{self.path.name}: not a 16-bit mono WAV.")
                self.rate, self._frames = w.getframerate(), w.getnframes()
        except (wave.Error, EOFError) as error:
            raise AudioError(f"{self.path.name}: not a readable WAV file ({error}).") from None

    def __len__(self) -> int:
        return self._frames

    def __getitem__(self, frames: slice) -> np.ndarray:
        start, stop, _step = frames.indices(self._frames)
        with wave.open(str(self.path)) as w:
            w.setpos(start)
            data = w.readframes(max(0, stop - start))
        return np.frombuffer(data, "<i2").astype(np.float32) / 32768


def repair(path: str | Path) -> float:
    """Make the header of a WAV left by a killed recording cover the samples on disk (dropping a
    partial last frame), and return its duration in seconds. Its data chunk must be the last
    one, as in every take. Raises AudioError when the file is
    not a PCM WAV."""
    path = Path(path)
    try:
        with path.open("r+b") as f:
            data = f.read(1 << 16)
            if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
                raise AudioError(f"{path.name}: not a WAV file, cannot repair it.")
            at, block, rate = 12, None, None
            while at + 8 <= len(data):
                chunk, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
                if chunk == b"fmt ":
                    _, _, rate, _, block, _ = struct.unpack("<HHIIHH", data[at + 8:at + 24])
                elif chunk == b"data":
                    break
                at += 8 + size + size % 2
            else:
                raise AudioError(f"{path.name}: the WAV file has no data chunk, cannot repair it.")
            if not block or not rate:
                raise AudioError(f"{path.name}: the WAV file has no format chunk, cannot repair it.")
            start = at + 8
            size = os.fstat(f.fileno()).st_size - start
            size -= size % block
            f.truncate(start + size)
            f.seek(4)
            f.write(struct.pack("<I", start + size - 8))
            f.seek(at + 4)
            f.write(struct.pack("<I", size))
            f.flush()
            os.fsync(f.fileno())
    except OSError as error:
        raise AudioError(f"{path.name}: cannot repair it ({error.strerror or error}).") from None
    return size / block / rate
