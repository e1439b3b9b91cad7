"""The client's notes to take away: Word, Markdown and the page for printing.

Items are made through the models and reviewed through the core: the exports are about what
the client kept; speech would add only time here (test_web_review plays real speech)."""
import datetime
import io
import re

import docx
import pytest

from codev import notes
from codev.models import Item
from codev.sessions import create_session


@pytest.fixture
def session(db):
    session = create_session(db, title="Accueil des infirmières", date=datetime.date(2026, 10, 7), lang="fr",
                             client="Laura", participants=["Ana", "Bruno"])
    session.step("contract").items = [Item(position=0, kind="demand", text="Aidez-moi à mieux accueillir.")]
    session.step("clarification").items = [
        Item(position=0, kind="question", text="Combien arrivent chaque mois ?"),
        Item(position=1, kind="question", text="As-tu pensé à un tuteur ?", disguised_suggestion=True)]
    session.step("consultation").items = [
        Item(position=0, kind="suggestion", text="Tu pourrais écrire un livret d'accueil."),
        Item(position=1, kind="suggestion", text="Tu pourrais tout arrêter.")]
    session.step("synthesis").items = [
        Item(position=0, kind="commitment", text="Je vais envoyer le budget avant vendredi.",
             due=datetime.date(2026, 10, 9), due_text="avant vendredi")]
    session.step("learnings").items = [Item(position=0, kind="learning", text="J'apprends à écouter.")]
    db.commit()
    suggestions = session.step("consultation").items
    notes.set_item_status(db, session, 0, suggestions[0].id, "accepted")
    notes.set_item_status(db, session, 1, suggestions[1].id, "rejected")
    notes.set_synthesis(db, session, 2, "Un nouveau a besoin d'une personne.\nPuis d'une procédure.")
    notes.plan_commitment(db, session, 3, session.step("synthesis").items[0].id)
    notes.add_action(db, session, 4, "Écrire le livret", "2026-10-31", "done")
    notes.add_action(db, session, 5, "Recruter un formateur", None, "dropped")
    notes.validate(db, session, 6)
    return session


def test_the_word_document(client, session):
    response = client.get(f"/sessions/{session.id}/notes.docx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert 'filename=2026-10-07-Accueil_des_infirmieres.docx' in response.headers["Content-Disposition"]

    document = docx.Document(io.BytesIO(response.data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    text = "\n".join(t for _, t in paragraphs)
    assert paragraphs[0] == ("Title", "Accueil des infirmières")
    assert "2026-10-07 · Client : Laura" in text and "Participants : Laura, Ana, Bruno" in text
    headings = [t for style, t in paragraphs if style == "Heading 1"]
    assert headings == ["Demande", "Questions posées", "Suggestions reçues", "Synthèse du client", "Plan d'action",
                        "Apprentissages"]
    bullets = [t for style, t in paragraphs if style == "List Bullet"]
    assert bullets == ["Aidez-moi à mieux accueillir.", "Combien arrivent chaque mois ?",
                       "As-tu pensé à un tuteur ? (suggestion déguisée)", "Tu pourrais écrire un livret d'accueil.",
                       "J'apprends à écouter."]  # the suggestion set aside is not there
    assert "Un nouveau a besoin d'une personne.\nPuis d'une procédure." in text
    assert "Validé par le client le" in text
    [table] = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Action", "Échéance", "Statut"],
        ["Je vais envoyer le budget avant vendredi.", "2026-10-09", "prévue"],
        ["Écrire le livret", "2026-10-31", "faite"],
        ["Recruter un formateur", "", "abandonnée"]]


def test_before_any_review_the_plan_lists_the_commitments(client, db):
    session = create_session(db, title="Plain", date=datetime.date(2026, 10, 7), lang="en")
    session.step("synthesis").items = [Item(position=0, kind="commitment", text="I will call Marc.",
                                            due=datetime.date(2026, 10, 9))]
    db.commit()
    document = docx.Document(io.BytesIO(client.get(f"/sessions/{session.id}/notes.docx").data))
    assert [[c.text for c in row.cells] for row in document.tables[0].rows] == [
        ["Action", "Due", "Status"], ["I will call Marc.", "2026-10-09", ""]]
    assert "Nothing recorded." in [p.text for p in document.paragraphs]  # e.g. no synthesis yet


def test_the_markdown(client, session):
    response = client.get(f"/sessions/{session.id}/notes.md")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    assert "attachment" in response.headers["Content-Disposition"]
    markdown = response.get_data(as_text=True)
    assert markdown.startswith("# Accueil des infirmières\n")
    assert "## Synthèse du client\n\nUn nouveau a besoin d'une personne.  \nPuis d'une procédure.\n" in markdown
    assert "- Tu pourrais écrire un livret d'accueil." in markdown and "tout arrêter" not in markdown
    assert "- [ ] Je vais envoyer le budget avant vendredi. — échéance 2026-10-09\n" \
           "- [x] Écrire le livret — échéance 2026-10-31\n" \
           "- ~~Recruter un formateur~~ (abandonnée)\n" in markdown
    assert "## Régulation : le processus" in markdown and "*Validé par le client le" in markdown


def test_the_page_for_printing(client, session):
    response = client.get(f"/sessions/{session.id}/print")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="fr">' in page and 'class="paper"' in page and "data-print" in page
    assert "Imprimer ou enregistrer en PDF" in page and f'href="/sessions/{session.id}/notes.docx"' in page
    assert "Tu pourrais écrire un livret d&#39;accueil." in page and "tout arrêter" not in page
    rows = re.findall(r"<tr class=\"(\w*)\"><td>([^<]+)</td><td class=\"date\">([^<]*)</td><td>([^<]*)</td></tr>", page)
    assert rows == [("planned", "Je vais envoyer le budget avant vendredi.", "9 oct. 2026", "prévue"),
                    ("done", "Écrire le livret", "31 oct. 2026", "faite"),
                    ("dropped", "Recruter un formateur", "", "abandonnée")]
    assert "<p>Un nouveau a besoin d&#39;une personne.</p><p>Puis d&#39;une procédure.</p>" in page
    css = client.get("/static/style.css").get_data(as_text=True)
    printing = css[css.index("@media print"):]
    assert ".bar" in printing and ".print-tools" in printing and "button" in printing and "display: none" in printing


def test_the_clients_notes_leave_out_why_items_were_extracted(client, db, session):
    for step in session.steps:
        for item in step.items:
            item.why = f"{item.kind}: «règle-{item.id}»"
    db.commit()
    markdown = client.get(f"/sessions/{session.id}/notes.md").get_data(as_text=True)
    printed = client.get(f"/sessions/{session.id}/print").get_data(as_text=True)
    document = docx.Document(io.BytesIO(client.get(f"/sessions/{session.id}/notes.docx").data))
    word = "\n".join(p.text for p in document.paragraphs)
    assert "Tu pourrais écrire un livret d'accueil." in markdown and "livret d&#39;accueil" in printed
    for text in (markdown, printed, word):
        assert "règle-" not in text and "Pourquoi" not in text


def test_unknown_sessions_are_404(client):
    for path in ("notes.docx", "notes.md", "print"):
        assert client.get(f"/sessions/999/{path}").status_code == 404
