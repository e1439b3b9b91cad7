"""The whole web app in a real headless browser (Playwright driving Debian's Chromium): a
facilitator creates a group and a session, uploads a step's audio and sees its items appear;
the client accepts one, puts a commitment in the plan, changes its date, validates and exports.
Screenshots of the main pages are kept in test-artifacts/screenshots."""
import datetime
import shutil
import threading
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

from codev.sessions import create_session
from web import create_app

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
SYNTHESIS = ("Thank you all for your ideas. I will send the budget to my manager before Friday. "
             "I am going to meet the senior nurses next week.")


@pytest.fixture
def server(home):
    app = create_app({"DATA_DIR": str(home)})  # CSRF on, as for a user
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def page():
    assert shutil.which(CHROMIUM), "Chromium is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        # The closed network: no background requests, nothing fetched from outside.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_from_a_new_group_to_validated_notes(server, page, speak, tmp_path):
    # The facilitator creates the group (the interface is in French by default).
    page.goto(f"{server}/groups")
    expect(page.locator("h1")).to_have_text("Groupes")
    page.fill("input[name=name]", "Cadres de santé")
    page.fill("textarea[name=members]", "Laura\nAna\nBruno\nChloé")
    page.click("form.panel button.primary")
    expect(page.locator("h1")).to_contain_text("Cadres de santé")
    shot(page, "group")

    # … then the session, in English, with Laura as the client.
    page.click("a[href$='/sessions/new']")
    page.fill("input[name=title]", "Keeping new nurses")
    page.fill("input[name=date]", "2026-10-07")
    page.select_option("select[name=lang]", "en")
    page.check("input[name=template][value=standard]")
    for name in ("Laura", "Ana", "Bruno", "Chloé"):
        page.check(f"input[name=present][value='{name}']")
    page.select_option("select[name=client]", "Laura")
    shot(page, "session-new")
    page.click("form.panel button.primary")

    # The console of the synthesis step: upload its audio, watch its items appear.
    session_url = page.url.split("/console")[0].rstrip("/")
    session_id = int(session_url.rsplit("/", 1)[-1]) if session_url.rsplit("/", 1)[-1].isdigit() else None
    assert session_id, page.url
    page.goto(f"{server}/sessions/{session_id}/console?step=synthesis")
    expect(page.locator("h1")).to_have_text("Synthesis and action plan")
    page.set_input_files("form.upload input[type=file]", str(speak(SYNTHESIS)))
    page.click("form.upload button")
    page.wait_for_url(f"**/sessions/{session_id}/console**")
    expect(page.locator("#items li").first).to_be_visible(timeout=90_000)
    expect(page.locator("#items")).to_contain_text("budget")
    expect(page.locator("#transcript")).to_contain_text("manager")
    shot(page, "console")

    # The client's review: accept the commitment, put it in the plan, move its date.
    page.goto(f"{server}/sessions/{session_id}/review")
    def entry(selector: str, words: str):  # the entry whose own text (not its transcript context) says `words`
        return page.locator(selector).filter(has=page.locator(".entry-text", has_text=words))

    def budget(selector: str):
        return entry(selector, "budget")

    # The other commitment's date, edited on the commitment itself: "next week" becomes the 21st.
    nurses = entry("#commitment .entry", "senior nurses")
    nurses.locator("details.edit summary").click()
    nurses.locator("details.edit input[name=due]").fill("2026-10-21")
    nurses.locator("details.edit button[type=submit]").click()
    expect(entry("#commitment .entry", "senior nurses").locator(".entry-tags")).to_contain_text("21")
    expect(budget("#commitment .entry")).to_have_count(1)
    budget("#commitment .entry").locator("button[name=status][value=accepted]").click()
    expect(budget("#commitment .entry.accepted")).to_have_count(1)
    budget("#commitment .entry").locator("button.to-plan").click()
    row = page.locator("#plan li.plan-row", has_text="budget")
    expect(row).to_have_count(1)
    expect(row.locator("input[name=due]")).to_have_value("2026-10-09")  # "before Friday"
    row.locator("input[name=due]").fill("2026-10-16")
    row.locator("button.save").click()
    expect(page.locator("#plan li.plan-row", has_text="budget").locator("input[name=due]")).to_have_value("2026-10-16")
    # The field shows what was typed at once; the save is done once the page has stopped talking to
    # the server (validating before would be refused as made from older notes, on a loaded machine).
    page.wait_for_load_state("networkidle")
    page.locator("#validate button.primary").click()
    expect(page.locator("#validate .badge.ok")).to_be_visible()
    # Why the commitment was picked out: a discreet "Pourquoi ?" / "Why?" that opens on a click.
    why = budget("#commitment .entry").locator("details.why")
    expect(why.locator(".why-text")).to_be_hidden()
    why.locator("summary").click()
    expect(why.locator(".why-text")).to_contain_text("commitment")
    shot(page, "review")

    # Exports: the client's notes as Markdown and Word, and the print page.
    with page.expect_download() as download:
        page.click("a[href$='/notes.md']")
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "budget" in markdown and "2026-10-16" in markdown
    with page.expect_download() as download:
        page.click("a[href$='/notes.docx']")
    word = docx.Document(download.value.path())
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert any("budget" in cell for cell in cells) and any("2026-10-16" in cell or "16" in cell for cell in cells)

    for name, path in (("learnings", "learnings"), ("print", "print"), ("session", "")):
        page.goto(f"{server}/sessions/{session_id}/{path}".rstrip("/"))
        shot(page, name)
    expect(page.locator("section.notes")).to_contain_text("2026-10-16")  # the plan, as the client left it
    expect(page.locator("section.notes")).to_contain_text("2026-10-21")  # the commitment's new date
    page.goto(f"{server}/groups")
    expect(page.locator(".card")).to_contain_text("1 séance")
    shot(page, "groups")


def test_text_refused_as_too_long_stays_on_the_review_page(server, page, db):
    session = create_session(db, title="Onboarding", date=datetime.date(2026, 10, 7), lang="en")
    page.goto(f"{server}/sessions/{session.id}/review")
    # Over the synthesis' limit, the server reads it and gives it back; over what a form may send,
    # it reads none of it and the page's script puts it back. Either way, once, with the message.
    for typed, message in (("What I keep. " * 5_000, "the limit is 50000"), ("x" * 5 * 2**20, "too long to be read")):
        synthesis = page.locator("#synthesis textarea")
        synthesis.evaluate("(field, text) => { field.value = text; "
                           "field.dispatchEvent(new Event('input', {bubbles: true})); }", typed)
        page.locator("#synthesis button[type=submit]").click()
        problem = page.locator(".notes-problem")
        expect(problem).to_contain_text(message)
        expect(problem.locator(".unsaved-lead")).to_be_visible()
        quotes = problem.locator("blockquote.unsaved")
        expect(quotes).to_have_count(1)
        given_back = quotes.first.evaluate("quote => quote.textContent.trim()")
        assert given_back == typed.strip() or pytest.fail(f"given back: {len(given_back)} characters", pytrace=False)
        if len(typed) < 100_000:  # a page holding megabytes is too long to photograph
            shot(page, "review-text-too-long")
