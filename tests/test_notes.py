"""The client's review as core operations (codev.notes), without the web: items, synthesis,
action plan, validation, and the version that keeps two editors from overwriting each other.

Items are created through the models here: these rules are about what the client does with
items, and audio would add nothing but time (the web tests use real speech)."""
import datetime
import json

import pytest

from codev import notes
from codev.export import to_json, to_markdown
from codev.models import Item, Recording, Segment, Session
from codev.sessions import create_session
from codev.store import open_database


@pytest.fixture
def session(db):
    session = create_session(db, title="Onboarding", date=datetime.date(2026, 10, 7), lang="en", client="Laura")
    session.step("contract").items = [Item(position=0, kind="demand", text="Help me onboard nurses faster.")]
    session.step("clarification").items = [
        Item(position=0, kind="question", text="How many nurses join each month?"),
        Item(position=1, kind="question", text="Have you considered a mentor?", disguised_suggestion=True)]
    session.step("consultation").items = [
        Item(position=0, kind="suggestion", text="You could write a welcome guide."),
        Item(position=1, kind="suggestion", text="You could ask the senior nurses.")]
    session.step("synthesis").items = [
        Item(position=0, kind="commitment", text="I will send the budget to my manager before Friday.",
             due=datetime.date(2026, 10, 9), due_text="before Friday")]
    session.step("learnings").items = [Item(position=0, kind="learning", text="I learned that listening takes time.")]
    db.commit()
    return session


def item(session, kind, n=0):
    return [i for step in session.steps for i in step.items if i.kind == kind][n]


def fresh(config, session_id):
    """The session as another process (or another tab's request) reads it."""
    return open_database(config.database)().get(Session, session_id)


def test_every_change_raises_the_version(db, session):
    assert session.notes_version == 0
    notes.set_item_status(db, session, 0, item(session, "suggestion").id, "accepted")
    notes.set_synthesis(db, session, "1", "Newcomers need a person before a procedure.")
    assert session.notes_version == 2
    assert item(session, "suggestion").status == "accepted" and item(session, "suggestion").reviewed


def test_a_second_tab_with_the_old_version_is_refused_and_the_first_write_stays(db, config, session):
    first_tab = second_tab = session.notes_version  # both pages were built from the same version
    notes.set_synthesis(db, session, first_tab, "What I retain, from the first tab.")
    with pytest.raises(notes.Conflict):
        notes.set_synthesis(db, session, second_tab, "The second tab's text.")
    stored = fresh(config, session.id)
    assert stored.synthesis == "What I retain, from the first tab."
    assert stored.notes_version == first_tab + 1


def test_two_processes_that_read_the_same_version_cannot_both_write(config, session):
    # Each writer has its own database connection and its own copy of the session, as two
    # requests served at the same time do: the version check is made by the database itself.
    db_one, db_other = (open_database(config.database)() for _ in range(2))
    one, other = db_one.get(Session, session.id), db_other.get(Session, session.id)
    notes.add_action(db_one, one, one.notes_version, "Call the head nurse")
    with pytest.raises(notes.Conflict):
        notes.add_action(db_other, other, other.notes_version, "Something else")
    assert [a.text for a in fresh(config, session.id).actions] == ["Call the head nurse"]


def test_a_stale_change_is_refused_whole_even_with_bad_input(db, config, session):
    notes.set_synthesis(db, session, 0, "Kept")
    with pytest.raises(notes.Conflict):
        notes.add_action(db, session, 0, "", "not a date")
    with pytest.raises(notes.Conflict):
        notes.set_synthesis(db, session, None, "No version at all")
    assert fresh(config, session.id).synthesis == "Kept" and not fresh(config, session.id).actions


@pytest.mark.parametrize("change, code", [
    (lambda db, s: notes.set_item_status(db, s, 0, item(s, "question").id, "maybe"), "bad_status"),
    (lambda db, s: notes.set_item_status(db, s, 0, 9999, "accepted"), "unknown_item"),
    (lambda db, s: notes.edit_item(db, s, 0, item(s, "commitment").id, "   "), "empty_text"),
    (lambda db, s: notes.edit_item(db, s, 0, item(s, "commitment").id, "New words", "31/12/2026"), "bad_date"),
    (lambda db, s: notes.add_item(db, s, 0, "rumour", "Something"), "bad_kind"),
    (lambda db, s: notes.add_action(db, s, 0, "Call", "2026-02-30"), "bad_date"),
    (lambda db, s: notes.add_action(db, s, 0, "Call", None, "someday"), "bad_status"),
    (lambda db, s: notes.plan_commitment(db, s, 0, item(s, "suggestion").id), "not_commitment"),
    (lambda db, s: notes.edit_action(db, s, 0, 9999, "x", None, "done"), "unknown_action"),
])
def test_bad_input_is_refused_and_changes_nothing(db, config, session, change, code):
    with pytest.raises(notes.NotesError) as refused:
        change(db, session)
    assert refused.value.code == code
    stored = fresh(config, session.id)
    assert stored.notes_version == 0 and not stored.actions
    assert item(stored, "commitment").text == "I will send the budget to my manager before Friday."
    assert all(i.status == "proposed" and not i.edited for step in stored.steps for i in step.items)


def test_editing_an_item_keeps_it_and_a_new_date_drops_the_words_said(db, session):
    commitment = item(session, "commitment")
    notes.edit_item(db, session, 0, commitment.id, "  I will send the budget to Marc.  ", "2026-10-12")
    assert (commitment.text, commitment.due, commitment.due_text) == (
        "I will send the budget to Marc.", datetime.date(2026, 10, 12), None)
    assert commitment.edited and commitment.status == "accepted"
    notes.edit_item(db, session, 1, commitment.id, "I will send the budget to Marc.", "2026-10-12")
    rejected = item(session, "question")
    notes.set_item_status(db, session, 2, rejected.id, "rejected")
    notes.edit_item(db, session, 3, rejected.id, "How many nurses join each year?")
    assert rejected.status == "rejected"  # editing does not undo a decision


def test_items_the_client_adds_go_to_their_step(db, session):
    added = notes.add_item(db, session, 0, "suggestion", "Ask the nurses who left why.")
    commitment = notes.add_item(db, session, 1, "commitment", "I will meet the team.", "2026-10-20")
    assert added.step.key == "consultation" and added.source == "client" and added.status == "accepted"
    assert commitment.step.key == "synthesis" and commitment.due == datetime.date(2026, 10, 20)
    assert [i.position for i in added.step.items] == [0, 1, 2]


def test_a_commitment_becomes_an_action_once(db, session):
    commitment = item(session, "commitment")
    action = notes.plan_commitment(db, session, 0, commitment.id)
    assert (action.text, action.due, action.status, action.item) == (
        commitment.text, datetime.date(2026, 10, 9), "planned", commitment)
    assert commitment.status == "accepted"
    with pytest.raises(notes.NotesError, match="already"):
        notes.plan_commitment(db, session, 1, commitment.id)


def test_the_action_plan_is_edited_reordered_and_trimmed(db, config, session):
    notes.plan_commitment(db, session, 0, item(session, "commitment").id)
    notes.add_action(db, session, 1, "Write the welcome guide", "2026-10-31")
    notes.add_action(db, session, 2, "Meet each newcomer after a month", "")
    first, second, third = session.actions
    notes.edit_action(db, session, 3, first.id, "Send the budget to Marc", "2026-10-09", "done")
    notes.move_action(db, session, 4, third.id, "up")
    notes.move_action(db, session, 5, first.id, "up")  # already first: stays
    with pytest.raises(notes.NotesError):
        notes.move_action(db, session, 6, first.id, "sideways")
    notes.delete_action(db, session, 6, second.id)
    stored = fresh(config, session.id)
    assert [(a.position, a.text, a.status) for a in stored.actions] == [
        (0, "Send the budget to Marc", "done"), (1, "Meet each newcomer after a month", "planned")]
    assert stored.actions[1].due is None and stored.notes_version == 7


def test_validation_is_recorded_and_a_later_change_asks_for_a_new_one(db, session):
    notes.validate(db, session, 0)
    assert session.validated_at and abs(datetime.datetime.now() - session.validated_at).total_seconds() < 5
    notes.set_item_status(db, session, 1, item(session, "suggestion").id, "accepted")
    assert session.validated_at is None


def test_kept_items_before_and_after_the_client_reviews(db, session):
    assert [i.text for i in notes.kept_items(session, "suggestion")] == [
        "You could write a welcome guide.", "You could ask the senior nurses."]  # nothing reviewed: all
    notes.set_item_status(db, session, 0, item(session, "question", 1).id, "rejected")
    assert [i.text for i in notes.kept_items(session, "question")] == ["How many nurses join each month?"]
    notes.set_item_status(db, session, 1, item(session, "suggestion", 1).id, "accepted")
    assert [i.text for i in notes.kept_items(session, "suggestion")] == ["You could ask the senior nurses."]


def test_context_and_moment_of_an_item_said_in_the_second_take(db, session):
    step = session.step("clarification")
    step.recordings = [Recording(position=1, path="a.wav", duration=10.0, language="en"),
                       Recording(position=2, path="b.wav", duration=8.0, language="en")]
    texts = ["Hello.", "Thank you for coming.", "How many nurses join each month?", "About five.", "Thanks."]
    spans = [(0.0, 4.0), (4.0, 9.5), (10.5, 13.0), (13.0, 15.0), (15.0, 17.5)]
    for n, (text, (start, end)) in enumerate(zip(texts, spans)):
        step.recordings[0 if start < 10 else 1].segments.append(Segment(position=n, start=start, end=end, text=text))
    question = item(session, "question")
    question.start, question.end = 10.5, 13.0
    db.commit()
    recording, at = notes.item_moment(question)
    assert recording.position == 2 and at == pytest.approx(0.5)
    question.start = 9.996  # a take's first words, their time rounded to the hundredth
    assert [(r.position, at) for r, at in [notes.item_moment(question)]] == [(2, 0.0)]
    question.start = 10.5
    assert [(s.text, said) for s, said in notes.item_context(question)] == [
        ("Thank you for coming.", False), ("How many nurses join each month?", True), ("About five.", False)]
    added = notes.add_item(db, session, 0, "question", "Who trains them?")
    assert notes.item_moment(added) is None and notes.item_context(added) == []


def test_exports_carry_the_review(db, session):
    notes.set_item_status(db, session, 0, item(session, "suggestion").id, "accepted")
    notes.set_item_status(db, session, 1, item(session, "suggestion", 1).id, "rejected")
    notes.set_synthesis(db, session, 2, "Newcomers need a person.\nThen a procedure.")
    notes.plan_commitment(db, session, 3, item(session, "commitment").id)
    notes.add_action(db, session, 4, "Write the guide", "2026-10-31", "done")
    notes.add_action(db, session, 5, "Hire a trainer", None, "dropped")
    notes.validate(db, session, 6)

    markdown = to_markdown(session)
    assert "## Client's synthesis\n\nNewcomers need a person.  \nThen a procedure." in markdown
    assert "- You could write a welcome guide." in markdown and "senior nurses" not in markdown
    plan = markdown.split("## Action plan\n\n")[1].split("\n\n")[0]
    assert plan.splitlines() == ["- [ ] I will send the budget to my manager before Friday. — due 2026-10-09",
                                 "- [x] Write the guide — due 2026-10-31", "- ~~Hire a trainer~~ (dropped)"]
    assert "Validated by the client on" in markdown

    data = json.loads(to_json(session))
    assert data["session"]["synthesis"].startswith("Newcomers") and data["session"]["validated_at"]
    assert [(a["text"], a["status"]) for a in data["actions"]][1:] == [("Write the guide", "done"),
                                                                      ("Hire a trainer", "dropped")]
    statuses = {i["text"]: i["status"] for i in data["items"]}
    assert statuses["You could ask the senior nurses."] == "rejected"
    assert statuses["How many nurses join each month?"] == "proposed"
