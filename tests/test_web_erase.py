"""Deleting for real, from the web app (test client, CSRF protection on): a page that names what
goes, then the deletion; checked in the bytes on disk as tests/test_erase.py does."""
import datetime
import html
import logging

import pytest
from sqlalchemy import select

from codev.groups import create_group, create_group_session
from codev.models import Group, Item, Recording, Session
from codev.sessions import access_tokens, create_session
from codev.takes import store_take
from test_erase import (SECRET, add_take, assert_found, assert_gone, audio_with_pattern, count, found_in,
                        recorded)  # noqa: F401 (a fixture)
from test_web_groups import csrf_token
from web import create_app

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}  # another computer on the network


def page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_session_is_deleted_from_its_page_after_a_confirmation(client, db, home, recorded, caplog):
    session, needles = recorded
    number = session.id
    assert f'href="/sessions/{session.id}/delete"' in client.get(f"/sessions/{session.id}").get_data(as_text=True)

    asked = page(client.get(f"/sessions/{session.id}/delete"))
    assert "Supprimer définitivement cette séance ?" in asked
    for named in ("La séance du 12 mars 2026, « Équipe projet »", "3 enregistrements (1 min)", "3 transcriptions",
                  "3 éléments relevés", "les notes du client", "ses liens d'accès", "C'est irréversible"):
        assert named in asked, named
    assert count(db, Session) == 1  # asking deletes nothing

    token = csrf_token(client, f"/sessions/{session.id}/delete")
    refused = client.post(f"/sessions/{session.id}/delete")  # no CSRF token: not from this app
    assert refused.status_code == 400 and count(db, Session) == 1

    everything = [needles["transcript"], needles["synthesis"], *needles["audio"]]
    assert_found(home, everything)
    with caplog.at_level(logging.DEBUG):
        done = client.post(f"/sessions/{session.id}/delete", data={"csrf_token": token})
    assert done.status_code == 303 and done.location == "/"
    assert "La séance du 12 mars 2026 est supprimée" in page(client.get(done.location))
    assert_gone(home, everything)
    assert SECRET not in caplog.text and "Équipe projet" not in caplog.text  # nothing in the logs
    assert count(db, Session) == 0 and count(db, Recording) == 0 and count(db, Item) == 0

    for method in (client.get, client.post):  # already deleted: a page that says so
        gone = method(f"/sessions/{number}/delete", data={"csrf_token": token})
        assert gone.status_code == 404 and "n'existe pas" in page(gone)


def test_a_take_is_deleted_from_the_session_page_or_the_console(client, db, home, recorded):
    session, needles = recorded
    first, second = session.step("clarification").recordings
    first_id = first.id
    assert f'href="/recordings/{first.id}/delete"' in client.get(f"/sessions/{session.id}").get_data(as_text=True)
    takes = client.get(f"/sessions/{session.id}/console/status?step=clarification").json["step"]["takes"]
    assert [t["delete"] for t in takes] == [f"/recordings/{first.id}/delete", f"/recordings/{second.id}/delete"]

    asked = page(client.get(f"/recordings/{first.id}/delete"))
    for named in ("Supprimer définitivement cette prise ?", "La prise 1 de l'étape « Questions de clarification », 00:03, "
                  "de la séance du 12 mars 2026", "sa transcription (1 segment)", "1 élément qui en a été relevé"):
        assert named in asked, named
    done = client.post(f"/recordings/{first.id}/delete", data={"csrf_token": csrf_token(client)})
    assert done.status_code == 303 and done.location == f"/sessions/{session.id}/console?step=clarification"
    assert "La prise 1 est supprimée." in page(client.get(done.location))
    assert_gone(home, [needles["transcript"], needles["audio"][0]])
    assert_found(home, needles["audio"][1:])
    takes = client.get(f"/sessions/{session.id}/console/status?step=clarification").json["step"]["takes"]
    assert [(t["id"], t["position"]) for t in takes] == [(second.id, 1)]
    assert client.post(f"/recordings/{first_id}/delete", data={"csrf_token": csrf_token(client)}).status_code == 404


def test_a_group_is_deleted_with_its_sessions(client, db, config, home, tmp_path):
    group = create_group(db, "Cadres de santé", ["Laura", "Marc", "Nadia"])
    group_id, patterns = group.id, []
    for n, client_name in enumerate(["Laura", "Marc"]):
        s = create_group_session(db, group, title=f"Séance {n}", date=datetime.date(2026, 3, 1 + n), lang="fr",
                                 client=client_name, present=["Laura", "Marc", "Nadia"])
        wav, pattern = audio_with_pattern(tmp_path, 40 + n)
        add_take(db, config, s, "clarification", wav, [f"Est-ce que {SECRET} est d'accord ?"])
        access_tokens(db, s)
        patterns.append(pattern)
    assert f'href="/groups/{group.id}/delete"' in client.get(f"/groups/{group.id}").get_data(as_text=True)

    asked = page(client.get(f"/groups/{group.id}/delete"))
    for named in ("Supprimer définitivement ce groupe ?", "Le groupe « Cadres de santé » et ses 3 membres", "2 séances",
                  "2 enregistrements (1 min)", "2 transcriptions", "les liens d'accès de 2 séances"):
        assert named in asked, named
    assert_found(home, [SECRET.encode(), *patterns])
    done = client.post(f"/groups/{group.id}/delete", data={"csrf_token": csrf_token(client)})
    assert done.status_code == 303 and done.location == "/groups"
    assert_gone(home, [SECRET.encode(), *patterns])
    assert count(db, Group) == 0 and count(db, Session) == 0
    assert client.get(f"/groups/{group_id}/delete").status_code == 404


def test_a_take_being_transcribed_is_not_deleted(client, db, config, home, tmp_path):
    session = create_session(db, title="T", date=datetime.date(2026, 3, 12), lang="en")
    wav, pattern = audio_with_pattern(tmp_path, 50)
    recording = store_take(db, config, session.id, "clarification", wav)  # queued by this living process
    takes = client.get(f"/sessions/{session.id}/console/status?step=clarification").json["step"]["takes"]
    assert takes[0]["delete"] is None  # the console offers no deletion meanwhile
    token = csrf_token(client)
    for url in (f"/recordings/{recording.id}/delete", f"/sessions/{session.id}/delete"):
        refused = client.post(url, data={"csrf_token": token})
        assert refused.status_code == 409 and "being recorded or transcribed" in page(refused)
        assert "Nothing was deleted." in page(refused)
    assert count(db, Recording) == 1 and found_in(home, pattern)


def test_other_computers_cannot_delete(home, db, recorded):
    session, _needles = recorded
    lan = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True})
    browser = lan.test_client()
    session_token, _client = access_tokens(db, session)
    browser.get(f"/s/{session_token}", environ_base=ELSEWHERE)  # a participant's full access link
    shown = browser.get(f"/sessions/{session.id}", environ_base=ELSEWHERE)
    assert shown.status_code == 200 and "/delete" not in shown.get_data(as_text=True)
    recording = session.step("clarification").recordings[0]
    token = csrf_token(browser, f"/sessions/{session.id}")
    for url in (f"/sessions/{session.id}/delete", f"/recordings/{recording.id}/delete"):
        for response in (browser.get(url, environ_base=ELSEWHERE),
                         browser.post(url, data={"csrf_token": token}, environ_base=ELSEWHERE)):
            assert response.status_code == 403 and "Seul l'animateur" in page(response)
    assert count(db, Session) == 1 and count(db, Recording) == 3
    # On the facilitator's own computer, the same app deletes.
    assert "/delete" in lan.test_client().get(f"/sessions/{session.id}").get_data(as_text=True)


def test_an_english_session_is_named_in_english(client, db, config, tmp_path):
    session = create_session(db, title="Onboarding", date=datetime.date(2026, 10, 7), lang="en")
    wav, _pattern = audio_with_pattern(tmp_path, 60)
    add_take(db, config, session, "synthesis", wav, ["I will call my manager on Friday."])
    asked = page(client.get(f"/sessions/{session.id}/delete"))
    for named in ("Delete this session for good?", "The session of October 7, 2026, «Onboarding»",
                  "1 recording (1 min)", "1 transcript", "1 extracted item", "Delete for good"):
        assert named in asked, named
    assert "client's notes" not in asked and "access links" not in asked  # none made yet
