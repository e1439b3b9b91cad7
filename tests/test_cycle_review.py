"""The cycle review, from speech to the facilitator's page: a group's cycle of three French
sessions whose steps are spoken with SVOX Pico and imported with `codev import` (the real Whisper
base model, the real extraction, a real SQLite file), with known disguised suggestions, a question
the client set aside, and what became of each action said at the next session's follow-up, set in
the console in a real headless browser (Playwright driving Debian's Chromium). The review's
counts and statuses are those, on the page, in Word and from `codev cycle --json`. Then what a
participants' link opens of the cycle: its learnings so far, none of another group's or of later
sessions, and none of the facilitator's figures."""
import datetime
import html
import json
import threading
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from codev import notes
from codev.config import Config
from codev.groups import create_group, create_group_session
from codev.models import Item
from codev.sessions import access_links, get_session
from codev.store import open_database
from conftest import Codev
from pico_speech import speak
from test_browser import page, shot  # noqa: F401 (fixture: Chromium)
from web import create_app

ELSEWHERE = {"REMOTE_ADDR": "192.0.2.7"}  # another computer on the network
MEMBERS = ["Nadia", "Bruno", "Chloé", "Ana"]
# Each session: its day, client, and the steps spoken. The first clarification is the one of
# tests/test_speech_extraction.py (two open questions and a disguised suggestion through Pico and
# Whisper); the second has one open question, two disguised suggestions (the client sets one
# aside) and a suggestion made too early; the third one open question.
SESSIONS = [
    (datetime.date(2026, 3, 11), "Nadia", {
        "clarification": "Bon, on passe aux questions de clarification. "
                         "Depuis combien de temps les deux assistantes ne se parlent plus ? "
                         "Eh bien, depuis la rentrée, à peu près. "
                         "Est-ce que ta directrice est au courant du conflit ? "
                         "Non, je ne lui en ai pas encore parlé. "
                         "Tu as pensé à proposer un entretien individuel à chacune ? "
                         "Non, pas encore.",
        "synthesis": "Merci à tous pour vos questions. Je vais appeler la directrice vendredi. "
                     "Je vais aussi préparer un planning des tâches avec les deux assistantes d'ici la fin du mois.",
        "learnings": "J'ai appris qu'une question ouverte aide plus qu'un conseil."}),
    (datetime.date(2026, 4, 8), "Bruno", {
        "clarification": "Bon, on passe aux questions de clarification. "
                         "Combien de personnes travaillent dans ton équipe ? Une dizaine, à peu près. "
                         "Tu as pensé à proposer un entretien individuel à chacun ? Non, pas encore. "
                         "Pourquoi tu ne demandes pas de l'aide à ta directrice ? Je ne sais pas. "
                         "Je te suggère d'en parler à ton chef.",
        "synthesis": "Merci pour vos idées. Je vais parler à mon chef lundi.",
        "learnings": "Je retiens qu'il faut laisser des silences."}),
    (datetime.date(2026, 5, 6), "Chloé", {
        "clarification": "Bon, on passe aux questions de clarification. "
                         "Depuis combien de temps est-ce que tu diriges cette équipe ? Eh bien, depuis deux ans.",
        "learnings": "J'ai appris à écouter jusqu'au bout."}),
]
OTHER_GROUP_LEARNING = "Je retiens que le budget du groupe voisin est secret."


@pytest.fixture(scope="module")
def cycle(tmp_path_factory, models_dir):
    """The group, its three sessions imported from speech once for the module (each import runs
    Whisper), their clients' plans made from their commitments, the question set aside; and
    another group with a learning of its own. Yields (data folder, group id, session ids)."""
    folder = tmp_path_factory.mktemp("cycle-review")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CODEV_HOME", str(folder / "data"))
        env.setenv("CODEV_MODELS", str(models_dir))
        codev = Codev()
        codev("group", "list")  # creates the data folder and its database
        db = open_database(Config.from_env().database)()
        group = create_group(db, "Cadres de santé", MEMBERS)
        ids = []
        for day, client, steps in SESSIONS:
            session = create_group_session(db, group, title=f"Séance de {client}", date=day, lang="fr",
                                           client=client, present=MEMBERS)
            ids.append(session.id)
            for step, text in steps.items():
                codev("import", session.id, step, speak(text, "fr", folder))
        db.expire_all()
        sessions = [get_session(db, i) for i in ids]
        for session in sessions[:2]:
            for item in session.step("synthesis").items:
                if item.kind == "commitment":
                    notes.plan_commitment(db, session, session.notes_version, item.id)
        assert [a.text for a in sessions[0].actions] and len(sessions[1].actions) == 1, "commitments not heard"
        questions = [i for i in sessions[1].step("clarification").items if i.kind == "question"]
        aside = [i for i in questions if "directrice" in i.text.lower()]
        assert len(aside) == 1 and aside[0].disguised_suggestion, [i.text for i in questions]
        notes.set_item_status(db, sessions[1], sessions[1].notes_version, aside[0].id, "rejected")

        other = create_group(db, "Groupe voisin", ["Zoé"])
        elsewhere = create_group_session(db, other, title="Ailleurs", date=datetime.date(2026, 5, 6), lang="fr",
                                         client="Zoé", present=["Zoé"])
        elsewhere.step("learnings").items = [Item(position=0, kind="learning", text=OTHER_GROUP_LEARNING)]
        db.commit()
        group_id = group.id
        db.close()
        yield folder / "data", group_id, ids


@pytest.fixture
def served(cycle):
    """The app on the cycle's data folder, CSRF on, as for a user."""
    data, _group, _ids = cycle
    httpd = make_server("127.0.0.1", 0, create_app({"DATA_DIR": str(data)}), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def report_follow_up(page, server, session_id: int, outcomes: dict[str, str]) -> None:
    """In the console's follow-up step, what became of each action of the previous client's plan."""
    page.goto(f"{server}/sessions/{session_id}/console?step=follow_up")
    for words, status in outcomes.items():
        action = page.locator("#follow-up li.action", has_text=words)
        action.locator(f"form.outcome button[value={status}]").click()
        expect(page.locator("#follow-up li.action", has_text=words)).to_have_class(f"action {status}")


def figures(page, session_id: int) -> dict[str, str]:
    row = page.locator(f"#row-{session_id}")
    return {key: row.locator(f"td.{key}").inner_text().strip()
            for key in ("open-questions", "disguised", "early", "outcomes", "learnings")}


def test_the_cycle_review_counts_and_statuses_in_the_browser(cycle, served, page, tmp_path):  # noqa: F811
    _data, group_id, (first, second, third) = cycle
    report_follow_up(page, served, second, {"directrice": "done", "planning": "partly"})
    report_follow_up(page, served, third, {"chef": "dropped"})

    page.goto(f"{served}/groups/{group_id}")
    page.click("a:has-text('Bilan du cycle')")
    expect(page.locator("h1")).to_have_text("Cadres de santé · Cycle 1")
    assert figures(page, first) == {"open-questions": "2", "disguised": "1", "early": "0",
                                    "outcomes": "Faite 1 · Faite en partie 1", "learnings": "1"}
    # The question the client set aside is not counted.
    assert figures(page, second) == {"open-questions": "1", "disguised": "1", "early": "1",
                                     "outcomes": "Abandonnée 1", "learnings": "1"}
    assert figures(page, third) == {"open-questions": "1", "disguised": "0", "early": "0",
                                    "outcomes": "—", "learnings": "1"}
    expect(page.locator(f"#s{first} .followed")).to_contain_text("Au suivi du 8 avril 2026")
    # The trend, drawn on the page: one bar per session and series.
    expect(page.locator("figure.chart")).to_have_count(4)
    expect(page.locator("figure.chart").first.locator("rect")).to_have_count(6)
    assert "disguised suggestions 1, 1, 0" in html.unescape(
        page.locator("figure.chart svg").first.get_attribute("aria-label")).replace("suggestions déguisées", "disguised suggestions")

    # A figure leads to what it counts, which leads to the client's review where it can be corrected.
    page.locator(f"#row-{second} td.disguised a").click()
    counted = page.locator(f"#s{second}-disguised")
    expect(counted.locator("li")).to_have_count(1)
    expect(counted).to_contain_text("entretien individuel")
    expect(counted).not_to_contain_text("directrice")
    shot(page, "cycle-review")
    counted.locator("li a").click()
    expect(page.locator("h1")).to_be_visible()
    assert f"/sessions/{second}/review#item-" in page.url

    # Printed, the page's tools go; the Word document says the same.
    page.goto(f"{served}/groups/{group_id}/cycles/1/review")
    page.emulate_media(media="print")
    expect(page.locator(".print-tools")).to_be_hidden()
    expect(page.locator(f"#row-{first} td.outcomes")).to_be_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.click("a[href$='/review.docx']")
    word = "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)
    assert "Au suivi du 2026-04-08 : faite 1, faite en partie 1, abandonnée 0, sans nouvelles 0" in word
    assert "Au suivi du 2026-05-06 : faite 0, faite en partie 0, abandonnée 1, sans nouvelles 0" in word
    assert "Questions de clarification qui étaient des suggestions déguisées: 1" in word


def test_the_cycle_from_the_command(cycle):
    data, group_id, ids = cycle
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CODEV_HOME", str(data))
        review = json.loads(Codev()("cycle", group_id, "--json").stdout)
        assert [s["id"] for s in review["sessions"]] == ids
        assert review["trend"]["open_questions"] == [2, 1, 1]
        assert review["trend"]["disguised_suggestions"] == [1, 1, 0]
        assert review["trend"]["early_suggestions"] == [0, 1, 0]
        missing = Codev()("cycle", group_id, "--cycle", "7", ok=False)
        assert missing.exit_code == 1 and "no session in cycle 7" in missing.output


def test_a_participants_link_sees_the_cycles_learnings_and_nothing_else(cycle):
    data, group_id, (first, second, third) = cycle
    app = create_app({"TESTING": True, "DATA_DIR": str(data), "LAN": True,
                      "CLOCK": lambda: datetime.datetime(2026, 5, 6, 18)})
    db = app.extensions["codev_db"]()
    links = {i: access_links(db, get_session(db, i)) for i in (first, third)}
    db.close()

    browser = app.test_client()
    assert browser.get(f"/s/{links[third]['participant']}", environ_base=ELSEWHERE).status_code == 302
    page = html.unescape(browser.get(f"/sessions/{third}/cycle/learnings", environ_base=ELSEWHERE).get_data(as_text=True))
    assert "qu'une question ouverte" in page and "laisser des silences" in page and "écouter jusqu" in page
    assert OTHER_GROUP_LEARNING not in page
    # None of the facilitator's figures, nor the clients' plans.
    for private in ("déguisée", "entretien individuel", "directrice", "planning", "Questions ouvertes"):
        assert private not in page, private
    # The facilitator's review and its Word document stay closed to the link.
    for path in (f"/groups/{group_id}/cycles/1/review", f"/groups/{group_id}/cycles/1/review.docx",
                 f"/groups/{group_id}/learnings"):
        assert browser.get(path, environ_base=ELSEWHERE).status_code == 403, path

    # The first session's link sees that session's learnings, not those said after it.
    earlier = app.test_client()
    earlier.get(f"/s/{links[first]['participant']}", environ_base=ELSEWHERE)
    page = html.unescape(earlier.get(f"/sessions/{first}/cycle/learnings", environ_base=ELSEWHERE).get_data(as_text=True))
    assert "qu'une question ouverte" in page
    assert "laisser des silences" not in page and "écouter jusqu" not in page
    assert earlier.get(f"/sessions/{third}/cycle/learnings", environ_base=ELSEWHERE).status_code == 403

    # The client's link opens neither the cycle's learnings nor its review.
    client = app.test_client()
    client.get(f"/s/{links[third]['client']}", environ_base=ELSEWHERE)
    assert client.get(f"/sessions/{third}/cycle/learnings", environ_base=ELSEWHERE).status_code == 403
    assert client.get(f"/groups/{group_id}/cycles/1/review", environ_base=ELSEWHERE).status_code == 403


def test_a_cycle_that_does_not_exist_is_a_clear_404(cycle):
    data, group_id, _ids = cycle
    browser = create_app({"TESTING": True, "DATA_DIR": str(data)}).test_client()
    for path in (f"/groups/{group_id}/cycles/9/review", f"/groups/{group_id}/cycles/x/review",
                 f"/groups/{group_id}/cycles/9/review.docx", "/groups/999/cycles/1/review"):
        response = browser.get(path)
        assert response.status_code == 404 and "Traceback" not in response.get_data(as_text=True), path
