"""Transcription with faster-whisper on the CPU, streaming segments as they are decoded."""
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from faster_whisper import WhisperModel

from transcribe.hallucinations import strip_hallucinations
from transcribe.models import ModelUnavailable

SAMPLE_RATE = 16000
# Silero VAD, more inclusive than faster-whisper's defaults (threshold 0.5, 400 ms pad):
# quiet voices across a room are kept and words at the edges of speech are not clipped.
# On ../shared/speech this beats plain faster-whisper without VAD (bench/wer.py).
VAD_PARAMETERS = {"threshold": 0.35, "speech_pad_ms": 1000}


@dataclass
class Segment:
    start: float  # seconds
    end: float
    text: str


@dataclass
class Transcription:
    language: str
    duration: float  # seconds of audio
    segments: Iterator[Segment]  # decoded lazily: iterate to transcribe


@cache
def _load(model: str, threads: int) -> WhisperModel:
    try:
        return WhisperModel(model, device="cpu", compute_type="int8", cpu_threads=threads)
    except Exception as error:  # faster-whisper raises hub, OS and runtime errors alike
        raise ModelUnavailable(f"Cannot load the Whisper model '{model}': {error}") from error


class Transcriber:
    def __init__(self, model: str, threads: int = 2, beam_size: int = 5, vad: bool = True):
        self.model = model
        self.threads = threads
        self.beam_size = beam_size
        self.vad = vad

    def load(self) -> None:
        """Load the model now (it is kept for the process), so that the first transcription
        does not wait for it."""
        _load(self.model, self.threads)

    def transcribe(self, audio: np.ndarray, language: str | None = None) -> Transcription:
        """Transcribe 16 kHz mono float32 samples. `language` None detects it.

        With `vad`, Silero VAD skips the silences that codev sessions are full of: they cost
        no time and produce no hallucinated text."""
        segments, info = _load(self.model, self.threads).transcribe(
            audio, language=language, beam_size=self.beam_size, vad_filter=self.vad,
            vad_parameters=VAD_PARAMETERS if self.vad else None)
        # Whisper's known phrases over silence and noise never reach a transcript (see hallucinations).
        stream = (Segment(round(s.start, 2), round(s.end, 2), strip_hallucinations(s.text)) for s in segments)
        return Transcription(language=info.language, duration=len(audio) / SAMPLE_RATE,
                             segments=(s for s in stream if s.text))
