"""Corrections of the transcript by hand (codev/transcript.py, web/transcript.py, `codev transcript`):
a line corrected from the client's review and from the console, the step's items extracted again
with the client's reviewed items kept, the line shown as corrected and undone; a name replaced
everywhere; who may correct what; bad input; the take's audio heard from a line.

The real app through its test client with CSRF on, a real database file, real spaCy extraction.
The segments are realistic ones written here (what is tested is what follows a correction, not
transcription), over a real take of Pico speech; the browser test transcribes real speech."""
import datetime
import html
import json
import re
import shutil

import pytest
from sqlalchemy import text as sql

import summarise
from codev import transcript
from codev.models import Job, Recording, Segment, Session
from codev.sessions import create_session
from codev.store import open_database
from codev.takes import replace_items
from pico_speech import speak as pico
from test_links import ELSEWHERE, access_links
from test_web_groups import csrf_token
from web import create_app

# A clarification step where Whisper heard "Monique" for Monica, the client's head of nursing.
HEARD = [
    "Merci Laura pour ton exposé, on passe aux questions.",
    "Est-ce que tu as déjà parlé de ce projet à Monique ?",
    "Combien d'infirmières sont arrivées cette année ? Qui les accueille le premier jour ?",
    "As-tu pensé à demander l'avis de Monique ?",
    "Oui, MONIQUE, c'est la cadre de nuit, et monique-la-nuit c'est son surnom.",
]
ASKED_MONIQUE = "Est-ce que tu as déjà parlé de ce projet à Monique ?"
ASKED_MONICA = "Est-ce que tu as déjà parlé de ce projet à Monica ?"


@pytest.fixture(scope="session")
def spoken(tmp_path_factory):
    """A real WAV of the first lines, as the take's audio."""
    return pico(" ".join(HEARD[:2]), "fr", tmp_path_factory.mktemp("pico"))


def clarification(db, home, spoken, lang="fr") -> Session:
    session = create_session(db, title="Accueil des infirmières", date=datetime.date(2026, 10, 7), lang=lang,
                             client="Laura", participants=["Laura", "Ana", "Bruno"])
    step = session.step("clarification")
    path = home / "sessions" / "take.wav"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(spoken, path)
    step.recordings.append(Recording(
        position=1, path="sessions/take.wav", duration=25.0, language=lang, status="ready",
        job=Job(status="done", done_until=25.0),
        segments=[Segment(position=n, start=5.0 * n, end=5.0 * n + 4.5, text=text) for n, text in enumerate(HEARD)]))
    replace_items(step)
    db.commit()
    return session


@pytest.fixture
def session(db, home, spoken) -> Session:
    return clarification(db, home, spoken)


def fresh(db, session_id) -> Session:
    db.expire_all()
    return db.get(Session, session_id)


def items(db, session_id) -> dict[str, tuple[str, bool, str]]:
    """The clarification's items: text -> (status, edited, the words extraction found)."""
    return {i.text: (i.status, i.edited, i.extracted_text)
            for i in fresh(db, session_id).step("clarification").items}


def line_id(db, session_id, number: int) -> int:
    return fresh(db, session_id).step("clarification").segments[number].id


def review_page(client, session_id) -> str:
    response = client.get(f"/sessions/{session_id}/review")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def line_html(page: str, segment_id: int) -> str:
    """The first line `segment_id` drawn on a page."""
    return page.split(f'data-line="{segment_id}"')[1].split('<div class="line')[0]


def review_form(client, session_id: int, action: str, **fields):
    """Send a form of the review page, as the page's form sends it (its CSRF token included)."""
    page = review_page(client, session_id)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert f'action="{action}"' in page, f"no form for {action} on the review page"
    return client.post(action, data={"csrf_token": token, "page": "review", **fields})


def console_post(client, url, token, **body):
    """A write as the console's script sends it."""
    return client.post(url, json=body, headers={"X-CSRFToken": token, "Accept": "application/json"})


def set_review(db, session_id, **changes):
    """The client's review, as the review page stores it: text start -> (status, edited text)."""
    for item in fresh(db, session_id).step("clarification").items:
        for start, (status, text) in changes.items():
            if item.text.startswith(start):
                item.status = status
                if text:
                    item.text, item.edited = text, True
    db.commit()


def test_a_line_corrected_in_the_review_the_items_follow_and_undo_puts_it_back(client, db, session):
    set_review(db, session.id, **{"Est-ce que": ("accepted", None),
                                  "Combien": ("accepted", "Combien de nouvelles infirmières cette année ?"),
                                  "Qui les": ("rejected", None)})
    asked = line_id(db, session.id, 1)

    response = review_form(client, session.id, f"/sessions/{session.id}/lines/{asked}",
                           text=ASKED_MONICA, was=ASKED_MONIQUE)
    assert response.status_code == 303 and response.location.endswith(f"#line-{asked}")
    found = items(db, session.id)
    # The accepted question follows the corrected words and stays accepted; nothing is proposed twice.
    assert found[ASKED_MONICA] == ("accepted", False, ASKED_MONICA)
    assert ASKED_MONIQUE not in found
    # Reviewed items elsewhere are as the client left them; the one left proposed is extracted afresh.
    assert found["Combien de nouvelles infirmières cette année ?"] == (
        "accepted", True, "Combien d'infirmières sont arrivées cette année ?")
    assert found["Qui les accueille le premier jour ?"][0] == "rejected"
    assert found["As-tu pensé à demander l'avis de Monique ?"][0] == "proposed"
    segment = fresh(db, session.id).step("clarification").segments[1]
    assert (segment.text, segment.heard_text, segment.corrected_by) == (ASKED_MONICA, ASKED_MONIQUE, "client")

    # The page shows the line corrected, with what was heard.
    line = html.unescape(line_html(review_page(client, session.id), asked))
    assert 'class="tag corrected"' in line and ASKED_MONIQUE in line and ASKED_MONICA in line

    # Undone: the line is what Whisper heard, and the accepted question follows it back.
    response = review_form(client, session.id, f"/sessions/{session.id}/lines/{asked}/undo")
    assert response.status_code == 303
    found = items(db, session.id)
    assert found[ASKED_MONIQUE] == ("accepted", False, ASKED_MONIQUE) and ASKED_MONICA not in found
    segment = fresh(db, session.id).step("clarification").segments[1]
    assert (segment.text, segment.heard_text, segment.corrected_by) == (ASKED_MONIQUE, None, None)
    assert 'class="tag corrected"' not in line_html(review_page(client, session.id), asked)


def test_an_edited_item_keeps_the_clients_words_and_is_not_proposed_again(client, db, session):
    set_review(db, session.id, Combien=("accepted", "Combien de nouvelles infirmières cette année ?"))
    numbers = line_id(db, session.id, 2)
    corrected = "Combien d'infirmières sont arrivées depuis janvier ? Qui les accueille le premier jour ?"
    assert review_form(client, session.id, f"/sessions/{session.id}/lines/{numbers}", text=corrected,
                       was=HEARD[2]).status_code == 303
    found = items(db, session.id)
    assert found["Combien de nouvelles infirmières cette année ?"] == (
        "accepted", True, "Combien d'infirmières sont arrivées depuis janvier ?")
    assert "Combien d'infirmières sont arrivées depuis janvier ?" not in found  # not proposed beside it
    assert "Combien d'infirmières sont arrivées cette année ?" not in found


def test_validated_notes_whose_words_change_need_a_new_validation(client, db, session):
    set_review(db, session.id, **{"Est-ce que": ("accepted", None)})
    stored = fresh(db, session.id)
    stored.validated_at, version = datetime.datetime(2026, 10, 7, 18), stored.notes_version
    db.commit()
    review_form(client, session.id, f"/sessions/{session.id}/lines/{line_id(db, session.id, 1)}",
                text=ASKED_MONICA, was=ASKED_MONIQUE)
    stored = fresh(db, session.id)
    assert stored.validated_at is None and stored.notes_version == version + 1


def test_the_console_corrects_a_line_and_shows_it_corrected(client, db, session):
    token = csrf_token(client, f"/sessions/{session.id}/console?step=clarification")
    status = client.get(f"/sessions/{session.id}/console/status?step=clarification").json
    line = status["step"]["transcript"][3]
    assert line["text"] == HEARD[3] and line["heard_text"] is None and line["editable"]
    assert line["audio_url"] == f"/recordings/{session.step('clarification').recordings[0].id}/audio"
    assert line["at"] == 15.0 and line["clock"] == "00:15"

    corrected = "As-tu pensé à demander l'avis de Monica ?"
    answer = console_post(client, line["url"], token, text=corrected, was=line["text"], page="console")
    assert answer.status_code == 200, answer.json
    assert answer.json["line"]["heard_text"] == HEARD[3] and answer.json["line"]["corrected_by"] == "facilitator"
    status = client.get(f"/sessions/{session.id}/console/status?step=clarification").json
    assert status["step"]["transcript"][3]["text"] == corrected
    assert status["step"]["transcript"][3]["heard_text"] == HEARD[3]
    # The disguised suggestion nobody reviewed is extracted again from the corrected words.
    questions = {i["text"]: i for i in status["step"]["items"]}
    assert questions[corrected]["disguised_suggestion"] and HEARD[3] not in questions

    # The same line changed meanwhile elsewhere: this stale correction is refused, nothing lost.
    stale = console_post(client, line["url"], token, text="Autre chose ?", was=line["text"])
    assert stale.status_code == 409 and "modifiée ailleurs" in stale.json["error"]  # in the session's French
    assert console_post(client, line["url"] + "/undo", token).status_code == 200
    assert fresh(db, session.id).step("clarification").segments[3].text == HEARD[3]
    again = console_post(client, line["url"] + "/undo", token)
    assert again.status_code == 409 and "pas de correction à annuler" in again.json["error"]

    # A name replaced everywhere from the console: how many lines, and each of them as it is now.
    answer = console_post(client, f"/sessions/{session.id}/transcript/replace", token, old="Monique", new="Monica")
    assert answer.status_code == 200 and answer.json["changed"] == 3
    assert answer.json["message"] == "Remplacé dans 3 lignes, chacune marquée comme corrigée."
    assert [(line["text"], line["corrected_by"]) for line in answer.json["lines"]][0] == (ASKED_MONICA, "facilitator")


def test_replace_everywhere_keeps_case_and_whole_words_and_marks_each_line(client, db, session):
    set_review(db, session.id, **{"As-tu": ("rejected", None)})
    response = review_form(client, session.id, f"/sessions/{session.id}/transcript/replace", old="monique",
                           new="Monica")
    assert response.status_code == 303 and "replaced=3" in response.location
    lines = fresh(db, session.id).step("clarification").segments
    assert [s.text for s in lines[1:]] == [
        ASKED_MONICA, HEARD[2], "As-tu pensé à demander l'avis de Monica ?",
        "Oui, MONICA, c'est la cadre de nuit, et Monica-la-nuit c'est son surnom."]
    assert [s.heard_text is not None for s in lines] == [False, True, False, True, True]
    found = items(db, session.id)
    assert found[ASKED_MONICA][0] == "proposed"  # not reviewed: extracted afresh
    assert found["As-tu pensé à demander l'avis de Monica ?"][0] == "rejected"  # set aside, and stays so
    notice = client.get(response.location).get_data(as_text=True).split('class="notice"')[1].split("</p>")[0]
    assert "Remplacé dans 3 lignes" in notice

    # Nothing left to replace: said, and nothing changes.
    again = review_form(client, session.id, f"/sessions/{session.id}/transcript/replace", old="Monique", new="Monica")
    assert again.status_code == 400 and "Monique" in html.unescape(again.get_data(as_text=True))
    # Each line undone on its own.
    assert review_form(client, session.id, f"/sessions/{session.id}/lines/{lines[4].id}/undo").status_code == 303
    assert fresh(db, session.id).step("clarification").segments[4].text == HEARD[4]


def test_the_command_shows_corrects_replaces_and_undoes(codev, db, session):
    shown = codev("transcript", "show", session.id, "clarification").stdout
    asked = line_id(db, session.id, 1)
    assert f"{asked}  [00:05]  {ASKED_MONIQUE}" in shown
    set_review(db, session.id, **{"Est-ce que": ("accepted", None)})

    out = codev("transcript", "correct", session.id, asked, ASKED_MONICA).stdout
    assert ASKED_MONICA in out and f"heard: «{ASKED_MONIQUE}»" in out
    assert items(db, session.id)[ASKED_MONICA] == ("accepted", False, ASKED_MONICA)

    dry = codev("transcript", "replace", session.id, "Monique", "Monica", "--dry-run").stdout
    assert "2 lines would change." in dry
    assert fresh(db, session.id).step("clarification").segments[3].heard_text is None
    assert "2 lines changed." in codev("transcript", "replace", session.id, "Monique", "Monica").stdout
    shown = codev("transcript", "show", session.id).stdout
    assert shown.count("corrected by the facilitator") == 3
    lines = [line for step in json.loads(codev("export", session.id, "--format", "json").stdout)["steps"]
             for line in step["segments"]]
    corrected = [line for line in lines if line.get("corrected_by") == "facilitator"]
    assert len(corrected) == 3 and ASKED_MONIQUE in [line["heard_text"] for line in corrected]
    assert not any("heard_text" in line for line in lines if line not in corrected)

    assert ASKED_MONIQUE in codev("transcript", "undo", session.id, asked).stdout
    assert items(db, session.id)[ASKED_MONIQUE] == ("accepted", False, ASKED_MONIQUE)

    other = create_session(db, title="Autre", date=datetime.date(2026, 10, 8), lang="fr")
    for args, said in ((("correct", other.id, asked, "x"), f"Session {other.id} has no transcript line {asked}"),
                       (("correct", session.id, "999999", "x"), "no transcript line 999999"),
                       (("correct", session.id, asked, " \x1b "), "is empty"),
                       (("correct", session.id, asked, "x" * 2001), "the limit is 2000"),
                       (("undo", session.id, asked), "no correction to undo"),
                       (("replace", session.id, "Zorglub", "Z"), "No line of session")):
        result = codev("transcript", *args, ok=False)
        assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert items(db, session.id)[ASKED_MONIQUE] == ("accepted", False, ASKED_MONIQUE)


def test_bad_input_gets_a_message_and_changes_nothing(client, db, session):
    asked = line_id(db, session.id, 1)
    url = f"/sessions/{session.id}/lines/{asked}"
    too_long = "Monica " * 400
    page = review_form(client, session.id, url, text=too_long, was=ASKED_MONIQUE)
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 400 and "2799 caractères ; la limite est de 2000" in text
    assert too_long.strip() in text  # given back to be copied
    assert review_form(client, session.id, url, text="  ", was=ASKED_MONIQUE).status_code == 400
    # Another session's line, and a line gone with its take: clearly not here.
    other = create_session(db, title="Other", date=datetime.date(2026, 10, 8), lang="en")
    token = csrf_token(client, f"/sessions/{other.id}/console")
    answer = console_post(client, f"/sessions/{other.id}/lines/{asked}", token, text="x")
    assert answer.status_code == 404 and "is another session's" in answer.json["error"]
    answer = console_post(client, f"/sessions/{session.id}/lines/99999", token, text="x")
    assert answer.status_code == 404 and "prise supprimée" in answer.json["error"]
    assert client.post(url, data={"text": "Sans jeton"}).status_code == 400  # no CSRF token
    segment = fresh(db, session.id).step("clarification").segments[1]
    assert (segment.text, segment.heard_text) == (ASKED_MONIQUE, None)

    # Hostile text is text: control characters dropped, markup shown as typed, never run.
    typed = "Est-ce que tu as parlé à <script>alert(1)</script> \x1b[2J Monica ?"
    assert review_form(client, session.id, url, text=typed, was=ASKED_MONIQUE).status_code == 303
    segment = fresh(db, session.id).step("clarification").segments[1]
    assert segment.text == "Est-ce que tu as parlé à <script>alert(1)</script> [2J Monica ?"
    page = review_page(client, session.id)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_step_being_transcribed_is_corrected_once_done(client, db, session):
    job = fresh(db, session.id).step("clarification").recordings[0].job
    job.status, job.pid = "running", __import__("os").getpid()
    db.commit()
    token = csrf_token(client, f"/sessions/{session.id}/console")
    answer = console_post(client, f"/sessions/{session.id}/lines/{line_id(db, session.id, 1)}", token, text="x")
    assert answer.status_code == 409 and "en cours d'enregistrement ou de transcription" in answer.json["error"]
    status = client.get(f"/sessions/{session.id}/console/status?step=clarification").json
    assert not any(line["editable"] for line in status["step"]["transcript"])


@pytest.fixture
def lan_app(home):
    return create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True, "WTF_CSRF_ENABLED": False})


@pytest.mark.parametrize("role", ["facilitator", "client", "participant", "nobody"])
def test_who_may_correct_which_lines(lan_app, db, session, role):
    """From another computer: the facilitator's link corrects any line, the client's the lines of
    their review (the lines around their items), the participants' and no link none."""
    browser = lan_app.test_client()
    if role != "nobody":
        assert browser.get(f"/s/{access_links(db, session)[role]}", environ_base=ELSEWHERE).status_code == 302
    session.step("learnings").recordings.append(Recording(
        position=1, path="x.wav", duration=5.0, language="fr", status="ready", job=Job(status="done"),
        segments=[Segment(position=0, start=0.0, end=4.0, text="J'ai appris à écouter Monique.")]))
    db.commit()
    in_review, outside = line_id(db, session.id, 1), session.step("learnings").segments[0].id

    def post(path, **form):
        return browser.post(f"/sessions/{session.id}{path}", data={"page": "console", **form},
                            environ_base=ELSEWHERE).status_code

    expected = {"facilitator": (303, 303, 303), "client": (303, 403, 303),
                "participant": (403, 403, 403), "nobody": (403, 403, 403)}[role]
    got = (post(f"/lines/{in_review}", text=ASKED_MONICA, was=ASKED_MONIQUE),
           post(f"/lines/{outside}", text="J'ai appris à écouter Monica."),
           post("/transcript/replace", old="Monique", new="Monica"))
    assert got == expected
    lines = {s.id: s for s in fresh(db, session.id).step("clarification").segments}
    learnings = fresh(db, session.id).step("learnings").segments[0]
    if role in ("facilitator", "client"):
        assert lines[in_review].corrected_by == role and lines[in_review].text == ASKED_MONICA
        # The client's "everywhere" is every line they may correct: not the learnings they do not see.
        assert ("Monica" in learnings.text) == (role == "facilitator")
    else:
        assert all(s.heard_text is None for s in lines.values()) and "Monique" in learnings.text


def test_the_take_plays_from_a_line_with_ranges_or_says_its_audio_was_deleted(client, db, session, spoken):
    recording = session.step("clarification").recordings[0]
    page = review_page(client, session.id)
    play = re.search(r'<a class="play when" href="(/recordings/(\d+)/audio)#t=([\d.]+)"\s+data-start="([\d.]+)"',
                     line_html(page, line_id(db, session.id, 1)))
    assert int(play.group(2)) == recording.id and float(play.group(3)) == float(play.group(4)) == 5.0
    whole = spoken.read_bytes()
    part = client.get(play.group(1), headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.data == whole[100:200]
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(whole)}"

    recording = fresh(db, session.id).step("clarification").recordings[0]
    recording.audio_deleted_at = datetime.datetime(2026, 11, 7, 9)
    db.commit()
    gone = client.get(play.group(1))
    assert gone.status_code == 410 and "2026-11-07" in gone.get_data(as_text=True)
    line = line_html(review_page(client, session.id), line_id(db, session.id, 1))
    assert 'class="play' not in line and "no-audio" in line and "2026-11-07" in line


def test_words_play_from_themselves_until_the_line_is_corrected(client, db, session):
    segment = fresh(db, session.id).step("clarification").segments[1]
    words = ASKED_MONIQUE.split(" ")
    segment.words = [[5.0 + 0.4 * n, 5.3 + 0.4 * n, (" " if n else "") + w] for n, w in enumerate(words)]
    db.commit()
    spans = re.findall(r'<span class="w" data-start="([\d.]+)">([^<]*)</span>', line_html(review_page(client, session.id),
                                                                                          segment.id))
    assert [html.unescape(w).strip() for _, w in spans] == words and spans[-2] == ("9.00", " Monique")
    review_form(client, session.id, f"/sessions/{session.id}/lines/{segment.id}", text=ASKED_MONICA,
                was=ASKED_MONIQUE)
    assert 'class="w"' not in line_html(review_page(client, session.id), segment.id)  # the words no longer match


@pytest.fixture
def during_extraction(monkeypatch):
    """during_extraction(work): `work` runs once, in the middle of the next real extraction."""
    real, pending = summarise.extract, []

    def extract(*args, **kwargs):
        while pending:
            pending.pop()()
        return real(*args, **kwargs)

    monkeypatch.setattr(summarise, "extract", extract)
    return pending.append


def test_extraction_keeps_no_lock_on_the_database(config, db, session, during_extraction):
    """spaCy's seconds on a long step: a transcription storing its segments meanwhile is not kept
    waiting (SQLite lets one writer in at a time)."""
    other = open_database(config.database)()
    other.execute(sql("PRAGMA busy_timeout = 0"))  # waiting for a lock fails at once

    def store_a_segment():
        recording = other.get(Recording, session.step("clarification").recordings[0].id)
        recording.segments.append(Segment(position=99, start=30.0, end=31.0, text="Une autre prise."))
        other.commit()

    during_extraction(store_a_segment)
    transcript.correct_line(db, session, line_id(db, session.id, 1), ASKED_MONICA, "facilitator")
    assert [s.text for s in fresh(db, session.id).step("clarification").segments][-1] == "Une autre prise."
    other.close()


def test_two_corrections_of_a_step_at_once_one_is_refused_and_nothing_is_lost(config, db, session,
                                                                           during_extraction):
    set_review(db, session.id, **{"Est-ce que": ("accepted", None)})
    elsewhere = open_database(config.database)()
    there = elsewhere.get(Session, session.id)
    mine = fresh(db, session.id)
    during_extraction(lambda: transcript.correct_line(elsewhere, there, line_id(db, session.id, 3),
                                                      "As-tu pensé à demander l'avis de Monica ?", "client"))
    with pytest.raises(transcript.TranscriptError) as refused:
        transcript.correct_line(db, mine, line_id(db, session.id, 1), ASKED_MONICA, "facilitator")
    assert refused.value.code == "conflict"
    lines = fresh(db, session.id).step("clarification").segments
    assert lines[1].text == ASKED_MONIQUE and lines[3].text == "As-tu pensé à demander l'avis de Monica ?"
    found = items(db, session.id)
    assert found[ASKED_MONIQUE][0] == "accepted" and "As-tu pensé à demander l'avis de Monica ?" in found
    elsewhere.close()
