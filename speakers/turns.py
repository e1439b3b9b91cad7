"""Who speaks when in 16 kHz mono float32 audio.

Silero VAD (shipped with faster-whisper) finds the speech; each stretch is cut in windows of 1.5 s
every 0.75 s and each window gets a CAM++ embedding. A window goes to the enrolled voice it is
nearest to when that voice is close enough and clearly closer than the next; the others are
grouped by agglomerative clustering (scipy's, average linkage on cosine distance: the number of
voices is not known in advance, and scipy is already there for faster-whisper and pyloudnorm) and
named S1, S2... in the order they first speak.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
from faster_whisper.vad import VadOptions, get_speech_timestamps
from scipy.cluster.hierarchy import fcluster, linkage
from threadpoolctl import threadpool_limits

from speakers.campplus import SAMPLE_RATE, CamPlusPlus, fbank

WINDOW = 1.5  # seconds of speech per embedding: shorter tells voices apart less well
HOP = 0.75
SHORTEST = 0.4  # a stretch of speech shorter than this is not given a speaker
BATCH = 16  # windows embedded at once (memory grows with it, speed barely)
VAD = VadOptions(threshold=0.5, min_silence_duration_ms=250, speech_pad_ms=60)
MATCH = 0.35  # cosine similarity to an enrolled voice at which a window is theirs...
MARGIN = 0.08  # ...when no other enrolled voice is this close to it
CLUSTER_DISTANCE = 0.7  # average cosine distance at which two groups of windows are two voices
JOIN_GAP = 0.5  # a pause shorter than this between two stretches of one speaker stays in the turn
# Audio is read a block at a time, so that a take of hours is never all in memory: the VAD reads
# 10 minutes at once (a stretch of speech across two blocks is cut in two), the model 256 windows.
VAD_BLOCK = 600.0
EMBED_BLOCK = 256


class NoSpeech(ValueError):
    pass


@dataclass(frozen=True)
class Turn:
    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Window:
    start: float  # the audio embedded
    end: float
    owns_from: float  # the part of the timeline this window speaks for (windows overlap)
    owns_to: float


@cache
def _model() -> CamPlusPlus:
    return CamPlusPlus()


def speech_regions(audio) -> list[tuple[float, float]]:
    """Where there is speech in `audio` (samples, or a file's samples read by slices, such as
    recorder.wav.WavSamples), in seconds."""
    block = round(VAD_BLOCK * SAMPLE_RATE)
    return [((r["start"] + at) / SAMPLE_RATE, (r["end"] + at) / SAMPLE_RATE)
            for at in range(0, len(audio), block)
            for r in get_speech_timestamps(np.asarray(audio[at:at + block]), VAD)
            if (r["end"] - r["start"]) / SAMPLE_RATE >= SHORTEST]


def windows(regions: list[tuple[float, float]]) -> Iterator[Window]:
    for start, end in regions:
        count = max(1, int(np.ceil((end - start - WINDOW) / HOP)) + 1)
        starts = [min(start + i * HOP, max(start, end - WINDOW)) for i in range(count)]
        centres = [s + min(WINDOW, end - start) / 2 for s in starts]
        bounds = [start] + [(a + b) / 2 for a, b in zip(centres, centres[1:])] + [end]
        for i, s in enumerate(starts):
            yield Window(s, min(s + WINDOW, end), bounds[i], bounds[i + 1])


@threadpool_limits.wrap(limits=1, user_api="blas")
def embeddings(audio, spans: list[Window]) -> np.ndarray:
    """One unit-length embedding per window, batched by length, EMBED_BLOCK windows at a time. On one
    BLAS thread: the model's matrices are small, and two threads spin against each other and against
    Whisper's (16 windows in 0.9 s on one thread; 2.4 to 10.8 s on two while the other core was busy)."""
    out = np.zeros((len(spans), 192), dtype=np.float32)
    for first in range(0, len(spans), EMBED_BLOCK):
        feats = {first + i: fbank(audio[round(w.start * SAMPLE_RATE):round(w.end * SAMPLE_RATE)])
                 for i, w in enumerate(spans[first:first + EMBED_BLOCK])}
        by_length: dict[int, list[int]] = {}
        for i, f in feats.items():
            by_length.setdefault(len(f), []).append(i)
        for indices in by_length.values():
            for b in range(0, len(indices), BATCH):
                batch = indices[b:b + BATCH]
                out[batch] = _model().embed(np.stack([feats[i] for i in batch]))
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def voiceprint(audio: np.ndarray) -> np.ndarray:
    """A voice's signature from a sample of it speaking (a few seconds or more)."""
    spans = list(windows(speech_regions(audio)))
    if not spans:
        raise NoSpeech("no speech in the sample")
    mean = embeddings(audio, spans).mean(axis=0)
    return mean / np.linalg.norm(mean)


def _enrolled(vectors: np.ndarray, voices: Mapping[str, np.ndarray]) -> list[str | None]:
    if not voices:
        return [None] * len(vectors)
    names = list(voices)
    similarity = vectors @ np.stack([voices[n] for n in names]).T
    ranked = np.sort(similarity, axis=1)
    best = similarity.argmax(axis=1)
    second = ranked[:, -2] if len(names) > 1 else np.full(len(vectors), -1.0)
    return [names[b] if top >= MATCH and top - next_ >= MARGIN else None
            for b, top, next_ in zip(best, ranked[:, -1], second)]


def _clustered(vectors: np.ndarray) -> list[str]:
    if len(vectors) == 1:
        return ["S1"]
    groups = fcluster(linkage(vectors, method="average", metric="cosine"), CLUSTER_DISTANCE, "distance")
    names: dict[int, str] = {}
    return [names.setdefault(g, f"S{len(names) + 1}") for g in groups]


def who_spoke(audio, voices: Mapping[str, np.ndarray] | None = None) -> list[Turn]:
    """The turns of `audio` (samples, or a file's samples read by slices), each named after the
    enrolled voice it matches, or S1, S2... ."""
    spans = list(windows(speech_regions(audio)))
    if not spans:
        return []
    vectors = embeddings(audio, spans)
    labels = _enrolled(vectors, voices or {})
    unknown = [i for i, label in enumerate(labels) if label is None]
    if unknown:
        for i, label in zip(unknown, _clustered(vectors[unknown])):
            labels[i] = label
    turns: list[Turn] = []
    for span, label in zip(spans, labels):
        if turns and turns[-1].speaker == label and span.owns_from - turns[-1].end < JOIN_GAP:
            turns[-1] = Turn(turns[-1].start, span.owns_to, label)
        else:
            turns.append(Turn(span.owns_from, span.owns_to, label))
    return [Turn(round(t.start, 2), round(t.end, 2), t.speaker) for t in turns]
