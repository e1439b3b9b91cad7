"""Text people typed, written into Markdown as text: a CommonMark reader (with GitHub's tables and
strikethrough) shows the very characters typed, and makes nothing of them: no raw HTML, no link,
no image, no emphasis, no heading or list; and what is not text (see codev.text.plain) is not
written. What is not markup is left as written, so the notes stay readable in a text editor too."""
import re

from codev.text import plain

# Markup wherever it stands: emphasis and strikethrough (* _ ~), code (`), links and images ([ ]),
# raw HTML and autolinks (<), table cells (|), and the backslash that escapes all of them.
_INLINE = re.compile(r"([\\`*_~\[\]<|])")
# An '&' only where it would start an entity (&amp; &#106;), so that "R&D" stays as written.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Markup at the start of a line: a heading (#), a quote (>), a list item (- + 1. 2)) or the rule
# under a heading (= -); *, _ and fences of ` or ~ are escaped wherever they are.
_BLOCK = re.compile(r"^[#>+=-]")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _line(line: str) -> str:
    # Blanks that open a line would make it code (four spaces, a tab); a reader shows none anyway.
    line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line.strip()))
    return _ORDERED.sub(r"\1\\\2", _BLOCK.sub(r"\\\g<0>", line))


def escape(text: str) -> str:
    """`text` as Markdown paragraphs of its own: each line typed a line of the page (a hard
    break), a blank line between paragraphs."""
    paragraphs = re.split(r"\n\s*\n", plain(text).strip())
    return "\n\n".join("  \n".join(_line(line) for line in paragraph.split("\n")) for paragraph in paragraphs)


def inline(text: str, indent: int = 0) -> str:
    """`text` inside a line of Markdown the notes write (a heading, a list item): its lines joined
    by hard breaks, each indented by `indent` spaces to stay in a list item whose text starts there."""
    lines = [_line(line) for line in plain(text).split("\n") if line.strip()]
    return ("  \n" + " " * indent).join(lines)
