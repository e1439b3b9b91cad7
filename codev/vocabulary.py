"""The words given to Whisper with a session's audio, so that it writes them right: the names of
the people in the room and the group's own words.

Not the method's words (codéveloppement, clarification, contrat...): bench/names.py measures them on
French speech dense with them, WER 0.053 -> 0.035, but decoding takes twice as long (a longer list)
and Whisper's punctuation moves with them: a question of tests/test_speech_extraction.py lost its
'?' and was glued to its answer; in English they made "The client listens" into "McLean, listen"."""
from codev.models import Session

def group_words(text: str | None) -> list[str]:
    """A group's vocabulary as typed, one word or name a line, without blanks or repeats."""
    return list(dict.fromkeys(" ".join(line.split()) for line in (text or "").splitlines() if line.strip()))


def session_vocabulary(session: Session) -> list[str]:
    """What Whisper is given for `session`, the likeliest first (it reads the first 200 tokens or
    so): the client, the facilitator, the participants, the group's other members, then the
    group's own words."""
    names = [session.client, session.facilitator, *(p.name for p in session.participants)]
    if session.group:
        names += [m.name for m in session.group.members]
    words = group_words(session.group.vocabulary) if session.group else []
    return list(dict.fromkeys(w for w in [*names, *words] if w))
