"""Reading audio files of any common format into 16 kHz mono samples, with PyAV (FFmpeg),
which reads every container a facilitator is likely to bring."""
import wave
from pathlib import Path

import av
import numpy as np

SUPPORTED_EXTENSIONS = (".wav", ".flac", ".mp3", ".m4a", ".ogg", ".webm")
SAMPLE_RATE = 16000
# A file that decodes to less than this share of the length its header declares is truncated.
_COMPLETE = 0.95


class AudioError(Exception):
    pass


def decode(path: str | Path, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """All the samples of `path`, mono float32 at `sample_rate`. Raises AudioError with a
    message for the user when the file is missing, not audio, empty or truncated."""
    path = Path(path)
    if not path.is_file():
        raise AudioError(f"{path}: no such file.")
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise AudioError(f"{path.name}: unsupported file type; use one of {', '.join(SUPPORTED_EXTENSIONS)}.")
    chunks = []
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError(f"{path.name}: the file holds no audio stream.")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=sample_rate)
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except av.FFmpegError as error:
        raise AudioError(f"{path.name}: not a readable audio file ({error.strerror or error}).") from None
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    if not len(audio):
        raise AudioError(f"{path.name}: the file holds no audio.")
    if _truncated(path, len(audio) / sample_rate):
        raise AudioError(f"{path.name}: the file is truncated (it ends before its own end marks). "
                         "Copy or export it again from the source.")
    return audio


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
