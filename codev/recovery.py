"""At start-up: nothing recorded is ever left behind. Takes whose recording process died are
repaired and kept; transcription jobs that no process is running are finished."""
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from codev import jobs
from codev.config import Config
from codev.export import clock
from codev.models import Recording
from codev.takes import transcribe_take
from recorder import AudioError, repair
from transcribe import Transcriber


def recover(db: DbSession, config: Config, transcriber: Callable[[], Transcriber],
            report: Callable[[str], None] = lambda message: None) -> None:
    """`transcriber` is called only when there is something to transcribe (it loads the model)."""
    for recording in db.scalars(select(Recording).where(Recording.status == "recording")).all():
        if jobs.process_alive(recording.pid):
            continue  # still being recorded
        try:
            recording.duration = repair(config.data_dir / recording.path)
        except (AudioError, FileNotFoundError) as error:
            report(f"Take {recording.position} of {recording.step.key} could not be repaired: {error}")
            recording.duration = 0.0
        recording.status, recording.pid, recording.recovered = "ready", None, True
        db.commit()
        report(f"Recovered an interrupted take: session {recording.step.session.id}, step {recording.step.key}, "
               f"take {recording.position}, {clock(recording.duration)} kept.")
    pending = jobs.unfinished(db)
    if not pending:
        return
    try:
        model = transcriber()
    except Exception as error:  # e.g. the model packages are missing: the takes wait, safe on disk
        report(f"{len(pending)} take(s) wait for transcription: {error}")
        return
    for job in pending:
        step = job.recording.step
        report(f"Finishing the transcription of session {step.session.id}, step {step.key}, "
               f"take {job.recording.position} (from {clock(job.done_until)}).")
        try:
            transcribe_take(db, config, model, job.recording)
        except Exception as error:  # one bad take must not keep the others from being finished
            report(f"Transcription failed again ({error}); it will be tried at the next start.")
