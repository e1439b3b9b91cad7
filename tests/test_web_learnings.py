"""The learnings pages: one session's (with the process review), and a whole group's.

Items and takes are made through the models: what these pages show is grouping and counting;
the extraction of learnings from speech is tested with real audio elsewhere."""
import datetime
import re

from codev import notes
from codev.models import Group, GroupMember, Item, Recording
from codev.sessions import create_session


def a_session(db, title, date, lang="fr", **fields):
    session = create_session(db, title=title, date=date, lang=lang, client=fields.pop("client", None))
    for key, value in fields.items():
        setattr(session, key, value)
    return session


def test_a_sessions_learnings_and_process_review(client, db):
    session = a_session(db, "Réunions <longues>", datetime.date(2026, 11, 4), client="Ana")
    clarification, learnings = session.step("clarification"), session.step("learnings")
    clarification.recordings = [Recording(position=1, path="c.wav", duration=23 * 60 + 5, language="fr")]
    learnings.recordings = [Recording(position=1, path="l.wav", duration=5 * 60, language="fr")]
    clarification.items = [
        Item(position=0, kind="question", text="As-tu pensé à raccourcir l'ordre du jour ?", disguised_suggestion=True),
        Item(position=1, kind="suggestion", text="Tu pourrais proposer une réunion debout.")]
    learnings.items = [
        Item(position=0, kind="learning", text="J'ai appris qu'une <question> vaut mieux qu'un conseil.",
             owner="participant", start=2.0, end=5.0),
        Item(position=1, kind="learning", text="Je retiens qu'il faut laisser des silences.")]
    session.step("synthesis").items = [Item(position=0, kind="learning", text="Je prends conscience de mon rôle.",
                                            owner="client")]
    db.commit()

    response = client.get(f"/sessions/{session.id}/learnings")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="fr">' in page and "Ce que le groupe a appris" in page
    assert "Réunions &lt;longues&gt;" in page and "une &lt;question&gt; vaut" in page
    # Grouped by the step they were said in, with who said it when known.
    assert page.index("Synthèse et plan d&#39;action") < page.index("Je prends conscience") < \
        page.index("Apprentissages, régulation") < page.index("une &lt;question&gt;")
    assert "le client" in page and "un participant" in page
    assert re.search(r'<a class="play" href="/recordings/\d+/audio#t=2.00"', page)
    # The process review: counts, the utterances, time per step against the timebox.
    figures = re.findall(r'<span class="number">(\d+)</span>\s*<span>([^<]+)</span>', page)
    assert figures == [("1", "questions de clarification qui étaient des suggestions déguisées"),
                       ("1", "suggestions faites pendant la clarification")]
    assert "« As-tu pensé à raccourcir l&#39;ordre du jour ? »" in page
    over = re.search(r'<tr class="over"><td>Questions de clarification</td>.*?</tr>', page, re.S).group(0)
    assert "23:05" in over and "20 min" in over and "03:05" in over
    assert re.search(r"<tr><td>Apprentissages, régulation</td><td class=\"num\">05:00</td>", page)


def test_a_set_aside_learning_is_not_shown_and_an_empty_session_says_so(client, db):
    session = a_session(db, "Vide", datetime.date(2026, 11, 4), lang="en")
    session.step("learnings").items = [Item(position=0, kind="learning", text="Not a learning at all.")]
    db.commit()
    notes.set_item_status(db, session, 0, session.step("learnings").items[0].id, "rejected")
    page = client.get(f"/sessions/{session.id}/learnings").get_data(as_text=True)
    assert "Not a learning at all." not in page
    assert "No learning recorded in this session yet." in page and "No step recorded yet." in page


def test_the_learnings_of_a_group_across_its_cycles(client, db):
    group = Group(name="Cadres de santé", members=[GroupMember(position=i, name=n)
                                                   for i, n in enumerate(["Laura", "Ana", "Bruno"])])
    db.add(group)
    first = a_session(db, "Accueil des infirmières", datetime.date(2026, 10, 7), client="Laura", group=group, cycle=1)
    second = a_session(db, "Réunions trop longues", datetime.date(2026, 11, 4), client="Ana", group=group, cycle=1)
    a_session(db, "Planning d'été", datetime.date(2027, 1, 13), client="Bruno", group=group, cycle=2)
    first.step("learnings").items = [Item(position=0, kind="learning", text="Écouter prend du temps.")]
    second.step("learnings").items = [Item(position=0, kind="learning", text="Une question vaut mieux qu'un conseil.")]
    second.step("clarification").items = [Item(position=0, kind="question", text="Et si tu votais ?",
                                                disguised_suggestion=True)]
    a_session(db, "Hors groupe", datetime.date(2026, 10, 8)).step("learnings").items = [
        Item(position=0, kind="learning", text="Pas de ce groupe.")]
    db.commit()

    response = client.get(f"/groups/{group.id}/learnings", headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Apprentissages du groupe" in page and "Laura, Ana, Bruno" in page
    assert page.index("Cycle 1") < page.index("Écouter prend du temps.") < \
        page.index("Une question vaut mieux") < page.index("Cycle 2") < page.index("Planning d&#39;été")
    assert "Pas de ce groupe." not in page
    assert f'href="/sessions/{second.id}/learnings"' in page
    assert "Suggestions déguisées : 1" in page and "Aucun apprentissage enregistré." in page  # the third
    assert client.get(f"/groups/{group.id}/learnings", headers={"Accept-Language": "en"}).get_data(
        as_text=True).count("Learnings of the group") == 1


def test_unknown_learnings_pages_are_404(client):
    assert client.get("/sessions/999/learnings").status_code == 404
    assert client.get("/groups/999/learnings").status_code == 404
