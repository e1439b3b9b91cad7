"""The `codev` command: a thin layer over the core; every subcommand has --help."""
import datetime
import errno
import json
import os
import re
import select
import signal
import sys
import tempfile
import termios
import time
import tty
from contextlib import contextmanager
from dataclasses import asdict
from functools import cached_property, wraps
from pathlib import Path

import click
from tqdm import tqdm

import summarise
from codev import erase, export, retention, transcript
from codev.config import Config
from codev.cycle import cycle_review
from codev.errors import CodevError, NotFound
from codev.export import clock
from codev.groups import get_group, list_groups
from codev.private import private_from_now
from codev.recording import StepRecording, give_consent
from codev.recovery import recover
from codev.sessions import LANGUAGES, create_session, get_session, get_step, list_sessions
from codev.store import open_database
from codev.takes import import_takes
from codev.templates import step_definition, step_definitions, template_ids
from recorder import AudioError, DeviceError, RecordingError, decode, list_devices
from speakers import NoSpeech, WeightsMissing, voiceprint, who_spoke
from transcribe import ModelUnavailable, Transcriber, resolve_model

USER_ERRORS = (CodevError, AudioError, ModelUnavailable, DeviceError, RecordingError, WeightsMissing)


class App:
    """What the subcommands share: the configuration and, opened on first use, the database."""

    def __init__(self, config: Config):
        self.config = config

    @cached_property
    def db_factory(self):
        """Opening the database is a start: takes and jobs left by a killed process are finished."""
        factory = open_database(self.config.database)
        with factory() as db:
            recover(db, self.config, lambda: self.transcriber(None), report=lambda m: click.echo(m, err=True))
        return factory

    @cached_property
    def db(self):
        return self.db_factory()

    def transcriber(self, model: str | None) -> Transcriber:
        return Transcriber(resolve_model(model, self.config.models_dir))


def user_errors(command):
    """Turn the errors a user can act on into a one-line message and a non-zero exit: ours, and
    the system's about a file or a folder (missing, not a folder, full disk, no permission)."""
    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except USER_ERRORS as error:
            raise click.ClickException(str(error)) from None
        except OSError as error:
            place = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{place}{error.strerror or error}.") from None
    return wrapper


def write_whole(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: into a new file beside it, renamed over it once complete,
    so that a failure (a full disk) never leaves it half-written. A device or a pipe (/dev/stdout)
    is written to as it is."""
    partial = None
    try:
        if path.exists() and not path.is_file():
            path.write_bytes(data)
            return
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as partial:
            partial.write(data)
        os.replace(partial.name, path)
    except OSError as error:
        if partial is not None:
            Path(partial.name).unlink(missing_ok=True)
        raise CodevError(f"Cannot write {path} ({error.strerror or error}); nothing was written.") from None


# C0 and C1 control characters but tab and newline: in text from the notes, an escape sequence a
# client typed could retitle the terminal, clear it, or type commands into it.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def say(line: str = "", err: bool = False, **style) -> None:
    """Print a line that holds text from the notes: its control characters are written out (\\x1b),
    never sent to the terminal."""
    click.secho(_CONTROLS.sub(lambda control: f"\\x{ord(control.group()):02x}", line), err=err, **style)


pass_app = click.make_pass_decorator(App)
model_option = click.option("--model", default=None, metavar="NAME|FOLDER",
                            help="Whisper model: the bundled 'base' (default), a local CTranslate2 model "
                                 "folder, or a faster-whisper model name (downloaded, needs the network).")


def progress_bar(segments, duration):
    """Show transcription progress in seconds of audio, on stderr so output stays clean."""
    with tqdm(total=round(duration, 1), unit="s", desc="Transcribing", file=sys.stderr,
              bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total:.0f} s [{elapsed}<{remaining}]") as bar:
        for segment in segments:
            bar.update(min(segment.end, bar.total) - bar.n)
            yield segment
        bar.update(bar.total - bar.n)


@click.group()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="CODEV_HOME",
              help="Data folder (default: $CODEV_HOME, else the user's data directory).")
@click.version_option(package_name="codev-notes")
@click.pass_context
def cli(ctx, data_dir):
    """codev-notes: local, confidential notes for codéveloppement sessions."""
    private_from_now()  # whatever this command writes is the user's alone
    ctx.obj = App(Config.from_env(data_dir))


@cli.group()
def session():
    """Create, list and delete sessions."""


@session.command("new")
@click.option("--title", required=True, help="Session title.")
@click.option("--date", "date_", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Session date, YYYY-MM-DD.")
@click.option("--lang", required=True, type=click.Choice(LANGUAGES), help="Language spoken in the session.")
@click.option("--template", "template_id", default="standard", show_default=True,
              type=click.Choice(template_ids()), help="Which steps the session has.")
@click.option("--client", default=None, help="Name of the client of the day.")
@click.option("--participants", default="", help='Comma-separated names, e.g. "Ana,Bruno,Chloé".')
@click.option("--follow-up", is_flag=True, help="Open with the previous client's follow-up step.")
@pass_app
@user_errors
def session_new(app, title, date_, lang, template_id, client, participants, follow_up):
    """Create a session and print its id."""
    created = create_session(app.db, title=title, date=date_.date(), lang=lang, template_id=template_id,
                             client=client, participants=participants.split(","), follow_up=follow_up)
    click.echo(created.id)


@session.command("list")
@pass_app
@user_errors
def session_list(app):
    """List the sessions, newest first."""
    for s in list_sessions(app.db):
        say(f"{s.id}\t{s.date.isoformat()}\t{s.lang}\t{s.template}\t{s.title}")


yes_option = click.option("--yes", is_flag=True, help="Delete without asking (for scripts).")


def confirm_deletion(what: str, contents: str, yes: bool) -> None:
    """Name what goes; unless --yes, ask, and stop with nothing deleted on anything but yes."""
    say(f"{what}. This deletes, for good: {contents}.")  # a title or a name, as typed
    if yes:
        return
    try:
        confirmed = click.confirm("Delete it?")
    except click.Abort:  # Ctrl-C, or no terminal to answer on
        click.echo(err=True)
        confirmed = False
    if not confirmed:
        click.echo("Nothing was deleted.", err=True)
        raise click.exceptions.Exit(1)


@session.command("delete")
@click.argument("session_id", metavar="SESSION")
@yes_option
@pass_app
@user_errors
def session_delete(app, session_id, yes):
    """Delete a SESSION for good: its audio, transcripts, items, the client's notes and its access links.

    It asks first, naming what goes, unless --yes."""
    s = get_session(app.db, session_id)
    confirm_deletion(f"Session {s.id}, {long_date(s.date)}, «{s.title}»", describe(erase.session_contents(s)), yes)
    erase.delete_session(app.db, app.config, s)
    click.echo(f"Session {session_id} is deleted.")


@cli.group()
def take():
    """Delete a take of a step (`codev show` lists them)."""


@take.command("delete")
@click.argument("session_id", metavar="SESSION")
@click.argument("step_key", metavar="STEP")
@click.argument("number", metavar="TAKE", type=int)
@yes_option
@pass_app
@user_errors
def take_delete(app, session_id, step_key, number, yes):
    """Delete take number TAKE of a STEP of a SESSION for good: its audio, its transcript and the items
    extracted from it (items the client reviewed stay in their notes). The takes after it move up.

    It asks first, naming what goes, unless --yes."""
    s = get_session(app.db, session_id)
    step = get_step(s, step_key)
    recording = next((r for r in step.recordings if r.position == number), None)
    if recording is None:
        takes = ", ".join(str(r.position) for r in step.recordings)
        raise NotFound(f"Step {step.key} of session {s.id} has no take {number}"
                       + (f"; its takes: {takes}." if takes else "; it has no take."))
    going, kept = erase.take_items(recording)
    contents = [f"{clock(recording.duration)} of audio", f"its transcript ({plural(len(recording.segments), 'segment')})",
                f"{plural(len(going), 'item')} extracted from it"]
    confirm_deletion(f"Take {number} of {step.key}, session {s.id} ({long_date(s.date)})", ", ".join(contents)
                     + (f"; kept in the client's notes: {plural(len(kept), 'item')} they reviewed" if kept else ""), yes)
    erase.delete_take(app.db, app.config, recording)
    click.echo(f"Take {number} of {step.key} is deleted.")


@cli.group()
def group():
    """List and delete groups (the web app creates them)."""


@group.command("list")
@pass_app
@user_errors
def group_list(app):
    """List the groups: id, name, members, sessions, how long their audio is kept."""
    for g in list_groups(app.db):
        days = g.audio_retention_days
        kept = "audio kept" if days is None else f"audio deleted {plural(days, 'day')} after validation"
        say(f"{g.id}\t{g.name}\t{plural(len(g.members), 'member')}\t{plural(len(g.sessions), 'session')}\t{kept}")


@group.command("delete")
@click.argument("group_id", metavar="GROUP")
@yes_option
@pass_app
@user_errors
def group_delete(app, group_id, yes):
    """Delete a GROUP for good: its members and all its sessions, with their audio, transcripts,
    items, notes and access links.

    It asks first, naming what goes, unless --yes."""
    g = get_group(app.db, group_id)
    contents = erase.group_contents(g)
    confirm_deletion(f"Group {g.id}, «{g.name}»", f"{plural(contents.members, 'member')}, "
                     f"{plural(contents.sessions, 'session')}" + (f": {describe(contents)}" if contents.sessions else ""), yes)
    erase.delete_group(app.db, app.config, g)
    click.echo(f"Group {group_id} is deleted.")


@cli.command()
@click.argument("group_id", metavar="GROUP")
@click.option("--cycle", "cycle_number", type=click.IntRange(min=1), default=None,
              help="Which cycle (default: the group's latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: each session's plan, outcomes, learnings, "
                                                      "process review with the items counted, and the trend.")
@click.option("--docx", "docx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="FILE", help="Also write the review as a Word document.")
@pass_app
@user_errors
def cycle(app, group_id, cycle_number, as_json, docx_path):
    """The review of a GROUP's cycle: for each session, the demand, the action plan and what became of
    it at the next session's follow-up, the learnings, and how the method was followed."""
    review = cycle_review(get_group(app.db, group_id), cycle_number)
    if docx_path:
        write_whole(docx_path, export.cycle_to_docx(review))
    if as_json:
        click.echo(json.dumps(export.cycle_dict(review), ensure_ascii=False, indent=2))
        return
    words = export.WORDS[review.lang]
    say(f"{review.group.name} — {words['cycle'].format(cycle=review.cycle)}", bold=True)
    for s in review.sessions:
        say()
        say(f"{s.session.date.isoformat()} · {s.session.title}" + (f" · client: {s.session.client}" if s.session.client else ""),
            bold=True)
        for item in s.demand:
            say(f"  «{item.text}»")
        for action in s.plan:
            say(f"  [{export.outcome_word(action.status, words)}] {action.text}")
        if s.plan:
            say(f"  {export.outcome_line(s, words)}")
        for item in s.learnings:
            say(f"  + {item.text}")
        for line in export.review_lines(s.session, words):
            say(f"  {line}")


@cli.command()
@click.option("--dry-run", is_flag=True, help="Say what would be deleted, and delete nothing.")
@pass_app
@user_errors
def purge(app, dry_run):
    """Apply each group's retention: delete the audio of sessions whose client validated the notes
    more than the group's number of days ago. Transcripts and notes are kept."""
    now = datetime.datetime.now().replace(microsecond=0)
    takes = retention.due(app.db, now) if dry_run else retention.purge(app.db, app.config, now)
    for r in takes:
        s = r.step.session
        click.echo(f"Session {s.id} ({long_date(s.date)}), take {r.position} of {r.step.key}: {clock(r.duration)} "
                   f"of audio; notes validated on {long_date(s.validated_at)}, audio kept "
                   f"{plural(s.group.audio_retention_days, 'day')}.")
    if not takes:
        click.echo("No audio is due for deletion.")
    else:
        minutes = erase.Contents(seconds=sum(r.duration for r in takes)).minutes
        click.echo(f"{'Would delete' if dry_run else 'Deleted'} the audio of {plural(len(takes), 'take')} "
                   f"({minutes} min); transcripts and notes are kept.")


def plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def describe(contents: erase.Contents) -> str:
    """What a session (or a group's sessions) holds, as a confirmation names it."""
    words = [f"{plural(contents.recordings, 'recording')} ({contents.minutes} min)",
             plural(contents.transcripts, "transcript"), plural(contents.items, "item")]
    if contents.notes:
        words.append("the client's notes" if contents.sessions == 1 else f"the notes of {plural(contents.notes, 'client')}")
    if contents.links:
        words.append("its access links" if contents.sessions == 1 else f"the access links of {plural(contents.links, 'session')}")
    return ", ".join(words)


@cli.command("import")
@click.argument("session_id", metavar="SESSION")
@click.argument("step", metavar="STEP")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@model_option
@pass_app
@user_errors
def import_(app, session_id, step, files, model):
    """Attach audio FILE(s) to a STEP of a SESSION, transcribe them and extract the step's items.

    Each file is a take of the step, transcribed in the order given. Every file is read before
    any is stored: with one bad, none is. Formats: wav, flac, mp3, m4a, ogg, webm."""
    get_step(get_session(app.db, session_id), step)  # fail fast, before loading a model
    transcriber = app.transcriber(model)
    for file, recording in zip(files, import_takes(app.db, app.config, transcriber, session_id, step, files,
                                                   progress_bar)):
        click.echo(f"{file}: take {recording.position} of {step}, {clock(recording.duration)}, "
                   f"{len(recording.segments)} segments; {len(recording.step.items)} items in the step.")


@cli.command()
@click.argument("session_id", metavar="SESSION")
@click.option("--explain", is_flag=True, help="Under each extracted item, why it was extracted (its cue).")
@pass_app
@user_errors
def show(app, session_id, explain):
    """Print a session's steps, transcripts and items."""
    s = get_session(app.db, session_id)
    say(f"{s.title}", bold=True)
    say(f"#{s.id} · {s.date.isoformat()} · {s.lang} · {s.template}" + (f" · client: {s.client}" if s.client else ""))
    if s.participants:
        say("participants: " + ", ".join(p.name for p in s.participants))
    for step in s.steps:
        label = step_definition(step.key).label[s.lang]
        say()
        say(f"{step.position + 1}. {label} ({step.key}) — {clock(step.duration)} / {step.timebox} min", bold=True)
        if not step.recordings:
            say("   (not recorded)")
        for take in step.recordings:
            notes = [f"take {take.position}", clock(take.duration)]
            if take.recovered:
                notes.append("recovered after an interruption")
            if take.job and take.job.status != "done":
                notes.append(f"transcription {take.job.status}" + (f": {take.job.error}" if take.job.error else ""))
            say(f"   ({', '.join(notes)})")
        for segment in step.segments:
            say(f"   [{clock(segment.start)}] {_who(segment.speaker)}{segment.text}")
        for item in step.items:
            say(f"   * {item.kind}: {item.text}" + _item_details(item, item.speaker))
            if explain and item.why:
                say(f"       why: {item.why}")
    words = export.WORDS[s.lang]
    say()
    say(words["review"], bold=True)
    for line in export.review_lines(s, words):
        say(line)


def _item_details(item, speaker: str | None = None) -> str:
    details = []
    if item.disguised_suggestion:
        details.append("disguised suggestion")
    if item.due:
        details.append(f"due {item.due.isoformat()}" + (f" «{item.due_text}»" if item.due_text else ""))
    if item.start is not None:
        details.append(f"at {clock(item.start)}")
    if speaker:
        details.append(f"said by {speaker}")
    return f"  ({', '.join(details)})" if details else ""


@cli.group("transcript")
def transcript_group():
    """Read a session's transcript line by line and correct it by hand (a misheard name...).

    A corrected line keeps what Whisper heard, and can be undone. The step's items are extracted
    again from the corrected words; the items the client reviewed stay, and follow the correction."""


def _who(speaker: str | None) -> str:
    return f"{speaker}: " if speaker else ""


def _say_line(line: transcript.Line) -> None:
    say(f"{line.id:>6}  [{clock(line.start)}]  {_who(line.speaker)}{line.text}")
    if line.heard_text is not None:
        say(f"{'':>6}  corrected by the {line.corrected_by}; heard: «{line.heard_text}»")


@transcript_group.command("show")
@click.argument("session_id", metavar="SESSION")
@click.argument("step_key", metavar="STEP", required=False)
@pass_app
@user_errors
def transcript_show(app, session_id, step_key):
    """Print the transcript of a SESSION (or of one STEP), a line a row: its id (for `codev
    transcript correct`), its moment in the step, its words, and what was heard if it was corrected."""
    s = get_session(app.db, session_id)
    for step in [get_step(s, step_key)] if step_key else s.steps:
        lines = transcript.lines(step)
        if not lines and not step_key:
            continue
        say(f"{step_definition(step.key).label[s.lang]} ({step.key})", bold=True)
        for line in lines:
            _say_line(line)
        if not lines:
            say("   (nothing transcribed)")


@transcript_group.command("correct")
@click.argument("session_id", metavar="SESSION")
@click.argument("line_id", metavar="LINE")
@click.argument("text")
@pass_app
@user_errors
def transcript_correct(app, session_id, line_id, text):
    """Replace the words of LINE (its id in `codev transcript show`) of a SESSION by TEXT, and
    extract the items of its step again."""
    _corrected(transcript.correct_line(app.db, get_session(app.db, session_id), line_id, text, "facilitator"))


@transcript_group.command("undo")
@click.argument("session_id", metavar="SESSION")
@click.argument("line_id", metavar="LINE")
@pass_app
@user_errors
def transcript_undo(app, session_id, line_id):
    """Undo the correction of LINE of a SESSION: back to what Whisper heard."""
    _corrected(transcript.undo(app.db, get_session(app.db, session_id), line_id))


def _corrected(segment) -> None:
    """The line as it is now, and what its step's items became."""
    _say_line(transcript.line(segment))
    step = segment.recording.step
    click.echo(f"The items of {step.key} were extracted again: {plural(len(step.items), 'item')}.")


@transcript_group.command("replace")
@click.argument("session_id", metavar="SESSION")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--dry-run", is_flag=True, help="Print the lines that would change, and change nothing.")
@pass_app
@user_errors
def transcript_replace(app, session_id, old, new, dry_run):
    """Replace OLD by NEW in every line of a SESSION where OLD is said as a whole word (or words),
    in any case: NEW is written in capitals where OLD was, with a capital where OLD had one. Each
    line changed is marked corrected (`codev transcript undo` puts one back)."""
    s = get_session(app.db, session_id)
    changes = (transcript.replacements(s, old, new) if dry_run
               else transcript.replace_everywhere(app.db, s, old, new, "facilitator"))
    for change in changes:
        say(f"{change.line.id:>6}  [{clock(change.line.start)}]  {change.after}")
    click.echo(f"{plural(len(changes), 'line')} {'would change' if dry_run else 'changed'}.")


@cli.command("export")
@click.argument("session_id", metavar="SESSION")
@click.option("--format", "format_", type=click.Choice(["md", "json", "docx"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout; required for docx).")
@pass_app
@user_errors
def export_(app, session_id, format_, output):
    """Export a session's notes as Markdown or Word (for the client) or JSON (everything)."""
    s = get_session(app.db, session_id)
    if format_ == "docx":
        if not output:
            raise CodevError("A Word document goes to a file: add -o NOTES.docx.")
        write_whole(output, export.to_docx(s))
        return
    text = export.to_json(s) if format_ == "json" else export.to_markdown(s)
    if output:
        write_whole(output, text.encode())
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice([*LANGUAGES, "auto"]), default="auto", show_default=True,
              help="Language spoken; auto detects it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: language, duration, text, segments.")
@click.option("--words", default="", metavar="'NAME, WORD, ...'",
              help="Names and words to spell right, separated by commas.")
@model_option
@pass_app
@user_errors
def transcribe(app, file, lang, as_json, words, model):
    """Transcribe one audio FILE, without a session."""
    audio = decode(file)
    vocabulary = [w.strip() for w in words.split(",") if w.strip()]
    result = app.transcriber(model).transcribe(audio, language=None if lang == "auto" else lang, vocabulary=vocabulary)
    segments = []
    for segment in progress_bar(result.segments, result.duration):
        segments.append(segment)
        if not as_json:
            click.echo(f"[{clock(segment.start)} → {clock(segment.end)}] {segment.text}")
    if as_json:
        click.echo(json.dumps({"language": result.language, "duration": round(result.duration, 3),
                               "text": " ".join(s.text for s in segments),
                               "segments": [s.__dict__ for s in segments]}, ensure_ascii=False))


def _voice(_ctx, _param, values) -> dict[str, Path]:
    voices = {}
    for value in values:
        name, _, sample = value.partition("=")
        if not name.strip() or not sample:
            raise click.BadParameter(f"'{value}' is not NAME=SAMPLE")
        voices[name.strip()] = Path(sample)
    return voices


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--voice", "voices", multiple=True, callback=_voice, metavar="NAME=SAMPLE",
              help="A known voice: its name and an audio file of it speaking a few seconds (repeatable).")
@click.option("--json", "as_json", is_flag=True, help='Print JSON: {"turns": [{"start", "end", "speaker"}]}.')
@user_errors
def speakers(file, voices, as_json):
    """Who speaks when in one audio FILE: each turn named after the --voice it matches, or S1, S2..."""
    prints = {}
    for name, sample in voices.items():
        try:
            prints[name] = voiceprint(decode(sample))
        except NoSpeech:
            raise click.ClickException(f"{sample}: no speech heard in {name}'s sample.") from None
    turns = who_spoke(decode(file), prints)
    if as_json:
        click.echo(json.dumps({"turns": [asdict(t) for t in turns]}, ensure_ascii=False))
    else:
        for turn in turns:
            click.echo(f"[{clock(turn.start)} → {clock(turn.end)}] {turn.speaker}")


@cli.command()
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Predictions file (written whole once every document is read, or not at all).")
@click.option("--explain", is_flag=True, help="Also say why each item was extracted: a listing of every "
                                              "document's items (kind, text, why) and of the cues their "
                                              "context set aside (why not), on stderr, and a 'why' key on "
                                              "each predicted item.")
@user_errors
def extract(corpus, output, explain):
    """Extract items from a CORPUS.jsonl of step texts (id, text, lang, step, date) into predictions.

    Each line of the predictions file is {"id", "items": [...]}, an item giving its kind and text,
    with the due date of a commitment or the disguised_suggestion flag of a question, as
    ../shared/eval/score.py reads it."""
    predicted = []
    for number, line in enumerate(corpus.read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = corpus_document(line)
            # One reading gives the items and the cues set aside (listed with --explain).
            items, aside = summarise.extract_and_set_aside(
                [summarise.Segment(None, None, doc["text"])], lang=doc["lang"], step=doc["step"],
                session_date=datetime.date.fromisoformat(doc["date"]))
        except ValueError as error:
            raise CodevError(f"{corpus.name}, line {number}: not a corpus document ({error}); "
                             f"nothing was written to {output.name}.") from None
        predictions = [export.item_fields(item) | ({"why": item.why} if explain else {}) for item in items]
        predicted.append(json.dumps({"id": doc["id"], "items": predictions}, ensure_ascii=False) + "\n")
        if explain:
            _explain(doc, items, aside)
    write_whole(output, "".join(predicted).encode())


def corpus_document(line: bytes) -> dict:
    """A line of a corpus as a document; a ValueError says what is wrong with it."""
    doc = json.loads(line.decode("utf-8"))  # UnicodeDecodeError and JSONDecodeError are ValueErrors
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    for key, kinds in (("id", (str, int)), ("text", str), ("lang", str), ("step", str), ("date", str)):
        if doc.get(key) is None:
            raise ValueError(f"its {key} is " + ("null" if key in doc else "missing"))
        if not isinstance(doc[key], kinds) or isinstance(doc[key], bool):
            raise ValueError(f"its {key} is {json.dumps(doc[key], ensure_ascii=False)[:40]}, not "
                             + ("a string" if kinds is str else "a string or a number"))
    if doc["step"] not in step_definitions():
        raise ValueError(f"unknown step {doc['step']!r}; steps: {', '.join(step_definitions())}")
    return doc


def _explain(doc: dict, items, set_aside) -> None:
    """One corpus document's items and why each was extracted, then the cues their context set
    aside and what did, for a person to read (stderr)."""
    say(f"{doc['id']} ({doc['lang']}, {doc['step']})", bold=True, err=True)
    if not items:
        say("  (no item)", err=True)
    for item in items:
        say(f"  * {item.kind}: {item.text}" + _item_details(item), err=True)
        say(f"      why: {item.why}", err=True)
    for item in set_aside:
        say(f"  ✗ {item.kind}: {item.text}", err=True)
        say(f"      why not: {item.why}", err=True)


@cli.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1; 0.0.0.0 with --lan).")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--lan", is_flag=True, help="Serve the local network too: other computers then need one of a session's "
                                          "access links (shown on its page), and see what its role opens.")
@click.option("--https", "https", is_flag=True, help="Serve HTTPS, with a certificate made on this computer at first "
                                                     "use (browsers warn once): links, audio and notes then cross "
                                                     "the room's Wi-Fi encrypted.")
@click.option("--link-hours", default=12.0, show_default=True, type=click.FloatRange(min=0),
              help="How long what an access link opened stays open after the session day (or after its links "
                   "were made again, when later).")
@pass_app
@user_errors
def serve(app, host, port, lan, https, link_hours):
    """Start the web app. It listens on this machine only unless --lan or --host says otherwise."""
    from web import access, create_app

    host = host or ("0.0.0.0" if lan else "127.0.0.1")
    scheme = "https" if https else "http"
    click.echo(f"codev-notes on {scheme}://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}/ — data in {app.config.data_dir}")
    web_app = create_app({"DATA_DIR": str(app.config.data_dir), "LINK_HOURS": link_hours,
                          "LAN": lan or host not in ("127.0.0.1", "localhost", "::1"),
                          "SESSION_COOKIE_SECURE": https})  # the grants' cookie never travels in clear
    try:
        if https:
            _serve_https(app.config.data_dir, web_app, host, port, access.machine_addresses())
        else:
            from waitress import serve as waitress_serve
            waitress_serve(web_app, host=host, port=port)
    except (OSError, ValueError) as error:  # waitress: a ValueError for a host name that does not resolve
        if isinstance(error, ValueError) or error.errno == errno.EADDRNOTAVAIL:
            raise CodevError(f"Cannot listen on {host}: not an address of this computer. "
                             "Leave out --host, or give one of its addresses.") from None
        # The port is taken, or not ours to take.
        raise CodevError(f"Cannot listen on {host}:{port} ({error.strerror or error}). "
                         "Another program may be using it: choose another with --port.") from None


def _serve_https(data_dir, web_app, host: str, port: int, addresses: list[str]) -> None:
    """Serve over TLS with the data folder's certificate. waitress speaks no TLS; cheroot (CherryPy's
    server, pure Python) does, with Python's own ssl."""
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    from codev.certificate import certificate, fingerprint
    cert_path, key_path = certificate(data_dir, addresses)
    click.echo(f"Certificate {cert_path} — SHA-256 {fingerprint(cert_path)}")
    server = wsgi.Server((host, port), web_app)
    server.ssl_adapter = BuiltinSSLAdapter(str(cert_path), str(key_path))
    try:
        server.start()
    finally:
        server.stop()


@cli.command()
@user_errors
def devices():
    """List the input devices (monitor sources too, to record a remote session's sound)."""
    for device in list_devices():
        click.echo(f"{device.index}\t{device.name}\t{device.channels} ch" + ("\t(default)" if device.default else ""))


@cli.command()
@click.argument("session_id", metavar="SESSION")
@click.argument("step", metavar="STEP")
@click.option("--device", default=None, metavar="NAME|INDEX", help="Input device (see `codev devices`); default: the system's.")
@click.option("--max-seconds", type=click.FloatRange(min=1), default=None, help="Stop after this many seconds recorded.")
@click.option("--consent", is_flag=True, help="Confirm that the group agreed to be recorded (asked once per session).")
@model_option
@pass_app
@user_errors
def record(app, session_id, step, device, max_seconds, consent, model):
    """Record a STEP of a SESSION from the microphone, then store its transcript and items.

    Space pauses and resumes, Enter stops (so do Ctrl-C, SIGTERM and --max-seconds).
    Recording a step again adds a take; a take is never overwritten."""
    session = get_session(app.db, session_id)
    if consent:
        give_consent(app.db, session)
    live = StepRecording(app.db_factory, app.config, app.transcriber(model), session_id, step, device=device)
    definition = step_definition(step)
    click.secho(f"{definition.label[session.lang]} ({step})", bold=True, err=True)
    click.echo(f"{definition.objective[session.lang]}\n{definition.rules[session.lang]}", err=True)
    live.start()
    with console_keys() as key, stop_signals() as stopped:
        click.echo("Space: pause / resume · Enter: stop", err=True)
        already = live.step.duration
        while not stopped() and live.state in ("recording", "paused"):
            pressed = key(0.25)
            if pressed == " ":
                live.resume() if live.state == "paused" else live.pause()
            elif pressed in ("\n", "\r") or (max_seconds and live.duration >= max_seconds):
                break
            status_line(live, already, live.step.timebox)
    stopped_at = time.monotonic()
    click.echo("\nStopped; transcribing the rest…", err=True)
    recording = live.stop()
    if live.error:
        click.secho(f"Warning: {live.error}", fg="yellow", err=True)
    click.echo(f"Take {recording.position} of {step}: {clock(recording.duration)} recorded, "
               f"{len(recording.segments)} segments, {len(recording.step.items)} items in the step "
               f"({time.monotonic() - stopped_at:.1f} s after stop).")


def status_line(live: StepRecording, already: float, timebox: int) -> None:
    elapsed = already + live.duration
    left = timebox * 60 - elapsed
    timer = f"{clock(elapsed)} / {timebox} min, " + (f"{clock(left)} left" if left >= 0 else f"over by {clock(-left)}")
    bars = max(0, min(20, round((live.level + 60) / 3)))  # -60 dBFS..0 over 20 bars
    state = "● REC" if live.state == "recording" else "❚❚ paused"
    warning = "  no sound for 10 s: is the microphone muted?" if live.microphone_silent else ""
    click.echo(f"\r{state}  {timer}  [{'█' * bars}{' ' * (20 - bars)}]{warning}\033[K", nl=False, err=True)


@contextmanager
def console_keys():
    """key(timeout) -> the key pressed, or None; keys are read one by one when stdin is a terminal."""
    if not sys.stdin.isatty():
        yield lambda timeout: time.sleep(timeout)
        return
    saved = termios.tcgetattr(sys.stdin)
    tty.setcbreak(sys.stdin)
    try:
        yield lambda timeout: sys.stdin.read(1) if select.select([sys.stdin], [], [], timeout)[0] else None
    finally:
        termios.tcsetattr(sys.stdin, termios.TCSADRAIN, saved)


@contextmanager
def stop_signals():
    """SIGINT and SIGTERM stop the recording cleanly instead of killing the process."""
    received = []
    handler = lambda signum, frame: received.append(signum)  # noqa: E731
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: bool(received)
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
