"""Groups and their sessions through the Flask test client, CSRF protection on."""
import datetime
import re

import pytest
from sqlalchemy import func, select

from codev.groups import create_group, create_group_session
from codev.models import Action, Group, GroupMember, Session

MEMBERS = ["Laura", "Marc", "Nadia", "Olivier"]


def csrf_token(client, page: str = "/groups") -> str:
    """The token a page gives its forms and scripts, as a browser would read it."""
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get(page).get_data(as_text=True)).group(1)


def count(db, model) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


@pytest.fixture
def group(db):
    return create_group(db, "Cadres de santé", MEMBERS)


def session_form(browser, **fields) -> dict:
    form = {"csrf_token": csrf_token(browser), "title": "Accueillir les internes", "date": "2026-10-07", "lang": "fr",
            "template": "standard", "cycle": "1", "client": "Nadia", "facilitator": "Marc",
            "present": ["Laura", "Marc", "Nadia"]}
    return {**form, **fields}


def test_create_a_group_and_list_it(client, db):
    assert "Aucun groupe" in client.get("/groups").get_data(as_text=True)
    response = client.post("/groups", data={"csrf_token": csrf_token(client), "name": "Managers <b>du</b> CHU",
                                            "members": "Laura\n  Marc \n\nLaura\nNadia\n"})
    group = db.scalars(select(Group)).one()
    assert response.status_code == 302 and response.location == f"/groups/{group.id}"
    assert [m.name for m in group.members] == ["Laura", "Marc", "Nadia"]

    listing = client.get("/groups").get_data(as_text=True)
    assert "Managers &lt;b&gt;du&lt;/b&gt; CHU" in listing and "<b>du</b>" not in listing
    page = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Laura · Marc · Nadia" in page and "Aucune séance" in page
    assert f"/groups/{group.id}/sessions/new" in page


def test_a_group_needs_a_name(client, db):
    response = client.post("/groups", data={"csrf_token": csrf_token(client), "name": "  ", "members": "Laura\nMarc"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Donnez un nom au groupe" in page
    assert "Laura\nMarc" in page  # what was typed is kept
    assert count(db, Group) == 0


def test_writes_without_the_csrf_token_are_refused(client, db, group):
    refused = [client.post("/groups", data={"name": "G", "members": "A"}),
               client.post(f"/groups/{group.id}/members", data={"name": "Paul"}),
               client.post(f"/groups/{group.id}/sessions", data={k: v for k, v in session_form(client).items()
                                                                 if k != "csrf_token"}),
               client.post("/groups", data={"csrf_token": "forged", "name": "G"})]
    for response in refused:
        assert response.status_code == 400
        assert "rechargez-la" in response.get_data(as_text=True)
    assert count(db, Group) == 1 and count(db, GroupMember) == len(MEMBERS) and count(db, Session) == 0


def test_add_a_member(client, db, group):
    token = csrf_token(client)
    assert client.post(f"/groups/{group.id}/members", data={"csrf_token": token, "name": " Paul "}).status_code == 302
    for name, message in (("Paul", "Paul est déjà membre"), ("", "Donnez un nom")):
        response = client.post(f"/groups/{group.id}/members", data={"csrf_token": token, "name": name})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    db.expire_all()
    assert [m.name for m in group.members] == [*MEMBERS, "Paul"]


def test_create_a_session_of_the_group(client, db, group):
    form = client.get(f"/groups/{group.id}/sessions/new").get_data(as_text=True)
    for expected in ('value="standard" checked', 'value="fast"', 'value="client-choice"', 'name="present" value="Olivier" checked',
                     f'value="{datetime.date.today().isoformat()}"', 'name="cycle" min="1" value="1"'):
        assert expected in form

    response = client.post(f"/groups/{group.id}/sessions", data=session_form(client, template="fast"))
    session = db.scalars(select(Session)).one()
    assert response.status_code == 302 and response.location == f"/sessions/{session.id}/console"
    assert (session.group_id, session.cycle, session.client, session.facilitator) == (group.id, 1, "Nadia", "Marc")
    assert session.template == "fast" and session.date == datetime.date(2026, 10, 7)
    assert [p.name for p in session.participants] == ["Laura", "Marc", "Nadia"]
    assert session.steps[0].key == "presentation" and session.steps[0].timebox == 5

    page = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Cycle 1" in page and "Accueillir les internes" in page and f"/sessions/{session.id}/console" in page


@pytest.mark.parametrize("fields, message", [
    ({"title": " "}, "Donnez un titre"),
    ({"date": "07/10/2026"}, "La date doit être"),
    ({"date": "2026-02-30"}, "La date doit être"),
    ({"cycle": "0"}, "Le cycle est un nombre"),
    ({"cycle": "deux"}, "Le cycle est un nombre"),
    ({"lang": "de"}, "Choisissez la langue"),
    ({"template": "marathon"}, "Choisissez un des déroulés"),
    ({"client": "Zoé"}, "membres du groupe"),
    ({"present": ["Laura", "Zoé"]}, "membres du groupe"),
])
def test_bad_session_input_is_refused_and_nothing_stored(client, db, group, fields, message):
    response = client.post(f"/groups/{group.id}/sessions", data=session_form(client, **fields))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="Accueillir les internes"' in page or fields.get("title")  # the form comes back filled in
    assert count(db, Session) == 0


def test_unknown_groups_are_404(client):
    assert client.get("/groups/42").status_code == 404
    assert client.get("/groups/42/sessions/new").status_code == 404
    assert client.post("/groups/42/members", data={"csrf_token": csrf_token(client), "name": "X"}).status_code == 404


def test_the_second_session_of_a_cycle_follows_up_the_previous_plan(client, db, group):
    first = create_group_session(db, group, title="Plannings", date=datetime.date(2026, 9, 9), lang="fr",
                                 client="Laura", present=MEMBERS)
    first.actions = [Action(position=0, text="Proposer un planning <de nuit>", due=datetime.date(2026, 9, 25),
                            status="done"),
                     Action(position=1, text="Voir la DRH", status="planned")]
    db.commit()
    client.post(f"/groups/{group.id}/sessions", data=session_form(client))
    client.post(f"/groups/{group.id}/sessions", data=session_form(client, cycle="2", title="Nouveau cycle"))
    second, other_cycle = db.scalars(select(Session).where(Session.id != first.id).order_by(Session.id)).all()
    assert first.steps[0].key == "presentation"
    assert [s.key for s in second.steps][:2] == ["follow_up", "presentation"]
    assert other_cycle.steps[0].key == "presentation"

    for page in (f"/sessions/{second.id}/console", f"/sessions/{second.id}/console?step=follow_up",
                 f"/sessions/{second.id}"):
        text = client.get(page).get_data(as_text=True)
        plan = text.split('class="follow-up"')[1].split("</section>")[0]
        assert "Laura" in plan and "Plannings" in plan and "2026-09-25" in plan
        assert "Proposer un planning &lt;de nuit&gt;" in plan and "Voir la DRH" in plan and 'class="action done"' in plan
    assert 'class="follow-up"' not in client.get(f"/sessions/{first.id}").get_data(as_text=True)
    assert 'class="follow-up"' not in client.get(f"/sessions/{other_cycle.id}").get_data(as_text=True)


def test_a_new_session_is_proposed_in_the_next_cycle_once_each_member_had_one(client, db, group):
    for day in range(1, len(MEMBERS)):
        create_group_session(db, group, title=f"S{day}", date=datetime.date(2026, 9, day), lang="fr")
    assert 'name="cycle" min="1" value="1"' in client.get(f"/groups/{group.id}/sessions/new").get_data(as_text=True)
    create_group_session(db, group, title="S4", date=datetime.date(2026, 9, 4), lang="fr")
    db.expire_all()
    assert 'name="cycle" min="1" value="2"' in client.get(f"/groups/{group.id}/sessions/new").get_data(as_text=True)


def test_the_follow_up_records_what_became_of_each_action_and_refuses_bad_input(client, db, group):
    first = create_group_session(db, group, title="Première", date=datetime.date(2026, 10, 7), lang="fr",
                                 client="Nadia", present=MEMBERS)
    second = create_group_session(db, group, title="Seconde", date=datetime.date(2026, 11, 4), lang="fr",
                                  client="Laura", present=MEMBERS)
    first.actions = [Action(position=0, text="Appeler la directrice")]
    first.validated_at = datetime.datetime(2026, 10, 7, 18)
    db.commit()
    action, version = first.actions[0].id, first.notes_version
    token = csrf_token(client, f"/sessions/{second.id}/console?step=follow_up")

    def report(session_id, status, at_version=version):
        return client.post(f"/sessions/{session_id}/follow-up/{action}",
                           data={"csrf_token": token, "version": at_version, "status": status})

    response = report(second.id, "partly")
    assert response.status_code == 303 and response.headers["Location"].endswith("step=follow_up#follow-up")
    db.expire_all()
    assert first.actions[0].status == "partly"
    assert first.validated_at is not None  # what became of the plan is no change to what the client approved
    # A form from before that change, an unknown status: a message on the console, nothing changed.
    for status, at_version, said in (("done", version, "modifiées dans un autre onglet"),
                                     ("finished", version + 1, "statut est inconnu")):
        page = client.get(report(second.id, status, at_version).headers["Location"]).get_data(as_text=True)
        assert said in page.replace("&#39;", "'"), status
        db.expire_all()
        assert first.actions[0].status == "partly"
    # The first session has no follow-up: nothing to report there.
    assert report(first.id, "done").status_code == 404
