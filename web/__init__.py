"""The web app: a Flask application factory with one blueprint per area."""
import threading

from flask import Flask, g

from codev.config import Config
from codev.export import clock
from codev.recovery import recover
from codev.store import open_database
from transcribe import Transcriber, resolve_model


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR=str(Config.from_env().data_dir))
    if test_config:
        app.config.update(test_config)
    config = Config.from_env(app.config["DATA_DIR"])
    app.extensions["codev_db"] = open_database(config.database)
    # Starting is when takes and jobs left by a killed process are finished; pages are served meanwhile.
    threading.Thread(target=_recover, args=(app, config), name="recovery", daemon=True).start()

    @app.teardown_appcontext
    def close_db(_exception):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    from web import sessions
    app.register_blueprint(sessions.bp)
    app.jinja_env.filters["clock"] = clock
    return app


def _recover(app: Flask, config: Config) -> None:
    with app.extensions["codev_db"]() as db:
        recover(db, config, lambda: Transcriber(resolve_model(None, config.models_dir)), report=app.logger.warning)
