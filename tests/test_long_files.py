"""A whole step, not a clip: an imported take is cut into stretches in its pauses and transcribed
stretch by stretch, each word timed on the step's timeline; a minute of real voices joined as
bench/wer.py joins them, the quiet ones among louder ones, loses none of them."""
from pathlib import Path

import numpy as np
import pytest
import soundfile
from sqlalchemy import select

from codev.models import Recording
from from_file import module_from_file
from recorder import decode
from transcribe import Transcriber, resolve_model, transcriber

BENCH = Path(__file__).resolve().parents[1] / "bench" / "wer.py"
SENTENCES = ["I will call the nurses on Monday, and then the two managers of the evening shift.",
             "The budget goes to my manager before Friday, with the figures of the last three months.",
             "My takeaway is that listening takes time, and that the group helped me see it."]
GAP = 2.0  # seconds of silence between the sentences


@pytest.fixture(scope="module")
def bench():
    return module_from_file(BENCH, "bench_wer")


def test_a_minute_of_real_voices_drops_no_clip(bench, models_dir, home):
    """The bench's short variant: fleurs-fr-000 and fleurs-fr-009, recorded very quietly, between
    louder voices 0.5 s apart, each keep their words (before stretches and levelling, Whisper
    dropped fleurs-fr-000 from every long file)."""
    if not (bench.SPEECH / "manifest.tsv").is_file():
        pytest.fail(f"The real voices of {bench.SPEECH} are missing.")
    audio, placed = bench.long_file(bench.clips(bench.SPEECH, "fr"), minutes=1)
    assert {"fr/fleurs-fr-000.ogg", "fr/fleurs-fr-009.ogg"} <= {clip.name for clip, _start, _end in placed}
    [heard] = bench.transcribe(Transcriber(resolve_model(None, models_dir)), [audio], "fr", bench.Stopwatch())
    assert bench.dropped(heard, placed) == []


@pytest.fixture
def long_take(speak, tmp_path):
    """The sentences one after the other, each followed by a silence; where each is, and the audio."""
    parts, said, at = [], [], 0.0
    for sentence in SENTENCES:
        spoken = decode(speak(sentence))
        said.append((at, at + len(spoken) / 16000))
        parts += [spoken, np.zeros(round(GAP * 16000), np.float32)]
        at += len(spoken) / 16000 + GAP
    path = tmp_path / "long.flac"
    soundfile.write(path, np.concatenate(parts), 16000)
    return path, said, np.concatenate(parts)


def test_an_import_is_transcribed_stretch_by_stretch_with_its_words_on_the_steps_timeline(codev, db, long_take,
                                                                                          monkeypatch):
    cuts = []
    cut_in_pauses = transcriber.stretches
    monkeypatch.setattr(transcriber, "stretches", lambda *args: (cuts.append(s) or s for s in cut_in_pauses(*args)))
    path, said, audio = long_take
    session = codev("session", "new", "--title", "T", "--date", "2026-10-07", "--lang", "en").stdout.strip()
    codev("import", session, "synthesis", path)
    codev("import", session, "synthesis", path)  # a second take, after the first on the step's timeline
    first, second = db.scalars(select(Recording).order_by(Recording.position)).all()

    assert len(cuts) >= 4  # two stretches a take at least, each cut in a pause, never in a word
    around = [audio[round(end * 16000) - 800:round(end * 16000) + 800] for _start, end in cuts[:-1]]
    assert all(np.abs(samples).max() < 0.01 for samples in around if len(samples))
    for take in (first, second):
        text = " ".join(s.text.lower() for s in take.segments)
        assert all(word in text for word in ("nurses", "budget", "listening"))
        assert [s.start for s in take.segments] == sorted(s.start for s in take.segments)
        for segment in take.segments:  # each word timed within its segment, on the step's timeline
            assert segment.words and " ".join(w for _start, _end, w in segment.words) == segment.text
            assert all(segment.start - 0.5 <= start <= end <= segment.end + 0.5 for start, end, _w in segment.words)
    budget = [start for s in first.segments for start, _end, word in s.words if "budget" in word.lower()]
    again = [start for s in second.segments for start, _end, word in s.words if "budget" in word.lower()]
    assert budget[0] == pytest.approx(said[1][0], abs=1.0)
    assert again[0] == pytest.approx(first.duration + budget[0], abs=0.2)

    shift = first.duration
    codev("take", "delete", session, "synthesis", 1, "--yes")  # the second take moves up, its words with it
    db.expire_all()
    moved = [start for s in db.scalars(select(Recording)).one().segments for start, _end, word in s.words
             if "budget" in word.lower()]
    assert moved == [round(start - shift, 2) for start in again]
