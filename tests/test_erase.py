"""Deleting for real, from the `codev` command: sessions, takes and groups, checked in the bytes
on disk. A distinctive transcript string and a distinctive run of audio samples are first found
in the data folder (so the search is known to see them), then must be found nowhere in it: not
in the database file, its WAL or its shared memory, not in the audio folder."""
import datetime
import os
import wave
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select

from codev import erase, notes
from codev.cli import cli
from codev.groups import create_group, create_group_session
from codev.models import Action, Group, GroupMember, Item, Job, Participant, Recording, Segment, Session, Step
from codev.sessions import access_tokens, create_session
from codev.store import open_database
from codev.takes import replace_items, store_take

RATE = 16000


def audio_with_pattern(folder: Path, seed: int, seconds: float = 3.0) -> tuple[Path, bytes]:
    """A real WAV file of noise whose samples are this seed's alone, and a run of its bytes to
    look for on disk."""
    samples = np.random.default_rng(seed).integers(-12000, 12000, int(RATE * seconds), dtype=np.int16)
    path = folder / f"take-{seed}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return path, samples[RATE:RATE + 32].tobytes()


def found_in(home: Path, needle: bytes) -> list[str]:
    """The files under the data folder whose bytes hold `needle`."""
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() and needle in p.read_bytes())


def add_take(db, config, session, step_key: str, wav: Path, texts: list[str]) -> Recording:
    """A take stored as an import stores it (decoded, copied into the data folder); its
    transcript is written directly (what is tested is deletion, not transcription) and its
    step's items extracted from it, as at the end of a transcription job."""
    recording = store_take(db, config, session.id, step_key, wav)
    start = recording.offset
    recording.segments = [Segment(position=i, start=round(start + 0.5 + i, 2), end=round(start + 1.4 + i, 2), text=t)
                          for i, t in enumerate(texts)]
    replace_items(recording.step)
    recording.job.status, recording.job.pid = "done", None
    db.commit()
    return recording


SECRET = "Zanzibar-Quetzal"  # in the transcript, and so in the items extracted from it
SYNTHESIS = "Synthèse-Okapi-7781"  # the client's own words


@pytest.fixture
def recorded(db, config, tmp_path):
    """A session with three takes of real audio, each with its own pattern, a transcript, the
    client's notes and access links; with the needles to look for."""
    session = create_session(db, title="Équipe projet", date=datetime.date(2026, 3, 12), lang="fr",
                             client="Inès", participants=["Marc"])
    first, audio_1 = audio_with_pattern(tmp_path, 1)
    second, audio_2 = audio_with_pattern(tmp_path, 2)
    third, audio_3 = audio_with_pattern(tmp_path, 3)
    add_take(db, config, session, "clarification", first, [f"Est-ce que tu as parlé à {SECRET} de ton budget ?"])
    add_take(db, config, session, "clarification", second, ["Depuis quand es-tu en poste ?"])
    add_take(db, config, session, "synthesis", third, ["Je vais appeler mon chef vendredi."])
    notes.set_synthesis(db, session, session.notes_version, SYNTHESIS)
    notes.add_action(db, session, session.notes_version, "Appeler le chef")
    access_tokens(db, session)
    return session, {"transcript": SECRET.encode(), "synthesis": SYNTHESIS.encode(),
                     "audio": [audio_1, audio_2, audio_3]}


def count(db, model) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


def assert_found(home, needles):
    for needle in needles:
        assert found_in(home, needle), f"the test cannot see {needle[:40]!r} on disk before the delete"


def assert_gone(home, needles):
    for needle in needles:
        assert found_in(home, needle) == [], f"{needle[:40]!r} is still on disk"


def test_the_database_overwrites_what_it_deletes(db):
    assert db.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_a_deleted_session_leaves_nothing_on_disk(codev, db, home, recorded):
    session, needles = recorded
    everything = [needles["transcript"], needles["synthesis"], *needles["audio"]]
    assert_found(home, everything)
    assert (home / "codev.sqlite3-wal").stat().st_size > 0  # what was written sits in the WAL too

    result = codev("session", "delete", session.id, "--yes")
    assert "Session 1, 12 March 2026, «Équipe projet». This deletes, for good: 3 recordings (1 min), " \
           "3 transcripts, 3 items, the client's notes, its access links." in result.stdout
    assert_gone(home, everything)
    assert not (home / "sessions" / str(session.id)).exists()
    wal = home / "codev.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # the journal is emptied
    for model in (Session, Step, Recording, Segment, Job, Item, Action, Participant):
        assert count(db, model) == 0, model.__name__


def test_deleting_asks_first_and_keeps_everything_unless_told_yes(codev, db, home, recorded):
    session, needles = recorded
    for answer in ("n\n", "\n", ""):  # no, Enter (the default is no), no terminal at all
        result = codev.runner.invoke(cli, ["session", "delete", str(session.id)], input=answer)
        assert result.exit_code == 1 and "Delete it? [y/N]" in result.stdout
        assert "Nothing was deleted." in result.stderr and "3 recordings (1 min)" in result.stdout
    assert count(db, Session) == 1 and count(db, Recording) == 3
    assert_found(home, needles["audio"])

    result = codev.runner.invoke(cli, ["session", "delete", str(session.id)], input="y\n")
    assert result.exit_code == 0 and f"Session {session.id} is deleted." in result.stdout
    assert count(db, Session) == 0


def test_unknown_and_already_deleted_say_so_plainly(codev, recorded):
    session, _needles = recorded
    codev("session", "delete", session.id, "--yes")
    for args, message in ((("session", "delete", session.id, "--yes"), f"No session '{session.id}'"),
                          (("session", "delete", "abc", "--yes"), "No session 'abc'"),
                          (("take", "delete", session.id, "clarification", "1", "--yes"), f"No session '{session.id}'"),
                          (("group", "delete", "7", "--yes"), "No group '7'")):
        result = codev(*args, ok=False)
        assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output


def test_a_deleted_take_leaves_nothing_on_disk_and_the_others_move_up(codev, db, home, config, recorded):
    session, needles = recorded
    step = session.step("clarification")
    first, second = step.recordings
    first_file, shift = home / first.path, first.duration
    later_segment = second.segments[0].start
    # The client reviewed an item of the first take: their words stay, the words transcribed go.
    asked = next(i for i in step.items if SECRET in i.text)
    notes.edit_item(db, session, session.notes_version, asked.id, "Ma question, reformulée")
    # One of the second take, accepted: it stays, and moves up with its take.
    later = next(i for i in step.items if i.text.startswith("Depuis quand"))
    notes.set_item_status(db, session, session.notes_version, later.id, "accepted")
    later_start = later.start
    unknown = codev("take", "delete", session.id, "clarification", "3", "--yes", ok=False)
    assert "has no take 3; its takes: 1, 2." in unknown.stderr

    result = codev("take", "delete", session.id, "clarification", "1", "--yes")
    assert ("Take 1 of clarification, session 1 (12 March 2026). This deletes, for good: 00:03 of audio, "
            "its transcript (1 segment), 0 items extracted from it; kept in the client's notes: 1 item they reviewed.") \
        in result.stdout
    assert not first_file.exists()
    assert_gone(home, [needles["transcript"], needles["audio"][0]])
    assert_found(home, needles["audio"][1:])  # the other takes are there, and the search sees them

    db.expire_all()
    assert [(r.position, r.id) for r in step.recordings] == [(1, second.id)]
    assert step.recordings[0].segments[0].start == round(later_segment - shift, 2)
    kept = db.get(Item, asked.id)
    assert (kept.text, kept.start, kept.extracted_text, kept.why) == ("Ma question, reformulée", None, None, None)
    moved = db.get(Item, later.id)
    assert moved.status == "accepted" and moved.start == round(later_start - shift, 2) == step.recordings[0].segments[0].start
    assert [i.text for i in step.items] == ["Depuis quand es-tu en poste ?", "Ma question, reformulée"]


def test_a_take_being_transcribed_is_not_deleted(codev, db, config, home, tmp_path):
    session = create_session(db, title="T", date=datetime.date(2026, 3, 12), lang="fr")
    wav, pattern = audio_with_pattern(tmp_path, 9)
    store_take(db, config, session.id, "clarification", wav)  # its job queued by this living process
    result = codev("take", "delete", session.id, "clarification", "1", "--yes", ok=False)
    assert result.exit_code == 1 and "being recorded or transcribed" in result.stderr
    assert "Nothing was deleted" in result.stderr
    assert count(db, Recording) == 1 and found_in(home, pattern)
    result = codev("session", "delete", session.id, "--yes", ok=False)
    assert result.exit_code == 1 and count(db, Session) == 1


def test_a_deleted_group_takes_its_sessions_with_it(codev, db, config, home, tmp_path):
    group = create_group(db, "Cadres de santé", ["Laura", "Marc", "Nadia"])
    kept = create_session(db, title="Hors groupe", date=datetime.date(2026, 1, 5), lang="fr")
    patterns = []
    for n, client in enumerate(["Laura", "Marc"]):
        s = create_group_session(db, group, title=f"Séance {n}", date=datetime.date(2026, 3, 1 + n), lang="fr",
                                 client=client, present=["Laura", "Marc"])
        wav, pattern = audio_with_pattern(tmp_path, 20 + n)
        add_take(db, config, s, "clarification", wav, [f"Est-ce que {SECRET} est d'accord ?"])
        patterns.append(pattern)
    wav, outside = audio_with_pattern(tmp_path, 30)
    add_take(db, config, kept, "clarification", wav, ["Qui décide ?"])
    assert_found(home, [SECRET.encode(), *patterns])

    result = codev("group", "list")
    assert result.stdout == f"{group.id}\tCadres de santé\t3 members\t2 sessions\taudio kept\n"
    group.name = "Cadres\x1b]0;pwned\x07"  # an escape sequence typed in a name never reaches the terminal
    db.commit()
    asked = codev("group", "delete", group.id, ok=False).output  # asked, answered by no terminal: nothing deleted
    assert "«Cadres\\x1b]0;pwned\\x07»" in asked and "\x1b" not in asked
    group.name = "Cadres de santé"
    db.commit()
    result = codev("group", "delete", group.id, "--yes")
    assert ("Group 1, «Cadres de santé». This deletes, for good: 3 members, 2 sessions: 2 recordings (1 min), "
            "2 transcripts, 2 items") in result.stdout
    assert_gone(home, [SECRET.encode(), *patterns])
    assert count(db, Group) == 0 and count(db, GroupMember) == 0
    assert [s.title for s in db.scalars(select(Session))] == ["Hors groupe"]  # not of the group: kept
    assert found_in(home, outside)


def test_a_deleted_session_id_is_never_given_again(db, config):
    first = create_session(db, title="A", date=datetime.date(2026, 3, 12), lang="fr")
    second = create_session(db, title="B", date=datetime.date(2026, 3, 12), lang="fr")
    erase.delete_session(db, config, second)
    # A browser granted the deleted session must not be let into the next one.
    assert create_session(db, title="C", date=datetime.date(2026, 3, 12), lang="fr").id == second.id + 1
    assert first.id < second.id


def test_a_journal_a_reader_kept_full_is_emptied_at_the_next_start(db, config, recorded, home):
    session, needles = recorded
    reader = open_database(config.database).kw["bind"].raw_connection()
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM segments").fetchone()  # a read transaction: it holds its snapshot
    erase.delete_session(db, config, session)  # the journal cannot be emptied under it
    assert found_in(home, needles["transcript"])
    reader.rollback()
    reader.close()
    open_database(config.database)  # a start
    assert_gone(home, [needles["transcript"], needles["synthesis"]])


def test_the_command_deletes_from_a_real_transcription(codev, db, home, speak):
    """The whole way: speech imported and transcribed by Whisper, then the session deleted."""
    session = codev("session", "new", "--title", "Onboarding", "--date", "2026-10-07", "--lang", "en").stdout.strip()
    codev("import", session, "synthesis", speak("I will send the budget to my manager before Friday."))
    [segment] = db.scalars(select(Segment)).all()[:1]
    said = segment.text.strip().encode()
    [stored] = list((home / "sessions" / session).iterdir())
    data = stored.read_bytes()
    sound = max((data[i:i + 64] for i in range(44, len(data) - 64, 4096)), key=lambda run: len(set(run)))  # speech
    assert_found(home, [said, sound])
    codev("session", "delete", session, "--yes")
    db.expire_all()
    assert_gone(home, [said, sound])
    assert os.listdir(home / "sessions") == []
