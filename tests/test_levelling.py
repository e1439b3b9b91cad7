"""Quiet and distant voices: each stretch of speech is levelled before Whisper hears it, so that a
consultant far from the laptop, between louder voices, keeps their words; silence and room noise
are not brought up."""
import numpy as np
import pyloudnorm

from pico_speech import speak
from recorder import decode
from room_noise import at_level, pink
from transcribe import Transcriber, resolve_model
from transcribe.levelling import level

NEAR = ["Bonjour à tous, je commence par le contexte de mon équipe, qui a beaucoup changé cette année.",
        "Merci pour cette remarque, je la note et je passe à la suite de ma présentation."]
FAR = "Je voudrais ajouter que le planning des infirmières est toujours affiché trop tard."
GAP = np.zeros(16000 // 10, np.float32)  # between speakers: too short a pause to cut at, one stretch


def said(text: str, folder) -> np.ndarray:
    """Pico saying `text`, without the silence it leaves before and after."""
    samples = decode(speak(text, "fr", folder))
    sound = np.flatnonzero(np.abs(samples) > 1e-3)
    return samples[sound[0]:sound[-1] + 1]


def far_away(samples: np.ndarray) -> np.ndarray:
    """`samples` as heard from the far end of a meeting room: with the room's echoes (an impulse
    response that dies away over half a second, made here: no recorded room ships on the registry)."""
    echoes = np.random.default_rng(0).standard_normal(8000) * np.exp(-np.arange(8000) / 1200)
    echoes[0] = 1.0
    return np.convolve(samples, echoes)


def loudness(samples: np.ndarray) -> float:
    return pyloudnorm.Meter(16000).integrated_loudness(samples)


def test_a_distant_voice_between_louder_ones_keeps_its_words(models_dir, tmp_path):
    """Without levelling, Whisper hears "le famille des infiers en mièvre" here."""
    near = [at_level(said(text, tmp_path), -14.0) for text in NEAR]
    far = at_level(far_away(said(FAR, tmp_path)), -35.0)
    table = np.concatenate([near[0], GAP, far, GAP, near[1]])
    heard = Transcriber(resolve_model(None, models_dir)).transcribe(table + pink(len(table) / 16000, dbfs=-60.0), "fr")
    text = " ".join(s.text for s in heard.segments).lower()
    assert all(word in text for word in ("contexte", "présentation")), text
    assert all(word in text for word in ("infirmières", "toujours", "affiché")), text


def test_a_quiet_voice_is_brought_up_to_the_loudest_and_noise_stays_as_it_was(tmp_path):
    near = at_level(said(NEAR[0], tmp_path), -14.0)
    far = at_level(said(FAR, tmp_path), -40.0)
    levelled = level(np.concatenate([near, GAP, far]))
    assert np.array_equal(levelled[:len(near) - 16000], near[:-16000])  # the loudest voice as it was
    assert abs(loudness(levelled[-len(far):]) - loudness(near)) < 2

    noise = pink(10.0, dbfs=-45.0)
    assert np.array_equal(level(noise), noise)
