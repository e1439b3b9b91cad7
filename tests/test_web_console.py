"""The facilitator's console through the Flask test client (CSRF protection on): pages, the
status the page polls, consent, a real recording through PulseAudio, and uploads."""
import datetime
import json
import re
import time

import pytest

from codev.models import Item, Recording, Session
from codev.sessions import create_session
from test_web_groups import count, csrf_token
from web import create_app

DEVICE = "codev_test.monitor"
SPOKEN = "Thank you all. I will send the budget to my manager before Friday. My takeaway is that listening takes time."


@pytest.fixture
def session(db):
    return create_session(db, title="Onboarding <nurses>", date=datetime.date(2026, 10, 7), lang="en",
                          client="Laura", participants=["Laura", "Marc"])


@pytest.fixture
def token(client, session):
    return csrf_token(client, f"/sessions/{session.id}/console")


def post(client, url, token, **body):
    """A write as the console's script makes it."""
    return client.post(url, json=body, headers={"X-CSRFToken": token, "Accept": "application/json"})


def status(client, session, step):
    response = client.get(f"/sessions/{session.id}/console/status?step={step}")
    assert response.status_code == 200
    return response.json


def wait_for(client, session, step, done, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        answer = status(client, session, step)
        if done(answer):
            return answer
        assert time.monotonic() < deadline, f"timed out; last status: {answer}"
        time.sleep(0.5)


def stored_files(home) -> list:
    return [p for p in (home / "sessions").rglob("*") if p.is_file()] if (home / "sessions").exists() else []


def test_the_console_shows_the_steps_the_current_one_and_its_rules(client, session):
    page = client.get(f"/sessions/{session.id}/console").get_data(as_text=True)
    assert '<html lang="en">' in page  # the session's language
    strip = page.split('class="steps-strip"')[1].split("</ol>")[0]
    labels = re.findall(r'class="label">([^<]+)<', strip)
    assert labels == ["Presentation", "Clarifying questions", "Request and contract", "Consultation",
                      "Synthesis and action plan", "Learnings and review"]
    assert 'aria-current="step"' in strip.split("Clarifying")[0]  # nothing recorded: the first step
    assert "The client presents the situation" in page and "Consultants do not interrupt." in page
    assert "10 min" in page and "Onboarding &lt;nurses&gt;" in page and "<nurses>" not in page

    page = client.get(f"/sessions/{session.id}/console?step=clarification").get_data(as_text=True)
    assert "no suggestions, not even disguised as questions" in page
    data = json.loads(re.search(r'<script type="application/json" id="console-data">(.*?)</script>', page, re.S).group(1))
    assert data["step"] == "clarification" and data["status"]["step"]["timebox"] == 20 * 60
    assert data["status"]["consent"] is False and data["status"]["recording"] is None
    assert 'type="checkbox" id="consent"' in page


def test_the_items_of_the_step_say_why_they_were_extracted(client, db):
    french = create_session(db, title="Séance", date=datetime.date(2026, 10, 7), lang="fr")
    french.step("consultation").items = [
        Item(position=0, kind="suggestion", text="Tu pourrais appeler Marc.", extracted_text="Tu pourrais appeler Marc.",
             why="suggestion: «tu pourrais»"),
        Item(position=1, kind="suggestion", text="Parler au chef.", source="client", status="accepted")]
    db.commit()
    items = status(client, french, "consultation")["step"]["items"]
    assert [(i["text"], i["why"]) for i in items] == [("Tu pourrais appeler Marc.", "suggestion: «tu pourrais»"),
                                                      ("Parler au chef.", None)]
    page = client.get(f"/sessions/{french.id}/console?step=consultation").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/json" id="console-data">(.*?)</script>', page, re.S).group(1))
    assert data["text"]["why"] == "Pourquoi ?"  # the summary of each item's reason, drawn by console.js
    assert data["status"]["step"]["items"][0]["why"] == "suggestion: «tu pourrais»"


def test_unknown_sessions_and_steps_are_404(client, session, token):
    assert client.get("/sessions/42/console").status_code == 404
    response = client.get(f"/sessions/{session.id}/console?step=brainstorm")
    assert response.status_code == 404 and "no step &#39;brainstorm&#39;" in response.get_data(as_text=True)
    assert client.get(f"/sessions/{session.id}/console/status?step=brainstorm").json["error"]
    response = post(client, f"/sessions/{session.id}/steps/brainstorm/record", token)
    assert response.status_code == 404 and "brainstorm" in response.json["error"]


def test_french_session_consoles_are_in_french(client, db):
    french = create_session(db, title="Séance", date=datetime.date(2026, 10, 7), lang="fr")
    page = client.get(f"/sessions/{french.id}/console").get_data(as_text=True)
    assert "Exposé" in page and "Enregistrer" in page and "Le groupe a accepté d'être enregistré" in page


def test_recording_needs_consent_and_the_csrf_token(client, db, session, token, home):
    response = post(client, f"/sessions/{session.id}/steps/synthesis/record", token, device=DEVICE)
    assert response.status_code == 403 and "agreed to be recorded" in response.json["error"]
    assert count(db, Recording) == 0 and not stored_files(home)

    for refused in (client.post(f"/sessions/{session.id}/consent", json={}, headers={"Accept": "application/json"}),
                    post(client, f"/sessions/{session.id}/consent", "forged")):
        assert refused.status_code == 400 and "reload it" in refused.json["error"]
    db.expire_all()
    assert db.get(Session, session.id).consent_at is None

    assert post(client, f"/sessions/{session.id}/consent", token).json == {"consent": True}
    db.expire_all()
    assert db.get(Session, session.id).consent_at is not None
    assert status(client, session, "synthesis")["consent"] is True
    assert 'id="consent-box" hidden' in client.get(f"/sessions/{session.id}/console").get_data(as_text=True)


@pytest.fixture
def console_app(app):
    """The app; a take still being recorded when a test fails is stopped."""
    yield app
    live = app.extensions.get("codev_live")
    if live and live.current:
        live.current.take.stop()


def test_a_step_recorded_from_the_console(console_app, client, db, session, token, speak, audio_stack):
    post(client, f"/sessions/{session.id}/consent", token)
    bad = post(client, f"/sessions/{session.id}/steps/synthesis/record", token, device="no such microphone")
    assert bad.status_code == 400 and "no such microphone" in bad.json["error"]
    assert count(db, Recording) == 0

    started = post(client, f"/sessions/{session.id}/steps/synthesis/record", token, device=DEVICE)
    assert started.status_code == 200, started.json
    live = started.json["recording"]
    assert (live["step"], live["state"]) == ("synthesis", "recording")
    assert post(client, f"/sessions/{session.id}/steps/learnings/record", token, device=DEVICE).status_code == 409
    other = create_session(db, title="Other", date=datetime.date(2026, 10, 8), lang="en")
    assert status(client, other, "synthesis")["recording"]["state"] == "busy"
    assert post(client, f"/sessions/{other.id}/record/stop", token).status_code == 409

    player = audio_stack.play(speak(SPOKEN), wait=False)
    heard = wait_for(client, session, "synthesis", lambda s: s["recording"]["level"] > -40, timeout=10)
    assert heard["recording"]["silent"] is False and heard["step"]["takes"][0]["state"] == "recording"
    assert player.wait(timeout=30) == 0
    assert status(client, session, "synthesis")["step"]["elapsed"] > 5
    assert post(client, f"/sessions/{session.id}/record/pause", token).json["recording"]["state"] == "paused"
    assert post(client, f"/sessions/{session.id}/record/resume", token).json["recording"]["state"] == "recording"
    time.sleep(1)
    stopped = post(client, f"/sessions/{session.id}/record/stop", token)
    assert stopped.status_code == 200 and stopped.json["recording"] is None
    assert post(client, f"/sessions/{session.id}/record/stop", token).status_code == 409

    done = wait_for(client, session, "synthesis", lambda s: s["step"]["takes"][0]["state"] == "done", timeout=30)
    take = done["step"]["takes"][0]
    assert take["progress"] == 1.0 and take["audio"] == f"/recordings/{take['id']}/audio" and take["duration"] > 5
    transcript = " ".join(line["text"] for line in done["step"]["transcript"]).lower()
    assert "budget" in transcript and "manager" in transcript
    commitment = next(i for i in done["step"]["items"] if i["kind"] == "commitment")
    assert "budget" in commitment["text"].lower() and commitment["due"] == "2026-10-09"
    assert done["steps"]["synthesis"] == take["duration"]


def test_an_uploaded_step_is_transcribed_in_the_background(client, db, session, token, speak):
    form = {"csrf_token": token, "audio": (speak(SPOKEN).open("rb"), "synthèse.wav")}
    response = client.post(f"/sessions/{session.id}/steps/synthesis/upload", data=form)
    assert response.status_code == 302 and response.location == f"/sessions/{session.id}/console?step=synthesis"
    take = status(client, session, "synthesis")["step"]["takes"][0]
    assert take["name"] == "synthèse.wav" and take["state"] in ("queued", "transcribing", "done")

    done = wait_for(client, session, "synthesis", lambda s: s["step"]["takes"][0]["state"] == "done")
    assert "commitment" in {i["kind"] for i in done["step"]["items"]}
    assert "synthèse.wav is stored as take 1" in client.get(response.location).get_data(as_text=True)


def test_bad_uploads_are_refused_and_nothing_is_stored(client, db, session, token, home, tmp_path):
    text = tmp_path / "notes.wav"
    text.write_text("not audio at all")
    url = f"/sessions/{session.id}/steps/synthesis/upload"
    for data, messages in (({"audio": (text.open("rb"), "notes.wav")}, ["not a readable audio file", "Nothing was stored"]),
                           ({"audio": (text.open("rb"), "notes.txt")}, ["unsupported file type", "Nothing was stored"]),
                           ({}, ["Choose an audio file"])):
        response = client.post(url, data={"csrf_token": token, **data})
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and all(m in page for m in messages), page
        assert f'href="/sessions/{session.id}/console"' in page  # back to the console
    unknown = client.post(f"/sessions/{session.id}/steps/brainstorm/upload",
                          data={"csrf_token": token, "audio": (text.open("rb"), "a.wav")})
    assert unknown.status_code == 404
    forged = client.post(url, data={"audio": (text.open("rb"), "a.wav")})
    assert forged.status_code == 400
    assert count(db, Recording) == 0 and not stored_files(home)
    assert not [p for p in home.iterdir() if p.name.startswith("upload-")]  # no temporary copy left


def test_an_oversize_upload_gets_a_clear_413(home, db, session, speak):
    client = create_app({"TESTING": True, "DATA_DIR": str(home), "MAX_CONTENT_LENGTH": 20_000}).test_client()
    token = csrf_token(client, f"/sessions/{session.id}/console")
    response = client.post(f"/sessions/{session.id}/steps/synthesis/upload",
                           data={"csrf_token": token, "audio": (speak(SPOKEN).open("rb"), "long.wav")})
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "limit" in page and "Traceback" not in page
    assert count(db, Recording) == 0 and not stored_files(home)
