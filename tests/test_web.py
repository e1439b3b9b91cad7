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
    assert "Action plan" in page
    commitment = re.search(r'<li class="item commitment">(.*?)</li>', page, re.S).group(1)
    assert "budget" in commitment and "2026-10-09" in commitment
    assert "manager" in page.split('class="transcript"')[1]

    audio = re.search(r'<audio[^>]+src="([^"]+)"', page).group(1)
    played = client.get(audio)
    assert played.status_code == 200 and played.data[:4] == b"RIFF"


def test_unknown_pages_are_404(client):
    assert client.get("/sessions/42").status_code == 404
    assert client.get("/recordings/42/audio").status_code == 404
