"""Transcription with faster-whisper on the CPU, a stretch of speech at a time (transcribe.cutting),
each levelled first (transcribe.levelling), streaming segments as they are decoded."""
import string
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.vad import VadOptions, get_speech_timestamps

from transcribe.cutting import stretches
from transcribe.hallucinations import made_up, repeats, strip_hallucinations, unplaced
from transcribe.levelling import level
from transcribe.models import ModelUnavailable

SAMPLE_RATE = 16000
# Silero VAD inside a stretch, more inclusive than faster-whisper's defaults (threshold 0.5, 400 ms
# pad): words at the edges of speech are not clipped, and silences produce no invented text.
VAD_PARAMETERS = {"threshold": 0.35, "speech_pad_ms": 1000}
LANGUAGE_SECONDS = 30.0  # of the start of the audio, levelled, to detect its language from
# Whisper writes a question and the answer after it as one segment, the pause between them as a
# comma or nothing ("quand tu fermes, vidée, franchement vidée"), and times its words as if
# there were no pause. The VAD hears it: a silence this long inside a segment cuts it there, so
# that the lines keep the pause (turns are taken in such pauses; a comma's is shorter: some 0.3 s
# in Pico's speech, 0.5 to 0.7 s at a sentence's end).
PAUSE_SECONDS = 0.5
PUNCTUATED = ",;:.?!…"
NEARBY_SECONDS = 0.6  # how far from where Whisper times a pause a punctuated boundary may be
PAUSES_VAD = VadOptions(threshold=0.35, min_silence_duration_ms=round(PAUSE_SECONDS * 1000), speech_pad_ms=0)
# How the words a transcription is given (names, jargon) reach Whisper: faster-whisper's `hotwords`
# (before each 30 s window), `initial_prompt` (as if said before), both or neither. bench/names.py
# measures each on French speech with names and on silence and noise.
VOCABULARY_AS = ("hotwords",)


@dataclass
class Segment:
    start: float  # seconds
    end: float
    text: str
    words: list[tuple[float, float, str]] = field(default_factory=list)  # (start, end, word), timed as the segment


@dataclass
class Stretch:
    """A stretch of the audio (seconds) and what was said in it."""
    start: float
    end: float
    segments: list[Segment]


@dataclass
class Transcription:
    language: str
    duration: float  # seconds of audio
    segments: Iterator[Segment]  # decoded lazily: iterate to transcribe


@cache
def _load(model: str, threads: int) -> WhisperModel:
    try:
        return WhisperModel(model, device="cpu", compute_type="int8", cpu_threads=threads)
    except Exception as error:  # faster-whisper raises hub, OS and runtime errors alike
        raise ModelUnavailable(f"Cannot load the Whisper model '{model}': {error}") from error


class Transcriber:
    def __init__(self, model: str, threads: int = 2, beam_size: int = 5, words: bool = True,
                 vocabulary_as: tuple[str, ...] = VOCABULARY_AS):
        """`words`: time each word too (Segment.words). `vocabulary_as`: see VOCABULARY_AS."""
        self.model = model
        self.threads = threads
        self.beam_size = beam_size
        self.words = words
        self.vocabulary_as = vocabulary_as

    def load(self) -> None:
        """Load the model now (it is kept for the process), so that the first transcription
        does not wait for it."""
        _load(self.model, self.threads)

    def transcribe(self, audio, language: str | None = None, vocabulary: Sequence[str] = ()) -> Transcription:
        """Transcribe 16 kHz mono float32 samples (an array, or anything sliced like one), a
        stretch at a time. `language` None detects it from the start of the audio. `vocabulary`:
        names and words likely said, the most likely first (Whisper reads some 200 tokens of it)."""
        duration = len(audio) / SAMPLE_RATE
        if language is None:
            language, _probability, _all = _load(self.model, self.threads).detect_language(
                # Its VAD takes options, not the dict transcribe() accepts.
                level(audio[:round(LANGUAGE_SECONDS * SAMPLE_RATE)]), vad_filter=True,
                vad_parameters=VadOptions(**VAD_PARAMETERS))
        said = self.stretches(audio, language, 0.0, duration, vocabulary)
        return Transcription(language=language, duration=duration,
                             segments=(segment for stretch in said for segment in stretch.segments))

    def stretches(self, audio, language: str, begin: float, end: float,
                  vocabulary: Sequence[str] = ()) -> Iterator[Stretch]:
        """The stretches of `audio` from `begin` to `end` seconds, cut in pauses, each with its
        segments, timed from the start of `audio`."""
        for start, stop in stretches(audio, begin, end):
            samples = audio[round(start * SAMPLE_RATE):round(stop * SAMPLE_RATE)]
            yield Stretch(start, stop, list(self._decode(samples, language, start, vocabulary)))

    def _decode(self, samples: np.ndarray, language: str, offset: float, vocabulary: Sequence[str]) -> Iterator[Segment]:
        """What Whisper hears in one stretch, levelled, timed from `offset` seconds.

        Silero VAD skips the silences that codev sessions are full of: they cost no time and
        produce no hallucinated text."""
        levelled = level(samples)
        speech = get_speech_timestamps(levelled, PAUSES_VAD)
        pauses = [(offset + a["end"] / SAMPLE_RATE, offset + b["start"] / SAMPLE_RATE) for a, b in zip(speech, speech[1:])]
        segments, _info = _load(self.model, self.threads).transcribe(
            levelled, language=language, beam_size=self.beam_size, word_timestamps=self.words,
            vad_filter=True, vad_parameters=VAD_PARAMETERS,
            **{option: ", ".join(vocabulary) for option in self.vocabulary_as if vocabulary})
        previous = None
        for said in segments:
            # Whisper's known phrases, what it makes up over noise and its loops never reach a
            # transcript (see hallucinations).
            text = strip_hallucinations(said.text)
            heard = said.words or []
            spoken = [(w.word, w.probability, w.end - w.start) for w in heard if w.word.strip(string.punctuation + " ")]
            if (not text or unplaced([w.end - w.start for w in heard]) or repeats(text, previous)
                    or made_up(said.no_speech_prob, said.avg_logprob, spoken, vocabulary)):
                continue
            previous = text
            words = [(round(offset + w.start, 2), round(offset + w.end, 2), w.word.strip()) for w in heard]
            yield from cut_at_pauses(Segment(round(offset + said.start, 2), round(offset + said.end, 2), text,
                                             _kept(words, said.text, text)), pauses)


def cut_at_pauses(segment: Segment, pauses: list[tuple[float, float]]) -> list[Segment]:
    """`segment` cut at each of the `pauses` (start, end seconds) that falls between two of its
    words: the words' boundary nearest the pause, the pause left out of both parts."""
    words, text = segment.words, segment.text
    at, starts = 0, []  # where each word starts in the text
    for _start, _end, word in words:
        found = text.find(word, at)
        if found < 0:
            return [segment]  # words and text differ (a known phrase cut off): left whole
        starts.append(found)
        at = found + len(word)
    cuts = []  # (word index, pause)
    for pause in pauses:
        # Whisper's words may be parts of one ("J" "'ai"): cut only where a space is.
        inside = [k for k in range(cuts[-1][0] + 1 if cuts else 1, len(words)) if text[starts[k] - 1].isspace()]
        if inside and segment.start < pause[0] and pause[1] < segment.end:
            nearest = min(inside, key=lambda k: _distance(words[k - 1][1], pause))
            # Whisper times the word after a pause as if it came before it ("Allez, la | réunion"):
            # a boundary Whisper punctuated just before is the pause.
            punctuated = [k for k in inside if k <= nearest and words[k - 1][2][-1:] in PUNCTUATED
                          and _distance(words[k - 1][1], pause) <= _distance(words[nearest - 1][1], pause) + NEARBY_SECONDS]
            cuts.append((min(punctuated, key=lambda k: _distance(words[k - 1][1], pause)) if punctuated else nearest, pause))
    parts, first, begin = [], 0, segment.start
    for k, (pause_start, pause_end) in cuts + [(len(words), (segment.end, segment.end))]:
        piece = text[starts[first] if first else 0:starts[k] if k < len(words) else len(text)].strip()
        parts.append(Segment(begin, round(pause_start, 2), piece, words[first:k]))
        first, begin = k, round(pause_end, 2)
    return parts


def _distance(moment: float, span: tuple[float, float]) -> float:
    return max(span[0] - moment, moment - span[1], 0.0)


def _kept(words: list[tuple[float, float, str]], heard: str, text: str) -> list[tuple[float, float, str]]:
    """The words of a segment `heard` that `text` kept of it, a known phrase cut off its end."""
    return words if text == heard.strip() else words[:len(text.split())]
