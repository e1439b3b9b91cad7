"""Recording a step live through the real audio stack: speech played into a PulseAudio null
sink is recorded from its monitor, as from a microphone."""
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from codev.models import Job, Recording, Segment
from codev.recording import StepRecording, give_consent
from codev.sessions import create_session, get_session
from codev.store import open_database
from transcribe import Transcriber, resolve_model

DEVICE = "codev_test.monitor"
SPOKEN = "Thank you all. I will send the budget to my manager before Friday. My takeaway is that listening takes time."


@pytest.fixture
def session_id(db):
    import datetime
    return create_session(db, title="Live", date=datetime.date(2026, 10, 7), lang="en").id


@pytest.fixture(scope="module")
def transcriber(models_dir):
    return Transcriber(resolve_model(None, models_dir))


def codev_process(*args) -> subprocess.Popen:
    """`codev` in a process of its own, so that it can be killed like a real one."""
    return subprocess.Popen([sys.executable, "-m", "codev", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())


def wait_for(condition, timeout=60.0, every=0.2):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(every)


def test_recording_needs_the_groups_consent(codev, session_id, db, home, audio_stack):
    result = codev("record", session_id, "synthesis", "--device", DEVICE, "--max-seconds", 2, ok=False)
    assert result.exit_code != 0 and "agreed to be recorded" in result.output and "--consent" in result.output
    assert db.scalar(select(func.count()).select_from(Recording)) == 0
    assert not (home / "sessions").exists() or not any((home / "sessions").rglob("*.wav"))


def test_a_bad_device_is_a_clear_error(codev, session_id, db, audio_stack):
    result = codev("record", session_id, "synthesis", "--consent", "--device", "no such microphone", ok=False)
    message = result.output.strip()
    assert result.exit_code != 0 and "no such microphone" in message and "Traceback" not in message
    assert db.scalar(select(func.count()).select_from(Recording)) == 0


def test_a_recorded_step_has_its_transcript_and_items(config, session_id, transcriber, speak, audio_stack):
    factory = open_database(config.database)
    with factory() as db:
        give_consent(db, get_session(db, session_id))
    live = StepRecording(factory, config, transcriber, session_id, "synthesis", device=DEVICE)
    live.start()
    audio_stack.play(speak(SPOKEN))
    with factory() as db:  # speech followed by a pause is transcribed while recording goes on
        wait_for(lambda: db.scalar(select(func.count()).select_from(Segment)) > 0, timeout=30)
    time.sleep(1)
    recording = live.stop()

    assert recording.status == "ready" and not recording.recovered
    assert recording.job.status == "done"
    text = " ".join(s.text for s in recording.segments).lower()
    for word in ("budget", "manager", "friday", "listening"):
        assert word in text
    assert len(text.split()) <= len(SPOKEN.split()) + 3  # nothing transcribed twice
    commitment = next(i for i in recording.step.items if i.kind == "commitment")
    assert "budget" in commitment.text.lower() and commitment.due.isoformat() == "2026-10-09"


def test_recording_again_adds_a_take(codev, session_id, db, speak, audio_stack):
    for _ in range(2):
        codev("record", session_id, "learnings", "--consent", "--device", DEVICE, "--max-seconds", 2)
    takes = db.scalars(select(Recording).order_by(Recording.position)).all()
    assert [t.position for t in takes] == [1, 2] and takes[0].path != takes[1].path
    assert all(t.duration >= 1.9 for t in takes)


def test_sigterm_stops_cleanly_and_keeps_the_take(session_id, home, db, speak, audio_stack):
    process = codev_process("record", session_id, "synthesis", "--consent", "--device", DEVICE)
    wait_for(lambda: any((home / "sessions").rglob("*.wav")) if (home / "sessions").exists() else False)
    audio_stack.play(speak(SPOKEN))
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Take 1 of synthesis" in out
    recording = db.scalars(select(Recording)).one()
    assert recording.status == "ready" and recording.job.status == "done"
    assert "budget" in " ".join(s.text for s in recording.segments).lower()


def test_a_killed_recording_is_recovered_and_transcribed(codev, session_id, home, db, speak, audio_stack):
    process = codev_process("record", session_id, "synthesis", "--consent", "--device", DEVICE)
    wait_for(lambda: any((home / "sessions").rglob("*.wav")) if (home / "sessions").exists() else False)
    started = time.monotonic()
    audio_stack.play(speak(SPOKEN))
    time.sleep(1)
    recorded = time.monotonic() - started
    process.kill()  # SIGKILL: no clean-up at all
    process.wait()

    shown = codev("show", session_id)  # the next start recovers the take
    assert "Recovered an interrupted take" in shown.stderr
    assert "recovered after an interruption" in shown.stdout
    db.expire_all()
    recording = db.scalars(select(Recording)).one()
    assert recording.recovered and recording.status == "ready" and recording.job.status == "done"
    assert recording.duration >= recorded - 2
    assert "budget" in " ".join(s.text for s in recording.segments).lower()
    assert any(i.kind == "commitment" for i in recording.step.items)


def test_a_killed_transcription_resumes_without_duplicates(codev, session_id, home, db, speak, config):
    sentences = [f"Sentence number {n}: the group talks about the {word} of the project."
                 for n, word in enumerate(["budget", "planning", "roster", "team", "client", "schedule",
                                           "meetings", "training", "hiring", "quality", "risks", "goals"], 1)]
    audio = speak(" ".join(sentences))
    process = codev_process("import", session_id, "presentation", audio)
    with open_database(config.database)() as watcher:
        wait_for(lambda: watcher.scalar(select(func.count()).select_from(Segment)) >= 2, every=0.05)
    process.kill()
    process.wait()
    db.expire_all()
    job = db.scalars(select(Job)).one()
    assert job.status == "running" and 0 < job.done_until < db.scalars(select(Recording)).one().duration - 5

    codev("session", "list")  # the next start finishes the job
    db.expire_all()
    job = db.scalars(select(Job)).one()
    assert job.status == "done"
    segments = db.scalars(select(Segment).order_by(Segment.position)).all()
    assert [s.position for s in segments] == list(range(len(segments)))
    assert all(a.end <= b.start + 0.01 for a, b in zip(segments, segments[1:]))  # no overlap, no repeat
    text = " ".join(s.text for s in segments).lower()
    assert "budget" in text and "goals" in text
    assert text.count("budget") == 1
