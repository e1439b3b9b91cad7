"""Correcting a transcript line in a real browser (Playwright driving Debian's Chromium): real
French speech (SVOX Pico) imported and transcribed by the real Whisper model; the facilitator
corrects a line in the console and sees it marked, its items follow, its take plays from the line's
moment; then the client corrects a line of a question in their review. Screenshots in
test-artifacts/screenshots."""
import numpy as np
import soundfile
from playwright.sync_api import expect

from pico_speech import speak as pico
from test_browser import page, server, shot  # noqa: F401 (fixtures: the app served, Chromium)

FIRST = "Merci Laura pour ton exposé, on passe maintenant aux questions de clarification."
ASKED = "Est-ce que tu as déjà parlé de ce projet à ta directrice ?"
GAP = 2.5  # seconds of silence between the two: Whisper makes them two lines, the second well into the take


def test_a_line_corrected_on_the_page_is_shown_corrected_and_plays_from_its_moment(server, page, codev,  # noqa: F811
                                                                                   tmp_path):
    first, asked = (soundfile.read(pico(text, "fr", tmp_path), dtype="float32") for text in (FIRST, ASKED))
    take = tmp_path / "clarification.wav"
    soundfile.write(take, np.concatenate([first[0], np.zeros(int(GAP * first[1]), "float32"), asked[0]]), first[1])
    session = codev("session", "new", "--title", "Accueil", "--date", "2026-10-07", "--lang", "fr",
                    "--client", "Laura").stdout.strip()
    codev("import", session, "clarification", take)

    page.goto(f"{server}/sessions/{session}/console?step=clarification")
    lines = page.locator("#transcript .line")
    expect(lines).to_have_count(2, timeout=20_000)
    line = lines.nth(1)
    expect(line).to_contain_text("directrice")
    at = float(line.locator("a.play").get_attribute("data-start"))
    assert at >= len(first[0]) / first[1]  # in the take, after the first sentence and the pause

    # The facilitator corrects the line: it is marked, with what was heard; the question follows.
    line.locator("button.correct-line").click()
    field = line.locator("form.correct-form input[name=text]")
    heard = field.input_value()
    corrected = "Est-ce que tu as déjà parlé de ce projet à Monica, ta directrice ?"
    field.fill(corrected)
    line.locator("form.correct-form button[type=submit]").click()
    expect(line.locator(".tag.corrected")).to_be_visible()
    expect(line.locator(".line-text")).to_have_text(corrected)
    assert line.locator(".tag.corrected").get_attribute("title") == f"Entendu : « {heard} »"
    expect(page.locator("#items")).to_contain_text("Monica")

    # The line plays its take from its moment.
    line.locator("a.play").click()
    player = page.locator("#player")
    expect(player).to_be_visible()
    assert player.get_attribute("src").endswith("/audio")
    page.wait_for_function("(at) => { const p = document.getElementById('player');"
                           " return p.readyState > 0 && p.currentTime >= at - 0.05; }", arg=at)
    assert page.evaluate("document.getElementById('player').currentTime") < at + 3
    shot(page, "console-transcript")

    # Undone: back to what was heard.
    line.locator("button.undo-line").click()
    expect(line.locator(".tag.corrected")).to_have_count(0)
    expect(line.locator(".line-text")).to_have_text(heard)

    # The client keeps the question, then corrects its line from its transcript in their review.
    page.goto(f"{server}/sessions/{session}/review")
    card = page.locator("#question .entry").filter(has=page.locator(".entry-text", has_text="directrice"))
    card.locator("button[name=status][value=accepted]").click()
    expect(page.locator("#question .entry.accepted")).to_have_count(1)
    card = page.locator("#question .entry.accepted")
    card.locator("details.context > summary").click()
    said = card.locator("details.context .line.said").first
    said.locator("details.correct > summary").click()
    said.locator("input[name=text]").fill(corrected)
    said.locator("details.correct button[type=submit]").click()
    card = page.locator("#question .entry.accepted").filter(has=page.locator(".entry-text", has_text="Monica"))
    expect(card).to_have_count(1)  # still kept, in the corrected words
    expect(card.locator("details.context")).to_have_attribute("open", "")  # kept open across the redraw
    expect(card.locator(".line.said .tag.corrected")).to_be_visible()
    shot(page, "review-transcript")
