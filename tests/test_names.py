"""The session's names given to Whisper: a participant's name that Whisper base writes wrong on
its own ("Subans") is written right once the session names them, through `codev import` and
`codev transcribe --words` (French speech from SVOX Pico, the real model)."""
import json

import pytest

from pico_speech import speak

SAID = "Siobhan, tu commences ? Je vais voir Thi Nguyen et Siobhan la semaine prochaine."


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    return speak(SAID, "fr", tmp_path_factory.mktemp("pico"))


def imported(codev, spoken, participants: str) -> str:
    """The transcript of `spoken` imported into a new French session with these participants."""
    session_id = codev("session", "new", "--title", "Noms", "--date", "2026-10-07", "--lang", "fr",
                       "--participants", participants).stdout.strip()
    codev("import", session_id, "clarification", spoken)
    steps = json.loads(codev("export", session_id, "--format", "json").stdout)["steps"]
    return next(step["transcript"] for step in steps if step["id"] == "clarification")


def test_a_participants_name_is_spelled_right_once_the_session_names_them(codev, spoken):
    assert "Siobhan" not in imported(codev, spoken, "Laura,Marc")
    heard = imported(codev, spoken, "Laura,Siobhan,Thi Nguyen")
    assert heard.count("Siobhan") == 2 and "Thi Nguyen" in heard, heard


def test_codev_transcribe_takes_the_words_to_spell_right(codev, spoken):
    assert "Siobhan" not in codev("transcribe", spoken, "--lang", "fr").stdout
    heard = json.loads(codev("transcribe", spoken, "--lang", "fr", "--json", "--words", "Siobhan, Thi Nguyen").stdout)
    assert heard["text"].count("Siobhan") == 2, heard["text"]
