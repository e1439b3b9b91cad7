"""The read-only pages, through the Flask test client."""
import re


def test_empty_list_says_how_to_start(client):
    page = client.get("/").get_data(as_text=True)
    assert "Aucune séance" in page and "codev session new" in page


def test_a_session_page_shows_steps_transcript_and_items(client, codev, speak):
    session = codev("session", "new", "--title", "Onboarding <nurses>", "--date", "2026-10-07", "--lang", "en",
                    "--client", "Laura").stdout.strip()
    codev("import", session, "synthesis", speak("Thank you all. I will send the budget to my manager before Friday."))

    index = client.get("/").get_data(as_text=True)
    assert f'href="/sessions/{session}"' in index
    assert "Onboarding &lt;nurses&gt;" in index  # escaped

    response = client.get(f"/sessions/{session}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Synthesis and action plan" in page and "Clarifying questions" in page
    assert "Commitments" in page
    commitment = re.search(r'<li class="item commitment">(.*?)</li>', page, re.S).group(1)
    assert "budget" in commitment and "2026-10-09" in commitment
    assert "manager" in page.split('class="transcript"')[1]

    audio = re.search(r'<audio[^>]+src="([^"]+)"', page).group(1)
    played = client.get(audio)
    assert played.status_code == 200 and played.data[:4] == b"RIFF"


def test_unknown_pages_are_404(client):
    assert client.get("/sessions/42").status_code == 404
    assert client.get("/recordings/42/audio").status_code == 404


def test_starting_the_app_recovers_an_interrupted_take(home, config, db, speak):
    import datetime
    import subprocess
    import time

    from codev.models import Recording
    from codev.sessions import create_session
    from codev.takes import new_take
    from web import create_app

    session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
    dead = subprocess.Popen(["true"])
    dead.wait()
    take = new_take(db, config, session.step("synthesis"), ".wav", original_name=None, duration=0.0,
                    status="recording", pid=dead.pid)
    db.commit()
    # What a killed recorder leaves: samples on disk, a header that still says "empty".
    wav = bytearray(speak("I will call the nurses on Monday.").read_bytes())
    wav[4:8] = (36).to_bytes(4, "little")
    wav[40:44] = (0).to_bytes(4, "little")
    (home / take.path).write_bytes(wav)

    create_app({"TESTING": True, "DATA_DIR": str(home)})
    deadline = time.monotonic() + 60
    while True:
        db.expire_all()
        recording = db.get(Recording, take.id)
        if recording.job.status == "done" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert recording.recovered and recording.status == "ready" and recording.duration > 1
    assert "nurses" in " ".join(s.text for s in recording.segments).lower()
    assert [i.kind for i in recording.step.items] == ["commitment"]
