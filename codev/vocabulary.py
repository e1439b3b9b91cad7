"""The words given to Whisper with a session's audio, so that it writes them right: the names of
the people in the room, the group's own words, and the words of the codev method."""
from codev.models import Session

# The method's words, which Whisper base writes wrong ("co-développements") without them. French
# only: bench/names.py measures them helping on French speech (WER 0.053 without them, 0.035 with);
# in English, unmeasured, they made "The client listens" into "McLean, listen" (tests/test_transcribe.py).
CODEV_WORDS = {
    "fr": ("codéveloppement", "consultants", "contrat", "plan d'action", "clarification", "reformulation",
           "facilitateur", "consultation", "synthèse", "apprentissages"),
}


def group_words(text: str | None) -> list[str]:
    """A group's vocabulary as typed, one word or name a line, without blanks or repeats."""
    return list(dict.fromkeys(" ".join(line.split()) for line in (text or "").splitlines() if line.strip()))


def session_vocabulary(session: Session) -> list[str]:
    """What Whisper is given for `session`, the likeliest first (it reads the first 200 tokens or
    so): the client, the facilitator, the participants, the group's other members, the group's
    own words, then the method's."""
    names = [session.client, session.facilitator, *(p.name for p in session.participants)]
    if session.group:
        names += [m.name for m in session.group.members]
    words = group_words(session.group.vocabulary) if session.group else []
    return list(dict.fromkeys(w for w in [*names, *words, *CODEV_WORDS.get(session.lang, ())] if w))
