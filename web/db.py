from flask import current_app, g


def get_db():
    """One ORM session per request, closed at teardown."""
    if "db" not in g:
        g.db = current_app.extensions["codev_db"]()
    return g.db
