"""`codev serve --lan`: other computers open a session only through its access links."""
import datetime
import html

import pytest

from codev.sessions import access_tokens, create_session
from web import create_app

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}  # another computer on the network


@pytest.fixture
def lan_app(home):
    return create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True})


@pytest.fixture
def sessions(db):
    first = create_session(db, title="Première", date=datetime.date(2026, 1, 14), lang="fr")
    second = create_session(db, title="Seconde", date=datetime.date(2026, 2, 11), lang="fr")
    return first, second


def test_this_machine_sees_everything_and_the_links(lan_app, sessions):
    client = lan_app.test_client()
    assert client.get("/").status_code == 200
    page = client.get(f"/sessions/{sessions[0].id}").get_data(as_text=True)
    assert "/s/" in page and "réseau local" in page


def test_another_computer_needs_a_link(lan_app, db, sessions):
    first, second = sessions
    browser = lan_app.test_client()
    for path in ("/", f"/sessions/{first.id}", f"/sessions/{second.id}"):
        response = browser.get(path, environ_base=ELSEWHERE)
        assert response.status_code == 403
        assert "lien d'accès" in html.unescape(response.get_data(as_text=True))
    assert browser.get("/s/not-a-token", environ_base=ELSEWHERE).status_code == 404

    session_token, _client = access_tokens(db, first)
    entered = browser.get(f"/s/{session_token}", environ_base=ELSEWHERE)
    assert entered.status_code == 302 and entered.headers["Location"].endswith(f"/sessions/{first.id}")
    assert browser.get(f"/sessions/{first.id}", environ_base=ELSEWHERE).status_code == 200
    assert browser.get(f"/sessions/{second.id}", environ_base=ELSEWHERE).status_code == 403  # only that one
    assert browser.get("/", environ_base=ELSEWHERE).status_code == 403


def test_a_client_link_does_not_open_the_whole_session(lan_app, db, sessions):
    first, _second = sessions
    _full, client_token = access_tokens(db, first)
    browser = lan_app.test_client()
    entered = browser.get(f"/s/{client_token}", environ_base=ELSEWHERE)
    assert entered.status_code == 302 and "/review" in entered.headers["Location"]
    assert browser.get(f"/sessions/{first.id}", environ_base=ELSEWHERE).status_code == 403
    assert browser.get(f"/sessions/{first.id}/console", environ_base=ELSEWHERE).status_code == 403
    assert browser.get(f"/sessions/{first.id}/review", environ_base=ELSEWHERE).status_code == 200
    assert browser.get(f"/sessions/{first.id}/notes.docx", environ_base=ELSEWHERE).status_code == 200


def test_tokens_are_random_and_stable(db, sessions):
    first, second = sessions
    assert access_tokens(db, first) == access_tokens(db, first)
    assert len(set(access_tokens(db, first) + access_tokens(db, second))) == 4
    assert all(len(token) >= 20 for token in access_tokens(db, first))
