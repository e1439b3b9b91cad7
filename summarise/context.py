"""Context modifiers: what turns a cue into a non-item.

After ConText (Harkema et al., 2009), the clinical-NLP algorithm behind NegEx and
medspaCy's ConText: a cue ("je vais", "tu pourrais", "?") may lie in the scope of a
modifier said around it (negated, hedged, reported, inner speech, a story, an
announcement, the facilitator's process talk...), and a modifier cancels the kinds it
names. The modifiers are data, one TOML file per language in `context/`, for people who
know the language to read and extend; this module only reads them and applies scopes.

medspaCy itself is not used: on Python 3.11 it pins spaCy below 3.8 (our pipelines are
3.8) and pulls QuickUMLS and PyRuSH for clinical text.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).with_name("context")
DIRECTIONS = ("forward", "backward", "both", "sentence")


@dataclass(frozen=True)
class Cue:
    """What fired a kind: a label for people, and where it lies in the normalised sentence."""
    label: str
    start: int = 0
    end: int = 0

    @classmethod
    def matched(cls, m: re.Match, offset: int = 0) -> Cue:
        """The cue a pattern matched in a (normalised) clause that starts `offset` characters into
        the sentence, labelled to the end of its last word ("m'aid" -> "m'aident")."""
        end = m.end()
        while end < len(m.string) and m.string[end].isalnum():
            end += 1
        return cls(f"«{m.string[m.start():end].strip(' ,:')}»", m.start() + offset, end + offset)


@dataclass(frozen=True)
class Modifier:
    category: str
    label: str              # what a reader sees in an item's reason
    cancels: frozenset[str]
    direction: str          # forward: over what follows it; backward: what precedes; both; sentence: anywhere
    pattern: re.Pattern
    max_scope: int | None   # words between modifier and cue, at most
    closing: bool           # counts only when nothing but punctuation follows it
    alone: bool             # counts only when at most a few words come before it
    inside: bool            # counts inside the cue's own words too ("je vais peut-être appeler")
    terminators: re.Pattern | None   # words that close its scope ("mais", "but")
    tail: re.Pattern | None          # words that may still follow a closing one ("ma demande, là.")


@dataclass(frozen=True)
class Applied:
    category: str
    label: str
    words: str
    cancels: bool


KINDS = {"question", "suggestion", "commitment", "learning", "demand"}
KEYS = {"category", "label", "cancels", "phrases", "direction", "max_scope", "followed_by", "closing", "alone",
        "inside", "terminated_by"}
# Said between a phrase and what must follow it: "ma collègue m'a dit hier, en passant, ...".
ASIDES = ["hier", "ce matin", "l'autre jour", "la semaine dernière", "en passant", "une fois", "un jour", "parfois",
          "souvent", "des fois", "tout le temps", "toujours", "encore", "devant tout le monde", "en réunion",
          "au téléphone", "yesterday", "this morning", "the other day", "last week", "once", "one day", "in passing",
          "sometimes", "often", "always", "still", "all the time", "in front of everyone", "in the corridor",
          "on the phone", "in the meeting"]
MAX_BEFORE_ALONE = 3   # words before a modifier said alone ("Bon, alors, ma demande.")


def _phrases(phrases, followed_by=None) -> re.Pattern | None:
    if not phrases:
        return None
    # Words are matched whole; a sign ("," or ":") wherever it is.
    alternatives = "|".join((r"(?<![\w-])" if p[:1].isalnum() else "") + re.escape(p.lower())
                            + (r"(?!\w)" if p[-1:].isalnum() else "")
                            for p in sorted(phrases, key=len, reverse=True))
    tail = ""
    if followed_by:
        aside = "|".join(re.escape(a) for a in ASIDES)
        tail += r"(?=(?:\s*,?\s*(?:" + aside + r"))*\s*(?:" + "|".join(re.escape(f) for f in followed_by) + r"))"
    # An elided word may come before ("qu'il dit que"), not a letter or a hyphen.
    return re.compile(r"(?:" + alternatives + ")" + tail)


def _read(lang: str) -> dict:
    path = FOLDER / f"{lang}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None


def _check(path: Path, entry: dict) -> None:
    """A modifier that would silently do nothing is refused, with the file and the entry."""
    problems = [f"unknown key {key!r}" for key in entry if key not in KEYS]
    problems += [f"missing {key!r}" for key in ("category", "label", "cancels", "phrases") if key not in entry]
    problems += [f"unknown kind {kind!r} (kinds: {', '.join(sorted(KINDS))})" for kind in entry.get("cancels", [])
                 if kind not in KINDS]
    if entry.get("direction", "forward") not in DIRECTIONS:
        problems.append(f"direction must be one of {', '.join(DIRECTIONS)}")
    if problems:
        raise ValueError(f"{path}: modifier {entry.get('category', '?')!r} {entry.get('phrases', [])[:2]}: "
                         + "; ".join(problems))


@functools.cache
def verbs(lang: str) -> dict[str, frozenset[str]]:
    """The verb lists of context/<lang>.toml: the verbs that make "je vais <verbe>" / "I'll <verb>"
    discourse, thinking or a mere future rather than an action."""
    return {name: frozenset(words) for name, words in _read(lang)["verbs"].items()}


@functools.cache
def modifiers(lang: str) -> tuple[Modifier, ...]:
    """The modifiers of a language, read once from context/<lang>.toml."""
    data = _read(lang)
    terminators = data.get("terminators", [])
    tail = _phrases(data.get("closing_tail", []))
    out = []
    for entry in data["modifier"]:
        _check(FOLDER / f"{lang}.toml", entry)
        out.append(Modifier(
            category=entry["category"], label=entry["label"], cancels=frozenset(entry["cancels"]),
            direction=entry.get("direction", "forward"),
            pattern=_phrases(entry["phrases"], entry.get("followed_by")),
            max_scope=entry.get("max_scope"), closing=entry.get("closing", False), alone=entry.get("alone", False),
            inside=entry.get("inside", False),
            terminators=_phrases(entry.get("terminated_by", terminators)), tail=tail))
    return tuple(out)


def _in_scope(between: str, mod: Modifier) -> bool:
    if mod.terminators is not None and mod.terminators.search(between):
        return False
    return mod.max_scope is None or len(re.findall(r"[\w'-]+", between)) <= mod.max_scope


def _said_after(rest: str, mod: Modifier) -> str:
    """What follows a closing modifier, less the words that leave it closing."""
    return mod.tail.sub("", rest) if mod.tail else rest


def weigh(text: str, cue: Cue, kind: str, lang: str) -> list[Applied]:
    """The modifiers of text (normalised) whose scope covers the cue of an item of kind."""
    found = []
    for mod in modifiers(lang):
        for m in mod.pattern.finditer(text):
            if mod.closing and _said_after(text[m.end():], mod).strip(" .,;:!?…") \
                    or mod.alone and len(re.findall(r"\w+", text[:m.start()])) > MAX_BEFORE_ALONE:
                continue
            if m.start() < cue.end and cue.start < m.end():
                # Sharing the cue's words, it applies only as a whole-sentence or closing
                # modifier ("Alors, ma demande.") or one said within the cue ("I'll probably email").
                applies = mod.direction == "sentence" or mod.closing or (
                    mod.inside and cue.start < m.start() and m.end() < cue.end)
            else:
                forward = m.end() <= cue.start and _in_scope(text[m.end():cue.start], mod)
                backward = cue.end <= m.start() and _in_scope(text[cue.end:m.start()], mod)
                applies = (mod.direction == "sentence" or mod.direction in ("forward", "both") and forward
                           or mod.direction in ("backward", "both") and backward)
            if applies:
                found.append(Applied(mod.category, mod.label, m.group(0), kind in mod.cancels))
                break
    return found
