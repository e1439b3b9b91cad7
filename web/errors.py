"""Error pages a user can read, in their language: JSON for the page's own scripts."""
from flask import current_app, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException


def init_app(app) -> None:
    app.register_error_handler(HTTPException, _page)


def _page(error: HTTPException):
    titles = {403: _("Access refused"), 404: _("Not found"), 413: _("File too large")}
    messages = {
        404: _("This page does not exist (or no longer does)."),
        413: _("The file is larger than the limit of %(megabytes)s MB. Compress it (mp3, m4a, ogg) or cut it "
               "into several takes.", megabytes=(current_app.config["MAX_CONTENT_LENGTH"] or 0) // 2**20),
    }
    message = messages.get(error.code) or error.description
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return {"error": message}, error.code
    return render_template("error.html", title=titles.get(error.code, error.name), message=message), error.code
