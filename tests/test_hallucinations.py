"""Whisper's known phrases over silence and noise (transcribe/hallucinations.py and its lists):
removed whole, as a segment or the end of one, whatever their case, accents and punctuation;
real speech that shares their words is kept."""
import pytest

from transcribe.hallucinations import made_up, phrases, repeats, strip_hallucinations, unplaced


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


NAMES = ["Aurélie Dubreuil", "Karim Benali", "Siobhan", "Thi Nguyen"]


# What Whisper base wrote, given NAMES, over a ringtone in a silent room (tests/test_silence.py):
# no-speech probability, average log probability, (word, probability, seconds).
@pytest.mark.parametrize("no_speech, log_probability, words", [
    (0.79, -0.76, [("Aurélie", 0.13, 0.2), ("Dubreuil", 0.32, 1.74)]),
    (0.86, -0.71, [("Aurélie", 0.12, 0.08), ("Dubreuil,", 0.32, 0.0), ("Karim", 0.08, 0.0), ("Benali", 0.0, 0.0)]),
    (0.55, -1.24, [("N'évoleur,", 0.0, 1.4), ("Karim", 0.04, 0.0), ("Benali,", 0.03, 0.0), ("Siobhan,", 0.0, 0.0),
                   ("Thi", 0.15, 0.0), ("Nguyen", 0.0, 0.0)]),
    (0.52, -1.77, [("Je", 0.01, 1.4), ("ne", 0.04, 0.0), ("peux", 0.07, 0.0), ("pas", 0.87, 0.0), ("t'aider.", 0.01, 0.0)]),
    (0.86, -0.92, [("Je", 0.01, 0.9), ("m'envoie,", 0.2, 0.3), ("Je", 0.3, 0.0), ("m'envoie,", 0.4, 0.0)]),
])
def test_what_whisper_writes_over_a_ringtone_is_made_up(no_speech, log_probability, words):
    assert made_up(no_speech, log_probability, words, NAMES)


# What it wrote over real speech, where it doubted most (../shared/speech, speech-conv).
@pytest.mark.parametrize("no_speech, log_probability, words", [
    # the last word of a clip, said quietly: sure of its words
    (0.71, -0.89, [("de", 0.64, 0.18), ("créditation.", 0.71, 0.62)]),
    # at -42 dBFS in noise, garbled but heard: probable enough
    (0.78, -0.63, [("C'est", 0.3, 0.1), ("la", 0.1, 0.1), ("grand-père", 0.2, 0.3), ("qui", 0.05, 0.1)]),
    # a name said where Whisper heard speech
    (0.12, -0.8, [("Karim", 0.1, 0.0), ("Benali", 0.1, 0.0)]),
    # a sentence with a name in it, where it doubted
    (0.6, -0.5, [("Je", 0.9, 0.2), ("vais", 0.9, 0.2), ("appeler", 0.9, 0.4), ("Karim", 0.3, 0.3), ("lundi", 0.8, 0.4)]),
])
def test_what_whisper_writes_over_speech_is_kept(no_speech, log_probability, words):
    assert not made_up(no_speech, log_probability, words, NAMES)
    assert not made_up(0.9, -1.5, [], NAMES)  # no word timings: nothing to judge by


def test_a_sentence_said_again_word_for_word_is_whispers_loop():
    assert repeats("J'ai appris à écouter jusqu'au bout", "J'ai appris à écouter jusqu'au bout.")
    assert repeats("j'ai appris a ecouter jusqu'au bout", "J'ai appris à écouter jusqu'au bout !")
    assert not repeats("Non, non.", "Non, non.")  # short answers are said twice
    assert not repeats("J'ai appris à écouter jusqu'au bout", "J'ai appris à écouter.")
    assert not repeats("J'ai appris à écouter jusqu'au bout", None)
