"""Word error rate of the app's transcription on real voices (../shared/speech), per language.

Usage: python bench/wer.py [--model NAME|FOLDER] [--raw]

Normalisation, as the speech folder's README asks: lowercase, no punctuation, hyphens split.
--raw transcribes with plain faster-whisper defaults (no VAD) for comparison.
"""
import argparse
import csv
import re
import sys
import time
from pathlib import Path

import jiwer

from codev.config import Config
from recorder import decode
from transcribe import Transcriber, resolve_model

SPEECH = Path(__file__).resolve().parents[1].parent / "shared" / "speech"


def normalise(text: str) -> str:
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"[^\w\s']", " ", text).replace("'", "' ")
    return " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("--raw", action="store_true", help="plain faster-whisper, no VAD")
    args = parser.parse_args()
    if not (SPEECH / "manifest.tsv").is_file():
        print(f"no speech corpus at {SPEECH}", file=sys.stderr)
        return 1
    transcriber = Transcriber(resolve_model(args.model, Config.from_env().models_dir), vad=not args.raw)
    references, hypotheses = {}, {}
    audio_seconds = 0.0
    started = time.perf_counter()
    with (SPEECH / "manifest.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            audio = decode(SPEECH / row["file"])
            audio_seconds += len(audio) / 16000
            text = " ".join(s.text for s in transcriber.transcribe(audio, language=row["lang"]).segments)
            references.setdefault(row["lang"], []).append(normalise(row["transcript"]))
            hypotheses.setdefault(row["lang"], []).append(normalise(text))
            clip_wer = jiwer.wer(normalise(row["transcript"]), normalise(text) or "∅")
            print(f"{row['file']:<45} WER {clip_wer:5.2f}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    for lang in sorted(references):
        print(f"{lang}: WER {jiwer.wer(references[lang], hypotheses[lang]):.3f} over {len(references[lang])} clips")
    print(f"real-time factor {elapsed / audio_seconds:.3f} ({audio_seconds:.0f} s of audio in {elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
