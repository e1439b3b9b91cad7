"""Sentences from transcript segments, with the times of the segment(s) they lie in.

A Whisper segment boundary ends a sentence, unless the segment stops on a comma and
the next goes on in lowercase (a pause mid-sentence). Inside a segment, final
punctuation ends one, and so do the places where ASR lost it: a capitalised word
right after a lowercase one ("... à l'unanimité Non, c'était ..."), a question
opening mid-utterance ("... deux cents familles est-ce que ..."), and a bare
yes/no answer after a question. The parser may add boundaries elsewhere, but
never next to a comma, where it tends to cut a clause from its topic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from . import en, fr
from .dates import PATTERNS
from .pipelines import check_lang, pipeline
from .text import norm

RULES = {"fr": fr, "en": en}
FINAL = {".", "?", "!", "…", "..."}
INNER = {",", ";", ":", "-", "–", "—", "(", "\""}
# Capitalised mid-sentence for reasons other than a new sentence.
ALWAYS_CAPITALISED = {"i", "i'm", "i'll", "i'd", "i've", "monday", "tuesday", "wednesday",
                      "thursday", "friday", "saturday", "sunday", "january", "february", "march",
                      "april", "may", "june", "july", "august", "september", "october",
                      "november", "december"}
CONTENT = {"NOUN", "PROPN", "ADJ", "NUM", "ADV", "VERB"}
# Pronouns that end a clause as its object ("comme ça", "in all this"), after which a
# question may open as after a noun.
OBJECT_PRONOUNS = {"ça", "cela", "ceci", "eux", "lui", "moi", "toi", "it", "this", "that", "them",
                   "him", "her", "me", "us"}
AUXILIARIES = {"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
               "will", "would", "should", "and", "or"}
INTERJECTIONS = {"mmh", "mm", "mhm", "hmm", "hm", "euh", "ben", "bah", "ouais", "yeah", "yep", "uh", "um", "oui",
                 "non", "yes", "no"}
HAVE_BE = {"ai", "as", "a", "avons", "avez", "ont", "suis", "es", "est"}   # the tagger misses "t'as"
IN_PLACE_WH = {"comment", "combien", "quoi", "où"}
PSEUDO_CLEFT_OPEN = re.compile(r"\bwhat (?:i|we|you)(?:'ve| have)? \w+ (?:is|was)$")
PSEUDO_CLEFT = re.compile(r"\bwhat \w+ (?:me|us|you|him|her|them)$|\bwhat (?:i|we|you)(?:'ve| have)? \w+$")
# Adjectives said before a name: "le vieux Bamba", "la petite Léa".
# A wh-word asks about what follows it: "do they know why | Katie left" (French puts "quand",
# "comment", "quoi" last: "tu lui as répondu quoi | Rien.").
WH_BEFORE_A_NAME = {"why", "who", "how", "where", "when", "what", "whether", "pourquoi", "si"}
BEFORE_A_NAME = {"vieux", "vieille", "petit", "petite", "grand", "grande", "jeune", "pauvre", "cher", "chère", "old",
                 "young", "little", "poor", "dear"}
TITLES = {"monsieur", "madame", "mademoiselle", "docteur", "maître", "saint", "sainte", "mister", "mr", "mrs",
          "ms", "miss", "dr", "doctor", "uncle", "aunt", "tante", "oncle"}
# Question words that wait for the rest of their phrase: "whose side | are you on", "quel âge | a-t-elle".
WH_WORDS = {"what", "which", "whose", "how", "quel", "quelle", "quels", "quelles", "combien"}
# The words that open an indirect question after a verb of asking or knowing: "demande à la
# maintenance pourquoi ...", "ask her why ...".
INDIRECT_WH = {"pourquoi", "comment", "quand", "où", "combien", "quel", "quelle", "quels", "quelles", "si",
               "why", "how", "when", "where", "what", "which", "whether", "if", "who"}
INDIRECT_SPAN = 5   # tokens between the verb and its indirect question
# Subjects after which no question can open: "If I | were you".
SUBJECT_PRONOUNS = {"i", "je", "j'", "tu", "il", "on", "ils", "we", "they", "he", "she"}
STRESSED_PRONOUNS = {"moi", "toi", "lui", "elle", "eux", "elles", "nous", "vous"}
MAX_GAP = 1.5      # seconds of silence between two segments that end a sentence whatever the words
# Seconds of silence between two segments where a question may have ended and its answer begun
# (a comma's pause is shorter); the words before must ask (see _pause_restart).
QUESTION_PAUSE = 0.5
MAX_SPEAKER_TAG = 3  # words of "a-t-il dit", "she asked me"
MAX_TIME_ADDED = 6  # words of "d'ici la fin du mois, au plus tard"
MAX_QUESTION_TAG = 4  # words of "tu le sais ?", "les stocks ou l'ambiance ?"
# A tag points back to the question before it ("tu le sais ?", "do you actually know?"), or offers
# its options ("les stocks ou l'ambiance ?").
QUESTION_TAG = re.compile(r"(?:(?:et )?(?:tu le sais|vous le savez|tu sais|vous savez|c'est ça|non|hein|n'est-ce pas|"
                          r"right|is that right|isn't it|you know|do you (?:actually |even )?know)\W*|.* (?:ou|or) .*)$")
MIN_PARSED = 3     # tokens a parser-made sentence leaves on each side
RUN_ON = 15        # tokens without a sentence end that make a run-on
MIN_OPENING = 6    # tokens before a new subject cuts a run-on
# Before the parser, the English pipeline has fine tags only (its attribute ruler sets
# the coarse ones later); the Penn tag's prefix gives the coarse part of speech.
PENN = {"CC": "CCONJ", "NN": "NOUN", "NNP": "PROPN", "JJ": "ADJ", "RB": "ADV", "CD": "NUM", "VB": "VERB",
        "MD": "AUX", "PR": "PRON", "WP": "PRON", "UH": "INTJ", "IN": "ADP", "DT": "DET"}


def _pos(tok) -> str:
    return tok.pos_ or PENN.get(tok.tag_[:3], PENN.get(tok.tag_[:2], ""))


@dataclass
class Sentence:
    span: Span
    start: float | None
    end: float | None

    @property
    def text(self) -> str:
        return " ".join(self.span.text.split())


def _capital_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """"... à l'unanimité Non, c'était ...": a capital after a lowercase word. A noun there
    is more often a name ("à Martine") unless it follows a question ("Tour de table, ...")."""
    tok, prev = doc[i], doc[i - 1]
    text = tok.text
    if not (text[:1].isupper() and (text[1:2] in ("", "'") or text[1:2].islower())):
        return False
    # A capital letter alone names something ("le bâtiment C", "plan B"), save the words it can be.
    if len(text) == 1 and text not in ("A", "I", "À", "Y", "O"):
        return False
    if not (prev.is_alpha or prev.like_num or prev.text.lstrip("-").isalpha()):     # "ce soir-là | Qu'elle"
        return False
    # After a name, only a word that cannot be part of it opens a turn: "... de Fatou Pas terrible."
    if prev.text[:1].isupper() and not (tok.lower_ in INTERJECTIONS or _pos(tok) in ("ADV", "PRON", "INTJ", "AUX")):
        return False
    # A name after a word that needs what follows: "What do | A and B say", "A and | B".
    if _pos(prev) in ("AUX", "ADP", "DET", "CCONJ", "SCONJ") or prev.lower_ in AUXILIARIES \
            or prev.lower_ in ("dont", "que", "qui", "whom", "whose"):
        return False
    # "... prêt à quoi Mmh.": a hum or an answer opens the next speaker's turn.
    if tok.lower_ in INTERJECTIONS:
        return True
    # A capitalised word that is not a grammar word, after a verb, is its object: "recadrer Seb"
    # (which the tagger may call anything but an adjective or an adverb: "been | Busy. On a call").
    if _pos(prev) == "VERB" and not tok.is_stop and _pos(tok) not in ("ADJ", "ADV", "INTJ", "VERB", "AUX"):
        return False
    if tok.lower_ in ALWAYS_CAPITALISED:
        return False
    # The French tagger calls the "As" of "As-tu" a name.
    if i + 1 < len(doc) and doc[i + 1].text.startswith("-"):
        return True
    if _pos(tok) in ("NOUN", "PROPN", "NUM"):
        # A name after a verb, a title or "pas" is its object: "sitting Colin and Graham down",
        # "monsieur Roux", "et pas Hélène".
        if _pos(prev) in ("ADP", "DET", "VERB") or prev.lower_ in ("pas", "not") or prev.lower_ in TITLES \
                or prev.lower_ in BEFORE_A_NAME or prev.lower_ in WH_BEFORE_A_NAME:
            return False
        # A word alone before its punctuation answers: "tout ça Soulagé, un peu.", "un pilote Rien."
        after = doc[i + 1] if i + 1 < len(doc) else None
        return after is None or after.is_punct or tok.like_num or rules.opens_question(doc[start:i].text)
    return True


def _indirect(doc: Doc, i: int, start: int, rules) -> bool:
    """A wh-word after a verb of asking or knowing opens its indirect question: "et si tu
    demandais à la maintenance | pourquoi ça prend dix minutes" goes on."""
    return doc[i].lower_ in INDIRECT_WH and any(
        rules.ASKING_VERB.fullmatch(t.lower_) for t in doc[max(start, i - INDIRECT_SPAN):i])


def _question_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """"... sur deux cents familles est-ce que l'équipe ...", but neither "Comment est-ce
    que ..." nor "Depuis combien de temps présides-tu ..." (a wh-phrase with no verb yet)."""
    prev = doc[i - 1]
    # Quebec French asks with "-tu" after the verb, its subject before: "elles se parlent-tu encore".
    if _pos(prev) == "PRON" and (doc[i].lower_.endswith("-tu") or doc[i + 1:i + 3].text.lower() in ("-tu", "- tu")):
        return False
    if i - start < 2 or _indirect(doc, i, start, rules) or _pos(prev) not in CONTENT | {"PRON"} or prev.lower_ in rules.LINKS \
            or prev.lower_ in SUBJECT_PRONOUNS or any(t.lower_ in WH_WORDS for t in doc[max(start, i - 2):i]):
        return False
    if rules.QUESTION_ONSET.match(norm(doc.text[doc[i].idx:])) is None \
            or PSEUDO_CLEFT.search(norm(doc[start:i].text)):
        return False
    opening = doc[start:i]
    return not (rules.WH_OPENING.match(norm(opening.text))
                and not any(_pos(t) in ("VERB", "AUX") for t in opening))


def _answer_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """"Est-ce que l'équipe a voté à l'unanimité non c'était six contre trois"."""
    tok, prev = doc[i], doc[i - 1]
    after = doc[i + 1] if i + 1 < len(doc) else None
    return (tok.lower_ in rules.ANSWERS and prev.is_alpha
            and prev.lower_ not in ("ou", "que", "si", "pas", "or", "say", "said")
            and (after is None or after.is_punct or _pos(after) in ("PRON", "AUX", "VERB", "INTJ"))
            and rules.opens_question(doc[start:i].text))


def _subject_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """In a run-on without punctuation, a new subject starts a new sentence unless a
    subordinator ties it to what precedes: "... d'ici vendredi je m'engage à ...".
    Short openings ("à ta place je ...") stay whole."""
    prev = doc[i - 1]
    return (i - start >= MIN_OPENING and prev.text[-1:].isalnum()
            and prev.lower_ not in rules.SUBORDINATORS and prev.lower_ not in rules.LINKS
            # "t'as | une autre piste": the object of the verb, not a new subject.
            and not ((_pos(prev) in ("VERB", "AUX") or prev.lower_ in HAVE_BE)
                     and doc[i].lower_ in ("une", "un", "mon", "ma"))
            # "son opinion à | elle", "voir clair sur | ce que je veux": a pronoun after its preposition
            # ("think about | i will" strands the preposition, and a sentence may start there).
            and not (_pos(prev) in ("ADP", "DET") and doc[i].lower_ in STRESSED_PRONOUNS | {"ce", "what"})
            # A stressed pronoun doubles the subject that follows: "est-ce que toi tu viendras"; so does a
            # noun put first ("que le problème | il est pas dans les loges").
            and prev.lower_ not in STRESSED_PRONOUNS
            and not (_pos(prev) in ("NOUN", "PROPN") and i >= 2 and _pos(doc[i - 2]) == "DET"
                     and doc[i].lower_ in ("il", "elle", "ils", "elles", "he", "she", "they"))
            # "what I learned | is I've been ...": the pseudo-cleft goes on.
            and not PSEUDO_CLEFT_OPEN.search(norm(doc[start:i].text))
            and rules.SUBJECT_ONSET.match(norm(doc.text[doc[i].idx:])) is not None)


def _lowercase_question_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """In a run-on, a question that opens after a noun, adjective or adverb without a
    linking word: "... quand tout va bien as tu essayé ...", "... the day shift numbers do
    the operators know ...". Only where ASR lost the punctuation: the same words are often a
    relative clause or an object in written text."""
    prev = doc[i - 1]
    # Not after an adjective: "et les bonnes | idées vous les notez" (a noun, not an inversion).
    if i - start < 3 or prev.lower_ == "i" or _pos(prev) not in ("NOUN", "PROPN", "ADV", "NUM") \
            and prev.lower_ not in OBJECT_PRONOUNS \
            or prev.lower_ in rules.LINKS or prev.lower_ in rules.SUBORDINATORS \
            or prev.lower_ in rules.INDIRECT_BEFORE or _indirect(doc, i, start, rules):
        return False
    opening = doc[start:i]
    if rules.WH_OPENING.match(norm(opening.text)) and not any(_pos(t) in ("VERB", "AUX") for t in opening):
        return False    # "how many donors | do you have": the wh-phrase waits for its verb
    if PSEUDO_CLEFT.search(norm(opening.text)):
        return False    # "what strikes me | is you keep saying": the clause goes on
    if rules.RUN_ON_QUESTION_ONSET.match(norm(doc.text[doc[i].idx:])) is None:
        return False
    # A question word in place closes the question before it: "tu te sens comment | par rapport à ça".
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if doc[i].lower_ in IN_PLACE_WH and (nxt is None or nxt.is_punct or _pos(nxt) in ("ADP", "DET", "ADV")):
        return False
    # "do the operators know" asks; "let the numbers do the talking" does not: after a
    # determiner, a verb must follow its noun.
    if i + 1 < len(doc) and _pos(doc[i + 1]) == "DET":
        return any(t.tag_ == "VB" or t.pos_ == "VERB" and t.i > i + 2 for t in doc[i + 2:i + 6])
    return True


def _pause_restart(doc: Doc, i: int, start: int, rules) -> bool:
    """After a pause, the answer to the question said before it: "Comment tu te sens, le soir,
    quand tu fermes | vidée, franchement vidée". Whisper wrote the pause as a comma or nothing;
    the words before it must ask, and end a clause ("Qu'est-ce que tu | ..." waits for its verb)."""
    before = [t for t in doc[start:i] if not t.is_punct]
    if len(before) < 3:
        return False
    last = before[-1]
    return (_pos(last) not in ("DET", "ADP", "CCONJ", "SCONJ", "AUX") and last.lower_ not in SUBJECT_PRONOUNS
            and last.lower_ not in rules.LINKS and last.lower_ not in rules.SUBORDINATORS
            and rules.question_cue(doc[start:i].text) is not None)


def _run_on(doc: Doc) -> bool:
    """ASR lost the punctuation: a long stretch with no sentence end before its last token."""
    return len(doc) >= RUN_ON and not any(t.text in FINAL for t in doc[:-1])


def _run_on_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it lies in a run-on: a stretch between sentence ends of at
    least RUN_ON tokens. ASR drops punctuation here and there, not only everywhere."""
    out, stretch = [], []
    for tok in doc:
        stretch.append(tok)
        if tok.text in FINAL:
            out += [len(stretch) > RUN_ON] * len(stretch)
            stretch = []
    out += [len(stretch) >= RUN_ON] * len(stretch)
    return out


def boundaries(doc: Doc, lang: str, pauses: frozenset[int] = frozenset()) -> list[bool | None]:
    """For each token: True if a sentence starts there, False if none may, None to let the parser
    say. `pauses`: where in the text a segment begins after a QUESTION_PAUSE (characters)."""
    rules = RULES[lang]
    run_on = _run_on_tokens(doc)
    cuts: list[bool | None] = [True]
    start = 0
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if prev.text in FINAL and not tok.is_punct:
            cut = True
        elif doc[i].idx in pauses and not tok.is_punct and _pause_restart(doc, i, start, rules):
            cut = True
        elif tok.is_punct or prev.text in INNER:
            cut = False
        elif (_capital_restart(doc, i, start, rules) or _question_restart(doc, i, start, rules)
              or _answer_restart(doc, i, start, rules)
              or run_on[i] and (_subject_restart(doc, i, start, rules)
                                or _lowercase_question_restart(doc, i, start, rules))):
            cut = True
        else:
            cut = None
        cuts.append(cut)
        if cut:
            start = i
    return cuts


def sentences(text: str, lang: str, pauses: frozenset[int] = frozenset()) -> list[Span]:
    """Parse text into sentences. The parser keeps the boundaries set before it and adds
    its own, which are kept only in punctuated text, away from inner punctuation (it
    ignores a preset False), and when they leave at least MIN_PARSED tokens on each side.
    `pauses`: see boundaries."""
    nlp = pipeline(lang)
    doc = nlp.make_doc(text)
    cuts = []
    for name, proc in nlp.pipeline:
        if name == "parser":
            cuts = boundaries(doc, lang, pauses)
            for tok, cut in zip(doc, cuts):
                tok.is_sent_start = cut
        doc = proc(doc)
    forced = [i for i, cut in enumerate(cuts) if cut] + [len(doc)]
    # On a run-on without punctuation the parser's cuts are noise ("je vais réunir | le conseil").
    run_on = _run_on_tokens(doc)
    starts = []
    for i, cut in enumerate(cuts):
        if cut or (cut is None and not run_on[i] and doc[i].is_sent_start and _parser_cut_holds(
                doc, i, starts[-1], next(f for f in forced if f > i), RULES[lang])):
            starts.append(i)
    # A quote's closing words stay with it: "Tu viens le dimanche ? a-t-il dit."; so does a short
    # question that tags the one before: "Qu'est-ce qu'il lui avait promis ? Tu le sais ?"
    ends = starts[1:] + [len(doc)]
    starts = [i for n, (i, end) in enumerate(zip(starts, ends))
              if not (n and (_speaker_tag(doc, i, end) or _question_tag(doc, i, end) or _time_added(doc, i, end, lang)))]
    return [doc[a:b] for a, b in zip(starts, starts[1:] + [len(doc)])]


def _question_tag(doc: Doc, start: int, end: int) -> bool:
    """A question of a few words right after a question that only points back to it: its tag
    ("Tu le sais ?", "is that right?") or its options ("Les stocks ou l'ambiance ?"); not a
    question of its own ("Que dit l'inspection ?", "Tu as un budget ?")."""
    words = [t for t in doc[start:end] if t.is_alpha]
    return (doc[start - 1].text == "?" and doc[end - 1].text == "?" and 0 < len(words) <= MAX_QUESTION_TAG
            and QUESTION_TAG.match(norm(doc[start:end].text)) is not None)


def _time_added(doc: Doc, start: int, end: int, lang: str) -> bool:
    """A time said alone after the sentence it completes: "I'll reply to Colin's email. Tonight.",
    "j'irai sonner chez lui. Samedi matin." (after a question it answers, and stays apart)."""
    words = [t.text for t in doc[start:end] if not t.is_punct]
    when = PATTERNS[lang].match(norm(" ".join(words)))
    return doc[start - 1].text != "?" and when is not None and len(words) <= MAX_TIME_ADDED


def _speaker_tag(doc: Doc, start: int, end: int) -> bool:
    """A short lowercase sentence right after a '?' or '!': who said the line ("a-t-il dit")."""
    words = [t for t in doc[start:end] if t.is_alpha]
    return (doc[start - 1].text in ("?", "!") and doc[start].text[:1].islower()
            and 0 < len(words) <= MAX_SPEAKER_TAG)


def _parser_cut_holds(doc: Doc, i: int, start: int, end: int, rules) -> bool:
    """A parser cut must leave MIN_PARSED tokens each side and not fall inside a clause
    ("À quel moment as-tu senti | que ça dérapait"), nor inside a question that runs on
    to its '?' ("Qu'est-ce qui s'est passé exactement | il y a deux ans ?")."""
    return (i - start >= MIN_PARSED and end - i >= MIN_PARSED and doc[i].lower_ not in rules.SUBORDINATORS
            and _pos(doc[i - 1]) not in ("ADP", "DET", "CCONJ", "SCONJ")
            # Not after a hyphenated pronoun: "Demande-leur | de noter ...".
            and not (i >= 2 and doc[i - 2].text == "-") and not doc[i - 1].text.startswith("-")
            and not doc[i].text.startswith("-")     # "Tenez | -nous au courant"
            # Nor before a lowercase compound that goes on a clause: "un vrai | rendez-vous", "le dire | elle-même".
            and not ("-" in doc[i].text[1:] and doc[i].text.islower())
            and not (doc[end - 1].text == "?" and rules.opens_question(doc[start:i].text)))


def _goes_on(text: str, gap: float | None) -> bool:
    """Whisper cut inside a sentence. On continuous speech its segments are windows of a few
    seconds that end anywhere ("Et quand tu dis qu'elle" | "utilise pas le robot"), so only
    final punctuation or a long silence ends a sentence there; the cuts inside the stretch
    are then found as in any text (see boundaries)."""
    return not (text.endswith(tuple(FINAL)) or gap is not None and gap >= MAX_GAP)


def split(segments, lang: str) -> list[Sentence]:
    """Sentences of the segments, in order; each keeps the start of the segment it begins in
    and the end of the one it ends in. Segments are joined into stretches of speech unless one
    ends a sentence (see _goes_on)."""
    check_lang(lang)
    runs = []       # the segments (text, start, end, gap before) that make one stretch of speech
    for seg in segments:
        text = (seg.text or "").strip()
        if not text:
            continue
        last = runs[-1][-1] if runs else None
        gap = seg.start - last[2] if last and seg.start is not None and last[2] is not None else None
        if last and _goes_on(last[0], gap):
            runs[-1].append((text, seg.start, seg.end, gap))
        else:
            runs.append([(text, seg.start, seg.end, gap)])
    out = []
    for run in runs:
        ends, offset, pauses = [], 0, set()     # where each segment's text ends in the stretch
        for text, _, _, gap in run:
            if gap is not None and gap >= QUESTION_PAUSE and offset:
                pauses.add(offset)
            offset += len(text) + 1
            ends.append(offset)
        for span in sentences(" ".join(text for text, _, _, _ in run), lang, frozenset(pauses)):
            if any(t.is_alpha for t in span):
                first = next(i for i, e in enumerate(ends) if span.start_char < e)
                last = next(i for i, e in enumerate(ends) if span.end_char - 1 < e)
                out.append(Sentence(span, run[first][1], run[last][2]))
    return out
