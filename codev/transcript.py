"""A session's transcript line by line, and its corrections by hand: a misheard word or name put
right on one line, or everywhere in the session, and undone, back to what Whisper heard.

A corrected line keeps what was heard (`Segment.heard_text`) and who corrected it. The step's
items are then extracted again from the corrected words (codev.takes.replace_items): the items the
client did not review are extracted afresh, those they reviewed stay, and an item they reviewed
that was said on a corrected line follows the correction (see `_extract_again`)."""
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm.attributes import set_committed_value

from codev import voices
from codev.erase import in_progress
from codev.errors import CodevError
from codev.ids import parse_id
from codev.models import Item, Recording, Segment, Session, Step
from codev.notes import REVIEWED_KINDS, item_context
from codev.takes import replace_items
from codev.text import clean, plain

WHO = ("facilitator", "client")


class TranscriptError(CodevError):
    """A correction refused, and nothing changed; `code` names the reason, for the pages to say it."""

    def __init__(self, code: str, message: str, **details: str):
        super().__init__(message)
        self.code, self.details = code, details


@dataclass
class Line:
    """A line of a step's transcript, as the pages and the command show it."""
    id: int
    step: str
    start: float  # on the step's timeline
    end: float
    text: str
    heard_text: str | None  # what Whisper wrote, when the line was corrected by hand
    corrected_by: str | None  # "facilitator" or "client"
    speaker: str | None  # who said it (see codev.voices), None when not told
    speaker_corrected: bool  # chosen by hand
    take: int  # the take's number in its step
    recording_id: int
    at: float  # where the line starts in its take's audio, and ends
    until: float
    audio: str  # "ready" to play; "deleted" by the group's retention; "pending" while recorded or decoded
    audio_deleted_on: str | None  # YYYY-MM-DD
    # Each word's start in the take's audio, and the word as Whisper wrote it (spaces included),
    # while the line is as heard; None for a corrected line or a take without word timings.
    words: list[tuple[float, str]] | None
    editable: bool  # its take is neither being recorded nor transcribed


@dataclass
class Change:
    """A line as it was and as a correction makes it."""
    line: Segment
    before: str
    after: str


def lines(step: Step) -> list[Line]:
    return [line for recording in step.recordings for line in _take_lines(recording, recording.segments)]


def line(segment: Segment) -> Line:
    return _take_lines(segment.recording, [segment])[0]


def _take_lines(recording: Recording, segments: Iterable[Segment]) -> list[Line]:
    offset, busy = recording.offset, in_progress(recording)
    audio = "deleted" if recording.audio_deleted_at else "ready" if recording.status == "ready" else "pending"
    deleted_on = recording.audio_deleted_at.date().isoformat() if recording.audio_deleted_at else None
    return [Line(id=s.id, step=recording.step.key, start=s.start, end=s.end, text=s.text, heard_text=s.heard_text,
                 corrected_by=s.corrected_by, speaker=s.speaker, speaker_corrected=s.speaker_corrected, take=recording.position, recording_id=recording.id,
                 at=round(max(0.0, s.start - offset), 2), until=round(max(0.0, s.end - offset), 2), audio=audio,
                 audio_deleted_on=deleted_on, words=_words(s, offset), editable=not busy)
            for s in segments]


def _words(segment: Segment, offset: float) -> list[tuple[float, str]] | None:
    if segment.heard_text is not None or not segment.words:
        return None
    words = [(round(max(0.0, start - offset), 2), word) for start, _end, word in segment.words]
    if "".join(word for _, word in words).split() != segment.text.split():
        return None  # the line's text is no longer what the words spell
    return words


def review_lines(session: Session) -> set[int]:
    """The ids of the lines the client's review shows: around each of their items, as
    codev.notes.item_context gives them. The client corrects these."""
    return {segment.id for step in session.steps for item in step.items if item.kind in REVIEWED_KINDS
            for segment, _said in item_context(item)}


def get_line(db: DbSession, session: Session, line_id, within: set[int] | None = None) -> Segment:
    """The line `line_id` of the session; `within`, when given, the ids of the lines the person
    asking may correct."""
    number = parse_id(line_id)
    segment = db.get(Segment, number) if number is not None else None
    if segment is None or segment.recording.step.session_id != session.id:
        raise TranscriptError("unknown_line", f"Session {session.id} has no transcript line {line_id}: it went with "
                                              "a deleted take, or is another session's. "
                                              f"`codev transcript show {session.id}` lists its lines.")
    if within is not None and segment.id not in within:
        raise TranscriptError("not_yours", f"Line {segment.id} is not in the client's review: the facilitator "
                                           "can correct it.")
    return segment


def correct_line(db: DbSession, session: Session, line_id, text: str | None, by: str, was: str | None = None,
                 within: set[int] | None = None) -> Segment:
    """Put the words of a line right. `was`, when given, is the line as the page showed it: a line
    changed since (in another tab, by someone else) is not overwritten."""
    segment = get_line(db, session, line_id, within)
    corrected = clean(text, "line")
    if not corrected:
        raise TranscriptError("empty", "The corrected line is empty: write what was said, or undo the correction "
                                       "to go back to what was heard. Nothing was changed.")
    if was is not None and plain(was).split() != segment.text.split():
        raise TranscriptError("changed", f"Line {segment.id} was changed since it was shown (it now says "
                                         f"«{segment.text}»); nothing was changed. Correct it again.")
    if corrected != segment.text:
        _apply(db, session, [Change(segment, segment.text, corrected)], by)
    return segment


def set_speaker(db: DbSession, session: Session, line_id, speaker: str | None,
                within: set[int] | None = None) -> Segment:
    """Who said a line, chosen by hand among those who may have (see codev.voices.speaker_choices)."""
    segment = get_line(db, session, line_id, within)
    if speaker not in voices.speaker_choices(session):
        raise TranscriptError("unknown_speaker", f"'{speaker}' is not one of the session's people or voices; "
                                                 "nothing was changed.", speaker=str(speaker))
    if in_progress(segment.recording):
        raise TranscriptError("busy", "A take of this step is being recorded or transcribed: correct its lines once "
                                      "it is done. Nothing was changed.")
    voices.correct_speaker(db, segment, speaker)
    return segment


def undo(db: DbSession, session: Session, line_id, within: set[int] | None = None) -> Segment:
    """The line back to what Whisper heard."""
    segment = get_line(db, session, line_id, within)
    if segment.heard_text is None:
        raise TranscriptError("not_corrected", f"Line {segment.id} is as Whisper heard it: there is no correction "
                                               "to undo.")
    _apply(db, session, [Change(segment, segment.text, segment.heard_text)], None)
    return segment


def replacements(session: Session, old: str | None, new: str | None, within: set[int] | None = None) -> list[Change]:
    """The lines where `old` is said as a whole word or words, in any case, and what they become
    with `new` in its place, written in capitals or with a capital where `old` was."""
    old, new = clean(old, "line"), clean(new, "line")
    if not old or not new:
        raise TranscriptError("empty_words", "Say what to replace and by what: neither can be empty. "
                                             "Nothing was changed.")
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, old.split())) + r"(?!\w)", re.IGNORECASE)
    said = [s for step in session.steps for s in step.segments
            if (within is None or s.id in within) and pattern.search(s.text)]
    if not said:
        raise TranscriptError("no_match", f"No line of session {session.id} says «{old}» as a whole word: "
                                          "nothing was changed.", old=old)
    changes = [Change(s, s.text, pattern.sub(lambda m: _written_as(m.group(), new), s.text)) for s in said]
    changes = [c for c in changes if c.after != c.before]
    if not changes:
        raise TranscriptError("no_change", f"Every line of session {session.id} that says «{old}» already says "
                                           f"«{new}»: nothing was changed.", old=old, new=new)
    return changes


def replace_everywhere(db: DbSession, session: Session, old: str | None, new: str | None, by: str,
                       within: set[int] | None = None) -> list[Change]:
    """Replace `old` by `new` in every line of the session (or `within` those lines); each
    line changed is marked corrected."""
    changes = replacements(session, old, new, within)
    _apply(db, session, changes, by)
    return changes


def _written_as(heard: str, new: str) -> str:
    """`new` in capitals where `heard` was (a word of two letters or more), with a capital where
    it started with one, else as typed: a name typed in lower case still opens a sentence."""
    if len(heard) > 1 and heard.isupper():
        return new.upper()
    if heard[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _apply(db: DbSession, session: Session, changes: list[Change], by: str | None) -> None:
    """Store the changes, extract the items of their steps again, all or nothing. `by` is who
    corrected; None undoes."""
    if by is not None and by not in WHO:
        raise ValueError(f"a correction is by one of {WHO}, not {by!r}")
    steps = {c.line.recording.step: [] for c in changes}
    for step in steps:
        busy = next((r for r in step.recordings if in_progress(r)), None)
        if busy:
            raise TranscriptError("busy", f"Take {busy.position} of {step.key} is being recorded or transcribed: "
                                          "correct its step once it is done. Nothing was changed.")
    version = session.notes_version
    try:
        # Nothing is written until spaCy is done: its seconds on a long step hold no lock on the database.
        with db.no_autoflush:
            for change in changes:
                segment = change.line
                heard = segment.heard_text if segment.heard_text is not None else segment.text
                segment.text = change.after
                segment.heard_text, segment.corrected_by = (None, None) if change.after == heard else (heard, by)
                steps[segment.recording.step].append(segment)
            if any([_extract_again(step, said) for step, said in steps.items()]):  # every step, not up to one
                session.validated_at = None  # the client approved other words: changed notes need a new approval
            # The notes' version, raised as notes.py does: two corrections of a step at once, or a
            # correction and a change of the review, cannot both replace the same items.
            raised = db.execute(update(Session).where(Session.id == session.id, Session.notes_version == version)
                                .values(notes_version=Session.notes_version + 1)
                                .execution_options(synchronize_session=False))
            if raised.rowcount != 1:
                raise TranscriptError("conflict", "The notes or the transcript were changed elsewhere at the same "
                                                  "moment; nothing was changed. Try again.")
        set_committed_value(session, "notes_version", version + 1)
        db.commit()
    except BaseException:
        db.rollback()
        raise


def _extract_again(step: Step, corrected: list[Segment]) -> bool:
    """Extract the step's items again from its corrected lines. An item the client reviewed,
    said on a corrected line and no longer found as it was worded, takes the new wording of the
    same utterance: the new item of its kind, at its moment, nearest to its words. It keeps its
    review; its text follows unless the client wrote their own. True when words of the client's
    notes changed."""
    before, said = set(step.items), {(i.kind, i.extracted_text) for i in step.items}
    reviewed = [i for i in step.items if i.reviewed and i.extracted_text is not None
                and any(_overlap(i, s) for s in corrected)]
    found = {(f.kind, f.text) for f in replace_items(step)}
    reworded = [i for i in step.items if i not in before and (i.kind, i.text) not in said]
    notes_changed = False
    for item in reviewed:
        if (item.kind, item.extracted_text) in found:
            continue
        same = [n for n in reworded if n.kind == item.kind and _overlap(n, item)]
        if not same:
            continue
        new = max(same, key=lambda n: difflib.SequenceMatcher(None, item.extracted_text, n.text).ratio())
        reworded.remove(new)
        step.items.remove(new)
        item.extracted_text, item.why, item.start, item.end = new.text, new.why, new.start, new.end
        if not item.edited:
            notes_changed |= item.status != "rejected" and item.text != new.text
            item.text, item.due, item.due_text = new.text, new.due, new.due_text
            item.disguised_suggestion, item.owner = new.disguised_suggestion, new.owner
    for position, item in enumerate(step.items):
        item.position = position
    return notes_changed


def _overlap(item: Item, other: Item | Segment) -> bool:
    """Whether two moments of a step's timeline share some time (an item without one shares none)."""
    if item.start is None or other.start is None:
        return False
    return item.start < max(other.end or other.start, other.start + 0.01) and \
        other.start < max(item.end or item.start, item.start + 0.01)
