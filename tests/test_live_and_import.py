"""One code path: a step recorded live through the real audio stack (Pico French played into a
PulseAudio null sink, recorded from its monitor), transcribed stretch by stretch while it is
recorded, gives the transcript that importing the same audio gives."""
import datetime
import time

import numpy as np
import pytest
import soundfile
from sqlalchemy import func, select

from codev.models import Recording, Segment
from codev.recording import StepRecording, give_consent
from codev.sessions import create_session
from codev.store import open_database
from pico_speech import speak
from recorder import decode
from transcribe import Transcriber, resolve_model

DEVICE = "codev_test.monitor"
SAID = ["Bonjour à tous, je vous présente la situation de mon équipe, qui a beaucoup changé cette année.",
        "Deux infirmières sont parties en septembre, et le planning est affiché trop tard chaque semaine.",
        "Ma demande, c'est de savoir comment en parler avec ma directrice sans la braquer.",
        "Voilà, je vous laisse poser vos questions de clarification."]


@pytest.fixture
def speech(tmp_path) -> "Path":
    """The sentences with the pauses of someone thinking between them."""
    pause = np.zeros(16000 * 2, np.float32)
    audio = np.concatenate([part for sentence in SAID for part in (decode(speak(sentence, "fr", tmp_path)), pause)])
    path = tmp_path / "step.wav"
    soundfile.write(path, audio, 16000, subtype="PCM_16")
    return path


def test_a_step_recorded_live_and_the_same_audio_imported_give_one_transcript(config, models_dir, codev, speech,
                                                                              audio_stack):
    factory = open_database(config.database)
    with factory() as db:
        session = create_session(db, title="Équipe", date=datetime.date(2026, 10, 7), lang="fr")
        give_consent(db, session)
        session_id = session.id
    live = StepRecording(factory, config, Transcriber(resolve_model(None, models_dir)), session_id, "presentation",
                         device=DEVICE)
    live.start()
    audio_stack.play(speech)
    with factory() as db:  # stretches closed by a pause are transcribed while the step goes on
        deadline = time.monotonic() + 60
        while not db.scalar(select(func.count()).select_from(Segment)):
            assert time.monotonic() < deadline, "nothing was transcribed while recording"
            time.sleep(0.2)
    recorded = live.stop()
    assert recorded.job.status == "done"

    codev("import", session_id, "synthesis", config.data_dir / recorded.path)
    with factory() as db:
        live_take, imported = db.scalars(select(Recording).order_by(Recording.step_id)).all()
        heard_live = [(s.start, s.end, s.text, s.words) for s in live_take.segments]
        heard_imported = [(s.start, s.end, s.text, s.words) for s in imported.segments]
    assert heard_live == heard_imported
    text = " ".join(text for _start, _end, text, _words in heard_live).lower()
    assert all(word in text for word in ("infirmières", "planning", "directrice", "clarification"))
