"""What a client typed stays text in their Markdown notes, as a real CommonMark parser
(markdown-it-py, with GFM's tables and strikethrough) reads them: no raw HTML, no link, no image."""
import datetime
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from codev import export, notes
from codev.markdown import escape, inline
from codev.models import Item
from codev.sessions import create_session

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

TYPED = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Click [here](javascript:alert(1)) or [there][1]",
    "![pixel](https://tracker.example/p.png?who=client)",
    "<javascript:alert(1)> and <https://example.com> and <ana@example.com>",
    "[1]: javascript:alert(1)",
    "&lt;b&gt; &#106;avascript &amp; R&D",
    "**bold** __strong__ *em* _em_ `code` ~~struck~~ ~one~",
    "# a heading",
    "> a quote",
    "- a list",
    "+ another",
    "* and another",
    "1. first",
    "2) second",
    "---",
    "===",
    "***",
    "___",
    "a | b",
    "\\[not a link\\](x) and C:\\Users\\ana\\",
    "<!-- hidden --> <?php echo 1; ?> <![CDATA[x]]> <!DOCTYPE html>",
    "Trailing backslash \\",
    "Question ? « Réponse » : 50 % — d'accord !",
    "2026. A year, not a list",
    "```",
    "~~~",
    "<div>",
    "    indented like code",
    "\tindented with a tab",
    "issue #4, C# and a#b",
]


class Rendered(HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("typed", TYPED)
def test_a_line_typed_is_a_paragraph_of_its_own_words(typed):
    rendered = Rendered(MARKDOWN.render(escape(typed)))
    assert rendered.tags == ["p"], (escape(typed), MARKDOWN.render(escape(typed)))
    assert "".join(rendered.text).strip() == typed.strip()


def test_lines_typed_stay_lines_of_one_paragraph():
    typed = "\n".join(TYPED)
    rendered = Rendered(MARKDOWN.render(escape(typed)))
    assert set(rendered.tags) == {"p", "br"} and rendered.tags.count("p") == 1
    assert [line.strip() for line in "".join(rendered.text).strip().split("\n")] == [line.strip() for line in TYPED]


def test_a_blank_line_keeps_its_paragraphs():
    rendered = Rendered(MARKDOWN.render(escape("First.\n\n\n<b>Second</b>.")))
    assert rendered.tags == ["p", "p"] and "".join(rendered.text).split() == ["First.", "<b>Second</b>."]


def test_one_line_fits_in_a_list_item_or_a_heading():
    rendered = Rendered(MARKDOWN.render("- " + inline("Line one\n\n- [x](javascript:1)\n# two", indent=2)))
    assert rendered.tags == ["ul", "li", "br", "br"]
    assert "".join(rendered.text).strip().split("\n") == ["Line one", "- [x](javascript:1)", "# two"]


def test_plain_words_stay_readable():
    assert escape("Je vais appeler Ana lundi, d'accord ?") == "Je vais appeler Ana lundi, d'accord ?"
    assert escape("R&D at 50 % - issue #4") == "R&D at 50 % - issue #4"


def test_the_notes_keep_every_typed_word_and_no_markup(db):
    session = create_session(db, title="# <b>Onboarding</b> [x](javascript:1)", date=datetime.date(2026, 10, 7),
                             lang="en", client="Eve <img src=x>", participants=["![a](http://t.example/a.png)"])
    session.step("contract").items = [Item(position=0, kind="demand", text=TYPED[0])]
    session.step("clarification").items = [Item(position=0, kind="question", text=TYPED[2], disguised_suggestion=True)]
    session.step("consultation").items = [Item(position=n, kind="suggestion", text=t) for n, t in enumerate(TYPED[3:])]
    db.commit()
    notes.set_synthesis(db, session, 0, "\n".join(TYPED))
    notes.add_action(db, session, 1, "~~Write~~ the [guide](javascript:1)", "2026-10-31", "dropped")
    notes.add_action(db, session, 2, "<b>Ask</b> the nurses\nthen the doctors", None, "planned")
    markdown = export.to_markdown(session)
    rendered = Rendered(MARKDOWN.render(markdown))
    assert set(rendered.tags) <= {"h1", "h2", "p", "ul", "li", "em", "s", "br"}, markdown
    text = "".join(rendered.text)
    for typed in ["# <b>Onboarding</b> [x](javascript:1)", "Eve <img src=x>", "![a](http://t.example/a.png)",
                  "~~Write~~ the [guide](javascript:1)", "<b>Ask</b> the nurses", *TYPED]:
        assert typed.strip() in text, typed
    assert rendered.tags.count("s") == 1  # the dropped action, struck through by the notes themselves


def test_commitments_and_their_due_date_as_said_stay_text(db):
    session = create_session(db, title="T", date=datetime.date(2026, 10, 7), lang="en")
    session.step("synthesis").items = [Item(position=0, kind="commitment", text="<u>Call</u> [Ana](javascript:1)",
                                            due=datetime.date(2026, 10, 9), due_text="by <i>Friday</i>")]
    db.commit()
    rendered = Rendered(MARKDOWN.render(export.to_markdown(session)))
    assert set(rendered.tags) <= {"h1", "h2", "p", "ul", "li", "em"}
    assert "[ ] <u>Call</u> [Ana](javascript:1) — due 2026-10-09 (by <i>Friday</i>)" in "".join(rendered.text)
