"""The language of a page: the session's when the page is about one, else the browser's."""
from flask import g, request

LANGUAGES = ("fr", "en")


def select_locale() -> str:
    return g.get("lang") or request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]
