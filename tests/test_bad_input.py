"""Bad input: a clear one-line error, a non-zero exit, and nothing half-written."""
import errno
import json
import sqlite3
import subprocess
import sys

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


# Invocations that ended in a traceback: each is one line now, with a non-zero exit.

@pytest.mark.parametrize("args", [
    ["export", "{session}", "-o", "{tmp}/no folder/notes.md"],
    ["export", "{session}", "--format", "docx", "-o", "{tmp}/no folder/notes.docx"],
    ["export", "{session}", "--format", "json", "-o", "/proc/notes.json"],
    ["export", "{session}", "-o", "/dev/full"],
    ["extract", "{tmp}/corpus.jsonl", "-o", "/dev/full"],
    ["extract", "{tmp}/corpus.jsonl", "-o", "{tmp}/no folder/predictions.jsonl"],
    ["--data-dir", "{tmp}/a file/data", "session", "list"],
    ["--data-dir", "/proc/codev", "session", "list"],
], ids=["md to a missing folder", "docx to a missing folder", "json where no file can be", "md to a full disk",
        "extract to a full disk", "extract to a missing folder", "data folder in a file", "data folder not creatable"])
def test_files_and_folders_that_cannot_be_written(codev, session_id, tmp_path, args):
    (tmp_path / "corpus.jsonl").write_text(json.dumps(DOCUMENT) + "\n")
    (tmp_path / "a file").write_text("not a folder")
    args = [a.format(session=session_id, tmp=tmp_path) for a in args]
    one_line_error(codev(*args, ok=False))


def test_a_data_folder_whose_database_is_damaged_or_newer(codev, tmp_path):
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "codev.sqlite3").write_bytes(bytes(range(256)) * 20)
    one_line_error(codev("--data-dir", damaged, "session", "list", ok=False), "not a codev-notes database",
                   "left as it is")
    newer = tmp_path / "newer"
    codev("--data-dir", newer, "session", "list")
    with sqlite3.connect(newer / "codev.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    one_line_error(codev("--data-dir", newer, "session", "list", ok=False), "newer version", "left as it is")
    assert (damaged / "codev.sqlite3").read_bytes() == bytes(range(256)) * 20


def test_an_import_where_the_data_folder_cannot_take_it(codev, session_id, home, speak, db):
    (home / "sessions").write_text("a file where the audio folder goes")
    one_line_error(codev("import", session_id, "synthesis", speak("Hello."), ok=False), "Not a directory")
    assert db.scalar(select(func.count()).select_from(Recording)) == 0


@pytest.mark.parametrize("args", [["--port", "99999"], ["--port", "0"], ["--port", "-1"],
                                  ["--host", "999.999.999.999", "--port", "5123"],
                                  ["--host", "nowhere.invalid", "--port", "5123"],
                                  ["--host", "192.0.2.7", "--port", "5123"]])  # an address of another machine
def test_serve_refuses_what_it_cannot_listen_on(home, args):
    # A real process: were it to listen after all, the timeout would say so.
    result = subprocess.run([sys.executable, "-m", "codev", "serve", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("Error:")  # after click's usage line, for an option
    assert ("--port" in result.stderr) if args[0] == "--port" else ("not an address of this computer" in result.stderr)


# `codev extract`: a corpus with a bad line writes nothing; the line is named.

DOCUMENT = {"id": "a", "text": "I will call the nurses on Monday.", "lang": "en", "step": "synthesis", "date": "2026-10-07"}


@pytest.mark.parametrize("bad, words", [
    ({**DOCUMENT, "step": "brainstorm"}, ["unknown step 'brainstorm'"]),
    ({**DOCUMENT, "text": None}, ["its text is null"]),
    ({key: value for key, value in DOCUMENT.items() if key != "text"}, ["its text is missing"]),
    ({**DOCUMENT, "text": 5}, ["its text is 5, not a string"]),
    ({**DOCUMENT, "date": "2026-13-01"}, ["month must be in 1..12"]),
    ([DOCUMENT], ["not a JSON object"]),
    (b"\xff\xfe not UTF-8", ["can't decode"]),
])
def test_extract_names_the_bad_line_and_writes_nothing(codev, tmp_path, bad, words):
    corpus = tmp_path / "corpus.jsonl"
    line = bad if isinstance(bad, bytes) else json.dumps(bad).encode()
    corpus.write_bytes(json.dumps(DOCUMENT).encode() + b"\n\n" + line + b"\n")
    output = tmp_path / "predictions.jsonl"
    output.write_text("the predictions of an earlier run\n")
    one_line_error(codev("extract", corpus, "-o", output, ok=False), "corpus.jsonl, line 3", *words,
                   "nothing was written to predictions.jsonl")
    assert output.read_text() == "the predictions of an earlier run\n"  # not half-written over
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "predictions.jsonl"]  # no partial file


# `codev import` of several files: every file is read before any is stored.

@pytest.mark.parametrize("bad", ["missing.wav", "cut.wav", "notes.wav"])
def test_an_import_of_several_files_with_one_bad_stores_none(codev, session_id, db, home, speak, tmp_path, bad):
    whole = speak("I will send the budget to my manager before Friday.")
    (tmp_path / "cut.wav").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    (tmp_path / "notes.wav").write_text("These are my notes.")
    good = speak("I will call the nurses on Monday.")
    one_line_error(codev("import", session_id, "synthesis", good, whole, tmp_path / bad, ok=False), bad)
    assert_nothing_stored(db, home)
    assert not [p for p in home.iterdir() if p.name.startswith("import-")]  # no decoded copy left
