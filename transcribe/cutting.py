"""Where a take is cut into stretches of speech for Whisper: in pauses found by Silero VAD.

A stretch is transcribed on its own, so a long take costs no more per second than a short one and
an error or a quiet voice in one stretch does not spread to the next. The live recorder and an
import cut the same audio at the same places: a cut depends only on the audio from the start of
its stretch to a little after the pause it falls in, so a recording still growing is cut as its
whole file is."""
from collections.abc import Iterator

from faster_whisper.vad import VadOptions, get_speech_timestamps

SAMPLE_RATE = 16000
PAUSE_SECONDS = 0.6  # a silence this long ends a stretch of speech
MIN_STRETCH_SECONDS = 4.0  # shorter stretches wait for more: Whisper does better with context
MAX_STRETCH_SECONDS = 25.0  # Whisper reads 30 s at a time: cut before, pause or not
PAD_SECONDS = 0.1  # of silence the VAD leaves on each side of speech
# The VAD closes a stretch of speech after PAUSE_SECONDS of silence, looking at 32 ms frames, the
# last one padded with zeros: a closing seen this much after the speech ended is seen in any
# longer audio too.
SETTLED_SECONDS = PAUSE_SECONDS + 0.1
VAD = VadOptions(threshold=0.35, min_silence_duration_ms=round(PAUSE_SECONDS * 1000),
                 speech_pad_ms=round(PAD_SECONDS * 1000))


def _seconds(samples: int) -> float:
    return samples / SAMPLE_RATE


def next_cut(audio, done: float, end: float | None = None) -> float | None:
    """Where the stretch that starts at `done` seconds of `audio` (an array, or anything sliced
    like one) ends, if its end is known before `end` (default: the end of the audio): a little
    into the first pause after at least MIN_STRETCH_SECONDS; failing that, once MAX_STRETCH_SECONDS
    are there, in the middle of their widest pause (or at MAX_STRETCH_SECONDS without one). None
    while the stretch may still go on."""
    end = len(audio) / SAMPLE_RATE if end is None else min(end, len(audio) / SAMPLE_RATE)
    stop = min(end, done + MAX_STRETCH_SECONDS)
    pending = audio[round(done * SAMPLE_RATE):round(stop * SAMPLE_RATE)]
    length = len(pending) / SAMPLE_RATE
    if length < MIN_STRETCH_SECONDS:
        return None
    speech = [(_seconds(s["start"]), _seconds(s["end"])) for s in get_speech_timestamps(pending, VAD)]
    for _start, speech_end in speech:
        if speech_end >= MIN_STRETCH_SECONDS and speech_end + SETTLED_SECONDS <= length:
            return done + speech_end - PAD_SECONDS + PAUSE_SECONDS / 2  # the middle of the silence it saw
    if length < MAX_STRETCH_SECONDS:
        return None
    pauses = [(a_end, b_start) for (_a, a_end), (b_start, _b) in zip(speech, speech[1:])]
    if not pauses:
        return stop
    quiet_from, quiet_to = max(pauses, key=lambda pause: pause[1] - pause[0])
    return done + (quiet_from + quiet_to) / 2


def stretches(audio, begin: float, end: float) -> Iterator[tuple[float, float]]:
    """The stretches of `audio` from `begin` to `end` seconds, as (start, end) in seconds."""
    at = begin
    while at < end:
        cut = next_cut(audio, at, end)
        stop = end if cut is None else cut
        yield at, stop
        at = stop
