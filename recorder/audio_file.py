"""Reading audio files of any common format into 16 kHz mono samples, with PyAV (FFmpeg),
which reads every container a facilitator is likely to bring."""
import os
import wave
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

SUPPORTED_EXTENSIONS = (".wav", ".flac", ".mp3", ".m4a", ".ogg", ".webm")
SAMPLE_RATE = 16000
# A file that decodes to less than this share of the length its header declares is truncated.
_COMPLETE = 0.95
# Samples converted between two writes to disk: memory stays this small however long the file.
_CONVERT_BLOCK = SAMPLE_RATE * 30


class AudioError(Exception):
    pass


def probe(path: str | Path) -> float:
    """Check that `path` is a file of audio, without decoding it: it exists, has a supported
    type, opens, and holds an audio stream. Return the duration its container declares, in
    seconds (0 when it declares none). Raises AudioError with a message for the user."""
    path = _checked(path)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name}: the file holds no audio stream.")
            return max(0.0, (container.duration or 0) / av.time_base)
    except av.FFmpegError as error:
        raise AudioError(f"{path.name}: not a readable audio file ({error.strerror or error}).") from None


def decode(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """All the samples of `path`, mono float32 at `sample_rate`, in memory. Raises AudioError with a
    message for the user when the file is missing, not audio, empty or truncated."""
    path = _checked(path)
    chunks = list(_samples(path, "flt", sample_rate))
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    _check_length(path, len(audio) / sample_rate)
    return audio


def convert(source: str | Path, target: str | Path, sample_rate: int = SAMPLE_RATE) -> float:
    """Decode `source` into a new mono WAV at `target`, a block at a time, so that hours of audio
    take no more memory than minutes; return its duration in seconds. The samples are kept as
    decoded, in float (Whisper hears them as from `decode`; rounded to 16 bits, a borderline word
    can change). On AudioError (`source` missing, not audio, empty or truncated) or OSError (a
    full disk), `target` is not left behind."""
    from recorder.wav import WavWriter  # wav reads AudioError from here

    source = _checked(source)
    writer = WavWriter(target, rate=sample_rate, dtype="<f4")
    try:
        for block in _samples(source, "flt", sample_rate):
            writer.append(block)
            if writer.pending >= _CONVERT_BLOCK:
                writer.commit()
        writer.commit()
        seconds = writer.frames / sample_rate
        _check_length(source, seconds)
    except BaseException:
        writer.close()
        os.unlink(target)
        raise
    writer.close()
    return seconds


def _checked(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise AudioError(f"{path}: no such file.")
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise AudioError(f"{path.name}: unsupported file type; use one of {', '.join(SUPPORTED_EXTENSIONS)}.")
    return path


def _samples(path: Path, sample_format: str, sample_rate: int) -> Iterator[np.ndarray]:
    """The samples of the file's first audio stream, mono at `sample_rate`, frame by frame."""
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name}: the file holds no audio stream.")
            resampler = av.AudioResampler(format=sample_format, layout="mono", rate=sample_rate)
            for frame in container.decode(container.streams.audio[0]):
                for out in resampler.resample(frame):
                    yield out.to_ndarray().reshape(-1)
            for out in resampler.resample(None):
                yield out.to_ndarray().reshape(-1)
    except av.FFmpegError as error:
        raise AudioError(f"{path.name}: not a readable audio file ({error.strerror or error}).") from None


def _check_length(path: Path, seconds: float) -> None:
    if not seconds:
        raise AudioError(f"{path.name}: the file holds no audio.")
    if _truncated(path, seconds):
        raise AudioError(f"{path.name}: the file is truncated (it ends before its own end marks). "
                         "Copy or export it again from the source.")


def _truncated(path: Path, seconds: float) -> bool:
    """FFmpeg decodes what is there without complaint, so look at what the file itself promised."""
    if path.suffix.lower() == ".wav":
        try:
            with wave.open(str(path)) as w:
                declared = w.getnframes() / w.getframerate()
        except (wave.Error, EOFError):
            return False  # a WAV flavour the stdlib cannot read: trust FFmpeg
        return seconds < declared * _COMPLETE
    if path.suffix.lower() == ".ogg":
        # The last Ogg page of a complete stream carries the end-of-stream flag.
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 65536))
            tail = f.read()
        last_page = tail.rfind(b"OggS")
        return last_page < 0 or len(tail) < last_page + 6 or not tail[last_page + 5] & 0x04
    return False
