"""speakers/: who speaks when, on synthetic meetings of real voices (tests/synthetic_meeting.py):
five people taking turns of 2-5 s, clean and in a reverberant room with room tone. The levels
asserted sit well under what the model gives (bench/diarization.py prints the figures) and fail when
the embeddings or the turn boundaries go wrong: a shuffled or broken model names voices at chance."""
import json

import numpy as np
import pytest
import soundfile

import speakers.turns
from recorder.wav import WavSamples
from speakers import voiceprint, who_spoke
from synthetic_meeting import SAMPLE_RATE, der, meeting, turns_right, voices

NAMES = ["Ana", "Chloé", "John", "Pico-fr", "Pico-en"]


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    return voices(tmp_path_factory.mktemp("pico"))


@pytest.mark.parametrize("room", [False, True], ids=["clean", "room"])
def test_turns_named_after_enrolled_voices(speech, room):
    m = meeting(speech, NAMES, seed=3, room=room)
    prints = {name: voiceprint(sample) for name, sample in m.samples.items()}
    turns = [(t.start, t.end, t.speaker) for t in who_spoke(m.audio, prints)]
    # at chance, one turn in five would be right
    assert turns_right(m.turns, turns) >= (0.7 if room else 0.85) * len(m.turns)
    assert der(m.turns, turns, match_names=True) < (0.35 if room else 0.25)


def test_voices_told_apart_without_enrolment(speech):
    m = meeting(speech, NAMES, seed=4)
    turns = who_spoke(m.audio)
    assert {t.speaker for t in turns} >= {"S1", "S2", "S3", "S4"}
    assert der(m.turns, [(t.start, t.end, t.speaker) for t in turns]) < 0.3


def test_cli_json(speech, codev, tmp_path):
    m = meeting(speech, ["John", "Pico-fr"], seed=5)
    soundfile.write(tmp_path / "meeting.wav", m.audio, SAMPLE_RATE)
    for name in ("John", "Pico-fr"):
        soundfile.write(tmp_path / f"{name}.wav", m.samples[name], SAMPLE_RATE)
    out = codev("speakers", str(tmp_path / "meeting.wav"), "--voice", f"John={tmp_path / 'John.wav'}",
                "--voice", f"Pico-fr={tmp_path / 'Pico-fr.wav'}", "--json")
    turns = json.loads(out.output)["turns"]
    assert set(turns[0]) == {"start", "end", "speaker"}
    assert turns_right(m.turns, [(t["start"], t["end"], t["speaker"]) for t in turns]) >= 0.85 * len(m.turns)


def test_cli_bad_input(codev, tmp_path, speech):
    silence = tmp_path / "silence.wav"
    soundfile.write(silence, np.zeros(3 * SAMPLE_RATE, np.float32), SAMPLE_RATE)
    not_audio = tmp_path / "notes.wav"
    not_audio.write_text("not audio")
    for args, message in [(["missing.wav"], "missing.wav: no such file."),
                          ([str(not_audio)], "notes.wav: not a readable audio file"),
                          ([str(silence), "--voice", f"Ana={tmp_path / 'gone.wav'}"], "gone.wav: no such file."),
                          ([str(silence), "--voice", f"Ana={silence}"], "no speech heard in Ana's sample"),
                          ([str(silence), "--voice", "Ana"], "'Ana' is not NAME=SAMPLE")]:
        result = codev("speakers", *args, ok=False)
        assert message in result.output and "Traceback" not in result.output
    assert json.loads(codev("speakers", str(silence), "--json").output) == {"turns": []}


def test_a_take_read_from_its_file_a_block_at_a_time(speech, tmp_path, monkeypatch):
    """As codev labels a take: its WAV read by slices, the VAD a block at a time (blocks of 20 s
    here, so that stretches of speech are cut at their edges), the model a few windows at a time."""
    m = meeting(speech, NAMES, seed=3)
    soundfile.write(tmp_path / "take.wav", m.audio, SAMPLE_RATE, subtype="FLOAT")
    monkeypatch.setattr(speakers.turns, "VAD_BLOCK", 20.0)
    monkeypatch.setattr(speakers.turns, "EMBED_BLOCK", 10)
    prints = {name: voiceprint(sample) for name, sample in m.samples.items()}
    turns = [(t.start, t.end, t.speaker) for t in who_spoke(WavSamples(tmp_path / "take.wav"), prints)]
    assert turns_right(m.turns, turns) >= 0.85 * len(m.turns)
