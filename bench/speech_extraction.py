"""Extraction through speech: the step texts of a corpus of ../shared/eval are spoken with SVOX
Pico (tests/pico_speech.py), imported with the real `codev import` into a temporary data folder
(one session per corpus session, with its date, language and steps), read back with
`codev export --format json`, and scored with ../shared/eval/score.py (the figures it prints).
Then the word error rate of the stored transcripts against the step texts (lowercase, no
punctuation), and, for reference, the macro-F1 of the same steps extracted from their text.

Usage: python bench/speech_extraction.py [--corpus dev|dev2|PATH.jsonl] [--lang fr|en] [--keep FOLDER]

--keep writes each session's notes (`codev export --format json`: transcript segments and items)
into FOLDER, to read the errors or extract again from the same transcripts.

--corpus names a corpus of ../shared/eval, or gives the path of any corpus written the same way.

The WAVs are cached in the system's temp folder (codev-pico-speech/), so a rerun only
transcribes and extracts. The Whisper model is the user's (CODEV_MODELS, else the default
data folder's models/), assembled there on first use as the app does.
"""
import argparse
import datetime
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jiwer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from pico_speech import speak  # noqa: E402  (test tooling, see its docstring)
from wer import normalise  # noqa: E402  (bench/wer.py: lowercase, no punctuation, hyphens split)

import summarise  # noqa: E402
from codev.config import Config  # noqa: E402
from codev.export import item_fields  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
CACHE = Path(tempfile.gettempdir()) / "codev-pico-speech"


def codev(env: dict, *args) -> str:
    """Run the `codev` command as a user would; its stdout, or exit with its error."""
    done = subprocess.run([sys.executable, "-m", "codev", *map(str, args)], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"codev {' '.join(map(str, args))} failed:\n{done.stderr}")
    return done.stdout


def new_session(env: dict, name: str, docs: list[dict]) -> str:
    """A session like the corpus one: its date, language, and a template with its steps."""
    steps = {d["step"] for d in docs}
    args = ["session", "new", "--title", name, "--date", docs[0]["date"], "--lang", docs[0]["lang"],
            "--template", "client-choice" if "client_choice" in steps else "standard"]
    if "follow_up" in steps:
        args.append("--follow-up")
    return codev(env, *args).strip()


def text_macro_f1(docs: list[dict]) -> float:
    """The same steps extracted from their written text, scored by score.py's own function."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    predicted = {d["id"]: {"items": [item_fields(i) for i in summarise.extract_text(
        d["text"], lang=d["lang"], step=d["step"], session_date=datetime.date.fromisoformat(d["date"]))]}
        for d in docs}
    return score.score({d["id"]: d for d in docs}, predicted)["macro_f1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="dev2", help="dev, dev2 (../shared/eval) or the path of a corpus .jsonl")
    parser.add_argument("--lang", choices=["fr", "en"], default="fr")
    parser.add_argument("--keep", type=Path, help="a folder to write each session's notes into (JSON)")
    args = parser.parse_args()
    corpus = Path(args.corpus) if args.corpus.endswith(".jsonl") else EVAL / f"{args.corpus}.jsonl"
    if not corpus.is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d["lang"] == args.lang]
    sessions: dict[str, list[dict]] = {}
    for doc in docs:
        sessions.setdefault(doc["id"].split("/")[0], []).append(doc)
    CACHE.mkdir(exist_ok=True)
    started, audio_seconds = time.perf_counter(), 0.0
    predictions, references, hypotheses = [], [], []
    with tempfile.TemporaryDirectory(prefix="codev-speech-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "CODEV_HOME": str(folder / "data"), "CODEV_MODELS": str(Config.from_env().models_dir)}
        for name, steps in sessions.items():
            session = new_session(env, name, steps)
            for doc in steps:
                wav = speak(doc["text"], args.lang, CACHE)
                codev(env, "import", session, doc["step"], wav)
            exported = codev(env, "export", session, "--format", "json")
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{name}.json").write_text(exported, encoding="utf-8")
            notes = json.loads(exported)
            for doc in steps:
                step = next(s for s in notes["steps"] if s["id"] == doc["step"])
                items = [i for i in notes["items"] if i["step"] == doc["step"]]
                predictions.append({"id": doc["id"], "items": [
                    {k: i[k] for k in ("kind", "text", "due", "disguised_suggestion") if k in i} for i in items]})
                references.append(normalise(doc["text"]))
                hypotheses.append(normalise(step["transcript"]) or "∅")
                audio_seconds += sum(t["duration"] for t in step["takes"])
                print(f"{doc['id']}: {len(step['segments'])} segments, {len(items)} items, "
                      f"WER {jiwer.wer(references[-1], hypotheses[-1]):.3f}", file=sys.stderr)
        gold, predicted = folder / "gold.jsonl", folder / "predicted.jsonl"
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        predicted.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
        print(f"{corpus.name}, {args.lang}: {len(docs)} steps, {audio_seconds / 60:.1f} min of Pico speech "
              f"through `codev import` in {time.perf_counter() - started:.0f} s")
        sys.stdout.flush()
        returncode = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold), str(predicted)]).returncode
    print(f"WER of the transcripts {jiwer.wer(references, hypotheses):.3f}")
    print(f"the same steps from their text: macro-F1 {text_macro_f1(docs):.3f}")
    return returncode


if __name__ == "__main__":
    sys.exit(main())
