"""Synthetic meetings of real voices for the tests and the bench of speakers/: distinct people from
../shared/speech (FLEURS reads several speakers' clips under one speaker: which clips share a voice
was found by CAM++ distance, 0.55-0.88 within a group, under 0.35 across) and the two SVOX Pico
voices, taking turns, with what each said known to the 10 ms; clean, or in a room (a synthetic
reverberation of 0.5 s and room tone 15 dB under the speech).

Test tooling like pico_speech.py: bench/ puts tests/ on sys.path to import it."""
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.signal import fftconvolve

from pico_speech import speak
from recorder import decode
from room_noise import SAMPLE_RATE, at_level, pink

SPEECH = Path(__file__).resolve().parents[2] / "shared" / "speech"
# One person each; a voice's clips are read one after the other.
CLIPS = {
    "Ana": ["fr/fleurs-fr-001.ogg", "fr/fleurs-fr-007.ogg"],
    "Bruno": ["fr/fleurs-fr-002.ogg", "fr/fleurs-fr-005.ogg", "fr/fleurs-fr-006.ogg", "fr/fleurs-fr-009.ogg"],
    "Chloé": ["fr/fleurs-fr-003.ogg", "fr/fleurs-fr-004.ogg", "fr/fleurs-fr-008.ogg"],
    "Dev": ["en/fleurs-en-001.ogg", "en/fleurs-en-005.ogg", "en/fleurs-en-008.ogg"],
    "John": ["en/whisper-jfk.flac"],
    "Quilter": ["en/picovoice-leopard-test_en-librispeech.wav"],
}
PICO = {
    "Pico-fr": ("fr", ["Je voudrais revenir sur ce que tu disais tout à l'heure à propos de ton équipe.",
                       "Est-ce que tu as déjà parlé de cette situation avec ta responsable ?",
                       "À ta place, je prendrais le temps de rencontrer chacun séparément.",
                       "Ce que je retiens, c'est que la confiance se construit pas à pas."]),
    "Pico-en": ("en", ["I would like to come back to what you said about your team earlier.",
                       "Have you already talked about this situation with your manager?",
                       "If I were you, I would take the time to meet each of them on their own.",
                       "What I take away is that trust is built one step at a time."]),
}
ENROL_SECONDS = 4.0
FRAME = 0.01


@dataclass
class Meeting:
    audio: np.ndarray
    turns: list[tuple[float, float, str]]  # what each voice said, in seconds
    samples: dict[str, np.ndarray]  # a few seconds of each voice, not in the meeting, to enrol


def _trimmed(audio: np.ndarray) -> np.ndarray:
    """The clip without its leading and trailing silence (20 ms frames 35 dB under its loudest)."""
    frames = audio[:len(audio) // 320 * 320].reshape(-1, 320)
    loud = np.flatnonzero(np.sqrt((frames ** 2).mean(axis=1)) > np.abs(audio).max() * 10 ** (-35 / 20))
    return audio[loud[0] * 320:(loud[-1] + 1) * 320]


def voices(folder: Path) -> dict[str, np.ndarray]:
    """Each voice's speech, end to end (`folder` caches Pico's WAVs)."""
    out = {name: np.concatenate([_trimmed(decode(SPEECH / clip)) for clip in clips]) for name, clips in CLIPS.items()}
    for name, (lang, sentences) in PICO.items():
        out[name] = np.concatenate([_trimmed(decode(speak(s, lang, folder))) for s in sentences])
    return out


def meeting(speech: dict[str, np.ndarray], names: list[str], seed: int = 0, room: bool = False) -> Meeting:
    """`names` take turns of 2-5 s in a random order, nobody twice in a row, a pause of 0.3-0.8 s
    between turns, until each one's speech (less their enrolment sample) is said."""
    rng = random.Random(seed)
    samples = {n: speech[n][:round(ENROL_SECONDS * SAMPLE_RATE)] for n in names}
    left = {n: speech[n][round(ENROL_SECONDS * SAMPLE_RATE):] for n in names}
    pieces, turns, now, previous = [], [], 0.5, None
    pieces.append(np.zeros(round(now * SAMPLE_RATE), np.float32))
    while any(len(a) >= SAMPLE_RATE for a in left.values()):
        name = rng.choice([n for n in names if n != previous and len(left[n]) >= SAMPLE_RATE] or [previous])
        take = round(rng.uniform(2.0, 5.0) * SAMPLE_RATE)
        piece, left[name] = left[name][:take], left[name][take:]
        if len(left[name]) < SAMPLE_RATE:  # no scrap of under a second left for a turn of its own
            piece, left[name] = np.concatenate([piece, left[name]]), left[name][:0]
        pause = np.zeros(round(rng.uniform(0.3, 0.8) * SAMPLE_RATE), np.float32)
        turns.append((now, now + len(piece) / SAMPLE_RATE, name))
        pieces += [at_level(piece, -23.0), pause]
        now += (len(piece) + len(pause)) / SAMPLE_RATE
        previous = name
    audio = np.concatenate(pieces)
    if room:  # the samples too: a voice is enrolled in the room it is heard in
        audio = in_a_room(audio, seed)
        samples = {n: in_a_room(sample, seed + 1) for n, sample in samples.items()}
    return Meeting(audio, turns, samples)


def in_a_room(audio: np.ndarray, seed: int = 0) -> np.ndarray:
    """Reverberation (exponentially decaying noise, RT60 0.5 s, after the direct sound) and room tone."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(0.5 * SAMPLE_RATE)) / SAMPLE_RATE
    response = rng.standard_normal(len(t)) * 10 ** (-3 * t / 0.5) * 0.3
    response[0] = 1.0
    wet = fftconvolve(audio, response)[:len(audio)]
    return (at_level(wet, -23.0) + pink(len(audio) / SAMPLE_RATE, -38.0, seed)).astype(np.float32)


def _frames(turns, length: int) -> list[str | None]:
    labels: list[str | None] = [None] * length
    for start, end, speaker in turns:
        for i in range(round(start / FRAME), min(length, round(end / FRAME))):
            labels[i] = speaker
    return labels


def der(reference, hypothesis, match_names: bool = False) -> float:
    """Diarization error rate in 10 ms frames, no collar, no overlap (the meetings have none):
    (missed speech + false alarm + wrong speaker) / speech. Anonymous labels are first matched to
    the reference one to one so as to agree most (Hungarian assignment); with `match_names` the
    labels are taken as said. pyannote.metrics does this too but brings pandas and scikit-learn."""
    length = round(max(e for _, e, _ in list(reference) + list(hypothesis)) / FRAME) + 1
    ref, hyp = _frames(reference, length), _frames(hypothesis, length)
    mapping = {}
    if not match_names:
        ref_names = sorted({r for r in ref if r}); hyp_names = sorted({h for h in hyp if h})
        overlap = np.zeros((len(hyp_names), len(ref_names)))
        for r, h in zip(ref, hyp):
            if r and h:
                overlap[hyp_names.index(h), ref_names.index(r)] += 1
        mapping = {hyp_names[i]: ref_names[j] for i, j in zip(*linear_sum_assignment(-overlap))}
    errors = sum(1 for r, h in zip(ref, hyp) if (r or h) and r != mapping.get(h, h))
    return errors / sum(1 for r in ref if r)


def turns_right(reference, hypothesis) -> int:
    """Reference turns whose speaker is the one the hypothesis gives most of their time."""
    length = round(max(e for _, e, _ in list(reference) + list(hypothesis)) / FRAME) + 1
    hyp = _frames(hypothesis, length)
    right = 0
    for start, end, speaker in reference:
        said = [h for h in hyp[round(start / FRAME):round(end / FRAME)] if h]
        right += bool(said) and max(set(said), key=said.count) == speaker
    return right
