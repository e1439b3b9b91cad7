"""Levelling: the quiet voices of a stretch brought up to its loudest one before Whisper hears it,
so that a consultant at the far end of the table is heard like the one beside the laptop.

Whisper reads 30 s at a time and hears a quiet voice beside a loud one badly, or not at all (a
distant voice 20 dB below its neighbours, tests/test_levelling.py); Silero VAD still finds it.
Alone, a voice is heard as well at -60 dBFS as at -20: bringing every stretch to one loudness
made the clips of ../shared/speech and ../shared/speech-conv worse (bench/wer.py). So each
stretch of speech the VAD finds is measured (pyloudnorm, ITU-R BS.1770: it weighs the frequencies
as the ear does and leaves the pauses out), and the ones more than TOLERANCE_LU below the loudest
of the stretch are brought up to that; the gain glides across the pause between two of them.
The loudest voice, and silence or noise alone, stay as they are."""
import numpy as np
import pyloudnorm
from faster_whisper.vad import VadOptions, get_speech_timestamps

SAMPLE_RATE = 16000
TOLERANCE_LU = 15.0  # one voice varies this much from word to word: closer to the loudest, left alone
MAX_GAIN_DB = 40.0  # the quietest clip of ../shared/speech is 40 dB below the loudest
WINDOW_SECONDS, HOP_SECONDS = 1.0, 0.25  # loudness is measured over a second, every quarter second
VAD = VadOptions(threshold=0.35, min_silence_duration_ms=300, speech_pad_ms=100)


def _loudness(audio: np.ndarray) -> float:
    # A meter keeps state as it measures: one each time, as the live recorder's thread levels too.
    return pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(audio)


def level(audio: np.ndarray) -> np.ndarray:
    """`audio` (16 kHz mono float32) with its quiet speech brought up to its loudest."""
    window, hop = round(WINDOW_SECONDS * SAMPLE_RATE), round(HOP_SECONDS * SAMPLE_RATE)
    speech = get_speech_timestamps(audio, VAD) if len(audio) >= window else []
    middles = [middle for part in speech
               for middle in range(part["start"] + window // 2, max(part["end"] - window // 2, part["start"] + window // 2) + 1, hop)
               if middle + window // 2 <= len(audio)]
    if not middles:
        return audio
    loudness = np.array([_loudness(audio[middle - window // 2:middle + window // 2]) for middle in middles])
    below = loudness.max() - loudness
    gains = np.where(below > TOLERANCE_LU, np.minimum(below, MAX_GAIN_DB), 0.0)
    if not gains.any():
        return audio
    decibels = np.interp(np.arange(len(audio)), middles, gains)
    return (audio * 10 ** (decibels / 20)).astype(np.float32)
