"""A room where nobody speaks (silence, pink and brown noise, a fan, typing, a ringtone: see
room_noise.py) gets no transcript line and no item, recorded live through the real audio stack or
imported with `codev import`, in a session whose names and words are given to Whisper: Silero VAD
and the known-phrase filter (transcribe/hallucinations.py) see to it."""
import datetime
import json
import time

import numpy as np
import pytest
import soundfile
from faster_whisper import WhisperModel
from sqlalchemy import func, select

from codev.models import Item, Segment
from codev.recording import StepRecording, give_consent
from codev.sessions import create_session
from codev.store import open_database
from recorder import decode
from pico_speech import speak
from room_noise import NOISES, SAMPLE_RATE, ringtone
from transcribe import Transcriber, resolve_model
import transcribe.transcriber as transcriber_module

DEVICE = "codev_test.monitor"
NAMES = ["Aurélie Dubreuil", "Karim Benali", "Siobhan", "Thi Nguyen"]


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """Half a minute of a meeting room, 5 s of each noise, as a 16-bit WAV."""
    path = tmp_path_factory.mktemp("room") / "room.wav"
    soundfile.write(path, np.concatenate([make(5.0) for make in NOISES.values()]), SAMPLE_RATE, subtype="PCM_16")
    return path


def written(db) -> tuple[int, int]:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Segment)), db.scalar(select(func.count()).select_from(Item))


def lines(db) -> list[tuple[float, str]]:
    """What was written, to say in a failure what Whisper heard and when."""
    return [(segment.start, segment.text) for segment in db.scalars(select(Segment))]


def test_plain_whisper_writes_lines_in_this_room(models_dir, room):
    """Without the app's VAD and filter, Whisper base writes on this room ("...", "."): so the
    tests below can fail."""
    model = WhisperModel(resolve_model(None, models_dir), device="cpu", compute_type="int8", cpu_threads=2)
    assert [s.text for s in model.transcribe(decode(room), language="fr")[0]]


# A ringtone on which Whisper base, given the session's names, writes text that no known phrase
# matches ("Je m'envoie, Je m'envoie, Je m'envoie,"); on others it writes the names it was given.
RINGTONE_SEED = 9


def test_a_phone_ringing_gets_no_line(models_dir):
    transcriber = Transcriber(resolve_model(None, models_dir))
    assert [s.text for s in transcriber.transcribe(ringtone(6.0, seed=RINGTONE_SEED), "fr", NAMES).segments] == []


def test_without_telling_made_up_text_the_app_writes_on_a_ringing_phone(models_dir, monkeypatch):
    """So that the test above can fail: the app's VAD and levelling let the ringtone through, and
    Whisper's own filters (no_speech_threshold with log_prob_threshold) keep what it writes."""
    monkeypatch.setattr(transcriber_module, "made_up", lambda *_: False)
    transcriber = Transcriber(resolve_model(None, models_dir))
    assert [s.text for s in transcriber.transcribe(ringtone(6.0, seed=RINGTONE_SEED), "fr", NAMES).segments]


def test_a_sentence_is_written_once_not_again_over_the_silence_after_it(models_dir, tmp_path):
    # Given these names, Whisper base writes this Pico sentence twice: the second over the silence.
    said = decode(speak("J'ai appris à écouter jusqu'au bout.", "fr", tmp_path))
    lines = [s.text for s in Transcriber(resolve_model(None, models_dir)).transcribe(
        said, "fr", ["Chloé", "Ana", "Bruno", "Nadia"]).segments]
    assert lines == ["J'ai appris à écouter jusqu'au bout"]


def test_a_room_recorded_live_gets_no_line_and_no_item(config, db, models_dir, room, audio_stack):
    session = create_session(db, title="Silence", date=datetime.date(2026, 10, 7), lang="fr", client=NAMES[0],
                             participants=NAMES)
    give_consent(db, session)
    factory = open_database(config.database)
    live = StepRecording(factory, config, Transcriber(resolve_model(None, models_dir)), session.id, "consultation",
                         device=DEVICE)
    live.start()
    audio_stack.play(room)
    time.sleep(0.5)
    recording = live.stop()
    assert recording.duration >= 29 and recording.job.status == "done"
    assert written(db) == (0, 0), lines(db)


def test_an_imported_room_gets_no_line_and_no_item(codev, db, room):
    session_id = codev("session", "new", "--title", "Silence", "--date", "2026-10-07", "--lang", "fr",
                       "--client", NAMES[0], "--participants", ",".join(NAMES)).stdout.strip()
    codev("import", session_id, "consultation", room)
    assert written(db) == (0, 0)
    exported = json.loads(codev("export", session_id, "--format", "json").stdout)
    assert not any(step["transcript"] or step["segments"] for step in exported["steps"]) and not exported["items"]
