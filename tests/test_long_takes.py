"""A take of hours fits on a laptop: it is decoded into its WAV a block at a time, then read and
transcribed a window at a time (bench/long_upload.py measures the memory). Here the windows are
made short, so that a take of seconds spans several."""
import numpy as np
import pytest
import soundfile
from sqlalchemy import select

from codev import jobs
from codev.models import Recording
from recorder import decode

SENTENCES = ["I will call the nurses on Monday.", "The budget goes to my manager before Friday.",
             "My takeaway is that listening takes time."]
GAP = 3.0  # seconds of silence between the sentences


@pytest.fixture
def long_take(speak, tmp_path):
    """The sentences one after the other, each followed by a silence; where each begins, and the end."""
    parts, starts, at = [], [], 0.0
    for sentence in SENTENCES:
        spoken = decode(speak(sentence))
        starts.append(at)
        parts += [spoken, np.zeros(round(GAP * 16000), np.float32)]
        at += len(spoken) / 16000 + GAP
    path = tmp_path / "long.flac"
    soundfile.write(path, np.concatenate(parts), 16000)
    return path, starts, at


def test_a_take_longer_than_a_window_is_transcribed_window_by_window(codev, db, long_take, monkeypatch):
    monkeypatch.setattr(jobs, "WINDOW_SECONDS", 6.0)
    monkeypatch.setattr(jobs, "EDGE_SECONDS", 3.0)
    windows = []
    cut = jobs._window_end
    monkeypatch.setattr(jobs, "_window_end", lambda audio, at, end: windows.append(cut(audio, at, end)) or windows[-1])
    path, starts, length = long_take
    session = codev("session", "new", "--title", "T", "--date", "2026-10-07", "--lang", "en").stdout.strip()
    codev("import", session, "synthesis", path)
    take = db.scalars(select(Recording)).one()
    assert len(windows) >= 3 and take.duration == pytest.approx(length, abs=0.01)
    speech = list(zip(starts, [*starts[1:], length]))
    assert not [cut for cut in windows[:-1] for begin, end in speech if begin < cut < end - GAP]  # no word cut in two
    said = " ".join(s.text.lower() for s in take.segments)
    # Every sentence, at its place on the timeline, whichever window it fell in.
    for word, start in zip(("nurses", "budget", "listening"), starts):
        assert word in said
        segment = next(s for s in take.segments if word in s.text.lower())
        assert segment.start == pytest.approx(start, abs=1.5)
    assert [s.start for s in take.segments] == sorted(s.start for s in take.segments)
