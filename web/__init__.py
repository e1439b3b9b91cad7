"""The web app: a Flask application factory with one blueprint per area."""
import secrets
import threading

import flask
from flask import Flask, current_app, g
from flask_babel import Babel, get_locale
from flask_wtf.csrf import CSRFProtect

from codev.config import Config
from codev.errors import CodevError
from codev.export import clock
from codev.recovery import recover
from codev.retention import purge
from codev.store import open_database
from transcribe import Transcriber, resolve_model
from web.converters import RowId
from web.i18n import select_locale

csrf = CSRFProtect()
babel = Babel()
# The requests that may send a large body: an uploaded step.
UPLOADS = {"console.upload"}


class Request(flask.Request):
    @property
    def max_content_length(self) -> int | None:
        """Only an upload may be large; any other request is a form of text or a page script's
        JSON, and is read no further than MAX_FORM_MEMORY_SIZE."""
        config = current_app.config
        return config["MAX_CONTENT_LENGTH"] if self.endpoint in UPLOADS else config["MAX_FORM_MEMORY_SIZE"]


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = Request
    # Every <int:...> of a route is a row id: ASCII digits that the database can hold, else a 404.
    app.url_map.converters["int"] = RowId
    app.config.from_mapping(
        DATA_DIR=str(Config.from_env().data_dir),
        LAN=False,  # served beyond this machine: every session page then needs its access link
        MAX_CONTENT_LENGTH=512 * 1024 * 1024,  # an uploaded step: 512 MB is hours of compressed audio
        # A form's text: far beyond the longest a field takes (codev.text.LIMITS), so that a text over
        # its limit is still read, and given back with a message rather than dropped unread.
        MAX_FORM_MEMORY_SIZE=4 * 1024 * 1024,
        BABEL_DEFAULT_LOCALE="fr",
        WTF_CSRF_TIME_LIMIT=None,  # a form may stay open for a whole session
    )
    if test_config:
        app.config.update(test_config)
    config = Config.from_env(app.config["DATA_DIR"])
    app.extensions["codev_config"] = config
    app.extensions["codev_db"] = open_database(config.database)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(config)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)

    @app.teardown_appcontext
    def close_db(_exception):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    @app.context_processor
    def page_language():
        return {"lang": str(get_locale())}

    from web import access, console, errors, groups, sessions
    access.init_app(app)
    errors.init_app(app)
    app.register_blueprint(sessions.bp)
    from web import cycle, deletion, exports, learnings, review, transcript
    app.register_blueprint(review.bp)
    app.register_blueprint(transcript.bp)
    app.register_blueprint(learnings.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(cycle.bp)
    app.register_blueprint(groups.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(deletion.bp)
    app.jinja_env.filters["clock"] = clock
    # Starting is when the groups' audio retention is applied, before any page is served; and when
    # takes and jobs left by a killed process are finished, while pages are served.
    _apply_retention(app, config)
    threading.Thread(target=_recover, args=(app, config), name="recovery", daemon=True).start()
    return app


def _secret_key(config: Config) -> str:
    """Kept in the data folder, so that forms and access links outlive a restart."""
    path = config.data_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _apply_retention(app: Flask, config: Config) -> None:
    """Delete the audio each group's retention says to delete (unlinking files: quick)."""
    with app.extensions["codev_db"]() as db:
        try:
            purged = purge(db, config)
        except CodevError as error:  # a file that would not go: the app starts all the same
            app.logger.warning("Audio retention: %s", error)
            return
    if purged:  # a count only: nothing of the sessions goes to the log
        app.logger.info("Audio retention: the audio of %d take(s) was deleted.", len(purged))


def _recover(app: Flask, config: Config) -> None:
    with app.extensions["codev_db"]() as db:
        recover(db, config, lambda: Transcriber(resolve_model(None, config.models_dir)), report=app.logger.warning)
