"""English cues for the extraction kinds.

en_core_web_sm tags verbs and builds clauses reliably, so question structure is read
from the parse (an auxiliary before its subject; a wh-word inside the main clause, not
in a pseudo-cleft such as "What strikes me is ..."); the rest are phrase patterns.
"""
import re

from .context import Cue, verbs
from .dates import PATTERNS, said_deadline
from .text import norm, strip_fillers

normalise = norm  # the text the cue patterns read (French also mends ASR spellings)

FILLERS = re.compile(
    r"(?:and|so|well|okay|ok|right|um|uh|erm|just|also|but|then|now|yes|no|"
    r"(?:my |one |a |another |last |quick )?question)\b")
AUX = (r"(?:do|does|did|is|are|was|were|am|have|has|had|can|could|would|will|should|shall|"
       r"may|might|must)(?:n't)?")
PRONOUN_SUBJECT = (r"(?:you|we|they|he|she|i|it|there|that|this|these|those|the|your|our|their|"
                   r"his|her|my|everyone|everybody|anyone|anybody|someone|somebody|people)")
WH = r"(?:what|how|who|whom|whose|which|why|where|when)"
# "how long did", "which option do"; not "what I have learned is".
WH_AUX = re.compile(rf"{WH}(?: (?!(?:i|you|we|they|he|she|it)\b)\w+)? {AUX}\b")
TOPIC = 60    # characters of a topic or a name put before the question
WH_INVERTED = re.compile(rf"{WH}(?: \w+)? {AUX} (?:you|we|they|he|she|i)\b")
ASKING_STEPS = ("clarification", "contract", "synthesis", "learnings", "follow_up", "client_choice")
AFTER_TOPIC_NOT = re.compile(r"(?:who|which|whose|whom)\b|(?:is|was)\b(?! (?:he|she|it|there|they)\b|"
                             r" that (?:\w+(?:ed|en)|true|right|fair|normal|possible|ok|okay|new)\b)")
# A name put first is spoken to, and the wh-word after it asks: "Helen, who decided that".
NAME_FIRST = re.compile(r"(?:and |so )?[A-Z][a-z]+, (?:who|whose|which)\b")
# "What happens, contractually", "what goes through your head": a wh-subject and its verb; not the
# pseudo-cleft "what strikes me is".
WH_DOES = re.compile(r"(?:what|who) (?:happens|happened|goes|went|comes|came|matters|helps|decides|decided|"
                     r"counts|changed|worries you|stops you)\b(?!.* (?:is|was)\b(?! (?:he|she|it|there|they)\b))")
# "What's your relationship with him like", "How's Ray with the tablet".
WH_IS = re.compile(r"(?:what|how|where|who|why|when)'s (?!that\b|it\b)\w+")
AUX_FIRST = re.compile(rf"{AUX} (?:not )?{PRONOUN_SUBJECT}\b")
# Where ASR dropped the punctuation: a question opening mid-utterance, unless a linking
# word comes before it; a bare answer after a question; a new subject in a run-on
# (only where an item starts: "the resources I have" keeps its contact clause).
QUESTION_ONSET = re.compile(rf"(?:{WH} {AUX} {PRONOUN_SUBJECT}|{AUX} (?:you|we|they|it|there)) \w+")
# In a run-on (ASR lost the punctuation), a question opening after a noun or an adverb.
# Not "is"/"have" + a determiner, which go on a statement ("the figures are the problem").
RUN_ON_QUESTION_ONSET = re.compile(
    r"(?:do|does|did|don't|doesn't|didn't)(?: not)? (?:you|we|they|he|she|the|your|any|anyone|someone|"
    r"everyone|people)\b|"
    r"(?:is|are|was|were|have|has|can|could|would|should|will|isn't|aren't|haven't|shouldn't|"
    r"wouldn't|couldn't|can't|won't) (?:you|we|they|he|she|there)\b|"
    rf"{WH}(?:'s| \w+)? (?:do|does|did|is|are|was|were|have|has|can|could|would|should|will) "
    r"(?:you|we|they|he|she|it|the|your|that|this|there)\b|"
    r"(?:what|how) about \w+ing\b|why (?:don't|not) \w+|(?:what|where|how)'s\b|what happens\b|"
    r"what \w+s (?:you|your|him|her|them|me|us)\b|does (?:that|this|it) (?:work|make sense|sound|help|suit)\b")
# Verbs of asking or knowing, whose object may be an indirect question (read before spaCy's lemmas).
ASKING_VERB = re.compile(r"(?:ask|wonder|explain|check|figur|understand|understood|show)\w*|"
                         r"know|knows|knew|tell|tells|told|find|found")
INDIRECT_BEFORE = {"not", "know", "knows", "wonder", "ask", "asked", "sure", "idea", "understand",
                   "explain", "matter", "exactly"}
WH_OPENING = re.compile(rf"(?:\w+ )?{WH}\b")
LINKS = {"and", "but", "or", "so", "then", "how", "why", "when", "where", "what", "who", "which",
         "whom", "that", "if", "whether"}
ANSWERS = {"yes", "no", "yeah", "nope"}
SUBJECT_ONSET = re.compile(
    r"(?:(?:maybe|perhaps|probably|so|then) )?i(?:'ll|'m|'d|'ve| will| would| won't| am| can| could|"
    r" might| may| should| commit| learned| learnt| realised| realized| take away| plan| promise)\b|"
    r"(?:maybe |perhaps )?(?:you|we) (?:should|could|might|need to)\b|"
    r"(?:one|another|my) (?:idea|option|suggestion|guess|hypothesis)\b|what (?:strikes|struck) me\b|"
    r"my (?:plan|sense|feeling|impression|advice|request|question|takeaway|insight) is\b|"
    r"(?:it|this|that) (?:made|makes|taught|reminded) me\b|if i were you\b|why not\b")
# Words after which a subject goes on the same sentence ("the day that I ...").
SUBORDINATORS = {"that", "if", "when", "because", "and", "or", "but", "what", "where", "how", "why",
                 "who", "which", "whether", "so", "as", "since", "while", "though", "although",
                 "unless", "until", "than", "like", "the", "a", "an"}

DISGUISED = [
    # Not "have you thought about what happens if ...": a question word after it asks.
    re.compile(r"^(?:(?:have|had) you (?:\w+ )?(?:considered|thought about|thought of|tried|looked into|"
               r"explored|contemplated)|^did you (?:ever )?(?:consider|think about|think of))\b"
               r"(?! (?:what|how|why|who|whether|when|where)\b)"),
    # "Why don't you ask them", not "why don't they answer on Teams".
    re.compile(r"^why (?:don't|wouldn't|can't|do not) (?:you|we|i)\b|^why not\b"),
    re.compile(r"^(?:what|how) about (?:\w+ing|if)\b|^what if (?:you|we|they|i)\b"),
    re.compile(r"^(?:wouldn't|couldn't|shouldn't) \w+|^(?:isn't|won't|can't) (?:it|you|that|this|we)\b"),
    re.compile(r"^(?:do|don't) you (?:think|feel) (?:you|it|we) (?:could|should|would|might)\b"),
    re.compile(r"^you (?:could|should|might|can) (?!say|tell|describe|explain)\w+"),
]
# The same after a topic put first: "So a shared dashboard, wouldn't that take care of it?"
# Not the tag that closes a question ("..., wouldn't they?").
TOPIC_THEN_PROPOSAL = re.compile(r", (?:wouldn't|couldn't|shouldn't) (?:it|you|that|this|we|they) \w")
# "Would it help to ...", "Could you ask HR ...", but not "Could you tell us ..." nor
# "Could you help me ..." (asking the speaker proposes nothing).
MODAL_PROPOSAL = re.compile(r"^(?:would|could|should|might) (?:it|you|we|that|this) (?:just |maybe )?"
                            r"(?!say|tell|describe|explain|give|like|mind|agree|share|talk|help me|"
                            r"help us)\w+")

SUGGESTION = [
    re.compile(r"\byou (?:could|might|should|ought to|may want to|might want to|'d better|had better|"
               r"would do well to|can always)\b(?! (?:see|feel|hear|say)\b| tell (?:that|from|by|how|it was)\b|"
               # "you should've told him": a reproach about the past, not a proposal.
               r"'ve\b| have (?:\w+ed|been|done|gone|told|said|seen|known|got|made|taken|given)\b)"),
    re.compile(r"\bi(?:'d| would)? (?:suggest|recommend|advise|propose|encourage|invite)\b"),
    re.compile(r"\bmy (?:suggestion|advice|recommendation|proposal|tip)\b"),
    re.compile(r"\b(?:idea|option|suggestion|possibility|approach|thing to try)"
               r"(?: for you)? (?:would be|could be|might be|is)\b"),
    re.compile(r"\bif i were you\b|\bin your (?:shoes|place|position)\b"),
    re.compile(r"\bwhy not \w+|\bhow about \w+|\bwhat about \w+ing\b"),
    re.compile(r"^(?:try|consider|think about) \w+ing\b|^try to\b|^(?:don't hesitate to|make sure)\b|"
               # Negated advice is none (CONVENTIONS.md), but these mean "do": "don't forget to call her".
               r"^(?:don't|do not) (?:be afraid|forget)\b"),
    re.compile(r"\bit (?:might|may|could|would) be (?:\w+ )?(?:worth|a good idea|wise)\b"),
    # "The best thing would be to ...", "the simplest option is to ...".
    re.compile(r"\bthe (?:best|simplest|easiest|first|smartest|safest) (?:thing|step|option|move|way)"
               r"(?: to do| forward)? (?:would be|is|might be|could be) to\b"),
]
# Impersonal or first-person proposals: suggestions when consultants speak.
CONSULTANT_SUGGESTION = [
    re.compile(r"\b(?:it would|it'd|it might|it could) be (?:\w+ )?(?:good|useful|helpful|better|smart|wise|"
               r"interesting|great)\b|\b(?:it would|it'd|it might|it could|it may) (?:really )?help (?:to|if)\b"),
    re.compile(r"\b(?:you can|we could|you need to|you have to)\b(?! (?:see|tell|feel|hear|say|"
               r"imagine|understand)\b)"),
    re.compile(r"\bi(?:'d| would) (?:be careful|think twice|hold off|avoid)\b"),
    re.compile(r"\b(?:it's|it is|it'd be|it would be) (?:\w+ )?worth \w+ing\b"),
    re.compile(r"\bi(?:'d| would) (?!like|love|say|think|be|have|want|prefer|hate|imagine|guess|agree|"
               r"need|not|never|\w+ed\b|done|been|gone|had|seen|known|told|said|made|got|taken|given|thought|felt|"
               r"left|now|too|then|either|probably|maybe|still)\w+"),
]
# The first verb of an imperative that is discourse, not advice ("Look, ...", "Let me ...").
NOT_ADVICE = {"thank", "look", "see", "listen", "say", "imagine", "mind", "excuse",
              "welcome", "wait", "hang", "come"}
# "Say something about it", "say no": advice; "Say, ..." and "say you tell him" are not.
SAID_AS_ADVICE = {"something", "it", "no", "yes", "that", "so", "thank", "sorry"}

ENGAGE = re.compile(
    r"\b(?:i|we)(?: (?:commit|promise|pledge|plan|intend|aim|resolve)| am committed|'m committed|"
    r" are committed|'re committed| have decided|'ve decided| am determined|'m determined|"
    r" am planning|'m planning| are planning|'re planning) to\b|"
    r"\bmy (?:next |first )?(?:commitment|action|step|plan) (?:is|will be)\b|\bi promise\b|\bthat's a promise\b|"
    r"\bi(?:'ll| will) \w+.*, promise\W*$")     # "I'll bring something next time, promise."
WILL = re.compile(
    r"\b(?P<subject>i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|"
    r"'m gonna| am gonna) (?P<neg>not |never,? (?:ever,? )?)?"
    r"(?P<adv>(?:\w+ly |also |then |first |just |still |now |right away |soon |maybe |perhaps )*)"
    r"(?P<verb>[a-z]+)(?P<after>.*)")
# The verbs that make "I'll <verb>" discourse rather than an action: data, in context/en.toml.
VERBS = verbs("en")
CONFIDING, SPEECH, DISCOURSE = VERBS["confiding"], VERBS["speech"], VERBS["discourse"]
THINKING, NOT_INTENT, LEADING = VERBS["thinking"], VERBS["not_intent"], VERBS["leading"]
BLUNT = re.compile(r"\s*(?:honest|brief|quick|frank|short|clear)\b")
ACTION_STEPS = ("synthesis", "learnings", "follow_up")
# Said to someone present: "I'll send you the write-up".
ADDRESSEE = re.compile(r"\byou\b")
# A feeling about a date, not a plan: "Nervous about Friday."
FEELING = re.compile(r"\b(?:nervous|anxious|scared|worried|excited|relieved|dreading|terrified|stressed|"
                     r"apprehensive|looking forward)\b")
TIME_MARKER = re.compile(
    r"\b(?:from now on|starting (?:next|tomorrow|monday|tuesday|wednesday|thursday|friday|today)|"
    r"(?:from|starting with|as of) the next|"
    r"from (?:next|tomorrow|monday|tuesday|wednesday|thursday|friday)|as of (?:next|tomorrow|today)|"
    r"next week|tomorrow|by (?:monday|tuesday|wednesday|thursday|friday|the end of)|"
    r"(?:starting|from|as of) (?:in |on )?(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)|before (?:christmas|the summer|the holidays|the break|half-term))\b")

LEARNING = re.compile(
    r"\bi(?:'m| am) (?:learning|realising|realizing)\b|\bi (?:now |really |also )?(?:learn|realise|realize)\b|"
    r"\bi(?:'ve| have) come to (?:understand|realise|realize|see)\b|"
    r"\bwhat i(?:'m| am| will|'ll)? (?:take away|take from|take home|taking away|retain|keep)\b|"
    r"\bi(?:'ll| will)? take away\b|\bwhat (?:stays|will stay|stuck|has stuck) with me\b|"
    r"\bmy (?:main |big |biggest |key |real )?(?:takeaway|take-away|take away|learning|lesson)\b|"
    r"\bthe (?:main |big |biggest |key |real )?(?:takeaway|lesson|learning) for me\b|"
    r"\b(?:it|this|that|today|this session|the session|your story) (?:has )?(?:(?:made|helped) me "
    r"(?:realise|realize|aware|see|understand|notice)|taught me|reminded me)\b|"
    r"\bi'm (?:leaving|going home) with\b|\bwhat i(?:'m| am) (?:taking|bringing) (?:home|away|with me)\b|"
    r"\bmy (?:main |big |biggest |key |real )?insight\b|\bthe (?:main |big |key )?insight for me\b")
LEARNING_LOOKING_BACK = re.compile(
    r"\b(?:i|i've|i have) (?:learned|learnt|realised|realized|discovered|understood|became aware|"
    r"become aware)\b|"
    r"\bwhat i (?:learned|learnt|realised|realized|discovered)\b")
LEARNING_IN_REVIEW = re.compile(
    r"\b(?:what|the (?:part|thing|idea|moment)(?: that)?) (?:struck|touched|stayed with|moved|surprised) me\b|"
    # Understanding now, said in the learnings: "I now see that ...", "I see now how ...".
    r"\bi (?:now |finally |better )(?:see|understand|know)\b|\bi (?:see|understand) (?:now|better)\b|"
    r"\bi(?:'ll| will) remember\b|\b(?:it|that|this) (?:hit|struck|dawned on) me\b|\bit hit home\b|"
    r"\bwhat i(?:'m| am) (?:walking away|leaving|going home) with\b|\bwhat i(?:'m| am)? noticing\b|"
    r"\bthe big one(?: for me)? is\b|\bi(?:'d| had) never (?:seen|thought of|looked at) it (?:that|this|like that) way\b|\b(?:stuck|stays|stayed) with me\b|^(?:and )?for me,? (?:it's|it is) that\b|"
    r"\b(?:the thing|the bit|the part|what) i(?:'ll| will)? (?:hold on to|hold onto|hang on to|hang onto|keep hold of|keep)\b|"
    # What the speaker takes home, whatever the verb: "what I take with me is that ...", "what I
    # discover today is that ...", "the lesson for me is that ...", "mine is that ...".
    r"\bwhat i(?:'ve| have|'ll| will|'m| am)? (?:[\w',]+ ){1,8}is,? that\b|\bwhat i(?:'m| am) taking is\b|"
    r"\bthe (?:\w+ )?lesson(?: [\w']+){0,4} is that\b|\bthe lesson (?:for me )?is\b(?!\W*$)|"
    r"\b(?:what|something|the thing)(?: that)?(?:'ll| will) stay with me\b|\bthe penny dropped\b|"
    r"\bit clicked(?: for me)?\b|"
    r"^(?:and )?mine is (?:that|how)\b|^(?:and )?for me,? (?:\w+,? )?(?:it's|it is|it was) (?:that|realising|realizing|"
    r"seeing|learning|understanding)\b|\bit(?:'s| has) landed (?:with|for) me\b|"
    r"\bi (?:finally |now )?get (?:it )?(?:now )?that\b|"
    r"\bthe (?:\w+ )?(?:thing|one|bit|part|idea|lesson)(?: (?:that|i|i'm|i'll|i've) [\w' ]{1,40}?)?(?: for me| with me)?"
    r" is,? (?:that|i)\b|\bwhat's (?:[\w']+ ){1,4}(?:with me|for me) is that\b|"
    r"\bi (?:recognised|recognized|saw) myself in\b")
LEARNING_NEGATED = re.compile(
    r"\bi (?:didn't|did not|haven't|have not) (?:really )?(?:learn|realise|realize)")
# A lesson said as a general truth: "it's not X, it's Y", "silence from a manager gets read as a decision".
MAXIM = re.compile(r"\b(?:it|that)(?:'s| is) not [^,]+, it(?:'s| is)\b|\bis (?:a|the) (?:way|form) of\b|\b(?:isn't|is not|aren't|are not) the same\b|"
                   r"\b(?:gets|get|is|are) (?:read|heard|taken|seen|perceived|experienced|felt) as\b|^when you\b|\bthe (?:hardest|most important) "
                   r"(?:part|thing) is\b")
SPEAKER = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|my|me|you're|your)\b")
# The steps of the session, as the facilitator names them to lead the group through them.
SESSION_STEP = re.compile(r"\bthe (?:session|consultation|clarification|synthesis|round|learnings|follow-up)\b|"
                          r"\btoday's client\b|"
                          r"\bhow (?:today|tonight|the session|this session|it all) went\b")
SPEAKER_IN_PLAN = re.compile(r"\b(?:i|we|me|us)\b")
# Changing how the next sessions run is a commitment: "next time we'll give the consultation thirty minutes".
NEXT_TIME = re.compile(r"\bnext (?:time|session)\b")
SESSION_TALK = re.compile(r"\b(?:session|timing|minutes|round|consultation|contract|clarification|next time)\b")
PAST = re.compile(r"\b(?:was|were|had|did)\b|\b\w+ed\b")
# Thanks rather than a learning: "I learned a lot today, thank you."
NO_CONTENT = re.compile(
    r"\b(?:learned|learnt|learn)(?: (?:a lot|so much|loads|many things|plenty))?"
    r"(?: (?:today|tonight|here|from you all|from you))?\W*(?:thanks?\b.*|thank you\b.*)?$")

DEMAND = re.compile(
    r"\bmy (?:request|demand|ask)\b|\bmy question (?:to|for) (?:you|the group|all of you)\b|"
    r"\bwhat i(?:'d| would)? (?:expect|like|want|need|hope for|am asking|'m asking) "
    r"(?:from|of) (?:you|the group|this group|this session|all of you|everyone)\b|"
    r"\bi(?:'d| would) like (?:you|the group|everyone) to help\b|"
    r"\bi(?:'d| would) (?:really )?(?:like|love|appreciate) (?:your|the group's) (?:\w+ )?"
    r"(?:help|advice|ideas|input|thoughts|perspectives?|views|feedback|experiences?|suggestions)\b|"
    r"\bi (?:really )?need (?:your|the group's) (?:help|advice|ideas|input)\b|\bi'm asking (?:you|the group)\b|"
    r"\bi(?:'d| would) (?:really )?like (?:some )?help (?:with|figuring|working|to|on)\b|"
    r"\bwhat i(?:'d| would) like is (?:your|the group's|some) help\b|"
    r"\b(?:can|could) you (?:all |guys )?help me\b|(?:^|: )help me\b|"
    r": how (?:do|can|could|should|would) (?:i|we)\b|"    # "let me say it again: how do I ..."
    r"\b(?:you|the group|you all) (?:can|could|will|would|might) help me\b|"
    r"\bwhat i'm (?:looking|hoping) for (?:from you |from the group )?is\b|"
    r"\bwhat i need help with\b|\bwhat i(?:'m| am) asking (?:for )?is\b|\bwhat i(?:'d| would) like (?:some )?help with\b|\bi(?:'m| am) (?:looking|hoping) for (?:your |some |concrete |practical |new )?(?:ideas|advice|help|"
    r"suggestions|input|ways|perspectives)\b|\bwhat i need (?:from (?:you|the group) )?is\b|"
    r"\bi(?:'d| would) like to (?:leave|walk away|go home|come away) with\b")


# The group asked whether it agrees, the '?' lost: "Okay for everyone".
# The facilitator giving the floor to the group, its '?' lost: "On the session itself, anything to adjust".
GROUP_PROMPT = re.compile(r"(?:anything (?:to add|to adjust|else|from you)|any (?:other )?(?:questions|comments|reactions|"
                          r"thoughts)|anyone|anybody)\W*$")
AGREEING = re.compile(r"(?:ok|okay|good|all right|alright|fine) (?:for|with) (?:everyone|everybody|you all|all of you)|"
                      r"(?:everyone|everybody) (?:ok|okay|happy|agreed|on board)|we're all agreed\b")


def _clause(text: str) -> str:
    return strip_fillers(norm(text), FILLERS)


def question_cue(text: str) -> Cue | None:
    """What makes text read as a question from its words alone (no '?' needed): an auxiliary
    before its subject or a wh-word with its auxiliary, at the start or after a topic or a
    name put first ("And the backlog, when did it start", "Priya, how urgent is yours")."""
    t = norm(text)
    c = _clause(text)
    if c.endswith("!"):
        return None
    offset = len(t) - len(c)
    for start in [0] + [m.end() for m in re.finditer(r", ", c[:TOPIC])][:2]:
        m = AUX_FIRST.match(c, start) or WH_AUX.match(c, start) or WH_IS.match(c, start) or WH_DOES.match(c, start)
        # After a topic, not a relative clause ("my dad, who was a GP"), the copula of a pseudo-cleft
        # ("what worked, weirdly, was ...") nor a closing tag ("that's half of it, isn't it").
        if m and start and (AFTER_TOPIC_NOT.match(c, start) and not NAME_FIRST.match(text.strip())
                            or not c[m.end():].strip(" .?!")):
            continue
        if m:
            return Cue.matched(m, offset)
    return None


def opens_question(text: str) -> bool:
    return question_cue(text) is not None


SOFTENERS = {"maybe", "perhaps", "just", "also", "definitely", "really", "then"}


def _first_word(sent):
    """The first token after the fillers, a name said first ("Dev, have a look ...") and a
    softening adverb ("Maybe try ...")."""
    skipped = len(norm(sent.text)) - len(_clause(sent.text))
    toks = [tok for tok in sent if tok.idx - sent.start_char >= skipped and not tok.is_punct]
    if len(toks) > 1 and toks[0].pos_ == "PROPN" and toks[0].i + 1 < len(sent.doc) and sent.doc[toks[0].i + 1].text == ",":
        toks = toks[1:]
    if len(toks) > 1 and toks[0].lower_ in SOFTENERS:
        toks = toks[1:]
    return toks[0] if toks else None


def is_question(sent, step: str) -> Cue | None:
    text = sent.text.rstrip()
    t = norm(text)
    c = _clause(text)
    offset = len(t) - len(c)
    whole = Cue("«?»", t.rfind("?"), t.rfind("?") + 1) if "?" in t else Cue("question form", offset, len(t))
    # A tag said flat asks nobody: "But then I'm not really the manager, am I."
    if re.search(r", (?:am|is|are|was|were|do|does|did|have|has|can|will|would)(?:n't)? (?:i|it|you|he|she|we|they)\.$", t):
        return None
    # A word alone ("Honestly?") echoes what was just said, but for the floor given to all: "Anybody?"
    if len(re.findall(r"\w+", t)) < 2:
        return whole if "?" in t and re.fullmatch(r"\W*(?:anybody|anyone|someone|others)\W*", t) else None
    cue = question_cue(text)
    if "?" in text:
        return cue or whole
    # In the clarification the consultants ask: a sentence to "you" that lost its final
    # punctuation was said as a question ("you've talked to HR already").
    if not text.endswith((".", "!", "…")):
        m = AGREEING.search(t) or GROUP_PROMPT.search(t)
        if m:
            return Cue("asking the group", m.start(), m.end())
        if step == "clarification" and re.match(r"you\b|why not\b", c):
            return Cue("said to the client, no final punctuation", offset, len(t))
    if c.endswith("!"):
        return None
    # A tag asks for a yes or no: "Your manager backs you or not" (but "I don't know whether ... or not").
    m = re.search(r"\bor not\W*$", c)
    if m and not re.search(r"\b(?:whether|if)\b", c) and not text.endswith("."):
        return Cue("tag «or not»", offset + m.start(), offset + m.end())
    if c.startswith("why not"):
        return None    # "Why not ask them." said flat is a proposal, like "Pourquoi ne pas ..."
    # Said flat with a full stop, a wh-word reports or introduces: "Where are you on this, where
    # are you on that.", "Which might be true."
    flat = text.endswith(".")
    if cue is not None:
        # Where the group asks, a wh-word with its auxiliary before a person still asks: "What are
        # you each taking away, and then a word on how today went."
        inverted = AUX_FIRST.match(c, cue.start - offset) or step in ASKING_STEPS and WH_INVERTED.match(c, cue.start - offset)
        return None if flat and not inverted else cue
    m = next((m for p in DISGUISED[:3] if (m := p.match(c))), None) or re.match(r"how come\b", c)
    if m:
        return Cue.matched(m, offset)
    first = _first_word(sent)
    if first is None or flat:
        return None
    found = Cue(f"«{first.text}»", first.idx - sent.start_char, first.idx + len(first) - sent.start_char)
    if re.fullmatch(AUX, first.lower_):
        # Inversion: the auxiliary comes before the subject of its clause.
        nxt = next((t for t in sent[first.i - sent.start + 1:] if t.dep_ != "neg"), None)
        while nxt is not None and nxt.dep_ in ("det", "poss", "compound", "amod"):
            nxt = nxt.head
        return found if nxt is not None and nxt.dep_ in ("nsubj", "nsubjpass", "expl") else None
    if re.fullmatch(WH, first.lower_):
        # The wh-word must belong to the main clause: "What strikes me is ..." is a statement.
        tok = first
        while tok.dep_ != "ROOT" and tok.pos_ not in ("VERB", "AUX"):
            tok = tok.head
        return found if tok.dep_ == "ROOT" or WH_AUX.match(c) is not None else None
    return None


def is_disguised(sent) -> bool:
    c = _clause(sent.text)
    if any(p.match(c) for p in DISGUISED) or TOPIC_THEN_PROPOSAL.search(c):
        return not c.startswith("why didn't")
    return bool(MODAL_PROPOSAL.match(c))


def _imperative(sent):
    """"Try asking last year's leavers ...": the bare verb opening the sentence, or the clause
    after a topic put first ("The booking data, use it"), that does not ask the speaker ("Tell
    us more about the board")."""
    first = _first_word(sent)
    if first is not None and _advises(first, root=True):
        return first
    comma = next((t for t in sent if t.text == "," and t.idx - sent.start_char <= TOPIC), None)
    if comma is not None and comma.i + 1 < sent.end and not any(
            t.pos_ in ("VERB", "AUX") for t in sent.doc[sent.start:comma.i]):
        after = sent.doc[comma.i + 1]
        if _advises(after, root=False):
            return after
    return None


def _advises(first, root: bool) -> bool:
    """Whether the token is a bare verb of advice: an imperative without a subject. After a
    topic the parser reads the topic as the subject of a present ("The booking data, use it")."""
    after = first.doc[first.i + 1].lower_ if first.i + 1 < len(first.doc) else ""
    # On a long sentence the parser may hang the opening verb on a later one ("Go to Fergal before
    # anyone hears, ..., and let him pick"): a clause's head, not a noun's modifier.
    return ((first.tag_ == "VB" and first.dep_ in ("ROOT", "advcl", "ccomp", "conj", "parataxis")
             or not root and first.tag_ in ("VB", "VBP"))
            and (first.lemma_ not in NOT_ADVICE or first.lemma_ == "say" and after in SAID_AS_ADVICE)
            and not (first.lemma_ == "go" and after in ("ahead", "on"))
            # "Let the newsroom know ..." advises; "let me", "let's" take the floor.
            and not (first.lemma_ == "let" and after in ("me", "us", "'s"))
            and not any(t.dep_ == "nsubj" and (root or t.i > first.i) or t.lower_ in ("me", "us")
                        for t in first.children))


# An answer reporting what someone said: "That they should work harder."
REPORTED = re.compile(r"^that (?:i|you|he|she|they|we|it|the|my|his|her|their)\b")


# Consultants propose in the consultation; in the clarification and the follow-up only a proposal
# said as such ("you could ...", "if I were you ...") is one. Elsewhere the client speaks.
SUGGESTION_STEPS = ("clarification", "consultation", "follow_up")


def is_suggestion(sent, step: str) -> Cue | None:
    if step not in SUGGESTION_STEPS:
        return None
    t = norm(sent.text)
    c = _clause(sent.text)
    offset = len(t) - len(c)
    if REPORTED.match(c):
        return None
    m = next((m for p in SUGGESTION if (m := p.search(c))), None)
    if m:
        return Cue.matched(m, offset)
    if step != "consultation":
        return None
    m = next((m for p in CONSULTANT_SUGGESTION if (m := p.search(c))), None)
    if m:
        return Cue.matched(m, offset)
    first = _imperative(sent)
    if first is not None:
        return Cue(f"imperative «{first.text}»", first.idx - sent.start_char, first.idx + len(first) - sent.start_char)
    return None


def _base(word: str) -> str:
    """"explaining" -> "explain", "sharing" -> "share" (enough for the word lists here)."""
    if not word.endswith("ing"):
        return word
    return word[:-3] + "e" if word[:-3] + "e" in SPEECH else word[:-3]


def _is_action(verb: str, after: str, step: str) -> bool:
    """Whether "I'll <verb> <after>" is an act (not discourse, thinking, or a vague "see")."""
    after = after.strip()
    if verb in LEADING:
        # "I'll try to call her", "I'll start weekly check-ins"; a bare "I'll start" is no act,
        # and "I'll start with ..." is one only where the speaker plans.
        inner = re.match(r"(?:(?:to|and|by) )?(\w+)(.*)", after)
        if inner is None:
            return False
        if inner.group(1) == "with":
            return step in ACTION_STEPS
        return _is_action(_base(inner.group(1)), inner.group(2), step)
    if verb in DISCOURSE and re.fullmatch(r"(?:us |it )?(?:here|there|up|now|with that|in)?\W*", after) \
            or verb in ("call", "jump") and re.fullmatch(r"(?:it|in)\b.*", after) \
            or verb == "call" and _naming(after):
        return False
    if verb in NOT_INTENT or verb == "take" and re.match(r"(?:away|home|from)\b", after) \
            or verb in ("hold", "hang") and re.match(r"on to\b|onto\b", after):
        return False
    if verb in CONFIDING and re.match(r"(?:that|i\b|i'm|to you|it|\W*$)", after):
        return False
    if verb in THINKING or verb == "see" and re.match(r"(?:what|if|how|whether|about)\b|\W*$", after):
        return False
    ongoing = re.match(r"(\w+ing)\b(.*)", after) if verb == "be" else None
    if ongoing:     # "I'll be thinking about it", "I'll be seeing her Monday": the -ing verb acts
        return _is_action(_base(ongoing.group(1)), ongoing.group(2), step)
    if verb == "be" and BLUNT.match(after) or verb == "keep" and re.match(
            r"(?:this|it|things|my (?:story|presentation))(?: \w+)? (?:short|brief)\b", after):
        return False
    addressed = re.match(r"(?:you|us|everyone|the group)\b", after)
    # "I'll say, it's a very welcoming group": taking the floor.
    return not (verb in SPEECH and (addressed or step not in ACTION_STEPS or after.startswith(",")))


def _naming(after: str) -> bool:
    """"One of my drivers, I'll call him Tom," names someone in a story; "I'll call him tomorrow" acts."""
    m = re.match(r"(?:him|her|them)(?: the)?(?: \w+)?\s*(?:[,.;!?]|$)", after)
    return m is not None and not (TIME_MARKER.search(m.group(0)) or said_deadline(m.group(0), "en"))


def _told_by_speaker(tok) -> bool:
    """A past tense of the speaker's ("I called her"), not someone else's ("she asked for a chat")."""
    # ("we've moved the meetings to Thursdays" tells it too)
    told = tok.tag_ == "VBD" or tok.tag_ == "VBN" and tok.lower_ != "got" and any(
        c.dep_ == "aux" and c.lower_ in ("'ve", "have", "has") for c in tok.children)   # "I've got" has
    return told and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("i", "we") for c in tok.children)


def is_commitment(sent, step: str) -> Cue | None:
    cue = _commitment(sent, step)
    t = norm(sent.text)
    # The facilitator leading the group: "then we'll say a word about the session".
    if cue and SESSION_STEP.search(t) and not NEXT_TIME.search(t) and re.match(r"(?:we|us)\b", t[cue.start:cue.end]):
        return None
    return cue


def _commitment(sent, step: str) -> Cue | None:
    t = norm(sent.text)
    m = ENGAGE.search(t)
    if m:
        return Cue.matched(m)
    m = WILL.search(t)
    if m:
        # "I don't know if I'll stay": an intention under "if"/"whether" is an open question.
        if re.search(r"\b(?:if|whether)\s*$", t[:m.start()]) or m.group("neg") \
                or not _is_action(m.group("verb"), m.group("after"), step):
            return None
        return Cue(f"«{t[m.start():m.end('verb')]}»", m.start(), m.end("verb"))
    # Present tense with a time to come: "From next week, our meetings are thirty minutes.";
    # only where the speaker plans ("we have to ship by June" presents the situation), and by
    # the people present.
    span = _time_clauses(sent) if step in ACTION_STEPS else None
    if span is None:
        return None
    said, tokens = span
    if re.search(r"\b(?:not(?! only)|never)\b|n't\b", re.split(r"\b(?:so|because|so that)\b", said)[0]) \
            or re.search(r"\b(?:i|we) (?:might|may|could|would|should)\b", said) \
            or not re.search(r"\bwill\b|'ll\b|\bgoing to\b", t) and any(_told_by_speaker(tok) for tok in tokens):
        return None
    # The speaker in the plan, or elsewhere in the sentence: "Notes will be in your inbox by Friday, that's on me".
    m = SPEAKER_IN_PLAN.search(t, max(t.find(said), 0)) or SPEAKER_IN_PLAN.search(t)
    if m:
        return Cue(f"present with a time to come «{m.group(0)}»", m.start(), m.end())
    # The client's plan said of things: "The status checks stop from Monday." (but "he
    # arrives tomorrow" is news of someone).
    if step in ("synthesis", "follow_up") and not re.search(r"\b(?:he|she|they)\b", t) and not FEELING.search(t):
        return Cue("plan with a time to come")
    return None


def _time_clauses(sent):
    """The clause that names a time to come (and the one after it, when that clause is little
    more than the time), as text and tokens, or None: what is negated or told in the past
    elsewhere in the sentence ("From Monday, estimates get done in a consult room, I don't need
    anyone's permission") is no part of the plan."""
    text = sent.text.lower()
    when = TIME_MARKER.search(text) or next(
        (m for m in PATTERNS["en"].finditer(text) if " ".join(m.group(0).split()) != "today"), None)
    if when is None:
        return None
    bounds = [0, *(i + 1 for i, c in enumerate(text) if c in ",;"), len(text) + 1]
    first = max(i for i, b in enumerate(bounds[:-1]) if b <= when.start())
    only_the_time = len(text[bounds[first]:bounds[first + 1]].split()) <= len(when.group(0).split()) + 2
    start, end = bounds[first], bounds[min(first + (2 if only_the_time else 1), len(bounds) - 1)]
    return norm(text[start:end]), [tok for tok in sent if start <= tok.idx - sent.start_char < end]


def is_demand(sent, step: str) -> Cue | None:
    if step != "contract":
        return None
    m = DEMAND.search(norm(sent.text))
    return Cue.matched(m) if m else None
