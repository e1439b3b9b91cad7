"""Test speech with SVOX Pico (PyPI `ttspico`, a test extra; its fr-FR and en-US voices ship
inside the package): text in, a 16 kHz mono 16-bit WAV out. Whisper base hears Pico's French
far better than espeak-ng's, so French speech for the tests and the benches comes from here.

It lives in tests/ and bench/ puts tests/ on sys.path to import it (as bench/step_latency.py
does for audio_stack): it is test tooling, installed by the `test` extra only, so it cannot sit
in the app's packages, and the suite must not depend on bench/, while bench/ already runs on
what `make test` installs."""
import hashlib
import wave
from pathlib import Path

import ttspico

VOICES = {"fr": "fr-FR", "en": "en-US"}
SAMPLE_RATE = 16000  # what Pico makes: 16 kHz, 16-bit little-endian, mono
_engines: dict[str, ttspico.TtsEngine] = {}


def speak(text: str, lang: str, folder: Path) -> Path:
    """A WAV file in `folder` of Pico saying `text` in `lang` ("fr" or "en"); the file is named
    after the voice and the text, so the same text is synthesised once per folder."""
    voice = VOICES[lang]
    if len(text.encode()) > 32000:  # the engine counts the bytes it is given in an int16
        raise ValueError("Pico speaks at most 32000 bytes of text at a time; split the text")
    path = Path(folder) / f"pico-{voice}-{hashlib.sha1(text.encode()).hexdigest()[:16]}.wav"
    if path.exists():
        return path
    if voice not in _engines:
        _engines[voice] = ttspico.TtsEngine(voice)
    chunks = []

    def collect(audio_format, audio, final):
        rate, bits, channels = audio_format
        assert (rate, bits, channels) == (SAMPLE_RATE, 16, 1), f"unexpected Pico format {audio_format}"
        chunks.append(audio)
        return True

    # Pico reads '<…>' as markup; step texts have none, but a stray one must not be swallowed.
    _engines[voice].speak(text.replace("<", " ").replace(">", " "), collect)
    partial = path.with_suffix(".part")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(b"".join(chunks))
    partial.replace(path)  # a file there is always whole
    return path
