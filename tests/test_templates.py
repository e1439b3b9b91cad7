"""Session templates are data files."""
import datetime

import pytest

from codev.errors import CodevError, NotFound
from codev.sessions import create_session
from codev.templates import step_definitions, template, template_ids

SIX = ["presentation", "clarification", "contract", "consultation", "synthesis", "learnings"]


def test_the_three_templates():
    assert set(template_ids()) == {"standard", "client-choice", "fast"}
    assert [s.id for s in template("standard").steps] == SIX
    assert [s.id for s in template("client-choice").steps] == ["client_choice", *SIX]
    assert [s.id for s in template("fast").steps] == SIX
    assert sum(s.timebox for s in template("fast").steps) == 30
    assert sum(s.timebox for s in template("standard").steps) >= 90


def test_every_step_is_described_in_both_languages():
    for step in step_definitions().values():
        for field in (step.label, step.objective, step.speakers, step.rules):
            assert field["fr"] and field["en"]
        assert step.timebox > 0
    assert template("standard").steps[1].label == {"fr": "Questions de clarification", "en": "Clarifying questions"}


def test_follow_up_opens_a_session(db):
    session = create_session(db, title="T", date=datetime.date(2026, 2, 11), lang="fr", follow_up=True)
    assert [s.key for s in session.steps] == ["follow_up", *SIX]
    assert [s.position for s in session.steps] == list(range(7))


def test_unknown_template_or_language(db):
    with pytest.raises(NotFound, match="Known templates: client-choice, fast, standard"):
        create_session(db, title="T", date=datetime.date(2026, 2, 11), lang="fr", template_id="marathon")
    with pytest.raises(CodevError, match="Unknown language 'de'"):
        create_session(db, title="T", date=datetime.date(2026, 2, 11), lang="de")
