"""The client's notes to take away: Markdown, Word, and a page made for printing (to paper or PDF)."""
import datetime
import io

from flask import Blueprint, render_template, send_file
from werkzeug.utils import secure_filename

from codev import export
from codev.notes import kept_items
from web import access
from web.db import load_session

bp = Blueprint("exports", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The most of the title a download's name holds: titles have a limit now (codev.text), but one
# stored before could be a megabyte, and a file name takes 255 bytes at most.
NAME_FROM_TITLE = 120


def download(day: datetime.date, title: str, data: bytes, mimetype: str, suffix: str):
    """A file to save, named after its day and title."""
    name = f"{day.isoformat()}-{secure_filename(title)[:NAME_FROM_TITLE] or 'codev'}{suffix}"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


@bp.get("/sessions/<int:session_id>/notes.md")
def markdown(session_id: int):
    session = load_session(session_id)
    # The client takes away their own notes; the process review is the group's (as in Word).
    text = export.to_markdown(session, process_review=access.role(session.id) != "client")
    return download(session.date, session.title, text.encode(), "text/markdown; charset=utf-8", ".md")


@bp.get("/sessions/<int:session_id>/notes.docx")
def docx(session_id: int):
    session = load_session(session_id)
    return download(session.date, session.title, export.to_docx(session), DOCX, ".docx")


@bp.get("/sessions/<int:session_id>/print")
def printable(session_id: int):
    session = load_session(session_id)
    sections = [(kind, heading, kept_items(session, kind)) for kind, heading in export.SECTIONS[session.lang].items()]
    return render_template("print.html", session=session, sections=sections, words=export.WORDS[session.lang],
                           plan=export.plan_rows(session))
