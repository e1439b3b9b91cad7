"""The process review a facilitator gives the group in the learnings step."""
import datetime
import json

from codev.models import Item, Recording
from codev.sessions import create_session


def session_with_a_clarification(db, lang="fr"):
    session = create_session(db, title="Revue", date=datetime.date(2026, 1, 14), lang=lang)
    clarification, consultation = session.step("clarification"), session.step("consultation")
    clarification.recordings.append(Recording(position=1, path="x.wav", duration=23 * 60 + 5, language=lang))
    consultation.recordings.append(Recording(position=1, path="y.wav", duration=12 * 60, language=lang))
    clarification.items = [
        Item(position=0, kind="question", text="Combien de parents sont mobilisés ?"),
        Item(position=1, kind="question", text="As-tu pensé à refaire un vote ?", disguised_suggestion=True),
        Item(position=2, kind="question", text="Pourquoi tu ne fais pas une réunion ?", disguised_suggestion=True),
        Item(position=3, kind="suggestion", text="Tu pourrais écrire aux familles."),
    ]
    consultation.items = [Item(position=0, kind="suggestion", text="Tu pourrais inviter les parents.")]
    db.commit()
    return session


def test_export_counts_disguised_and_early_suggestions_and_overruns(codev, db):
    session = session_with_a_clarification(db)
    review = json.loads(codev("export", session.id, "--format", "json").stdout)["process_review"]
    assert review["disguised_suggestions"]["count"] == 2
    assert [i["text"] for i in review["disguised_suggestions"]["items"]] == [
        "As-tu pensé à refaire un vote ?", "Pourquoi tu ne fais pas une réunion ?"]
    assert review["suggestions_in_clarification"]["count"] == 1  # the consultation's does not count
    times = {t["step"]: t for t in review["step_times"]}
    assert times["clarification"]["overrun"] == 185.0  # 23:05 against 20 minutes
    assert times["consultation"]["overrun"] == 0.0
    assert set(times) == {"clarification", "consultation"}  # steps not recorded are not judged


def test_show_and_markdown_print_the_review(codev, db):
    session = session_with_a_clarification(db)
    for output in (codev("show", session.id).stdout, codev("export", session.id, "--format", "md").stdout):
        assert "Régulation" in output
        assert "suggestions déguisées: 2" in output
        assert "Suggestions faites pendant la clarification: 1" in output
        assert "Questions de clarification: 23:05 / 20 min (dépassement de 03:05)" in output
        assert "Consultation: 12:00 / 25 min" in output and "Consultation: 12:00 / 25 min (" not in output
