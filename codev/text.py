"""Text people type or paste, as codev-notes takes it in, from the web and the command alike:
each field has a length limit, checked here and nowhere else, and control characters that other
programs put on the clipboard are made into what they meant or dropped."""
import re
import unicodedata

from codev.errors import CodevError

# The most characters each kind of field takes, and why that many.
LIMITS = {
    # A group's own words for Whisper, one a line: Whisper reads some 200 tokens of names and words
    # (about 600 characters); 2,000 is some 100 words, more than it can use.
    "vocabulary": 2_000,
    # A heading and the start of the notes' file name; the sessions.title column is String(200).
    "title": 200,
    # A person's or a group's name; the name columns are String(120).
    "name": 120,
    # One item of the notes (a question, a suggestion, a commitment) or one action of the plan: an
    # utterance, edited or written by the client. 5,000 characters is a long paragraph.
    "item": 5_000,
    # A line of the transcript, corrected by hand: Whisper cuts a line at 30 seconds of speech, some
    # 600 characters; 2,000 leaves room for a line rewritten longer. Also the words of a "replace
    # everywhere".
    "line": 2_000,
    # The client's synthesis, in their own words: 50,000 characters is some fifteen pages.
    "synthesis": 50_000,
}
# An uploaded file's name is cut to this many bytes of UTF-8, not refused: the limit of a file
# name on Linux and macOS.
FILE_NAME_BYTES = 255

# Line breaks as other programs write them: Word puts \v (a line break inside a paragraph) and \f
# (a page break) on the clipboard; \r alone is a line break from old Macs; U+2028/9 from the web.
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
# What is not text: control characters (escape sequences, NUL, bells...; tab and newline aside),
# lone surrogates (the undecodable bytes of a command line) and the non-characters U+FFFE, U+FFFF.
# XML, and so a Word document, cannot hold most of them.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class TooLong(CodevError):
    def __init__(self, field: str, length: int):
        self.field, self.length, self.limit = field, length, LIMITS[field]
        super().__init__(f"The {field} is {length} characters long; the limit is {self.limit}. "
                         "Shorten it; nothing was saved.")


def plain(text: str) -> str:
    """`text` with its line breaks made newlines, and without what is not text."""
    return _NOT_TEXT.sub("", _LINE_BREAKS.sub("\n", text))


def clean(value: str | None, field: str) -> str:
    """`value` as `plain` makes it, without the blanks around it, checked against the limit of
    its `field`; titles, names and transcript lines are one line."""
    text = plain(value or "")
    if field in ("title", "name", "line"):
        text = " ".join(text.split())
    text = text.strip()
    if len(text) > LIMITS[field]:
        raise TooLong(field, len(text))
    return text


def file_name(sent: str) -> str:
    """The name of a file a browser sent, kept in any script, safe to create in a folder: its last
    part only, no control character, cut to what a file system takes with its suffix kept."""
    name = unicodedata.normalize("NFC", re.split(r"[/\\]", sent)[-1])  # some browsers send a path
    name = plain(name).replace("\n", "").strip()
    if name in ("", ".", ".."):
        return "audio"
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix.encode()) > 16:  # not a real suffix: cut the name as a whole
        stem, suffix = name, ""
    tail = dot + suffix if suffix else ""
    room = FILE_NAME_BYTES - len(tail.encode())
    return stem.encode()[:room].decode(errors="ignore") + tail
