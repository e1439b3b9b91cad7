"""Whisper's known phrases over silence and noise (transcribe/hallucinations.py and its lists):
removed whole, as a segment or the end of one, whatever their case, accents and punctuation;
real speech that shares their words is kept."""
import pytest

from transcribe.hallucinations import phrases, strip_hallucinations, unplaced


@pytest.mark.parametrize("heard", [
    "Sous-titres réalisés par la communauté d'Amara.org",
    " SOUS TITRES REALISES PAR LA COMMUNAUTE D AMARA ORG !",
    "Sous-titrage ST' 501",
    "Sous-titrage ST'501.",
    "Merci d'avoir regardé cette vidéo !",
    "Merci d'avoir regardé.",
    "Abonnez-vous !",
    "Abonnez-vous. Abonnez-vous.",
    "Thank you for watching!",
    "thanks for watching",
    "...",
    " ♪ ",
])
def test_a_segment_that_is_only_a_known_phrase_is_removed(heard):
    assert strip_hallucinations(heard) == ""


@pytest.mark.parametrize("heard, kept", [
    ("Je vais appeler Monique vendredi. Sous-titres réalisés par la communauté d'Amara.org",
     "Je vais appeler Monique vendredi."),
    ("On verra bien, merci d'avoir regardé cette vidéo. Merci d'avoir regardé cette vidéo.", "On verra bien"),
    ("Le contrat est clair. ❤️ par SousTitreur.com", "Le contrat est clair."),
    ("I will call the nurses on Monday. Thanks for watching!", "I will call the nurses on Monday."),
])
def test_a_known_phrase_ending_a_segment_is_cut_off(heard, kept):
    assert strip_hallucinations(heard) == kept


@pytest.mark.parametrize("said", [
    "Merci.",
    "Merci beaucoup à tous.",
    "Merci d'avoir regardé mon dossier avant la séance.",
    "Je me suis abonné à la chaîne de formation du service.",
    "Les sous-titres de la vidéo de formation étaient mal faits.",
    "Thank you.",
    "Thank you for watching my back in that meeting.",
])
def test_real_speech_sharing_their_words_is_kept(said):
    assert strip_hallucinations(said) == said


def test_the_lists_are_read_from_the_data_files():
    words = set(phrases())
    assert ("sous", "titres", "realises", "par", "la", "communaute", "d", "amara", "org") in words
    assert ("thank", "you", "for", "watching") in words
    assert all(words), "a comment or a blank line was taken for a phrase"


def test_words_whisper_could_not_place_in_the_audio_are_no_speech():
    # "Merci à tous Maëlle Le Goff, Maëlle Le" after the real sentence, in 0.32 s (bench/names.py)
    assert unplaced([0.08, 0.1, 0.04, 0.1, 0.0, 0.0, 0.0, 0.0])
    assert not unplaced([0.2, 0.12, 0.3, 0.98, 0.0, 0.0, 0.0])  # a sentence whose last words were timed badly
    assert not unplaced([0.12, 0.1, 0.16])  # said fast
    assert not unplaced([0.0, 0.0])  # too short to judge
    assert not unplaced([])  # no word timings
