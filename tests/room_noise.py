"""Room noise for the tests and benches of silence: what a laptop's microphone hears in a meeting
room while nobody speaks, at realistic levels (dBFS, RMS). Pink and brown noise come from
`colorednoise` (test extra); a fan's hum, keyboard clicks and a phone's ringtone are made here.

Without Silero VAD and the known-phrase filter, Whisper base writes lines on several of these ("...",
"."; "I'm sorry." on music in English): tests/test_silence.py checks it, so that it can fail."""
import numpy as np
from colorednoise import powerlaw_psd_gaussian

SAMPLE_RATE = 16000


def at_level(samples: np.ndarray, dbfs: float) -> np.ndarray:
    """`samples` scaled to an RMS of `dbfs`, as float32."""
    return (samples / np.sqrt(np.mean(samples ** 2)) * 10 ** (dbfs / 20)).astype(np.float32)


def pink(seconds: float, dbfs: float = -45.0, seed: int = 0) -> np.ndarray:
    """Room tone: air handling, distant traffic."""
    return at_level(powerlaw_psd_gaussian(1, round(seconds * SAMPLE_RATE), random_state=seed), dbfs)


def brown(seconds: float, dbfs: float = -35.0, seed: int = 0) -> np.ndarray:
    """Rumble: a building's ventilation, a train passing far off."""
    return at_level(powerlaw_psd_gaussian(2, round(seconds * SAMPLE_RATE), random_state=seed), dbfs)


def fan(seconds: float, dbfs: float = -40.0, seed: int = 0) -> np.ndarray:
    """A laptop's or a projector's fan: a 100 Hz hum and its harmonics over its own air noise."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    hum = sum(np.sin(2 * np.pi * 100 * k * t) / k for k in range(1, 5))
    return at_level(at_level(hum, 0) + 0.7 * pink(seconds, 0, seed), dbfs)


def keyboard(seconds: float, dbfs: float = -25.0, seed: int = 0) -> np.ndarray:
    """Someone typing their notes: 15 ms clicks, 3 to 10 a second with pauses, over room tone."""
    rng = np.random.default_rng(seed)
    samples = pink(seconds, -55, seed).copy()
    click = round(0.015 * SAMPLE_RATE)
    at = 0.0
    while (at := at + rng.uniform(0.1, 0.35) + (rng.uniform(0.5, 2) if rng.random() < 0.1 else 0)) < seconds - 0.1:
        burst = rng.standard_normal(click) * np.exp(-np.arange(click) / (0.003 * SAMPLE_RATE))
        start = round(at * SAMPLE_RATE)
        samples[start:start + click] += at_level(burst, dbfs) * rng.uniform(0.5, 1)
    return samples


def ringtone(seconds: float, dbfs: float = -25.0, seed: int = 5) -> np.ndarray:
    """A phone's melody left ringing: notes with harmonics, as music on hold or a ringtone."""
    rng = np.random.default_rng(seed)
    note = round(0.4 * SAMPLE_RATE)
    t = np.arange(note) / SAMPLE_RATE
    notes = []
    for _ in range(int(np.ceil(seconds / 0.4))):
        pitch = 220 * 2 ** (rng.integers(0, 12) / 12)
        notes.append(sum(np.sin(2 * np.pi * pitch * k * t) / k for k in (1, 2, 3)) * np.exp(-t * 3))
    return at_level(np.concatenate(notes)[:round(seconds * SAMPLE_RATE)], dbfs)


NOISES = {"silence": lambda seconds: np.zeros(round(seconds * SAMPLE_RATE), np.float32),
          "pink noise": pink, "brown noise": brown, "fan": fan, "keyboard": keyboard, "ringtone": ringtone}
