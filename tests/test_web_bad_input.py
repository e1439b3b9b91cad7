"""Bad input through the web app (the Flask test client, CSRF on, a real SQLite file): a clear
message, nothing the user typed lost, never a 500."""
import datetime
import html
import io
import re
import threading
from pathlib import Path

import docx
import pytest
import soundfile
from sqlalchemy import event, select

from codev import jobs
from codev.models import Group, Item, Recording, Session
from codev.sessions import create_session
from test_web_console import wait_for
from test_web_groups import count, csrf_token
from test_web_review import Tab
from web import create_app

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}  # another computer on the network


@pytest.fixture
def session(db):
    return create_session(db, title="Onboarding", date=datetime.date(2026, 10, 7), lang="en", client="Laura")


# Exports ----------------------------------------------------------------------------------------

def test_the_word_export_takes_what_word_pastes_and_long_titles(client, db, session):
    # Stored as it was before the review page cleaned what it takes in (see test_bad_input).
    session.title = "A very long title " * 20
    session.step("contract").items = [Item(position=0, kind="demand", text="Help me\vwith\fthis\x00\x1b.")]
    db.commit()
    response = client.get(f"/sessions/{session.id}/notes.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "A very long title " * 20 and "Help me\nwith\nthis." in paragraphs
    assert document.core_properties.title.startswith("A very long title") and len(document.core_properties.title) <= 255


def test_the_download_name_of_a_long_title_stays_a_file_name(client, db, session):
    session.title = "T" * 100_000  # stored before titles had a limit
    db.commit()
    for path in ("notes.md", "notes.docx"):
        response = client.get(f"/sessions/{session.id}/{path}")
        assert response.status_code == 200
        name = re.search(r"filename=(\S+)", response.headers["Content-Disposition"]).group(1)
        assert len(name.encode()) <= 255 and name.startswith("2026-10-07-TTT")


# Ids --------------------------------------------------------------------------------------------

ODD_IDS = ["²", "٣", "1²", str(2**63), str(2**64), "9" * 40]


def queries(app) -> list[str]:
    """The SQL statements the app sends to its database from now on."""
    for thread in threading.enumerate():
        if thread.name == "recovery":  # the app's start-up work, done before the requests
            thread.join()
    sent = []
    event.listen(app.extensions["codev_db"].kw["bind"], "before_cursor_execute", lambda *args: sent.append(args[2]))
    return sent


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_ids_are_404_before_any_query(app, client, session, odd):
    sent = queries(app)
    for path in (f"/sessions/{odd}", f"/sessions/{odd}/review", f"/sessions/{odd}/notes.docx",
                 f"/sessions/{odd}/console", f"/recordings/{odd}/audio", f"/groups/{odd}",
                 f"/sessions/{session.id}/review/items/{odd}"):
        response = client.get(path)
        assert response.status_code in (404, 405), path
        assert "Internal Server Error" not in response.get_data(as_text=True)
    assert client.post(f"/sessions/{odd}/review/synthesis", data={"synthesis": "x"}).status_code in (400, 404)
    assert sent == []


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_ids_from_another_computer_are_refused_before_any_query(home, session, odd):
    app = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True})
    sent = queries(app)
    browser = app.test_client()
    for path in (f"/recordings/{odd}/audio", f"/sessions/{odd}/review", f"/sessions/{odd}"):
        assert browser.get(path, environ_base=ELSEWHERE).status_code in (403, 404), path
    assert sent == []


@pytest.mark.parametrize("odd", ["²", "٣", str(2**64)])
def test_an_odd_version_of_the_notes_saves_nothing(client, db, session, odd):
    tab = Tab(client, session.id)
    tab.version = odd
    response = tab.post("/synthesis", synthesis="What I keep.")
    assert response.status_code == 409 and "What I keep." in html.unescape(response.get_data(as_text=True))
    db.expire_all()
    assert db.get(Session, session.id).synthesis is None


# Uploads ----------------------------------------------------------------------------------------

def upload(client, session, token, audio, name):
    return client.post(f"/sessions/{session.id}/steps/synthesis/upload",
                       data={"csrf_token": token, "audio": (audio.open("rb"), name)})


def test_upload_names_in_any_script_and_of_any_length(client, db, session, speak):
    token = csrf_token(client, f"/sessions/{session.id}/console")
    audio = speak("I will call the nurses on Monday.")
    long_name = "Réunion du mardi, " * 20 + "étape synthèse.WAV"  # 378 characters, 396 bytes
    for name in ("会议记录.wav", long_name):
        response = upload(client, session, token, audio, name)
        assert response.status_code == 302, response.get_data(as_text=True)
    names = [r.original_name for r in db.scalars(select(Recording).order_by(Recording.position))]
    assert names[0] == "会议记录.wav"
    assert names[1].startswith("Réunion du mardi, ") and names[1].endswith(".WAV") and len(names[1].encode()) <= 255
    wait_for(client, session, "synthesis", lambda s: all(t["state"] == "done" for t in s["step"]["takes"]))


def test_only_a_real_unsupported_type_is_refused(client, db, session, speak, home):
    token = csrf_token(client, f"/sessions/{session.id}/console")
    for name in ("会议记录.txt", "wav", "notes.wav.exe", "a" * 300 + ".docx"):
        response = upload(client, session, token, speak("Hello."), name)
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 400 and "unsupported file type" in page and "Nothing was stored" in page
        if name == "会议记录.txt":
            assert "会议记录.txt: unsupported file type" in page
    assert count(db, Recording) == 0
    assert not [p for p in home.iterdir() if p.name.startswith("upload-")]


def test_an_upload_is_decoded_by_its_job_not_in_the_request(client, db, session, speak, home, monkeypatch):
    decoded_in = []

    def convert(source, target):  # the real decoding, noting the thread it runs in
        decoded_in.append(threading.current_thread().name)
        return real_convert(source, target)
    real_convert = jobs.convert
    monkeypatch.setattr(jobs, "convert", convert)
    token = csrf_token(client, f"/sessions/{session.id}/console")
    response = upload(client, session, token, speak("I will call the nurses on Monday."), "étape.wav")
    assert response.status_code == 302
    assert threading.current_thread().name not in decoded_in  # the request only stored the file, as sent
    done = wait_for(client, session, "synthesis", lambda s: s["step"]["takes"][0]["state"] == "done")
    assert decoded_in == ["uploaded takes"]
    take = db.scalars(select(Recording)).one()
    db.refresh(take)
    assert take.status == "ready" and take.duration == pytest.approx(done["step"]["takes"][0]["duration"], abs=0.1)
    # The take is now its 16 kHz mono WAV; the file as sent is gone.
    assert [p.name for p in (home / "sessions").rglob("*") if p.is_file()] == [Path(take.path).name]
    stored = soundfile.info(str(home / take.path))
    assert (stored.samplerate, stored.channels, stored.frames) == (16000, 1, round(take.duration * 16000))


def test_a_corrupt_upload_ends_as_a_failed_take_that_says_why(client, db, session, speak, tmp_path):
    whole = speak("I will send the budget to my manager before Friday.").read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2])  # its header promises twice what it holds
    token = csrf_token(client, f"/sessions/{session.id}/console")
    response = upload(client, session, token, cut, "réunion.wav")
    assert response.status_code == 302  # a container that opens: it is stored, and decoded by its job
    failed = wait_for(client, session, "synthesis", lambda s: s["step"]["takes"][0]["state"] == "failed")
    take = failed["step"]["takes"][0]
    assert "truncated" in take["error"] and "Copy or export it again" in take["error"]
    assert take["delete"]  # the facilitator can delete it and upload the file again
    assert "truncated" in html.unescape(client.get(f"/sessions/{session.id}/console?step=synthesis").get_data(as_text=True))


# Length limits ----------------------------------------------------------------------------------

def test_an_over_long_synthesis_comes_back_with_a_message(client, db, session):
    tab = Tab(client, session.id)
    typed = ("Ce que je retiens. " * 30_000).strip()  # 570 kB, over the 500 kB a form part took before
    response = client.post(f"/sessions/{session.id}/review/synthesis",
                           data={"csrf_token": tab.token, "version": tab.version, "synthesis": typed},
                           content_type="multipart/form-data")  # as the page's script sends it
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and 'id="review"' in page
    assert f"{len(typed)} characters" in page and "50000" in page and "512 MB" not in page
    assert typed.strip() in page  # given back, to copy
    db.expire_all()
    assert db.get(Session, session.id).synthesis is None


def test_an_over_long_item_or_action_is_refused_and_given_back(client, db, session):
    tab = Tab(client, session.id)
    typed = "You could " + "really " * 1000 + "ask."
    for path, form in (("/items", {"kind": "suggestion", "text": typed}),
                       ("/actions", {"text": typed, "status": "planned"})):
        response = tab.post(path, **form)
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 400 and "5000" in page and typed in page
    assert count(db, Item) == 0


def test_a_form_too_large_to_read_says_so_and_keeps_the_review_page(client, db, session):
    tab = Tab(client, session.id)
    response = client.post(f"/sessions/{session.id}/review/synthesis",
                           data={"csrf_token": tab.token, "version": tab.version, "synthesis": "x" * 5_000_000},
                           content_type="multipart/form-data")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 413 and 'id="review"' in page  # the page's script puts the text back
    assert "too long to be read" in page and "4 MB" in page and "512 MB" not in page
    plain = client.post("/groups", data={"csrf_token": tab.token, "name": "x" * 5_000_000})
    page = html.unescape(plain.get_data(as_text=True))
    assert plain.status_code == 413 and "trop long pour être lu" in page and "512" not in page  # French by default


def test_a_megabyte_title_is_refused_and_the_form_kept(client, db):
    client.post("/groups", data={"csrf_token": csrf_token(client), "name": "Cadres", "members": "Laura\nMarc"})
    group_id = db.scalars(select(Group.id)).one()
    title = "Accueil " * 125_000  # 1 MB
    response = client.post(f"/groups/{group_id}/sessions",
                           data={"csrf_token": csrf_token(client), "title": title, "date": "2026-10-07",
                                 "lang": "en", "template": "standard", "cycle": "1", "present": ["Laura"]})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "200" in page and title.strip() in page
    assert count(db, Session) == 0


def test_over_long_group_and_member_names(client, db):
    long_name = "Ana " * 40
    response = client.post("/groups", data={"csrf_token": csrf_token(client), "name": long_name, "members": "Laura"})
    assert response.status_code == 400 and "120" in html.unescape(response.get_data(as_text=True))
    response = client.post("/groups", data={"csrf_token": csrf_token(client), "name": "G",
                                            "members": "Laura\n" + long_name})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "120" in page and long_name.strip() in page
    assert count(db, Group) == 0


@pytest.mark.parametrize("cycle", ["²", "٣", str(2**64), "0"])
def test_an_odd_cycle_is_refused(client, db, cycle):
    client.post("/groups", data={"csrf_token": csrf_token(client), "name": "Cadres", "members": "Laura"})
    response = client.post("/groups/1/sessions",
                           data={"csrf_token": csrf_token(client), "title": "T", "date": "2026-10-07",
                                 "lang": "en", "template": "standard", "cycle": cycle, "present": ["Laura"]})
    assert response.status_code == 400 and "cycle" in html.unescape(response.get_data(as_text=True)).lower()
    assert count(db, Session) == 0


def test_the_messages_speak_the_sessions_language(client, db):
    session = create_session(db, title="Accueil", date=datetime.date(2026, 10, 7), lang="fr")
    tab = Tab(client, session.id)
    page = html.unescape(tab.post("/items", kind="suggestion", text="Tu pourrais " + "vraiment " * 600).get_data(as_text=True))
    assert "Le texte compte 5411 caractères ; la limite est de 5000." in page
    response = client.post(f"/sessions/{session.id}/review/synthesis",
                           data={"csrf_token": tab.token, "version": tab.version, "synthesis": "x" * 5_000_000},
                           content_type="multipart/form-data")
    assert "Ce texte est trop long pour être lu : un formulaire prend au plus 4 Mo." in html.unescape(
        response.get_data(as_text=True))
