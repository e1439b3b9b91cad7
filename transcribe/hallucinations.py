"""Whisper's known hallucinations: the subtitle credits and video outros it writes over silence
and noise ("Sous-titres réalisés par la communauté d'Amara.org", "Thank you for watching").

The phrases are data, one file per language in `silence_phrases/` (a person can read and extend
them). All the lists apply whatever the language: none of these phrases is said in a session.
Matching is word by word, without case, accents or punctuation, so that a phrase is only ever
removed whole: as the whole segment, or as the end of one."""
import re
from collections.abc import Sequence
import unicodedata
from functools import cache
from importlib import resources

_WORD = re.compile(r"\w+")
# Left at the end of what a phrase was cut from, to go with it: "On verra bien, | Merci d'avoir
# regardé", "C'est clair. ❤️ | par SousTitreur.com". A sentence's own end stays.
_TRAILING = re.compile(r"[^\w.!?…»)\"']+$")


def _plain(word: str) -> str:
    """`word` without case or accents: "Communauté" and "communaute" are one word."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return [_plain(w) for w in _WORD.findall(text)]


@cache
def phrases() -> tuple[tuple[str, ...], ...]:
    """Every phrase of every language, as words, the longest first (so that "Merci d'avoir
    regardé cette vidéo" goes whole, not as "cette vidéo" left behind)."""
    found = set()
    for data in (resources.files("transcribe") / "silence_phrases").iterdir():
        if data.name.endswith(".txt"):
            for line in data.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.lstrip().startswith("#") and _words(line):
                    found.add(tuple(_words(line)))
    return tuple(sorted(found, key=len, reverse=True))


def strip_hallucinations(text: str) -> str:
    """`text` without the known phrases at its end, again and again while one ends it; "" if
    nothing else is left, or if it has no word at all (Whisper writes "..." over noise)."""
    while True:
        spans = [m.start() for m in _WORD.finditer(text)]
        if not spans:
            return ""
        words = _words(text)
        ending = next((p for p in phrases() if tuple(words[-len(p):]) == p), None)
        if ending is None:
            return text.strip()
        text = _TRAILING.sub("", text[:spans[-len(ending)]])


# Words said last 100 ms or more; those Whisper writes without hearing them it cannot place in
# the audio, and squeezes into no time.
UNPLACED_SECONDS = 0.06  # on average over a segment's words: some 16 words a second


def unplaced(durations: list[float]) -> bool:
    """Whether a segment whose words last `durations` seconds is words Whisper could not place in
    the audio: three or more, lasting under UNPLACED_SECONDS each on average. So come names it was
    given, repeated at the end of a stretch ("Maëlle Le Goff, Maëlle Le": 8 words in 0.3 s)."""
    return len(durations) >= 3 and sum(durations) / len(durations) < UNPLACED_SECONDS


# Whisper's own signs that it wrote without hearing speech: the window is probably not speech,
# and the text is improbable. Its defaults (no_speech_threshold 0.6 with log_prob_threshold -1.0)
# let through what it writes over a ringtone given the session's names (nsp 0.52-0.86, average log
# probability -0.71 to -1.77); real speech above 0.5 was rare and sure of its words, on
# ../shared/speech and speech-conv, clean and at -42 dBFS in noise (tests/test_hallucinations.py).
DOUBTFUL_NO_SPEECH = 0.5
IMPROBABLE_LOG_PROBABILITY = -0.7
ECHO_SHARE = 0.8  # of a segment's words among the words Whisper was given: the prompt said back


def anomalous(words: list[tuple[float, float]]) -> bool:
    """Whether words given as (probability, seconds) are ones Whisper made up rather than heard,
    by the reference implementation's word anomaly score (openai-whisper, as faster-whisper uses it
    for `hallucination_silence_threshold`): improbable, squeezed into no time, or stretched over
    seconds, in its first eight words."""
    first = words[:8]
    score = sum((probability < 0.15) + max(0.133 - seconds, 0) * 15 + max(seconds - 2.0, 0)
                for probability, seconds in first)
    return bool(first) and (score >= 3 or score + 0.01 >= len(first))


def made_up(no_speech_probability: float, log_probability: float, words: list[tuple[str, float, float]],
            given: Sequence[str] = ()) -> bool:
    """Whether a segment, its words as (word, probability, seconds), is text Whisper wrote over
    sound that is not speech (a phone's ringtone): where it doubted there was speech at all, either
    the names and words it was `given`, said back ("Aurélie Dubreuil, Karim Benali"), or anomalous
    and improbable words ("Je m'envoie, Je m'envoie", "Je ne peux pas t'aider.")."""
    if no_speech_probability <= DOUBTFUL_NO_SPEECH or not words:
        return False
    given_words = {w for phrase in given for w in _words(phrase)}
    said = [w for word, _p, _s in words for w in _words(word)]
    echo = bool(said) and sum(w in given_words for w in said) >= ECHO_SHARE * len(said)
    return echo or (log_probability < IMPROBABLE_LOG_PROBABILITY and anomalous([(p, s) for _w, p, s in words]))


MIN_REPEATED_WORDS = 4  # "Non. Non." is said; a whole sentence again, word for word, is Whisper looping


def repeats(text: str, previous: str | None) -> bool:
    """Whether a segment says the one before it again, word for word (without case, accents or
    punctuation): Whisper repeats its last sentence over the silence after it ("J'ai appris à
    écouter jusqu'au bout" twice, given the session's names)."""
    words = _words(text)
    return previous is not None and len(words) >= MIN_REPEATED_WORDS and words == _words(previous)
