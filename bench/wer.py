"""Word error rate of the app's transcription on real voices, per language, through the app's own
code path (each file a take imported as `codev import` does, into a temporary data folder):

- clip by clip, on ../shared/speech;
- long files made of the same clips (in a fixed order that puts the quiet ones, fleurs-fr-000 and
  fleurs-fr-009, between louder voices in the first minute; repeated as needed; 0.5 s gaps), one a
  length given; each clip's part of the transcript is found by the word timings, and a clip whose
  words are essentially missing (fewer than a quarter of them heard) is listed as dropped;
- ../shared/speech-conv, spontaneous French, with its fillers (euh, hum, ben...) removed on both sides.

Usage: python bench/wer.py [--minutes 1 3 10] [--lang fr|en] [--model NAME|FOLDER] [--no-word-timings]

Normalisation, as the speech folder's README asks: lowercase, no punctuation, hyphens split; and
numbers written in words turned into digits on both sides (text2num's alpha2digit), so that
"dix-sept" and "17" are the same word. The real-time factor counts the seconds of transcription
(levelling, VAD, Whisper) per second of audio; --no-word-timings gives it without word timings.
"""
import argparse
import csv
import datetime
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jiwer
import numpy as np
import soundfile
from text_to_num import alpha2digit

from codev.config import Config
from codev.sessions import create_session
from codev.store import open_database
from codev.takes import import_takes
from recorder import decode
from transcribe import Transcriber, resolve_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SPEECH, CONVERSATIONS = SHARED / "speech", SHARED / "speech-conv"
SAMPLE_RATE = 16000
GAP_SECONDS = 0.5  # between two clips of a long file
# The long files' order: the quiet clips between louder ones from the first minute on; then the
# others as the manifest lists them.
FIRST = ["fr/fleurs-fr-003.ogg", "fr/fleurs-fr-000.ogg", "fr/picovoice-cheetah-test_fr.wav", "fr/fleurs-fr-009.ogg"]
FILLERS = {"euh", "heu", "hum", "hm", "hmm", "mh", "mm", "pff", "ben", "bah"}
HEARD_SHARE = 0.25  # a clip of a long file with fewer of its words heard is dropped


def normalise(text: str, lang: str | None = None) -> str:
    """Lowercase, no punctuation, hyphens split; with `lang`, numbers in digits."""
    if lang:
        text = alpha2digit(text, lang)
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"[^\w\s']", " ", text).replace("'", "' ")
    return " ".join(text.split())


def without_fillers(text: str) -> str:
    return " ".join(word for word in text.split() if word not in FILLERS)


@dataclass
class Clip:
    name: str
    lang: str
    reference: str  # normalised
    audio: np.ndarray


@dataclass
class Heard:
    """A file as the app transcribed it: its text and its words as (start, end, word)."""
    text: str
    words: list[tuple[float, float, str]]


def clips(folder: Path, lang: str) -> list[Clip]:
    with (folder / "manifest.tsv").open(encoding="utf-8") as f:
        return [Clip(row["file"], lang, normalise(row["transcript"], lang), decode(folder / row["file"]))
                for row in csv.DictReader(f, delimiter="\t") if row["lang"] == lang]


def long_file(clips: list[Clip], minutes: float) -> tuple[np.ndarray, list[tuple[Clip, float, float]]]:
    """The clips in the long files' order, repeated until `minutes` are reached, 0.5 s apart; and
    where each clip is in it (clip, start, end in seconds)."""
    ordered = sorted(clips, key=lambda c: FIRST.index(c.name) if c.name in FIRST else len(FIRST))
    gap = np.zeros(round(GAP_SECONDS * SAMPLE_RATE), np.float32)
    parts, placed, at = [], [], 0.0
    while at < minutes * 60:
        for clip in ordered:
            if at >= minutes * 60:
                break
            seconds = len(clip.audio) / SAMPLE_RATE
            placed.append((clip, at, at + seconds))
            parts += [clip.audio, gap]
            at += seconds + GAP_SECONDS
    return np.concatenate(parts), placed


class Stopwatch:
    """A progress hook for the import that counts the seconds spent transcribing."""
    seconds = 0.0

    def __call__(self, segments, _duration):
        started = time.perf_counter()
        yield from segments
        self.seconds += time.perf_counter() - started


def transcribe(transcriber: Transcriber, audios: list[np.ndarray], lang: str, stopwatch: Stopwatch) -> list[Heard]:
    """Each of `audios` imported as a take of one step of a new session, in a temporary data folder."""
    with tempfile.TemporaryDirectory(prefix="codev-wer-") as folder:
        config = Config(data_dir=Path(folder) / "data", models_dir=Config.from_env().models_dir)
        files = []
        for number, audio in enumerate(audios):
            files.append(Path(folder) / f"{number}.wav")
            soundfile.write(files[-1], audio, SAMPLE_RATE, subtype="FLOAT")
        with open_database(config.database)() as db:
            session = create_session(db, title="WER", date=datetime.date.today(), lang=lang)
            db.commit()
            takes = import_takes(db, config, transcriber, session.id, "presentation", files, progress=stopwatch)
            return [Heard(" ".join(s.text for s in take.segments),
                          [tuple(word) for s in take.segments for word in s.words or []]) for take in takes]


def parts(heard: Heard, placed: list[tuple[Clip, float, float]]) -> list[str]:
    """Each placed clip's part of the transcript: the words whose middle falls within the clip or
    within half a gap of it."""
    found = [[] for _ in placed]
    ends = [end + GAP_SECONDS / 2 for _clip, _start, end in placed]
    for start, end, word in heard.words:
        at = min(np.searchsorted(ends, (start + end) / 2), len(placed) - 1)
        found[at].append(word)
    return [" ".join(words) for words in found]


def dropped(heard: Heard, placed: list[tuple[Clip, float, float]]) -> list[str]:
    """The placed clips whose words are essentially missing from their part of the transcript,
    by name, once each time they are dropped."""
    missing = []
    for (clip, _start, _end), part in zip(placed, parts(heard, placed)):
        said = normalise(part, clip.lang)
        if not said or jiwer.process_words(clip.reference, said).hits < HEARD_SHARE * len(clip.reference.split()):
            missing.append(clip.name)
    return missing


def wer(references: list[str], hypotheses: list[str]) -> float:
    return jiwer.wer(references, [h or "∅" for h in hypotheses])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, nargs="*", default=[1, 3, 10], help="the long files' lengths")
    parser.add_argument("--lang", choices=["fr", "en"], action="append", help="default: both")
    parser.add_argument("--model", default=None)
    parser.add_argument("--no-word-timings", action="store_true", help="to measure what word timings cost")
    args = parser.parse_args()
    for folder in (SPEECH, CONVERSATIONS):
        if not (folder / "manifest.tsv").is_file():
            print(f"no speech corpus at {folder}", file=sys.stderr)
            return 1
    transcriber = Transcriber(resolve_model(args.model, Config.from_env().models_dir), words=not args.no_word_timings)
    audio_seconds, stopwatch = 0.0, Stopwatch()

    def run(name: str, lang: str, audios: list[np.ndarray]) -> list[Heard]:
        nonlocal audio_seconds
        audio_seconds += sum(len(a) for a in audios) / SAMPLE_RATE
        before = stopwatch.seconds
        heard = transcribe(transcriber, audios, lang, stopwatch)
        seconds = sum(len(a) for a in audios) / SAMPLE_RATE
        print(f"  ({name}: {seconds:.0f} s of audio, real-time factor {(stopwatch.seconds - before) / seconds:.3f})",
              file=sys.stderr)
        return heard

    for lang in args.lang or ["fr", "en"]:
        spoken = clips(SPEECH, lang)
        heard = run(f"{lang} clips", lang, [c.audio for c in spoken])
        hypotheses = [normalise(h.text, lang) for h in heard]
        for clip, hypothesis in zip(spoken, hypotheses):
            print(f"  {clip.name:<45} WER {wer([clip.reference], [hypothesis]):5.2f}", file=sys.stderr)
        print(f"{lang} clips: WER {wer([c.reference for c in spoken], hypotheses):.3f} over {len(spoken)} clips")
        for minutes in args.minutes:
            audio, placed = long_file(spoken, minutes)
            [whole] = run(f"{lang} {minutes:g} min", lang, [audio])
            missing = Counter(dropped(whole, placed))
            times = Counter(clip.name for clip, _s, _e in placed)
            print(f"{lang} {minutes:g} min file: WER "
                  f"{wer([' '.join(c.reference for c, _s, _e in placed)], [normalise(whole.text, lang)]):.3f} over "
                  f"{len(placed)} clips; dropped: "
                  + ("not known without word timings" if args.no_word_timings else
                     ", ".join(f"{name} ({n} of {times[name]})" for name, n in sorted(missing.items())) or "none"))
    if "fr" in (args.lang or ["fr"]):
        spoken = clips(CONVERSATIONS, "fr")
        heard = run("conversations", "fr", [c.audio for c in spoken])
        print(f"fr conversations (fillers removed): WER "
              f"{wer([without_fillers(c.reference) for c in spoken], [without_fillers(normalise(h.text, 'fr')) for h in heard]):.3f}"
              f" over {len(spoken)} clips")
    print(f"real-time factor {stopwatch.seconds / audio_seconds:.3f} "
          f"({audio_seconds:.0f} s of audio transcribed in {stopwatch.seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
