"""Notes seconds after stop: records a step live while real speech plays into the recording
device in real time, stops, and prints the time from stop to the step's items stored, the
real-time factor of transcription and the peak memory.

Usage: python bench/step_latency.py [--minutes 3 10] [--lang fr|en]

It starts a PulseAudio of its own with a null sink (as the tests do), plays the clips of
../shared/speech in that language end to end, with pauses, until the step is long enough,
and records the sink's monitor with the app's recorder.
"""
import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_stack import AudioStack  # noqa: E402

from codev.config import Config  # noqa: E402
from codev.models import Job  # noqa: E402
from codev.recording import StepRecording, give_consent  # noqa: E402
from codev.sessions import create_session  # noqa: E402
from codev.store import open_database  # noqa: E402
from recorder import decode  # noqa: E402
from transcribe import Transcriber, resolve_model  # noqa: E402

SPEECH = Path(__file__).resolve().parents[1].parent / "shared" / "speech"
PAUSE = np.zeros(16000 * 2, np.float32)  # the silences between speakers


class TimedTranscriber(Transcriber):
    """Counts the seconds spent decoding and the seconds of audio decoded."""
    busy = audio = 0.0

    def transcribe(self, samples, language=None):
        result = super().transcribe(samples, language)
        TimedTranscriber.audio += len(samples) / 16000

        def timed(segments):
            while True:
                started = time.perf_counter()
                segment = next(segments, None)
                TimedTranscriber.busy += time.perf_counter() - started
                if segment is None:
                    return
                yield segment
        result.segments = timed(result.segments)
        return result


def speech_file(folder: Path, lang: str, minutes: float) -> Path:
    clips = [decode(p) for p in sorted((SPEECH / lang).iterdir())]
    parts, length = [], 0
    while length < minutes * 60 * 16000:
        for clip in clips:
            parts += [clip, PAUSE]
            length += len(clip) + len(PAUSE)
    path = folder / f"step-{minutes:g}min.wav"
    soundfile.write(path, np.concatenate(parts)[: int(minutes * 60 * 16000)], 16000, subtype="PCM_16")
    return path


def run(stack: AudioStack, folder: Path, lang: str, minutes: float) -> None:
    config = Config(data_dir=folder / f"data-{minutes:g}", models_dir=folder / "models")
    factory = open_database(config.database)
    with factory() as db:
        session = create_session(db, title="Benchmark", date=datetime.date.today(), lang=lang)
        give_consent(db, session)
    TimedTranscriber.busy = TimedTranscriber.audio = 0.0
    transcriber = TimedTranscriber(resolve_model(None, config.models_dir))
    live = StepRecording(factory, config, transcriber, session.id, "consultation", device=f"{stack.sink}.monitor")
    audio = speech_file(folder, lang, minutes)
    live.start()
    player = stack.play(audio, wait=False)
    player.wait(timeout=minutes * 60 + 60)
    time.sleep(0.5)
    with factory() as db:
        transcribed = db.get(Job, live.recording.job.id).done_until
    stopped = time.perf_counter()
    recording = live.stop()
    latency = time.perf_counter() - stopped
    print(f"{minutes:g}-minute step: {clock(recording.duration)} recorded, {len(recording.segments)} segments, "
          f"{len(recording.step.items)} items; at stop {recording.duration - transcribed:.1f} s left to transcribe; "
          f"stop → items stored {latency:.2f} s; "
          f"transcription real-time factor {TimedTranscriber.busy / max(TimedTranscriber.audio, 1e-9):.3f}; "
          f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
          + (f"; recorder overflows {live.recorder.overflows}" if live.recorder.overflows else ""), flush=True)


def clock(seconds: float) -> str:
    return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, nargs="+", default=[3, 10])
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    args = parser.parse_args()
    if not (SPEECH / args.lang).is_dir():
        print(f"no speech at {SPEECH / args.lang}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="codev-bench-") as tmp:
        stack = AudioStack(Path(tmp) / "pulse", {})
        (Path(tmp) / "pulse").mkdir()
        stack.start()
        os.environ.update(stack.env)
        try:
            for minutes in args.minutes:
                run(stack, Path(tmp), args.lang, minutes)
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
