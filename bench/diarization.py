"""Who spoke when, on synthetic meetings of real voices (tests/synthetic_meeting.py: six people of
../shared/speech and the two SVOX Pico voices taking turns), clean and in a room with noise.

Prints, per meeting: the diarization error rate with no voice enrolled (S1, S2... matched to the
people at best), the same and the turns right with every voice enrolled from 4 s of it, the time per
minute of audio, and the peak memory of the process.

With --app, the meeting of the first seed, clean (eight voices, 2.4 minutes; seven enrolled as members of
its group, one not), goes through `codev import` instead (Whisper base, then the speakers of its lines):
prints the time the import takes, the part of it naming the speakers, and the lines given the right
speaker.

    .venv/bin/python bench/diarization.py [--seeds 0 1] [--app]
"""
import argparse
import datetime
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import soundfile

# tests/ for the meetings (a benchmark is named after what it measures, never after a package: bench/ is
# first on sys.path, and bench/speakers.py hid the speakers package from every benchmark).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic_meeting import CLIPS, PICO, SAMPLE_RATE, der, meeting, turns_right, voices  # noqa: E402

from codev import voices as group_voices  # noqa: E402
from codev.config import Config  # noqa: E402
from codev.groups import create_group, create_group_session  # noqa: E402
from codev.store import open_database  # noqa: E402
from codev.takes import import_takes  # noqa: E402
from speakers import NoSpeech, voiceprint, who_spoke  # noqa: E402
from transcribe import Transcriber, resolve_model  # noqa: E402

UNENROLLED = "Chloé"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="one meeting per seed and setting")
    parser.add_argument("--app", action="store_true", help="time the speakers through codev import instead")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "codev-bench-pico"
    folder.mkdir(exist_ok=True)
    speech = voices(folder)
    if args.app:
        through_the_app(speech, args.seeds[0])
        return
    names = list(CLIPS) + list(PICO)
    seconds_of_audio = seconds_taken = 0.0
    print(f"{'meeting':<14}{'minutes':>8}{'turns':>7}{'DER anon':>10}{'DER enrolled':>14}{'turns right':>13}")
    for room in (False, True):
        for seed in args.seeds:
            m = meeting(speech, names, seed=seed, room=room)
            started = time.perf_counter()
            anonymous = who_spoke(m.audio)
            seconds_taken += time.perf_counter() - started
            seconds_of_audio += len(m.audio) / SAMPLE_RATE
            prints = enrol_all(m.samples)
            enrolled = who_spoke(m.audio, prints)
            named = [(t.start, t.end, t.speaker) for t in enrolled]
            print(f"{('room' if room else 'clean') + f' #{seed}':<14}{len(m.audio) / SAMPLE_RATE / 60:>8.1f}"
                  f"{len(m.turns):>7}{der(m.turns, [(t.start, t.end, t.speaker) for t in anonymous]):>10.3f}"
                  f"{der(m.turns, named, match_names=True):>14.3f}{turns_right(m.turns, named):>8}/{len(m.turns)}"
                  f"   ({len({t.speaker for t in anonymous})} voices found of {len(names)})")
    print(f"time: {seconds_taken / seconds_of_audio * 60:.1f} s per minute of audio (no voice enrolled, 2 cores shared)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def enrol_all(samples) -> dict:
    """The voiceprints of the samples in which the VAD hears speech (not every one in the room)."""
    prints = {}
    for name, sample in samples.items():
        try:
            prints[name] = voiceprint(sample)
        except NoSpeech:
            print(f"  ({name}: no speech heard in the enrolment sample; not enrolled)")
    return prints


def through_the_app(speech, seed: int) -> None:
    names = list(CLIPS) + list(PICO)
    m = meeting(speech, names, seed=seed)
    labelling = []  # seconds spent naming the speakers, timed inside the import
    label_take = group_voices.label_take

    def timed(*args, **kwargs):
        started = time.perf_counter()
        label_take(*args, **kwargs)
        labelling.append(time.perf_counter() - started)

    group_voices.label_take = timed
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CODEV_HOME"] = folder  # the Whisper model is found as `codev` finds it
        config = Config.from_env()
        soundfile.write(Path(folder) / "step.wav", m.audio, SAMPLE_RATE)
        db = open_database(config.database)()
        group = create_group(db, "Bench", names)
        for member in group.members:
            if member.name != UNENROLLED:
                group_voices.enrol(db, member, m.samples[member.name])
        session = create_group_session(db, group, title="Bench", date=datetime.date(2026, 10, 7), lang="fr",
                                       present=names)
        transcriber = Transcriber(resolve_model(None, config.models_dir))
        started = time.perf_counter()
        recording, = import_takes(db, config, transcriber, session.id, "consultation", [Path(folder) / "step.wav"])
        whole = time.perf_counter() - started
        lines = recording.segments
        said_by = [group_voices.most_covered(group_voices.said_times(line), m.turns) for line in lines]
        right = sum(1 for line, voice in zip(lines, said_by) if line.speaker == voice or (
            voice == UNENROLLED and line.speaker is not None and line.speaker not in names))
    minutes = len(m.audio) / SAMPLE_RATE / 60
    print(f"{minutes:.1f} min, {len(m.turns)} turns, {len(lines)} lines: imported in {whole:.1f} s, of which naming the "
          f"speakers {labelling[0]:.1f} s ({labelling[0] / minutes:.1f} s per minute of audio); {right}/{len(lines)} "
          f"lines named right ({UNENROLLED} not enrolled: any S label)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

if __name__ == "__main__":
    main()
