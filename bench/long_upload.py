"""Hours of audio on a laptop: the memory and time an uploaded (or imported) step takes, before
and after decoding moved from the request into the take's job.

Usage: python bench/long_upload.py [--minutes 60] [--transcribe]

Makes a long Opus file (the clips of ../shared/speech/en looped with pauses, cached in the
system's temp folder), then measures, each in a process of its own, the peak memory above what
the process held before (its resident size; the Whisper model, when used, is loaded before):

- before: the request decoded the whole file into one float array (recorder.decode);
- after: the request only checks the container (recorder.probe), and the job decodes the file
  into the take's 16 kHz WAV a block at a time (recorder.convert);
- with --transcribe (slow: the whole file is transcribed twice): the whole file decoded into one
  array (before) against the job's reading of the WAV a stretch at a time (after).
"""
import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

from recorder import convert, decode, probe

SPEECH = Path(__file__).resolve().parents[1].parent / "shared" / "speech" / "en"
RATE = 48000  # Opus's own rate


def long_file(minutes: float) -> Path:
    """An Opus file of `minutes`, of real speech with pauses between the clips."""
    path = Path(tempfile.gettempdir()) / f"codev-bench-long-{minutes:g}min.ogg"
    if path.exists():
        return path
    clips = [decode(p, RATE) for p in sorted(SPEECH.iterdir())]
    pause = np.zeros(RATE * 2, np.float32)
    partial = path.with_suffix(".partial.ogg")
    with av.open(str(partial), "w") as out:
        stream = out.add_stream("libopus", rate=RATE, layout="mono")
        written, at = 0, 0
        while written < minutes * 60 * RATE:
            block = np.concatenate([clips[at % len(clips)], pause])
            at += 1
            for start in range(0, len(block), RATE):
                frame = av.AudioFrame.from_ndarray(block[None, start:start + RATE], format="flt", layout="mono")
                frame.rate = RATE
                for packet in stream.encode(frame):
                    out.mux(packet)
            written += len(block)
        for packet in stream.encode(None):
            out.mux(packet)
    partial.rename(path)
    return path


def resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20


def measure(what: str, path: Path) -> dict:
    """Run one measurement in this process (a child of the bench): its peak memory above the start."""
    transcriber = None
    if what.startswith("transcribe"):
        from transcribe import Transcriber, resolve_model
        from codev.config import Config
        transcriber = Transcriber(resolve_model(None, Config.from_env().models_dir))
        transcriber.load()
    before = resident_mb()
    started = time.perf_counter()
    if what == "decode":
        decode(path)
    elif what == "probe":
        probe(path)
    elif what == "convert":
        with tempfile.TemporaryDirectory() as folder:
            convert(path, Path(folder) / "take.wav")
    elif what == "transcribe-whole":
        for _segment in transcriber.transcribe(decode(path), language="en").segments:
            pass
    elif what == "transcribe-stretches":
        from recorder.wav import WavSamples
        with tempfile.TemporaryDirectory() as folder:
            seconds = convert(path, Path(folder) / "take.wav")
            before, started = resident_mb(), time.perf_counter()
            for _stretch in transcriber.stretches(WavSamples(Path(folder) / "take.wav"), "en", 0.0, seconds):
                pass
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"peak_mb": round(max(0.0, peak - before)), "seconds": round(seconds, 1)}


def in_child(what: str, path: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--measure", what, str(path)], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--transcribe", action="store_true", help="also transcribe the whole file, both ways (slow)")
    parser.add_argument("--measure", nargs=2, metavar=("WHAT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]))))
        return
    path = long_file(args.minutes)
    print(f"{path.name}: {probe(path) / 60:.1f} min of Opus, {path.stat().st_size / 2**20:.1f} MB")
    rows = [("before", "request: decode the whole file into one array", "decode"),
            ("after", "request: check the container only", "probe"),
            ("after", "job: decode into the take's WAV, block by block", "convert")]
    if args.transcribe:
        rows += [("before", "job: transcribe the whole array", "transcribe-whole"),
                 ("after", "job: transcribe the WAV stretch by stretch", "transcribe-stretches")]
    for when, what, key in rows:
        figures = in_child(key, path)
        print(f"{when:6}  {what:50}  peak +{figures['peak_mb']:4d} MB  {figures['seconds']:6.1f} s")


if __name__ == "__main__":
    main()
