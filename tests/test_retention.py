"""Retention: a group's audio is deleted N days after its client validated the notes; the
transcripts and notes are kept. `codev purge [--dry-run]`, the app's start, and the group page.
Dates are set, never waited for: a validation long ago is due, one made now is not."""
import datetime
import html
import re

import pytest
from codev import jobs, notes
from codev.groups import create_group, create_group_session
from codev.retention import audio_deadline, purge, set_retention
from codev.sessions import create_session
from test_erase import SECRET, add_take, audio_with_pattern, found_in
from test_web_groups import csrf_token
from web import create_app

LONG_AGO = datetime.datetime(2020, 1, 6, 18, 30)


@pytest.fixture
def sessions(db, config, tmp_path):
    """A group keeping audio 30 days, with a session validated long ago, one validated now and one
    not validated; and a session of no group, validated long ago. Each take has its own pattern."""
    group = create_group(db, "Cadres de santé", ["Laura", "Marc", "Nadia"])
    set_retention(db, group, 30)
    made, patterns = {}, {}
    for n, name in enumerate(["due", "recent", "open"]):
        made[name] = create_group_session(db, group, title=name, date=datetime.date(2026, 3, 1 + n), lang="fr",
                                          client="Laura", present=["Laura", "Marc"])
    made["alone"] = create_session(db, title="alone", date=datetime.date(2026, 3, 9), lang="fr")
    for n, (name, session) in enumerate(made.items()):
        wav, patterns[name] = audio_with_pattern(tmp_path, 70 + n)
        add_take(db, config, session, "clarification", wav, [f"Est-ce que {SECRET} est d'accord ?"])
    notes.validate(db, made["recent"], made["recent"].notes_version)
    made["due"].validated_at = made["alone"].validated_at = LONG_AGO
    db.commit()
    return made, patterns


def test_the_deadline_runs_from_the_validation(db, sessions):
    made, _patterns = sessions
    assert audio_deadline(made["due"]) == datetime.datetime(2020, 2, 5, 18, 30)
    assert audio_deadline(made["open"]) is None and audio_deadline(made["alone"]) is None


def test_purge_deletes_the_audio_and_keeps_transcripts_and_notes(codev, db, home, sessions):
    made, patterns = sessions
    due = made["due"].step("clarification").recordings[0]
    path = home / due.path

    dry = codev("purge", "--dry-run").stdout
    assert dry.splitlines() == [
        f"Session {made['due'].id} (1 March 2026), take 1 of clarification: 00:03 of audio; notes validated on "
        "6 January 2020, audio kept 30 days.",
        "Would delete the audio of 1 take (1 min); transcripts and notes are kept."]
    assert path.exists()  # a dry run deletes nothing

    assert codev("purge").stdout.splitlines()[-1] == "Deleted the audio of 1 take (1 min); transcripts and notes are kept."
    assert not path.exists() and found_in(home, patterns["due"]) == []
    for name in ("recent", "open", "alone"):
        assert found_in(home, patterns[name]), name
    db.expire_all()
    assert due.audio_deleted_at is not None
    assert [s.text for s in due.segments] == [f"Est-ce que {SECRET} est d'accord ?"]  # the transcript is kept
    assert made["due"].step("clarification").items  # and the notes
    assert codev("purge").stdout == "No audio is due for deletion.\n"


def test_zero_days_deletes_at_validation_and_empty_keeps(db, config, sessions):
    made, _patterns = sessions
    validated = made["recent"].validated_at
    assert [r.step.session.title for r in purge(db, config, now=validated)] == ["due"]
    set_retention(db, made["recent"].group, 0)
    assert [r.step.session.title for r in purge(db, config, now=validated)] == ["recent"]
    set_retention(db, made["recent"].group, None)
    made["open"].validated_at = LONG_AGO
    db.commit()
    assert purge(db, config, now=datetime.datetime(2100, 1, 1)) == []


def test_a_purged_take_is_no_transcription_job_left_to_finish(db, config, sessions):
    made, _patterns = sessions
    take = made["due"].step("clarification").recordings[0]
    take.job.status = "failed"  # say its transcription had failed: the start would try it again
    db.commit()
    assert take.job in jobs.unfinished(db)
    purge(db, config, now=datetime.datetime(2021, 1, 1))
    assert take.job not in jobs.unfinished(db)


def test_the_app_applies_retention_when_it_starts(home, db, sessions):
    made, patterns = sessions
    create_app({"TESTING": True, "DATA_DIR": str(home)})
    assert found_in(home, patterns["due"]) == []
    assert found_in(home, patterns["recent"]) and found_in(home, patterns["alone"])


def test_the_group_page_shows_and_sets_retention(client, db, config, sessions):
    made, _patterns = sessions
    group = made["due"].group
    purge(db, config)
    shown = html.unescape(client.get(f"/groups/{group.id}").get_data(as_text=True))
    assert "supprimé 30 jours après la validation des notes par son client" in shown
    until = (made["recent"].validated_at + datetime.timedelta(days=30)).date().isoformat()
    assert re.findall(r'audio-state">([^<]*)<', shown) == ["supprimé", f"gardé jusqu'au {until}", ""]
    session_page = client.get(f"/sessions/{made['due'].id}").get_data(as_text=True)
    assert "audio supprimé le" in session_page and "<audio" not in session_page
    review = client.get(f"/sessions/{made['due'].id}/review").get_data(as_text=True)
    assert 'class="play"' not in review  # nothing left to play
    recording = made["due"].step("clarification").recordings[0]
    gone = client.get(f"/recordings/{recording.id}/audio")  # gone, and the page says so
    assert gone.status_code == 410 and "supprimé le" in gone.get_data(as_text=True)

    token = csrf_token(client, f"/groups/{group.id}")
    for typed in ("-1", "abc", "²", "3.5", "99999999999999999999"):
        refused = client.post(f"/groups/{group.id}/retention", data={"csrf_token": token, "days": typed})
        answer = refused.get_data(as_text=True)
        assert refused.status_code == 400 and "nombre entier de jours" in answer and f'value="{typed}"' in answer
    db.expire_all()
    assert group.audio_retention_days == 30  # nothing changed
    assert client.post(f"/groups/{group.id}/retention", data={"days": "7"}).status_code == 400  # no CSRF token

    saved = client.post(f"/groups/{group.id}/retention", data={"csrf_token": token, "days": " 7 "})
    assert saved.status_code == 302 and saved.location.endswith(f"/groups/{group.id}#retention")
    db.expire_all()
    assert group.audio_retention_days == 7
    client.post(f"/groups/{group.id}/retention", data={"csrf_token": token, "days": ""})
    db.expire_all()
    assert group.audio_retention_days is None
    assert "jusqu'à ce que vous le supprimiez" in html.unescape(client.get(f"/groups/{group.id}").get_data(as_text=True))


def test_codev_group_list_shows_retention(codev, sessions):
    made, _patterns = sessions
    assert codev("group", "list").stdout.endswith("\t3 sessions\taudio deleted 30 days after validation\n")
