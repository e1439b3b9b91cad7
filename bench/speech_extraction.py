"""Extraction on speech: the English step texts of ../shared/eval/dev.jsonl are spoken with
espeak-ng, transcribed by the app, extracted, and scored with ../shared/eval/score.py.

Usage: python bench/speech_extraction.py [--lang en|fr]

French espeak-ng speech is too rough for Whisper to be a fair test; it runs with --lang fr
all the same, to see.
"""
import argparse
import datetime
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from codev.config import Config
from codev.export import item_fields
from recorder import decode
from summarise import extract
from transcribe import Transcriber, resolve_model

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=["en", "fr"], default="en")
    args = parser.parse_args()
    if not (EVAL / "dev.jsonl").is_file():
        print(f"no corpus at {EVAL}", file=sys.stderr)
        return 1
    docs = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d["lang"] == args.lang]
    transcriber = Transcriber(resolve_model(None, Config.from_env().models_dir))
    with tempfile.TemporaryDirectory(prefix="codev-speech-") as tmp:
        folder = Path(tmp)
        predictions = []
        for doc in docs:
            wav = folder / (doc["id"].replace("/", "-") + ".wav")
            subprocess.run(["espeak-ng", "-v", args.lang, "-s", "150", "-w", str(wav), doc["text"]], check=True)
            segments = list(transcriber.transcribe(decode(wav), language=args.lang).segments)
            items = extract(segments, lang=args.lang, step=doc["step"], session_date=datetime.date.fromisoformat(doc["date"]))
            predictions.append({"id": doc["id"], "items": [item_fields(i) for i in items]})
            print(f"{doc['id']}: {len(segments)} segments, {len(items)} items", file=sys.stderr)
        gold, predicted = folder / "gold.jsonl", folder / "predicted.jsonl"
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        predicted.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
        return subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(predicted)]).returncode


if __name__ == "__main__":
    sys.exit(main())
