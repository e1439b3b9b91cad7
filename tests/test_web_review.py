"""The client's review page through the Flask test client, with CSRF on (as served): every
write, bad input, CSRF refusal and the two-tab conflict."""
import datetime
import html
import re

import pytest

from codev.models import Item, Recording, Segment, Session
from codev.sessions import create_session
from codev.takes import replace_items


class Tab:
    """One browser tab on the review page: it keeps the CSRF token and the version of the notes
    its page was built from, and sends them with every form, as the page's forms do."""

    def __init__(self, client, session_id: int):
        self.client, self.url = client, f"/sessions/{session_id}/review"
        self.reload()

    def reload(self) -> str:
        response = self.client.get(self.url)
        assert response.status_code == 200
        self.take(response.get_data(as_text=True))
        return self.page

    def take(self, page: str) -> None:
        self.page = page
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        versions = set(re.findall(r'name="version" value="(\d+)"', page))
        assert len(versions) == 1, "every form carries the same version"
        self.version = versions.pop()

    def post(self, path: str, **form):
        response = self.client.post(self.url + path, data={"csrf_token": self.token, "version": self.version, **form})
        if response.status_code in (400, 409):
            self.take(response.get_data(as_text=True))  # the page, rebuilt from the latest notes
        return response


@pytest.fixture
def session_id(db):
    # Items made through the models: these tests are about the page's forms; the test of the
    # recording's moment below uses real speech.
    session = create_session(db, title="Onboarding <nurses>", date=datetime.date(2026, 10, 7), lang="en",
                             client="Laura")
    session.step("contract").items = [Item(position=0, kind="demand", text="Help me onboard nurses faster.")]
    session.step("clarification").items = [
        Item(position=0, kind="question", text="Have you considered a mentor?", disguised_suggestion=True)]
    session.step("consultation").items = [
        Item(position=0, kind="suggestion", text="You could write a <b>welcome</b> guide."),
        Item(position=1, kind="suggestion", text="You could ask the senior nurses.")]
    session.step("synthesis").items = [
        Item(position=0, kind="commitment", text="I will send the budget before Friday.",
             due=datetime.date(2026, 10, 9), due_text="before Friday")]
    db.commit()
    return session.id


def stored(db, session_id) -> Session:
    db.expire_all()
    return db.get(Session, session_id)


def item_id(db, session_id, text_start: str) -> int:
    return next(i.id for s in stored(db, session_id).steps for i in s.items if i.text.startswith(text_start))


def test_the_page_shows_what_the_client_reviews_escaped(client, session_id):
    page = Tab(client, session_id).page
    for heading in ("Your request", "Questions you were asked", "Suggestions you received", "Your commitments",
                    "What you retain", "Your action plan", "Validate my notes"):
        assert heading in page
    assert "Onboarding &lt;nurses&gt;" in page and "a &lt;b&gt;welcome&lt;/b&gt; guide" in page
    assert "disguised suggestion" in page and "Oct 9, 2026" in page and "before Friday" in page
    assert 'name="version" value="0"' in page and "Not validated yet" in page


def test_the_page_speaks_the_sessions_language(client, db):
    session = create_session(db, title="Réunions", date=datetime.date(2026, 11, 4), lang="fr")
    page = client.get(f"/sessions/{session.id}/review", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="fr">' in page and "Votre demande" in page and "Valider mes notes" in page


def test_keep_and_set_aside_items(client, db, session_id):
    tab = Tab(client, session_id)
    guide, senior = item_id(db, session_id, "You could write"), item_id(db, session_id, "You could ask")
    response = tab.post(f"/items/{guide}/status", status="accepted")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/review#item-{guide}")
    tab.reload()
    tab.post(f"/items/{senior}/status", status="rejected")
    page = tab.reload()
    assert re.search(rf'id="item-{guide}".*?value="proposed"\s+class="accept" aria-pressed="true"', page, re.S)
    assert f'class="entry suggestion rejected" id="item-{senior}"' in page
    assert {i.text[:13]: i.status for s in stored(db, session_id).steps for i in s.items if i.kind == "suggestion"} == {
        "You could wri": "accepted", "You could ask": "rejected"}
    assert tab.version == "2"


def test_edit_and_add_items(client, db, session_id):
    tab = Tab(client, session_id)
    commitment = item_id(db, session_id, "I will send")
    assert tab.post(f"/items/{commitment}", text="I will send the budget to Marc.", due="2026-10-12").status_code == 303
    tab.reload()
    assert tab.post("/items", kind="question", text="Who trains them?").status_code == 303
    page = tab.reload()
    assert "I will send the budget to Marc." in page and "Oct 12, 2026" in page and "edited by you" in page
    assert "Who trains them?" in page and "added by you" in page
    added = stored(db, session_id).step("clarification").items[-1]
    assert (added.text, added.source, added.status) == ("Who trains them?", "client", "accepted")


def card(page: str, item_id: int) -> str:
    return page.split(f'id="item-{item_id}"')[1].split("</article>")[0]


def why_shown(card_html: str) -> str | None:
    """The text of the item's "Why?", as the client reads it; None when it has none."""
    if 'class="why"' not in card_html:
        return None
    shown = card_html.split('class="why"')[1].split("</details>")[0]
    return html.unescape(re.search(r'<p class="why-text">(.*?)</p>', shown, re.S).group(1))


def test_each_extracted_item_says_why_and_hand_added_ones_do_not(client, db):
    session = create_session(db, title="Onboarding", date=datetime.date(2026, 10, 7), lang="en")
    session.step("clarification").items = [
        Item(position=0, kind="question", text="Have you considered a mentor?", disguised_suggestion=True,
             extracted_text="Have you considered a mentor?",
             why="question: «have you considered» · disguised: proposes «a mentor <b>»")]
    session.step("consultation").items = [
        Item(position=0, kind="suggestion", text="You could write a guide.", extracted_text="You could write a guide.",
             why="suggestion: «you could» · context weighed: hedged «maybe»")]
    db.commit()
    question, suggestion = (s.items[0].id for s in session.steps if s.items)
    tab = Tab(client, session.id)
    assert why_shown(card(tab.page, question)) == "question: «have you considered» · disguised: proposes «a mentor <b>»"
    assert "disguised: proposes «a mentor &lt;b&gt;»" in tab.page  # escaped
    assert "<summary>Why?</summary>" in card(tab.page, question)

    tab.post(f"/items/{suggestion}", text="You could write a welcome guide.")
    tab.reload()
    tab.post("/items", kind="suggestion", text="Ask the senior nurses.")
    page = tab.reload()
    # Edited: the reason still explains what was extracted, shown with the words found.
    edited = card(page, suggestion)
    assert why_shown(edited) == "suggestion: «you could» · context weighed: hedged «maybe»"
    assert "Before your edit, the words found were: “You could write a guide.”" in html.unescape(edited)
    assert "Before your edit" not in card(page, question)
    added = stored(db, session.id).step("consultation").items[-1]
    assert added.source == "client" and added.why is None
    assert why_shown(card(page, added.id)) is None and "Why?" not in card(page, added.id)


def test_why_is_in_the_sessions_language(client, db):
    session = create_session(db, title="Réunions", date=datetime.date(2026, 11, 4), lang="fr")
    session.step("clarification").items = [Item(position=0, kind="question", text="Est-ce que tu as vu Marc ?",
                                                why="question: «est-ce que»")]
    db.commit()
    page = Tab(client, session.id).page
    assert "<summary>Pourquoi ?</summary>" in page and "Pourquoi codev-notes a relevé ce passage" in page


def test_every_item_real_extraction_stores_says_why_on_the_page(client, db):
    session = create_session(db, title="École", date=datetime.date(2026, 1, 14), lang="fr")
    step = session.step("clarification")
    step.recordings.append(Recording(position=1, path="a.wav", duration=20.0, language="fr", segments=[
        Segment(position=0, start=0.0, end=4.0, text="Combien de parents sont mobilisés ?"),
        Segment(position=1, start=5.0, end=9.0, text="As-tu pensé à refaire un vote ?")]))
    replace_items(step)
    db.commit()
    assert step.items
    page = Tab(client, session.id).page
    for item in step.items:
        assert item.why and why_shown(card(page, item.id)) == item.why


def test_the_action_plan_from_commitment_to_done(client, db, session_id):
    tab = Tab(client, session_id)
    commitment = item_id(db, session_id, "I will send")
    assert tab.post(f"/items/{commitment}/plan").headers["Location"].endswith("#plan")
    tab.reload()
    tab.post("/actions", text="Write the welcome guide", due="2026-10-31")
    tab.reload()
    tab.post("/actions", text="Hire a trainer", due="")
    tab.reload()
    first, second, third = [a.id for a in stored(db, session_id).actions]
    tab.post(f"/actions/{first}", text="Send the budget to Marc", due="2026-10-09", status="done")
    tab.reload()
    tab.post(f"/actions/{third}/move", direction="up")
    tab.reload()
    assert tab.post(f"/actions/{second}/delete").status_code == 303
    page = tab.reload()
    assert "✓ In your action plan" in page
    rows = re.findall(r'<li class="plan-row (\w+)" id="action-(\d+)">.*?<textarea name="text"[^>]*>([^<]*)</textarea>'
                      r'.*?name="due" value="([^"]*)"', page, re.S)
    assert rows == [("done", str(first), "Send the budget to Marc", "2026-10-09"),
                    ("planned", str(third), "Hire a trainer", "")]
    assert [a.position for a in stored(db, session_id).actions] == [0, 1]


def test_synthesis_and_validation(client, db, session_id):
    tab = Tab(client, session_id)
    tab.post("/synthesis", synthesis="Newcomers need a person\r\nbefore a procedure.")
    tab.reload()
    assert tab.post("/validate").headers["Location"].endswith("#validate")
    page = tab.reload()
    session = stored(db, session_id)
    assert session.synthesis == "Newcomers need a person\nbefore a procedure." and session.validated_at
    assert "You validated these notes on" in page and "Validate my notes" not in page
    assert ">Newcomers need a person\nbefore a procedure.</textarea>" in page
    tab.post("/synthesis", synthesis="Changed after validating.")
    assert stored(db, session_id).validated_at is None
    assert "Validate my notes" in tab.reload()


def test_two_tabs_the_second_is_told_and_nothing_is_overwritten(client, db, session_id):
    first, second = Tab(client, session_id), Tab(client, session_id)
    assert first.version == second.version == "0"
    assert first.post("/synthesis", synthesis="From the first tab.").status_code == 303

    refused = second.post("/synthesis", synthesis="From the second tab.")
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "changed in another tab" in page and "reloaded" in page and "Reload the page" in page
    assert '<blockquote class="unsaved">From the second tab.</blockquote>' in page  # what they typed is not lost
    assert ">From the first tab.</textarea>" in page and second.version == "1"  # rebuilt from the latest notes
    assert stored(db, session_id).synthesis == "From the first tab."

    # An action deleted in one tab cannot be edited from the other's old page.
    first.reload()
    first.post("/actions", text="Call the head nurse")
    first.reload()
    second.reload()
    action = stored(db, session_id).actions[0].id
    first.post(f"/actions/{action}/delete")
    assert second.post(f"/actions/{action}", text="Call her twice", due="", status="planned").status_code == 409
    assert stored(db, session_id).actions == []
    # The page the refusal answered with carries the latest version: the change can be made again.
    assert second.post("/actions", text="Call her twice").status_code == 303


@pytest.mark.parametrize("path, form, message", [
    ("/actions", {"text": "Call", "due": "next friday"}, "This date is not valid"),
    ("/actions", {"text": "   ", "due": ""}, "The text is empty"),
    ("/actions", {"text": "Call", "due": "", "status": "someday"}, "This status is unknown"),
    ("/items", {"kind": "rumour", "text": "Something"}, "This kind of item is unknown"),
    ("/items/99999/status", {"status": "accepted"}, "This item is not part of these notes"),
    ("/items/99999/plan", {}, "This item is not part of these notes"),
    ("/actions/99999", {"text": "x", "due": "", "status": "done"}, "This action is not part of the action plan"),
    ("/actions/99999/move", {"direction": "up"}, "This action is not part of the action plan"),
])
def test_bad_input_gets_a_message_and_changes_nothing(client, db, session_id, path, form, message):
    tab = Tab(client, session_id)
    response = tab.post(path, **form)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page and "Nothing was changed." in page and 'role="alert"' in page
    session = stored(db, session_id)
    assert session.notes_version == 0 and session.actions == []
    assert all(i.status == "proposed" for s in session.steps for i in s.items)


def test_an_item_of_another_session_is_unknown_here(client, db, session_id):
    other = create_session(db, title="Other", date=datetime.date(2026, 10, 8), lang="en")
    other.step("synthesis").items = [Item(position=0, kind="commitment", text="Not yours.")]
    db.commit()
    foreign = other.step("synthesis").items[0].id
    assert Tab(client, session_id).post(f"/items/{foreign}/plan").status_code == 400
    assert stored(db, session_id).actions == [] and stored(db, other.id).notes_version == 0


def test_writes_without_the_csrf_token_are_refused(client, db, session_id):
    tab = Tab(client, session_id)
    response = client.post(tab.url + "/synthesis", data={"version": tab.version, "synthesis": "Forged"})
    assert response.status_code == 400
    response = client.post(tab.url + "/validate", data={"version": tab.version, "csrf_token": "forged"})
    assert response.status_code == 400
    session = stored(db, session_id)
    assert session.synthesis is None and session.validated_at is None and session.notes_version == 0
    # What the page's script sends: the token in a header, not in the form.
    response = client.post(tab.url + "/synthesis", data={"version": tab.version, "synthesis": "Sent by fetch"},
                           headers={"X-CSRFToken": tab.token})
    assert response.status_code == 303 and stored(db, session_id).synthesis == "Sent by fetch"


def test_unknown_sessions_are_404(client):
    assert client.get("/sessions/999/review").status_code == 404
    assert client.post("/sessions/999/review/validate").status_code in (400, 404)  # no token: refused either way


def test_items_play_their_moment_in_the_take_they_were_said_in(client, codev, db, speak):
    """Real speech in two takes: the commitment is in the second, so its moment in that take is
    its time on the step's timeline less the first take's length."""
    session = codev("session", "new", "--title", "Onboarding", "--date", "2026-10-07", "--lang", "en").stdout.strip()
    codev("import", session, "synthesis", speak("Thank you all for your ideas and your time."),
          speak("I will send the budget to my manager before Friday."))
    synthesis = stored(db, session).step("synthesis")
    first, second = synthesis.recordings
    commitment = next(i for i in synthesis.items if i.kind == "commitment")
    assert commitment.start >= first.duration - 0.5

    page = Tab(client, int(session)).page
    card = page.split(f'id="item-{commitment.id}"')[1].split("</article>")[0]
    link = re.search(r'<a class="play" href="(/recordings/(\d+)/audio)#t=([\d.]+)"', card)
    assert int(link.group(2)) == second.id
    assert float(link.group(3)) == pytest.approx(commitment.start - first.duration, abs=0.01)
    assert client.get(link.group(1)).data[:4] == b"RIFF"
    context = html.unescape(card.split('class="context"')[1])  # its lines hold their own correction forms
    assert re.search(r'class="line said"(?:(?!<div class="line).)*budget', context, re.S) and "ideas" in context.lower()
    assert '<audio id="player"' in page
