"""The domain: a codev session, its participants and steps, each step's recordings (takes),
their transcript segments, and the items extracted from them."""
import datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, false, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Group(Base):
    """A codev group: peers who meet over a cycle of sessions."""
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Days the audio of a session is kept after its client validated the notes; None keeps it.
    audio_retention_days: Mapped[int | None]
    # The group's own words (names, jargon), one per line, given to Whisper with the session's names.
    vocabulary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    members: Mapped[list["GroupMember"]] = relationship(
        back_populates="group", order_by="GroupMember.position", cascade="all, delete-orphan")
    sessions: Mapped[list["Session"]] = relationship(
        back_populates="group", order_by="(Session.cycle, Session.date, Session.id)")


class GroupMember(Base):
    __tablename__ = "group_members"
    # Two requests adding the same name at once make one member (see codev.groups.add_member).
    __table_args__ = (Index("uq_group_members_group_name", "group_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))

    group: Mapped[Group] = relationship(back_populates="members")
    voiceprint: Mapped["Voiceprint | None"] = relationship(
        back_populates="member", cascade="all, delete-orphan", passive_deletes=True)


class Voiceprint(Base):
    """A member's voice signature (a CAM++ embedding, not the audio it was made from), to tell who
    speaks: personal data (biometric), kept in this database only and deleted with the member."""
    __tablename__ = "voiceprints"
    __table_args__ = (UniqueConstraint("member_id", name="uq_voiceprints_member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("group_members.id", ondelete="CASCADE"))
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian
    speech_seconds: Mapped[float]  # of speech heard in what it was made from
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    member: Mapped[GroupMember] = relationship(back_populates="voiceprint")


class Session(Base):
    __tablename__ = "sessions"
    # A deleted session's id is never given to a new one: a browser granted access to the old
    # one must not open the new one.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL", name="fk_sessions_group_id_groups"), index=True)
    cycle: Mapped[int] = mapped_column(default=1, server_default="1")
    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[datetime.date] = mapped_column(Date)
    lang: Mapped[str] = mapped_column(String(8))
    template: Mapped[str] = mapped_column(String(64))
    client: Mapped[str | None] = mapped_column(String(120))
    facilitator: Mapped[str | None] = mapped_column(String(120))
    # The client's own words on what they retain, and when they approved their notes.
    synthesis: Mapped[str | None] = mapped_column(Text)
    validated_at: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    # Raised by every change to the client's notes, so that two tabs cannot overwrite each other.
    notes_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # Secrets of the links that open the session over the network, one per role (see
    # codev.sessions.access_links): the participants', the client's and the facilitator's; and
    # when they were made, which their grants expire after.
    access_token: Mapped[str | None] = mapped_column(String(64))
    client_token: Mapped[str | None] = mapped_column(String(64))
    facilitator_token: Mapped[str | None] = mapped_column(String(64))
    links_made_at: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    # When the facilitator confirmed that the group agreed to be recorded (a codev rule).
    consent_at: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    group: Mapped[Group | None] = relationship(back_populates="sessions")
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="session", order_by="Participant.position", cascade="all, delete-orphan")
    steps: Mapped[list["Step"]] = relationship(
        back_populates="session", order_by="Step.position", cascade="all, delete-orphan")
    actions: Mapped[list["Action"]] = relationship(
        back_populates="session", order_by="Action.position", cascade="all, delete-orphan")

    def step(self, key: str) -> "Step | None":
        return next((s for s in self.steps if s.key == key), None)


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))

    session: Mapped[Session] = relationship(back_populates="participants")


class Step(Base):
    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(64))  # the step id of the template, e.g. "clarification"
    timebox: Mapped[int]  # minutes

    session: Mapped[Session] = relationship(back_populates="steps")
    recordings: Mapped[list["Recording"]] = relationship(
        back_populates="step", order_by="Recording.position", cascade="all, delete-orphan")
    items: Mapped[list["Item"]] = relationship(
        back_populates="step", order_by="Item.position", cascade="all, delete-orphan")

    @property
    def duration(self) -> float:
        return sum(r.duration for r in self.recordings)

    @property
    def segments(self) -> list["Segment"]:
        return [s for r in self.recordings for s in r.segments]

    @property
    def transcript(self) -> str:
        return " ".join(s.text for s in self.segments)


class Recording(Base):
    """One take of a step: an audio file in the data folder and its transcript."""
    __tablename__ = "recordings"
    # Takes stored at once get one number each (see codev.takes.new_take): none overlap on the timeline.
    __table_args__ = (Index("uq_recordings_step_position", "step_id", "position", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    path: Mapped[str] = mapped_column(Text)  # relative to the data folder
    original_name: Mapped[str | None] = mapped_column(Text)
    duration: Mapped[float]  # seconds
    language: Mapped[str] = mapped_column(String(8))
    # "recording" while being captured (by process `pid`); "uploaded" while the file is as it was
    # sent, until its job decodes it into the take's WAV; then "ready".
    status: Mapped[str] = mapped_column(String(16), default="ready", server_default="ready")
    pid: Mapped[int | None]
    # Found interrupted at start-up and repaired.
    recovered: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the group's retention deleted the audio file; the transcript is kept.
    audio_deleted_at: Mapped[datetime.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    step: Mapped[Step] = relationship(back_populates="recordings")
    segments: Mapped[list["Segment"]] = relationship(
        back_populates="recording", order_by="Segment.position", cascade="all, delete-orphan")
    job: Mapped["Job | None"] = relationship(back_populates="recording", cascade="all, delete-orphan")

    @property
    def offset(self) -> float:
        """Where this take starts on the step's timeline: the takes before it, end to end."""
        return sum(r.duration for r in self.step.recordings if r.position < self.position)


class Job(Base):
    """The transcription of one take. It survives the process: `done_until` is how far into
    the take the stored segments go, so a job killed half-way resumes there."""
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued, running, done, failed
    done_until: Mapped[float] = mapped_column(default=0.0)  # seconds into the take
    pid: Mapped[int | None]  # the process running it
    error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime.datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), onupdate=func.current_timestamp())

    recording: Mapped[Recording] = relationship(back_populates="job")


class Segment(Base):
    """A stretch of transcript; times are on the step's timeline, in seconds."""
    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("recording_id", "position", name="uq_segments_recording_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    start: Mapped[float]
    end: Mapped[float]
    text: Mapped[str] = mapped_column(Text)  # as corrected by hand, if it was
    heard_text: Mapped[str | None] = mapped_column(Text)  # what Whisper wrote, once a line is corrected
    corrected_by: Mapped[str | None] = mapped_column(String(16))  # "facilitator" or "client"
    # Whisper's word timings as [[start, end, word], ...] on the step's timeline; None for old takes.
    words: Mapped[list | None] = mapped_column(JSON)
    # Who said it: a member's name, or S1, S2... for a voice nobody enrolled; None when not told.
    speaker: Mapped[str | None] = mapped_column(String(120))
    # Chosen by hand: labelling the take again leaves it.
    speaker_corrected: Mapped[bool] = mapped_column(default=False, server_default=false())

    recording: Mapped[Recording] = relationship(back_populates="segments")


class Item(Base):
    """A question, suggestion, commitment, learning or demand found in a step."""
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    # The words as extraction found them, whatever the client's edits: extraction run again
    # recognises the item by them.
    extracted_text: Mapped[str | None] = mapped_column(Text)
    # Why extraction found it (its cue, and a commitment's due date as said), for the client and the
    # facilitator to trust or correct it; refreshed when extraction finds the same words again.
    # None for an item the client added by hand.
    why: Mapped[str | None] = mapped_column(Text)
    start: Mapped[float | None]  # on the step's timeline
    end: Mapped[float | None]
    disguised_suggestion: Mapped[bool] = mapped_column(default=False)
    due: Mapped[datetime.date | None] = mapped_column(Date)
    due_text: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(32))
    speaker: Mapped[str | None] = mapped_column(String(120))  # that of the transcript lines it was said in
    # The client's review: "proposed" until accepted or rejected; "client" items were added by hand.
    status: Mapped[str] = mapped_column(String(16), default="proposed", server_default="proposed")
    source: Mapped[str] = mapped_column(String(16), default="extracted", server_default="extracted")
    edited: Mapped[bool] = mapped_column(default=False, server_default=false())

    step: Mapped[Step] = relationship(back_populates="items")

    @property
    def reviewed(self) -> bool:
        """Touched by the client: extraction run again must keep it as it is."""
        return self.status != "proposed" or self.source != "extracted" or self.edited


class Action(Base):
    """A line of the client's action plan, often made from a commitment."""
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")  # planned, done, dropped
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    session: Mapped[Session] = relationship(back_populates="actions")
    item: Mapped[Item | None] = relationship()
