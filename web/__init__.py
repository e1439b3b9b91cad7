"""The web app: a Flask application factory with one blueprint per area."""
from flask import Flask, g

from codev.config import Config
from codev.export import clock
from codev.store import open_database


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR=str(Config.from_env().data_dir))
    if test_config:
        app.config.update(test_config)
    app.extensions["codev_db"] = open_database(Config.from_env(app.config["DATA_DIR"]).database)

    @app.teardown_appcontext
    def close_db(_exception):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    from web import sessions
    app.register_blueprint(sessions.bp)
    app.jinja_env.filters["clock"] = clock
    return app
