"""Who said what in a real browser (Playwright driving Debian's Chromium): the facilitator enrols
Ana's voice on the group's page, a step where Ana and Paule alternate is imported (real Whisper, real
CAM++); in the console Paule's voice, unknown, is named after her (her voiceprint made from her
lines), each line and item shows who said it; a wrong speaker is corrected with a click and stays
when the line's words are corrected (extraction again); the client's review says who asked each
question. Screenshots in test-artifacts/screenshots."""
import datetime
import re

import soundfile
from playwright.sync_api import expect

from codev.groups import create_group, create_group_session
from pico_speech import speak
from recorder import decode
from synthetic_meeting import SAMPLE_RATE
from test_browser import page, server, shot  # noqa: F401 (fixtures: the app served, Chromium)
from test_voices import PAULE, conversation, speech  # noqa: F401 (fixture: the voices, read once)

SECOND = SAMPLE_RATE


def test_voices_enrolled_in_the_page_name_the_lines_and_a_click_corrects_one(server, page, codev, db, speech,  # noqa: F811
                                                                            tmp_path):
    ana = speech["Ana"]
    paule = [decode(speak(text, "fr", tmp_path)) for text in PAULE[:2]]
    soundfile.write(tmp_path / "ana.wav", ana[:8 * SECOND], SAMPLE_RATE)
    audio, _turns = conversation([("Ana", ana[8 * SECOND:14 * SECOND]), ("Paule", paule[0]),
                                  ("Ana", ana[14 * SECOND:20 * SECOND]), ("Paule", paule[1])])
    soundfile.write(tmp_path / "clarification.wav", audio, SAMPLE_RATE)
    group = create_group(db, "Cadres", ["Ana", "Paule"])

    # The facilitator enrols Ana's voice on the group's page, from a sample.
    page.goto(f"{server}/groups/{group.id}")
    expect(page.locator("#voices")).to_contain_text("donnée personnelle (biométrique)")
    ana_row, paule_row = (f"#member-{member.id}" for member in group.members)
    page.locator(ana_row).locator("input[type=file]").set_input_files(tmp_path / "ana.wav")
    page.locator(ana_row).locator("button", has_text="Faire l'empreinte vocale").click()
    expect(page.locator(f"{ana_row} .voice-state")).to_contain_text("voix connue")
    expect(page.locator(f"{paule_row} .voice-state")).to_contain_text("voix inconnue")

    session = create_group_session(db, group, title="T", date=datetime.date(2026, 10, 7), lang="fr", client="Ana",
                                   present=["Ana", "Paule"])
    codev("import", session.id, "clarification", tmp_path / "clarification.wav")

    # In the console, Paule's voice is nobody's yet: the facilitator names it after her.
    page.goto(f"{server}/sessions/{session.id}/console?step=clarification")
    unknown = page.locator("#unknown-voices li")
    expect(unknown).to_have_count(1, timeout=20_000)
    expect(unknown).to_contain_text(re.compile(r"Prise 1 · S\d \(\d lignes\) est"))
    unknown.locator("select").select_option(label="Paule")
    unknown.locator("button.name-voice").click()
    expect(page.locator("#voices-note")).to_have_text("Voix connue : Paule.")
    expect(page.locator("#unknown-voices")).to_be_hidden()

    # The console shows who said each line and each question.
    expect(page.locator("#transcript .line").filter(has_text="collaborateurs")).to_have_count(1, timeout=20_000)
    line_id = page.locator("#transcript .line").filter(has_text="collaborateurs").get_attribute("data-line")
    asked = page.locator(f'#transcript .line[data-line="{line_id}"]')
    expect(asked.locator(".speaker")).to_have_text("Paule")
    expect(page.locator("#transcript .line .speaker", has_text="Ana").first).to_be_visible()
    question = page.locator("#items li").filter(has_text="collaborateurs")
    expect(question.locator(".tag.by")).to_have_text("Paule")

    # Paule's line is said to be Ana's: a click on the name, a choice, and the question follows.
    asked.locator("button.speaker").click()
    asked.locator("select.speaker-choice").select_option("Ana")
    expect(asked.locator(".speaker")).to_have_text("Ana")
    expect(asked.locator(".speaker")).to_have_class(re.compile(r"\bchosen\b"))  # marked as chosen by hand
    expect(question.locator(".tag.by")).to_have_text("Ana")

    # Its words corrected, the step is extracted again: the speaker chosen stays.
    asked.locator("button.correct-line").click()
    asked.locator("form.correct-form input[name=text]").fill("Comment tes collaborateurs ont-ils réagi à l'annonce ?")
    asked.locator("form.correct-form button[type=submit]").click()
    expect(asked.locator(".tag.corrected")).to_be_visible()
    expect(asked.locator(".speaker")).to_have_text("Ana")
    expect(page.locator("#items li").filter(has_text="réagi à l'annonce").locator(".tag.by")).to_have_text("Ana")
    shot(page, "console-speakers")

    # Paule's voice is now known to the group, for the next takes.
    page.goto(f"{server}/groups/{group.id}")
    expect(page.locator(f"{paule_row} .voice-state")).to_contain_text("voix connue")
    shot(page, "group-voices")

    # The client's review says who asked it.
    page.goto(f"{server}/sessions/{session.id}/review")
    card = page.locator("#question .entry").filter(has=page.locator(".entry-text", has_text="réagi à l'annonce"))
    expect(card.locator(".tag.by")).to_have_text("posée par Ana")
    shot(page, "review-speakers")
