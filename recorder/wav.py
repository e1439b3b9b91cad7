"""A WAV file that is valid at every moment it is being written, and the repair of one left by
a killed process.

The file is 16-bit PCM (a take recorded) or 32-bit float (a file decoded, its samples kept as
decoded): a 44-byte header, then the samples. Samples are appended and, at each
commit, written out, then the header's two sizes are rewritten to cover them, each step followed
by an fsync. A process killed at any point leaves a header that covers only samples on disk."""
import os
import struct
from pathlib import Path

import numpy as np
import soundfile

from recorder.audio_file import AudioError

SAMPLE_RATE = 16000
_HEADER = 44
_FORMAT_TAGS = {"<i2": 1, "<f4": 3}  # WAVE_FORMAT_PCM, WAVE_FORMAT_IEEE_FLOAT


def _header(rate: int, data_bytes: int, dtype: np.dtype) -> bytes:
    frame = dtype.itemsize  # bytes of one mono sample
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, _FORMAT_TAGS[dtype.str], 1, rate, rate * frame, frame, 8 * frame)
            + b"data" + struct.pack("<I", data_bytes))


class WavWriter:
    def __init__(self, path: str | Path, rate: int = SAMPLE_RATE, dtype: str = "<i2"):
        """`dtype`: "<i2" for 16-bit samples, "<f4" for float samples."""
        self.path = Path(path)
        self.rate = rate
        self.dtype = np.dtype(dtype)
        self.written = 0  # bytes of samples on disk
        self._pending = bytearray()
        # O_EXCL: a take is never overwritten. 0600: what a group says is for the user alone.
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            self._write(_header(rate, 0, self.dtype))
            os.fsync(self._fd)
        except OSError:
            os.close(self._fd)
            self.path.unlink()
            raise

    @property
    def frames(self) -> int:
        return (self.written + len(self._pending)) // self.dtype.itemsize

    @property
    def pending(self) -> int:
        """Frames appended and not yet committed."""
        return len(self._pending) // self.dtype.itemsize

    def append(self, samples: np.ndarray):
        """Queue mono samples (int16, or float for a float file) for the next commit."""
        self._pending += samples.astype(self.dtype, copy=False).tobytes()

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
            os.pwrite(self._fd, _header(self.rate, self.written - self.written % self.dtype.itemsize, self.dtype), 0)
            os.fsync(self._fd)

    def close(self):
        """Close, dropping what was not committed and any partial sample a full disk left, so
        that the file ends where its header says."""
        self._pending.clear()
        self.written -= self.written % self.dtype.itemsize
        try:
            os.ftruncate(self._fd, _HEADER + self.written)
            os.pwrite(self._fd, _header(self.rate, self.written, self.dtype), 0)
        finally:
            os.close(self._fd)

    def _write(self, data) -> int:
        # One write may be partial when the disk fills; the next one then raises ENOSPC.
        return os.write(self._fd, data)


class WavSamples:
    """The samples of a mono WAV (a take), read from the file a slice at a time, as float32 like
    `decode` gives them: a take of hours is never all in memory. `samples[a:b]` reads frames a
    to b; `len(samples)` is the number of frames."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            info = soundfile.info(str(self.path))
        except (soundfile.LibsndfileError, RuntimeError) as error:
            raise AudioError(f"{self.path.name}: not a readable WAV file ({error}).") from None
        if info.format != "WAV" or info.channels != 1:
            raise AudioError(f"{self.path.name}: not a mono WAV.")
        self.rate, self._frames = info.samplerate, info.frames

    def __len__(self) -> int:
        return self._frames

    def __getitem__(self, frames: slice) -> np.ndarray:
        start, stop, _step = frames.indices(self._frames)
        with soundfile.SoundFile(str(self.path)) as f:
            f.seek(start)
            return f.read(max(0, stop - start), dtype="float32")


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
