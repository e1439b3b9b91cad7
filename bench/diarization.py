"""Who spoke when, on synthetic meetings of real voices (tests/synthetic_meeting.py: six people of
../shared/speech and the two SVOX Pico voices taking turns), clean and in a room with noise.

Prints, per meeting: the diarization error rate with no voice enrolled (S1, S2... matched to the
people at best), the same and the turns right with every voice enrolled from 4 s of it, the time per
minute of audio, and the peak memory of the process.

    .venv/bin/python bench/diarization.py [--seeds 0 1]
"""
import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

# tests/ for the meetings (a benchmark is named after what it measures, never after a package: bench/ is
# first on sys.path, and bench/speakers.py hid the speakers package from every benchmark).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic_meeting import CLIPS, PICO, SAMPLE_RATE, der, meeting, turns_right, voices  # noqa: E402

from speakers import voiceprint, who_spoke  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1], help="one meeting per seed and setting")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "codev-bench-pico"
    folder.mkdir(exist_ok=True)
    speech = voices(folder)
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
            prints = {name: voiceprint(sample) for name, sample in m.samples.items()}
            enrolled = who_spoke(m.audio, prints)
            named = [(t.start, t.end, t.speaker) for t in enrolled]
            print(f"{('room' if room else 'clean') + f' #{seed}':<14}{len(m.audio) / SAMPLE_RATE / 60:>8.1f}"
                  f"{len(m.turns):>7}{der(m.turns, [(t.start, t.end, t.speaker) for t in anonymous]):>10.3f}"
                  f"{der(m.turns, named, match_names=True):>14.3f}{turns_right(m.turns, named):>8}/{len(m.turns)}"
                  f"   ({len({t.speaker for t in anonymous})} voices found of {len(names)})")
    print(f"time: {seconds_taken / seconds_of_audio * 60:.1f} s per minute of audio (no voice enrolled, 2 cores shared)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
