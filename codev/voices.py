"""Who said what in a session: the group members' voiceprints, and the speaker of each transcript
line and item.

speakers/ tells the voices apart and knows nothing of sessions; this stores what it finds. A
voiceprint is the embedding of a member's voice (192 numbers), never the audio it was made from:
personal data (biometric), kept in the database only, deleted on its own or with the member. After
a take is transcribed, its turns are named after the group's voiceprints (S1, S2... for a voice
nobody enrolled, numbered within the take), and each line gets the speaker of most of its words;
a speaker chosen by hand stays when the take is labelled again. An item gets the speaker of the
lines it was said in."""
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session as DbSession

from codev.config import Config
from codev.errors import CodevError
from codev.jobs import SAMPLE_RATE, take_samples
from codev.models import Group, GroupMember, Item, Recording, Segment, Session, Step, Voiceprint
from codev.store import truncate_journal
from recorder import AudioError, decode
from speakers import voiceprint, who_spoke
from speakers.turns import speech_regions

MIN_SPEECH = 2.0  # seconds of speech a voiceprint needs: shorter samples tell voices apart poorly
Span = tuple[float, float, str]  # (start, end, speaker) on the step's timeline


class VoiceError(CodevError):
    """A voiceprint not made, and nothing stored or changed; `code` names the reason, for the pages
    to say it in their language."""

    def __init__(self, code: str, message: str, **details):
        super().__init__(message)
        self.code, self.details = code, details


def enrol(db: DbSession, member: GroupMember, audio: np.ndarray) -> Voiceprint:
    """Make (or make again) the member's voiceprint from audio of them speaking alone."""
    seconds = sum(end - start for start, end in speech_regions(audio))
    if seconds == 0:
        raise VoiceError("no_speech", f"No speech heard in the sample for {member.name}; nothing was stored.")
    if seconds < MIN_SPEECH:
        raise VoiceError("too_short", f"{seconds:.1f} s of speech heard in the sample for {member.name}: a "
                         f"voiceprint needs {MIN_SPEECH:.0f} s at least. Nothing was stored.",
                         seconds=round(seconds, 1), needed=MIN_SPEECH)
    vector = voiceprint(audio)
    replaced = member.voiceprint is not None
    member.voiceprint = Voiceprint(vector=vector.astype("<f4").tobytes(), speech_seconds=round(seconds, 1))
    db.commit()
    if replaced:  # the former vector's pages are zeroed in the file; empty the journal that held them
        truncate_journal(db.get_bind())
    return member.voiceprint


def enrol_file(db: DbSession, member: GroupMember, path) -> Voiceprint:
    """The member's voiceprint from an audio file (any format `codev import` reads)."""
    try:
        audio = decode(path)
    except AudioError as error:
        raise VoiceError("not_audio", f"{error} Nothing was stored.", error=str(error)) from None
    return enrol(db, member, audio)


def enrol_take(db: DbSession, config: Config, member: GroupMember, recording: Recording, start: float,
               end: float) -> Voiceprint:
    """The member's voiceprint from `start` to `end` seconds into a recorded take."""
    if recording.audio_deleted_at or recording.status != "ready":
        raise VoiceError("no_audio", "That take's audio is not there (deleted, or still being recorded); "
                         "nothing was stored.")
    if not 0 <= start < end <= recording.duration + 0.01:
        raise VoiceError("outside", f"Choose a stretch within the take (0 to {recording.duration:.0f} s), its "
                         "start before its end; nothing was stored.", duration=round(recording.duration))
    audio = take_samples(db, config, recording)
    return enrol(db, member, np.asarray(audio[round(start * SAMPLE_RATE):round(end * SAMPLE_RATE)]))


def forget(db: DbSession, member: GroupMember) -> None:
    """Delete the member's voiceprint, from the file and its journal (see codev.erase)."""
    member.voiceprint = None
    db.commit()
    truncate_journal(db.get_bind())


def group_takes(group: Group) -> list[Recording]:
    """The group's takes whose audio is there to make a voiceprint from, latest session first."""
    return [r for session in reversed(group.sessions) for step in session.steps for r in step.recordings
            if r.status == "ready" and not r.audio_deleted_at]


def group_voices(group: Group | None) -> dict[str, np.ndarray]:
    members = group.members if group else []
    return {m.name: np.frombuffer(m.voiceprint.vector, dtype="<f4") for m in members if m.voiceprint}


def label_take(db: DbSession, config: Config, recording: Recording, audio=None) -> None:
    """Name the speaker of each line of the take (those chosen by hand stay), then of the step's items.
    `audio` is the take's samples when the caller has them; otherwise its file is read a block at a time."""
    samples = take_samples(db, config, recording) if audio is None else audio
    turns = who_spoke(samples, group_voices(recording.step.session.group))
    offset = recording.offset  # from the take to the step's timeline
    spans = [(offset + t.start, offset + t.end, t.speaker) for t in turns]
    for segment in recording.segments:
        if not segment.speaker_corrected:
            segment.speaker = most_covered(said_times(segment), spans)
    name_item_speakers(recording.step)
    db.commit()


def name_item_speakers(step: Step) -> None:
    """Each item said in the step gets the speaker of the lines it was said in (most of its time)."""
    spans = [(s.start, s.end, s.speaker) for s in step.segments if s.speaker]
    for item in step.items:
        item.speaker = item_speaker(item, spans)


def item_speaker(item: Item, spans: list[Span]) -> str | None:
    if item.start is None:
        return None  # written by hand, or its take deleted
    end = item.end if item.end is not None and item.end > item.start else item.start + 0.01
    return most_covered([(item.start, end)], spans)


def session_people(session: Session) -> list[str]:
    """The group's members, then the session's participants, client and facilitator."""
    members = [m.name for m in session.group.members] if session.group else []
    return list(dict.fromkeys([*members, *(p.name for p in session.participants),
                               *(name for name in (session.client, session.facilitator) if name)]))


def speaker_choices(session: Session) -> list[str]:
    """Who a line can be given to: the session's people, then the voices nobody enrolled (S1, S2...)
    heard in it."""
    people = session_people(session)
    heard = sorted({s.speaker for step in session.steps for s in step.segments if s.speaker} - set(people))
    return people + heard


@dataclass(frozen=True)
class UnknownVoice:
    """A voice of a take that matched nobody's voiceprint (S1, S2...), for the facilitator to name."""
    recording: Recording
    label: str
    lines: int


def unknown_voices(step: Step) -> list[UnknownVoice]:
    people = set(session_people(step.session))
    found = Counter((s.recording, s.speaker) for s in step.segments if s.speaker and s.speaker not in people)
    return [UnknownVoice(recording, label, count) for (recording, label), count in found.items()]


def name_voice(db: DbSession, config: Config, recording: Recording, label: str, member: GroupMember) -> bool:
    """`label`'s lines in the take are the member's: they say so (as chosen by hand), and the member
    gets a voiceprint made from them when they have none, so that the next takes know the voice.
    Returns whether a voiceprint was made (not when the lines hold too little speech, or the take's
    audio is gone)."""
    lines = [s for s in recording.segments if s.speaker == label]
    if not lines:
        raise VoiceError("no_lines", f"No line of take {recording.position} is {label}'s any more; nothing was changed.",
                         label=label)
    made = False
    if member.voiceprint is None and recording.status == "ready" and not recording.audio_deleted_at:
        samples, offset = take_samples(db, config, recording), recording.offset
        said = np.concatenate([np.asarray(samples[round((s.start - offset) * SAMPLE_RATE):
                                                  round((s.end - offset) * SAMPLE_RATE)]) for s in lines])
        try:
            enrol(db, member, said)
            made = True
        except VoiceError:
            db.rollback()  # too little speech to know the voice by: the lines are named all the same
    for line in lines:
        line.speaker, line.speaker_corrected = member.name, True
    name_item_speakers(recording.step)
    db.commit()
    return made


def correct_speaker(db: DbSession, segment: Segment, speaker: str) -> None:
    """A line's speaker chosen by hand: it stays through labelling and extraction again."""
    segment.speaker, segment.speaker_corrected = speaker, True
    name_item_speakers(segment.recording.step)
    db.commit()


def most_covered(pieces: Iterable[tuple[float, float]], spans: list[Span]) -> str | None:
    """The speaker whose spans cover most of the pieces' time; None when none covers any."""
    covered: Counter[str] = Counter()
    for start, end in pieces:
        for span_start, span_end, speaker in spans:
            overlap = min(end, span_end) - max(start, span_start)
            if overlap > 0:
                covered[speaker] += overlap
    return covered.most_common(1)[0][0] if covered else None


def said_times(segment: Segment) -> list[tuple[float, float]]:
    """When the line's words were said (the line's bounds when its words are not timed)."""
    return [(start, end) for start, end, _word in segment.words] if segment.words else [(segment.start, segment.end)]
