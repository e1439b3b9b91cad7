"""`codev serve --lan`: each access link gives a role, route by route; links can be made again
(the old ones stop at once) and what they open expires; a request for another host is refused;
pages are not framed nor kept in caches, and the links on the session page are not printed.

The real app through its test client, as another computer on the network would reach it."""
import datetime
import html
import re
import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from codev import notes
from codev.models import Item, Job, Recording
from codev import sessions
from codev.sessions import create_session, links_expire_at
from test_browser import page  # noqa: F401 (a fixture: Chromium driven by Playwright)
from web import access, create_app

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}  # another computer on the network
ROLES = ("laptop", "facilitator", "participant", "client", "nobody")
OK, DENIED = "ok", 403


@pytest.fixture
def lan_app(home):
    # CSRF is left out here: what is checked is who may send a change, not where its form came from.
    return create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True, "WTF_CSRF_ENABLED": False})


@pytest.fixture
def session(db, home):
    session = create_session(db, title="Accueil", date=datetime.date(2026, 10, 7), lang="fr", client="Laura")
    session.step("consultation").items = [Item(position=0, kind="suggestion", text="Tu pourrais écrire un livret.")]
    session.step("clarification").items = [Item(position=0, kind="question", text="As-tu pensé à un tuteur ?",
                                                disguised_suggestion=True)]
    audio = home / "sessions" / "take.wav"
    audio.parent.mkdir(parents=True, exist_ok=True)
    audio.write_bytes(b"RIFF")
    session.step("presentation").recordings = [Recording(position=1, path="sessions/take.wav", status="ready",
                                                         duration=1.0, language="fr", original_name="take.wav",
                                                         job=Job(status="done", done_until=1.0))]
    db.commit()
    return session


def access_links(db, session) -> dict[str, str]:
    """The session's links as the app made them (read again: the app writes them in its own
    database session)."""
    db.refresh(session)
    return sessions.access_links(db, session)


def browser_as(app, db, session, role: str):
    """A browser on this laptop, or on another computer that opened the session's link of `role`."""
    browser = app.test_client()
    if role == "laptop":
        return browser, {}
    if role != "nobody":
        assert browser.get(f"/s/{access_links(db, session)[role]}", environ_base=ELSEWHERE).status_code == 302
    return browser, ELSEWHERE


def routes(session) -> list[tuple[str, str, dict, dict[str, object]]]:
    """(method, path, form, {role: expected}) for every route: OK is the view's own answer
    (given as its status), DENIED the refusal of the link."""
    s, recording = session.id, session.step("presentation").recordings[0].id
    item = session.step("consultation").items[0].id

    def only(*roles, ok=200):
        return {role: ok if role in roles else DENIED for role in ROLES}

    reads = only("laptop", "facilitator", "participant")
    takeaway = only("laptop", "facilitator", "participant", "client")
    facilitator = ("laptop", "facilitator")
    writes_notes = ("laptop", "facilitator", "client")
    return [
        ("GET", "/", {}, only("laptop")),
        ("GET", "/groups", {}, only("laptop")),
        ("POST", "/groups", {"name": "Cadres"}, only("laptop", ok=302)),
        ("GET", f"/sessions/{s}", {}, reads),
        ("GET", f"/sessions/{s}/learnings", {}, reads),
        ("GET", f"/recordings/{recording}/audio", {}, takeaway),
        ("GET", f"/sessions/{s}/print", {}, takeaway),
        ("GET", f"/sessions/{s}/notes.docx", {}, takeaway),
        ("GET", f"/sessions/{s}/notes.md", {}, takeaway),
        ("GET", f"/sessions/{s}/review", {}, only(*writes_notes)),
        ("GET", f"/sessions/{s}/console", {}, only(*facilitator)),
        ("GET", f"/sessions/{s}/console/status?step=presentation", {}, only(*facilitator)),
        ("POST", f"/sessions/{s}/consent", {}, only(*facilitator)),
        # A step that is not there: the view answers 404 for those it lets in, and nothing is recorded.
        ("POST", f"/sessions/{s}/steps/nostep/record", {}, only(*facilitator, ok=404)),
        ("POST", f"/sessions/{s}/record/stop", {}, only(*facilitator, ok=409)),  # nothing being recorded
        ("POST", f"/sessions/{s}/steps/presentation/upload", {}, only(*facilitator, ok=400)),  # no file
        ("POST", f"/sessions/{s}/review/items/{item}/status", {"status": "accepted"}, only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/review/items/{item}", {"text": "Un livret."}, only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/review/items", {"kind": "suggestion", "text": "Un tuteur."},
         only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/review/synthesis", {"synthesis": "Je retiens."}, only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/review/actions", {"text": "Écrire", "status": "planned"},
         only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/review/validate", {}, only(*writes_notes, ok=303)),
        ("POST", f"/sessions/{s}/links", {}, only("laptop", ok=303)),
        ("GET", f"/sessions/{s}/delete", {}, only("laptop")),  # only the laptop deletes
        ("GET", f"/recordings/{recording}/delete", {}, only("laptop")),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_link_opens_what_its_role_does(lan_app, db, session, role):
    # Links of a second session open nothing of this one.
    other = create_session(db, title="Autre", date=datetime.date(2026, 10, 7), lang="fr")
    browser, environ = browser_as(lan_app, db, session, role)
    assert browser.get(f"/s/{access_links(db, other)['facilitator']}", environ_base=environ).status_code == 302
    wrong = []
    for method, path, form, expected in routes(session):
        if path.endswith("/links"):
            continue  # links made again: their own test, as it would close this browser's link
        db.refresh(session)  # each change is made from the notes' latest version
        response = browser.open(path, method=method, data={**form, "version": session.notes_version},
                                environ_base=environ)
        if response.status_code != expected[role]:
            wrong.append(f"{method} {path}: {response.status_code}, expected {expected[role]}")
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


def test_the_client_link_exports_the_clients_notes_only(lan_app, db, session):
    facilitator, environ = browser_as(lan_app, db, session, "facilitator")
    whole = facilitator.get(f"/sessions/{session.id}/notes.md", environ_base=environ).get_data(as_text=True)
    assert "## Régulation : le processus" in whole  # the group's own reading of how it went
    client, environ = browser_as(lan_app, db, session, "client")
    mine = client.get(f"/sessions/{session.id}/notes.md", environ_base=environ).get_data(as_text=True)
    assert mine.startswith("# Accueil\n") and "Régulation" not in mine and "suggestions déguisées" not in mine


def test_a_participant_does_not_see_the_links_nor_the_facilitators_pages(lan_app, db, session):
    browser, environ = browser_as(lan_app, db, session, "participant")
    page = browser.get(f"/sessions/{session.id}", environ_base=environ).get_data(as_text=True)
    links = access_links(db, session)
    assert not any(token in page for token in links.values())
    assert f"/sessions/{session.id}/console" not in page and f"/sessions/{session.id}/review" not in page
    printable = browser.get(f"/sessions/{session.id}/print", environ_base=environ).get_data(as_text=True)
    assert f"/sessions/{session.id}/review" not in printable  # no way back to a page it does not open
    laptop = lan_app.test_client().get(f"/sessions/{session.id}").get_data(as_text=True)
    assert all(f"/s/{token}" in laptop for token in links.values())


def test_links_made_again_close_the_old_ones_at_once(lan_app, db, session):
    old = access_links(db, session)
    browsers = {role: browser_as(lan_app, db, session, role)[0] for role in ("facilitator", "participant", "client")}
    assert browsers["participant"].get(f"/sessions/{session.id}", environ_base=ELSEWHERE).status_code == 200
    # Only the laptop makes links again, not a facilitator link (which would close itself).
    assert browsers["facilitator"].post(f"/sessions/{session.id}/links", environ_base=ELSEWHERE).status_code == 403
    made = lan_app.test_client().post(f"/sessions/{session.id}/links")
    assert made.status_code == 303 and made.headers["Location"].endswith(f"/sessions/{session.id}")
    db.refresh(session)
    new = access_links(db, session)
    assert not set(new.values()) & set(old.values())
    for role, browser in browsers.items():  # opened before: closed now, without a new visit to any link
        for path in (f"/sessions/{session.id}", f"/sessions/{session.id}/review"):
            refused = browser.get(path, environ_base=ELSEWHERE)
            assert refused.status_code == 403 and "lien d'accès" in html.unescape(refused.get_data(as_text=True))
        assert browser.get(f"/s/{old[role]}", environ_base=ELSEWHERE).status_code == 404
    fresh, environ = browser_as(lan_app, db, session, "participant")
    assert fresh.get(f"/sessions/{session.id}", environ_base=environ).status_code == 200


def test_grants_expire_after_the_session_day(lan_app, db, session):
    session.date, session.links_made_at = datetime.date(2026, 3, 10), datetime.datetime(2026, 3, 1, 18, 0)
    db.commit()
    # By default until noon the day after the session; links made again later last as long from then.
    assert links_expire_at(session) == datetime.datetime(2026, 3, 11, 12, 0)
    assert links_expire_at(session, hours=3) == datetime.datetime(2026, 3, 11, 3, 0)
    session.links_made_at = datetime.datetime(2026, 3, 20, 9, 30)
    db.commit()
    assert links_expire_at(session) == datetime.datetime(2026, 3, 20, 21, 30)

    before, after = datetime.datetime(2026, 3, 20, 21, 29), datetime.datetime(2026, 3, 20, 21, 31)
    lan_app.config["CLOCK"] = lambda: before
    participant, environ = browser_as(lan_app, db, session, "participant")
    assert participant.get(f"/sessions/{session.id}", environ_base=environ).status_code == 200
    lan_app.config["CLOCK"] = lambda: after
    for response in (participant.get(f"/sessions/{session.id}", environ_base=environ),
                     lan_app.test_client().get(f"/s/{access_links(db, session)['client']}", environ_base=environ)):
        assert response.status_code == 403
        assert "expiré" in html.unescape(response.get_data(as_text=True))
    assert lan_app.test_client().get(f"/sessions/{session.id}").status_code == 200  # the laptop, always


def test_how_long_grants_last_is_a_setting(home, db, session):
    app = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True, "LINK_HOURS": 1,
                      "CLOCK": lambda: datetime.datetime(2026, 10, 8, 1, 30)})
    session.links_made_at = datetime.datetime(2026, 10, 1)
    db.commit()
    refused = app.test_client().get(f"/s/{access_links(db, session)['participant']}", environ_base=ELSEWHERE)
    assert refused.status_code == 403  # an hour after the session day, not twelve
    page = app.test_client().get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "se ferme le 8 octobre 2026 à 01:00" in html.unescape(page)  # the laptop's page says until when


@pytest.mark.parametrize("lan", [False, True])
def test_a_request_for_another_host_is_refused(home, lan):
    # DNS rebinding: a page of evil.example whose name now points here would send Host: evil.example.
    app = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": lan})
    browser = app.test_client()
    for host in ("evil.example", "evil.example:5000", "203.0.113.9", "localhost.evil.example", "[2001:db8::1]:5000"):
        refused = browser.get("/", headers={"Host": host})
        assert refused.status_code == 400, host
        assert "cet ordinateur" in html.unescape(refused.get_data(as_text=True))
        assert "evil.example" not in refused.get_data(as_text=True)
    for host in ("localhost", "127.0.0.1:5000", "[::1]:5000", "LOCALHOST."):
        assert browser.get("/", headers={"Host": host}).status_code == 200, host
    names = access.this_machine(lan)
    if lan:  # the names and addresses other computers reach this one by
        for host in names:
            assert browser.get("/", headers={"Host": f"[{host}]" if ":" in host else host}).status_code == 200, host
        assert access.lan_address() in names


def test_pages_are_not_framed_nor_kept(lan_app, db, session):
    browser = lan_app.test_client()
    participant, environ = browser_as(lan_app, db, session, "participant")
    responses = [browser.get("/"), browser.get(f"/sessions/{session.id}"), browser.get(f"/sessions/{session.id}/notes.md"),
                 browser.get(f"/recordings/{session.step('presentation').recordings[0].id}/audio"),
                 browser.get("/sessions/999"), participant.get("/", environ_base=environ),
                 browser.get("/", headers={"Host": "evil.example"})]
    for response in responses:
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert "no-store" in response.headers["Cache-Control"]
        assert response.headers["Referrer-Policy"] == "no-referrer"  # a link's token never goes elsewhere


def test_the_links_are_not_printed(lan_app, db, session):
    page = lan_app.test_client().get(f"/sessions/{session.id}").get_data(as_text=True)
    aside = re.search(r'<aside class="links">(.*?)</aside>', page, re.S).group(1)
    assert all(f"/s/{token}" in aside for token in access_links(db, session).values())
    css = lan_app.test_client().get("/static/style.css").get_data(as_text=True)
    printing = css[css.index("@media print"):]
    hidden = printing[:printing.index("display: none")]
    assert re.search(r"(^|[\s,])\.links([\s,{]|$)", hidden), "the print rules do not hide .links"


def test_a_printed_session_page_leaves_the_links_out(home, db, session, page):  # noqa: F811 (the fixture)
    app = create_app({"DATA_DIR": str(home), "LAN": True})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_port}/sessions/{session.id}")
        links = page.locator("aside.links")
        expect(links).to_be_visible()
        expect(links).to_contain_text("/s/")
        page.emulate_media(media="print")  # as the browser lays the page out for paper or PDF
        expect(links).to_be_hidden()
        expect(page.locator("h1")).to_be_visible()  # the rest of the page is printed
    finally:
        httpd.shutdown()
