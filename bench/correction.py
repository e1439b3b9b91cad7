"""How long a correction by hand keeps its request: a line corrected, a name replaced everywhere,
and the re-extraction of the step's items that follows (spaCy only), on a long step.

Usage: python bench/correction.py [--minutes 25] [--lang fr|en] [--runs 5]

The step is the step texts of ../shared/eval/dev2.jsonl in the language, one sentence a line of
4 seconds, repeated up to `--minutes` (a 25-minute step is some 3,700 words), stored as a
clarification in a database in a temporary data folder. Prints the time of the first correction
(which loads the spaCy pipeline, once per process), then the median and the slowest of the next
ones, for a line corrected and for a name replaced everywhere (each put back before the next).
"""
import argparse
import datetime
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from codev import transcript
from codev.models import Job, Recording, Segment
from codev.sessions import create_session
from codev.store import open_database

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev2.jsonl"
SECONDS_A_LINE = 4.0


def long_step(db, minutes: float, lang: str):
    texts = [doc["text"] for doc in map(json.loads, CORPUS.read_text().splitlines()) if doc["lang"] == lang]
    sentences = [s for text in texts for s in re.split(r"(?<=[.?!])\s+", text) if s]
    count = int(minutes * 60 / SECONDS_A_LINE)
    lines = [sentences[n % len(sentences)] for n in range(count)]
    session = create_session(db, title="Bench", date=datetime.date(2026, 3, 17), lang=lang)
    step = session.step("clarification")
    step.recordings.append(Recording(
        position=1, path="bench.wav", duration=count * SECONDS_A_LINE, language=lang, status="ready",
        job=Job(status="done"), segments=[Segment(position=n, start=n * SECONDS_A_LINE,
                                                  end=(n + 1) * SECONDS_A_LINE - 0.2, text=text)
                                          for n, text in enumerate(lines)]))
    db.commit()
    return session, step


def a_name(step) -> str:
    """The name said most often in the step: a capitalised word that does not open its line."""
    names = Counter(word for s in step.segments for word in re.findall(r"(?<=\s)[A-Z][a-zéèï]+\b", s.text))
    return names.most_common(1)[0][0]


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=25.0, help="length of the step (default 25)")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--runs", type=int, default=5, help="corrections timed after the first (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="codev-bench-correction-") as folder:
        db = open_database(Path(folder) / "codev.sqlite3")()
        session, step = long_step(db, args.minutes, args.lang)
        words = sum(len(s.text.split()) for s in step.segments)
        line = step.segments[len(step.segments) // 2]
        heard, name = line.text, a_name(step)
        print(f"step: {args.minutes:g} min, {len(step.segments)} lines, {words} words ({args.lang})")
        first = timed(lambda: transcript.correct_line(db, session, line.id, heard + " (corrigé)", "facilitator"))
        print(f"items after extraction: {len(step.items)}")
        print(f"first correction (loads spaCy): {first:.2f} s")
        transcript.undo(db, session, line.id)
        lines, everywhere, changed = [], [], 0
        for run in range(args.runs):
            lines.append(timed(lambda: transcript.correct_line(db, session, line.id, f"{heard} ({run})", "client")))
            transcript.undo(db, session, line.id)
            changes = []
            everywhere.append(timed(lambda: changes.extend(
                transcript.replace_everywhere(db, session, name, "Zorglub", "facilitator"))))
            changed = len(changes)
            transcript.replace_everywhere(db, session, "Zorglub", name, "facilitator")  # back as heard
        print(f"a line corrected: median {statistics.median(lines):.2f} s, slowest {max(lines):.2f} s")
        print(f"«{name}» replaced everywhere ({changed} lines): median {statistics.median(everywhere):.2f} s, "
              f"slowest {max(everywhere):.2f} s")
        db.close()


if __name__ == "__main__":
    main()
