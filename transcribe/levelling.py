"""Levelling: every voice of a stretch brought to one loudness before Whisper hears it, so that a
consultant at the far end of the table is heard like the one beside the laptop.

Whisper hears a quiet voice beside a loud one badly, and drops it (the quiet FLEURS clips of
../shared/speech, 35 dB below their neighbours, in a long file); Silero VAD still finds it. So
each stretch of speech that the VAD finds gets its own gain, to the loudness EBU R128 asks of a
programme (measured by pyloudnorm, ITU-R BS.1770, which weighs the frequencies as the ear does
and leaves the pauses out); the gain glides from one to the next across the pause between them.
The silences and room noise around speech are not brought up on their own."""
import numpy as np
import pyloudnorm
from faster_whisper.vad import VadOptions, get_speech_timestamps

SAMPLE_RATE = 16000
TARGET_LUFS = -23.0
MAX_GAIN_DB = 40.0  # the quietest clip of ../shared/speech is at -61 LUFS
VAD = VadOptions(threshold=0.35, min_silence_duration_ms=300, speech_pad_ms=100)
BLOCK_SECONDS = 0.4  # the meter's gating block, the shortest audio it measures
_BLOCK = round(BLOCK_SECONDS * SAMPLE_RATE)


def _loudness(audio: np.ndarray, start: int, end: int) -> float:
    """The loudness of audio[start:end] in LUFS, widened to the meter's block if shorter."""
    start = max(0, min(start - max(0, _BLOCK - (end - start)) // 2, len(audio) - _BLOCK))
    # A meter keeps state as it measures: one each time, as the live recorder's thread levels too.
    return pyloudnorm.Meter(SAMPLE_RATE, block_size=BLOCK_SECONDS).integrated_loudness(
        audio[start:max(end, start + _BLOCK)])


def level(audio: np.ndarray) -> np.ndarray:
    """`audio` (16 kHz mono float32) with each stretch of speech at TARGET_LUFS, at most
    MAX_GAIN_DB louder; as it is when it holds no speech."""
    if len(audio) < _BLOCK:
        return audio
    speech = get_speech_timestamps(audio, VAD)
    if not speech:
        return audio
    at, gains = [], []
    for part in speech:
        gain = float(np.clip(TARGET_LUFS - _loudness(audio, part["start"], part["end"]), -MAX_GAIN_DB, MAX_GAIN_DB))
        at += [part["start"], part["end"]]
        gains += [gain, gain]
    decibels = np.interp(np.arange(len(audio)), at, gains)
    return (audio * 10 ** (decibels / 20)).astype(np.float32)
