"""Bad input: a clear one-line error, a non-zero exit, and nothing half-written."""
import errno

import docx
import pytest
from sqlalchemy import func, select

from codev.models import Item, Recording, Segment, Session
from recorder.wav import WavWriter


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
    # Injected fault: filling a real disk is not possible here. Decoding into the take's WAV in the
    # data folder fails half-way, as it would on a full disk.
    write = WavWriter._write

    def write_then_fail(writer, data):
        if writer.written:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(writer, data[:100])
    monkeypatch.setattr(WavWriter, "_write", write_then_fail)
    message = one_line_error(codev("import", session_id, "synthesis", speak("I will call the nurses."), ok=False),
                             "No space left on device", "nothing was stored")
    assert "Free some space" in message
    assert_nothing_stored(db, home)


# Text a client typed or pasted. What the review page takes in is cleaned (codev.text); rows
# written before that, or by any other writer, are put straight into the database here, as the
# exports and `codev show` must still read them.

def stored_as_typed(db, session_id, title=None, client=None, items=()):
    """The session's title and client, and items of its contract step, as they sit in the file."""
    session = db.get(Session, int(session_id))
    if title is not None:
        session.title = title
    if client is not None:
        session.client = client
    session.step("contract").items = [Item(position=n, kind="demand", text=text) for n, text in enumerate(items)]
    db.commit()


def test_a_word_export_of_text_pasted_from_word(codev, session_id, db, tmp_path):
    # Word puts \v on the clipboard for a line break (Shift+Enter) and \f for a page break.
    stored_as_typed(db, session_id, title="Équipe " + "très longue " * 30,
                    items=["First line\vsecond line", "Page\fbreak\x00 and a bell\x07."])
    codev("export", session_id, "--format", "docx", "-o", tmp_path / "notes.docx")
    document = docx.Document(tmp_path / "notes.docx")
    text = [p.text for p in document.paragraphs]
    assert text[0] == "Équipe " + "très longue " * 30  # the whole title heads the notes
    assert len(document.core_properties.title) <= 255  # Word's limit for the document's title property
    assert "First line\nsecond line" in text and "Page\nbreak and a bell." in text


def test_show_writes_out_escape_sequences_instead_of_obeying_them(codev, session_id, db):
    stored_as_typed(db, session_id, title="Title\x1b]0;renamed your terminal\x07", client="Eve\x1b[2J",
                    items=["Clear\x9b2J the screen\x1b[31m red", "Two\nlines\tand a tab"])
    shown = codev("show", session_id).stdout
    assert not {"\x1b", "\x07", "\x9b"} & set(shown)
    assert "Title\\x1b]0;renamed your terminal\\x07" in shown and "client: Eve\\x1b[2J" in shown
    assert "Clear\\x9b2J the screen\\x1b[31m red" in shown and "Two\nlines\tand a tab" in shown
    assert "Title\\x1b]0;renamed your terminal\\x07" in codev("session", "list").stdout


@pytest.mark.parametrize("odd", ["²", "٣", "1²", str(2**63), str(2**64), "+1", " 1"])
def test_odd_session_ids(codev, session_id, odd):
    one_line_error(codev("show", odd, ok=False), "No session", "codev session list")
    one_line_error(codev("export", odd, ok=False), "No session")


def test_over_long_fields_are_refused_with_their_limit(codev):
    result = codev("session", "new", "--title", "x" * 1_000_000, "--date", "2026-10-07", "--lang", "en", ok=False)
    one_line_error(result, "title", "1000000 characters", "200")
    result = codev("session", "new", "--title", "T", "--date", "2026-10-07", "--lang", "en",
                   "--participants", "Ana," + "B" * 121, ok=False)
    one_line_error(result, "name", "121 characters", "120")
    assert codev("session", "list").stdout == ""


def test_a_title_is_one_line_of_text(codev, db):
    created = codev("session", "new", "--title", " Line\vbreak\r\nand\x1b[2J more ", "--date", "2026-10-07",
                    "--lang", "en").stdout.strip()
    assert db.get(Session, int(created)).title == "Line break and[2J more"
