"""Text normalisation shared by the rules."""
import re

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'"})


def norm(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces: what the cue patterns read."""
    return " ".join(text.translate(_APOSTROPHES).lower().split())


def strip_fillers(text: str, fillers: re.Pattern) -> str:
    """Drop leading discourse fillers ("et alors, euh, ...") before looking at how a clause opens."""
    while True:
        m = fillers.match(text)
        if not m or not m.group(0):
            return text
        text = text[m.end():].lstrip(" ,:;-")
