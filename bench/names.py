"""Names and vocabulary given to Whisper: do they help, and do they make it invent words in silence?

Usage: python bench/names.py [--model NAME|FOLDER]

Two codev sessions in French, spoken with SVOX Pico (tests/pico_speech.py; the WAVs are cached in
the system's temp folder): realistic sentences that say the participants' names, French and
foreign (Aurélie Dubreuil, Karim Benali, Siobhan, Thi Nguyen, Bogdan Popescu...), the group's own
words and the method's, with stretches of silence and room noise between some of them. Each is
transcribed as the app does (codev.vocabulary.session_vocabulary's words, Transcriber: stretch by
stretch, VAD, known phrases removed), with the words given to Whisper as nothing, `initial_prompt`,
`hotwords`, or both; and as `hotwords` with the method's words after them (hot+method). Then six
clips of 10 s of silence and noise (tests/room_noise.py) alone, as the app does and with plain
faster-whisper without VAD, with the same words.

Printed per variant: the word error rate (normalised as bench/wer.py), the names spelled right out
of those said and names written where none was said, the group's and the method's words right,
the words Whisper timed inside the sessions' quiet stretches (any word, not only the vocabulary's), and
on the noise clips the lines the app wrote and the vocabulary words plain faster-whisper wrote."""
import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import jiwer
import numpy as np

from codev.config import Config
from codev.models import Group, GroupMember, Participant, Session
from codev.vocabulary import group_words, session_vocabulary
from recorder import decode
from transcribe import Transcriber, resolve_model
from transcribe.transcriber import _load
from wer import normalise

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pico_speech import speak  # noqa: E402  (test tooling, see its docstring)
from room_noise import NOISES, SAMPLE_RATE  # noqa: E402

# How the words reach Whisper (Transcriber's vocabulary_as), and whether the method's words go too.
VARIANTS = {"none": ((), False), "prompt": (("initial_prompt",), False), "hotwords": (("hotwords",), False),
            "both": (("initial_prompt", "hotwords"), False), "hot+method": (("hotwords",), True)}
# The method's words, which Whisper base writes wrong ("co-développements") without them: measured
# here, not given by the app (see codev/vocabulary.py).
METHOD_WORDS = ["codéveloppement", "consultants", "contrat", "plan d'action", "clarification", "reformulation",
                "facilitateur", "consultation", "synthèse", "apprentissages"]
# A pause after each sentence; after every fourth, a stretch of silence or noise instead.
PAUSE_SECONDS, QUIET_SECONDS = 0.6, 4.0
QUIET_EVERY = 4
QUIET = ("pink noise", "silence", "fan", "keyboard")
EDGE_SECONDS = 0.5  # of a quiet stretch, where a word's timing may still fall from the speech beside it


def session(client, facilitator, participants, members, vocabulary) -> Session:
    """A session as the app stores it (not saved: session_vocabulary reads it as it is)."""
    group = Group(name="bench", vocabulary=vocabulary, members=[GroupMember(position=i, name=n) for i, n in enumerate(members)])
    return Session(lang="fr", client=client, facilitator=facilitator, group=group,
                   participants=[Participant(position=i, name=n) for i, n in enumerate(participants)])


SESSIONS = [
    (session("Aurélie Dubreuil", "Karim Benali", ["Siobhan", "Thi Nguyen", "Grégoire Lemaire"],
             ["Aurélie Dubreuil", "Karim Benali", "Siobhan", "Thi Nguyen", "Grégoire Lemaire", "Fanny"],
             "Qualiopi\nCODIR"), [
        "Bonjour à tous, bienvenue dans cette séance de codéveloppement.",
        "Aujourd'hui, c'est Aurélie Dubreuil qui est notre cliente, et Karim Benali sera le facilitateur.",
        "Siobhan, Thi Nguyen et Grégoire seront les consultants.",
        "Aurélie, tu as dix minutes pour exposer ta situation.",
        "Merci Karim. Je dirige une équipe de douze personnes, et depuis l'audit Qualiopi tout le monde est épuisé.",
        "Nous passons aux questions de clarification. Siobhan, tu commences ?",
        "Oui. Aurélie, depuis quand ton équipe travaille-t-elle à distance ?",
        "Nguyen, as-tu une question de clarification ?",
        "Est-ce que tu as déjà parlé de ce conflit au CODIR ?",
        "Passons au contrat. Aurélie, quelle est ta demande au groupe ?",
        "Ma demande, c'est de trouver comment relancer la motivation de l'équipe.",
        "Grégoire, peux-tu faire une reformulation de la demande ?",
        "Pendant la consultation, Karim Benali propose d'organiser un séminaire.",
        "Siobhan suggère de rencontrer chaque personne individuellement.",
        "Aurélie, quel est ton plan d'action pour le mois prochain ?",
        "Je vais voir Thi Nguyen et Siobhan la semaine prochaine pour en parler.",
    ]),
    (session("Bogdan Popescu", "Maëlle Le Goff", ["Yasmina Haddad", "Joachim", "Ingrid Vasseur", "Tiphaine"],
             ["Bogdan Popescu", "Maëlle Le Goff", "Yasmina Haddad", "Joachim", "Ingrid Vasseur", "Tiphaine"],
             "télétravail\nFrance Travail"), [
        "Maëlle Le Goff ouvre la séance et rappelle les règles du codéveloppement.",
        "Bogdan Popescu sera notre client aujourd'hui. Bogdan, on t'écoute.",
        "Je travaille chez France Travail et mon équipe refuse le retour sur site après deux ans de télétravail.",
        "Merci Bogdan. Yasmina Haddad, une question de clarification ?",
        "Bogdan, qui a décidé de la fin du télétravail ?",
        "Joachim, tu voulais demander quelque chose ?",
        "Oui, est-ce que tes collègues savent que tu es d'accord avec eux ?",
        "Ingrid Vasseur note que le contrat n'est pas encore clair.",
        "Ma demande est simple : comment annoncer la décision sans perdre la confiance de l'équipe ?",
        "Tiphaine, à toi pour la consultation.",
        "À ta place, Bogdan, je réunirais l'équipe avant l'annonce officielle.",
        "Yasmina pense qu'il faudrait associer les représentants du personnel.",
        "Pour la synthèse, Bogdan retient les idées de Joachim et d'Ingrid.",
        "Mon plan d'action : je vais voir ma directrice lundi, avec Tiphaine si elle veut bien.",
        "Merci à tous. Maëlle, on passe aux apprentissages ?",
    ]),
]


def words_given(meeting: Session, method_words: bool) -> list[str]:
    """The app's words for `meeting`, and the method's after them if `method_words`."""
    return [*session_vocabulary(meeting), *(METHOD_WORDS if method_words else ())]


def spoken(sentences: list[str], folder: Path) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """The sentences said one after another, and where the quiet stretches between them are."""
    parts, quiet, at = [], [], 0.0
    for number, sentence in enumerate(sentences, 1):
        speech = decode(speak(sentence, "fr", folder))
        at += len(speech) / SAMPLE_RATE
        if number % QUIET_EVERY:
            gap = np.zeros(round(PAUSE_SECONDS * SAMPLE_RATE), np.float32)
        else:
            gap = NOISES[QUIET[number // QUIET_EVERY % len(QUIET)]](QUIET_SECONDS)
            quiet.append((at, at + QUIET_SECONDS))
        parts += [speech, gap]
        at += len(gap) / SAMPLE_RATE
    return np.concatenate(parts), quiet


def said(text: str, words: list[str]) -> dict[str, int]:
    """How many times each of `words` is in `text`: whole words, accents as written, names with
    their capital, other words in any case."""
    return {w: len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text, 0 if w[0].isupper() else re.IGNORECASE))
            for w in words}


def score(reference: str, heard: str, words: list[str]) -> tuple[int, int, int]:
    """Of `words` said in `reference`: how many `heard` spelled right, out of how many, and how
    many more times `heard` wrote them than were said."""
    expected, found = said(reference, words), said(heard, words)
    right = sum(min(expected[w], found[w]) for w in words)
    return right, sum(expected.values()), sum(max(0, found[w] - expected[w]) for w in words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    model = resolve_model(args.model, Config.from_env().models_dir)
    folder = Path(tempfile.gettempdir()) / "codev-bench-speech"
    folder.mkdir(exist_ok=True)
    takes = [(s, " ".join(sentences), *spoken(sentences, folder)) for s, sentences in SESSIONS]
    noises = {name: make(10.0) for name, make in NOISES.items()}
    print(f"{len(takes)} sessions, {sum(len(a) for *_, a, _q in takes) / SAMPLE_RATE:.0f} s of audio; "
          f"{len(noises)} clips of 10 s of silence and noise", file=sys.stderr)
    print(f"{'variant':<9} {'WER':>6} {'names right':>12} {'invented':>9} {'words right':>12} "
          f"{'in silence':>11} {'noise lines':>12} {'no VAD':>7} {'seconds':>8}")
    for variant, (options, method_words) in VARIANTS.items():
        transcriber = Transcriber(model, vocabulary_as=options)
        started = time.perf_counter()
        references, hypotheses, names, words, in_silence, invented = [], [], [0, 0, 0], [0, 0, 0], [], []
        for meeting, reference, audio, quiet in takes:
            vocabulary = words_given(meeting, method_words)
            people = {meeting.client, meeting.facilitator, *(p.name for p in meeting.participants),
                      *(m.name for m in meeting.group.members)}
            name_words = sorted({part for name in people for part in name.split() if len(part) > 2})  # not "Le"
            own_words = [*group_words(meeting.group.vocabulary), *METHOD_WORDS]
            segments = list(transcriber.transcribe(audio, language="fr", vocabulary=vocabulary).segments)
            heard = " ".join(s.text for s in segments)
            references.append(normalise(reference))
            hypotheses.append(normalise(heard))
            names = [a + b for a, b in zip(names, score(reference, heard, name_words))]
            invented += [w for w in name_words if said(heard, [w])[w] > said(reference, [w])[w]]
            words = [a + b for a, b in zip(words, score(reference, heard, own_words))]
            # Words Whisper timed inside a quiet stretch, away from its edges (word timings are
            # approximate): what it wrote where nobody spoke.
            in_silence += [word for s in segments for start, end, word in s.words for quiet_start, quiet_end in quiet
                           if quiet_start + EDGE_SECONDS <= (start + end) / 2 <= quiet_end - EDGE_SECONDS]
        vocabulary = words_given(SESSIONS[0][0], method_words)
        noise_lines = [s.text for clip in noises.values()
                       for s in transcriber.transcribe(clip, language="fr", vocabulary=vocabulary).segments]
        options_given = {o: ", ".join(vocabulary) for o in options}
        no_vad = [w for clip in noises.values()
                  for s in _load(model, transcriber.threads).transcribe(clip, language="fr", **options_given)[0]
                  for w, n in said(s.text, vocabulary).items() if n]
        print(f"{variant:<9} {jiwer.wer(references, hypotheses):6.3f} {names[0]:>6}/{names[1]:<5} {names[2]:>9} "
              f"{words[0]:>6}/{words[1]:<5} {len(in_silence):>11} {len(noise_lines):>12} {len(no_vad):>7} "
              f"{time.perf_counter() - started:8.0f}", flush=True)
        for what, found in (("names written more than said", invented), ("in silence", in_silence),
                            ("noise lines", noise_lines), ("no VAD", no_vad)):
            if found:
                print(f"  {what}: {found[:8]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
