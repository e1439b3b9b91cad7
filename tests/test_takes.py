"""Extraction run again on a step (a new take) keeps what the client reviewed."""
import datetime

import pytest

import summarise
from codev.models import Item, Recording, Segment
from codev.sessions import create_session
from codev.takes import replace_items


def clarification_with(db, *texts):
    # The segments are written directly: what is tested is re-extraction, not transcription.
    session = create_session(db, title="T", date=datetime.date(2026, 1, 14), lang="fr")
    step = session.step("clarification")
    step.recordings.append(Recording(position=1, path="a.wav", duration=30.0, language="fr",
                                     segments=[Segment(position=i, start=5.0 * i, end=5.0 * i + 4, text=t)
                                               for i, t in enumerate(texts)]))
    replace_items(step)
    db.commit()
    return step


def test_reviewed_items_survive_and_are_not_proposed_again(db):
    # Two questions in one segment share its times: the text tells them apart.
    step = clarification_with(db, "Combien de parents sont mobilisés ? Que dit l'inspection ?",
                              "As-tu pensé à refaire un vote ?")
    assert [i.text for i in step.items] == ["Combien de parents sont mobilisés ?", "Que dit l'inspection ?",
                                           "As-tu pensé à refaire un vote ?"]
    first, second, third = step.items
    first.status = "accepted"
    second.text, second.edited = "Que dit l'inspectrice ?", True
    third.status = "rejected"
    db.commit()

    step.recordings[0].segments.append(Segment(position=2, start=12.0, end=15.0, text="Depuis quand es-tu en poste ?"))
    replace_items(step)
    db.commit()
    assert [(i.text, i.status) for i in step.items] == [
        ("Combien de parents sont mobilisés ?", "accepted"),
        ("Que dit l'inspectrice ?", "proposed"),
        ("As-tu pensé à refaire un vote ?", "rejected"),
        ("Depuis quand es-tu en poste ?", "proposed"),
    ]
    assert [i.position for i in step.items] == [0, 1, 2, 3]


def test_untouched_items_are_extracted_afresh(db):
    step = clarification_with(db, "Combien de parents sont mobilisés ?")
    step.recordings[0].segments[0].text = "Combien de familles sont mobilisées ?"  # a better transcription
    replace_items(step)
    db.commit()
    assert [i.text for i in step.items] == ["Combien de familles sont mobilisées ?"]


def test_reviewing_one_question_of_a_segment_keeps_the_other(db):
    step = clarification_with(db, "Combien de parents sont mobilisés ? Que dit l'inspection ?")
    step.items[0].status = "accepted"
    db.commit()
    replace_items(step)
    db.commit()
    assert [(i.text, i.status) for i in step.items] == [("Combien de parents sont mobilisés ?", "accepted"),
                                                        ("Que dit l'inspection ?", "proposed")]


@pytest.fixture
def numbered_runs(monkeypatch):
    """Real extraction, each run's reasons marked with its number: a stored `why` shows which
    extraction it came from."""
    real, runs = summarise.extract, []

    def extract(*args, **kwargs):
        runs.append(len(runs) + 1)
        found = real(*args, **kwargs)
        for f in found:
            f.why = f"{f.why} (run {runs[-1]})"
        return found

    monkeypatch.setattr(summarise, "extract", extract)


def test_why_an_item_was_found_is_stored_and_follows_the_extraction(db, numbered_runs):
    step = clarification_with(db, "Combien de parents sont mobilisés ? Que dit l'inspection ?",
                              "As-tu pensé à refaire un vote ?")
    assert all(i.why.endswith("(run 1)") for i in step.items)
    accepted, edited, rejected = step.items
    accepted.status = "accepted"
    edited.text, edited.edited = "Que dit l'inspectrice ?", True
    rejected.status = "rejected"
    step.items.append(Item(position=3, kind="question", text="Qui décide ?", status="accepted", source="client"))
    db.commit()

    # A better transcription: the rejected question is no longer said that way.
    step.recordings[0].segments[1].text = "As-tu pensé à refaire un sondage ?"
    replace_items(step)
    db.commit()
    why = {i.text: i.why for i in step.items}
    # The same words found again: the reason is the new extraction's, the client's edit included.
    assert why["Combien de parents sont mobilisés ?"].endswith("(run 2)")
    assert why["Que dit l'inspectrice ?"].endswith("(run 2)")
    assert why["As-tu pensé à refaire un sondage ?"].endswith("(run 2)")
    assert why["As-tu pensé à refaire un vote ?"].endswith("(run 1)")  # not found again: as it was found
    assert why["Qui décide ?"] is None  # added by hand: nothing was extracted


def test_real_extraction_says_why_it_found_every_item(db):
    step = clarification_with(db, "Combien de parents sont mobilisés ?", "As-tu pensé à refaire un vote ?",
                              "Depuis quand es-tu en poste ?")
    assert step.items
    assert all(i.why and i.why.strip() for i in step.items), [(i.text, i.why) for i in step.items]
