"""Bad input: a clear one-line error, a non-zero exit, and nothing half-written."""
import errno
from pathlib import Path

import pytest
from sqlalchemy import func, select

from codev import takes
from codev.models import Item, Recording, Segment


@pytest.fixture
def session_id(codev):
    return codev("session", "new", "--title", "T", "--date", "2026-10-07", "--lang", "en").stdout.strip()


def assert_nothing_stored(db, home):
    for table in (Recording, Segment, Item):
        assert db.scalar(select(func.count()).select_from(table)) == 0
    assert not any(p.is_file() for p in (home / "sessions").rglob("*"))


def one_line_error(result, *words):
    assert result.exit_code != 0
    message = result.output.strip()
    assert message.startswith("Error:") and "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message
    return message


def test_a_file_that_is_not_audio(codev, session_id, db, home, tmp_path):
    notes = tmp_path / "notes.wav"
    notes.write_text("These are my notes, not a recording.")
    one_line_error(codev("import", session_id, "synthesis", notes, ok=False), "notes.wav", "not a readable audio")
    assert_nothing_stored(db, home)


def test_a_truncated_file(codev, session_id, db, home, speak, tmp_path):
    whole = speak("I will send the budget to my manager before Friday.").read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2])
    one_line_error(codev("import", session_id, "synthesis", cut, ok=False), "cut.wav", "truncated")
    assert_nothing_stored(db, home)


def test_an_unsupported_or_missing_file(codev, session_id, db, home, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    one_line_error(codev("import", session_id, "synthesis", text, ok=False), "unsupported")
    one_line_error(codev("import", session_id, "synthesis", tmp_path / "gone.wav", ok=False), "no such file")
    assert_nothing_stored(db, home)


def test_an_unknown_session_or_step(codev, session_id, db, home, speak):
    audio = speak("Hello.")
    one_line_error(codev("import", "999", "synthesis", audio, ok=False), "999", "codev session list")
    one_line_error(codev("import", session_id, "brainstorm", audio, ok=False), "brainstorm", "clarification")
    one_line_error(codev("show", "999", ok=False), "999")
    one_line_error(codev("export", "nope", ok=False), "nope")
    assert_nothing_stored(db, home)


def test_an_unknown_language(codev, speak):
    result = codev("session", "new", "--title", "T", "--date", "2026-10-07", "--lang", "de", ok=False)
    assert result.exit_code != 0 and "'de' is not one of 'fr', 'en'" in result.output
    result = codev("transcribe", speak("Hello."), "--lang", "klingon", ok=False)
    assert result.exit_code != 0 and "klingon" in result.output
    assert codev("session", "list").stdout == ""


def test_a_bad_date(codev):
    result = codev("session", "new", "--title", "T", "--date", "14/01/2026", "--lang", "fr", ok=False)
    assert result.exit_code != 0 and "14/01/2026" in result.output


def test_a_full_disk_while_storing_leaves_no_trace(codev, session_id, db, home, speak, monkeypatch):
    # Injected fault: filling a real disk is not possible here. The copy into the data folder
    # fails half-way, as it would on a full disk.
    def copy_then_fail(source, target):
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(takes.shutil, "copyfile", copy_then_fail)
    message = one_line_error(codev("import", session_id, "synthesis", speak("I will call the nurses."), ok=False),
                             "No space left on device", "nothing was stored")
    assert "Free some space" in message
    assert_nothing_stored(db, home)
