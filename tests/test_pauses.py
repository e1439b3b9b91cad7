"""A Whisper segment cut at the pauses the VAD hears inside it (transcribe.transcriber.cut_at_pauses):
Whisper writes a question and its answer as one line, the pause between them as a comma or
nothing, and times its words as if there were no pause; the lines keep the pause, for extraction
to read (tests/test_summarise.py: a pause after words that ask)."""
from transcribe.transcriber import Segment, cut_at_pauses

# Word timings as Whisper gives them over a pause: the word after it timed from before it.
ASKED = Segment(113.96, 119.12, "Comment tu te sens, toi, le soir, quand tu fermes vidée, franchement vidée.", [
    (113.96, 114.3, "Comment"), (114.3, 114.4, "tu"), (114.4, 114.5, "te"), (114.5, 115.2, "sens,"),
    (115.2, 116.0, "toi,"), (116.0, 116.3, "le"), (116.3, 116.6, "soir,"), (116.6, 116.9, "quand"),
    (116.9, 117.1, "tu"), (117.1, 117.8, "fermes"), (117.8, 118.7, "vidée,"), (118.7, 119.0, "franchement"),
    (119.0, 119.12, "vidée.")])


def test_a_segment_is_cut_at_a_pause_between_its_words_and_keeps_the_pause():
    parts = list(cut_at_pauses(ASKED, [(117.76, 118.43)]))
    assert [(p.start, p.end, p.text) for p in parts] == [
        (113.96, 117.76, "Comment tu te sens, toi, le soir, quand tu fermes"),
        (118.43, 119.12, "vidée, franchement vidée.")]
    assert [w for p in parts for w in p.words] == ASKED.words


def test_a_pause_next_to_a_word_whisper_punctuated_is_cut_there():
    # "Allez. [pause] La réunion ...", "la" timed before the pause.
    said = Segment(11.4, 14.0, "Allez, la réunion de chantier, elle dure combien de temps", [
        (11.4, 11.9, "Allez,"), (11.9, 12.1, "la"), (12.1, 13.0, "réunion"), (13.0, 13.1, "de"), (13.1, 13.4, "chantier,"),
        (13.4, 13.5, "elle"), (13.5, 13.7, "dure"), (13.7, 13.8, "combien"), (13.8, 13.9, "de"), (13.9, 14.0, "temps")])
    assert [p.text for p in cut_at_pauses(said, [(12.1, 12.67)])] == [
        "Allez,", "la réunion de chantier, elle dure combien de temps"]


def test_no_cut_inside_a_word_outside_the_segment_or_without_word_timings():
    said = Segment(38.5, 44.0, "Enfin, je vais essayer. J'ai compris que poser un cadre", [
        (38.5, 39.0, "Enfin,"), (39.0, 39.3, "je"), (39.3, 39.6, "vais"), (39.6, 40.9, "essayer."), (40.9, 41.0, "J"),
        (41.0, 41.2, "'ai"), (41.2, 41.8, "compris"), (41.8, 42.0, "que"), (42.0, 42.5, "poser"), (42.5, 42.7, "un"),
        (42.7, 44.0, "cadre")])
    # Whisper's "J" "'ai" are one word of the text: the cut goes before it, not inside.
    assert [p.text for p in cut_at_pauses(said, [(40.95, 41.5)])] == ["Enfin, je vais essayer.", "J'ai compris que poser un cadre"]
    assert [p.text for p in cut_at_pauses(said, [(30.0, 31.0), (44.5, 45.0)])] == [said.text]
    bare = Segment(0.0, 5.0, "Comment tu te sens vidée", [])
    assert [p.text for p in cut_at_pauses(bare, [(2.0, 2.6)])] == [bare.text]
