"""The words given to Whisper: the names of a session's people and its group's own words (edited
on the group's page, by the facilitator only)."""
import datetime
import html

from sqlalchemy import select

from codev.groups import create_group, create_group_session, set_vocabulary
from codev.models import Group
from codev.sessions import create_session
from codev.vocabulary import session_vocabulary
from test_access import ELSEWHERE
from test_web_groups import csrf_token
from web import create_app


def stored(db, group) -> str | None:
    db.expire_all()
    return db.get(Group, group.id).vocabulary


def test_the_facilitator_keeps_the_groups_words_on_its_page(client, db):
    group = create_group(db, "Cadres de santé", ["Laura", "Marc"])
    response = client.post(f"/groups/{group.id}/vocabulary", data={
        "csrf_token": csrf_token(client), "vocabulary": "Qualiopi\r\n  CODIR  \n\nQualiopi\nFrance   Travail\x07\n"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/groups/{group.id}#vocabulary")
    assert stored(db, group) == "Qualiopi\nCODIR\nFrance Travail"
    page = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Les mots du groupe" in page and ">Qualiopi\nCODIR\nFrance Travail</textarea>" in page
    client.post(f"/groups/{group.id}/vocabulary", data={"csrf_token": csrf_token(client), "vocabulary": "  \n "})
    assert stored(db, group) is None


def test_too_many_words_are_refused_and_given_back(client, db):
    group = create_group(db, "Cadres de santé", ["Laura"])
    set_vocabulary(db, group, "Qualiopi")
    typed = "\n".join(f"mot{n}" for n in range(400))  # 2,689 characters
    response = client.post(f"/groups/{group.id}/vocabulary", data={"csrf_token": csrf_token(client), "vocabulary": typed})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "La liste de mots" in page and "2689" in page and "2000" in page
    assert typed in page  # what was typed is not lost
    assert stored(db, group) == "Qualiopi"


def test_only_the_facilitators_browser_changes_them(home, db):
    group = create_group(db, "Cadres de santé", ["Laura"])
    set_vocabulary(db, group, "Qualiopi")
    client = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True}).test_client()
    forged = client.post(f"/groups/{group.id}/vocabulary", data={"csrf_token": "forged", "vocabulary": "X"})
    elsewhere = client.post(f"/groups/{group.id}/vocabulary", environ_base=ELSEWHERE,
                            data={"csrf_token": csrf_token(client), "vocabulary": "X"})
    assert forged.status_code == 400 and elsewhere.status_code == 403
    assert stored(db, group) == "Qualiopi"


def test_a_sessions_words_are_its_people_then_the_groups(db):
    group = create_group(db, "Cadres de santé", ["Laura", "Marc", "Siobhan", "Karim Benali"])
    set_vocabulary(db, group, "Qualiopi\nSiobhan")
    session = create_group_session(db, group, title="S", date=datetime.date(2026, 10, 7), lang="fr",
                                   client="Karim Benali", facilitator="Marc", present=["Laura", "Siobhan", "Karim Benali"])
    assert session_vocabulary(session) == ["Karim Benali", "Marc", "Laura", "Siobhan", "Qualiopi"]
    alone = create_session(db, title="S", date=datetime.date(2026, 10, 7), lang="en", participants=["Ana"])
    assert session_vocabulary(alone) == ["Ana"]
    assert db.scalars(select(Group)).one().vocabulary == "Qualiopi\nSiobhan"
