"""Error pages a user can read, in their language: JSON for the page's own scripts."""
from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from codev.text import TooLong

FIELDS = {"title": _l("The title"), "name": _l("The name"), "item": _l("The text"),
          "line": _l("The line"), "synthesis": _l("The synthesis"), "vocabulary": _l("The list of words")}


def init_app(app) -> None:
    app.register_error_handler(HTTPException, error_page)


def too_long(error: TooLong) -> str:
    """What a form says of a field over its limit (codev.text.LIMITS); the page gives the text back."""
    return _("%(field)s is %(length)s characters long; the limit is %(limit)s. Shorten it, then save again.",
             field=FIELDS[error.field], length=error.length, limit=error.limit)


def form_too_large() -> str:
    """A form larger than the app reads (MAX_FORM_MEMORY_SIZE): every other request is text."""
    return _("This text is too long to be read: a form takes at most %(megabytes)s MB. Nothing was saved. "
             "Shorten it, then save again.", megabytes=current_app.config["MAX_FORM_MEMORY_SIZE"] // 2**20)


def file_too_large() -> str:
    return _("The file is larger than the limit of %(megabytes)s MB. Compress it (mp3, m4a, ogg) or cut it "
             "into several takes.", megabytes=(current_app.config["MAX_CONTENT_LENGTH"] or 0) // 2**20)


def error_page(error: HTTPException):
    titles = {400: _("Request refused"), 403: _("Access refused"), 404: _("Not found"), 410: _("Audio deleted"),
              413: _("Text too long")}
    messages = {404: _("This page does not exist (or no longer does)."), 413: form_too_large()}
    message = messages.get(error.code) or error.description
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return {"error": message}, error.code
    return render_template("error.html", title=titles.get(error.code, error.name), message=message), error.code
